"""Drive every exercise type as a student: set values, click, read feedback and the database."""

import json
import os
import sqlite3

import pytest
import yaml

import dsrlab
from dsrlab.base import i18n
from dsrlab.base.errors import UsageError
from dsrlab.exercises import computed
from dsrlab.exercises import model as _model
from dsrlab.exercises import session as _session
from dsrlab.exercises import store as answers

T = {"en": "T", "es": "T"}


def _bi(text):
    return {"en": text, "es": f"{text} (es)"}


ZZ = {
    "notebook": "zz",
    "title": _bi("Test exercises"),
    "exercises": [
        {"id": "zz.1", "type": "single_choice", "choices": [
            {"id": "a", "text": _bi("<b>Alpha</b>"), "correct": True},
            {"id": "b", "text": _bi("Beta"), "feedback": _bi("Beta is wrong")}]},
        {"id": "zz.2", "type": "multiple_choice", "choices": [
            {"id": "a", "text": _bi("A"), "correct": True},
            {"id": "b", "text": _bi("B"), "correct": True},
            {"id": "c", "text": _bi("C")}]},
        {"id": "zz.3", "type": "numeric", "answer": 1234.5, "tolerance": 0.5, "decimals": 1,
         "unit": {"en": "USD millions", "es": "millones de USD"}},
        {"id": "zz.4", "type": "short_text", "accepted": ["Perú", "Peru"]},
        {"id": "zz.5", "type": "ordering", "items": [
            {"id": "first", "text": _bi("2015 WIC speech")},
            {"id": "second", "text": _bi("2017 Belt and Road Forum")},
            {"id": "third", "text": _bi("2019 second forum")}]},
        {"id": "zz.6", "type": "categorise",
         "categories": [{"id": "us", "label": _bi("Closer to the US")},
                        {"id": "cn", "label": _bi("Closer to China")}],
         "items": [{"id": "MEX", "text": _bi("Mexico"), "category": "us"},
                   {"id": "VEN", "text": _bi("Venezuela"), "category": "cn"}]},
        {"id": "zz.7", "type": "reflection", "min_words": 5,
         "model_answer": _bi("A model <answer>"),
         "rubric": [_bi("I cite a source"), _bi("I compare two countries")]},
        {"id": "zz.8", "type": "data_task", "compute": "cpu_count"},
        {"id": "zz.9", "type": "reflection", "min_words": 3, "max_words": 12,
         "levels": {"strong": _bi("Weighs <both> sides"), "adequate": _bi("Takes one side"),
                    "weak": _bi("Restates the text")}},
    ],
}
for _n, _ex in enumerate(ZZ["exercises"]):
    _ex.update(objective=_bi("Objective"), source_ids=["malena-dsr"],
               prompt=_bi(f"Prompt {_n} <script>alert('x')</script>"),
               hints=[_bi("First hint"), _bi("Second hint")], explanation=_bi("Because."))


@pytest.fixture(autouse=True)
def fresh(answers_dir, tmp_path, monkeypatch):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "zz.yml").write_text(yaml.safe_dump(ZZ, allow_unicode=True), encoding="utf-8")
    for name in ("00.yml",):
        (folder / name).write_text((_model.exercises_dir() / name).read_text(encoding="utf-8"),
                                   encoding="utf-8")
    monkeypatch.setattr(_model, "exercises_dir", lambda: folder)
    # the test file's computed answers, registered as a topic module's ANSWERS would be
    registered = {**computed.answer_functions(), "cpu_count": os.cpu_count, "loads": json.loads}
    monkeypatch.setattr(computed, "answer_functions", lambda: registered)
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.setitem(i18n._state, "lang", None)
    monkeypatch.setenv("DSRLAB_STUDENT", "Ana")
    _session.PENDING.clear()
    _session.LIVE.clear()
    yield answers_dir
    _session.PENDING.clear()
    _session.LIVE.clear()


def rows(exercise_id=None):
    return answers.history(exercise_id)


def test_test_file_is_valid():
    assert _model.validate_data(ZZ, "zz.yml") == []


