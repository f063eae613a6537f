"""Exceptions with one-line messages that name the problem and the valid choices."""

__all__ = ["DsrlabError", "UsageError", "DataValidationError", "choices_text"]


class DsrlabError(Exception):
    """Base class for every error dsrlab raises on purpose."""

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback: a student (or a papermill
        # log) sees one clear line, not thirty lines of our internals.
        return [f"{type(self).__name__}: {self}"]


class UsageError(DsrlabError, ValueError):
    """Bad input from a user: an unknown country, parameter, exercise id, file ..."""


class DataValidationError(DsrlabError):
    """The data package does not pass validation."""


def choices_text(choices, limit: int = 40) -> str:
    """Format valid choices for an error message.

    Examples
    --------
    >>> choices_text(["en", "es"])
    "'en', 'es'"
    >>> choices_text(range(50), limit=3)
    "'0', '1', '2', ... (50 in all)"
    """
    items = [str(c) for c in choices]
    shown = ", ".join(repr(c) for c in items[:limit])
    if len(items) > limit:
        shown += f", ... ({len(items)} in all)"
    return shown
