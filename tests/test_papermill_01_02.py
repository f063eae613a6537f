"""Execute notebooks 01 and 02 with papermill for valid and invalid parameters."""

import json

import pytest

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


@pytest.fixture(scope="module")
def notebooks(repo_root):
    return repo_root / "notebooks"


def _run(src, tmp_path, **parameters):
    import papermill

    out = tmp_path / f"out-{src.stem}.ipynb"
    papermill.execute_notebook(
        str(src), str(out), parameters=parameters, kernel_name="python3",
        cwd=str(tmp_path), progress_bar=False, log_output=False, execution_timeout=300,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def _outputs(nb):
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            yield cell, cell.get("outputs", [])


def _text(outputs) -> str:
    parts = []
    for out in outputs:
        data = out.get("data", {})
        parts.append("".join(data.get("text/plain", "")) + "".join(out.get("text", "")))
    return "\n".join(parts)


def _images(nb) -> int:
    return sum("image/png" in out.get("data", {}) for _, outs in _outputs(nb) for out in outs)


def _cell_with(nb, snippet):
    return next(outs for cell, outs in _outputs(nb) if snippet in "".join(cell["source"]))


def test_01_runs_for_a_narrow_range_in_spanish(notebooks, tmp_path):
    nb = _run(notebooks / "01_dsr_origins.ipynb", tmp_path,
              start_year=2017, end_year=2019, lang="es")
    assert "start_year=2017" in _text(_cell_with(nb, "check_params"))
    assert "lang='es'" in _text(_cell_with(nb, "check_params"))
    assert _images(nb) >= 3  # timeline, actors, deals
    table = _text(_cell_with(nb, "timeline_table"))
    assert "2016" not in table and "2020" not in table  # only the chosen years
    assert "Cumbre" in table or "Foro" in table  # Spanish titles
    assert "Estados Unidos" in table  # lane names in Spanish
    components = _text(_cell_with(nb, "components_table"))
    assert "Huawei" in components


@pytest.mark.parametrize(
    ("country", "lang", "name"),
    [("Chile", "en", "Chile (CHL)"), ("mx", "es", "México (MEX)")],
)
def test_02_runs_for_a_country(notebooks, tmp_path, country, lang, name):
    nb = _run(notebooks / "02_latam_digital_infrastructure.ipynb", tmp_path,
              country=country, lang=lang)
    panel = _text(_cell_with(nb, "infrastructure_panel"))
    assert name in panel
    assert _images(nb) >= 3  # 4G, deals by country, cable map
    assert "Satellogic" in _text(_cell_with(nb, "space_table"))
    firms = _text(_cell_with(nb, "firm_table"))
    assert f"► {name.split(' (')[0]}" in firms  # the country's column comes first, marked


@pytest.mark.parametrize(
    ("src", "parameters", "message"),
    [
        ("01_dsr_origins.ipynb", {"start_year": 2019, "end_year": 2015}, "after end_year"),
        ("01_dsr_origins.ipynb", {"lang": "fr"}, "'en', 'es'"),
        ("02_latam_digital_infrastructure.ipynb", {"country": "Atlantis"}, "valid"),
    ],
)
def test_invalid_parameters_stop_at_the_validation_cell(notebooks, tmp_path, src, parameters,
                                                        message):
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as info:
        _run(notebooks / src, tmp_path, **parameters)
    err = info.value
    assert err.ename == "UsageError"
    assert message in err.evalue
    assert "\n" not in err.evalue.strip()  # one line
    assert "dsrlab.check_params(" in err.source


def test_use_style_shows_inline_figures_whole_at_their_own_size(tmp_path):
    # In a real kernel with the inline backend: a figure that fits its canvas is shown at
    # exactly its own size (one render, no crop); one whose title sticks out is still shown
    # whole (printed again, cropped tight, so wider than its canvas).
    import base64
    import io

    import nbformat
    from nbclient import NotebookClient
    from PIL import Image

    cells = [
        "import dsrlab\ndsrlab.use_style()\nimport matplotlib.pyplot as plt",
        "fig, ax = plt.subplots(figsize=(4, 3), layout='constrained')\nax.set_title('fits')",
        "fig, ax = plt.subplots(figsize=(4, 3), layout='constrained')\n"
        "ax.set_title('a title far too long for a figure only four inches wide ' * 2)",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    sizes = []
    for cell in nb.cells[1:]:
        (png,) = [o["data"]["image/png"] for o in cell.outputs if "image/png" in o.get("data", {})]
        sizes.append(Image.open(io.BytesIO(base64.b64decode(png))).size)
    assert sizes[0] == (400, 300)  # figure.dpi 100 from use_style
    assert sizes[1][0] > 400
