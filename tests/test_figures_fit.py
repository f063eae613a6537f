"""Every course figure projects: it fits one screen and every text on it can be read from
the back of a seminar room, in both languages, with and without a highlighted country.

The rule, for each figure as it is shown inline (the PNG :func:`dsrlab.blocks.inline._figure_png`
makes, at the figure's dpi, cropped tight when something sticks out):

* displayed width: the PNG's own width, or ``NOTEBOOK_WIDTH`` px when it is wider (JupyterLab
  caps an output image at the notebook's width: about 1000-1100 px in a 1400x900 window;
  the smaller figure is taken), so the *display scale* is ``min(1, NOTEBOOK_WIDTH / width)``;
* height at the display scale at most ``SCREEN_HEIGHT`` px (one 1080p screen);
* every text that is drawn (titles, tick labels, legends, annotations, notes) at least
  ``MIN_PT`` points on a 96-dpi screen at the display scale, i.e.
  ``fontsize * dpi / 72 * scale >= MIN_PT * 96 / 72`` px.

What is drawn is recorded while the canvas draws (``Text.draw`` is observed, the real
drawing still runs), so tick labels outside the view and annotations whose point is
off the axes, which matplotlib skips, are not counted.

The figures are listed in ``FIGURES``, keyed ``"module.plot_x"`` (a variant adds
``"[...]"``); a test fails when a ``plot_`` function of :mod:`dsrlab.topics` or
:mod:`dsrlab.blocks.maps` is not listed.
"""

import importlib
import pkgutil

import matplotlib as mpl
import matplotlib.text as mtext
import pytest

import dsrlab
import dsrlab.topics
from dsrlab.blocks import maps
from dsrlab.topics import (
    assessment,
    brief,
    capstone,
    diplomacy,
    firms,
    giants,
    infrastructure,
    investments,
    memberships,
    origins,
    surveillance,
)

NOTEBOOK_WIDTH = 1000  # px: the narrower end of JupyterLab's notebook at 1400x900
SCREEN_HEIGHT = 1080  # px: one 1080p screen
MIN_PT = 12  # points on a 96-dpi screen, at the displayed size

FIGURES = {
    # notebook 01 and the explorer draw one figure per period of timeline_periods()
    "origins.plot_timeline": lambda c: _period(0, 2014, 2020, c),
    "origins.plot_timeline[numbers, 1st period]":
        lambda c: _period(0, 2014, 2020, c, labels="numbers", key_start=2014),
    "origins.plot_timeline[numbers, last period]":
        lambda c: _period(-1, 2014, 2020, c, labels="numbers", key_start=2014),
    "origins.plot_timeline[all years, 1st period]": lambda c: _period(0, None, None, c),
    "origins.plot_timeline[all years, last period]": lambda c: _period(-1, None, None, c),
    "origins.plot_timeline[one figure]": lambda c: origins.plot_timeline(2016, 2017, country=c),
    "firms.plot_actors": lambda c: firms.plot_actors(country=c),
    "firms.plot_components": lambda c: firms.plot_components(country=c),
    "firms.plot_firm_matrix": lambda c: firms.plot_firm_matrix(country=c),
    "investments.plot_deals": lambda c: investments.plot_deals(country=c),
    "investments.plot_investments": lambda c: investments.plot_investments(country=c),
    "infrastructure.plot_coverage": lambda c: infrastructure.plot_coverage(country=c),
    "infrastructure.plot_space": lambda c: infrastructure.plot_space(country=c),
    "maps.plot_cables": lambda c: maps.plot_cables(country=c),
    "maps.plot_region": lambda c: maps.plot_region(country=c),
    "surveillance.plot_claims": lambda c: surveillance.plot_claims(country=c),
    "surveillance.plot_cameras": lambda c: surveillance.plot_cameras(country=c),
    "surveillance.plot_costs": lambda c: surveillance.plot_costs(country=c),
    "assessment.plot_ranking":
        lambda c: assessment.plot_ranking(assessment.scores_table(), country=c),
    "diplomacy.plot_votes": lambda c: diplomacy.plot_votes(country=c),
    "diplomacy.plot_positioning": lambda c: diplomacy.plot_positioning(country=c),
    "diplomacy.plot_paris_call": lambda c: diplomacy.plot_paris_call(country=c),
    "memberships.plot_memberships": lambda c: memberships.plot_memberships(country=c),
    "giants.plot_recognitions": lambda c: giants.plot_recognitions(country=c),
    "capstone.plot_comparison":
        lambda c: capstone.plot_comparison("ARG" if c else "MEX", country=c or "BRA"),
    "brief.plot_timeline": lambda c: brief.plot_timeline(country=c or "BOL"),
}

