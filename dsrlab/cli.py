"""The ``dsrlab`` command line.

A thin layer: each subcommand parses its options and calls the same plain function a
notebook calls (``validate``, ``datasets``, ``export_answers``, ``collect``, ``progress``,
``make_briefs``, ``run_notebook``, ``build_site``), imported only when the subcommand
runs, so ``dsrlab --help`` is instant.
Bad input ends with one line ``dsrlab: error: ...`` and exit status 2, never a traceback.
"""

import argparse
import sys
from pathlib import Path

from .base.errors import DsrlabError, UsageError
from .base.version import __version__
from .classroom import add_class_parsers, collect_command, submit_command

__all__ = ["main", "build_parser", "COMMANDS"]


# --------------------------------------------------------------------------- commands
def _validate(args) -> int:
    from .data import validate

    root = None
    if args.data_dir is not None:
        root = Path(args.data_dir)
        if root.exists() and not root.is_dir():
            raise UsageError(f"{_cut(str(root))!r} is a file, not a data folder; give the "
                             "folder that holds datapackage.json")
        if not root.is_dir():
            raise UsageError(f"data folder {_cut(str(root))!r} does not exist; give the folder "
                             "that holds datapackage.json")
        if not (root / "datapackage.json").is_file():
            raise UsageError(f"{str(root)!r} has no datapackage.json; give the folder that "
                             "holds it")
    report = validate(root)
    for line in dict.fromkeys(issue.line() for issue in report.errors):  # each once
        print(line)
    print(report.summary())
    return 0 if report.ok else 1


def _datasets(args) -> int:
    import pandas as pd

    from .data import datasets

    table = datasets(lang=args.lang)
    wide = max([4, *map(len, table["name"])])
    print(f"{'name':<{wide}}  {'rows':>5}  {'licence':<16}  title")
    for row in table.itertuples(index=False):
        rows = "-" if pd.isna(row.rows) else str(row.rows)
        print(f"{row.name:<{wide}}  {rows:>5}  {row.licence:<16}  {row.title}")
    return 0


def _export(args) -> int:
    from .exercises import export_answers, store

    student = args.student or store.get_student()
    if not store.history(student=student):
        raise UsageError(f"no saved answers for student {_cut(student)!r} in "
                         f"{store.answers_dir()}; students with answers there: "
                         f"{_students_with_answers() or 'none'}")
    for path in export_answers(args.out, student=args.student, lang=args.lang):
        print(path)
    return 0


def _memo(args) -> int:
    from .exercises import export_memo

    for path in export_memo(args.out, student=args.student, lang=args.lang):
        print(path)
    return 0


def _review(args) -> int:
    from .exercises.handin import record_review
    from .exercises.rubric import level_label

    ticks = None
    if args.checklist is not None:
        bad = [x for x in args.checklist.split(",") if x.strip() not in ("0", "1")]
        if bad:
            raise UsageError(f"--checklist takes 0s and 1s separated by commas, e.g. 1,0,1; "
                             f"got {_cut(args.checklist, 40)!r}")
        ticks = [x.strip() == "1" for x in args.checklist.split(",")]
    row = record_review(args.memo, args.level, ticks, args.comment or "", reviewer=args.student)
    print(f"review of {row['meta']['author']}'s memo saved: {level_label(args.level, 'en')}")
    return 0


def _guide(args) -> int:
    from .exercises.guide import write_guide

    for path in write_guide(args.out, args.lang, args.format):
        print(path)
    return 0


def _progress(args) -> int:
    from .base.i18n import t
    from .exercises.progress_report import progress_table

    table = progress_table(args.student)
    for rec in table.to_dict("records"):
        total = max(rec["exercises"], 1)
        bar = "#" * round(20 * rec["correct"] / total)
        words = t("widgets.progress_bar", correct=rec["correct"], total=rec["exercises"],
                  attempted=rec["attempted"])
        print(f"[{bar:<20}]  {words}  {rec['title']}")
    return 0


def _brief(args) -> int:
    from .briefs import make_briefs, write_index

    if args.country is not None and len(args.country) > 100:
        raise UsageError(f"country {_cut(args.country, 40)!r} is {len(args.country)} characters "
                         "long; give an ISO3 code, ISO2 code or name, e.g. BOL")
    records = make_briefs(args.country, all_countries=args.all, lang=args.lang, out=args.out,
                          fmt=args.format, jobs=args.jobs, paper=args.paper)
    if args.all:
        indexes = [write_index(records, args.out, lang)
                   for lang in dict.fromkeys(r["lang"] for r in records)]
        print(f"{sum(r['ok'] for r in records)} briefs and {', '.join(map(str, indexes))}")
    else:
        for rec in records:
            if rec["ok"]:
                for path in rec["paths"].values():
                    print(path)
    failures = [r for r in records if not r["ok"]]
    for rec in failures:
        print(f"dsrlab: brief {rec['country']} failed: {rec['error']}", file=sys.stderr)
    return 1 if failures else 0