def test_dom_classes_follow_the_contract():
    for ex in ZZ["exercises"]:
        w = dsrlab.exercise(ex["id"])
        assert {"dsrlab-exercise", f"dsrlab-type-{ex['type']}"} <= set(w._dom_classes)
        assert "dsrlab-check" in w.check_button._dom_classes
        assert "dsrlab-feedback" in w.feedback._dom_classes
        assert "dsrlab-hint" in w.hint_button._dom_classes
        assert "dsrlab-reveal" in w.reveal_button._dom_classes
        assert w.check_button.description == "Check" or ex["type"] == "reflection"
        assert "<script>" not in w.prompt.value
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in w.prompt.value


def test_single_choice_wrong_then_right():
    w = dsrlab.exercise("zz.1")
    assert w.radio.options == (("<b>Alpha</b>", "a"), ("Beta", "b"))  # plain-text labels
    w.check_button.click()
    assert w.feedback_text == "✘ Not quite\nChoose or type an answer first."
    assert rows() == [] and w.attempts == 0
    w.radio.value = "b"
    w.check_button.click()
    assert w.feedback_text == "✘ Not quite\nBeta is wrong"
    # the answer to a Check is an alert (read out as it appears), in words
    assert w.feedback.value.startswith('<div role="alert">') and "✘ Not quite" in w.feedback.value
    assert w.answer.value == ""
    w.radio.value = "a"
    w.check_button.click()
    assert w.feedback_text.startswith("✔ Correct")
    assert "Because." in w.answer.value and w.attempts_label.value == "Attempts: 2"
    saved = rows("zz.1")
    assert [(r["response"], r["correct"], r["type"], r["notebook"]) for r in saved] == [
        ("b", False, "single_choice", "zz"), ("a", True, "single_choice", "zz")]
    assert saved[1]["meta"]["feedback"] == "✔ Correct" and saved[1]["lang"] == "en"


def test_multiple_choice_partial_then_full():
    w = dsrlab.exercise("zz.2")
    w.boxes["a"].value = True
    w.boxes["c"].value = True
    w.check_button.click()
    assert w.feedback_text == ("✘ Not quite\nYou ticked 1 of the 2 right options and "
                               "1 wrong one(s).")
    w.boxes["c"].value = False
    w.boxes["b"].value = True
    w.check_button.click()
    assert w.feedback_text == "✔ Correct"
    assert rows("zz.2")[-1]["response"] == ["a", "b"]


def test_numeric_with_unit_tolerance_and_both_languages():
    w = dsrlab.exercise("zz.3")
    unit_labels = [c.value for c in w.controls.children if hasattr(c, "value")]
    assert "Unit: USD millions" in unit_labels
    w.text.value = "1,236"
    w.check_button.click()
    assert w.feedback_text == "✘ Not quite\nYour answer is higher than expected."
    w.text.value = "1,234.9"
    w.check_button.click()
    assert w.feedback_text == "✔ Correct"
    dsrlab.set_language("es")
    w = dsrlab.exercise("zz.3")
    assert w.check_button.description == "Comprobar"
    w.text.value = "1.234,1"
    w.check_button.click()
    assert w.feedback_text == "✔ Correcto"
    w.text.value = "mil"  # a number word: read, checked and counted
    w.check_button.click()
    assert w.feedback_text == "✘ Todavía no\nTu respuesta es más baja de lo esperado."
    w.text.value = "muchos"  # not a number: says the form, counts nothing, saves nothing
    w.check_button.click()
    assert w.feedback_text == (
        "⚠ Revisa la forma de tu respuesta\n'muchos' no es un número que se pueda leer. "
        "Escribe cifras como 51, 51.º, 1.200 o 12,5, o palabras como cincuenta y uno.\n"
        "Este intento no cuenta.")
    assert w.attempts_label.value == "Intentos: 4"  # 2 in English, 2 in Spanish
    assert [r["response"] for r in rows("zz.3")] == [1236.0, 1234.9, 1234.1, 1000.0]
    assert [r["lang"] for r in rows("zz.3")] == ["en", "en", "es", "es"]
    assert w.reveal() == "1\u00a0234,5 millones de USD"
    w.text.value = "1234,4"
    w.check_button.click()
    assert dsrlab.exercise("zz.3").text.value == "1234,4"  # restored as the student typed
    dsrlab.set_language("en")
    assert dsrlab.exercise("zz.3").text.value == "1234.4"


