"""Briefs on paper: print CSS for A4 or Letter, and PDF from the same HTML, offline.

The PDF is the HTML page printed by headless Chromium (``--print-to-pdf``), so the screen
and the paper show one layout; Chromium embeds the fonts it uses. The browser is found as
``$DSRLAB_CHROMIUM``, else ``chromium`` (or ``chromium-browser``, ``google-chrome``) on the
PATH; nothing is fetched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .base.errors import DsrlabError, UsageError, choices_text

__all__ = ["PAPERS", "print_css", "with_print_css", "tag_brief_cells", "chromium", "html_to_pdf"]

PAPERS = ("a4", "letter")
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
#: Cells of the brief template whose output is laid out side by side on paper.
_CELL_TAGS = {"plot_region": "dsrlab-map", "plot_timeline": "dsrlab-timeline"}


def print_css(paper: str = "a4") -> str:
    """The page CSS of a brief: the page size, small type, figures side by side.

    >>> "size: A4" in print_css("a4"), "size: letter" in print_css("letter")
    (True, True)
    """
    if paper not in PAPERS:
        raise UsageError(f"unknown paper {paper!r}; choose one of {choices_text(PAPERS)}")
    size = {"a4": "A4", "letter": "letter"}[paper]
    return f"""<style id="dsrlab-print">
@page {{ size: {size}; margin: 9mm 11mm; }}
html, body {{ overflow-x: hidden; }}
main {{ max-width: 52rem; }}
.jp-RenderedHTMLCommon table.dsrlab-brief td, .jp-RenderedHTMLCommon table.dsrlab-brief th {{
  text-align: left; overflow-wrap: break-word; word-break: normal; max-width: 24em; }}
.jp-RenderedHTMLCommon table.dsrlab-brief {{ table-layout: auto; width: 100%; }}
.jp-OutputArea-output img {{ max-width: 100%; height: auto; }}
.celltag_dsrlab-map, .celltag_dsrlab-timeline {{ display: inline-block; vertical-align: top;
  box-sizing: border-box; }}
.celltag_dsrlab-map {{ width: 32%; }}
.celltag_dsrlab-timeline {{ width: 64%; }}
@media print {{
  body {{ font-size: 8.5pt; }}
  .jp-RenderedHTMLCommon {{ font-size: 8.5pt; }}
  .jp-Cell, .jp-OutputArea-output, .jp-Notebook {{ padding: 0 !important; margin: 0; }}
  .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-OutputArea-child,
  .jp-OutputArea-output {{ break-inside: auto !important; }}
  .jp-RenderedHTMLCommon h1 {{ font-size: 15pt; margin-top: 0; }}
  .jp-RenderedHTMLCommon h2 {{ font-size: 11pt; margin: .4em 0 .15em; break-after: avoid; }}
  .jp-RenderedHTMLCommon h3 {{ font-size: 9pt; break-after: avoid; }}
  .evidence, .figure-box {{ break-inside: avoid; }}
  a {{ color: inherit; }}
}}
</style>"""


def with_print_css(page: str, paper: str = "a4", lang: str | None = None) -> str:
    """The HTML page with :func:`print_css` at the end of its head (and its language set).

    >>> with_print_css('<html lang="en"><head></head>', "a4", "es")[:16]
    '<html lang="es">'
    """
    css = print_css(paper)
    if lang:  # a screen reader reads a Spanish brief in Spanish
        page = re.sub(r'<html lang="[^"]*"', f'<html lang="{lang}"', page, count=1)
    return page.replace("</head>", css + "</head>", 1) if "</head>" in page else css + page


def tag_brief_cells(nb) -> None:
    """Tag the template's map and timeline cells so the print CSS can place their figures."""
    for cell in nb.cells:
        for name, tag in _CELL_TAGS.items():
            if cell.cell_type == "code" and name in cell.source:
                tags = cell.metadata.setdefault("tags", [])
                if tag not in tags:
                    tags.append(tag)


def chromium() -> str:
    """The path of a headless-capable Chromium, or a one-line error naming what to install."""
    given = os.environ.get("DSRLAB_CHROMIUM")
    if given:
        if not Path(given).is_file():
            raise DsrlabError(f"DSRLAB_CHROMIUM={given} is not a file; point it at chromium")
        return given
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise DsrlabError("PDF needs Chromium: install it (e.g. apt-get install chromium) or set "
                      "DSRLAB_CHROMIUM; --format html works without it")


def html_to_pdf(html_path, pdf_path, timeout: float = 120) -> Path:
    """Print ``html_path`` to ``pdf_path`` with headless Chromium; the file appears whole."""
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    fd, tmp = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".pdf")
    os.close(fd)
    profile = tempfile.mkdtemp(prefix="dsrlab-chromium-")
    command = [chromium(), "--headless", "--disable-gpu", "--no-pdf-header-footer",
               "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
               f"--print-to-pdf={tmp}", html_path.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        if done.returncode != 0 or Path(tmp).stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise DsrlabError(f"Chromium could not print {html_path.name}: {last[:200]}")
        Path(tmp).replace(pdf_path)
    except subprocess.TimeoutExpired:
        raise DsrlabError(f"Chromium took longer than {timeout:.0f} s to print "
                          f"{html_path.name}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
        shutil.rmtree(profile, ignore_errors=True)
    return pdf_path
