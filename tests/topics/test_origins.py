"""Notebook 01 helpers (dsrlab.topics.origins): events, timeline, constraints, AU claims."""

import itertools

import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.base.i18n import t
from dsrlab.topics import firms, origins


def test_events_between_filters_years_and_lanes():
    events = dsrlab.load("events")
    years = events["date"].dt.year
    got = origins.events_table(2015, 2019, lanes=["china", "united_states"])
    expected = events[years.between(2015, 2019)
                      & events["lane"].astype(str).isin(["china", "united_states"])]
    assert sorted(got["event_id"]) == sorted(expected["event_id"])
    assert got["date"].is_monotonic_increasing


def test_events_between_rejects_bad_input_with_choices():
    with pytest.raises(UsageError, match="valid: 'china', 'united_states'"):
        origins.events_table(lanes=["mars"])
    with pytest.raises(UsageError, match="after end_year"):
        origins.events_table(2020, 2015)


def test_events_between_country_and_spanish_titles():
    dsrlab.set_language("es")
    chile = origins.events_table(country="CHL")
    events = dsrlab.load("events").set_index("event_id")
    assert len(chile) > 0
    assert all("CHL" in events.loc[e, "countries"].split(";") for e in chile["event_id"])
    assert list(chile["title"]) == list(events.loc[chile["event_id"], "title_es"])


def _events(ax):
    return [text for text in ax.texts if text.get_gid() == "event"]


def _whole(text):
    """A label as one line (its title is wrapped onto lines, never cut; a line may end
    with the hyphen of a word such as "machine-to-machine")."""
    return " ".join(text.get_text().replace("-\n", "-").split())


def _legend(ax):
    return [text.get_text() for text in ax.figure.legends[0].get_texts()]


def test_timeline_labels_every_event_lanes_and_highlight():
    ax = origins.plot_timeline(2014, 2020)
    assert {"China", "United States", "Multilateral", "Latin America", "Firms"} <= set(_legend(ax))
    shown = origins.events_table(2014, 2020)
    # every event labelled on the figure with its title, in date order (no key to look up)
    labels = [_whole(text) for text in _events(ax)]
    assert labels == [" ".join(title.split()) for title in shown["title"]]
    assert not any("…" in label for label in labels)
    assert max(text.get_text().count("\n") for text in _events(ax)) >= 1  # long ones wrap
    assert not any(text.get_fontweight() == "bold" for text in _events(ax))
    years = [int(text.get_text()) for text in ax.texts if text.get_gid() == "year"]
    assert set(years) == set(shown["year"]) and years == sorted(years)

    ax2 = origins.plot_timeline(2014, 2020, country="CHL")
    bold = [_whole(text) for text in _events(ax2) if text.get_fontweight() == "bold"]
    chile = origins.events_table(2014, 2020, country="CHL")
    assert bold == [" ".join(title.split()) for title in chile["title"]]
    assert "Chile" in _legend(ax2)[-1]


def test_numbered_timeline_matches_its_key():
    ax = origins.plot_timeline(2014, 2020, labels="numbers")
    key = origins.timeline_table(2014, 2020)
    shown = origins.events_table(2014, 2020)
    assert list(key.index) == list(range(1, len(shown) + 1))
    assert list(key["title"]) == list(shown["title"])
    # every label starts with its number in the key, then the title the key lists
    for text, (number, row) in zip(_events(ax), key.iterrows(), strict=True):
        assert _whole(text) == " ".join(f"{number} · {row['title']}".split())
    with pytest.raises(UsageError, match="valid: 'titles', 'numbers'"):
        origins.plot_timeline(labels="initials")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_timeline_periods_fit_a_screen_and_number_as_one_key(lang):
    import matplotlib.pyplot as plt

    key = origins.timeline_table(2014, 2020, lang=lang)
    periods = origins.timeline_periods(2014, 2020, country="BOL", lang=lang)
    assert len(periods) > 1  # the whole period is taller than a screen
    assert periods[0][0] == 2014 and periods[-1][1] == 2020
    assert all(b + 1 == c for (_, b), (c, _) in itertools.pairwise(periods))  # no gap
    labels = []
    for start, end in periods:
        ax = origins.plot_timeline(start, end, labels="numbers", key_start=2014,
                                   country="BOL", lang=lang)
        assert ax.figure.get_size_inches()[1] * ax.figure.dpi <= 1080
        labels += [_whole(text) for text in _events(ax)]
        plt.close(ax.figure)
    assert labels == [" ".join(f"{n} · {row['title']}".split()) for n, row in key.iterrows()]
    # a short period is one figure; an empty one stays one (it says there are no events)
    assert origins.timeline_periods(2019, 2019) == [(2019, 2019)]
    assert origins.timeline_periods(1990, 1991) == [(1990, 1991)]
    whole = origins.timeline_periods(lang=lang)
    years = origins.events_table()["year"]
    assert (whole[0][0], whole[-1][1]) == (years.min(), years.max())


def test_timeline_key_follows_language_and_lanes():
    dsrlab.set_language("es")
    key = origins.timeline_table(2019, 2020, lanes=["united_states"])
    assert set(key["lane"]) == {"Estados Unidos"}
    events = dsrlab.load("events").set_index("event_id")
    us = events[(events["lane"] == "united_states") & events["date"].dt.year.between(2019, 2020)]
    assert sorted(key["title"]) == sorted(us["title_es"])