def test_short_text_accents_and_html_escaping():
    w = dsrlab.exercise("zz.4")
    w.text.value = "<script>alert(1)</script>"
    w.check_button.click()
    assert w.feedback_text == "✘ Not quite"
    w.text.value = "  PERÚ "
    w.check_button.click()
    assert w.feedback_text == "✔ Correct"
    again = dsrlab.exercise("zz.4")
    assert again.text.value == "  PERÚ "
    assert rows("zz.4")[0]["response"] == "<script>alert(1)</script>"


def test_student_text_is_escaped_wherever_it_is_shown():
    w = dsrlab.exercise("zz.3")
    w.text.value = "<script>alert(1)</script>"
    w.check_button.click()
    assert "<script>" not in w.feedback.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in w.feedback.value
    assert "'<script>alert(1)</script>' is not a number that can be read." in w.feedback_text


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "51st"), ("en", "51"), ("en", "fifty-one"), ("en", "Fifty-first"), ("en", "51.0"),
    ("es", "51.º"), ("es", "51º"), ("es", "cincuenta y uno"), ("es", "51,0")])
def test_a_rank_is_read_in_the_forms_a_person_writes(lang, typed):
    dsrlab.set_language(lang)
    w = dsrlab.exercise("00.4")  # Peru's rank: 51
    w.text.value = typed
    w.check_button.click()
    assert w.feedback_text.startswith("✔"), w.feedback_text
    assert [r["response"] for r in rows("00.4")] == [51.0]


@pytest.mark.parametrize(("lang", "typed", "value"), [
    ("en", "1,200", 1200.0), ("es", "1.200", 1200.0), ("en", "1.200", 1.2),
    ("es", "1.200,5", 1200.5), ("en", "one thousand two hundred", 1200.0),
    ("es", "mil doscientos", 1200.0), ("es", "2,5", 2.5), ("es", "0.125", 0.125)])
def test_numbers_with_separators_and_words(lang, typed, value):
    from dsrlab.exercises.responses import parse_number

    assert parse_number(typed, lang) == value


@pytest.mark.parametrize("typed", ["many", "51 or 52", "about fifty", "n/a", "51st place"])
def test_an_unreadable_number_is_explained_and_not_counted(typed):
    w = dsrlab.exercise("00.4")
    w.text.value = typed
    w.check_button.click()
    assert w.feedback_text.startswith("⚠ Check the form of your answer\n")
    assert "Type digits such as 51, 51st, 1,200 or 12.5" in w.feedback_text
    assert w.feedback_text.endswith("This try was not counted.")
    assert w.attempts == 0 and w.attempts_label.value == "Attempts: 0"
    assert rows("00.4") == []
    fb = dsrlab.check("00.4", typed)  # the same through check() in code
    assert fb.correct is None and rows("00.4") == []


def test_ordering_shows_each_item_whole_with_a_position_drop_down():
    w = dsrlab.exercise("zz.5")
    shown = _model.display_order(w.ex)
    letters = [chr(ord("A") + n) for n in range(3)]
    # the item's text is a wrapped HTML line, never an option of a drop-down that cuts it
    texts = [row.value for row in w.controls.children[::2]]
    by_id = {i["id"]: i["text"]["en"] for i in w.ex["items"]}
    for letter, text, item_id in zip(letters, texts, shown, strict=True):
        assert f"<strong>{letter}.</strong> {by_id[item_id]}" in text
    assert [w.positions[i].description for i in shown] == [f"Position of {x}" for x in letters]
    assert all(d.options == (("1", 1), ("2", 2), ("3", 3)) for d in w.positions.values())
    assert w.response == shown != ["first", "second", "third"]  # shown shuffled
    w.positions["first"].value = 1
    w.positions["second"].value = 1
    w.check_button.click()
    assert w.feedback_text == ("⚠ Check the form of your answer\n"
                               "Give each item a different position.\nThis try was not counted.")
    assert w.attempts == 0 and rows("zz.5") == []
    for n, item in enumerate(["first", "second", "third"], start=1):
        w.positions[item].value = n
    w.check_button.click()
    assert w.feedback_text == "✔ Correct"
    assert rows("zz.5")[-1]["response"] == ["first", "second", "third"]
    assert "2015 WIC speech → 2017 Belt and Road Forum" in w.reveal()
    again = dsrlab.exercise("zz.5")  # the saved order comes back in the drop-downs
    assert {i: d.value for i, d in again.positions.items()} == {
        "first": 1, "second": 2, "third": 3}


