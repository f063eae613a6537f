"""Notebook 04: the two UN General Assembly resolutions of December 2018, as a table to read.

:mod:`dsrlab.topics.diplomacy` re-exports :func:`resolutions_table`, so a notebook writes
``diplomacy.resolutions_table()``.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.i18n import all_strings, in_language, t
from ..blocks.countries import country_names, country_or_none
from ..data.tables import load

__all__ = ["resolutions_table"]


def _words(prefix: str, value) -> str:
    """``value`` in the reader's words when ``prefix + slug`` is a string, else as stored."""
    key = prefix + str(value).lower().replace(" ", "_").replace(".", "")
    return t(key) if key in all_strings() else str(value)


@in_language
def resolutions_table(*, country=None, lang=None):
    """The two resolutions: sponsor, adoption date, recorded totals and what each creates.

    ``country`` (a CELAC state: ISO3, ISO2 or name) adds a column with that state's vote
    on each resolution (every resolution stays). ``lang``: labels and words.

    Returns
    -------
    pandas.DataFrame
        ``resolution, sponsor, adopted, yes, no, abstain, creates, source_id`` and, with
        ``country``, ``vote``; sponsors and the bodies created are in the reader's words.

    Examples
    --------
    >>> table = resolutions_table(country="BRA", lang="en")
    >>> table[["resolution", "yes", "vote"]].values.tolist()
    [['A/RES/73/27', 119, 'abstain'], ['A/RES/73/266', 138, 'yes']]
    """
    res = load("un_resolutions")
    out = res[["resolution", "sponsor", "adopted", "yes", "no", "abstain", "creates",
               "source_id"]].reset_index(drop=True)
    out = out.assign(sponsor=[_words("diplomacy.sponsor_", s) for s in out["sponsor"]],
                     creates=[_words("diplomacy.creates_", c) for c in out["creates"]])
    labels = {"yes": "diplomacy.col_res_yes", "no": "diplomacy.col_res_no",
              "abstain": "diplomacy.col_res_abstain"}
    iso3 = country_or_none(country)
    if iso3 is not None:
        votes = load("un_votes")
        votes = votes[votes["iso3"] == iso3]
        vote_of = dict(zip(votes["resolution"], votes["vote"].astype(str), strict=True))
        out["vote"] = [vote_of.get(r) for r in out["resolution"]]
        labels["vote"] = {code: t("diplomacy.col_vote_of", code, name=country_names(code)[iso3])
                          for code in ("en", "es")}
    return course_table(out, labels=labels)
