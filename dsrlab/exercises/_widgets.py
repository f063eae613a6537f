"""ipywidgets UI of one exercise (imported only when a widget is built).

Every root has the CSS classes ``dsrlab-exercise`` and ``dsrlab-type-<type>``; the Check
button ``dsrlab-check``, the feedback area ``dsrlab-feedback``, the hint button
``dsrlab-hint`` and the show-answer button ``dsrlab-reveal``. All text from the exercise
files or from the student is HTML-escaped before it goes into an HTML widget; control
labels (descriptions) are plain text, which ipywidgets never renders as HTML.

Driving one from a browser (Playwright), inside ``.dsrlab-type-<type>``:

- single_choice: ``get_by_label(choice_text).check()`` (radio buttons);
- multiple_choice: ``get_by_label(choice_text).check()`` (one checkbox per choice);
- numeric, short_text, data_task: ``locator("input[type=text]").fill("51")``;
- ordering: ``locator("select").nth(i).select_option(label=item_text)``, i = position - 1;
- categorise: ``locator("select").nth(i).select_option(label=category_label)``, i = item;
- reflection: ``locator("textarea").fill(...)``, rubric ``get_by_label(text).check()``;

then click ``.dsrlab-check`` (or Tab to it and press Enter) and read ``.dsrlab-feedback``:
it starts with "✔ Correct" / "✘ Not quite" (es: "✔ Correcto" / "✘ Todavía no"); a
reflection long enough gives "✔ Saved" ("✔ Guardado"). Hints appear in ``.dsrlab-hints``,
the answer and explanation in ``.dsrlab-answer``.
"""

from __future__ import annotations

import html
import re

import ipywidgets as w

from .. import answers
from ..errors import DsrlabError
from ..i18n import get_language, t
from ._evaluate import evaluate
from ._model import answer_text, display_order, format_number, tr, word_count
from ._session import LIVE, save

__all__ = ["ExerciseWidget"]

_WIDE = {"description_width": "initial"}


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _rich(text) -> str:
    """Exercise text, escaped, with `inline code` shown as code (nothing else is markup)."""
    return re.sub(r"`([^`\n]+)`", r"<code>\1</code>", _esc(text))


