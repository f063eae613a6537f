#!/usr/bin/env bash
# Set up DSR Lab on a server where The Littlest JupyterHub is installed. Run as root from
# a checkout of the repository:  sudo bash deploy/tljh/setup.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

# 1. The course's packages at the exact versions of the lock, in TLJH's user environment,
#    plus nbgitpuller (students' links pull the notebooks into their home).
/opt/tljh/user/bin/pip install -r requirements.lock nbgitpuller
/opt/tljh/user/bin/pip install --no-deps .

# 2. The hand-in inbox: students (others) may drop entries but not list or read them;
#    members of the instructors group read them (setgid: every entry gets that group).
getent group dsrlab-instructors >/dev/null || groupadd dsrlab-instructors
id jupyter-instructor >/dev/null 2>&1 && usermod -aG dsrlab-instructors jupyter-instructor
install -d -m 0755 /srv/dsrlab
install -d -m 3733 -o root -g dsrlab-instructors /srv/dsrlab/inbox

# 3. The hub's settings.
install -m 0644 deploy/tljh/config.yaml /opt/tljh/config/config.yaml
install -d /opt/tljh/config/jupyterhub_config.d
install -m 0644 deploy/tljh/jupyterhub_config.d/dsrlab.py /opt/tljh/config/jupyterhub_config.d/
tljh-config reload hub
echo "DSR Lab is set up. Instructor, to collect the class:"
echo "  dsrlab collect --inbox /srv/dsrlab/inbox --out ~/collected"
