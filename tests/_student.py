"""Answer a dsrlab exercise in the browser the way a student does, and read it back.

The DOM follows the exercise contract: the root has ``dsrlab-exercise``,
``dsrlab-type-<type>`` and ``dsrlab-ex-<id with - for .>``; the Check button
``dsrlab-check``; the feedback ``dsrlab-feedback``. Controls are plain ipywidgets, laid
out in the order of the exercise file (choices, items, categories), which is how they are
found here: by position, never by their text.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass

__all__ = ["Answer", "answer", "check", "control_problems", "feedback_text", "root_selector",
           "wait_for_controls"]

FEEDBACK_WAIT_MS = 15_000


def root_selector(exercise_id: str) -> str:
    return f".dsrlab-ex-{exercise_id.replace('.', '-')}"


@dataclass
class Answer:
    """What was put into the controls; used to check that it comes back after a restart."""

    kind: str
    radio: int | None = None  # single_choice: index of the chosen choice
    boxes: tuple[bool, ...] = ()  # multiple_choice / reflection rubric ticks
    text: str | None = None  # numeric, short_text, data_task, reflection
    selects: tuple[int, ...] = ()  # ordering / categorise: selected option index per dropdown
    level: int | None = None  # rubric reflection: index of the self-assessment radio checked


def _number_text(ex: dict, value: float) -> str:
    from dsrlab.exercises.responses import format_number

    return format_number(float(value), ex.get("decimals"))


def _controls(root, kind: str):
    if kind == "single_choice":
        return root.locator(".widget-radio-box input[type=radio]")
    if kind == "multiple_choice":
        return root.locator(".widget-checkbox input[type=checkbox]")
    if kind in ("ordering", "categorise"):
        return root.locator(".widget-dropdown select")
    if kind == "reflection":
        return root.locator(".widget-textarea textarea")
    return root.locator(".widget-text input")


def answer(root, ex: dict, correct: bool) -> Answer | None:
    """Fill the controls with a right (or a wrong) answer; None when no wrong one exists."""
    from dsrlab.exercises.computed import expected

    kind = ex["type"]
    controls = _controls(root, kind)
    if kind == "single_choice":
        index = next(i for i, c in enumerate(ex["choices"]) if bool(c.get("correct")) == correct)
        # A student clicks the label next to the radio button.
        root.locator(".widget-radio-box label").nth(index).click()
        return Answer(kind, radio=index)
    if kind == "multiple_choice":
        right = [bool(c.get("correct")) for c in ex["choices"]]
        ticks = right if correct else [not r for r in right]
        if not any(ticks):  # every choice is right: a wrong answer leaves one out
            if sum(right) < 2:
                return None
            ticks = right[:]
            ticks[right.index(True)] = False
        for i, tick in enumerate(ticks):
            box = controls.nth(i)
            box.check() if tick else box.uncheck()
        return Answer(kind, boxes=tuple(ticks))
    if kind in ("numeric", "data_task"):
        target = expected(ex)
        if isinstance(target, int | float):
            text = _number_text(ex, target if correct else target * 3 + 1000)
        else:
            text = str(target) if correct else "not the answer"
        controls.first.fill(text)
        return Answer(kind, text=text)
    if kind == "short_text":
        # Different case from the file: matching ignores case and accents.
        text = ex["accepted"][0].swapcase() if correct else "zzq not an answer"
        controls.first.fill(text)
        return Answer(kind, text=text)
    if kind == "ordering":
        if correct:
            # One drop-down of positions per item, items in the shuffled order shown; each
            # gets its place in the file (option k is position k + 1).
            from dsrlab.exercises.model import display_order

            ids = [i["id"] for i in ex["items"]]
            picks = tuple(ids.index(item_id) for item_id in display_order(ex))
            for n, pick in enumerate(picks):
                controls.nth(n).select_option(index=pick)
            return Answer(kind, selects=picks)
        # The shuffled starting order is never the answer: check it as it is.
        shown = tuple(controls.nth(n).evaluate("s => s.selectedIndex")
                      for n in range(len(ex["items"])))
        return Answer(kind, selects=shown)
    if kind == "categorise":
        cats = [c["id"] for c in ex["categories"]]
        chosen = []
        for i, item in enumerate(ex["items"]):
            right = cats.index(item["category"]) + 1  # option 0 is "choose..."
            if correct:
                pick = right
            elif i == 0 and len(cats) > 1:
                pick = 1 if right != 1 else 2
            else:
                pick = 0
            controls.nth(i).select_option(index=pick)
            chosen.append(pick)
        return Answer(kind, selects=tuple(chosen))
    if kind == "reflection":
        need = int(ex.get("min_words", 0))
        if not correct and need <= 2:
            return None
        words = need + 5 if correct else max(1, need // 2)
        text = " ".join(f"word{n}" for n in range(words)) if correct else "Too short."
        text = "Balancing between giants " + text if correct else text
        controls.first.fill(text)
        rubric = root.locator(".widget-checkbox input[type=checkbox]")
        ticks = []
        for i in range(rubric.count()):
            rubric.nth(i).check()
            ticks.append(True)
        level = None
        if ex.get("levels") and correct:  # a rubric exercise: place the answer on the rubric
            level = 1
            root.locator(".widget-radio-box input[type=radio]").nth(level).check()
        return Answer(kind, text=text, boxes=tuple(ticks), level=level)
    raise ValueError(f"unknown exercise type {kind!r}")


def feedback_text(root) -> str:
    # textContent, not innerText: an exercise scrolled out of view is not laid out
    # (content-visibility), and innerText of such an element is empty.
    return (root.locator(".dsrlab-feedback").first.text_content() or "").strip()


def check(root, expect_mark: str) -> str:
    """Click Check and wait for feedback starting with ``expect_mark``; return the text."""
    from playwright.sync_api import expect

    root.locator(".dsrlab-check").first.click()
    feedback = root.locator(".dsrlab-feedback").first
    # On a timeout the caller reports the text actually shown.
    with contextlib.suppress(AssertionError):
        expect(feedback).to_have_text(re.compile(rf"^\s*{expect_mark}"),
                                      timeout=FEEDBACK_WAIT_MS)
    return feedback_text(root)


def control_problems(root, ex: dict, given: Answer) -> list[str]:
    """Differences between what the controls show now and the answer ``given``."""
    kind = ex["type"]
    controls = _controls(root, kind)
    problems = []
    if kind == "single_choice":
        checked = [controls.nth(i).is_checked() for i in range(controls.count())]
        want = [i == given.radio for i in range(len(checked))]
        if checked != want:
            problems.append(f"radio buttons checked {checked}, expected {want}")
    elif kind == "multiple_choice":
        checked = tuple(controls.nth(i).is_checked() for i in range(controls.count()))
        if checked != given.boxes:
            problems.append(f"checkboxes {checked}, expected {given.boxes}")
    elif kind in ("ordering", "categorise"):
        shown = tuple(controls.nth(i).evaluate("s => s.selectedIndex")
                      for i in range(controls.count()))
        if shown != given.selects:
            problems.append(f"dropdown choices {shown}, expected {given.selects}")
    elif kind in ("numeric", "data_task"):
        from dsrlab.exercises.responses import parse_number

        value = controls.first.input_value()
        if parse_number(value, "en") != parse_number(given.text, "en"):
            problems.append(f"answer field shows {value!r}, expected {given.text!r}")
    else:
        value = controls.first.input_value()
        if value != given.text:
            problems.append(f"answer field shows {value!r}, expected {given.text!r}")
        if kind == "reflection":
            rubric = root.locator(".widget-checkbox input[type=checkbox]")
            ticks = tuple(rubric.nth(i).is_checked() for i in range(rubric.count()))
            if ticks != given.boxes:
                problems.append(f"rubric ticks {ticks}, expected {given.boxes}")
            radios = root.locator(".widget-radio-box input[type=radio]")
            levels = [i for i in range(radios.count()) if radios.nth(i).is_checked()]
            if levels != ([] if given.level is None else [given.level]):
                problems.append(f"self-assessment {levels}, expected {given.level}")
    return problems


def wait_for_controls(root, ex: dict, given: Answer, timeout_s: float = 10.0) -> list[str]:
    """Wait until the controls show ``given`` (the clicks and typing took effect)."""
    deadline = time.monotonic() + timeout_s
    while True:
        problems = control_problems(root, ex, given)
        if not problems or time.monotonic() > deadline:
            return problems
        time.sleep(0.1)
