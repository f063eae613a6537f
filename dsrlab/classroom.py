"""The class on a hub, from the command line: ``dsrlab submit`` and ``dsrlab collect``.

A student hands in to the inbox (``DSRLAB_INBOX``, see :mod:`dsrlab.exercises.inbox`); the
instructor merges submission files and/or the inbox. Part of :mod:`dsrlab.cli`, kept apart
so that each stays small; imports the exercises only when a command runs.
"""

import sys

from .base.errors import UsageError

__all__ = ["add_class_parsers", "submit_command", "collect_command"]


def add_class_parsers(sub, lang_type) -> None:
    """Add the ``submit`` and ``collect`` subcommands to ``sub`` (argparse subparsers)."""
    p = sub.add_parser("submit", help="hand in your answers to the instructor's inbox",
                       description="Write your saved answers into the hand-in inbox "
                       "(DSRLAB_INBOX) as <account>.json; handing in again replaces it.")
    p.add_argument("--inbox", default=None, metavar="DIR", help="inbox folder (default: "
                   "DSRLAB_INBOX)")
    p.add_argument("--student", default=None, help="student name (default: DSRLAB_STUDENT or "
                   "the name set in 00_start_here)")
    p.add_argument("--lang", type=lang_type, choices=["en", "es"], default=None,
                   help="language of messages and answer texts")

    p = sub.add_parser("collect", help="(instructor) merge students' submission files",
                       description="Merge many students' submission files into one CSV and a "
                       "summary figure per exercise. Malformed files are reported and skipped.")
    p.add_argument("files", nargs="*", metavar="FILE", help="submission JSON files")
    p.add_argument("--inbox", nargs="?", const=True, default=None, metavar="DIR",
                   help="also every entry of the hand-in inbox DIR (default: DSRLAB_INBOX); "
                   "with no FILE and DSRLAB_INBOX set, the inbox is collected")
    p.add_argument("--out", default="collected", metavar="DIR", help="output folder")


def collect_command(args) -> int:
    """``dsrlab collect``: merge submission files and/or the hand-in inbox."""
    import os

    from .exercises import collect
    from .exercises.inbox import INBOX_ENV, inbox_warnings

    inbox = args.inbox
    if not args.files and inbox is None:
        if not os.environ.get(INBOX_ENV, "").strip():
            raise UsageError(f"nothing to collect; give submission files, or --inbox DIR (or "
                             f"set {INBOX_ENV}) for the hand-in inbox")
        inbox = True
    if inbox is not None:
        for warning in inbox_warnings(None if inbox is True else inbox):
            print(f"dsrlab: warning: {warning}", file=sys.stderr)
    result = collect(args.files, args.out, inbox=inbox)
    shown = result.skipped if len(result.skipped) <= 2 else result.skipped[:1]
    for path, why in shown:
        print(f"dsrlab: skipped {_cut(str(path))}: {why}", file=sys.stderr)
    if len(shown) < len(result.skipped):
        print(f"dsrlab: skipped {len(result.skipped) - 1} more file(s) that cannot be merged: "
              f"{_cut(', '.join(str(p) for p, _ in result.skipped[1:]))}", file=sys.stderr)
    if result.duplicates:  # one line for all of them
        names = ", ".join(f"{n!r} ({len(f)} files)" for n, f in result.duplicates.items())
        print(f"dsrlab: warning: students in more than one file, all kept and flagged in the "
              f"'duplicate' column: {_cut(names, 300)}", file=sys.stderr)
    if not result.merged:
        print("dsrlab: error: no submission file could be merged", file=sys.stderr)
        return 2
    print(f"merged {len(result.merged)} file(s), skipped {len(result.skipped)}")
    for path in result.outputs:
        print(path)
    return 0


def submit_command(args) -> int:
    """``dsrlab submit``: hand in to the inbox; print the entry written."""
    from .exercises.inbox import submit

    print(submit(args.inbox, student=args.student, lang=args.lang))
    return 0


def _cut(text: str, limit: int = 120) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"
