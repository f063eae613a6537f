"""JupyterHub configuration of the local demo hub (``make hub``) and the multi-user test.

Loopback only, the dummy authenticator, the course copied into each student's home at
their first start (what nbgitpuller does on a real hub), and the hand-in inbox set for
every server. Everything varies through environment variables, set by
``scripts/hub.py`` (``make hub``) or by ``tests/test_hub.py``:

``DSRLAB_HUB_DIR``            folder for the hub's state (database, cookie secret, homes)
``DSRLAB_HUB_PORT``           public port on 127.0.0.1 (the hub's API uses +1, the proxy's +2)
``DSRLAB_HUB_USERS``          comma-separated student names (the instructor is ``instructor``)
``DSRLAB_HUB_SPAWNER``        ``simple`` (one system user for all: the demo) or ``local``
                              (every student a system user of that name: needs root)
``DSRLAB_HUB_PYTHON``         the Python that runs students' servers and kernels
``DSRLAB_INBOX``              the hand-in inbox, passed on to every student's server
``DSRLAB_HUB_SERVICE_TOKEN``  (tests, benchmarks) a token allowed to start servers and use them
"""

# `c` is given by JupyterHub when it loads this file.
# ruff: noqa: F821

import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STATE = Path(os.environ["DSRLAB_HUB_DIR"]).resolve()
PORT = int(os.environ.get("DSRLAB_HUB_PORT", "8000"))
USERS = [u.strip() for u in os.environ.get("DSRLAB_HUB_USERS", "ana,ben,carla,diego").split(",")
         if u.strip()]
SPAWNER = os.environ.get("DSRLAB_HUB_SPAWNER", "simple")
PYTHON = os.environ.get("DSRLAB_HUB_PYTHON", sys.executable)
INBOX = os.environ.get("DSRLAB_INBOX", str(STATE / "inbox"))
COURSE = "dsrlab-course"

# ---------------------------------------------------------------- where, on loopback only
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [str(REPO / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.Spawner.ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True

# ---------------------------------------------------------------- who
c.JupyterHub.authenticator_class = "dummy"  # any password: a demo, never a real class
c.Authenticator.allowed_users = {*USERS, "instructor"}
c.Authenticator.admin_users = {"instructor"}

# ---------------------------------------------------------------- students' servers
if SPAWNER == "simple":
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
    if os.getuid() == 0:  # the one shared system user is root here: Jupyter must be told
        c.Spawner.args = ["--allow-root"]
else:
    c.JupyterHub.spawner_class = "localprocess"  # students are system users of these names
c.Spawner.cmd = [PYTHON, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = f"/lab/tree/{COURSE}/00_start_here.ipynb"
c.Spawner.environment = {
    "PATH": f"{Path(PYTHON).parent}:/usr/local/bin:/usr/bin:/bin",
    "DSRLAB_INBOX": INBOX,
    # answers stay in each student's home (~/.local/share/dsrlab, created 0700)
}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# Each student's kernel is the course's: pandas, matplotlib, widgets; and one is enough.
c.Spawner.mem_limit = None


def copy_course(spawner):
    """The course's notebooks into ~/dsrlab-course at the first start (nbgitpuller's job on a
    real hub); a student's own edits are never overwritten."""
    import pwd

    if SPAWNER == "simple":
        home, uid, gid = Path(spawner.home_dir), None, None
    else:
        entry = pwd.getpwnam(spawner.user.name)
        home, uid, gid = Path(entry.pw_dir), entry.pw_uid, entry.pw_gid
    target = home / COURSE
    if target.exists():
        return
    home.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "notebooks", target,
                    ignore=shutil.ignore_patterns("exercises", "*.yml", ".ipynb_checkpoints"))
    if uid is not None:
        for path in [target, *target.rglob("*")]:
            os.chown(path, uid, gid)


c.Spawner.pre_spawn_hook = copy_course

# ---------------------------------------------------------------- a driver for tests
TOKEN = os.environ.get("DSRLAB_HUB_SERVICE_TOKEN")
if TOKEN:
    c.JupyterHub.services = [{"name": "dsrlab-driver", "api_token": TOKEN}]
    c.JupyterHub.load_roles = [{
        "name": "dsrlab-driver", "services": ["dsrlab-driver"],
        "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers",
                   "list:users"],
    }]
