"""Our widget classes extend ipywidgets without replacing any of its own methods.

A subclass that defines, say, ``open`` replaces ``Widget.open``, the method that opens the
widget's comm: the kernel then never tells the page about the model, and JupyterLab shows
"Error displaying widget: model not found" instead of the form (this happened to the
peer-review form). Every name a class defines must be new to ipywidgets, except the
hooks we mean to override.
"""

from __future__ import annotations

import importlib
import inspect

import ipywidgets as w
import pytest

MODULES = ["dsrlab.exercises.widgets", "dsrlab.exercises.peer_widget",
           "dsrlab.exercises.onboarding", "dsrlab.exercises.inbox_widget"]
MEANT_TO_OVERRIDE = {"__init__", "__doc__", "__module__", "__qualname__", "__dict__",
                     "__weakref__", "__annotations__", "_repr_mimebundle_"}


def _widget_classes():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, w.Widget) and cls.__module__ == name:
                yield cls


CLASSES = list(_widget_classes())


def test_every_module_with_widgets_is_listed():
    import pathlib

    import dsrlab

    root = pathlib.Path(dsrlab.__file__).parent
    with_classes = {
        "dsrlab." + ".".join(p.relative_to(root).with_suffix("").parts)
        for p in root.rglob("*.py")
        if any(line.startswith("class ") and ("(w." in line or "VBox" in line)
               for line in p.read_text(encoding="utf-8").splitlines())
    }
    assert with_classes == set(MODULES)
    assert len(CLASSES) == 4


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_no_widget_class_replaces_an_ipywidgets_name(cls):
    base = next(b for b in cls.__mro__[1:] if b.__module__.startswith("ipywidgets"))
    theirs = set(dir(base))
    bookkeeping = set(vars(type("Empty", (base,), {})))  # what traitlets adds to any class
    ours = set(vars(cls)) - MEANT_TO_OVERRIDE - bookkeeping
    assert not ours & theirs, f"{cls.__name__} replaces {sorted(ours & theirs)} of {base.__name__}"


def test_the_peer_review_form_has_a_model_the_page_can_find():
    import dsrlab

    form = dsrlab.peer_review()
    assert form.comm is not None and form.model_id
    assert all(child.comm is not None for child in form.children)
