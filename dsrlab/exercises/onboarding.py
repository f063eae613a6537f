"""Tell the workbook who you are: a labelled name field and a Save button (no code to write).

``dsrlab.name_widget()`` in 00_start_here shows it (this module, and so ipywidgets, is
imported only then). Save calls :func:`dsrlab.set_student`; the feedback says in words what
happened, in a live region. CSS classes for a browser: root ``dsrlab-name``, field
``dsrlab-name-input``, button ``dsrlab-name-save``, feedback ``dsrlab-name-feedback``.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..base.errors import DsrlabError
from ..base.i18n import t
from .store import ANONYMOUS, get_student, set_student

__all__ = ["NameWidget"]


class NameWidget(w.VBox):
    """Your name: a labelled Text, a Save button and feedback in words.

    Drive it as a student would: set ``.text.value``, then ``.save_button.click()``;
    read ``.feedback_text``.
    """

    def __init__(self):
        current = get_student()
        known = current != ANONYMOUS
        self.text = w.Text(value=current if known else "", description=t("widgets.name_label"),
                           placeholder=t("widgets.name_placeholder"),
                           style={"description_width": "initial"},
                           _dom_classes=["dsrlab-name-input"])
        self.save_button = w.Button(description=t("widgets.name_save"),
                                    tooltip=t("widgets.name_save_tip"), button_style="primary",
                                    _dom_classes=["dsrlab-name-save"])
        self.feedback = w.HTML("", _dom_classes=["dsrlab-name-feedback"])
        self.feedback_text = ""
        self._say(t("widgets.name_current", name=current) if known else t("widgets.name_missing"))
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([w.HBox([self.text, self.save_button]), self.feedback],
                         _dom_classes=["dsrlab-name"])

    def _say(self, text: str) -> None:
        self.feedback_text = text
        self.feedback.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'

    def save(self) -> str:
        """Save the name in the field; return the feedback shown."""
        typed = self.text.value.strip()
        if not typed or typed.casefold() == ANONYMOUS:
            self._say(t("widgets.name_empty"))
            return self.feedback_text
        try:
            name = set_student(typed)
        except DsrlabError as exc:  # a name the store refuses: say why, in words
            self._say(t("widgets.name_refused", error=exc))
            return self.feedback_text
        self.text.value = name
        self._say(t("widgets.name_saved", name=name))
        return self.feedback_text
