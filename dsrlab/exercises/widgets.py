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
- ordering: ``locator("select").nth(i).select_option(label=str(position))``, i = the item's
  place in the (shuffled, deterministic) order shown, ``model.display_order(ex)``;
- categorise: ``locator("select").nth(i).select_option(label=category_label)``, i = item;
- reflection: ``locator("textarea").fill(...)``, rubric ``get_by_label(text).check()``;
  a rubric-graded one also ``get_by_label("Adequate").check()`` (the self-assessment);

then click ``.dsrlab-check`` and read ``.dsrlab-feedback``: "✔ Correct" / "✘ Not quite"
("✔ Correcto" / "✘ Todavía no"), "✔ Saved" for a reflection, or "⚠ Check the form of your
answer" (not counted). Hints are in ``.dsrlab-hints``, the answer in ``.dsrlab-answer``.

All exercises of a kernel share their Layout and Style models (see ``_shared``): never
change ``.layout`` or ``.style`` of a part of an exercise, it would change them all.
"""

from __future__ import annotations

import ipywidgets as w

from ..base.errors import DsrlabError
from ..base.i18n import get_language, t
from . import store as answers
from .evaluate import counts, evaluate
from .model import answer_text, display_order, tr
from .responses import format_number, word_count
from .rubric import LEVELS, is_rubric, level_label, levels_html, self_assessment
from .session import LIVE, save
from .static import static_exercise
from .widget_parts import SHARED, checkbox, esc, html_part, item_row, label, rich, shared

__all__ = ["ExerciseWidget"]

_SHARED, _shared = SHARED, shared  # the kernel's shared models (see widget_parts)
_esc, _rich, _html, _label, _checkbox, _item_row = esc, rich, html_part, label, checkbox, item_row


class ExerciseWidget(w.VBox):
    """One exercise: prompt, answer controls, Check / Hint / Show answer, feedback.

    Drive it as a student would: set the control values (``.controls``), then
    ``.check_button.click()``; read ``.feedback_text``.

    Parameters
    ----------
    ex : dict
        The exercise, as read from its notebook's exercise file.

    Notes
    -----
    ``header``, ``prompt`` and ``sources`` are one HTML widget (the exercise's static
    text); ``feedback``, ``hints``, ``answer`` and ``attempts_label`` change with use.
    """

    def __init__(self, ex: dict):
        self.ex, self.lang = ex, get_language()
        self.hints_shown, self.last_feedback = 0, None
        kind = ex["type"]
        # Read before building, so the widgets open with their state: every change after
        # a widget's comm is open is one more message to the frontend.
        checks, error = self._history()
        self.feedback_text = error or ""

        sources = ", ".join(ex["source_ids"])
        self.header = self.prompt = self.sources = _html(
            f"<strong>{_esc(t('widgets.exercise'))} {_esc(ex['id'])}</strong> · "
            f"<em>{_esc(t('widgets.objective'))}: {_esc(tr(ex['objective']))}</em>"
            f"<p>{_rich(tr(ex['prompt']))}</p>"
            f"<small>{_esc(t('widgets.sources'))}: {_esc(sources)}</small>")
        self.controls = self._build_controls(kind)
        label = t("widgets.submit") if kind == "reflection" else t("widgets.check")
        self.check_button = self._button(label, "widgets.check_tip", "dsrlab-check", "primary")
        has_hints = bool(ex.get("hints"))
        self.hint_button = self._button(
            t("widgets.hint") if has_hints else t("widgets.no_more_hints"),
            "widgets.hint_tip", "dsrlab-hint", disabled=not has_hints)
        self.reveal_button = self._button(t("widgets.reveal"), "widgets.reveal_tip",
                                          "dsrlab-reveal")
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.next_hint())
        self.reveal_button.on_click(lambda _b: self.reveal())
        self.feedback = _html(f"<div>{_esc(error)}</div>" if error else "", "dsrlab-feedback")
        self.hints = _html("", "dsrlab-hints")
        self.answer = _html("", "dsrlab-answer")
        self.attempts_label = _label("" if error else t("widgets.attempts", n=self.attempts))
        buttons = w.HBox([self.check_button, self.hint_button, self.reveal_button],
                         layout=_shared("layout"))
        super().__init__(
            [self.prompt, self.controls, buttons, self.feedback, self.hints, self.answer,
             self.attempts_label],
            layout=_shared("layout"),
            _dom_classes=["dsrlab-exercise", f"dsrlab-type-{kind}",
                          f"dsrlab-ex-{ex['id'].replace('.', '-')}"])
        if checks:
            self.set_response(checks[-1]["response"])
            self.show_feedback(evaluate(ex, checks[-1]["response"]), note=t("widgets.restored"))
        elif self.revealed:
            self._show_answer(with_answer=True)
        LIVE[ex["id"]] = self

    # ------------------------------------------------------------------ building
    @staticmethod
    def _button(label, tip_key, css, style="", disabled=False):
        return w.Button(description=label, tooltip=t(tip_key), button_style=style,
                        disabled=disabled, layout=_shared("layout"), style=_shared("button"),
                        _dom_classes=[css])

    def _build_controls(self, kind):
        ex = self.ex
        desc = t("widgets.your_answer")
        box = _shared("layout")
        if kind == "single_choice":
            self.radio = w.RadioButtons(options=[(tr(c["text"]), c["id"]) for c in ex["choices"]],
                                        value=None, description=desc, style=_shared("wide"),
                                        layout=_shared("auto"))
            return self.radio
        if kind == "multiple_choice":
            self.boxes = {c["id"]: _checkbox(tr(c["text"])) for c in ex["choices"]}
            return w.VBox(list(self.boxes.values()), layout=box)
        if kind in ("numeric", "short_text", "data_task"):
            self.text = w.Text(value="", description=desc, style=_shared("wide_text"),
                               placeholder=t("widgets.answer_label"), layout=box)
            parts = [self.text]
            if ex.get("unit"):
                parts.append(_label(t("widgets.unit", unit=tr(ex["unit"]))))
            if kind == "data_task":
                howto = _html(f"<code>{_esc(t('widgets.data_task_howto', id=ex['id']))}</code>")
                return w.VBox([howto, w.HBox(parts, layout=box)], layout=box)
            return w.HBox(parts, layout=box)
        if kind == "ordering":
            # Each item's text wraps above a short drop-down of positions (never cut);
            # items lettered A, B, ... in the shuffled order shown, at positions 1, 2, ...
            by_id = {i["id"]: i for i in ex["items"]}
            order = display_order(ex)
            numbers = [(str(n), n) for n in range(1, len(order) + 1)]
            self.positions = {}
            rows = []
            for n, item_id in enumerate(order):
                letter = chr(ord("A") + n)
                self.positions[item_id] = w.Dropdown(
                    options=numbers, value=n + 1, style=_shared("wide"),
                    description=t("widgets.position_of", item=letter),
                    layout=_shared("position"))
                rows += _item_row(letter, tr(by_id[item_id]["text"]), self.positions[item_id])
            return w.VBox(rows, layout=box)
        if kind == "categorise":
            # The item's text wraps above its drop-down ("Category of 1"), never squeezed.
            options = [(t("widgets.choose"), "")] + [(tr(c["label"]), c["id"])
                                                     for c in ex["categories"]]
            self.selects, rows = {}, []
            for n, item in enumerate(ex["items"], start=1):
                self.selects[item["id"]] = w.Dropdown(
                    options=options, value="", style=_shared("wide"),
                    description=t("widgets.category_of", item=n), layout=_shared("auto"))
                rows += _item_row(str(n), tr(item["text"]), self.selects[item["id"]])
            return w.VBox(rows, layout=box)
        # reflection
        need = int(ex.get("min_words", 0))
        self.text = w.Textarea(value="", description=desc, rows=6, style=_shared("wide_text"),
                               layout=_shared("area"))
        self.words = _label(t("widgets.words_live", n=0, need=need))
        self.text.observe(lambda change: setattr(
            self.words, "value", t("widgets.words_live", n=word_count(change["new"]), need=need)),
            names="value")
        self.rubric = [_checkbox(tr(r)) for r in ex.get("rubric", [])]
        parts = [self.text, self.words]
        if self.rubric:
            parts += [_label(t("widgets.rubric_intro")), *self.rubric]
        self.self_assess = None
        if is_rubric(ex):  # write first, then read the rubric and place the answer on it
            self.self_assess = w.RadioButtons(
                options=[(level_label(lv).capitalize(), lv) for lv in LEVELS], value=None,
                description=t("widgets.self_assess_label"), style=_shared("wide"),
                layout=_shared("auto"))
            parts += [_html(levels_html(ex), "dsrlab-rubric"), self.self_assess]
        return w.VBox(parts, layout=box)

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
            # Item ids in the order of their positions; a position nobody took is "".
            by_position = {}
            for item_id, dropdown in self.positions.items():
                by_position.setdefault(dropdown.value, []).append(item_id)
            return [by_position[n][0] if len(by_position.get(n, [])) == 1 else ""
                    for n in range(1, len(self.positions) + 1)]
        if kind == "categorise":
            return {iid: d.value for iid, d in self.selects.items()}
        if kind == "reflection":
            written = {"text": self.text.value, "rubric": [b.value for b in self.rubric]}
            if self.self_assess is not None:
                written["self_assessment"] = self.self_assess.value
            return written
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
            value = [str(v) for v in (value or [])]
            if sorted(value) == sorted(self.positions):  # a whole order: put it back
                for n, item_id in enumerate(value, start=1):
                    self.positions[item_id].value = n
        elif kind == "categorise":
            for iid, dropdown in self.selects.items():
                cat = (value or {}).get(iid, "")
                dropdown.value = cat if cat in {v for _, v in dropdown.options} else ""
        elif kind == "reflection":
            value = {"text": value} if isinstance(value, str) else (value or {})
            self.text.value = str(value.get("text", ""))
            for box, ticked in zip(self.rubric, value.get("rubric", []), strict=False):
                box.value = bool(ticked)
            if self.self_assess is not None:
                self.self_assess.value = self_assessment(value)
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
        if counts(fb):  # nothing typed, or nothing readable: neither counted nor saved
            self.attempts += 1
            error = save(self.ex, fb) if save_it else None
            if fb.correct or (self.ex["type"] == "reflection" and fb.ok):
                self.solved = True
        self.show_feedback(fb, error, announce=True)
        return fb

    def show_feedback(self, fb, error=None, note=None, announce: bool = False) -> None:
        """Render a Feedback (plus an error or a note) in words in the feedback area; with
        ``announce`` (a Check) as an alert, which a screen reader reads out when it appears
        (the widget replaces its content, so a polite status would stay silent)."""
        self.last_feedback = fb
        lines = [*fb.details] + ([note] if note else []) + ([error] if error else [])
        self.feedback_text = "\n".join([fb.text, *lines])
        extra = "".join(f"<div>{_esc(line)}</div>" for line in lines)
        role = 'role="alert"' if announce else 'role="status" aria-live="polite"'
        self.feedback.value = f"<div {role}><strong>{_esc(fb.text)}</strong>{extra}</div>"
        self.attempts_label.value = t("widgets.attempts", n=self.attempts)
        if self.solved or self.revealed:
            self._show_answer(with_answer=self.revealed or self.ex["type"] == "reflection")

    def next_hint(self) -> str | None:
        """Show one more hint; return its text (None when there are none left)."""
        hints = self.ex.get("hints", [])
        if self.hints_shown >= len(hints):
            return None
        self.hints_shown += 1
        self.hints.value = "".join(  # the newest hint is read out (an alert)
            f"<div{' role=alert' * (n + 1 == self.hints_shown)}><strong>"
            f"{_esc(t('widgets.hint_n', n=n + 1, total=len(hints)))}:</strong> "
            f"{_rich(tr(h))}</div>" for n, h in enumerate(hints[: self.hints_shown]))
        if self.hints_shown >= len(hints):
            self.hint_button.disabled = True
            self.hint_button.description = t("widgets.no_more_hints")
            self.check_button.focus()  # a disabled button drops the keyboard focus
        return tr(hints[self.hints_shown - 1])

    def reveal(self) -> str:
        """Show the answer and the explanation; the request is saved (meta reveal=True)."""
        from .model import Feedback

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
        self.answer.value = f'<div role="status">{"".join(parts)}</div>'  # "region" of words

    def _repr_mimebundle_(self, **kwargs):
        # Where no widget manager runs (a RISE slide show, an exported page) the front end
        # falls back to HTML: the question as static text rather than "ExerciseWidget(...)".
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = static_exercise(self.ex["id"])
        return bundle

    def _history(self) -> tuple[list[dict], str | None]:
        """Read the saved attempts; set ``attempts``, ``revealed`` and ``solved``.

        Returns
        -------
        checks : list of dict
            The saved checks (not the show-answer requests), oldest first.
        error : str or None
            Why the answers store could not be read (then there is no history).
        """
        self.attempts, self.revealed, self.solved = 0, False, False
        try:
            rows = answers.history(self.ex["id"])
        except DsrlabError as exc:  # unusable store or student name: one line, no traceback
            return [], str(exc)
        checks = [r for r in rows if not r["meta"].get("reveal")]
        self.attempts = len(checks)
        self.revealed = any(r["meta"].get("reveal") for r in rows)
        self.solved = any(r["correct"] for r in checks) or any(
            r["meta"].get("complete") for r in checks)
        return checks, None