def test_categorise_with_the_item_text_above_its_drop_down():
    w = dsrlab.exercise("zz.6")
    assert [d.description for d in w.selects.values()] == ["Category of 1", "Category of 2"]
    texts = [row.value for row in w.controls.children[::2]]
    assert "<strong>1.</strong> Mexico" in texts[0] and "<strong>2.</strong> Venezuela" in texts[1]
    assert w.selects["MEX"].options[0] == ("— choose —", "")
    w.selects["MEX"].value = "us"
    w.check_button.click()
    assert w.feedback_text == "✘ Not quite\n1 of 2 in the right category."
    w.selects["VEN"].value = "cn"
    w.check_button.click()
    assert w.feedback_text == "✔ Correct"
    assert rows("zz.6")[-1]["response"] == {"MEX": "us", "VEN": "cn"}


def test_reflection_word_count_rubric_and_model_answer():
    w = dsrlab.exercise("zz.7")
    assert w.check_button.description == "Submit"
    w.text.value = "Too short here"
    assert w.words.value == "3 words (at least 5)"
    w.check_button.click()
    assert w.feedback_text == "✘ Not quite\n3 words; at least 5 asked."
    assert w.answer.value == ""
    w.text.value = "Chile and Mexico balance between <two> giants."
    w.rubric[1].value = True
    w.check_button.click()
    assert w.feedback_text == "✔ Saved\n7 words; at least 5 asked."
    assert "A model &lt;answer&gt;" in w.answer.value
    last = rows("zz.7")[-1]
    assert last["response"] == {"text": "Chile and Mexico balance between <two> giants.",
                                "rubric": [False, True]}
    assert last["correct"] is None and last["meta"]["complete"] is True
    back = dsrlab.exercise("zz.7")
    assert back.text.value.startswith("Chile") and [b.value for b in back.rubric] == [False, True]


def test_rubric_exercise_is_written_then_self_assessed_and_both_are_kept():
    w = dsrlab.exercise("zz.9")
    assert "dsrlab-rubric" in w.controls.children[2]._dom_classes
    table = w.controls.children[2].value
    assert "Weighs &lt;both&gt; sides" in table and "<both>" not in table
    assert [label for label, _ in w.self_assess.options] == ["Strong", "Adequate", "Weak"]
    w.text.value = "Security and market share both matter here."
    w.check_button.click()  # no level yet: the text is saved, the exercise not complete
    assert w.feedback_text.startswith("✘ Not quite\n7 words; at least 3 asked.\nPlace your")
    assert rows("zz.9")[-1]["response"]["self_assessment"] is None
    w.self_assess.value = "adequate"
    w.check_button.click()
    assert w.feedback_text == ("✔ Saved\n7 words; at least 3 asked.\n"
                               "Your self-assessment: adequate.")
    last = rows("zz.9")[-1]
    assert last["response"] == {"text": "Security and market share both matter here.",
                                "rubric": [], "self_assessment": "adequate"}
    assert {k: last["meta"][k] for k in ("words", "self_assessment", "complete")} == {
        "words": 7, "self_assessment": "adequate", "complete": True}
    back = dsrlab.exercise("zz.9")
    assert back.self_assess.value == "adequate" and back.text.value.startswith("Security")
    w.text.value = " ".join(["word"] * 13)  # over the limit: saved, not complete
    assert "13 words; at most 12 asked." in str(w.check())
    assert rows("zz.9")[-1]["meta"]["complete"] is False