def _run(args) -> int:
    from .run import notebook_parameters, parse_value, resolve_notebook, run_notebook

    given = {name: parse_value(text) for name, text in args.parameter}
    declared = notebook_parameters(resolve_notebook(args.notebook))
    for name, value in given.items():
        if value is None and declared.get(name) is not None:
            raise UsageError(f"-p {name} None: {name} needs a value in this notebook, e.g. "
                             f"-p {name} {declared[name]}")
    for path in run_notebook(args.notebook, given, out=args.out, fmt=args.format):
        print(path)
    return 0


def _site(args) -> int:
    from .site import build_site

    briefs = args.briefs if args.briefs in ("all", "none") else args.briefs.split(",")
    only = None if args.sessions is None else [x.strip() for x in args.sessions.split(",")]
    result = build_site(args.out, briefs, args.lang, args.jobs, students=args.students,
                        only=only)
    failed = [p for p in result["pages"] if p["error"]] + [b for b in result["briefs"]
                                                           if not b["ok"]]
    for item in failed:
        print(f"dsrlab: failed: {item.get('name') or item.get('country')}: {item['error']}",
              file=sys.stderr)
    print(result["index"])
    return 1 if failed else 0


def _students_with_answers() -> str:
    import sqlite3

    from .exercises import store

    names = []
    for path in sorted(store.answers_dir().glob("*.sqlite3"))[:50]:
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            try:
                row = con.execute("SELECT value FROM info WHERE key = 'student'").fetchone()
            finally:
                con.close()
        except sqlite3.Error:
            continue
        if row:
            names.append(row[0])
    return ", ".join(repr(_cut(n, 40)) for n in names[:10])


