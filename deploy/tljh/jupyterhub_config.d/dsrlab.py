"""DSR Lab on The Littlest JupyterHub: /opt/tljh/config/jupyterhub_config.d/dsrlab.py.

TLJH loads every file of that folder after its own configuration. Each student is a
system user (``jupyter-<name>``), so the operating system keeps their answers apart; the
hand-in inbox is a drop folder only the instructors' group reads (setup.sh makes it).
"""

# `c` is given by JupyterHub when it loads this file.
# ruff: noqa: F821

c.Spawner.environment.update({
    # each student's answers stay in their own home, in a folder only they can read
    "DSRLAB_ANSWERS_DIR": "~/.local/share/dsrlab",
    # the drop folder of setup.sh: students write their entry, only instructors read
    "DSRLAB_INBOX": "/srv/dsrlab/inbox",
})
# open the course's first notebook (nbgitpuller puts the repository in ~/dsrlab)
c.Spawner.default_url = "/lab/tree/dsrlab/notebooks/00_start_here.ipynb"