def test_rubric_exercise_in_spanish_and_a_level_that_is_not_one():
    i18n.set_language("es")
    w = dsrlab.exercise("zz.9")
    assert [label for label, _ in w.self_assess.options] == ["Sólida", "Adecuada", "Débil"]
    assert "Rúbrica" in w.controls.children[2].value
    fb = w.check({"text": "uno dos tres cuatro", "self_assessment": "excellent"})
    assert fb.text.startswith("✘") and "Ubica tu respuesta" in str(fb)
    assert rows("zz.9")[-1]["response"]["self_assessment"] is None
    fb = w.check({"text": "uno dos tres cuatro", "self_assessment": "weak"})
    assert str(fb) == "✔ Guardado\n4 palabras; se piden al menos 3.\nTu autoevaluación: débil."


def test_data_task_through_check_updates_the_widget():
    w = dsrlab.exercise("zz.8")
    fb = dsrlab.check("zz.8", os.cpu_count() + 1)
    assert str(fb).startswith("✘ Not quite") and w.feedback_text.startswith("✘ Not quite")
    fb = dsrlab.check("zz.8", os.cpu_count())
    assert fb.correct and w.feedback_text == "✔ Correct"
    assert "dsrlab-feedback" in fb._repr_html_()
    assert [r["correct"] for r in rows("zz.8")] == [False, True]
    _session.LIVE.clear()
    assert dsrlab.check("zz.8", os.cpu_count()).text == "✔ Correct"  # without a widget
    assert len(rows("zz.8")) == 3


def test_hints_one_at_a_time():
    w = dsrlab.exercise("zz.1")
    assert w.hints.value == ""
    w.hint_button.click()
    assert "Hint 1 of 2:</strong> First hint" in w.hints.value and "Second" not in w.hints.value
    assert w.hints.value.startswith("<div role=alert>")  # the newest hint is read out
    sent = []
    w.check_button.send = sent.append  # what the browser is told about the Check button
    w.hint_button.click()
    assert "Second hint" in w.hints.value
    assert w.hints.value.count("role=alert") == 1 and w.hints.value.index("role=alert") > 10
    assert w.hint_button.disabled and w.hint_button.description == "No more hints"
    # the disabled Hint button would drop the keyboard focus: it goes to Check
    assert sent == [{"do": "focus"}]
    assert w.next_hint() is None


def test_show_answer_is_recorded_and_not_counted_as_attempt():
    w = dsrlab.exercise("zz.1")
    w.reveal_button.click()
    assert "<strong>Answer:</strong> &lt;b&gt;Alpha&lt;/b&gt;" in w.answer.value
    assert "Because." in w.answer.value
    saved = rows("zz.1")
    assert len(saved) == 1 and saved[0]["meta"]["reveal"] is True and saved[0]["correct"] is None
    again = dsrlab.exercise("zz.1")
    assert again.attempts == 0 and "Alpha" in again.answer.value
    assert dsrlab.progress(show=False).set_index("notebook").loc["zz", "attempted"] == 0


def test_state_restored_when_widget_is_recreated():
    w = dsrlab.exercise("zz.2")
    w.boxes["a"].value = True
    w.check_button.click()
    w.boxes["b"].value = True
    w.check_button.click()
    again = dsrlab.exercise("zz.2")  # e.g. after a kernel restart and re-run
    assert [b.value for b in again.boxes.values()] == [True, True, False]
    assert again.attempts == 2 and again.attempts_label.value == "Attempts: 2"
    assert again.feedback_text == "✔ Correct\nYour last saved answer was restored."
    assert "Because." in again.answer.value
    dsrlab.set_language("es")
    es = dsrlab.exercise("zz.5")
    assert es.reveal_button.description == "Ver respuesta"


def test_spanish_feedback_words():
    dsrlab.set_language("es")
    w = dsrlab.exercise("00.1")
    assert (w.check_button.description, w.hint_button.description) == ("Comprobar", "Pista")
    w.radio.value = "b"
    w.check_button.click()
    assert w.feedback_text.startswith("✘ Todavía no")
    w.radio.value = "a"
    w.check_button.click()
    assert w.feedback_text.startswith("✔ Correcto")
    assert "Explicación" in w.answer.value


