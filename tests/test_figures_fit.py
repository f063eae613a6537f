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
from dsrlab.blocks import maps
from dsrlab.topics import (
    assessment,
    brief,
    firms,
    infrastructure,
    investments,
    origins,
    surveillance,
)

FIGURES = {
    "timeline numbers": lambda c: origins.plot_timeline(2014, 2020, labels="numbers", country=c),
    "timeline titles": lambda c: origins.plot_timeline(2017, 2019, country=c),
    "plot_actors": lambda c: firms.plot_actors(country=c),
    "plot_components": lambda c: firms.plot_components(country=c),
    "plot_deals": lambda c: investments.plot_deals(country=c),
    "plot_coverage": lambda c: infrastructure.plot_coverage(country=c),
    "plot_investments": lambda c: investments.plot_investments(country=c),
    "plot_space": lambda c: infrastructure.plot_space(country=c),
    "plot_firm_matrix": lambda c: firms.plot_firm_matrix(country=c),
    "plot_cables": lambda c: maps.plot_cables(country=c),
    "plot_claims": lambda c: surveillance.plot_claims(),
    "plot_cameras": lambda c: surveillance.plot_cameras(country=c),
    "plot_costs": lambda c: surveillance.plot_costs(country=c),
    "plot_ranking": lambda c: assessment.plot_ranking(assessment.scores_table(), country=c),
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
