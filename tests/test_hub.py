"""A class on a real JupyterHub: four students at once, each one's answers private, the
instructor collects the class from the hand-in inbox.

The hub is the real one (JupyterHub from .venv, configurable-http-proxy from
node_modules/, ``deploy/local/jupyterhub_config.py``), on 127.0.0.1. Every student's
server is started through the hub's REST API; every cell runs in the student's kernel
through the hub's proxy (Jupyter server REST API and kernel websocket). Each student runs
00_start_here and 01_dsr_origins top to bottom (two in English, two in the Spanish
edition), answers three exercises in their own words and hands in.

As root (CI), the students and the instructor are throwaway system users and the hub
uses JupyterHub's LocalProcessSpawner, so that the operating system itself keeps students
apart; the users are removed afterwards. Otherwise the demo's simple spawner runs every
student as the current user, and the checks that need separate users cannot run.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import grp
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]


def _helper(name: str):
    """A helper module of tests/ (the suite runs with --import-mode=importlib, so tests/ is
    not a package on sys.path)."""
    import importlib.util
    import sys

    module_name = f"dsrlab_tests_{name.lstrip('_')}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            module_name, Path(__file__).resolve().parents[1] / "tests" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


_hub = _helper("_hub")
Hub, HubUnavailable, notebook_code, why_no_hub = (
    _hub.Hub, _hub.HubUnavailable, _hub.notebook_code, _hub.why_no_hub)
shared_python = _helper("_shared_python").shared_python
others_cannot_enter = _helper("_shared_python").others_cannot_enter

REPO = Path(__file__).resolve().parents[1]
ROOT = os.getuid() == 0
REQUIRED = os.environ.get("DSRLAB_REQUIRE_BROWSER") == "1" or bool(os.environ.get("CI"))
NAMES = ["Ana Quispe", "Ben Souza", "Carla Díaz", "Diego Núñez"]
NOTEBOOKS = ["00_start_here.ipynb", "01_dsr_origins.ipynb"]


def _reflection(name: str) -> str:
    return (f"{name} writes: the Digital Silk Road ties cables, clouds and cameras to loans, "
            "and a government that hedges keeps more room to choose its partners.")


def _expected(i: int, name: str) -> list:
    return [["00.4", 48 + i], ["01.2", "a"], ["01.7", _reflection(name)]]


def _plain(rows) -> list:
    """[exercise id, response] with a reflection's response reduced to its text."""
    return [[eid, r["text"] if isinstance(r, dict) else r] for eid, r in rows]


# --------------------------------------------------------------------------- system users
def _run(*cmd):
    subprocess.run(cmd, check=True, capture_output=True)


class Accounts:
    """Throwaway system users (root only): students, an instructor and their group."""

    def __init__(self):
        tag = secrets.token_hex(2)
        self.students = [f"dsrl{tag}s{i}" for i in range(len(NAMES))]
        self.instructor = f"dsrl{tag}t"
        self.made: list[str] = []

    def create(self):
        for user in [self.instructor, *self.students]:
            _run("useradd", "--create-home", "--shell", "/bin/bash", "--user-group", user)
            self.made.append(user)
        return self

    def uid(self, user):
        return pwd.getpwnam(user).pw_uid

    def remove(self):
        for user in self.made:
            uid = pwd.getpwnam(user).pw_uid
            # processes the test started as this user (their servers, if the hub left any)
            out = subprocess.run(["ps", "-o", "pid=", "-u", str(uid)], capture_output=True,
                                 text=True, check=False).stdout.split()
            for pid in out:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), 9)
            subprocess.run(["userdel", "--remove", user], capture_output=True, check=False)
            try:
                grp.getgrnam(user)
                subprocess.run(["groupdel", user], capture_output=True, check=False)
            except KeyError:
                pass


# --------------------------------------------------------------------------- the class
async def _student(hub: Hub, i: int, user: str, name: str) -> dict:
    seconds = await asyncio.to_thread(hub.start_server, user)
    kernel = await (await asyncio.to_thread(hub.kernel, user)).connect()
    try:
        await kernel.run(f"import dsrlab\ndsrlab.set_student({name!r})")
        folder = REPO / "notebooks" / ("es" if i % 2 else "")
        progress_shown = ""
        for book in NOTEBOOKS:
            for code in notebook_code(folder / book):
                shown = await kernel.run(code)
                if "dsrlab.progress()" in code:
                    progress_shown = shown  # the bars, and the Hand in button under them
        value, reflection = 48 + i, _reflection(name)
        await kernel.run(f"dsrlab.check('00.4', {value})\ndsrlab.check('01.2', 'a')\n"
                         f"dsrlab.check('01.7', {reflection!r})")
        if i % 2:  # the Spanish-edition students press the button, the others call submit()
            said = await kernel.run("_button = dsrlab.hand_in_button()\n_button.button.click()\n"
                                    "print(_button.feedback_text)")
            entry = str(hub.inbox / f"{user}.json")
        else:
            said = entry = (await kernel.run("print(dsrlab.submit())")).strip()
        report = json.loads(await kernel.run(
            "import json, os\nfrom dsrlab.exercises import store\n"
            "print(json.dumps({'db': str(store.database_path()), 'home': os.path.expanduser('~'),"
            " 'answers': [[r['exercise_id'], r['response']] for r in store.history()]}))"))
    except BaseException:
        await kernel.close()
        raise
    return {"user": user, "name": name, "seconds": seconds, "entry": entry, "kernel": kernel,
            "progress_shown": progress_shown, "said": said.strip(), **report}


