"""Where the project's files are, in a checkout and in an installed wheel.

In a checkout (editable install) ``data/`` and ``notebooks/`` sit beside the package.
A wheel carries copies inside the package as ``dsrlab/_data`` and ``dsrlab/_notebooks``
(see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml).
"""

from pathlib import Path

__all__ = ["package_dir", "data_dir", "notebooks_dir", "exercises_dir", "geo_dir",
           "instructors_dir"]

_PACKAGE = Path(__file__).resolve().parent.parent


def package_dir() -> Path:
    """The installed ``dsrlab`` package folder."""
    return _PACKAGE


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"dsrlab cannot find its files; looked in: {tried}")


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the CSV tables.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    return _first_existing(_PACKAGE / "_data", _PACKAGE.parent / "data")


def notebooks_dir() -> Path:
    """The folder holding the course notebooks."""
    return _first_existing(_PACKAGE / "_notebooks", _PACKAGE.parent / "notebooks")


def exercises_dir() -> Path:
    """The folder holding one exercise file per notebook (``NN.yml``)."""
    return notebooks_dir() / "exercises"


def geo_dir() -> Path:
    """The folder holding the country outlines and cable routes (GeoJSON)."""
    return data_dir() / "geo"


def instructors_dir() -> Path:
    """The folder of the instructor guide, one ``NN.yml`` per session (not for students)."""
    return _first_existing(_PACKAGE / "_instructors", _PACKAGE.parent / "instructors")
