"""The ``dsrlab`` command line.

Each subcommand's options are declared here; the work is done by a handler
``cli_<name>(args) -> int`` in the module that owns that feature, imported only when
the subcommand runs (so ``dsrlab --help`` is instant).
Bad input ends with one line ``dsrlab: error: ...`` and exit status 2, never a traceback.
"""

import argparse
import sys
from importlib import import_module

from .errors import DsrlabError, UsageError

__all__ = ["main", "build_parser"]

# subcommand -> (module, handler)
_HANDLERS = {
    "validate": ("data", "cli_validate"),
    "datasets": ("data", "cli_datasets"),
    "export": ("answers", "cli_export"),
    "collect": ("exercises", "cli_collect"),
    "progress": ("exercises", "cli_progress"),
    "brief": ("_briefs", "cli_brief"),
    "run": ("_briefs", "cli_run"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, like every other usage error
        self.exit(2, f"dsrlab: error: {message} (see 'dsrlab {self._sub_name()}--help')\n")

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
    p.add_argument("--lang", choices=["en", "es"], default=None, help="language of the titles")

    p = sub.add_parser("export", help="write your answers as a submission file (JSON + HTML)",
                       description="Export every attempt you saved as a portable JSON file and a "
                       "readable HTML page, to hand in.")
    p.add_argument("--student", default=None, help="student name (default: DSRLAB_STUDENT or "
                   "the name set in 00_start_here)")
    p.add_argument("--out", default=".", metavar="DIR", help="output folder (default: .)")
    p.add_argument("--lang", choices=["en", "es"], default=None, help="language of the HTML page")

    p = sub.add_parser("collect", help="(instructor) merge students' submission files",
                       description="Merge many students' submission files into one CSV and a "
                       "summary figure per exercise. Malformed files are reported and skipped.")
    p.add_argument("files", nargs="+", metavar="FILE", help="submission JSON files")
    p.add_argument("--out", default="collected", metavar="DIR", help="output folder")

    p = sub.add_parser("progress", help="show how many exercises you attempted and got right",
                       description="Per notebook: exercises attempted and correct.")
    p.add_argument("--student", default=None, help="student name")

    p = sub.add_parser("brief", help="render a country brief (or all 33) with papermill",
                       description="Execute notebooks/country_brief.ipynb for one country, or for "
                       "all 33 CELAC states, and write the executed notebook and/or an HTML page.")
    p.add_argument("country", nargs="?", default=None,
                   help="ISO3, ISO2 or English/Spanish name, e.g. BOL, BO, Bolivia")
    p.add_argument("--all", action="store_true", help="all 33 CELAC states, with an index page")
    p.add_argument("--lang", choices=["en", "es"], default="en", help="language (default: en)")
    p.add_argument("--out", default="briefs", metavar="DIR", help="output folder (default: briefs)")
    p.add_argument("--format", choices=["html", "ipynb", "both"], default="html",
                   help="what to write (default: html)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
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
    return parser


def _version() -> str:
    from . import __version__

    return f"dsrlab {__version__}"


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    module_name, handler_name = _HANDLERS[args.command]
    try:
        handler = getattr(import_module(f"dsrlab.{module_name}"), handler_name)
        return int(handler(args) or 0)
    except UsageError as exc:
        print(f"dsrlab: error: {exc}", file=sys.stderr)
        return 2
    except DsrlabError as exc:
        print(f"dsrlab: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dsrlab: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover - `python -m dsrlab.cli`
    sys.exit(main())
