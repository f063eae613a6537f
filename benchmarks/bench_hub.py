"""Capacity of a hub: one student's kernel memory per notebook, students per 8 GiB, and the
time the hub takes to start a student's server.

``run(floor_seconds, repeats)`` is called by ``benchmarks/run.py`` (``make bench``).

* **Kernel RSS**: each course notebook runs top to bottom in a fresh kernel (as a student
  opens it); its last cell reads the kernel's own resident memory (``VmRSS``). An empty
  kernel that imported pandas, matplotlib and ipywidgets is the reference.
* **Students per 8 GiB**: 8 GiB over (one student's server + the kernel of the heaviest
  notebook), both measured: what a class needs with one notebook open per student.
* **Server start**: a real JupyterHub (``deploy/local/jupyterhub_config.py``, the simple
  spawner, loopback) starts each of ``repeats`` students' servers through its REST API;
  the median seconds until the server is ready.

The rows carry ``value`` and ``unit`` (MiB, students, s) besides ``median_s``.
"""

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GIB8_MIB = 8 * 1024
#: a lean course kernel: the floor (pandas, matplotlib, widgets) plus the course's data
KERNEL_GOAL_MIB = 400
STUDENTS_GOAL = 16
START_GOAL_S = 30.0

_RSS_CELL = ("print(next(line for line in open('/proc/self/status') "
             "if line.startswith('VmRSS')).split()[1])")


def _rss_mib(nb, cwd: Path) -> float:
    """Run ``nb`` in a fresh kernel; the kernel's RSS (MiB) after its last cell."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.from_dict(nb)
    nb.cells.append(nbformat.v4.new_code_cell(_RSS_CELL))
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    return int(text.split()[-1]) / 1024


def _row(name: str, value: float, unit: str, goal: str, ok: bool) -> dict:
    return {"name": name, "median_s": value if unit == "s" else 0.0, "ratio_to_floor": None,
            "goal": goal, "ok": ok, "value": value, "unit": unit}


def kernel_rows(repeats: int) -> tuple[list[dict], float]:
    import nbformat

    from dsrlab.base.course import notebook_paths

    sys.path.insert(0, str(HERE))
    from run import floor_notebook

    notebooks = REPO / "notebooks"
    floor = statistics.median(_rss_mib(floor_notebook(), notebooks)
                              for _ in range(max(1, min(repeats, 2))))
    rows = [_row("kernel RSS: empty (pandas+matplotlib+widgets)", floor, "MiB", "reference",
                 True)]
    heaviest = floor
    for path in notebook_paths().values():
        nb = nbformat.read(path, as_version=4)
        rss = _rss_mib(nb, notebooks)
        heaviest = max(heaviest, rss)
        rows.append(_row(f"kernel RSS after {path.stem}", rss, "MiB",
                         f"<= {KERNEL_GOAL_MIB} MiB", rss <= KERNEL_GOAL_MIB))
    return rows, heaviest


def hub_rows(repeats: int, kernel_mib: float) -> list[dict]:
    sys.path.insert(0, str(REPO))
    from tests._hub import Hub, why_no_hub

    why = why_no_hub()
    if why:
        return [_row(f"hub: not measured ({why})", 0.0, "s", "needs make hub's tools", False)]
    users = [f"bench{i}" for i in range(max(repeats, 2))]
    state = Path(tempfile.mkdtemp(prefix="dsrlab-bench-hub-"))
    try:
        (state / "inbox").mkdir()
        hub = Hub(state, users)
        with hub:
            hub_start = hub.start()
            starts, servers = [], []
            for user in users:
                starts.append(hub.start_server(user))
                servers.append(_server_rss_mib(hub, user))
    finally:
        shutil.rmtree(state, ignore_errors=True)
    server = statistics.median(servers)
    per_student = server + kernel_mib
    students = int(GIB8_MIB // per_student)
    start = statistics.median(starts)
    return [
        _row("hub: start of the hub itself", hub_start, "s", "reference", True),
        _row("hub: start of a student's server (median)", start, "s",
             f"<= {START_GOAL_S:.0f} s", start <= START_GOAL_S),
        _row("student's server RSS (jupyter-server)", server, "MiB", "reference", True),
        _row(f"students per 8 GiB (server {server:.0f} + kernel {kernel_mib:.0f} MiB)",
             students, "students", f">= {STUDENTS_GOAL}", students >= STUDENTS_GOAL),
    ]


def _server_rss_mib(hub, user: str) -> float:
    """The RSS of ``user``'s single-user server process (its pid from the hub's state)."""
    info = hub.api("GET", f"/hub/api/users/{user}")
    pid = info["servers"][""]["state"]["pid"]
    with Path(f"/proc/{pid}/status").open(encoding="ascii") as fh:
        kib = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS"))
    return kib / 1024


def run(floor_seconds: float, repeats: int) -> list[dict]:
    rows, heaviest = kernel_rows(repeats)
    return rows + hub_rows(repeats, heaviest)