def test_unknown_exercise_lists_the_notebook_ids():
    with pytest.raises(UsageError) as err:
        dsrlab.exercise("zz.99")
    assert str(err.value) == ("unknown exercise 'zz.99'; notebook zz has 'zz.1', 'zz.2', "
                              "'zz.3', 'zz.4', 'zz.5', 'zz.6', 'zz.7', 'zz.8', 'zz.9'")


def _answers_folder_under_a_file(tmp_path, monkeypatch) -> None:
    """Point the answers folder inside a plain file: no folder can be made there."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(blocker / "answers"))


def test_unwritable_answers_folder_keeps_answers_in_memory(tmp_path, monkeypatch):
    _answers_folder_under_a_file(tmp_path, monkeypatch)
    w = dsrlab.exercise("zz.4")
    w.text.value = "Peru"
    w.check_button.click()
    assert w.feedback_text.startswith("✔ Correct\nNot saved: cannot save answers in ")
    assert "DSRLAB_ANSWERS_DIR" in w.feedback_text
    assert w.feedback_text.endswith("Your answer is kept in memory until it can be saved.")
    assert [p["response"] for p in _session.PENDING] == ["Peru"]
    good = tmp_path / "good"
    monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(good))
    w.text.value = "Perú"
    w.check_button.click()
    assert w.feedback_text == "✔ Correct" and _session.PENDING == []
    assert [r["response"] for r in rows("zz.4")] == ["Peru", "Perú"]
    con = sqlite3.connect(good / "Ana.sqlite3")
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 2
    con.close()


def test_exercises_table_and_progress():
    w = dsrlab.exercise("zz.1")
    w.radio.value = "a"
    w.check_button.click()
    dsrlab.check("zz.3", "1")
    table = dsrlab.exercise_table("zz")
    assert table.columns.tolist() == ["id", "type", "objective", "sources", "attempts",
                                      "correct"]
    assert table.set_index("id").loc[["zz.1", "zz.3", "zz.4"], "attempts"].tolist() == [1, 1, 0]
    prog = dsrlab.progress(show=False).set_index("notebook")
    assert prog.loc["zz", ["exercises", "attempted", "correct"]].tolist() == [9, 2, 1]
    assert prog.loc["00", ["exercises", "attempted", "correct"]].tolist() == [5, 0, 0]
    from dsrlab.exercises.progress_report import progress_html

    page = progress_html(prog.reset_index())
    assert "<progress value='1' max='9'" in page and "1 of 9 correct, 2 attempted" in page


def test_failing_answer_function_is_reported_and_the_answer_kept():
    from dsrlab.exercises.widgets import ExerciseWidget

    ex = {**ZZ["exercises"][7], "id": "zz.99", "compute": "loads"}  # needs an argument
    w = ExerciseWidget(ex)
    w.text.value = "3"
    w.check_button.click()
    assert w.feedback_text.startswith("⚠ This exercise could not be checked (cannot compute "
                                      "the answer of zz.99 with loads: TypeError")
    saved = rows("zz.99")
    assert saved[0]["response"] == "3" and saved[0]["correct"] is None
    assert "TypeError" in saved[0]["meta"]["error"]
    w.reveal_button.click()
    assert "⚠ This exercise could not be checked" in w.answer.value


def test_export_writes_answers_kept_in_memory_first(tmp_path, monkeypatch):
    _answers_folder_under_a_file(tmp_path, monkeypatch)
    w = dsrlab.exercise("zz.1")
    w.radio.value = "b"
    w.check_button.click()
    with pytest.raises(answers.AnswersStoreError):
        dsrlab.export_answers(tmp_path / "out")
    assert len(_session.PENDING) == 1 and not (tmp_path / "out").exists()
    monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(tmp_path / "ok"))
    json_path, _ = dsrlab.export_answers(tmp_path / "out")
    assert _session.PENDING == []
    assert "Beta is wrong" in json_path.read_text(encoding="utf-8")


def test_inline_code_in_exercise_text_is_shown_as_code_and_still_escaped():
    from dsrlab.exercises.widgets import ExerciseWidget

    ex = {**ZZ["exercises"][3], "id": "zz.98",
          "prompt": _bi("Use the `country` parameter, not <i>`<b>`</i>")}
    w = ExerciseWidget(ex)
    # header, prompt and sources share one HTML widget (one comm fewer each)
    assert w.prompt is w.header is w.sources
    assert ("<p>Use the <code>country</code> parameter, not "
            "&lt;i&gt;<code>&lt;b&gt;</code>&lt;/i&gt;</p>") in w.prompt.value
    assert w.prompt.value.startswith("<strong>Exercise zz.98</strong> · <em>Objective: ")
    assert w.prompt.value.endswith("<small>Sources: malena-dsr</small>")


def _tree(widget):
    """``widget`` and every widget below it (Box children)."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def _models_built(make):
    """Return (what ``make()`` returns, the number of widget models it opened)."""
    import ipywidgets

    made = []
    previous = ipywidgets.Widget._widget_construction_callback
    ipywidgets.Widget.on_widget_constructed(made.append)
    try:
        result = make()
    finally:
        ipywidgets.Widget.on_widget_constructed(previous)
    return result, len(made)


