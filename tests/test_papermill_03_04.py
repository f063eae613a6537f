"""Notebooks 03 and 04 under papermill: valid parameters run end to end, invalid ones stop
at the validation cell with a one-line message."""

from pathlib import Path

import pytest

from dsrlab.topics import assessment, diplomacy

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
NB03 = REPO / "notebooks" / "03_surveillance_deployments.ipynb"
NB04 = REPO / "notebooks" / "04_un_cyber_diplomacy.ipynb"


def _run(path, tmp_path, **parameters):
    import papermill as pm

    out = tmp_path / path.name
    return pm.execute_notebook(
        str(path), str(out), parameters=parameters, kernel_name="python3",
        cwd=str(path.parent), progress_bar=False, log_output=False, execution_timeout=300,
    )


def _outputs(nb):
    """(texts, html, images, errors) over every code cell's outputs."""
    texts, html, images, errors = [], [], 0, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(out)
            data = out.get("data", {})
            texts.append(data.get("text/plain", "") + data.get("text/markdown", "")
                         + out.get("text", ""))
            html.append(data.get("text/html", ""))
            images += "image/png" in data
    return "\n".join(texts), "\n".join(html), images, errors


def test_03_runs_with_country_spanish_and_custom_weights(tmp_path):
    weights = {"legal_safeguards": 3, "scope_creep": 2, "contract_transparency": 1}
    nb = _run(NB03, tmp_path, country="ECU", lang="es", weights=weights)
    texts, _html, images, errors = _outputs(nb)
    assert errors == []
    assert images >= 4
    # the ranking table shows the scores computed for these weights
    expected = assessment.scores_table(weights)
    ranking_cell = next(c for c in nb.cells if c.source.startswith("ranking = "))
    shown = ranking_cell.outputs[0]["data"]["text/plain"]
    first = shown.splitlines()[1]
    assert expected["deployment_id"].iloc[0] in first
    assert f"{expected['score'].iloc[0]}" in first
    # no sliders in a parameter run: the static note names the weights, in Spanish
    assert "Los pesos se fijaron como parámetro" in texts
    assert "Salvaguardas y control 3" in texts
    # the validated parameters echo the country as ISO3
    assert "country='ECU'" in texts


def test_04_runs_for_brazil_in_english_with_the_country_panel(tmp_path):
    nb = _run(NB04, tmp_path, country="Brasil", lang="en")
    texts, html, images, errors = _outputs(nb)
    assert errors == []
    assert images >= 4
    assert "Brazil: cyber diplomacy at a glance" in html
    assert "Yes to the GGE (U.S.) only" in html
    counts = diplomacy.positioning_table()
    both = int(counts.loc[counts["position"] == "yes_both", "count"].iloc[0])
    assert str(both) in texts


def test_04_runs_for_bolivia_in_spanish(tmp_path):
    nb = _run(NB04, tmp_path, country="Bolivia", lang="es")
    _texts, html, _images, errors = _outputs(nb)
    assert errors == []
    assert "Bolivia: ciberdiplomacia de un vistazo" in html
    assert "no figura como partidario" in html


@pytest.mark.parametrize(("path", "parameters", "message"), [
    (NB03, {"country": "Atlantis"}, "unknown country 'Atlantis'"),
    (NB03, {"weights": {"scope_creep": -1}}, "must be a finite number from 0 to 5"),
    (NB03, {"weights": {"scope_creep": "a lot"}}, "must be a number from 0 to 5"),
    (NB03, {"weights": {"price": 1}}, "unknown criterion 'price'"),
    (NB04, {"lang": "fr"}, "unknown language 'fr'"),
], ids=["country", "negative-weight", "text-weight", "unknown-criterion", "lang"])
def test_invalid_parameters_stop_at_the_validation_cell(tmp_path, path, parameters, message):
    import nbformat
    import papermill as pm

    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(path, tmp_path, **parameters)
    assert err.value.ename == "UsageError"
    assert message in err.value.evalue
    assert "\n" not in err.value.evalue
    assert "check_params(" in err.value.source
    nb = nbformat.read(tmp_path / path.name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    check = next(i for i, c in enumerate(code) if "check_params(" in c.source)
    assert all(c.get("execution_count") is None for c in code[check + 1:])
