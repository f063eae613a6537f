"""Give every course notebook its slide metadata, for presenting it with jupyterlab-rise.

    python scripts/slides.py            # write the metadata into notebooks/*.ipynb
    python scripts/slides.py --check    # exit 1 and list the notebooks that lack it

An instructor opens a notebook in JupyterLab and chooses View > Render as Reveal
Slideshow (Alt+R). The rules, one per cell (``metadata.slideshow.slide_type``):

- the title cell and every ``## `` heading start a **slide**; a ``### `` heading a **subslide**;
- the setup cell (``import dsrlab``), the parameters cell, the cell that checks the
  parameters and the paragraph that introduces the parameters are **skip**ped;
- a code cell right after a text cell stays on that slide (``-``); one after another code
  cell gets a **subslide** of its own (a figure, a table or an exercise needs the room),
  except a ``dsrlab.cite(...)`` cell, which stays with what it cites;
- a text cell right after an output (a code cell that is shown) opens a **subslide**, so
  a figure is not pushed below a table and the text that follows it.

The notebook's ``metadata.rise`` holds RISE's options (start at the beginning, scroll long
slides, a theme that works offline); ``notebooks/rise.css``, which RISE loads beside the
notebook, hides the code and enlarges text, tables, exercises and figures in slide mode
only. Students see the notebook as before: JupyterLab ignores both outside the slideshow.
Only the metadata is touched, never a cell's source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
RISE = {
    "autolaunch": False,
    "start_slideshow_at": "beginning",
    "scroll": True,
    # reveal.js "white": its font (Source Sans Pro) ships inside jupyterlab-rise, so the
    # slideshow fetches nothing; "simple", "sky", "beige", ... load Google Fonts (offline: fail).
    "theme": "white",
    "transition": "none",
    "enable_chalkboard": False,
    "width": "100%",
    "height": "100%",
}


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def is_parameters(cell: dict) -> bool:
    return "parameters" in cell.get("metadata", {}).get("tags", [])


def is_setup(cell: dict) -> bool:
    """The import cell, or the cell that checks the parameters."""
    code = source(cell).strip()
    return cell["cell_type"] == "code" and (
        code.startswith("import dsrlab") or "dsrlab.check_params(" in code)


def slide_types(cells: list[dict]) -> list[str]:
    """The slide type of each cell, by the rules above."""
    types = []
    for n, cell in enumerate(cells):
        text = source(cell).lstrip()
        after = cells[n + 1] if n + 1 < len(cells) else None
        if n == 0 or text.startswith("## ") or text.startswith("# "):
            kind = "slide"
        elif is_parameters(cell) or is_setup(cell):
            kind = "skip"
        elif cell["cell_type"] == "markdown" and after is not None and is_parameters(after):
            kind = "skip"  # "The next cell holds the parameters ..."
        elif text.startswith("### ") or (
                cell["cell_type"] == "code" and cells[n - 1]["cell_type"] == "code"
                and not text.startswith("dsrlab.cite(")):
            kind = "subslide"
        elif (cell["cell_type"] == "markdown" and cells[n - 1]["cell_type"] == "code"
              and types[n - 1] != "skip"):
            kind = "subslide"  # text after a figure or table opens the next view
        else:
            kind = "-"
        types.append(kind)
    return types


def problems(nb: dict) -> list[str]:
    """What a notebook lacks for slide mode (empty when it is ready)."""
    found = []
    if nb.get("metadata", {}).get("rise") != RISE:
        found.append("metadata.rise is missing or differs from scripts/slides.py")
    for n, (cell, want) in enumerate(zip(nb["cells"], slide_types(nb["cells"]), strict=True)):
        have = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        if have != want:
            found.append(f"cell {n}: slide_type {have!r}, the rules give {want!r}")
    return found


def apply(nb: dict) -> dict:
    nb.setdefault("metadata", {})["rise"] = dict(RISE)
    for cell, kind in zip(nb["cells"], slide_types(nb["cells"]), strict=True):
        cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}
    return nb


def main(argv: list[str]) -> int:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if "--check" in argv:
        bad = {p.name: problems(json.loads(p.read_text(encoding="utf-8"))) for p in paths}
        bad = {name: found for name, found in bad.items() if found}
        for name, found in bad.items():
            print(f"{name}: {found[0]} (+{len(found) - 1} more)")
        return 1 if bad else 0
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        if problems(nb):
            text = json.dumps(apply(nb), indent=1, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            print(f"slide metadata written: {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
