"""Notebooks 01-02 helpers (dsrlab.topics.firms): DSR components, actors, the firm x
country matrix."""

import dsrlab
from dsrlab.base.i18n import t
from dsrlab.topics import firms as firm_mod


def test_dsr_components_count_chinese_presence():
    presence = dsrlab.load("presence")
    firms = dsrlab.load("firms")
    chinese = set(firms.loc[firms["home_country"] == "CHN", "firm_id"])
    table = firm_mod.components_table().set_index("component")
    for component, sectors in firm_mod.DSR_COMPONENTS.items():
        rows = presence[presence["firm_id"].isin(chinese)
                        & presence["sector"].astype(str).isin(sectors)]
        assert table.loc[component, "records"] == len(rows)
    assert "NEC" not in table.loc["cables", "firms"]  # Japanese: not a DSR firm
    brazil = firm_mod.components_table(country="BRA").set_index("component")
    assert (brazil["records"] <= table["records"]).all()


def test_dsr_actors_add_presence_and_tracker_deals():
    presence = dsrlab.load("presence")
    inv = dsrlab.load("investments")
    actors = firm_mod.actors_table().set_index("firm_id")
    expected = (presence["firm_id"] == "zte").sum() + (inv["investor"] == "ZTE").sum()
    assert actors.loc["zte", "records"] == expected
    assert actors.loc["xinwei", "records"] == (inv["investor"] == "Xinwei").sum()


def test_plot_actors_labels_ownership_in_text():
    ax = firm_mod.plot_actors()
    labels = [t.get_text() for t in ax.texts]
    assert any(label.startswith("private") for label in labels)
    assert any(label.startswith("state-owned") for label in labels)
    # ownership also by hatch (never colour alone): private bars are hatched "//"
    assert {p.get_hatch() for p in ax.patches} >= {"//"}


def test_plot_components_country_adds_hatched_bars():
    plain = firm_mod.plot_components()
    marked = firm_mod.plot_components(country="BRA")
    assert len(marked.patches) == 2 * len(plain.patches)
    assert any(p.get_hatch() == "///" for p in marked.patches)


def test_firm_matrix_and_chart():
    matrix = firm_mod.firm_matrix_table()
    assert "5g" in matrix.loc["Huawei", "BRA"]
    assert "LAC" in matrix.columns  # region-wide rows
    ax = firm_mod.plot_firm_matrix(country="MEX")
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Mexico"]


def test_firm_table_reads_the_matrix_in_words():
    matrix = firm_mod.firm_matrix_table()
    table = firm_mod.firm_table()
    assert table.shape == matrix.shape
    assert table.columns[-1] == t("infrastructure.region_wide")
    assert "Brazil" in table.columns and "BRA" not in table.columns
    assert table.loc["Huawei", "Brazil"] == "5G, telecom equipment, training, R&D"
    # filled cells exactly where the matrix has records
    assert ((table != "").to_numpy() == (matrix[[*sorted(c for c in matrix if c != "LAC"),
                                                 "LAC"]] != "").to_numpy()).all()
    mex = firm_mod.firm_table(country="Mexico")
    assert mex.columns[0] == "► Mexico"
    filled = (mex.iloc[:, 0] != "").tolist()
    assert filled == sorted(filled, reverse=True)  # Mexico's firms first
    assert set(mex.index[: sum(filled)]) == set(matrix.index[matrix["MEX"] != ""])
    dsrlab.set_language("es")
    assert "México" in firm_mod.firm_table(country="MEX").columns[0]


def test_country_is_resolved_from_any_name_and_highlighted():
    brazil = firm_mod.components_table(country="Brasil")
    assert brazil.equals(firm_mod.components_table(country="BRA"))
    actors = firm_mod.actors_table(country="br").set_index("firm_id")
    presence = dsrlab.load("presence")
    assert actors.loc["huawei", "name"] == "★ Huawei"
    for firm in presence.loc[presence["iso3"] == "BRA", "firm_id"].unique():
        assert actors.loc[firm, "name"].startswith("★ ")
    unstarred = firm_mod.actors_table()
    assert len(actors) == len(unstarred)  # highlights, never filters
    ax = firm_mod.plot_actors(country="Brazil")
    assert "► Huawei" in [t.get_text() for t in ax.get_yticklabels()
                          if t.get_fontweight() == "bold"]
    ax = firm_mod.plot_firm_matrix(country="México")
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Mexico"]


def test_lang_keyword_applies_to_one_call():
    ax = firm_mod.plot_components(lang="es")
    assert ax.get_title(loc="left").replace("\n", " ") == t("origins.components_title",
                                                            lang="es")
    assert "México" in firm_mod.firm_table(country="MEX", lang="es").columns[0]
    assert dsrlab.get_language() == "en"
