"""Every figure a student or reader meets carries alt text and its data, in both languages.

Each course notebook (English and its Spanish twin in ``notebooks/es/``) and the brief
template is executed as papermill runs it (a real kernel, the inline backend); every image
output must carry ``metadata["image/png"]["alt"]`` in the notebook's language and be
followed by its description and data table (a ``<details>`` block). The executed notebooks
are then rendered as the briefs and the site render them, and every ``<img>`` must have a
real ``alt`` attribute (not nbconvert's "No description has been provided" stand-in).
"""

import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor

import papermill as pm
import pytest

from dsrlab.base.i18n import t
from dsrlab.base.paths import notebooks_dir
from dsrlab.render import html_exporter, notebook_html

pytestmark = pytest.mark.notebook

NOTEBOOKS = [*sorted(notebooks_dir().glob("*.ipynb")),
             *sorted((notebooks_dir() / "es").glob("*.ipynb"))]
KINDS = ("bar", "tiles", "dots", "timeline", "map", "matrix")


@pytest.fixture(scope="module")
def executed():
    # Two kernels at a time (the machine is shared), each driven from its own process.
    # The Spanish twins' parameters cell says lang = "en" (their code is the English
    # code): they are run in Spanish as an instructor runs them, with -p lang es.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = [pool.submit(pm.execute_notebook, str(path), None,
                            parameters={"lang": _lang(path)}, kernel_name="python3",
                            progress_bar=False, log_output=False, cwd=str(path.parent),
                            execution_timeout=600) for path in NOTEBOOKS]
        return {path: run.result() for path, run in zip(NOTEBOOKS, runs, strict=True)}


def _lang(path) -> str:
    return "es" if path.parent.name == "es" else "en"


def test_every_notebook_is_checked():
    assert len(NOTEBOOKS) == 14  # 6 sessions and the brief, in two languages


def test_every_image_output_has_alt_text_and_data(executed):
    missing, without_data, images = [], [], 0
    for path, nb in executed.items():
        lang = _lang(path)
        starts = tuple(t(f"alt.kind_{k}", lang) for k in KINDS)
        for cell in nb.cells:
            outputs = cell.get("outputs", [])
            for i, out in enumerate(outputs):
                if "image/png" not in out.get("data", {}):
                    continue
                images += 1
                alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
                if not alt.startswith(starts) or t("alt.table_hint", lang) not in alt:
                    missing.append(f"{path.parent.name}/{path.name} {cell.get('id')}: {alt!r}")
                after = outputs[i + 1].get("data", {}).get("text/html", "") \
                    if i + 1 < len(outputs) else ""
                if "dsrlab-chart-data" not in after or "<table" not in after:
                    without_data.append(f"{path.parent.name}/{path.name} cell {cell.get('id')}")
    assert images >= 2 * 20, images  # the course draws figures in every session
    assert missing == []
    assert without_data == []


@pytest.mark.parametrize("stem", ["country_brief", "04_un_cyber_diplomacy"])
def test_rendered_pages_have_real_alt_attributes(executed, stem):
    for lang in ("en", "es"):
        path = notebooks_dir() / ("es" if lang == "es" else "") / f"{stem}.ipynb"
        page = notebook_html(executed[path], html_exporter())
        imgs = re.findall(r"<img\b[^>]*>", page)
        assert imgs, stem
        for img in imgs:
            alt = re.search(r'\balt="([^"]+)"', img)
            assert alt and "No description" not in alt.group(1), img[:200]
            assert alt.group(1).startswith(tuple(t(f"alt.kind_{k}", lang) for k in KINDS))
        assert page.count('class="dsrlab-chart-data"') == len(imgs)