def _cut(text: str, limit: int = 120) -> str:
    """``text`` on one line, cut to ``limit`` characters (a 100 KB argument is not echoed)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _lang(text: str) -> str:
    return text.strip().lower()  # 'ES' as -p lang ES takes it


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {_cut(text, 20)!r}"
                                         ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {value}")
    return value


#: subcommand -> the function that runs it
COMMANDS = {"validate": _validate, "datasets": _datasets, "export": _export,
            "submit": submit_command, "collect": collect_command, "progress": _progress,
            "brief": _brief, "run": _run, "site": _site, "memo": _memo, "review": _review,
            "guide": _guide}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, like every other usage error
        self.exit(2, f"dsrlab: error: {_cut(message, 300)} (see 'dsrlab "
                     f"{self._sub_name()}--help')\n")

    def _sub_name(self) -> str:
        parts = self.prog.split()[1:]
        return (" ".join(parts) + " ") if parts else ""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to document the CLI in tests)."""
    parser = _Parser(
        prog="dsrlab",
        description="DSR Lab: data, exercises and country briefs for the Digital Silk Road course.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check the data package (Frictionless + project rules)",
                       description="Validate data/datapackage.json and every table: types, "
                       "keys, sources, ISO codes, dates and qualifiers. Exit 1 on any error.")
    p.add_argument("data_dir", nargs="?", default=None, metavar="DATA_DIR",
                   help="folder holding datapackage.json (default: the shipped data)")

    p = sub.add_parser("datasets", help="list the tables with titles, rows and licences",
                       description="List every table of the data package.")
    p.add_argument("--lang", type=_lang, choices=["en", "es"], default=None,
                   help="language of the titles")

    p = sub.add_parser("export", help="write your answers as a submission file (JSON + HTML)",
                       description="Export every attempt you saved as a portable JSON file and a "
                       "readable HTML page, to hand in.")
    p.add_argument("--student", default=None, help="student name (default: DSRLAB_STUDENT or "
                   "the name set in 00_start_here)")
    p.add_argument("--out", default=".", metavar="DIR", help="output folder (default: .)")
    p.add_argument("--lang", type=_lang, choices=["en", "es"], default=None,
                   help="language of the HTML page")

    add_class_parsers(sub, _lang)

    p = sub.add_parser("memo", help="hand in your capstone memo with its rubric (JSON + HTML)",
                       description="Write your last submitted capstone memo (exercise 05.7) "
                       "with its rubric, checklist and self-assessment, to hand in and to "
                       "give a classmate for review.")
    p.add_argument("--student", default=None, help="student name (default: yours)")
    p.add_argument("--out", default=".", metavar="DIR", help="output folder (default: .)")
    p.add_argument("--lang", type=_lang, choices=["en", "es"], default=None,
                   help="language of the rubric and page")

    p = sub.add_parser("review", help="score a classmate's memo against its rubric",
                       description="Peer review: place a classmate's memo on the rubric; the "
                       "review is saved with your answers and joined to the memo by collect.")
    p.add_argument("memo", metavar="MEMO_JSON", help="the classmate's <name>-memo.json")
    p.add_argument("--level", required=True, choices=["strong", "adequate", "weak"],
                   help="where the memo sits on the rubric")
    p.add_argument("--checklist", default=None, metavar="1,0,...",
                   help="checklist items the memo meets, in order (1 = met)")
    p.add_argument("--comment", default="", help="a comment for the author")
    p.add_argument("--student", default=None, help="reviewer name (default: yours)")

    p = sub.add_parser("progress", help="show how many exercises you attempted and got right",
                       description="Per notebook: exercises attempted and correct.")
    p.add_argument("--student", default=None, help="student name")

    p = sub.add_parser("brief", help="render a country brief (or all 33) with papermill",
                       description="Execute notebooks/country_brief.ipynb for one country, or for "
                       "all 33 CELAC states, and write the executed notebook and/or an HTML page.")
    p.add_argument("country", nargs="?", default=None,
                   help="ISO3, ISO2 or English/Spanish name, e.g. BOL, BO, Bolivia")
    p.add_argument("--all", action="store_true", help="all 33 CELAC states, with an index page")
    p.add_argument("--lang", type=_lang, choices=["en", "es", "both"], default=None,
                   help="language: en, es or both (default: en for one country, both with --all)")
    p.add_argument("--out", default="briefs", metavar="DIR", help="output folder (default: briefs)")
    p.add_argument("--format", choices=["html", "ipynb", "pdf", "both", "all"], default="html",
                   help="what to write: html, ipynb, pdf (printed from the HTML by headless "
                   "Chromium), both (html and ipynb) or all three (default: html)")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4", type=str.lower,
                   help="page size of the printed brief (default: a4)")
    p.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help="parallel workers for --all (default: number of cores)")

    p = sub.add_parser("run", help="execute a course notebook with parameters (papermill)",
                       description="A validated wrapper around papermill for any course notebook.")
    p.add_argument("notebook",
                   help="notebook name or number, e.g. 03 or 03_surveillance_deployments")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="set a parameter (repeatable)")
    p.add_argument("--out", default=".", metavar="DIR", help="output folder (default: .)")
    p.add_argument("--format", choices=["html", "ipynb", "both"], default="ipynb",
                   help="what to write (default: ipynb)")

    p = sub.add_parser("site", help="execute every notebook and build the offline HTML site",
                       description="Execute every course notebook and the country briefs and "
                       "write an offline HTML site.")
    p.add_argument("--out", default="_site", metavar="DIR", help="output folder (_site)")
    p.add_argument("--briefs", default="all", metavar="LIST",
                   help="'all' (default), 'none', or comma-separated countries, e.g. BOL,BRA")
    p.add_argument("--lang", type=_lang, choices=["both", "en", "es"], default="both",
                   help="both (default: English in DIR, Spanish in DIR/es), en or es")
    p.add_argument("--jobs", type=_jobs, default=None, metavar="N", help="parallel workers")
    p.add_argument("--students", action="store_true",
                   help="the students' site: leave out the instructor guide")
    p.add_argument("--sessions", default=None, metavar="LIST",
                   help="comma-separated session numbers to build, e.g. 00,03 (default: all)")

    p = sub.add_parser("guide", help="(instructor) write the instructor guide as Markdown or HTML",
                       description="Write the instructor guide of every session: teaching plans "
                       "for 90 and 120 minutes, discussion leads, model answers for every "
                       "rubric exercise and common misconceptions.")
    p.add_argument("--out", default="instructor-guide", metavar="DIR",
                   help="output folder (default: instructor-guide)")
    p.add_argument("--lang", type=_lang, choices=["en", "es"], default="en",
                   help="language (en)")
    p.add_argument("--format", choices=["md", "html"], default="md", help="md (default) or html")
    return parser


def _version() -> str:
    return f"dsrlab {__version__}"


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    from .exercises.store_files import AnswersStoreError as AnswersError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(COMMANDS[args.command](args) or 0)
    except UsageError as exc:
        print(f"dsrlab: error: {_cut(exc, 600)}", file=sys.stderr)
        return 2
    except AnswersError as exc:  # unusable answers folder, file or saved name: fix and rerun
        print(f"dsrlab: error: {_cut(exc, 600)}", file=sys.stderr)
        return 2
    except DsrlabError as exc:
        print(f"dsrlab: {_cut(exc, 600)}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. a folder where an output file should go
        where = f" {_cut(exc.filename)!r}" if getattr(exc, "filename", None) else ""
        print(f"dsrlab: error: cannot write or read{where} ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("dsrlab: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover - `python -m dsrlab.cli`
    sys.exit(main())
