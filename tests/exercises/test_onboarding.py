"""The name form of 00_start_here: type a name, press Save, read what happened in words."""

import pytest

import dsrlab
from dsrlab.base import i18n
from dsrlab.exercises import store as answers


@pytest.fixture(autouse=True)
def fresh(answers_dir, monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.setitem(i18n._state, "lang", None)
    monkeypatch.delenv("DSRLAB_STUDENT", raising=False)
    return answers_dir


def test_a_new_student_is_asked_for_a_name_then_saved():
    form = dsrlab.name_widget()
    assert form.text.description == "Your name" and form.text.value == ""
    assert form.save_button.description == "Save"
    assert {"dsrlab-name"} <= set(form._dom_classes)
    assert form.feedback_text == "You have not given your name yet: type it and press Save."
    form.text.value = "  Ana   Pérez "
    form.save_button.click()
    assert form.feedback_text == "✔ Saved. Your answers are now kept under the name Ana Pérez."
    assert 'role="status"' in form.feedback.value
    assert dsrlab.get_student() == "Ana Pérez" and form.text.value == "Ana Pérez"
    again = dsrlab.name_widget()  # next session: the name is shown, nothing to redo
    assert again.text.value == "Ana Pérez"
    assert again.feedback_text == "Your answers are kept under the name Ana Pérez."


@pytest.mark.parametrize("typed", ["", "   ", "anonymous", "Anonymous"])
def test_no_name_is_refused_in_words(typed):
    form = dsrlab.name_widget()
    form.text.value = typed
    form.save_button.click()
    assert form.feedback_text == "✘ Type your name first, then press Save."
    assert dsrlab.get_student() == "anonymous"


def test_a_name_the_store_refuses_is_explained_and_not_saved():
    form = dsrlab.name_widget()
    form.text.value = "!!!"
    form.save_button.click()
    assert form.feedback_text.startswith("✘ Not saved: student name '!!!' is not usable")
    assert dsrlab.get_student() == "anonymous"


def test_the_form_speaks_spanish():
    dsrlab.set_language("es")
    form = dsrlab.name_widget()
    assert (form.text.description, form.save_button.description) == ("Tu nombre", "Guardar")
    form.text.value = "Ana"
    form.save_button.click()
    assert form.feedback_text == "✔ Guardado. Tus respuestas se guardan ahora con el nombre Ana."
