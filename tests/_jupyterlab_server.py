"""Start and stop a private JupyterLab server for the browser test.

The server runs on 127.0.0.1 with a random free port and a random token, from a
temporary HOME with its own Jupyter, IPython, matplotlib and answers folders, so
a test run never touches the user's settings or the repository. The caller owns
the returned :class:`LabServer` and must call :meth:`LabServer.stop` (the test
fixture does so in a ``finally`` block).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["LabServer", "free_port", "start_lab"]

# JupyterLab user settings written into the private settings folder: no news / update
# checks (there is no network) and no toasts over the page. The notebook keeps its
# default windowing ("contentVisibility": every cell is in the DOM, off-screen ones are
# not painted), which is what students get.
_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab server started by :func:`start_lab`."""

    process: subprocess.Popen
    port: int
    token: str
    root_dir: Path
    home: Path
    log_path: Path
    env: dict[str, str] = field(repr=False)
    _threads: list[threading.Thread] = field(default_factory=list, repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "lab") -> str:
        """Absolute URL of ``path`` on the server (no token)."""
        return f"{self.base_url}/{path.lstrip('/')}"

    def api(self, path: str, method: str = "GET", body: object | None = None) -> object:
        """Call the server's REST API with the token and return the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url(path),
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            payload = response.read()
        return json.loads(payload) if payload else None

    def prestart_kernels(self, paths: list[str], kernel: str = "python3") -> threading.Thread:
        """Start a session (fresh kernel) for each notebook in the background.

        JupyterLab attaches to an existing session when it opens that notebook, so the
        kernel start-up overlaps with whatever the test does meanwhile. Failures are
        ignored: the page then starts the kernel itself.
        """

        def run() -> None:
            for path in paths:
                if self.process.poll() is not None:
                    return
                body = {"path": path, "name": path, "type": "notebook",
                        "kernel": {"name": kernel}}
                with contextlib.suppress(OSError, ValueError):
                    self.api("api/sessions", method="POST", body=body)

        thread = threading.Thread(target=run, name="prestart-kernels", daemon=True)
        thread.start()
        self._threads.append(thread)
        return thread

    def log_tail(self, chars: int = 4000) -> str:
        """The end of the server's log (stdout and stderr)."""
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError as exc:
            return f"<no server log: {exc}>"

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (and its kernels): SIGTERM, then SIGKILL to its own process group."""
        proc = self.process
        for thread in self._threads:
            thread.join(timeout=timeout)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        # Kernels are children of the server, in the group we created for it; make
        # sure none outlives the server (the group id is our own Popen's pid).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


def _private_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    dirs = {
        "HOME": home,
        "JUPYTER_CONFIG_DIR": home / ".jupyter",
        "JUPYTER_DATA_DIR": home / ".local" / "share" / "jupyter",
        "JUPYTER_RUNTIME_DIR": home / ".local" / "share" / "jupyter" / "runtime",
        "IPYTHONDIR": home / ".ipython",
        "MPLCONFIGDIR": home / ".config" / "matplotlib",
        "DSRLAB_ANSWERS_DIR": home / "answers",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_DATA_HOME": home / ".local" / "share",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.pop("MPLBACKEND", None)  # the kernel must pick the inline backend
    env.pop("JUPYTER_TOKEN", None)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env["DSRLAB_LANG"] = "en"
    return env


def _write_lab_settings(settings_dir: Path) -> None:
    for rel, content in _LAB_SETTINGS.items():
        target = settings_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content), encoding="utf-8")


def start_lab(root_dir: Path, home: Path, timeout: float = 90.0) -> LabServer:
    """Start JupyterLab serving ``root_dir`` and wait until ``/api/status`` answers.

    Raises ``RuntimeError`` with the server log when it does not come up; the
    process is stopped before raising.
    """
    home.mkdir(parents=True, exist_ok=True)
    env = _private_env(home)
    settings_dir = home / "lab-user-settings"
    _write_lab_settings(settings_dir)
    log_path = home / "jupyterlab.log"
    token = secrets.token_hex(24)
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={home / 'lab-workspaces'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = Path(log_path).open("wb")  # noqa: SIM115 - handed to the child, closed below
    try:
        process = subprocess.Popen(
            cmd,
            cwd=root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        log.close()
    server = LabServer(process, port, token, root_dir, home, log_path, env)
    deadline = time.monotonic() + timeout
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with code {process.returncode} before answering; "
                    f"log:\n{server.log_tail()}"
                )
            try:
                server.api("api/status")
                return server
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"JupyterLab did not answer /api/status within {timeout:.0f} s; "
                    f"log:\n{server.log_tail()}"
                )
            time.sleep(0.2)
    except BaseException:
        server.stop()
        raise
