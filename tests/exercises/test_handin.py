"""The capstone memo: hand-in with its rubric, a classmate's review, collect joins the two."""

import json

import pandas as pd
import pytest

import dsrlab
from dsrlab.cli import main
from dsrlab.exercises import collect
from dsrlab.exercises import store as answers
from dsrlab.exercises.handin import fingerprint, read_memo, record_review


def _memo(topic: str, n: int = 1600) -> str:
    """A memo of exactly ``n`` words in paragraphs of 100."""
    words = (f"On {topic} the country should hedge with safeguards and evidence. " * n).split()
    return "\n".join(" ".join(words[i:i + 100]) for i in range(0, n, 100))


@pytest.fixture
def students(answers_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)

    def submit(name, text, level, ticks=(True, True, False, True, True, False, True)):
        monkeypatch.setenv("DSRLAB_STUDENT", name)
        return dsrlab.check("05.7", {"text": text, "rubric": list(ticks),
                                     "self_assessment": level})
    return submit


def test_the_memo_is_handed_in_with_its_rubric_checklist_and_self_assessment(students, tmp_path):
    fb = students("Ana", _memo("Brazil"), "strong")
    assert fb.ok, str(fb)
    json_path, html_path = dsrlab.export_memo(tmp_path / "in", lang="en")
    assert json_path.name == "Ana-memo.json" and html_path.name == "Ana-memo.html"
    doc = read_memo(json_path)
    assert doc["author"] == "Ana" and doc["words"] == 1600 and doc["complete"] is True
    assert (doc["min_words"], doc["max_words"]) == (1500, 2000)
    assert doc["self_assessment"] == "strong" and doc["fingerprint"] == fingerprint(doc["text"])
    assert [c["met"] for c in doc["checklist"]] == [True, True, False, True, True, False, True]
    assert set(doc["levels"]) == {"strong", "adequate", "weak"}
    page = html_path.read_text(encoding="utf-8")
    assert "Capstone memo by Ana" in page and "1600 words (asked: 1500-2000)." in page
    assert "class='dsrlab-rubric'" in page and "☐ strong ☐ adequate ☐ weak" in page
    es = dsrlab.export_memo(tmp_path / "es", lang="es")[1].read_text(encoding="utf-8")
    assert "Memorando de cierre de Ana" in es and "Sólida" in es