def test_timeline_follows_language_and_handles_empty_selection():
    dsrlab.set_language("es")
    ax = origins.plot_timeline(2017, 2018, lanes=["united_states"])
    assert "2017–2018" in ax.get_title() and "Ruta de la Seda" in ax.get_title()
    assert _legend(ax)[0] == "Estados Unidos" and "China" not in _legend(ax)
    empty = origins.plot_timeline(1990, 1991)
    assert empty.texts[0].get_text() == t("origins.no_events")


def test_timeline_explorer_controls():
    import ipywidgets as widgets

    box = origins.timeline_explorer(2015, 2019)
    since, until = box.children[0].children  # labelled fields (a slider's handles are not)
    assert all(isinstance(f, widgets.BoundedIntText) for f in (since, until))
    assert (since.value, until.value) == (2015, 2019)
    assert (since.description, until.description) == ("From year", "To year")
    # the whole label is shown ("Hasta el año" was cut to "Hasta el a…" in Spanish)
    assert since.style.description_width == until.style.description_width == "initial"
    years = origins.events_table()["year"]
    assert (since.min, since.max) == (until.min, until.max) == (years.min(), years.max())
    boxes = box.children[1].children
    assert [b.description for b in boxes] == [t(f"origins.lane_{lane}")
                                              for lane in origins.LANES]
    assert all(b.value for b in boxes)


def _explorer_figures(box):
    """(alt text, has PNG and <img alt>, followed by its data) for each figure in the Output."""
    outputs = box.children[-1].outputs
    found = []
    for i, out in enumerate(outputs):
        if "image/png" in out["data"]:
            after = outputs[i + 1]["data"].get("text/html", "") if i + 1 < len(outputs) else ""
            found.append((out["metadata"]["image/png"]["alt"],
                          "<img" in out["data"]["text/html"] and "<details" in after))
    return found


def test_timeline_explorer_draws_its_first_view_without_a_click():
    import matplotlib.pyplot as plt

    plt.close("all")
    box = origins.timeline_explorer(2016, 2017)
    figures = _explorer_figures(box)
    assert len(figures) == 1 and figures[0][1]
    assert t("origins.timeline_title", start=2016, end=2017) in figures[0][0]
    assert plt.get_fignums() == []  # handed over as outputs, not left open for pyplot
    box = origins.timeline_explorer(2014, 2020)  # too long for one screen: one figure per period
    periods = origins.timeline_periods(2014, 2020)
    figures = _explorer_figures(box)
    assert len(periods) > 1 and len(figures) == len(periods) and all(ok for _, ok in figures)
    for (alt, _), (a, b) in zip(figures, periods, strict=True):
        assert t("origins.timeline_title", start=a, end=b) in alt


def test_timeline_explorer_redraws_in_place_when_a_control_changes():
    box = origins.timeline_explorer(2016, 2017)
    until = box.children[0].children[1]
    until.value = 2019
    figures = _explorer_figures(box)  # the new view replaces the old one, never adds to it
    assert [alt.count(t("origins.timeline_title", start=2016, end=2019)) for alt, _ in figures] \
        == [1]
    box.children[1].children[0].value = False  # one lane off
    assert len(_explorer_figures(box)) == 1


def test_constraints_table_has_the_us_measures_and_the_law():
    table = origins.constraints_table()
    titles = " | ".join(table["title"])
    for word in ("Digital Connectivity", "Clean Network", "WeChat", "National Intelligence Law"):
        assert word in titles


def test_au_claims_keep_both_sides():
    claims = origins.au_claims_table()
    assert {"concern", "denial"} <= set(claims["stance"].astype(str))
    assert set(claims["source_id"]) == {"malena-fn10"}


def test_functions_do_not_change_loaded_tables():
    before = {name: dsrlab.load(name).copy() for name in ("events", "presence", "firms")}
    origins.plot_timeline(2014, 2020, country="BRA")
    firms.components_table()
    firms.actors_table()
    for name, frame in before.items():
        assert dsrlab.load(name).equals(frame)


def test_country_is_resolved_from_any_name_and_highlighted():
    def bold(ax):
        return sorted(text.get_text() for text in ax.texts if text.get_fontweight() == "bold")

    by_code = origins.plot_timeline(2014, 2020, country="CHL")
    assert bold(by_code) and bold(origins.plot_timeline(2014, 2020, country="Chile")) == bold(
        by_code)
    chile = origins.events_table(2014, 2020, country="cl")
    assert list(chile["event_id"]) == list(
        origins.events_table(2014, 2020, country="CHL")["event_id"])
    key = origins.timeline_table(2014, 2020, country="Chile")
    assert len(key) == len(origins.timeline_table(2014, 2020))  # highlights, never filters
    starred = key.loc[key["title"].str.startswith("★ "), "title"].str[2:]
    assert sorted(starred) == sorted(chile["title"])
    constraints = origins.constraints_table(country="Chile")
    assert len(constraints) == len(origins.constraints_table())
    with pytest.raises(UsageError, match="valid"):
        origins.events_table(country="Atlantis")
    with pytest.raises(UsageError, match="valid"):
        origins.au_claims_table(country="Atlantis")


def test_lang_keyword_applies_to_one_call():
    ax = origins.plot_timeline(2017, 2018, lanes=["united_states"], lang="es")
    assert _legend(ax)[0] == "Estados Unidos"
    assert dsrlab.get_language() == "en"
    key = origins.timeline_table(2019, 2020, lanes=["united_states"], lang="es")
    assert set(key["lane"]) == {"Estados Unidos"}
    box = origins.timeline_explorer(2015, 2019, country="Brasil", lang="es")
    assert box.children[1].children[0].description == t("origins.lane_china", lang="es")
    assert dsrlab.get_language() == "en"
