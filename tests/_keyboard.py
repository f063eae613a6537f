"""Answer a dsrlab exercise with the keyboard alone, as a student who uses no mouse does.

The test places the focus on the exercise's first control once (what Tab does on the way
into it) and from there only presses keys: Tab to the next control, Space to tick a box
or pick a radio button, arrow keys to move a radio group, typing into a field,
Alt+Down, arrows and Enter on a drop-down, Enter on Check and Hint. Controls are found by
position, as in ``_student``.
"""

from __future__ import annotations

__all__ = ["answer_by_keyboard", "focused", "press_tab_to"]


def focused(page, selector: str) -> bool:
    """True when the element with the keyboard focus matches ``selector``."""
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector)


def press_tab_to(page, selector: str, at_most: int = 12) -> bool:
    """Press Tab until the focus is on ``selector`` (at most ``at_most`` times)."""
    for _ in range(at_most):
        if focused(page, selector):
            return True
        page.keyboard.press("Tab")
    return focused(page, selector)


def _move_select(page, select, target: int) -> None:
    """Pick option ``target`` of a focused ``<select>``: Alt+Down opens its list, the arrow
    keys move in it and Enter picks (letters and bare arrow keys on a closed drop-down are
    partly taken by JupyterLab's command-mode shortcuts, e.g. C copies the cell)."""
    current = select.evaluate("s => s.selectedIndex")
    page.keyboard.press("Alt+ArrowDown")
    key = "ArrowDown" if target > current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    page.keyboard.press("Enter")


def answer_by_keyboard(page, root, ex: dict) -> str:
    """Enter the right answer to ``ex`` inside ``root`` by keyboard; return what was given."""
    from dsrlab.exercises.computed import expected
    from dsrlab.exercises.model import display_order

    kind = ex["type"]
    if kind == "single_choice":
        radios = root.locator(".widget-radio-box input[type=radio]")
        radios.first.focus()
        page.keyboard.press("Space")  # picks the first choice
        right = next(i for i, c in enumerate(ex["choices"]) if c.get("correct"))
        for _ in range(right):
            page.keyboard.press("ArrowDown")  # the next choice, picked as the focus moves
        return f"choice {right}"
    if kind == "multiple_choice":
        boxes = root.locator(".widget-checkbox input[type=checkbox]")
        boxes.first.focus()
        for i, choice in enumerate(ex["choices"]):
            if choice.get("correct"):
                page.keyboard.press("Space")
            if i < len(ex["choices"]) - 1:
                page.keyboard.press("Tab")
        return "ticks"
    if kind in ("numeric", "short_text", "data_task"):
        field = root.locator(".widget-text input").first
        field.focus()
        if kind == "short_text":
            text = ex["accepted"][0]
        else:
            from dsrlab.exercises.responses import format_number

            value = expected(ex)
            text = format_number(float(value), ex.get("decimals")) \
                if isinstance(value, int | float) else str(value)
        page.keyboard.type(text)
        return text
    if kind in ("ordering", "categorise"):
        selects = root.locator(".widget-dropdown select")
        selects.first.focus()
        if kind == "ordering":
            ids = [i["id"] for i in ex["items"]]
            picks = [ids.index(item_id) for item_id in display_order(ex)]
        else:
            cats = [c["id"] for c in ex["categories"]]
            picks = [cats.index(item["category"]) + 1 for item in ex["items"]]
        for n, pick in enumerate(picks):
            _move_select(page, selects.nth(n), pick)
            if n < len(picks) - 1:
                page.keyboard.press("Tab")
        return f"options {picks}"
    if kind == "reflection":
        root.locator(".widget-textarea textarea").first.focus()
        words = int(ex.get("min_words", 0)) + 5
        page.keyboard.type("Balancing between giants " + " ".join(["word"] * words))
        for _ in ex.get("rubric", []):
            page.keyboard.press("Tab")
            page.keyboard.press("Space")
        if ex.get("levels"):
            # a rubric-graded reflection: the self-assessment is one radio group (one Tab
            # stop); Space picks its first level, which completes the exercise
            page.keyboard.press("Tab")
            page.keyboard.press("Space")
            return "reflection placed on the rubric"
        return "reflection"
    raise ValueError(f"unknown exercise type {kind!r}")
