"""Briefs on paper: two pages at most, nothing wider than the page, fonts embedded.

A well covered state (Chile, the longest brief, in Spanish), a thin one (Haiti) and
Bolivia, rendered as a user does (``dsrlab brief ... --format all``), then checked in the
PDF (pypdf) and in the HTML laid out by the browser (Playwright, print media).
"""

import re
import subprocess
import sys

import pypdf
import pytest

from dsrlab import printing

BRIEFS = [("CHL", "es"), ("HTI", "en"), ("BOL", "en")]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("printed")
    for iso3, lang in BRIEFS:
        run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "brief", iso3, "--lang", lang,
                              "--format", "all", "--out", str(out)],
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
    return out


@pytest.mark.parametrize(("iso3", "lang"), BRIEFS)
def test_brief_prints_on_at_most_two_pages_with_fonts_embedded(printed, iso3, lang):
    reader = pypdf.PdfReader(printed / f"{iso3}_{lang}.pdf")
    assert 1 <= len(reader.pages) <= 2
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = 0
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            fonts += 1
    assert fonts
    text = " ".join(page.extract_text() for page in reader.pages)
    assert ("Hallazgos" if lang == "es" else "Findings") in text
    assert "CC BY-NC-SA" in text  # the cables' licence, on the page


def test_no_horizontal_overflow_in_print(printed):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox"])
        try:
            # the printable width of an A4 page with the brief's margins, in CSS pixels
            page = browser.new_page(viewport={"width": 710, "height": 1000})
            page.emulate_media(media="print")
            for iso3, lang in BRIEFS:
                page.goto((printed / f"{iso3}_{lang}.html").as_uri())
                wide = page.evaluate("""() => {
                    const limit = document.documentElement.clientWidth + 1;
                    return Array.from(document.querySelectorAll("main *"))
                      .filter(e => e.getBoundingClientRect().right > limit
                                   && e.getClientRects().length)
                      .map(e => e.tagName + "." + e.className).slice(0, 5);
                }""")
                assert wide == [], (iso3, wide)
                assert page.evaluate("document.documentElement.scrollWidth") <= 711
        finally:
            browser.close()


def test_letter_paper_and_bad_paper():
    assert "size: letter" in printing.print_css("letter")
    with pytest.raises(Exception, match=r"unknown paper 'a3'.*'a4', 'letter'"):
        printing.print_css("a3")


def test_pdf_only_leaves_no_html_behind(tmp_path):
    run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "brief", "GRD", "--format", "pdf",
                          "--paper", "letter", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert [p.name for p in tmp_path.iterdir()] == ["GRD_en.pdf"]
    box = pypdf.PdfReader(tmp_path / "GRD_en.pdf").pages[0].mediabox
    assert (round(float(box[2])), round(float(box[3]))) == (612, 792)  # Letter
    assert re.search(r"GRD_en\.pdf", run.stdout)
