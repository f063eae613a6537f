"""The Frictionless half of :func:`dsrlab.validate`: the standard's checks, in our terms.

Frictionless's findings are converted to :class:`~dsrlab.data.issues.ValidationIssue`, and
a finding our own rules already reported for the same file, row and kind is shown once.
"""

import json
import re
from pathlib import Path

from .issues import ValidationIssue

__all__ = ["with_frictionless"]

_HEADER_ERRORS = ("blank-label", "duplicate-label", "extra-label", "missing-label",
                  "incorrect-label", "blank-header", "header-error", "label-error")
_CELL_ERRORS = ("blank-row", "extra-cell", "missing-cell", "row-error")


def _kind_of(d: dict) -> tuple[str, int | None, str | None]:
    """(kind, row, field) of a Frictionless error descriptor, in our terms."""
    etype, row = d.get("type", ""), d.get("rowNumber")
    name = d.get("fieldName") or "+".join(d.get("fieldNames") or []) or None
    if etype in _HEADER_ERRORS:
        return "header", 1, d.get("label") or name
    if etype == "constraint-error":
        match = re.search(r'constraint "(\w+)"', d.get("note", ""))
        return "constraint:" + (match.group(1) if match else ""), row, name
    if etype in _CELL_ERRORS:
        return "cells", row, name
    return {"type-error": "type", "unique-error": "unique"}.get(etype, etype), row, name


def with_frictionless(root: Path, descriptor: dict, own: list) -> list[ValidationIssue]:
    """Our issues plus Frictionless's findings that we did not already report.

    Each resource is checked on its own (a broken schema stops only that resource).
    Foreign keys are left to our rules: same result, far faster than Frictionless's lookups.
    """
    import frictionless  # lazy: slow to import

    found = []
    for res in json.loads(json.dumps(descriptor.get("resources", []))):
        file = str(res.get("path"))
        if isinstance(res.get("schema"), dict):
            res["schema"].pop("foreignKeys", None)
        try:
            report = frictionless.Resource(res, basepath=str(root)).validate()
        except frictionless.FrictionlessException as exc:
            found.append(("datapackage.json", {"type": exc.error.type, "message": f"resource "
                          f"{res.get('name')!r}: {exc.error.message}"}))
            continue
        found += [(file, e.to_descriptor()) for t in report.tasks for e in t.errors]
        found += [("datapackage.json", e.to_descriptor()) for e in report.errors]
    seen = {(i.file, i.row, i.kind) for i in own}
    header_files = {i.file for i in own if i.kind == "header"}
    file_level = {i.file for i in own if i.row is None} - {"datapackage.json"}
    any_encoding = any(i.kind == "encoding" for i in own)
    out, lines = list(own), {i.line() for i in own}
    for file, d in found:
        kind, row, name = _kind_of(d)
        if ((kind == "encoding-error" and any_encoding)
                or (file in header_files and (row is not None or kind == "header"))
                or (row is None and file in file_level) or (file, row, kind) in seen):
            continue
        issue = ValidationIssue(file, row, name, f"[frictionless {d.get('type')}] "
                                f"{d.get('message')}", kind)
        if issue.line() not in lines:
            lines.add(issue.line())
            out.append(issue)
    return out
