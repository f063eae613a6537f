"""Notebook 04's one-country panel: a state's votes, memberships, statements, Paris Call."""

from __future__ import annotations

import html

from ..base.i18n import get_language, in_language, t
from ..blocks.countries import country_names, country_or_none
from ..data.tables import load
from .diplomacy import paris_call_table, statements_table, votes_table

__all__ = ["DiplomacyPanel", "country_panel"]


def _when(date, year) -> str:
    """A Paris Call date as known: the day, else the year (the paper's listing), else ""."""
    if date is not None and str(date) not in ("NaT", "None", "nan"):
        return f"{date:%Y-%m-%d}"
    return "" if str(year) in ("<NA>", "None", "nan") else str(year)


class DiplomacyPanel:
    """One state's cyber-diplomacy record: votes, positioning, memberships, statements,
    Paris Call status. Attributes are DataFrames (or str); displays as an HTML panel."""

    def __init__(self, iso3, name, votes, position, memberships, statements, paris_call,
                 lang):
        self.iso3, self.name, self.votes, self.position = iso3, name, votes, position
        self.memberships, self.statements, self.paris_call = memberships, statements, paris_call
        self.lang = lang

    def _section(self, key: str, body: str) -> str:
        return f"<h4>{html.escape(t(key, lang=self.lang))}</h4>{body}"

    def _frame_html(self, frame, columns: dict[str, str],
                    values: dict[str, str] | None = None) -> str:
        """``frame`` as an HTML table with translated headers; the cells of each column in
        ``values`` are translated with the key prefix given there ("diplomacy.vote_").
        ``columns`` may name both language twins (``summary_en``, ``summary_es``): the frame
        holds the one of its language."""
        if frame.empty:
            return f"<p><em>{html.escape(t('diplomacy.panel_none', lang=self.lang))}</em></p>"
        shown = frame[[c for c in columns if c in frame.columns]].copy()
        for column, prefix in (values or {}).items():
            shown[column] = [t(f"{prefix}{v}", lang=self.lang) for v in shown[column].astype(str)]
        shown = shown.rename(columns={c: t(k, lang=self.lang) for c, k in columns.items()})
        return shown.to_html(index=False, na_rep="", escape=True)

    def _repr_html_(self) -> str:
        parts = [f"<div class='dsrlab-country-panel'><h3>"
                 f"{html.escape(t('diplomacy.panel_title', lang=self.lang, country=self.name))}"
                 "</h3>",
                 self._section("diplomacy.panel_votes", self._frame_html(
                     self.votes, {"resolution": "diplomacy.col_resolution",
                                  "vote": "diplomacy.col_vote"},
                     {"vote": "diplomacy.vote_"})),
                 f"<p><b>{html.escape(t('diplomacy.panel_position', lang=self.lang))}:</b> "
                 f"{html.escape(t(f'diplomacy.pos_{self.position}', lang=self.lang))}</p>",
                 self._section("diplomacy.panel_memberships", self._frame_html(
                     self.memberships, {"organisation": "diplomacy.col_organisation",
                                        "status": "diplomacy.col_status",
                                        "since": "diplomacy.col_since",
                                        "as_of": "diplomacy.col_as_of",
                                        "source_id": "diplomacy.col_source"},
                     {"status": "diplomacy.status_"})),
                 self._section("diplomacy.panel_statements", self._frame_html(
                     self.statements, {"speaker": "diplomacy.col_speaker",
                                       "forum": "diplomacy.col_forum",
                                       "when": "diplomacy.col_date",
                                       "topic": "diplomacy.col_topic",
                                       "summary_en": "diplomacy.col_summary",
                                       "summary_es": "diplomacy.col_summary",
                                       "source_id": "diplomacy.col_source"})),
                 self._section("diplomacy.panel_paris", self._paris_html()), "</div>"]
        return "".join(parts)

    def _paris_html(self) -> str:
        if self.paris_call.empty:
            return f"<p>{html.escape(t('diplomacy.paris_not_listed', lang=self.lang))}</p>"
        dates = [_when(d, y) for d, y in zip(self.paris_call["date"], self.paris_call["year"],
                                             strict=True)]
        return self._frame_html(self.paris_call.assign(date=dates),
                                {"listing": "diplomacy.col_listing", "date": "diplomacy.col_date",
                                 "date_kind": "diplomacy.col_date_kind",
                                 "source_id": "diplomacy.col_source"},
                                {"listing": "diplomacy.listing_",
                                 "date_kind": "diplomacy.date_kind_"})

    def __repr__(self) -> str:
        votes = ", ".join(f"{r}: {v}" for r, v in zip(self.votes["resolution"],
                                                       self.votes["vote"], strict=True))
        return (f"DiplomacyPanel({self.iso3}: {votes}; {self.position}; "
                f"{len(self.memberships)} memberships, {len(self.statements)} statements, "
                f"{len(self.paris_call)} Paris Call listings)")


@in_language
def country_panel(*, country=None, lang=None):
    """Everything notebook 04 knows about one CELAC state, in one panel.

    Parameters
    ----------
    country : str or None
        ISO3, ISO2 or name of a CELAC state (as ``dsrlab.check_params`` accepts). With
        ``None``, returns a one-line note on how to choose a country.
    lang : str, optional
        Language of the panel (default: the active language); the panel keeps it.

    Returns
    -------
    DiplomacyPanel
        ``.votes``, ``.position``, ``.memberships``, ``.statements``, ``.paris_call``.
    """
    lang = get_language()  # the panel renders later: it keeps the language of the call
    iso3 = country_or_none(country)
    if iso3 is None:
        from IPython.display import Markdown

        return Markdown(t("diplomacy.panel_hint"))
    votes = load("un_votes")
    mine = votes[votes["iso3"] == iso3][["resolution", "vote", "source_id"]]
    mine = mine.assign(vote=mine["vote"].astype(str)).reset_index(drop=True)
    matrix = votes_table(votes)
    memberships = load("memberships")
    memberships = memberships[memberships["iso3"] == iso3].reset_index(drop=True)
    paris = paris_call_table()
    return DiplomacyPanel(
        iso3=iso3, name=country_names().get(iso3, iso3), votes=mine,
        position=matrix.loc[iso3, "position"], memberships=memberships,
        statements=statements_table(country=iso3),
        paris_call=paris[paris["iso3"] == iso3].reset_index(drop=True), lang=lang)
