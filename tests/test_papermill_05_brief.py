"""Notebook 05 and the brief template under papermill (parameters, languages, bad values)."""

import subprocess
import sys

import nbformat
import papermill as pm
import pytest

from dsrlab.base.paths import notebooks_dir

CAPSTONE = notebooks_dir() / "05_capstone_balancing_giants.ipynb"
BRIEF = notebooks_dir() / "country_brief.ipynb"

pytestmark = pytest.mark.notebook


def _execute(source, tmp_path, **parameters):
    out = tmp_path / f"{source.stem}-{'-'.join(map(str, parameters.values()))}.ipynb"
    nb = pm.execute_notebook(str(source), str(out), parameters=parameters, kernel_name="python3",
                             progress_bar=False, cwd=str(source.parent),
                             execution_timeout=300)
    return nb, out


def _outputs(nb, kind):
    return [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == kind]


def _all_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts.append(str(data.get("text/html", "")) + str(data.get("text/plain", "")))
            parts.append(str(out.get("text", "")))
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("country", "compare_with", "lang", "names", "label"),
    [
        ("BRA", "MEX", "en", ("Brazil", "Mexico"), "Chinese tech deals (CGIT table)"),
        ("Bolivia", "ec", "es", ("Bolivia", "Ecuador"), "Operaciones tecnológicas chinas"),
    ],
)
def test_capstone_runs_for_two_pairs(tmp_path, country, compare_with, lang, names, label):
    nb, out = _execute(CAPSTONE, tmp_path, country=country, compare_with=compare_with, lang=lang)
    assert _outputs(nb, "error") == []
    assert nb.metadata.papermill["parameters"] == {"country": country,
                                                   "compare_with": compare_with, "lang": lang}
    text = _all_text(nb)
    for name in names:
        assert name in text
    assert label in text
    figures = [o for c in nb.cells for o in c.get("outputs", [])
               if "image/png" in o.get("data", {})]
    assert len(figures) >= 3
    assert out.is_file()


def test_capstone_stops_at_validation_with_one_line(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as info:
        _execute(CAPSTONE, tmp_path, country="Atlantis")
    err = info.value
    assert err.ename == "UsageError"
    assert "unknown country 'Atlantis'" in err.evalue and "CELAC" in err.evalue
    assert "\n" not in err.evalue
    nb = nbformat.read(tmp_path / next(p.name for p in tmp_path.iterdir()), as_version=4)
    failed = [c for c in nb.cells if any(o.get("output_type") == "error"
                                         for o in c.get("outputs", []))]
    assert len(failed) == 1 and "check_params" in failed[0].source


def test_help_notebook_documents_the_brief_parameters():
    out = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(BRIEF)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "country: str (default \"BOL\")" in out.stdout
    assert "CELAC" in out.stdout and "lang: str" in out.stdout and '"es"' in out.stdout
    capstone = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                               str(CAPSTONE)], capture_output=True, text=True, timeout=120)
    assert "compare_with: str" in capstone.stdout


def test_dsrlab_run_wraps_papermill(tmp_path):
    run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "run", "brief", "-p", "country",
                          "Perú", "-p", "lang", "es", "--out", str(tmp_path), "--format", "both"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["country_brief_PER_es.html",
                                                          "country_brief_PER_es.ipynb"]
    nb = nbformat.read(tmp_path / "country_brief_PER_es.ipynb", as_version=4)
    assert nb.metadata.papermill["parameters"] == {"country": "Perú", "lang": "es"}
    assert _outputs(nb, "error") == []
    assert "Perú (PER)" in _all_text(nb)
    page = (tmp_path / "country_brief_PER_es.html").read_text(encoding="utf-8")
    assert "check_params" in page  # `run` shows the code: it is a course notebook page
