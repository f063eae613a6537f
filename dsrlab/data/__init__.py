"""The course data: list, load, describe, cite and validate the tables of ``data/``.

``data/`` is a Frictionless Data Package: a table added to ``datapackage.json`` is listed,
loaded, typed and validated with no code change. Loading uses pandas only and each
module here imports its heavy libraries inside the functions that need them.
"""

from .cite import Citations, bibliography, cite
from .tables import datasets, describe, explode_list, load
from .validate import ValidationIssue, ValidationReport, validate

__all__ = ["datasets", "load", "describe", "explode_list", "cite", "bibliography", "Citations",
           "validate", "ValidationIssue", "ValidationReport"]
