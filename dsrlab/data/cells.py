"""How one CSV cell is read: list separator, booleans, numbers, dates and their dtypes.

Shared by :mod:`dsrlab.data.tables` (which parses the tables) and
:mod:`dsrlab.data.validate` (which reports the cells that do not parse), so both follow
one rule.
"""

import re
from datetime import date, datetime

__all__ = ["LIST_SEPARATOR", "DEFAULT_TRUE", "DEFAULT_FALSE", "AMOUNT_NAME", "dtype_of",
           "cell_problem", "partial_date_problem"]

LIST_SEPARATOR = ";"
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
AMOUNT_NAME = re.compile(r"^(amount|cost)$|(^|_)usd(_m)?$")


def dtype_of(field: dict):
    """The pandas dtype :func:`load` gives a schema field (before date parsing).

    Examples
    --------
    >>> dtype_of({"name": "year", "type": "integer"})
    'Int64'
    >>> enum = {"name": "kind", "type": "string", "constraints": {"enum": ["b", "a"]}}
    >>> dtype_of(enum).categories.tolist()  # a Categorical, in enum order
    ['b', 'a']
    """
    enum = (field.get("constraints") or {}).get("enum")
    if enum and not field.get("dsrlab:list"):
        import pandas as pd

        return pd.CategoricalDtype(list(enum), ordered=bool(field.get("dsrlab:ordered")))
    return {"integer": "Int64", "year": "Int64", "number": "float64"}.get(
        field.get("type", "string"), "str")


def cell_problem(value: str, fdef: dict) -> str | None:
    """Why a non-missing CSV cell does not fit its field's type (what :func:`load` parses)."""
    kind = fdef.get("type", "string")
    fmt = fdef.get("format", "default")
    if kind == "integer" and not _INTEGER.fullmatch(value):
        return f"{value!r} is not an integer"
    if kind == "number" and not _NUMBER.fullmatch(value):
        hint = "non-numeric amount" if AMOUNT_NAME.search(fdef.get("name", "")) else "not a number"
        return f"{hint}: {value!r} (write digits only, e.g. 1500 or 12.5)"
    if kind == "year" and not re.fullmatch(r"\d{4}", value):
        return f"{value!r} is not a year"
    if kind == "boolean" and value not in (*fdef.get("trueValues", DEFAULT_TRUE),
                                           *fdef.get("falseValues", DEFAULT_FALSE)):
        return f"{value!r} is not a boolean (use true or false)"
    if kind == "date":
        try:
            if fmt in ("default", None):
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise ValueError
                date.fromisoformat(value)
            elif fmt != "any":
                datetime.strptime(value, fmt)
        except ValueError:
            return f"{value!r} is not a valid date (YYYY-MM-DD)"
    if kind == "datetime" and fmt in ("default", None):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a valid ISO date-time"
    return None


def partial_date_problem(value: str) -> str | None:
    """Why a ``YYYY[-MM[-DD]]`` text date is not a real date (``None`` if it is)."""
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        return f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    y, m, d = match.groups()
    try:
        date(int(y), int(m or 1), int(d or 1))
    except ValueError:
        return f"{value!r} is not a real calendar date"
    return None
