"""The shipped data package must pass validation, and must be found from an installed wheel."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dsrlab
from dsrlab.base.paths import data_dir

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_package_validates_clean():
    report = dsrlab.validate()
    lines = [issue.line() for issue in report.errors]
    assert report.ok, f"{len(lines)} problem(s) in the shipped data:\n" + "\n".join(lines[:60])


def test_cli_validate_shipped_data_prints_one_summary_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dsrlab.cli", "validate"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    desc = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r["name"] for r in desc["resources"] if "schema" in r]
    rows = sum(len(dsrlab.load(name)) for name in tables)
    expected = f"data package OK: {len(desc['resources'])} resources, {rows} rows, 0 errors\n"
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout == expected


def test_every_source_id_in_every_table_resolves():
    ids = set(dsrlab.load("sources")["id"])
    for name in dsrlab.datasets().dropna(subset=["rows"])["name"]:
        frame = dsrlab.load(name)
        for column in [c for c in frame.columns if c == "source_id" or c.endswith("_source_id")]:
            assert set(frame[column].dropna()) <= ids, (name, column)


def _uv() -> str | None:
    local = Path(sys.executable).parent / "uv"
    return str(local) if local.exists() else shutil.which("uv")


@pytest.mark.slow
def test_data_dir_works_from_an_installed_wheel(tmp_path):
    dist = tmp_path / "dist"
    uv = _uv()
    build = ([uv, "build", "--wheel", "--out-dir", str(dist), str(ROOT)] if uv else
             [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), str(ROOT)])
    subprocess.run(build, check=True, capture_output=True, cwd=tmp_path, timeout=600)
    wheel = next(dist.glob("dsrlab-*.whl"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=600)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True, timeout=600)
    # pandas, pycountry ... come from the project's environment, appended AFTER the new
    # site-packages (a plain path line: the editable install's .pth there is not run).
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                           "'purelib'))"], check=True, capture_output=True, text=True)
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site.stdout.strip()) / "zz_project_deps.pth").write_text("\n".join(deps) + "\n")

    code = ("import dsrlab, dsrlab.base.paths as p; print(dsrlab.__file__); "
            "print(p.data_dir()); print(len(dsrlab.load('sources'))); "
            "from dsrlab.base.course import sessions; print(len(sessions())); "
            "print(dsrlab.cite('malena-fn1')._repr_html_().count('@font-face'))")
    result = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    module_file, folder, rows, n_sessions, font_faces = result.stdout.split("\n")[:5]
    assert module_file.startswith(str(venv))  # the wheel, not the checkout
    assert folder.startswith(str(venv)) and folder.endswith("dsrlab/_data")
    assert int(rows) == len(dsrlab.load("sources"))
    assert int(n_sessions) == 6  # course.yml ships with the notebooks
    assert int(font_faces) == 1  # the CJK subset font (dsrlab/assets) ships in the wheel