class ExerciseWidget(w.VBox):
    """One exercise: prompt, answer controls, Check / Hint / Show answer, feedback.

    Drive it as a student would: set the control values (``.controls``), then
    ``.check_button.click()``; read ``.feedback_text``.
    """

    def __init__(self, ex: dict):
        super().__init__()
        self.ex, self.lang = ex, get_language()
        self.attempts, self.hints_shown, self.revealed, self.solved = 0, 0, False, False
        self.last_feedback = None
        self.feedback_text = ""
        kind = ex["type"]
        self.add_class("dsrlab-exercise")
        self.add_class(f"dsrlab-type-{kind}")
        self.add_class(f"dsrlab-ex-{ex['id'].replace('.', '-')}")

        head = (f"<strong>{_esc(t('widgets.exercise'))} {_esc(ex['id'])}</strong> · "
                f"<em>{_esc(t('widgets.objective'))}: {_esc(tr(ex['objective']))}</em>")
        self.header = w.HTML(head)
        self.prompt = w.HTML(f"<p>{_rich(tr(ex['prompt']))}</p>")
        self.controls = self._build_controls(kind)
        label = t("widgets.submit") if kind == "reflection" else t("widgets.check")
        self.check_button = self._button(label, "widgets.check_tip", "dsrlab-check", "primary")
        self.hint_button = self._button(t("widgets.hint"), "widgets.hint_tip", "dsrlab-hint")
        self.reveal_button = self._button(t("widgets.reveal"), "widgets.reveal_tip",
                                          "dsrlab-reveal")
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.next_hint())
        self.reveal_button.on_click(lambda _b: self.reveal())
        if not ex.get("hints"):
            self.hint_button.disabled = True
            self.hint_button.description = t("widgets.no_more_hints")
        self.feedback = w.HTML("")
        self.feedback.add_class("dsrlab-feedback")
        self.hints = w.HTML("")
        self.hints.add_class("dsrlab-hints")
        self.answer = w.HTML("")
        self.answer.add_class("dsrlab-answer")
        self.attempts_label = w.Label("")
        sources = ", ".join(ex["source_ids"])
        self.sources = w.HTML(f"<small>{_esc(t('widgets.sources'))}: {_esc(sources)}</small>")
        self.children = [self.header, self.prompt, self.controls,
                         w.HBox([self.check_button, self.hint_button, self.reveal_button]),
                         self.feedback, self.hints, self.answer, self.attempts_label,
                         self.sources]
        self._restore()
        LIVE[ex["id"]] = self

    # ------------------------------------------------------------------ building
    @staticmethod
    def _button(label, tip_key, css, style=""):
        button = w.Button(description=label, tooltip=t(tip_key), button_style=style)
        button.add_class(css)
        return button

    def _build_controls(self, kind):
        ex = self.ex
        desc = t("widgets.your_answer")
        if kind == "single_choice":
            self.radio = w.RadioButtons(options=[(tr(c["text"]), c["id"]) for c in ex["choices"]],
                                        value=None, description=desc, style=_WIDE,
                                        layout=w.Layout(width="auto"))
            return self.radio
        if kind == "multiple_choice":
            self.boxes = {c["id"]: w.Checkbox(value=False, description=tr(c["text"]), indent=False,
                                              layout=w.Layout(width="auto"))
                          for c in ex["choices"]}
            return w.VBox(list(self.boxes.values()))
        if kind in ("numeric", "short_text", "data_task"):
            self.text = w.Text(value="", description=desc, style=_WIDE,
                               placeholder=t("widgets.answer_label"))
            parts = [self.text]
            if ex.get("unit"):
                parts.append(w.Label(t("widgets.unit", unit=tr(ex["unit"]))))
            if kind == "data_task":
                parts.insert(0, w.HTML(f"<code>{_esc(t('widgets.data_task_howto', id=ex['id']))}"
                                       "</code>"))
                return w.VBox([parts[0], w.HBox(parts[1:])])
            return w.HBox(parts)
        if kind == "ordering":
            options = [(tr(i["text"]), i["id"]) for i in ex["items"]]
            self.positions = [w.Dropdown(options=options, value=item_id, style=_WIDE,
                                         description=t("widgets.position", n=n + 1),
                                         layout=w.Layout(width="auto", max_width="44em"))
                              for n, item_id in enumerate(display_order(ex))]
            return w.VBox(self.positions)
        if kind == "categorise":
            options = [(t("widgets.choose"), "")] + [(tr(c["label"]), c["id"])
                                                     for c in ex["categories"]]
            self.selects = {i["id"]: w.Dropdown(options=options, value="", style=_WIDE,
                                                description=tr(i["text"]),
                                                layout=w.Layout(width="auto", max_width="44em"))
                            for i in ex["items"]}
            return w.VBox(list(self.selects.values()))
        # reflection
        need = int(ex.get("min_words", 0))
        self.text = w.Textarea(value="", description=desc, rows=6, style=_WIDE,
                               layout=w.Layout(width="95%"))
        self.words = w.Label(t("widgets.words_live", n=0, need=need))
        self.text.observe(lambda change: setattr(
            self.words, "value", t("widgets.words_live", n=word_count(change["new"]), need=need)),
            names="value")
        self.rubric = [w.Checkbox(value=False, description=tr(r), indent=False,
                                  layout=w.Layout(width="auto")) for r in ex.get("rubric", [])]
        parts = [self.text, self.words]
        if self.rubric:
            parts += [w.Label(t("widgets.rubric_intro")), *self.rubric]
        return w.VBox(parts)

    # ------------------------------------------------------------------ responses
    @property
    def response(self):
        """The current answer in the controls, as saved in the database."""
        kind = self.ex["type"]
        if kind == "single_choice":
            return self.radio.value
        if kind == "multiple_choice":
            return [cid for cid, box in self.boxes.items() if box.value]
        if kind == "ordering":
            return [d.value for d in self.positions]
        if kind == "categorise":
            return {iid: d.value for iid, d in self.selects.items()}
        if kind == "reflection":
            return {"text": self.text.value, "rubric": [b.value for b in self.rubric]}
        return self.text.value

    def set_response(self, value) -> None:
        """Put a saved answer back into the controls (unknown parts are ignored)."""
        kind = self.ex["type"]
        if kind == "single_choice":
            ids = {c["id"] for c in self.ex["choices"]}
            self.radio.value = value if value in ids else None
        elif kind == "multiple_choice":
            for cid, box in self.boxes.items():
                box.value = cid in (value or [])
        elif kind == "ordering":
            ids = [i["id"] for i in self.ex["items"]]
            for dropdown, item_id in zip(self.positions, value or [], strict=False):
                if item_id in ids:
                    dropdown.value = item_id
        elif kind == "categorise":
            for iid, dropdown in self.selects.items():
                cat = (value or {}).get(iid, "")
                dropdown.value = cat if cat in {v for _, v in dropdown.options} else ""
        elif kind == "reflection":
            value = value or {}
            self.text.value = str(value.get("text", ""))
            for box, ticked in zip(self.rubric, value.get("rubric", []), strict=False):
                box.value = bool(ticked)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            self.text.value = format_number(value, grouping=False) \
                if self.ex["type"] != "short_text" else str(value)
        else:
            self.text.value = "" if value is None else str(value)

    # ------------------------------------------------------------------ actions
    def check(self, value=None, *, save_it: bool = True):
        """Check the controls' answer (or ``value``), save it, show and return the feedback."""
        if value is not None:
            self.set_response(value)
        fb = evaluate(self.ex, self.response if value is None else value)
        error = None
        if not fb.meta.get("empty"):
            self.attempts += 1
            error = save(self.ex, fb) if save_it else None
            if fb.correct or (self.ex["type"] == "reflection" and fb.ok):
                self.solved = True
        self.show_feedback(fb, error)
        return fb

    def show_feedback(self, fb, error=None, note=None) -> None:
        """Render a Feedback (plus an error or a note) in the feedback area."""
        self.last_feedback = fb
        lines = [*fb.details] + ([note] if note else []) + ([error] if error else [])
        self.feedback_text = "\n".join([fb.text, *lines])
        extra = "".join(f"<div>{_esc(line)}</div>" for line in lines)
        self.feedback.value = (f'<div role="status" aria-live="polite"><strong>{_esc(fb.text)}'
                               f"</strong>{extra}</div>")
        self.attempts_label.value = t("widgets.attempts", n=self.attempts)
        if self.solved or self.revealed:
            self._show_answer(with_answer=self.revealed or self.ex["type"] == "reflection")

    def next_hint(self) -> str | None:
        """Show one more hint; return its text (None when there are none left)."""
        hints = self.ex.get("hints", [])
        if self.hints_shown >= len(hints):
            return None
        self.hints_shown += 1
        self.hints.value = "".join(
            f"<div><strong>{_esc(t('widgets.hint_n', n=n + 1, total=len(hints)))}:</strong> "
            f"{_rich(tr(h))}</div>" for n, h in enumerate(hints[: self.hints_shown]))
        if self.hints_shown >= len(hints):
            self.hint_button.disabled = True
            self.hint_button.description = t("widgets.no_more_hints")
        return tr(hints[self.hints_shown - 1])

    def reveal(self) -> str:
        """Show the answer and the explanation; the request is saved (meta reveal=True)."""
        from ._model import Feedback

        fb = Feedback(self.ex["id"], None, "", (), None, self.response, {})
        error = save(self.ex, fb, reveal=True)
        self.revealed = True
        self._show_answer(with_answer=True)
        if error:
            self.feedback.value += f"<div>{_esc(error)}</div>"
            self.feedback_text += "\n" + error
        return self._answer_text()

    def _answer_text(self) -> str:
        try:
            return answer_text(self.ex)
        except DsrlabError as exc:  # compute failed: say so instead of failing silently
            return f"⚠ {t('widgets.check_failed', error=exc)}"

    def _show_answer(self, with_answer: bool) -> None:
        ex, parts = self.ex, []
        if with_answer and (ex["type"] != "reflection" or ex.get("model_answer")):
            label = "widgets.model_answer" if ex["type"] == "reflection" else "widgets.answer_label"
            shown = _esc(self._answer_text())
            parts.append(f"<div><strong>{_esc(t(label))}:</strong> {shown}</div>")
        parts.append(f"<div><strong>{_esc(t('widgets.explanation'))}:</strong> "
                     f"{_rich(tr(ex['explanation']))}</div>")
        self.answer.value = "".join(parts)

    def _restore(self) -> None:
        try:
            rows = answers.history(self.ex["id"])
        except answers.AnswersStoreError as exc:
            self.feedback.value = f"<div>{_esc(str(exc))}</div>"
            self.feedback_text = str(exc)
            return
        checks = [r for r in rows if not r["meta"].get("reveal")]
        self.attempts = len(checks)
        self.revealed = any(r["meta"].get("reveal") for r in rows)
        self.solved = any(r["correct"] for r in checks) or any(
            r["meta"].get("complete") for r in checks)
        if checks:
            self.set_response(checks[-1]["response"])
            fb = evaluate(self.ex, checks[-1]["response"])
            self.show_feedback(fb, note=t("widgets.restored"))
        elif self.revealed:
            self._show_answer(with_answer=True)
        self.attempts_label.value = t("widgets.attempts", n=self.attempts)
