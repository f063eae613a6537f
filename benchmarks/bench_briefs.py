"""Country briefs against the floor, and ``dsrlab brief --all`` against plain papermill.

Rows (``run(floor_seconds, repeats)``, see benchmarks/run.py):

* one brief rendered in-process (kernel start, execution, HTML export, kernel shutdown:
  the same span as the floor) -- goal <= 2x the floor;
* ``dsrlab brief BOL`` as a user runs it (adds the interpreter start) -- reference;
* a plain sequential loop of 33 ``papermill`` commands (one per CELAC state) -- reference;
* ``dsrlab brief --all`` over the same 33 states, measured in the same run -- goal <= 0.5x
  the loop. Both of these are slow, so each runs once whatever ``repeats`` says.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "notebooks" / "country_brief.ipynb"


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _check(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... failed: {done.stderr[-500:]}")


def one_brief_in_process(out: Path) -> float:
    from dsrlab.briefs import render_briefs

    def render():
        records = render_briefs(["BOL"], "en", out, "html", jobs=1, progress=False)
        if not records[0]["ok"]:
            raise RuntimeError(records[0]["error"])

    return _seconds(render)


def one_brief_cli(out: Path) -> float:
    return _seconds(lambda: _check([sys.executable, "-m", "dsrlab.cli", "brief", "BOL",
                                    "--out", str(out)]))


def papermill_loop(countries: list[str], out: Path) -> float:
    papermill = [sys.executable, "-m", "papermill"]
    out.mkdir(parents=True, exist_ok=True)

    def loop():
        for iso3 in countries:
            _check([*papermill, str(TEMPLATE), str(out / f"{iso3}.ipynb"), "-p", "country", iso3,
                    "-k", "python3", "--no-progress-bar", "--cwd", str(TEMPLATE.parent)])

    return _seconds(loop)


def brief_all(out: Path) -> float:
    # English only: the same 33 briefs as the loop (--all alone writes both languages)
    return _seconds(lambda: _check([sys.executable, "-m", "dsrlab.cli", "brief", "--all",
                                    "--lang", "en", "--out", str(out)]))


def run(floor_seconds: float, repeats: int) -> list[dict]:
    from dsrlab.blocks.countries import celac_countries

    root = Path(tempfile.mkdtemp(prefix="dsrlab-bench-briefs-"))
    one_brief_in_process(root / "warm")  # warm the OS file cache; not counted
    single = statistics.median(one_brief_in_process(root / f"one-{i}")
                               for i in range(max(repeats, 1)))
    cli = statistics.median(one_brief_cli(root / f"cli-{i}") for i in range(max(repeats, 1)))
    countries = list(celac_countries())
    loop = papermill_loop(countries, root / "papermill")
    every = brief_all(root / "all")
    cores = os.cpu_count() or 1
    return [
        {"name": "brief BOL (in-process, like the floor)", "median_s": single,
         "ratio_to_floor": single / floor_seconds, "goal": "<= 2.0x floor",
         "ok": single <= 2.0 * floor_seconds},
        {"name": "dsrlab brief BOL (CLI, with interpreter start)", "median_s": cli,
         "ratio_to_floor": cli / floor_seconds, "goal": "reference", "ok": True},
        {"name": f"papermill loop, {len(countries)} briefs (sequential)", "median_s": loop,
         "ratio_to_floor": loop / floor_seconds, "goal": "reference", "ok": True},
        {"name": f"dsrlab brief --all ({cores} cores) / papermill loop", "median_s": every,
         "ratio_to_floor": every / floor_seconds, "goal": f"<= 0.5x loop ({every / loop:.2f}x)",
         "ok": every <= 0.5 * loop},
    ]


if __name__ == "__main__":  # a quick look: python benchmarks/bench_briefs.py FLOOR_SECONDS
    for row in run(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0, 1):
        print(row)
