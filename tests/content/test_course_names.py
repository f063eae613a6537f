"""One course, one set of names: notebooks/course.yml titles every place a session is named.

The notebook's heading, the exercise file's title, ``progress()``, the site index and the
README all say "NN · <title>"; an exercise's lead-in in the text names it as its widget
does ("Exercise 03.1"), and the exercise it introduces is the one the next cell shows.
"""

import json
import re

import pytest
import yaml

from dsrlab.base.course import sessions
from dsrlab.exercises.progress_report import progress_table
from dsrlab.site import course_map

SESSIONS = list(sessions())


def _cells(s):
    return json.loads(s.path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("s", SESSIONS, ids=[s.number for s in SESSIONS])
def test_notebook_heading_is_the_course_title(s):
    first = "".join(_cells(s)[0]["source"]).splitlines()[0]
    assert first == f"# {s.number} · {s.title('en')}"


@pytest.mark.parametrize("s", SESSIONS, ids=[s.number for s in SESSIONS])
def test_exercise_file_title_is_the_course_title_in_both_languages(s):
    doc = yaml.safe_load(s.exercise_file.read_text(encoding="utf-8"))
    assert doc["title"] == {"en": s.title("en"), "es": s.title("es")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_progress_site_and_readme_use_the_same_titles(lang):
    names = [f"{s.number} · {s.title(lang)}" for s in SESSIONS]
    assert list(progress_table(lang=lang)["title"]) == names
    assert all(f"| {name} |" in course_map(lang) for name in names)


@pytest.mark.parametrize("s", SESSIONS, ids=[s.number for s in SESSIONS])
def test_exercise_lead_ins_name_the_exercise_as_its_widget_does(s):
    cells = _cells(s)
    for i, cell in enumerate(cells):
        text = "".join(cell["source"])
        if cell["cell_type"] != "markdown":
            continue
        assert not re.search(r"\*\*Exercise \d\.\d", text), text[:60]  # "3.1" is not the id
        found = re.match(r"\*\*Exercise (\d\d\.\d+)", text)
        if found:
            nxt = "".join(cells[i + 1]["source"])
            assert f'dsrlab.exercise("{found.group(1)}")' in nxt, (found.group(1), nxt)
