"""DSR Lab benchmarks: every timing as a ratio against the empty-kernel floor.

The floor is what any notebook of this course pays before its first line of content:
start a kernel, import pandas, matplotlib.pyplot and ipywidgets, shut the kernel down.
A course notebook should cost at most twice that. Run with ``make bench``; prints a table
of medians and writes ``benchmarks/results/latest.json``.

Other benchmark files (``benchmarks/bench_*.py``) each define
``run(floor_seconds, repeats) -> list[dict]`` with keys name, median_s, ratio_to_floor,
goal and ok (and, for quantities other than time, value and unit); their rows are added
to the table. ``bench_hub`` gives a class's capacity: kernel memory per notebook,
students per 8 GiB, and the hub's start time for a student's server.
"""

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTEBOOKS = REPO / "notebooks"
FLOOR_SOURCE = "import pandas, matplotlib.pyplot, ipywidgets"


def isolate_environment() -> Path:
    """Point HOME, Jupyter and answers folders at a temp dir, like the test suite does."""
    root = Path(tempfile.mkdtemp(prefix="dsrlab-bench-"))
    for name in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                 "IPYTHONDIR", "MPLCONFIGDIR", "DSRLAB_ANSWERS_DIR"):
        path = root / name.lower()
        path.mkdir()
        os.environ[name] = str(path)
    os.environ.pop("MPLBACKEND", None)
    os.environ["DSRLAB_STUDENT"] = "bench"
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return root


def execute_seconds(nb, cwd: Path) -> float:
    """Wall time to start a kernel, run every cell of ``nb`` and shut the kernel down."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def median_of(fn, repeats: int) -> float:
    return statistics.median(fn() for _ in range(repeats))


def floor_notebook():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def floor_seconds(repeats: int) -> float:
    nb = floor_notebook()
    execute_seconds(nb, NOTEBOOKS)  # warm the OS file cache once; not counted
    return median_of(lambda: execute_seconds(floor_notebook(), NOTEBOOKS), repeats)


def notebook_rounds(repeats: int, names: list[str] | None = None) -> tuple[float, list[dict]]:
    """Time the floor and every notebook in alternation; return (floor, rows).

    Each round runs the floor once and then each notebook once, so a slow spell of the
    machine (another process, CPU frequency) weighs on the floor and the notebooks alike
    instead of skewing the ratio of whichever ran during it.
    """
    import nbformat

    from dsrlab.base.course import in_language, notebook_paths

    paths = list(notebook_paths().values())  # the course's notebooks, from course.yml
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
    # each notebook in both editions: the Spanish one must cost what the English one costs
    books = {}
    for p in paths:
        books[p.stem] = nbformat.read(p, as_version=4)
        spanish = in_language(p, "es")
        if spanish != p:
            books[f"{p.stem} (es)"] = nbformat.read(spanish, as_version=4)
    execute_seconds(floor_notebook(), NOTEBOOKS)  # warm the OS file cache once; not counted
    floors, times = [], {stem: [] for stem in books}
    for _ in range(repeats):
        floors.append(execute_seconds(floor_notebook(), NOTEBOOKS))
        for stem, nb in books.items():
            times[stem].append(execute_seconds(nbformat.from_dict(nb), NOTEBOOKS))
    floor = statistics.median(floors)
    rows = []
    for stem, values in times.items():
        seconds = statistics.median(values)
        ratio = seconds / floor
        rows.append({"name": f"notebook {stem}", "median_s": seconds,
                     "ratio_to_floor": ratio, "goal": "<= 2.0x floor", "ok": ratio <= 2.0})
    return floor, rows


def _import_seconds(code: str) -> float:
    # A fresh interpreter each time: import cost is only honest from a cold start.
    out = subprocess.run(
        [sys.executable, "-c",
         "import time; t = time.perf_counter(); " + code + "; print(time.perf_counter() - t)"],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    return float(out.stdout.strip().splitlines()[-1])


def import_rows(repeats: int) -> list[dict]:
    base = median_of(lambda: _import_seconds(FLOOR_SOURCE), repeats)
    bare = median_of(lambda: _import_seconds(FLOOR_SOURCE + ", dsrlab"), repeats)
    # What a notebook's first cells really pull in: the data layer and the widgets.
    used = median_of(lambda: _import_seconds(
        FLOOR_SOURCE + ", dsrlab; dsrlab.use_style; dsrlab.load; dsrlab.exercise"), repeats)
    return [
        {"name": "import pandas+matplotlib+ipywidgets", "median_s": base,
         "ratio_to_floor": None, "goal": "reference", "ok": True},
        {"name": "import dsrlab (added)", "median_s": bare - base, "ratio_to_floor": None,
         "goal": "<= 0.150 s", "ok": bare - base <= 0.150},
        {"name": "dsrlab first use: style+load+exercise (added)", "median_s": used - base,
         "ratio_to_floor": None, "goal": "<= 0.150 s", "ok": used - base <= 0.150},
    ]


def plugin_rows(floor: float, repeats: int, only: set[str] | None) -> list[dict]:
    rows = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem.removeprefix("bench_") not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rows.extend(module.run(floor, repeats))
    return rows


def format_table(rows: list[dict], floor: float) -> str:
    lines = [f"floor (kernel + {FLOOR_SOURCE}): {floor:.3f} s", ""]
    header = f"{'benchmark':<52} {'median':>10} {'x floor':>8}  {'goal':<18} ok"
    lines += [header, "-" * len(header)]
    for row in rows:
        ratio = "" if row["ratio_to_floor"] is None else f"{row['ratio_to_floor']:.2f}"
        # rows of other quantities (memory in MiB, students) carry value and unit
        shown = (f"{row['median_s']:>9.3f}s" if row.get("unit", "s") == "s"
                 else f"{row['value']:.0f} {row['unit']}".rjust(10))
        lines.append(f"{row['name']:<52} {shown} {ratio:>8}  "
                     f"{row['goal']:<18} {'yes' if row['ok'] else 'NO'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--only", nargs="*", default=None,
                        help="plugin names to run (e.g. data exercises briefs); default all")
    parser.add_argument("--skip-notebooks", action="store_true")
    parser.add_argument("--notebooks", nargs="*", default=None,
                        help="notebook name prefixes to time (e.g. 01 02); default all")
    args = parser.parse_args(argv)

    isolate_environment()
    if args.skip_notebooks:
        floor, rows = floor_seconds(max(args.repeats, 3)), []
    else:
        floor, rows = notebook_rounds(max(args.repeats, 3), args.notebooks)
    rows += import_rows(max(args.repeats, 5))
    rows += plugin_rows(floor, args.repeats, set(args.only) if args.only else None)

    print(format_table(rows, floor))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    result = {"floor_s": floor, "rows": rows, "python": platform.python_version(),
              "cpus": os.cpu_count(), "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / "latest.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwritten {out / 'latest.json'}")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
