"""The Hand in button: a labelled button and feedback in words (ipywidgets, imported on use).

``dsrlab.progress()`` shows it under the progress bars when the hub names an inbox
(``DSRLAB_INBOX``); ``dsrlab.hand_in_button()`` shows it anywhere. Pressing it calls
:func:`~dsrlab.exercises.inbox.submit`. CSS classes for a browser: root ``dsrlab-handin``,
button ``dsrlab-handin-button``, feedback ``dsrlab-handin-feedback``.
"""

from __future__ import annotations

import html
import json

import ipywidgets as w

from ..base.errors import DsrlabError
from ..base.i18n import t
from .inbox import submit

__all__ = ["HandInWidget"]


class HandInWidget(w.VBox):
    """A Hand in button with feedback in a live region.

    Drive it as a student would: ``.button.click()``; read ``.feedback_text``.
    """

    def __init__(self, inbox=None):
        self.inbox = inbox
        self.button = w.Button(description=t("widgets.handin_button"),
                               tooltip=t("widgets.handin_tip"), icon="paper-plane",
                               layout=w.Layout(width="auto"),
                               _dom_classes=["dsrlab-handin-button"])
        self.feedback = w.HTML("", _dom_classes=["dsrlab-handin-feedback"])
        self.feedback_text = ""
        self._say(t("widgets.handin_ready"))
        self.button.on_click(lambda _b: self.hand_in())
        super().__init__([self.button, self.feedback], _dom_classes=["dsrlab-handin"])

    def _say(self, text: str) -> None:
        self.feedback_text = text
        self.feedback.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'

    def hand_in(self) -> str:
        """Hand in now; return the feedback shown."""
        try:
            entry = submit(self.inbox)
            doc = json.loads(entry.read_text(encoding="utf-8"))
        except (DsrlabError, OSError, ValueError) as exc:
            self._say(t("widgets.handin_failed", error=" ".join(str(exc).split())[:400]))
            return self.feedback_text
        self._say(t("widgets.handin_done", count=len(doc["attempts"]), name=doc["student"],
                    when=doc["exported_at"].replace("T", " ").replace("Z", " UTC")))
        return self.feedback_text