def test_no_memo_or_no_name_is_refused_in_one_line(students, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DSRLAB_STUDENT", "Ben")
    with pytest.raises(dsrlab.UsageError, match=r"no memo saved for exercise 05\.7"):
        dsrlab.export_memo(tmp_path)
    assert main(["memo", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    monkeypatch.delenv("DSRLAB_STUDENT")
    with pytest.raises(dsrlab.UsageError, match="00_start_here"):
        dsrlab.export_memo(tmp_path)


def test_a_classmate_reviews_and_collect_joins_author_and_reviewer(students, tmp_path,
                                                                  monkeypatch, capsys):
    students("Ana", _memo("Brazil"), "strong")
    memo_file, _ = dsrlab.export_memo(tmp_path / "in")
    students("Ben", _memo("Chile"), "adequate")
    dsrlab.export_memo(tmp_path / "in")
    # Ben reviews Ana in a notebook; Carla reviews Ana from the command line
    row = dsrlab.peer_review(memo_file, "adequate", [True] * 5 + [False] * 2, "Good evidence.")
    assert row["exercise_id"] == "05.7-review" and row["meta"]["author"] == "Ana"
    monkeypatch.setenv("DSRLAB_STUDENT", "Carla")
    assert main(["review", str(memo_file), "--level", "strong", "--checklist", "1,1,1,1,1,1,0",
                 "--comment", "Clear."]) == 0
    assert "review of Ana's memo saved: strong" in capsys.readouterr().out
    # Ana then revises her memo after Ben's review, and everyone exports
    students("Ana", _memo("Brazil and Chile"), "strong")
    files = []
    for name in ("Ana", "Ben", "Carla"):
        files.append(dsrlab.export_answers(tmp_path / "hand-in", student=name)[0])
    result = collect(files, tmp_path / "out")
    assert (tmp_path / "out" / "peer_reviews.csv") in result.outputs
    peers = pd.read_csv(tmp_path / "out" / "peer_reviews.csv", dtype={"exercise_id": str})
    got = peers[["author", "reviewer", "exercise_id", "author_self_assessment",
                 "reviewer_level", "agree", "reviewer_checklist", "comment",
                 "same_version"]].to_numpy().tolist()
    assert got == [["Ana", "Ben", "05.7", "strong", "adequate", False, "5/7", "Good evidence.",
                    False],
                   ["Ana", "Carla", "05.7", "strong", "strong", True, "6/7", "Clear.", False]]
    assert (peers["author_words"] == 1600).all()
    table = pd.read_csv(tmp_path / "out" / "answers.csv", dtype={"exercise_id": str})
    assert set(table.loc[table["exercise_id"] == "05.7-review", "student"]) == {"Ben", "Carla"}


def test_reviews_of_the_latest_version_match_and_own_memo_is_refused(students, tmp_path):
    students("Ana", _memo("Brazil"), "weak")
    memo_file, _ = dsrlab.export_memo(tmp_path / "in")
    with pytest.raises(dsrlab.UsageError, match="your own memo"):
        record_review(memo_file, "strong")
    with pytest.raises(dsrlab.UsageError, match="choose one of strong, adequate, weak"):
        record_review(memo_file, "excellent", reviewer="Ben")
    with pytest.raises(dsrlab.UsageError, match="the checklist has 7 items"):
        record_review(memo_file, "weak", [True], reviewer="Ben")
    record_review(memo_file, "weak", reviewer="Ben")
    files = [dsrlab.export_answers(tmp_path / "h", student=s)[0] for s in ("Ana", "Ben")]
    peers = pd.read_csv(collect(files, tmp_path / "out").outputs[-1])
    assert peers[["agree", "same_version", "reviewer_checklist"]].to_numpy().tolist() == [
        [True, True, "0/7"]]


def test_a_file_that_is_not_a_memo_is_refused(tmp_path, answers_dir):
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"format": "dsrlab-answers"}), encoding="utf-8")
    with pytest.raises(dsrlab.UsageError, match=r"x\.json is not a memo file"):
        read_memo(bad)
    with pytest.raises(dsrlab.UsageError, match="not found"):
        read_memo(tmp_path / "missing.json")
    assert main(["review", str(bad), "--level", "weak", "--student", "Ben"]) == 2
    assert main(["review", str(bad), "--level", "weak", "--checklist", "yes"]) == 2


def test_the_review_form_opens_a_memo_and_saves_a_review(students, tmp_path, monkeypatch):
    students("Ana", _memo("Brazil") + "\n<script>x</script>", "adequate")
    memo_file, _ = dsrlab.export_memo(tmp_path / "in")
    monkeypatch.setenv("DSRLAB_STUDENT", "Ben")
    form = dsrlab.peer_review()
    bundle = form._repr_mimebundle_()  # what a page without widgets shows: words, not a repr
    assert "Review a classmate&#x27;s memo" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    form.path.value = str(tmp_path / "nowhere.json")
    assert form.open_memo() is None and "not found" in form.status.value
    form.path.value = str(memo_file)
    assert form.open_memo()["author"] == "Ana"
    assert "&lt;script&gt;" in form.memo.value and "<script>" not in form.memo.value
    assert len(form.checklist) == 7 and not form.save_button.disabled
    assert form.save() is None and "Place the memo on the rubric" in form.status.value
    form.level.value = "adequate"
    form.checklist[0].value = True
    form.comment.value = "Name a safeguard."
    row = form.save()
    assert "✔ Review of Ana&#x27;s memo saved: adequate." in form.status.value
    assert row["response"] == {"level": "adequate", "checklist": [True] + [False] * 6,
                               "comment": "Name a safeguard."}
