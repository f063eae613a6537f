"""An exercise as static HTML: where a live widget cannot be shown (the offline site, a slide
show without a widget manager, an exported page), the prompt, the options and the answer
folded away are."""

from __future__ import annotations

import html

from ..base.i18n import t
from .model import answer_text, display_order, get, tr
from .rubric import is_rubric, levels_html

__all__ = ["static_exercise"]


def static_exercise(exercise_id: str, lang: str | None = None) -> str:
    """An exercise as static HTML (prompt, options, answer folded away) for the site."""
    ex = get(exercise_id)
    options = [tr(c["text"], lang) for c in ex.get("choices", [])]
    if ex["type"] in ("ordering", "categorise"):
        texts = {i["id"]: tr(i["text"], lang) for i in ex["items"]}
        options = [texts[i] for i in display_order(ex)] if ex["type"] == "ordering" \
            else list(texts.values())
    items = "".join(f"<li>{html.escape(o)}</li>" for o in options)
    rubric = levels_html(ex, lang) if is_rubric(ex) else ""
    answer = "".join(f"<p>{html.escape(x)}</p>" for x in
                     (answer_text(ex, lang), tr(ex.get("explanation"), lang)) if x)
    return (f'<div class="dsrlab-static-exercise"><p><b>{html.escape(ex["id"])}</b> '
            f"{html.escape(tr(ex['prompt'], lang))}</p>{f'<ul>{items}</ul>' if items else ''}"
            f"{rubric}"
            f"<details><summary>{t('briefs.show_answer', lang)}</summary>"
            f"{answer}</details>"
            f'<p class="dsrlab-static-note"><em>{t("briefs.widget_note", lang)}</em></p></div>')
