"""Figure descriptions (alt text) made from the data that draws each figure.

Every figure of the course (the list of ``tests/test_figures_fit.py``, which fails when a
``plot_`` function is missing from it) is drawn in English and Spanish, with a highlighted
country; its description must be in that language, name the chart's title, say what the
highlighted country shows (or that it is not in the chart), and its data must come back as
a table.
"""

import importlib.util
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from dsrlab.base.errors import UsageError
from dsrlab.base.i18n import set_language, t
from dsrlab.blocks import alt_text
from dsrlab.blocks.alt_text import alt_text as alt_of
from dsrlab.blocks.alt_text import chart_data, describe, details_html
from dsrlab.blocks.countries import country_name
from dsrlab.blocks.inline import _figure_html, _figure_png

_SPEC = importlib.util.spec_from_file_location(
    "figures_fit", Path(__file__).resolve().parents[1] / "test_figures_fit.py")
FIT = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(FIT)
KINDS = ("bar", "tiles", "dots", "timeline", "map", "matrix")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", sorted(FIT.FIGURES))
def test_every_figure_describes_itself_in_its_language(name, lang):
    set_language(lang)
    country = "BOL"
    ax = FIT.FIGURES[name](country)
    text = alt_of(ax)
    assert text, name
    assert text.startswith(tuple(f"{t(f'alt.kind_{k}')}:" for k in KINDS)), text
    assert text.endswith(t("alt.table_hint")), text
    title = " ".join((ax.get_title() or ax.get_title(loc="left")
                      or ax.figure.get_suptitle()).split())
    assert title and title in text, (title, text)
    other = "es" if lang == "en" else "en"
    assert t("alt.table_hint", other) not in text
    if name != "brief.plot_timeline" and not name.startswith(("capstone.", "firms.plot_comp")):
        said = (t("alt.marked_rows", name=country_name(country), rows="").split("—")[0],
                t("alt.marked", name=country_name(country)),
                t("alt.absent", name=country_name(country)))
        assert any(s.strip(" .") in text for s in said), text
    data = chart_data(ax)
    assert isinstance(data, pd.DataFrame) and len(data), name


def _ax(title="Votes"):
    ax = plt.subplots()[1]
    ax.set_title(title)
    return ax


TABLE = pd.DataFrame({"name": ["Chile", "Bolivia", "Peru", "Cuba"],
                      "iso3": ["CHL", "BOL", "PER", "CUB"], "value": [3.0, 5.5, 1.0, 5.5]})


def test_extremes_ties_and_the_highlight_come_from_the_table():
    text = alt_of(describe(_ax(), "bar", TABLE, label="name", value="value", unit="%",
                           key="iso3", country="PER"))
    assert text == ("Bar chart: Votes. It shows 4 items: Chile, Bolivia, Peru, Cuba. "
                    "Highest: Bolivia, Cuba (5.5%). Lowest: Peru (1%). Highlighted: Peru — "
                    "1%. The data is in the table below the chart.")


def test_spanish_numbers_and_an_absent_country():
    text = alt_of(describe(_ax("Votos"), "bar", TABLE.assign(value=[1234.0, 2.5, 3, 4]),
                           label="name", value="value", key="iso3", country="ARG", lang="es"))
    assert "Valor más alto: Chile (1.234). Valor más bajo: Bolivia (2,5)." in text
    assert "Argentina no aparece en este gráfico." in text
    assert t("alt.kind_bar", "es") in text


def test_a_long_list_is_read_from_first_to_last():
    many = pd.DataFrame({"name": [f"S{i}" for i in range(12)], "v": range(12)})
    text = alt_of(describe(_ax(), "dots", many, label="name"))
    assert "It shows 12 items: from S0 to S11." in text


def test_drawing_again_replaces_the_description():
    ax = _ax()
    describe(ax, "bar", TABLE, label="name")
    describe(ax, "map", TABLE.head(1), label="name")
    assert alt_of(ax).startswith("Map: Votes. It shows 1 items")
    assert len(chart_data(ax)) == 1


def test_the_inline_png_carries_the_alt_text_and_details_the_table():
    ax = describe(_ax(), "bar", TABLE, label="name", value="value")
    png, meta = _figure_png(ax.figure)
    assert png and meta == {"alt": alt_of(ax)}
    html = details_html(ax.figure)
    assert html.startswith('<details class="dsrlab-chart-data"><summary>')
    assert "<table" in html and "Bolivia" in html and t("alt.summary") in html
    # JupyterLab shows the HTML form (it gives an image/png output no alt): same PNG
    img = _figure_html(ax.figure)
    assert img.startswith('<img class="dsrlab-figure" src="data:image/png;base64,')
    assert f'alt="{alt_of(ax)}"' in img and png in img
    plain = _ax()
    assert isinstance(_figure_png(plain.figure), str)  # undescribed: a plain PNG, no alt
    assert _figure_html(plain.figure) is None
    assert details_html(plain.figure) is None and alt_of(plain) is None


def test_no_described_figure_is_a_clear_error():
    alt_text._LAST.clear()
    with pytest.raises(UsageError, match="draw one first"):
        chart_data()
    with pytest.raises(UsageError, match="no data table"):
        chart_data(_ax())
