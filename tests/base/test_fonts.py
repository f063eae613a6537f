"""Chinese source titles never show as empty boxes: the shipped subset font covers them."""

import csv
import re
from pathlib import Path

import pytest

import dsrlab
from dsrlab.base import fonts

REPO = Path(__file__).resolve().parents[2]


def _source_text() -> str:
    with (REPO / "data" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return " ".join(v or "" for row in csv.DictReader(fh) for v in row.values())


def test_the_font_covers_every_chinese_character_of_the_sources():
    needed = {ch for run in fonts.CJK.findall(_source_text()) for ch in run}
    assert needed, "sources.csv has Chinese titles; the check must see them"
    missing = sorted(ch for ch in needed if ord(ch) not in fonts.font_codepoints())
    assert not missing, (f"dsrlab-cjk-subset.woff2 lacks {missing}: make a new subset of "
                         "Noto Sans CJK SC with them and regenerate its code point list")


def test_the_code_point_list_is_the_fonts_own_cmap():
    from fontTools.ttLib import TTFont

    try:
        cmap = set(TTFont(fonts.FONT).getBestCmap())
    except ImportError as exc:  # woff2 needs brotli; the shipped list is then the truth
        pytest.fail(f"cannot read the woff2 font ({exc}); install brotli to check the list")
    assert cmap == set(fonts.font_codepoints())


def test_citations_with_chinese_titles_carry_the_font_and_are_marked():
    ids = re.findall(r"^([\w-]+),", (REPO / "data" / "sources.csv").read_text(encoding="utf-8"),
                     re.M)
    with (REPO / "data" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        chinese = [row["id"] for row in csv.DictReader(fh) if fonts.has_cjk(row["title"])]
    assert chinese and set(chinese) <= set(ids)
    page = dsrlab.cite(chinese[0])._repr_html_()
    assert "@font-face" in page and "font/woff2;base64," in page
    assert re.search(r'<span lang="zh-Hans">[^<]*[\u4e00-\u9fff]', page)
    outside = re.sub(r'<span lang="zh-Hans">[^<]*</span>', "", page.split("</style>", 1)[1])
    assert not fonts.has_cjk(outside), "every Chinese run is marked"
    plain = dsrlab.cite("malena-dsr")._repr_html_()
    assert "@font-face" not in plain  # only where Chinese is shown


def test_a_rendered_page_gets_the_font_in_its_head():
    page = "<html><head><title>t</title></head><body><p>见 《数字丝路》</p></body></html>"
    out = fonts.mark_cjk_in_html(page)
    head = out.split("</head>")[0]
    assert "@font-face" in head and fonts.FONT_FAMILY in head
    assert '<p><span lang="zh-Hans">见</span> <span lang="zh-Hans">《数字丝路》</span></p>' in out
