"""One terminology in the Spanish edition, kept as data in ``data/glossary.csv``.

Every Spanish text a student sees (interface strings, exercises, the course's titles, the
Spanish notebooks' prose, the data's ``*_es`` columns) is read against the glossary's
``avoid_es`` forms: "diplomacia digital" where the course says *ciberdiplomacia*, peninsular
"pulsa" where Latin America says "haz clic", "nueva planta" for greenfield…
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from dsrlab import load
from dsrlab.base.paths import notebooks_dir
from dsrlab.blocks.glossary import avoided_forms, key_terms
from dsrlab.data.tables import descriptor

REPO = Path(__file__).resolve().parents[2]


def _spanish_values(node, where: str):
    """Every string under an ``es`` key of a YAML tree, with where it sits."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "es" and isinstance(value, str):
                yield where, value
            else:
                yield from _spanish_values(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _spanish_values(value, f"{where}[{i}]")


def spanish_texts():
    for path in sorted((REPO / "dsrlab" / "strings").glob("*.yml")):
        yield from _spanish_values(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    for path in sorted(notebooks_dir().glob("exercises/*.yml")):
        yield from _spanish_values(yaml.safe_load(path.read_text(encoding="utf-8")),
                                   f"exercises/{path.name}")
    course = notebooks_dir() / "course.yml"
    yield from _spanish_values(yaml.safe_load(course.read_text(encoding="utf-8")), "course.yml")
    for path in sorted((notebooks_dir() / "es").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                yield f"es/{path.name} cell {cell.get('id')}", "".join(cell["source"])
    for resource in descriptor()["resources"]:
        fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        spanish = [f for f in fields if f.endswith("_es")]
        if not spanish:
            continue
        frame = load(resource["name"])
        for column in spanish:
            for key, text in zip(frame[frame.columns[0]], frame[column], strict=True):
                if isinstance(text, str):
                    yield f"{resource['name']}[{key}].{column}", text


TEXTS = list(spanish_texts())


def test_the_scan_reads_every_kind_of_spanish_text():
    places = {where.split("[")[0].split(".")[0].split(" ")[0] for where, _ in TEXTS}
    assert {"widgets", "exercises/04", "course", "claims", "glossary"} <= {
        p.removesuffix(".yml") for p in places}
    assert any(where.startswith("es/04_un_cyber_diplomacy.ipynb") for where, _ in TEXTS)


def test_the_glossary_fixes_the_terms_the_spanish_edition_got_wrong():
    avoid = avoided_forms()
    assert avoid["diplomacia digital"] == "Ciberdiplomacia"
    assert avoid["nueva planta"].startswith("Inversión greenfield")
    assert avoid["pulsa"].startswith("Hacer clic")
    assert avoid["matrículas"] == "Reconocimiento facial / reconocimiento de placas"
    assert "Estrategia de cobertura (hedging)" in set(key_terms(lang="es")["term"])


@pytest.mark.parametrize(("form", "term"), sorted(avoided_forms().items()))
def test_no_spanish_text_uses_a_form_the_glossary_avoids(form, term):
    pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.IGNORECASE)
    found = [where for where, text in TEXTS
             if pattern.search(text) and not where.endswith(".avoid_es")]
    assert not found, f"'{form}' (the course says '{term}') in: {', '.join(found[:8])}"


def test_hedging_is_never_a_bare_cobertura_next_to_network_coverage():
    # "cobertura" alone means network coverage (4G); hedging is named as such on first use
    bare = [where for where, text in TEXTS
            if re.search(r"\bcobertura\b", text, re.IGNORECASE)
            and re.search(r"tercera vía|potencias", text, re.IGNORECASE)
            and "hedging" not in text.lower()]
    assert not bare, f"hedging as a bare 'cobertura' in: {', '.join(bare)}"
