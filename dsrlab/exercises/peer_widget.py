"""The peer-review form: open a classmate's memo file, read it, score it on the rubric, save.

Built only when :func:`dsrlab.peer_review` is called without a level. Every text from the
memo file is escaped before it is shown; controls have labels in words.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..base.errors import UsageError
from ..base.i18n import t
from .handin import read_memo, record_review
from .model import get
from .rubric import LEVELS, level_label, levels_html

__all__ = ["PeerReviewWidget"]


class PeerReviewWidget(w.VBox):
    """A path box and Open button; then the memo, the rubric, a level, a checklist, a comment.

    Drive it as a reviewer would: ``.path.value = ".../Ana-memo.json"``; ``.open_memo()``; set
    ``.level.value``, the ``.checklist`` boxes and ``.comment.value``; ``.save()``. The
    outcome (or a one-line error) is in ``.status.value``.
    """

    def __init__(self, path: str = "", *, reviewer: str | None = None):
        self.doc, self.reviewer, self.checklist = None, reviewer, []
        self.path = w.Text(value=str(path), description=t("widgets.review_path"),
                           style={"description_width": "initial"},
                           layout=w.Layout(width="40em"))
        self.open_button = w.Button(description=t("widgets.review_open"), icon="folder-open")
        self.status = w.HTML()
        self.memo = w.HTML()
        self.level = w.RadioButtons(
            options=[(level_label(lv).capitalize(), lv) for lv in LEVELS], value=None,
            description=t("widgets.review_level"), style={"description_width": "initial"})
        self.checks = w.VBox()
        self.comment = w.Textarea(description=t("widgets.review_comment"), rows=4,
                                  style={"description_width": "initial"},
                                  layout=w.Layout(width="95%"))
        self.save_button = w.Button(description=t("widgets.review_save"), icon="save",
                                    button_style="primary", disabled=True)
        self.open_button.on_click(lambda _b: self.open_memo())
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([w.HTML(f"<p>{html.escape(t('widgets.review_intro'))}</p>"),
                          w.HBox([self.path, self.open_button]), self.memo, self.level,
                          self.checks, self.comment, self.save_button, self.status])
        self.add_class("dsrlab-peer-review")
        if path:
            self.open_memo()

    def open_memo(self) -> dict | None:
        """Read the memo file named in the path box and show it with its rubric."""
        try:
            self.doc = read_memo(self.path.value.strip())
        except UsageError as exc:
            self.doc, self.save_button.disabled = None, True
            self.status.value = f"<div role='status'>✘ {html.escape(str(exc))}</div>"
            return None
        e, doc = html.escape, self.doc
        text = "".join(f"<p>{e(p)}</p>" for p in doc["text"].split("\n") if p.strip())
        self.memo.value = (f"<h3>{e(t('widgets.memo_title', student=doc['author']))}</h3>"
                           f"<div class='dsrlab-memo'>{text}</div>"
                           f"{levels_html(get(doc['exercise_id']))}")
        self.checklist = [w.Checkbox(value=False, description=str(c["item"]), indent=False,
                                     layout=w.Layout(width="auto"))
                          for c in doc["checklist"]]
        self.checks.children = self.checklist
        self.save_button.disabled, self.status.value = False, ""
        return doc

    def save(self) -> dict | None:
        """Save the review in the reviewer's answers; say so (or why not) in words."""
        if self.doc is None:
            return None
        if self.level.value is None:
            need = html.escape(t("widgets.review_needs_level"))
            self.status.value = f"<div role='status'>✘ {need}</div>"
            return None
        try:
            row = record_review(self.doc, self.level.value, [b.value for b in self.checklist],
                                self.comment.value, reviewer=self.reviewer)
        except UsageError as exc:
            self.status.value = f"<div role='status'>✘ {html.escape(str(exc))}</div>"
            return None
        self.status.value = ("<div role='status'>" + html.escape(t(
            "widgets.review_saved", author=self.doc["author"],
            level=level_label(self.level.value))) + "</div>")
        return row

    def _repr_mimebundle_(self, **kwargs):
        # Where no widget manager runs (the offline site, a slide show) the page shows
        # what the form is for, in words, instead of "PeerReviewWidget(children=...)".
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = (f"<p class='dsrlab-static-note'><em>"
                               f"{html.escape(t('widgets.review_intro'))}</em></p>")
        return bundle
