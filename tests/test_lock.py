"""The lock of exact versions: made from pyproject.toml, used by make and by environment.yml.

``make install`` installs requirements.lock (then dsrlab itself, editable, without
dependencies); ``environment.yml`` (conda, Binder) installs the same file with pip;
``make lock`` refreshes it. These tests keep the three in step, offline.
"""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"


def _pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]
            + project["optional-dependencies"]["test"]]


def _pins(environment: dict) -> dict[str, Version]:
    """Package -> exact version the lock gives on ``environment`` (markers evaluated)."""
    pins: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        [spec] = req.specifier  # one exact pin per line
        assert spec.operator == "==", line
        if req.marker is None or req.marker.evaluate(environment):
            name = canonicalize_name(req.name)
            assert name not in pins, f"{name} pinned twice for one environment"
            pins[name] = Version(spec.version)
    return pins


def _environments():
    here = default_environment()
    for version, full in (("3.11", "3.11.9"), ("3.12", "3.12.7"), ("3.13", "3.13.1")):
        yield {**here, "python_version": version, "python_full_version": full}


def test_the_lock_pins_every_dependency_of_pyproject_to_an_allowed_version():
    for env in _environments():
        pins = _pins(env)
        for req in _pyproject_requirements():
            name = canonicalize_name(req.name)
            assert name in pins, f"{name} (pyproject.toml) is not in requirements.lock; make lock"
            assert req.specifier.contains(pins[name], prereleases=True), \
                f"requirements.lock pins {name}=={pins[name]}, outside {req} of pyproject.toml"


def test_the_lock_was_made_by_the_documented_command():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    command = "uv " + re.search(r"^LOCK_ARGS := (.+)$", makefile, flags=re.M).group(1).strip()
    header = LOCK.read_text(encoding="utf-8").splitlines()[:3]
    assert command.startswith("uv pip compile pyproject.toml --extra test")
    assert any(command.split(" -o ")[0] in line for line in header), header
    assert re.search(r"^lock: .*## ", makefile, flags=re.M)
    assert re.search(r"^\$\(STAMP\): pyproject.toml requirements.lock$", makefile, flags=re.M)
    assert "-r requirements.lock" in makefile and "--no-deps -e ." in makefile


def test_environment_yml_installs_the_lock():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    python = next(d for d in conda if d.startswith("python"))
    assert python == "python=" + project["requires-python"].lstrip(">=")
    assert "pip" in conda
    pip_part = next(d for d in env["dependencies"] if isinstance(d, dict))
    assert pip_part == {"pip": ["-r requirements.lock", "-e ."]}
    # nothing else from conda that could bring other versions of the course's packages
    locked = set(_pins(next(_environments())))
    others = {canonicalize_name(re.split(r"[<>=! ]", d)[0]) for d in conda}
    assert not others & locked, others & locked


def test_the_proxy_is_locked_too():
    import json

    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    wanted = package["dependencies"]["configurable-http-proxy"]
    got = lock["packages"]["node_modules/configurable-http-proxy"]["version"]
    assert wanted.lstrip("^~") <= got and got.split(".")[0] == wanted.lstrip("^~").split(".")[0]