# Models (comms) opened by one exercise of the test file once the shared layouts and
# styles exist: root, static text, buttons row + 3 buttons, feedback, hints, answer,
# attempts = 10, plus the controls. Before sharing each was 3-4 times as many (every
# control had its own Layout and Style model), e.g. 37 for zz.1 instead of 11. Ordering and
# categorise show each item's text (one HTML) above its drop-down.
MODELS = {"zz.1": 11, "zz.2": 14, "zz.3": 13, "zz.4": 12, "zz.5": 17, "zz.6": 15,
          "zz.7": 16, "zz.8": 14, "zz.9": 15}


def test_exercises_share_layout_and_style_models():
    from dsrlab.exercises import widgets as _widgets

    dsrlab.exercise("zz.1")  # the first exercise of a kernel makes the shared models
    shared = {id(m) for m in _widgets._SHARED.values()}
    for ex in ZZ["exercises"]:
        widget, built = _models_built(lambda ex=ex: dsrlab.exercise(ex["id"]))
        assert built == MODELS[ex["id"]], ex["id"]
        for part in _tree(widget):
            assert id(part.layout) in shared, (ex["id"], part)
            assert not hasattr(part, "style") or id(part.style) in shared, (ex["id"], part)
    # Widget.close_all() (or a closed model) makes a new one rather than reuse a dead comm
    layout = _widgets._shared("layout")
    layout.close()
    assert _widgets._shared("layout") is not layout
    assert dsrlab.exercise("zz.1").layout.comm is not None


def test_using_an_exercise_never_changes_a_shared_layout_or_style():
    from dsrlab.exercises import widgets as _widgets

    widgets = [dsrlab.exercise(ex["id"]) for ex in ZZ["exercises"]]
    changed = []
    for model in _widgets._SHARED.values():
        model.observe(changed.append)
    try:
        for widget in widgets:
            widget.hint_button.click()
            widget.check_button.click()
            widget.set_response(None)
            widget.reveal_button.click()
            widget.hint_button.click()
    finally:
        for model in _widgets._SHARED.values():
            model.unobserve(changed.append)
    assert changed == []


def test_a_widget_falls_back_to_its_question_in_html_where_widgets_cannot_show():
    # a RISE slide show or an exported page has no widget manager: the front end then shows
    # text/html, which must be the question, not "ExerciseWidget(children=...)"
    from dsrlab.exercises.widgets import ExerciseWidget

    bundle = ExerciseWidget(_model.get("00.1"))._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert "dsrlab-static-exercise" in html and "ExerciseWidget(" not in html
    assert _model.tr(_model.get("00.1")["prompt"], "en")[:30].replace("'", "&#x27;") in html


def test_check_a_reflection_as_text_while_its_widget_is_shown():
    """dsrlab.check(id, "my text") with the widget on screen, as a student types in code."""
    shown = dsrlab.exercise("zz.7")
    fb = dsrlab.check("zz.7", "Too short.")
    assert shown.text.value == "Too short." and not fb.ok
    assert answers.latest("zz.7")["response"]["text"] == "Too short."
