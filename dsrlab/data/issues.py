"""What :func:`dsrlab.validate` reports: one issue per problem, and the whole report."""

from dataclasses import dataclass, field

__all__ = ["ValidationIssue", "ValidationReport"]


@dataclass(frozen=True)
class ValidationIssue:
    """One problem: the file, the CSV row (header = 1; ``None`` for the whole file),
    the field (``None`` when no single field is at fault) and a one-line message."""

    file: str
    row: int | None
    field: str | None
    message: str
    kind: str = field(default="", compare=False, repr=False)

    def line(self) -> str:
        """``FILE:ROW:FIELD: message`` (``-`` for a missing row or field)."""
        row = "-" if self.row is None else self.row
        return f"{self.file}:{row}:{self.field or '-'}: {self.message}"


@dataclass
class ValidationReport:
    """Outcome of :func:`validate`: ``ok``, ``errors`` and a one-line ``summary()``."""

    errors: list[ValidationIssue]
    resources: int = 0
    rows: int = 0
    path: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        state = "OK" if self.ok else "INVALID"
        n = len(self.errors)
        return (f"data package {state}: {self.resources} resources, {self.rows} rows, "
                f"{n} error{'' if n == 1 else 's'}")

    def __str__(self) -> str:
        return "\n".join([i.line() for i in self.errors] + [self.summary()])

    def to_frame(self):
        """The issues as a DataFrame (file, row, field, message)."""
        import pandas as pd

        return pd.DataFrame([(i.file, i.row, i.field, i.message) for i in self.errors],
                            columns=["file", "row", "field", "message"])
