"""'Source check' boxes: where a paper and another source disagree, shown where the fact is used.

The content lives in the session's exercise file (``source_checks:`` in ``NN.yml``), in English
and Spanish, so a box is data like an exercise: ``source_check("02.vrss1-launch")``.
"""

from __future__ import annotations

import html

from ..base.errors import UsageError, choices_text
from ..base.i18n import t
from .model import notebook, notebook_names, tr


def _checks(nb_name: str) -> list[dict]:
    return notebook(nb_name).get("source_checks", [])


def get_source_check(check_id: str) -> dict:
    """One source check by id, e.g. ``"02.vrss1-launch"``; a clear error lists the valid ids."""
    cid = str(check_id).strip()
    prefix = cid.split(".")[0] if "." in cid else None
    if prefix is None or prefix not in notebook_names():
        raise UsageError(f"source-check ids look like '02.vrss1-launch'; got {check_id!r}; "
                         f"notebooks: {choices_text(notebook_names())}")
    checks = _checks(prefix)
    for check in checks:
        if check["id"] == cid:
            return check
    raise UsageError(f"unknown source check {cid!r}; notebook {prefix} has "
                     f"{choices_text([c['id'] for c in checks]) or 'none'}")



# A magnifying glass drawn inline (no emoji font needed); decorative, so hidden from
# screen readers -- the bold label says what the box is.
_ICON = ("<svg aria-hidden='true' width='14' height='14' viewBox='0 0 16 16' "
         "style='vertical-align:-2px;margin-right:0.3em'><circle cx='6.5' cy='6.5' r='4.5' "
         "fill='none' stroke='currentColor' stroke-width='2'/><line x1='10' y1='10' x2='14.5' "
         "y2='14.5' stroke='currentColor' stroke-width='2.2' stroke-linecap='round'/></svg>")

class SourceCheck:
    """A box that shows itself as HTML in a notebook and as text elsewhere."""

    def __init__(self, check: dict, lang: str | None = None):
        self.check, self.lang = check, lang

    def _parts(self) -> list[tuple[str, str]]:
        c, lang = self.check, self.lang
        return [(t("widgets.sc_paper", lang=lang), tr(c["paper"], lang)),
                (t("widgets.sc_other", lang=lang), tr(c["other"], lang)),
                (t("widgets.sc_why", lang=lang), tr(c["why"], lang))]

    def __str__(self) -> str:
        head = f"{t('widgets.sc_label', lang=self.lang)}: {tr(self.check['title'], self.lang)}"
        body = [f"{name}: {text}" for name, text in self._parts()]
        sources = f"{t('widgets.sources', lang=self.lang)}: {', '.join(self.check['source_ids'])}"
        return "\n".join([head, *body, sources])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        esc = html.escape
        title = esc(tr(self.check["title"], self.lang))
        label = esc(t("widgets.sc_label", lang=self.lang))
        rows = "".join(f"<p style='margin:0.3em 0'><strong>{esc(name)}.</strong> {esc(text)}</p>"
                       for name, text in self._parts())
        sources = esc(", ".join(self.check["source_ids"]))
        return (f"<aside role='note' aria-label='{label}: {title}' class='dsrlab-source-check' "
                "style='border-left:6px solid #b35806;background:#fff7ec;color:#222;"
                "padding:0.6em 1em;margin:0.5em 0;max-width:60em;font-size:1rem'>"
                f"<p style='margin:0 0 0.3em 0'><strong>{_ICON}{label}: {title}</strong></p>{rows}"
                f"<p style='margin:0.3em 0 0 0'><small>{esc(t('widgets.sources', lang=self.lang))}:"
                f" {sources}</small></p></aside>")


def source_check(check_id: str, lang: str | None = None) -> SourceCheck:
    """The 'Source check' box with this id, in the active language (leave it last in a cell).

    Examples
    --------
    >>> from dsrlab.exercises.model import notebook
    >>> box = source_check(notebook("02")["source_checks"][0]["id"], lang="es")
    >>> str(box).startswith("Verificación de fuentes")
    True
    """
    return SourceCheck(get_source_check(check_id), lang)
