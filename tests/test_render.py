"""Static HTML of an executed notebook: what a widget becomes on a page without a kernel."""

import nbformat

from dsrlab.base.i18n import t
from dsrlab.render import notebook_html

WIDGET = "application/vnd.jupyter.widget-view+json"


def _widget_cell(source: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output(
        "display_data", data={WIDGET: {"model_id": "abc", "version_major": 2,
                                       "version_minor": 0},
                              "text/plain": "VBox(children=(...))"})]
    return cell


def test_an_exercise_says_how_to_answer_it_and_a_view_how_to_use_it():
    nb = nbformat.v4.new_notebook()
    nb.cells = [_widget_cell('dsrlab.exercise("no.such.id")'),
                _widget_cell("origins.timeline_explorer(2014, 2020)")]
    page = notebook_html(nb)
    assert page.count(t("briefs.widget_note", "en")) == 1  # the exercise (id unknown here)
    assert page.count(t("briefs.view_note", "en")) == 1    # the explorer is no exercise
    assert "VBox(children" not in page
    assert t("briefs.view_note", "es").startswith("Vista interactiva")
