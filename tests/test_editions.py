"""One course, two editions: the Spanish notebooks cannot drift from the English ones.

The first test is the guard the whole suite relies on: every Spanish twin has the English
notebook's cells in the same order, the same code, and a translation of every text cell
that states the same numbers and cites the same sources. The others drift a scratch copy
of the course on purpose, the way a contributor would, and check that the guard names the
cell, then that ``sync`` and ``stamp`` bring the editions back in step.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from dsrlab import editions, load
from dsrlab.base import course
from dsrlab.base.paths import notebooks_dir
from dsrlab.run import run_notebook

KNOWN = set(load("sources")["id"])


def test_the_spanish_edition_is_in_step_with_the_english_one():
    problems = editions.parity_problems("es", KNOWN)
    assert not problems, "\n".join(problems)


def test_every_course_notebook_has_a_spanish_edition():
    for entry in (*course.sessions(), course.brief()):
        assert entry.edition("es") == notebooks_dir() / "es" / entry.notebook
        assert entry.edition("es").exists()
        assert entry.edition("en") == entry.path


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A copy of notebooks/ that the edition tools work on instead of the real one."""
    root = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    monkeypatch.setattr(editions, "notebooks_dir", lambda: root)
    monkeypatch.setattr(course, "notebooks_dir", lambda: root)
    assert editions.parity_problems("es", KNOWN) == []
    return root


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _write(path: Path, cells: list[dict]) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = cells
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _first_text(cells: list[dict], needle: str = "") -> dict:
    return next(c for c in cells if c["cell_type"] == "markdown"
                and needle in "".join(c["source"]))


def test_a_new_english_paragraph_fails_until_it_is_translated(scratch):
    english = scratch / "01_dsr_origins.ipynb"
    cells = _cells(english)
    cells.insert(3, nbformat.v4.new_markdown_cell(
        "A new paragraph about 2017.", id="new-para-1"))
    _write(english, cells)
    problems = editions.parity_problems("es", KNOWN)
    assert problems == ["es/01_dsr_origins.ipynb: cells differ from the English notebook in "
                        "number, order or kind (run scripts/editions.py)"]

    editions.sync("es")
    problems = editions.parity_problems("es", KNOWN)
    assert len(problems) == 1 and "id new-para-1" in problems[0]
    assert "not translated yet" in problems[0]

    spanish = scratch / "es" / "01_dsr_origins.ipynb"
    translated = _cells(spanish)
    _first_text(translated, "A new paragraph")["source"] = "Un párrafo nuevo sobre 2017."
    _write(spanish, translated)
    editions.sync("es")  # records what the translation translates
    assert editions.parity_problems("es", KNOWN) == []


def test_a_changed_english_cell_names_its_stale_translation_until_stamped(scratch):
    english = scratch / "04_un_cyber_diplomacy.ipynb"
    cells = _cells(english)
    cell = _first_text(cells, "## ")
    cell["source"] = "".join(cell["source"]) + "\n\nOne more sentence."
    _write(english, cells)
    problems = editions.parity_problems("es", KNOWN)
    assert len(problems) == 1 and f"id {cell['id']}" in problems[0]
    assert "changed after it was translated" in problems[0]

    assert editions.stamp("04", [cell["id"]]) == [cell["id"]]
    assert editions.parity_problems("es", KNOWN) == []


def test_numbers_citations_code_and_leftover_english_are_each_named(scratch):
    spanish = scratch / "es" / "02_latam_digital_infrastructure.ipynb"
    cells = _cells(spanish)
    numbered = next(c for c in cells if c["cell_type"] == "markdown"
                    and editions.numbers_in("".join(c["source"])))
    cited = next(c for c in cells if c["cell_type"] == "markdown" and c is not numbered
                 and editions.citations_in("".join(c["source"]), KNOWN))
    code = next(c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip())
    prose = next(c for c in cells if c["cell_type"] == "markdown"
                 and c not in (numbered, cited))
    number = next(iter(editions.numbers_in("".join(numbered["source"]))))
    numbered["source"] = "".join(numbered["source"]).replace(number, "999999", 1)
    key = sorted(editions.citations_in("".join(cited["source"]), KNOWN))[0]
    cited["source"] = "".join(cited["source"]).replace(key, "")
    code["source"] = "".join(code["source"]) + "\nprint('only in Spanish')"
    prose["source"] = ("".join(prose["source"]) + "\n\nThe cables of the region were "
                       "built with the help of their owners.")
    _write(spanish, cells)
    problems = "\n".join(editions.parity_problems("es", KNOWN))
    assert f"id {numbered['id']}" in problems and "numbers differ" in problems
    assert f"id {cited['id']}" in problems and f"{key!r}" in problems
    assert f"id {code['id']}" in problems and "code differs" in problems
    assert f"id {prose['id']}" in problems and "English left in the translation" in problems


def test_sync_copies_code_from_english_and_keeps_the_spanish_parameters(scratch):
    spanish = scratch / "es" / "03_surveillance_deployments.ipynb"
    cells = _cells(spanish)
    code = next(c for c in cells if c["cell_type"] == "code"
                and "parameters" not in c["metadata"].get("tags", []))
    code["source"] = "# edited by mistake in the Spanish notebook"
    _write(spanish, cells)
    editions.sync("es")
    after = {c["id"]: c for c in _cells(spanish)}
    english = {c["id"]: c for c in _cells(scratch / "03_surveillance_deployments.ipynb")}
    assert after[code["id"]]["source"] == english[code["id"]]["source"]
    parameters = next(c for c in after.values()
                      if "parameters" in c["metadata"].get("tags", []))
    assert 'lang = "es"' in "".join(parameters["source"])


def test_dsrlab_run_in_spanish_executes_the_spanish_edition(tmp_path):
    [out] = run_notebook("00", {"lang": "es"}, out=tmp_path)
    nb = nbformat.read(out, as_version=4)
    assert Path(nb.metadata.papermill["input_path"]) == notebooks_dir() / "es" / out.name.replace(
        "_es.ipynb", ".ipynb")
    spanish_first = _first_text(_cells(notebooks_dir() / "es" / "00_start_here.ipynb"))
    ran_first = next(c for c in nb.cells if c.cell_type == "markdown")
    assert ran_first.source == "".join(spanish_first["source"])
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
