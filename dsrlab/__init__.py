"""DSR Lab: helpers for the workbook on China's Digital Silk Road in Latin America.

The few verbs every notebook needs are here, read aloud: ``dsrlab.load("cables")``,
``dsrlab.cite("malena-fn41")``, ``dsrlab.exercise("03.2")``, ``dsrlab.check_params(...)``;
``dsrlab.chart_data()`` gives the table behind the last figure, ``dsrlab.alt_text()`` its
description.
Each session's figures and tables live in a topic module, used as a namespace::

    from dsrlab.topics import diplomacy
    diplomacy.plot_votes(country="Brazil")

The package is layered (imports point down only)::

    base       errors, paths, files (atomic writes), i18n, the course table of contents
    data       load, validate (Frictionless + our rules), cite
    blocks     countries, table cells, plots, maps
    topics     one module per session, composing the blocks
    front ends exercises (widgets, store, export, hand-in, collect), params, run, briefs, site, cli

Importing ``dsrlab`` has no side effects, and heavy libraries (pandas, matplotlib,
ipywidgets, geopandas, papermill, frictionless) load inside the functions that use them.
"""

from .base.errors import DsrlabError, UsageError
from .base.i18n import get_language, set_language
from .base.version import __version__
from .blocks.alt_text import alt_text, chart_data
from .blocks.glossary import key_terms
from .blocks.plots import PALETTE, use_style
from .blocks.reading import show
from .data import bibliography, cite, datasets, describe, explode_list, load, validate
from .exercises import (
    assess,
    check,
    collect,
    exercise,
    exercise_table,
    export_answers,
    export_memo,
    get_student,
    hand_in_button,
    name_widget,
    peer_review,
    progress,
    set_student,
    source_check,
    submit,
)
from .params import check_params

__all__ = [
    "__version__", "DsrlabError", "UsageError", "get_language", "set_language", "PALETTE",
    "use_style", "bibliography", "cite", "datasets", "describe", "explode_list", "load",
    "validate", "check", "collect", "exercise", "exercise_table", "export_answers",
    "get_student", "name_widget", "progress", "set_student", "source_check", "assess",
    "export_memo", "peer_review", "check_params", "show", "key_terms", "submit",
    "hand_in_button", "alt_text", "chart_data",
]
