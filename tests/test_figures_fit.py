"""Every course figure lies inside its canvas, in both languages, with and without a
highlighted country.

A figure that sticks out (a long Spanish title, a wide legend) would be clipped by a plain
``savefig``; inline, :func:`dsrlab.blocks.plots._figure_png` catches it and renders the figure a
second time, cropped, which doubles its cost. Notebooks 04-05's figures are checked in
tests/topics/test_diplomacy.py.
"""

import matplotlib as mpl
import pytest

import dsrlab
from dsrlab.topics import brief, surveillance

FIGURES = {
    "timeline numbers": lambda c: dsrlab.timeline(2014, 2020, highlight=c, labels="numbers"),
    "timeline titles": lambda c: dsrlab.timeline(2017, 2019, highlight=c),
    "actors_chart": lambda c: dsrlab.actors_chart(),
    "components_chart": lambda c: dsrlab.components_chart(highlight=c),
    "deals_chart": lambda c: dsrlab.deals_chart(highlight=c),
    "coverage_4g_chart": lambda c: dsrlab.coverage_4g_chart(highlight=c),
    "investments_chart": lambda c: dsrlab.investments_chart(highlight=c),
    "space_chart": lambda c: dsrlab.space_chart(highlight=c),
    "firm_matrix_chart": lambda c: dsrlab.firm_matrix_chart(highlight=c),
    "cable_map": lambda c: dsrlab.cable_map(highlight_country=c),
    "plot_claims": lambda c: surveillance.plot_claims(),
    "plot_cameras": lambda c: surveillance.plot_cameras(country=c),
    "plot_costs": lambda c: surveillance.plot_costs(country=c),
    "plot_ranking": lambda c: dsrlab.plot_ranking(dsrlab.assessment_scores(), country=c),
    "brief_timeline": lambda c: brief.plot_timeline(country=c or "BOL"),
}


@pytest.mark.parametrize(("lang", "country"), [("en", None), ("es", "BOL"), ("en", "BRA")])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_lies_inside_its_canvas(name, lang, country):
    dsrlab.set_language(lang)
    with mpl.rc_context():
        dsrlab.use_style()
        ax = FIGURES[name](country)
        fig = ax.figure
        fig.canvas.draw()
        box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    slack = 0.01  # inches, as in _figure_png
    assert box.x0 >= -slack and box.y0 >= -slack, (name, box)
    assert box.x1 <= width + slack and box.y1 <= height + slack, (name, box)
