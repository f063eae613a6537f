"""Drive a real JupyterHub as a class would: start it, start students' servers through its
REST API, and run code in each student's kernel through the hub's proxy (Jupyter server's
REST API and kernel websocket). Used by tests/test_hub.py and benchmarks/bench_hub.py.

Nothing here fetches from the network: JupyterHub comes from .venv, the proxy from
node_modules/ (both installed by ``make install`` / ``make hub``), all on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "local" / "jupyterhub_config.py"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"

__all__ = ["Hub", "HubUnavailable", "free_port_block", "why_no_hub", "notebook_code"]


class HubUnavailable(RuntimeError):
    """The hub cannot start on this machine (the message says why, in one line)."""


def why_no_hub() -> str | None:
    """Why a hub cannot start here (None when it can)."""
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed in .venv (run make install)"
    if not PROXY.exists():
        return ("configurable-http-proxy is not in node_modules/ (make test installs it with "
                "npm; is npm installed?)")
    return None


def free_port_block(size: int = 3) -> int:
    """A port p with p..p+size-1 all free on 127.0.0.1 (hub, its API, the proxy's API)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + size > 65535:
            continue
        socks = []
        try:
            for port in range(base, base + size):
                s = socket.socket()
                s.bind(("127.0.0.1", port))
                socks.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise HubUnavailable("no block of free ports on 127.0.0.1")


def notebook_code(path: Path) -> list[str]:
    """The code cells of a notebook, in order (what a student runs, top to bottom)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


class Hub:
    """A JupyterHub process with ``deploy/local/jupyterhub_config.py``.

    ``spawner`` is ``simple`` (one system user) or ``local`` (students are system users).
    """

    def __init__(self, state: Path, users: list[str], *, spawner: str = "simple",
                 python: str | None = None, inbox: Path | None = None):
        self.state = Path(state)
        self.users = users
        self.spawner = spawner
        self.python = python or sys.executable
        self.inbox = inbox or self.state / "inbox"
        self.token = secrets.token_hex(32)
        self.port = free_port_block()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = self.state / "jupyterhub.log"

    # ------------------------------------------------------------------ process
    def start(self, timeout: float = 180) -> float:
        """Start the hub; return the seconds until its API answered.

        Ports are free when chosen but another program may take one before the hub binds
        it: then the hub is started again on other ports (three tries in all).
        """
        why = why_no_hub()
        if why:
            raise HubUnavailable(why)
        for attempt in range(3):
            try:
                return self._start(timeout)
            except HubUnavailable:
                log = self.log.read_text(errors="replace") if self.log.exists() else ""
                if attempt == 2 or not re.search(r"EADDRINUSE|address already in use", log,
                                                 flags=re.I):
                    raise
                self.port = free_port_block()
                self.url = f"http://127.0.0.1:{self.port}"
        raise AssertionError("unreachable")  # pragma: no cover

    def _start(self, timeout: float) -> float:
        self.state.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DSRLAB_HUB_DIR": str(self.state),
               "DSRLAB_HUB_PORT": str(self.port), "DSRLAB_HUB_USERS": ",".join(self.users),
               "DSRLAB_HUB_SPAWNER": self.spawner, "DSRLAB_HUB_PYTHON": str(self.python),
               "DSRLAB_INBOX": str(self.inbox), "DSRLAB_HUB_SERVICE_TOKEN": self.token}
        started = time.perf_counter()
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                         cwd=self.state, env=env,
                                         stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        while time.perf_counter() - started < timeout:
            if self.proc.poll() is not None:
                raise HubUnavailable(f"jupyterhub exited ({self.proc.returncode}): "
                                     f"{self.last_log_line()}")
            try:
                self.api("GET", "/hub/api/")
                return time.perf_counter() - started
            except OSError:
                time.sleep(0.3)
        raise HubUnavailable(f"jupyterhub did not answer in {timeout:.0f} s: "
                             f"{self.last_log_line()}")

    def last_log_line(self) -> str:
        """The hub log's last error line (else its last line), to say why it stopped."""
        try:
            lines = [ln for ln in self.log.read_text(errors="replace").splitlines() if ln.strip()]
        except OSError:
            return "(no log)"
        errors = [ln for ln in lines if re.search(r"\[E |\[C |error", ln, flags=re.I)]
        return (errors or lines or ["(empty log)"])[-1][:300]

    def stop(self) -> None:
        """Stop every student's server through the API, then the hub (and its proxy)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for user in self.users:
            with contextlib.suppress(OSError):
                self.api("DELETE", f"/hub/api/users/{user}/server")
        deadline = time.time() + 60
        while time.time() < deadline and any(self.server_state(u) for u in self.users):
            time.sleep(0.5)
        self.proc.send_signal(signal.SIGTERM)  # the hub stops its proxy on the way out
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    # ------------------------------------------------------------------ REST
    def api(self, method: str, path: str, body=None, timeout: float = 60):
        """One REST call with the driver's token; the decoded JSON (or None)."""
        import urllib.error
        import urllib.request

        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            if method == "DELETE" and exc.code in (204, 400, 404):
                return None
            raise OSError(f"{method} {path}: HTTP {exc.code} {exc.read()[:300]!r}") from None
        return json.loads(raw) if raw.strip() else None

    def server_state(self, user: str) -> dict | None:
        info = self.api("GET", f"/hub/api/users/{user}")
        return info.get("servers", {}).get("")

    def start_server(self, user: str, timeout: float = 300) -> float:
        """Start ``user``'s server through the REST API; return seconds until it is ready."""
        started = time.perf_counter()
        self.api("POST", f"/hub/api/users/{user}/server")
        while time.perf_counter() - started < timeout:
            server = self.server_state(user)
            if server and server.get("ready"):
                return time.perf_counter() - started
            if self.proc.poll() is not None:
                raise HubUnavailable(f"jupyterhub exited: {self.last_log_line()}")
            time.sleep(0.25)
        raise TimeoutError(f"{user}'s server was not ready after {timeout:.0f} s: "
                           f"{self.last_log_line()}")

    def kernel(self, user: str) -> Kernel:
        """A new kernel in ``user``'s server, reached through the proxy."""
        info = self.api("POST", f"/user/{user}/api/kernels", {"name": "python3"})
        return Kernel(self, user, info["id"])


class CellError(AssertionError):
    """A cell raised in the student's kernel."""


class _Closed(CellError):
    """The kernel websocket closed before the cell's reply."""


class Kernel:
    """One kernel of one student, driven over the Jupyter kernel websocket via the proxy."""

    def __init__(self, hub: Hub, user: str, kernel_id: str):
        self.hub, self.user, self.id = hub, user, kernel_id
        self.session = uuid.uuid4().hex
        self.ws = None
        #: why the websocket had to be opened again (empty when it never closed)
        self.reopened: list[str] = []

    async def connect(self):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = (self.hub.url.replace("http", "ws", 1)
               + f"/user/{self.user}/api/kernels/{self.id}/channels?session_id={self.session}")
        self.ws = await websocket_connect(HTTPRequest(
            url, headers={"Authorization": f"token {self.hub.token}"}, request_timeout=120),
            max_message_size=64 * 1024 * 1024)
        return self

    async def run(self, code: str, timeout: float = 600) -> str:
        """Execute ``code``; return its text output; raise CellError if it raised.

        If the websocket closes before the reply (seen once on a very busy machine), it is
        opened again and the cell sent once more: the course's cells display and record
        nothing, and a cell that records answers would then record them twice, which the
        tests' exact comparison of each store catches instead of hiding.
        """
        try:
            return await self._run(code, timeout)
        except _Closed as closed:
            self.reopened.append(str(closed))
            await self.connect()
            return await self._run(code, timeout)

    async def _run(self, code: str, timeout: float) -> str:
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        texts, error, replied, idle = [], None, False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.user}: cell did not finish in {timeout:.0f} s: "
                                   f"{code[:80]!r}")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise _Closed(f"{self.user}: the kernel websocket closed "
                              f"({await self._why_closed()}) in {code[:80]!r}")
            if isinstance(raw, bytes):
                continue  # binary frames carry widget buffers; not needed here
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                texts.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                texts.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                if content["status"] != "ok" and error is None:
                    error = f"{content.get('ename')}: {content.get('evalue')}"
        if error:
            raise CellError(f"{self.user}: {error} (in {code[:120]!r})")
        return "".join(texts)

    async def _why_closed(self) -> str:
        """Close code and reason, the kernel's state and the server's log (for the error)."""
        try:
            state = (await asyncio.to_thread(
                self.hub.api, "GET", f"/user/{self.user}/api/kernels/{self.id}"))
            state = state.get("execution_state")
        except OSError as exc:
            state = f"unknown: {exc}"
        return (f"close code {self.ws.close_code}, reason {self.ws.close_reason!r}, kernel "
                f"{state}; hub log: {self.hub.last_log_line()}")

    async def close(self):
        if self.ws is not None:
            self.ws.close()
        await asyncio.to_thread(self.hub.api, "DELETE",
                                f"/user/{self.user}/api/kernels/{self.id}")