CASES = [("en", None), ("es", "BOL"), ("en", "BRA")]


def _period(which, start, end, country, **kw):
    """The timeline of one of ``timeline_periods(start, end)`` (0: first, -1: last)."""
    first, last = origins.timeline_periods(start, end, country=country)[which]
    return origins.plot_timeline(first, last, country=country, **kw)


def _plot_functions() -> set[str]:
    """``"module.plot_x"`` for every public plot function defined in the topics and maps."""
    modules = [importlib.import_module(f"dsrlab.topics.{m.name}")
               for m in pkgutil.iter_modules(dsrlab.topics.__path__)] + [maps]
    return {f"{mod.__name__.rsplit('.', 1)[1]}.{name}" for mod in modules
            for name in getattr(mod, "__all__", dir(mod))
            if name.startswith("plot_") and callable(getattr(mod, name))
            # a re-export (diplomacy.plot_memberships) is listed where it is defined
            and getattr(getattr(mod, name), "__module__", mod.__name__) == mod.__name__}


def test_every_plot_function_is_in_the_table():
    listed = {name.split("[")[0] for name in FIGURES}
    assert _plot_functions() - listed == set(), "add these figures to FIGURES"
    assert listed - _plot_functions() == set()


def _draw(name, lang, country, monkeypatch):
    """Draw a figure; return it with the texts drawn on it."""
    drawn = []
    draw = mtext.Text.draw

    def observed(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return draw(self, renderer)

    dsrlab.set_language(lang)
    dsrlab.use_style()
    ax = FIGURES[name](country)
    fig = ax.figure
    monkeypatch.setattr(mtext.Text, "draw", observed)
    fig.canvas.draw()
    monkeypatch.setattr(mtext.Text, "draw", draw)
    return fig, drawn


def _shown_size(fig) -> tuple[float, float]:
    """Width and height in px of the PNG shown inline (cropped tight when content sticks out)."""
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    return ((max(width, box.x1) - min(0, box.x0)) * fig.dpi,
            (max(height, box.y1) - min(0, box.y0)) * fig.dpi)


@pytest.mark.parametrize(("lang", "country"), CASES)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_fits_a_screen_and_its_text_projects(name, lang, country, monkeypatch):
    import matplotlib.pyplot as plt

    with mpl.rc_context():
        fig, drawn = _draw(name, lang, country, monkeypatch)
        width, height = _shown_size(fig)
        scale = min(1.0, NOTEBOOK_WIDTH / width)
        assert height * scale <= SCREEN_HEIGHT, (name, width, height)
        assert drawn, name
        small = sorted({(round(txt.get_fontsize() * fig.dpi / 72 * scale * 72 / 96, 1),
                         txt.get_text()[:30]) for txt in drawn
                        if txt.get_fontsize() * fig.dpi / 72 * scale < MIN_PT * 96 / 72})
        plt.close(fig)
    assert not small, (name, f"scale {scale:.2f}", small[:5])


@pytest.mark.parametrize(("lang", "country"), CASES)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_lies_inside_its_canvas(name, lang, country, monkeypatch):
    """Nothing sticks out, so ``_figure_png`` renders the figure once (no second, cropped pass)."""
    import matplotlib.pyplot as plt

    with mpl.rc_context():
        fig, _ = _draw(name, lang, country, monkeypatch)
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        width, height = fig.get_size_inches()
        plt.close(fig)
    slack = 0.01  # inches, as in _figure_png
    assert box.x0 >= -slack and box.y0 >= -slack, (name, box)
    assert box.x1 <= width + slack and box.y1 <= height + slack, (name, box)
