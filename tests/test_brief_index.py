"""The index of ``dsrlab brief --all``: every state compared, sortable offline, both languages."""

import re

from dsrlab.blocks.countries import celac_countries
from dsrlab.brief_index import index_name, index_table, write_index


def _records(tmp_path):
    records = []
    for lang in ("en", "es"):
        for iso3 in celac_countries():
            paths = {kind: str(tmp_path / f"{iso3}_{lang}.{kind}") for kind in ("html", "pdf")}
            records.append({"country": iso3, "lang": lang, "ok": iso3 != "HTI" or lang == "en",
                            "error": None if iso3 != "HTI" or lang == "en" else "boom",
                            "paths": paths})
    return records


def test_index_links_every_brief_in_both_languages_and_lists_failures(tmp_path):
    records = _records(tmp_path)
    page = write_index(records, tmp_path, "es").read_text(encoding="utf-8")
    assert index_name("es") == "index_es.html" and (tmp_path / "index_es.html").is_file()
    for iso3 in celac_countries():
        assert f'href="{iso3}_en.html"' in page and f'href="{iso3}_en.pdf"' in page
        if iso3 != "HTI":
            assert f'href="{iso3}_es.html"' in page
    assert 'href="HTI_es.html"' not in page and "Fichas que fallaron" in page and "boom" in page
    assert 'href="index.html"' in page  # the English index
    assert not re.search(r"<script[^>]+src=", page)  # the sorting script is inline
    text = re.sub(r"<(style|script).*?</\1>", " ", page, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    assert not re.search(r"\b(yes|abstained|member|listed|Country|Briefs)\b", text)


def test_index_table_counts_come_from_the_data():
    table = index_table(list(celac_countries()), "en").set_index("iso3")
    assert len(table) == 33
    assert table.loc["BOL", "deals_usd_m"] > 0 and table.loc["HTI", "deals_usd_m"] == 0
    assert table.loc["ECU", "surveillance"] >= 1
    assert table.loc["HTI", "coverage"] == "thinly covered"


def test_index_sorts_by_a_column_in_the_browser(tmp_path):
    from playwright.sync_api import sync_playwright

    records = [r for r in _records(tmp_path) if r["lang"] == "en"]
    path = write_index(records, tmp_path, "en")
    table = index_table(list(celac_countries()), "en")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            header = page.locator("table.dsrlab-index thead th", has_text="Chinese tech deals")
            header.click()
            header.click()  # descending
            assert header.get_attribute("aria-sort") == "descending"
            first = page.locator("table.dsrlab-index tbody tr").first.locator("td").first
            assert first.inner_text() == table.loc[table["deals_usd_m"].idxmax(), "iso3"]
            header.press("Enter")  # the keyboard sorts too: ascending
            assert header.get_attribute("aria-sort") == "ascending"
        finally:
            browser.close()
