"""How many worker processes this machine can really run (``--jobs``).

``os.cpu_count()`` counts every core of the host, not the ones this process may use:
the CPU affinity mask, a container's CPU quota (cgroups) and the memory left all cap
the number of notebook kernels worth starting.
"""

import math
import os
from pathlib import Path

from .errors import UsageError

__all__ = ["usable_cpus", "available_memory", "usable_workers"]

#: memory one worker with its kernel needs (measured: about 170 MB; kept generous)
WORKER_BYTES = 400 * 2**20


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except (OSError, UnicodeDecodeError):
        return ""


def usable_cpus() -> int:
    """CPUs this process may use: affinity mask and cgroup quota, at least 1.

    Examples
    --------
    >>> 1 <= usable_cpus() <= (os.cpu_count() or 1)
    True
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    quota = None
    v2 = _read("/sys/fs/cgroup/cpu.max").split()
    if len(v2) == 2 and v2[0] != "max":
        quota = int(v2[0]) / int(v2[1])
    else:
        q, p = _read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), \
            _read("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
        if q.lstrip("-").isdigit() and p.isdigit() and int(q) > 0 and int(p) > 0:
            quota = int(q) / int(p)
    if quota:
        cpus = min(cpus, max(1, math.ceil(quota)))
    return max(1, cpus)


def available_memory() -> int | None:
    """Bytes of memory still available (host and cgroup limit), None if unknown."""
    found = []
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemAvailable:"):
            found.append(int(line.split()[1]) * 1024)
    limit, used = _read("/sys/fs/cgroup/memory.max"), _read("/sys/fs/cgroup/memory.current")
    if limit.isdigit() and used.isdigit():
        found.append(max(0, int(limit) - int(used)))
    return min(found) if found else None


def usable_workers(jobs, tasks: int, option: str = "--jobs") -> int:
    """Workers to start for ``tasks`` tasks: ``jobs`` (or the usable CPUs when None),
    never more than the usable CPUs, the memory for one kernel each, or the tasks.

    Examples
    --------
    >>> usable_workers(1, 33), usable_workers(1000, 1)
    (1, 1)
    >>> usable_workers(0, 5)
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: --jobs must be a whole number >= 1, not 0
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise UsageError(f"{option} must be a whole number >= 1, not {str(jobs)[:20]}")
    cap = usable_cpus()
    memory = available_memory()
    if memory is not None:
        cap = min(cap, max(1, memory // WORKER_BYTES))
    return max(1, min(jobs or cap, cap, max(tasks, 1)))