_PROBE = """
import os
from dsrlab.base.errors import DsrlabError
def probe(what, fn):
    try:
        fn()
        return 'read'
    except PermissionError:
        return 'denied'
result = {{'store': probe('store', lambda: open({db!r}, 'rb').read(1)),
          'entry': probe('entry', lambda: open({entry!r}, 'rb').read(1)),
          'inbox': probe('inbox', lambda: os.listdir({inbox!r}))}}
try:
    dsrlab.submit(account={account!r})
    result['overwrite'] = 'replaced'
except DsrlabError as exc:
    result['overwrite'] = str(exc)
print(__import__('json').dumps(result))
"""


async def _class(hub: Hub, users: list[str]) -> tuple[list[dict], list[dict]]:
    students = await asyncio.gather(*(_student(hub, i, user, name)
                                      for i, (user, name) in enumerate(zip(users, NAMES,
                                                                           strict=True))))
    probes = []
    try:
        # only where the system keeps students apart: with one shared system user (the
        # simple spawner) a student could indeed replace a classmate's entry
        for me, other in zip(students, students[1:] + students[:1], strict=True) if ROOT else ():
            probes.append(json.loads(await me["kernel"].run(_PROBE.format(
                db=other["db"], entry=other["entry"], inbox=str(hub.inbox),
                account=other["user"]))))
        if ROOT:  # an entry under a name that is not the writer's: collect must skip it
            await students[0]["kernel"].run("dsrlab.submit(account='ghost')")
    finally:
        for student in students:
            await student["kernel"].close()
    return students, probes


@pytest.fixture(scope="module")
def classroom():
    why = why_no_hub()
    if why:
        if REQUIRED:
            pytest.fail(f"the JupyterHub test must run here but cannot: {why}")
        pytest.skip(f"no JupyterHub here: {why}")
    opened: dict[Path, int] = {}
    if ROOT:  # students, as system users, read the checkout and its .venv's packages
        import sysconfig

        # A checkout under a private folder (a clone in /root, say): let other users pass
        # through (o+x, never list) while the test runs, and put every mode back afterwards.
        wanted = (REPO, Path(sysconfig.get_paths()["purelib"]))
        while (closed := others_cannot_enter(*wanted)) is not None:
            if closed in opened:
                pytest.fail(f"other system users cannot enter {closed}, even with o+x")
            opened[closed] = closed.stat().st_mode & 0o7777
            closed.chmod(opened[closed] | 0o001)
    try:
        yield from _classroom()
    finally:
        for folder, mode in opened.items():
            folder.chmod(mode)


def _classroom():
    base = Path(tempfile.mkdtemp(prefix="dsrlab-hub-"))
    accounts = Accounts() if ROOT else None
    hub = None
    try:
        base.chmod(0o755)  # students reach the inbox and the shared Python through it
        state, public = base / "state", base / "public"
        state.mkdir(mode=0o700)
        public.mkdir(mode=0o755)
        inbox = public / "inbox"
        inbox.mkdir()
        if ROOT:
            accounts.create()
            python, users = shared_python(public), accounts.students
            teacher = pwd.getpwnam(accounts.instructor)
            os.chown(inbox, teacher.pw_uid, teacher.pw_gid)
            inbox.chmod(0o3733)  # as the README tells an instructor to make it
        else:
            python, users = Path(sys.executable), ["ana", "ben", "carla", "diego"]
            inbox.chmod(0o1733)
        hub = Hub(state, users, spawner="local" if ROOT else "simple", python=str(python),
                  inbox=inbox)
        try:
            hub.start()
        except HubUnavailable as exc:
            if REQUIRED:
                raise
            pytest.skip(f"the hub cannot start here: {exc}")
        students, probes = asyncio.run(_class(hub, users))
        out = public / "collected"
        as_teacher = {}
        if ROOT:
            out.mkdir()
            os.chown(out, teacher.pw_uid, teacher.pw_gid)
            as_teacher = {"user": teacher.pw_uid, "group": teacher.pw_gid, "extra_groups": []}
        env = {**os.environ, "HOME": str(public), "DSRLAB_LANG": "en"}
        collected = subprocess.run([str(python), "-m", "dsrlab.cli", "collect", "--inbox",
                                    str(inbox), "--out", str(out)], capture_output=True,
                                   text=True, env=env, cwd=public, check=False, **as_teacher)
        with (out / "answers.csv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        yield {"students": students, "probes": probes, "collect": collected, "rows": rows,
               "inbox": inbox, "hub": hub}
    finally:
        if hub is not None:
            hub.stop()
        if accounts is not None:
            accounts.remove()
        shutil.rmtree(base, ignore_errors=True)


