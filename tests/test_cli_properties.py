"""Property test (issue 14): generated arguments for every CLI command and generated
submission files for ``collect`` end in exit 0 or 2, at most 3 lines on stderr, never a
traceback, and never a half-written file. Commands run in-process (``main``) so that a
few hundred examples take seconds; slow commands (brief, run, site) get only arguments
that are refused before any notebook starts."""

import contextlib
import io
import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrlab.cli import main

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=40) | st.sampled_from(["=1+1", "$a^^b$", "-1", "0", "ES", "../..",
                                               "李小龙", "con", "x" * 300, "None", ""])
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, err.getvalue()


def _check(code, err, folder):
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) <= 3, err
    files = folder.rglob("*") if folder.is_dir() else []
    leftovers = [p for p in files if p.name.endswith(".part")
                 or (p.is_file() and p.stat().st_size == 0)]
    assert leftovers == []


OPTIONS = st.sampled_from(["--lang", "--jobs", "--student", "--out", "--format", "-p",
                           "--briefs", "--all"])


@SETTINGS
@given(command=st.sampled_from(["validate", "datasets", "export", "progress", "brief", "run",
                                "site", "collect"]),
       args=st.lists(OPTIONS | TEXT, max_size=4))
def test_any_arguments_end_in_one_clear_line(command, args, tmp_path, answers_dir):
    out = tmp_path / "out"
    argv = [command, *args]
    if command in ("brief", "run", "site"):
        argv += ["--jobs", "0"] if command != "run" else ["-p", "nosuch", "1"]
    if command == "validate" and args and not args[0].startswith("-"):
        argv = ["validate", str(tmp_path / args[0][:50].replace("/", "_") or "x")]
    if "--out" not in argv:
        argv += ["--out", str(out)] if command not in ("validate", "datasets", "progress") \
            else []
    code, err = _run(argv)
    _check(code, err, out)


ATTEMPT = st.fixed_dictionaries({
    "exercise_id": TEXT, "type": TEXT, "created_at": TEXT,
    "response": st.recursive(st.none() | st.booleans() | st.floats() | TEXT,
                             lambda kids: st.lists(kids, max_size=3)
                             | st.dictionaries(TEXT, kids, max_size=3), max_leaves=6),
    "correct": st.sampled_from([True, False, None, "yes"]),
}, optional={"meta": st.dictionaries(TEXT, st.booleans(), max_size=2)})
DOC = st.fixed_dictionaries({
    "schema_version": st.sampled_from([1, 1, 1, 2, "1", None]),
    "student": TEXT, "attempts": st.lists(ATTEMPT, max_size=4),
}) | st.none() | st.lists(st.integers(), max_size=2) | TEXT


@SETTINGS
@given(docs=st.lists(DOC, min_size=1, max_size=2), raw=st.booleans())
def test_any_submission_files_end_in_exit_0_or_2(docs, raw, tmp_path):
    folder = tmp_path / "hand-in"
    folder.mkdir(exist_ok=True)
    files = []
    for n, doc in enumerate(docs):
        path = folder / f"{n}-{''.join(c for c in str(doc)[:8] if c in string.ascii_letters)}.json"
        text = str(doc) if raw and isinstance(doc, str) else json.dumps(doc)
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    code, err = _run(["collect", *files, "--out", str(tmp_path / "out")])
    _check(code, err, tmp_path / "out")
