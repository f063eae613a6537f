"""The deploy/ examples: YAML that parses, keys the tools know, paths and commands that exist.

Offline: the configurations are read and executed against traitlets' own Config object
(what JupyterHub gives them as ``c``), never sent anywhere.
"""

import re
import shlex
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from traitlets.config import Config

from dsrlab.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
INBOX = "/srv/dsrlab/inbox"

#: The Littlest JupyterHub's config.yaml keys (tljh/configurer.py defaults, plus services)
TLJH_KEYS = {
    "auth": None, "users": {"allowed": None, "banned": None, "admin": None},
    "limits": {"memory": None, "cpu": None}, "http": {"port": None},
    "https": {"enabled": None, "port": None, "tls": {"cert": None, "key": None},
              "letsencrypt": {"email": None, "domains": None}},
    "user_environment": {"default_app": None},
    "services": {"cull": {"enabled": None, "timeout": None, "every": None,
                          "concurrency": None, "users": None, "max_age": None}},
}
#: The Zero to JupyterHub chart's keys this example may use
Z2JH_KEYS = {
    "singleuser": {"image": {"name": None, "tag": None, "pullPolicy": None},
                   "defaultUrl": None, "memory": {"guarantee": None, "limit": None},
                   "cpu": {"guarantee": None, "limit": None}, "extraEnv": None,
                   "storage": {"extraVolumes": None, "extraVolumeMounts": None,
                               "capacity": None, "type": None},
                   "profileList": None, "lifecycleHooks": None, "initContainers": None},
    "hub": {"config": None, "extraConfig": None, "db": None},
    "proxy": {"https": None, "service": None},
    "cull": {"enabled": None, "timeout": None, "every": None},
    "prePuller": None, "scheduling": None,
}


def _unknown_keys(data: dict, known: dict, where: str = "") -> list[str]:
    bad = []
    for key, value in data.items():
        path = f"{where}.{key}" if where else key
        if key not in known:
            bad.append(path)
        elif known[key] is not None and isinstance(value, dict):
            bad += _unknown_keys(value, known[key], path)
    return bad


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _run_config(path: Path, env: dict | None = None, monkeypatch=None) -> Config:
    c = Config()
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, {"c": c, "__file__": str(path), "__name__": "jupyterhub_config"})
    return c


def _course_path(url_path: str) -> Path:
    """'/lab/tree/dsrlab/notebooks/x.ipynb' (a checkout named dsrlab) -> the repo's file."""
    tail = url_path.split("/lab/tree/", 1)[1]
    assert tail.startswith("dsrlab/"), url_path
    return REPO / tail.removeprefix("dsrlab/")


def test_tljh_config_uses_known_keys_and_sane_values():
    data = _load(DEPLOY / "tljh" / "config.yaml")
    assert _unknown_keys(data, TLJH_KEYS) == []
    assert data["user_environment"]["default_app"] in ("classic", "jupyterlab", "nteract")
    assert re.fullmatch(r"\d+(\.\d+)?[KMGT]", data["limits"]["memory"])
    assert data["users"]["admin"] == ["instructor"]


def test_tljh_extra_config_sets_the_course_environment():
    c = _run_config(DEPLOY / "tljh" / "jupyterhub_config.d" / "dsrlab.py")
    env = c.Spawner.environment.get_value({})  # .update() on the hub's own environment
    assert env["DSRLAB_INBOX"] == INBOX
    assert env["DSRLAB_ANSWERS_DIR"].startswith("~/")
    assert _course_path(c.Spawner.default_url).is_file()


def test_tljh_setup_script_parses_and_names_files_that_exist():
    script = DEPLOY / "tljh" / "setup.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text(encoding="utf-8")
    for name in re.findall(r"(?:-r |install -m 0644 )(\S+)", text):
        assert (REPO / name).exists(), name
    assert f"install -d -m 3733 -o root -g dsrlab-instructors {INBOX}" in text
    assert f"dsrlab collect --inbox {INBOX}" in text


def test_z2jh_values_use_known_keys_and_mount_each_student_their_own_inbox():
    data = _load(DEPLOY / "z2jh" / "values.yaml")
    assert _unknown_keys(data, Z2JH_KEYS) == []
    single = data["singleuser"]
    assert single["extraEnv"]["DSRLAB_INBOX"] == INBOX
    assert single["extraEnv"]["DSRLAB_ANSWERS_DIR"].startswith("/home/jovyan/")
    [mount] = single["storage"]["extraVolumeMounts"]
    assert mount == {"name": "dsrlab-inbox", "mountPath": INBOX, "subPath": "{username}"}
    assert [v["name"] for v in single["storage"]["extraVolumes"]] == ["dsrlab-inbox"]
    assert _course_path(single["defaultUrl"]).is_file()
    for name, code in data["hub"]["extraConfig"].items():
        compile(code, name, "exec")  # the snippet is valid Python
        c = Config()
        exec(code, {"c": c})
        assert callable(c.KubeSpawner.pre_spawn_hook)


def test_local_demo_config_binds_to_loopback_only(tmp_path, monkeypatch):
    c = _run_config(DEPLOY / "local" / "jupyterhub_config.py",
                    {"DSRLAB_HUB_DIR": str(tmp_path), "DSRLAB_HUB_PORT": "18123"}, monkeypatch)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:18123"
    assert c.JupyterHub.hub_bind_url == "http://127.0.0.1:18124"
    assert c.Spawner.ip == "127.0.0.1"
    assert c.JupyterHub.authenticator_class == "dummy"
    assert c.Spawner.environment["DSRLAB_INBOX"] == str(tmp_path / "inbox")
    assert Path(c.ConfigurableHTTPProxy.command[0]).name == "configurable-http-proxy"
    assert "services" not in c.JupyterHub  # the test driver's service only with its token


def test_readme_gives_a_working_nbgitpuller_link_and_collect_command():
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    [link] = re.findall(r"https://HUB/hub/user-redirect/git-pull\?\S+", text)
    query = parse_qs(urlsplit(link).query)
    assert set(query) == {"repo", "branch", "urlpath"}
    assert query["repo"][0].startswith("https://github.com/")
    assert _course_path("/" + query["urlpath"][0]).is_file()
    for where in ("README.md", "tljh/setup.sh", "z2jh/values.yaml"):
        body = (DEPLOY / where).read_text(encoding="utf-8")
        for command in re.findall(r"dsrlab collect [^\n\"`]+", body):
            args = shlex.split(command)[1:]
            parsed = build_parser().parse_args(args)  # exits 2 on an unknown option
            assert parsed.command == "collect"
            assert parsed.inbox == INBOX or parsed.files, command


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.py")), ids=lambda p: p.name)
def test_deploy_python_compiles(path):
    compile(path.read_text(encoding="utf-8"), str(path), "exec")
