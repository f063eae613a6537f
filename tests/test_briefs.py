"""Country briefs: ``dsrlab brief``, the persistent-kernel renderer, the index, atomic files."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import dsrlab
from dsrlab import briefs
from dsrlab.base.files import write_atomic
from dsrlab.base.paths import notebooks_dir
from dsrlab.blocks.countries import celac_countries, country_name
from dsrlab.brief_index import index_name
from dsrlab.render import html_exporter, notebook_html


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(page.split())


@pytest.fixture(scope="module")
def bolivia(tmp_path_factory):
    """``dsrlab brief BOL`` run once, as a user would, writing both formats."""
    out = tmp_path_factory.mktemp("briefs")
    run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "brief", "BOL", "--out", str(out),
                          "--format", "both"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return out, run


def test_brief_files_are_written(bolivia):
    out, run = bolivia
    assert sorted(p.name for p in out.iterdir()) == ["BOL_en.html", "BOL_en.ipynb"]
    assert run.stdout.split() == [str(out / "BOL_en.html"), str(out / "BOL_en.ipynb")]
    assert "Traceback" not in run.stderr


def test_brief_images_have_alt_text_and_their_data(bolivia):
    out, _ = bolivia
    page = (out / "BOL_en.html").read_text(encoding="utf-8")
    imgs = re.findall(r"<img\b[^>]*>", page)
    assert len(imgs) == 2  # the map and the timeline
    for img in imgs:
        alt = re.search(r'\balt="([^"]+)"', img)
        assert alt and "No description" not in alt.group(1) and "Bolivia" in alt.group(1)
    assert page.count('class="dsrlab-chart-data"') == 2


def test_brief_shows_bolivias_rows_with_sources(bolivia):
    out, _ = bolivia
    page = (out / "BOL_en.html").read_text(encoding="utf-8")
    text = _text(page)
    assert "Bolivia (BOL)" in text
    # every surveillance row about Bolivia, e.g. BOL-110, with its source and a citation
    surveillance = dsrlab.load("surveillance")
    for system in set(surveillance.loc[surveillance["iso3"] == "BOL", "system"]):
        assert system in text
    assert "BOL-110" in text
    assert 'href="#src-malena-dsr"' in page and 'id="src-malena-dsr"' in page
    assert "The Extension of the Digital Silk Road to Latin America" in text
    # its two UN votes, as recorded in the data, each with its numbered source
    votes = dsrlab.load("un_votes")
    for rec in votes[votes["iso3"] == "BOL"].itertuples():
        assert re.search(rf"{re.escape(rec.resolution)} {rec.vote} \[\d+\]", text)
        assert f"voted {rec.vote} on {rec.resolution}" in text  # and in the findings
    # findings first: the summary and key figures come before the map and the evidence
    assert text.index("Findings") < text.index("Evidence") < text.index("Sources")
    first_figure = re.search(r'<img[^>]+src="data:image/png', page).start()
    findings_at = re.search(r"class=[\"']dsrlab-findings", page).start()
    assert findings_at < first_figure < page.index("<h2>Evidence")
    assert "Made" in text and "DSR Lab data package" in text and "country=BOL, lang=en" in text
    # the CGIT deal and its source
    assert "Agencia Boliviana Espacial" in text and 'id="src-aei-cgit"' in page
    # every source linked from a table is listed in the references
    for sid in set(re.findall(r'href="#src-([^"]+)"', page)):
        assert f'id="src-{sid}"' in page


def test_brief_has_a_map_and_a_timeline_and_no_code(bolivia):
    out, _ = bolivia
    page = (out / "BOL_en.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<img[^>]+src=\"data:image/png;base64", page)) == 2
    assert "check_params" not in page and "import dsrlab" not in page
    body = page.split("<body", 1)[1]  # the head holds the theme's CSS for every class
    assert "hl-ipython3" not in body and "jp-InputPrompt" not in body and "jp-CodeCell" in body
    assert "dsrlab brief --all" not in page  # the template's note to instructors is dropped
    assert "Traceback" not in page and "UsageError" not in page
    # offline: nothing is fetched from a CDN
    assert not re.search(r"<script[^>]+src=", page)
    assert "cdnjs" not in page and "unpkg" not in page


def test_executed_notebook_records_its_parameters(bolivia):
    out, _ = bolivia
    nb = nbformat.read(out / "BOL_en.ipynb", as_version=4)
    meta = nb.metadata["papermill"]
    assert meta["parameters"] == {"country": "BOL", "lang": "en"}
    assert meta["exception"] is None and meta["duration"] > 0
    assert Path(meta["input_path"]) == notebooks_dir() / "country_brief.ipynb"
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and 'country = "BOL"' in injected[0].source
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []


def test_several_countries_in_one_kernel_both_languages(tmp_path):
    records = briefs.render_briefs(["ECU", "GRD"], "es", tmp_path, "html", jobs=1,
                                   progress=False, kernel=briefs.BriefKernel())
    assert [r["ok"] for r in records] == [True, True], records
    ecu = _text((tmp_path / "ECU_es.html").read_text(encoding="utf-8"))
    assert "Ecuador (ECU)" in ecu and "Fuentes" in ecu and "América del Sur" in ecu
    assert "ECU 911" in ecu
    grenada = _text((tmp_path / "GRD_es.html").read_text(encoding="utf-8"))
    assert "Granada (GRD)" in grenada and "Caribe" in grenada
    # the namespace is reset between countries: nothing about Ecuador leaks into Grenada
    assert "ECU 911" not in grenada


def test_failures_are_listed_without_stopping_the_rest(tmp_path):
    template = nbformat.read(notebooks_dir() / "country_brief.ipynb", as_version=4)
    template.cells.insert(4, nbformat.v4.new_code_cell(
        'if p.country == "HTI":\n    raise RuntimeError("no brief for this one")'))
    path = tmp_path / "template.ipynb"
    nbformat.write(template, path)
    out = tmp_path / "out"
    records = briefs.render_briefs(["HTI", "PRY", "SUR"], "en", out, "html", jobs=2,
                                   progress=False, template=path)
    assert [r["country"] for r in records] == ["HTI", "PRY", "SUR"]
    assert [r["ok"] for r in records] == [False, True, True]
    assert records[0]["error"] == "RuntimeError: no brief for this one"
    index = briefs.write_index(records, out, "en")
    page = index.read_text(encoding="utf-8")
    assert 'href="PRY_en.html"' in page and 'href="SUR_en.html"' in page
    assert "Briefs that failed" in page and "no brief for this one" in page
    assert sorted(p.name for p in out.iterdir()) == ["PRY_en.html", "SUR_en.html", "index.html"]


def test_write_atomic_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "brief.html"
    write_atomic(target, "old")

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new, half written")
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


def test_notebook_html_is_offline_and_replaces_widgets():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Cost: $95$ million and $x^2$"),
        nbformat.v4.new_code_cell("w", outputs=[nbformat.v4.new_output(
            "display_data", data={"application/vnd.jupyter.widget-view+json":
                                  {"model_id": "abc", "version_major": 2, "version_minor": 0},
                                  "text/plain": "VBox()"})]),
        nbformat.v4.new_code_cell('dsrlab.exercise("05.5")', outputs=[nbformat.v4.new_output(
            "display_data", data={"application/vnd.jupyter.widget-view+json":
                                  {"model_id": "def", "version_major": 2, "version_minor": 0},
                                  "text/plain": "VBox()"})]),
        nbformat.v4.new_code_cell("import warnings", outputs=[nbformat.v4.new_output(
            "stream", name="stderr", text="a warning\n")]),
    ])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    page = notebook_html(nb, html_exporter(exclude_input=False), title="t")
    assert not re.search(r"<script[^>]+src=", page)
    assert "mathjax" not in page.lower() and "require.js" not in page
    assert "open this notebook in JupyterLab" in page and "VBox()" not in page
    # an exercise cell becomes its prompt with the answer folded away
    assert "Which company won the contract" in page and "<details>" in page
    assert "a warning" not in page


@pytest.mark.slow
def test_all_33_briefs_and_an_index(tmp_path):
    run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "brief", "--all", "--out",
                          str(tmp_path), "--jobs", "2"], capture_output=True, text=True,
                         timeout=1800)
    assert run.returncode == 0, run.stderr[-2000:]
    codes = list(celac_countries())
    assert len(codes) == 33
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{c}_{lang}.html" for c in codes for lang in ("en", "es")]
        + ["index.html", "index_es.html"])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for code in codes:
        assert f'href="{code}_en.html"' in index and f'href="{code}_es.html"' in index
    assert 'class="dsrlab-index"' in index and "aria-sort" in index  # sortable, offline
    assert "Coverage" in index or "coverage" in index
    assert "Briefs that failed" not in index
    for code in ("BOL", "VCT", "KNA"):
        page = (tmp_path / f"{code}_en.html").read_text(encoding="utf-8")
        assert f"{country_name(code, 'en')} ({code})" in _text(page)


@pytest.mark.slow
def test_offline_site(tmp_path):
    out = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "site", "--out", str(out),
                          "--briefs", "GRD"], capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    books = sorted(p.stem for p in notebooks_dir().glob("*.ipynb") if p.stem != "country_brief")
    # both editions: English in out/, Spanish in out/es/, every page linking to its twin
    for folder, lang, twin in ((out, "en", "es/{}.html"), (out / "es", "es", "../{}.html")):
        pages = sorted(p.stem for p in folder.glob("*.html") if p.name != "index.html")
        assert pages == books, folder
        index = (folder / "index.html").read_text(encoding="utf-8")
        for stem in books:
            assert f'href="{stem}.html"' in index
        assert f'href="briefs/{index_name(lang)}"' in index
        assert (folder / "briefs" / f"GRD_{lang}.html").is_file()
        assert (folder / "briefs" / index_name(lang)).is_file()
        for stem in [*books, "index"]:
            page = (folder / f"{stem}.html").read_text(encoding="utf-8")
            assert f'href="{twin.format(stem)}"' in page, (folder, stem)
    # the Spanish pages are the Spanish edition: its first heading, not the English one
    spanish = json.loads((notebooks_dir() / "es" / "01_dsr_origins.ipynb").read_text(
        encoding="utf-8"))["cells"][0]["source"]
    title = "".join(spanish).splitlines()[0].lstrip("# ").strip()
    assert title in _text((out / "es" / "01_dsr_origins.html").read_text(encoding="utf-8"))
    images = 0
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", html), page
        for img in re.findall(r"<img\b[^>]*>", html):  # every figure described
            images += 1
            alt = re.search(r'\balt="([^"]+)"', img)
            assert alt and "No description" not in alt.group(1), (page, img[:120])
        assert not re.search(r"https?://(cdn|unpkg|cdnjs)", html), page
    assert images > 20  # the sessions' figures and the brief's two