def test_each_students_store_holds_exactly_their_answers(classroom):
    for i, student in enumerate(classroom["students"]):
        assert _plain(student["answers"]) == _expected(i, student["name"]), student["name"]
        assert Path(student["db"]).is_relative_to(student["home"])
    assert len({s["db"] for s in classroom["students"]}) == len(NAMES)


def test_each_student_handed_in_one_entry_under_their_account(classroom):
    for i, student in enumerate(classroom["students"]):
        entry = Path(student["entry"])
        assert entry == classroom["inbox"] / f"{student['user']}.json"
        doc = json.loads(entry.read_text(encoding="utf-8"))
        assert doc["student"] == student["name"] and doc["account"] == student["user"]
        assert _plain([a["exercise_id"], a["response"]] for a in doc["attempts"]) == \
            _expected(i, student["name"])
        assert entry.stat().st_mode & 0o777 == 0o640


def test_the_hand_in_button_shows_under_the_progress_bars_and_hands_in(classroom):
    for i, student in enumerate(classroom["students"]):
        label = "Entregar mis respuestas" if i % 2 else "Hand in my answers"
        assert label in student["progress_shown"], student["progress_shown"][:300]
        if i % 2:
            assert student["said"].startswith(
                f"✔ Entregado: 3 intentos guardados de {student['name']}")


def test_collect_sees_every_student_once(classroom):
    done = classroom["collect"]
    assert done.returncode == 0, done.stderr
    assert f"merged {len(NAMES)} file(s)" in done.stdout
    rows = classroom["rows"]
    files = {}
    for row in rows:
        files.setdefault(row["student"], set()).add(row["file"])
    assert sorted(files) == sorted(NAMES)
    assert all(len(f) == 1 for f in files.values()), files
    assert {row["duplicate"] for row in rows} == {"False"}
    reflections = {row["student"]: row["answer_text"] for row in rows
                   if row["exercise_id"] == "01.7"}
    assert reflections == {name: _reflection(name) for name in NAMES}


def test_students_cannot_read_or_replace_each_others_answers(classroom):
    if not ROOT:
        if REQUIRED:
            pytest.fail("the separation check needs root (system users); run CI as root")
        pytest.skip("students are separate system users only as root (LocalProcessSpawner)")
    for probe in classroom["probes"]:
        assert probe["store"] == "denied" and probe["entry"] == "denied"
        assert probe["inbox"] == "denied"
        # in the student's language: two of them work in the Spanish edition
        assert probe["overwrite"].startswith(("The inbox already holds an entry",
                                              "La bandeja ya tiene una entrega"))
    # the entry written under a name that is not its writer's is reported and left out
    err = classroom["collect"].stderr
    assert "ghost.json" in err and "not by the account 'ghost'" in err


def test_a_student_logs_in_through_the_login_form_and_opens_the_course(classroom):
    """What a student does in a browser: the login form, then the course in JupyterLab."""
    import http.cookiejar
    import re
    import urllib.error
    import urllib.parse
    import urllib.request

    hub, user = classroom["hub"], classroom["students"][0]["user"]
    jar = http.cookiejar.CookieJar()
    hops = []

    class Redirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            hops.append(f"{code} {newurl}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Redirects)
    with browser.open(f"{hub.url}/hub/login", timeout=60) as page:
        form = page.read().decode()
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode({"username": user, "password": "any", "_xsrf": xsrf})
    try:
        with browser.open(f"{hub.url}/hub/login", body.encode(), timeout=120) as page:
            landed, html = page.url, page.read().decode()
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{exc} after {hops}: {exc.read()[:1500]!r}") from None
    # the hub sends the student to their own running server, at the course's first notebook
    assert urllib.parse.urlsplit(landed).path == \
        f"/user/{user}/lab/tree/dsrlab-course/00_start_here.ipynb", landed
    assert "JupyterLab" in html
    with browser.open(f"{hub.url}/user/{user}/api/contents/dsrlab-course/es/"
                      "00_start_here.ipynb?content=0", timeout=60) as page:
        assert json.load(page)["type"] == "notebook"  # the Spanish edition is there too
