"""Hand-in through the inbox: dsrlab.submit(), the Hand in button, dsrlab collect --inbox."""

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

import dsrlab
from dsrlab.base import i18n
from dsrlab.base.errors import UsageError
from dsrlab.cli import main
from dsrlab.exercises import store as answers
from dsrlab.exercises.inbox import ENTRY_MODE, inbox_files, inbox_warnings, submit


@pytest.fixture(autouse=True)
def fresh(answers_dir, monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.setitem(i18n._state, "lang", None)
    monkeypatch.delenv("DSRLAB_STUDENT", raising=False)
    monkeypatch.delenv("DSRLAB_INBOX", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    return answers_dir


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    """A drop folder as the README tells an instructor to make it (1733)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    folder.chmod(0o1733)
    monkeypatch.setenv("DSRLAB_INBOX", str(folder))
    return folder


def _answer(student, *tries):
    dsrlab.set_student(student)
    for eid, value in tries:
        dsrlab.check(eid, value)


def test_submit_writes_one_private_entry_per_account_and_replaces_it(inbox):
    _answer("Ana Pérez", ("00.4", 50))
    first = dsrlab.submit()
    assert first == inbox / "ana.json"
    assert stat.S_IMODE(first.stat().st_mode) == ENTRY_MODE == 0o640
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert (doc["student"], doc["account"], len(doc["attempts"])) == ("Ana Pérez", "ana", 1)
    dsrlab.check("00.4", 51)
    again = dsrlab.submit()
    assert again == first and sorted(p.name for p in inbox.iterdir()) == ["ana.json"]
    doc = json.loads(again.read_text(encoding="utf-8"))
    assert [a["response"] for a in doc["attempts"]] == [50, 51]


def test_store_folder_is_created_private(tmp_path, monkeypatch):
    folder = tmp_path / "new" / "answers"
    monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(folder))
    _answer("Ana", ("00.4", 51))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_submit_bad_input_is_one_clear_error(inbox, tmp_path, monkeypatch):
    with pytest.raises(UsageError, match="type your name"):
        dsrlab.submit()  # still anonymous
    dsrlab.set_student("Ana")
    with pytest.raises(UsageError, match="nothing to hand in yet: no answers are saved under "
                                         "the name Ana"):
        dsrlab.submit()
    dsrlab.check("00.4", 51)
    with pytest.raises(UsageError, match=r"inbox folder .*nowhere does not exist"):
        dsrlab.submit(tmp_path / "nowhere")
    with pytest.raises(UsageError, match=r"account name '\.\./ana' cannot name an inbox entry"):
        submit(account="../ana")
    monkeypatch.delenv("DSRLAB_INBOX")
    with pytest.raises(UsageError, match="your instructor sets DSRLAB_INBOX"):
        dsrlab.submit()
    dsrlab.set_language("es")
    with pytest.raises(UsageError, match="tu docente define DSRLAB_INBOX"):
        dsrlab.submit()


def test_an_unwritable_inbox_refuses_in_words(tmp_path):
    """A student (as root: the unprivileged user nobody) whose inbox they may not write."""
    import subprocess
    import sys
    import tempfile

    shared_python = _helper("_shared_python").shared_python

    root = Path(tempfile.mkdtemp(prefix="dsrlab-handin-"))  # not under pytest's 0700 tmp
    try:
        root.chmod(0o755)
        store, inbox = root / "answers", root / "inbox"
        store.mkdir(mode=0o777)
        store.chmod(0o777)
        inbox.mkdir(mode=0o755)
        as_user = {"user": 65534, "group": 65534, "extra_groups": []} if os.getuid() == 0 \
            else {}
        python = shared_python(root) if as_user else sys.executable
        if not as_user:
            inbox.chmod(0o555)
        env = {**os.environ, "DSRLAB_ANSWERS_DIR": str(store), "DSRLAB_STUDENT": "Ana",
               "HOME": str(root), "DSRLAB_LANG": "en", "JUPYTERHUB_USER": "ana"}
        code = "import dsrlab; print(dsrlab.check('00.4', 51))"
        subprocess.run([python, "-c", code], env=env, check=True, capture_output=True,
                       cwd=root, **as_user)
        done = subprocess.run([python, "-m", "dsrlab.cli", "submit", "--inbox",
                               str(inbox)], env=env, capture_output=True, text=True, cwd=root,
                              check=False, **as_user)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith(f"dsrlab: error: The inbox {inbox} does not accept "
                                      "your entry (no permission to write there)")
        assert len(done.stderr.splitlines()) == 1
    finally:
        inbox.chmod(0o755)
        shutil.rmtree(root)


def test_hand_in_button_says_what_happened(inbox, monkeypatch):
    button = dsrlab.hand_in_button()
    assert button.button.description == "Hand in my answers" and button.button.tooltip
    assert "press Hand in my answers" in button.feedback_text
    button.button.click()
    assert button.feedback_text.startswith("✘ Not handed in:")
    _answer("Ana", ("00.4", 51), ("00.1", "a"))
    button.button.click()
    assert button.feedback_text.startswith("✔ Handed in: 2 saved attempts of Ana, at ")
    assert 'role="status"' in button.feedback.value
    dsrlab.set_language("es")
    es = dsrlab.hand_in_button()
    assert es.button.description == "Entregar mis respuestas"
    es.button.click()
    assert es.feedback_text.startswith("✔ Entregado: 2 intentos guardados de Ana")


def test_collect_merges_the_inbox_once_per_student(inbox, tmp_path, monkeypatch, capsys):
    for account, student, value in (("ana", "Ana", 51), ("ben", "Ben", 50), ("cy", "Cy", 51)):
        monkeypatch.setenv("JUPYTERHUB_USER", account)
        _answer(student, ("00.4", value))
        dsrlab.submit()
        dsrlab.submit()  # handing in twice still counts once
    (inbox / ".ana.json.x.part").write_text("{")  # a hand-in in progress: not an entry
    (inbox / "notes.txt").write_text("x")
    assert [p.name for p, why in inbox_files(inbox)] == ["ana.json", "ben.json", "cy.json"]
    out = tmp_path / "collected"
    assert main(["collect", "--inbox", str(inbox), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "merged 3 file(s), skipped 0" in printed.out and printed.err == ""
    import pandas as pd

    table = pd.read_csv(out / "answers.csv")
    assert sorted(table["student"]) == ["Ana", "Ben", "Cy"]
    assert not table["duplicate"].any()
    # with DSRLAB_INBOX set, a bare `dsrlab collect` collects the inbox
    assert main(["collect", "--out", str(tmp_path / "again")]) == 0
    assert "merged 3 file(s)" in capsys.readouterr().out


def test_collect_warns_about_a_readable_inbox_and_bad_use(inbox, tmp_path, monkeypatch, capsys):
    inbox.chmod(0o777)
    assert len(inbox_warnings(inbox)) == 2
    _answer("Ana", ("00.4", 51))
    dsrlab.submit()
    assert main(["collect", "--inbox", str(inbox), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "students can list the inbox" in err and "no sticky bit" in err
    monkeypatch.delenv("DSRLAB_INBOX")
    assert main(["collect"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("dsrlab: error: nothing to collect; give submission files, or "
                          "--inbox DIR") and len(err.splitlines()) == 1
    assert main(["collect", "--inbox", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["submit"]) == 2
    assert "DSRLAB_INBOX" in capsys.readouterr().err


def test_an_entry_under_a_classmates_name_is_skipped(inbox, tmp_path, monkeypatch):
    _answer("Ana", ("00.4", 51))
    entry = dsrlab.submit()
    if os.getuid() != 0:  # only root can give a file to another user; the rule itself:
        from dsrlab.exercises.inbox import entry_problem

        assert "not by the account 'ana'" in entry_problem("ana", "ben")
        return
    os.chown(entry, 65534, -1)  # as if another system user (nobody) had written ana.json
    [(path, why)] = inbox_files(inbox)
    assert path == entry and "not by the account 'ana'" in why
    result = dsrlab.collect(inbox=inbox, out=tmp_path / "o")
    assert result.merged == [] and result.skipped[0][0] == entry


def _helper(name: str):
    """A helper module of tests/ (the suite runs with --import-mode=importlib, so tests/ is
    not a package on sys.path)."""
    import importlib.util
    import sys

    module_name = f"dsrlab_tests_{name.lstrip('_')}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            module_name, Path(__file__).resolve().parents[2] / "tests" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]
