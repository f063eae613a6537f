"""The Chinese titles of the sources, readable on a machine without CJK fonts.

``dsrlab/assets/dsrlab-cjk-subset.woff2`` is a subset of Noto Sans CJK SC (family
"DSR Lab CJK", SIL Open Font Licence, ``OFL-noto-sans-cjk.txt`` beside it) holding the
characters of ``data/sources.csv``; ``dsrlab-cjk-subset.codepoints.txt`` lists them (a test
fails when the sources need one the font lacks). HTML that may show Chinese embeds the
font as a data: URI (:func:`font_style`) and marks the Chinese runs ``lang="zh-Hans"``
(:func:`mark_cjk`), so a browser uses the font for them and nothing is fetched.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

__all__ = ["CJK", "FONT_FAMILY", "has_cjk", "font_codepoints", "font_style", "mark_cjk",
           "mark_cjk_in_html"]

ASSETS = Path(__file__).resolve().parents[1] / "assets"
FONT = ASSETS / "dsrlab-cjk-subset.woff2"
FONT_FAMILY = "DSR Lab CJK"
#: CJK ideographs, radicals, punctuation and full-width forms
CJK = re.compile(r"[\u2e80-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
                 r"\uff00-\uffef]+")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a Chinese (CJK) character.

    >>> has_cjk("数字丝路"), has_cjk("Digital Silk Road")
    (True, False)
    """
    return bool(CJK.search(str(text)))


@functools.cache
def font_codepoints() -> frozenset[int]:
    """The code points the shipped font covers (from its code point list)."""
    lines = (ASSETS / "dsrlab-cjk-subset.codepoints.txt").read_text(encoding="utf-8")
    return frozenset(int(ln.split()[0][2:], 16) for ln in lines.splitlines()
                     if ln.startswith("U+"))


@functools.cache
def font_style() -> str:
    """A ``<style>`` with the font as a data: URI, used for text marked ``lang="zh-Hans"``."""
    data = base64.b64encode(FONT.read_bytes()).decode("ascii")
    return ("<style>@font-face{font-family:\"" + FONT_FAMILY + "\";"
            f"src:url(data:font/woff2;base64,{data}) format(\"woff2\");font-display:block}}"
            f"[lang=\"zh-Hans\"]{{font-family:\"{FONT_FAMILY}\",\"Noto Sans CJK SC\",sans-serif}}"
            "</style>")


def mark_cjk(escaped: str) -> str:
    """Wrap each Chinese run of an (already escaped) text in ``<span lang="zh-Hans">``.

    >>> mark_cjk("Wang, 数字丝路 (2020)")
    'Wang, <span lang="zh-Hans">数字丝路</span> (2020)'
    """
    return CJK.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', escaped)


def mark_cjk_in_html(page: str) -> str:
    """A whole HTML page with its Chinese text marked and the font added to its head.

    Only text between tags is marked (never an attribute); a page without Chinese is
    returned unchanged.

    >>> mark_cjk_in_html("<p>none</p>")
    '<p>none</p>'
    >>> out = mark_cjk_in_html('<html><head></head><body><p title="x">丝路</p></body></html>')
    >>> '<p title="x"><span lang="zh-Hans">丝路</span></p>' in out, "@font-face" in out
    (True, True)
    """
    if not has_cjk(page):
        return page
    parts = re.split(r"(<[^>]*>)", page)
    in_raw = False  # inside <style> or <script>: leave the text alone
    for n, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z]+)", part)
            if name and name.group(1).lower() in ("style", "script"):
                in_raw = not part.startswith("</")
        elif part and not in_raw and 'lang="zh-Hans"' not in parts[n - 1]:
            parts[n] = mark_cjk(part)
    page = "".join(parts)
    if "</head>" in page:
        return page.replace("</head>", font_style() + "</head>", 1)
    return font_style() + page
