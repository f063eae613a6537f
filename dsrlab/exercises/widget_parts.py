"""The small parts every exercise widget is built from, sharing one Layout and Style model each.

Every ipywidgets model is a comm, and in a kernel opening one costs about a millisecond.
Left to itself ipywidgets gives each control its own Layout model and (most) their own
Style model too, two thirds of an exercise's ~50 comms. All exercises of a kernel share
one instance of each instead. Nothing may change a shared one afterwards (it would
change every exercise on the page): layouts and styles here are set only at creation.
"""

from __future__ import annotations

import html
import re

import ipywidgets as w

__all__ = ["SHARED", "shared", "esc", "rich", "html_part", "label", "checkbox", "item_row"]

KINDS = {
    "layout": lambda: w.Layout(),
    "auto": lambda: w.Layout(width="auto"),
    "position": lambda: w.Layout(width="14em"),  # "Position of A" and a number
    "area": lambda: w.Layout(width="95%"),
    "html": lambda: style_of(w.HTML),
    "label": lambda: style_of(w.Label),
    "button": lambda: style_of(w.Button),
    "checkbox": lambda: style_of(w.Checkbox),
    "wide": lambda: style_of(w.Dropdown, description_width="initial"),  # and RadioButtons
    "wide_text": lambda: style_of(w.Text, description_width="initial"),  # and Textarea
}
SHARED: dict[str, w.Widget] = {}


def style_of(widget_class, **traits) -> w.Widget:
    # Most Style classes (HTMLStyle, CheckboxStyle, ...) are not exported by ipywidgets;
    # the widget's own ``style`` trait names the class it accepts.
    return widget_class.class_traits()["style"].klass(**traits)


def shared(kind: str) -> w.Widget:
    """The kernel's shared Layout or Style model of ``kind`` (a key of ``KINDS``).

    Made on first use, never at import (a model opens a comm, which needs the kernel); the
    same instance on every call, unless it was closed (``Widget.close_all()``).
    """
    model = SHARED.get(kind)
    if model is None or model.comm is None:
        model = SHARED[kind] = KINDS[kind]()
    return model


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def rich(text) -> str:
    """Exercise text, escaped, with `inline code` shown as code (nothing else is markup)."""
    return re.sub(r"`([^`\n]+)`", r"<code>\1</code>", esc(text))


def html_part(value: str = "", css: str | None = None) -> w.HTML:
    # CSS classes given at creation travel in the comm's opening message; add_class()
    # afterwards would send one more message per widget.
    return w.HTML(value, layout=shared("layout"), style=shared("html"),
                  _dom_classes=[css] if css else [])


def label(value: str = "") -> w.Label:
    return w.Label(value, layout=shared("layout"), style=shared("label"))


def checkbox(text: str) -> w.Checkbox:
    return w.Checkbox(value=False, description=text, indent=False, layout=shared("auto"),
                      style=shared("checkbox"))


def item_row(mark: str, text: str, control: w.Widget) -> list[w.Widget]:
    """An ordering or categorise item: its text (wrapped), then its control (no extra box)."""
    return [html_part(f"<div><strong>{esc(mark)}.</strong> {rich(text)}</div>"), control]
