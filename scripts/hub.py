"""``make hub``: a local JupyterHub serving the course to a few demo students, on loopback.

Starts JupyterHub (from .venv) with ``deploy/local/jupyterhub_config.py`` and the
configurable-http-proxy of ``node_modules/``; its state goes to ``.hub/`` (ignored by git).
Says first, plainly, what the demo does not do. Stop it with Ctrl-C.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "local" / "jupyterhub_config.py"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = "ana,ben,carla,diego"

NOTICE = """\
DSR Lab demo hub: http://127.0.0.1:{port}/  (this computer only)

  Log in as one of the students {students} (any password), or as 'instructor'.
  The course opens at dsrlab-course/00_start_here.ipynb; 'Hand in my answers' under the
  progress bars (or dsrlab.submit()) drops a copy into the inbox {inbox}.
  The instructor collects the class with:
      .venv/bin/dsrlab collect --inbox {inbox} --out collected

What this demo does NOT do:
  - keep students apart: every student's server runs as YOUR system user (the simple
    spawner), so any student could read another's files and hand-in. On a real hub every
    student is a system user (The Littlest JupyterHub) or a pod; see deploy/ and the README.
  - check passwords: the dummy authenticator lets anyone in under any name it allows.
  - use HTTPS, limit memory or CPU, cull idle servers, or listen beyond 127.0.0.1.
  - pull the course with nbgitpuller: it copies notebooks/ into each new home once.
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="public port (default 8000)")
    parser.add_argument("--students", default=STUDENTS, help=f"comma-separated ({STUDENTS})")
    parser.add_argument("--state", default=str(REPO / ".hub"), help="state folder (.hub)")
    args = parser.parse_args(argv)
    if not PROXY.exists():
        print(f"hub: error: {PROXY.relative_to(REPO)} is missing; run 'make hub' (it installs "
              "configurable-http-proxy with npm)", file=sys.stderr)
        return 2
    state = Path(args.state).resolve()
    inbox = state / "inbox"
    state.mkdir(parents=True, exist_ok=True)
    inbox.mkdir(exist_ok=True)
    inbox.chmod(0o1733)  # a drop folder: write, no listing, entries kept by their owners
    env = {**os.environ, "DSRLAB_HUB_DIR": str(state), "DSRLAB_HUB_PORT": str(args.port),
           "DSRLAB_HUB_USERS": args.students, "DSRLAB_HUB_SPAWNER": "simple",
           "DSRLAB_HUB_PYTHON": sys.executable, "DSRLAB_INBOX": str(inbox)}
    print(NOTICE.format(port=args.port, students=", ".join(args.students.split(",")),
                        inbox=inbox), flush=True)
    hub = shutil.which("jupyterhub", path=str(Path(sys.executable).parent))
    os.chdir(state)
    os.execve(hub, [hub, "-f", str(CONFIG)], env)
    return 0  # pragma: no cover - execve does not return


if __name__ == "__main__":
    sys.exit(main())
