"""The ``dsrlab`` command line: complete help, and bad input ends in one clear line, exit 2."""

import subprocess
import sys

import pytest

from dsrlab.cli import COMMANDS

SUBCOMMANDS = sorted(COMMANDS)


def dsrlab(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dsrlab.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_top_level_help_lists_every_subcommand():
    out = dsrlab("--help")
    assert out.returncode == 0
    for name in SUBCOMMANDS:
        assert name in out.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(name):
    out = dsrlab(name, "--help")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"usage: dsrlab {name}")
    # a description, not just the usage line
    assert len(out.stdout.strip().splitlines()) >= 4


def test_brief_and_run_help_document_their_options():
    brief = dsrlab("brief", "--help").stdout
    for option in ("country", "--all", "--lang", "--out", "--format", "--jobs", "ISO3"):
        assert option in brief
    run = dsrlab("run", "--help").stdout
    for option in ("notebook", "-p NAME VALUE", "--out", "--format"):
        assert option in run


def _one_line_error(out, *needles):
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("dsrlab: error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def test_unknown_country(tmp_path):
    line = _one_line_error(dsrlab("brief", "Atlantis", "--out", tmp_path),
                           "unknown country 'Atlantis'", "33 CELAC states", "BOL")
    assert "VEN" in line
    assert list(tmp_path.iterdir()) == []


def test_close_country_name_is_suggested(tmp_path):
    _one_line_error(dsrlab("brief", "Bolivai", "--out", tmp_path), "Bolivia (BOL)")


def test_non_celac_country(tmp_path):
    _one_line_error(dsrlab("brief", "CHN", "--out", tmp_path), "not one of the 33 CELAC states")


def test_brief_needs_exactly_one_of_country_and_all(tmp_path):
    _one_line_error(dsrlab("brief", "--out", tmp_path), "COUNTRY", "--all")
    _one_line_error(dsrlab("brief", "BOL", "--all", "--out", tmp_path), "not both")


def test_bad_jobs_and_bad_lang(tmp_path):
    _one_line_error(dsrlab("brief", "--all", "--jobs", "0", "--out", tmp_path), "--jobs", ">= 1")
    _one_line_error(dsrlab("brief", "BOL", "--lang", "fr"), "invalid choice: 'fr'", "'es'")


def test_unwritable_output_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "briefs"
    _one_line_error(dsrlab("brief", "BOL", "--out", target), "cannot write to output folder",
                    str(target), "--out")
    _one_line_error(dsrlab("run", "05", "--out", target), "cannot write to output folder")
    assert blocker.read_text() == "not a folder"


def test_unknown_notebook():
    _one_line_error(dsrlab("run", "99"), "unknown notebook '99'", "05_capstone_balancing_giants",
                    "country_brief")
    _one_line_error(dsrlab("run", "capstone_typo"), "unknown notebook")


def test_unknown_parameter_lists_the_notebooks_parameters():
    _one_line_error(dsrlab("run", "05", "-p", "colour", "red"),
                    "unknown parameter 'colour' for 05_capstone_balancing_giants",
                    "'country'", "'compare_with'", "'lang'")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("05", "-p", "country", "Narnia"), ("unknown country 'Narnia'", "CELAC")),
        (("05", "-p", "compare_with", "42"), ("compare_with", "not 42")),
        (("05", "-p", "country", "MEX"), ("compare_with must differ from country",)),
        (("brief", "-p", "lang", "fr"), ("unknown language 'fr'", "'en', 'es'")),
    ],
)
def test_bad_parameter_values(args, needles, tmp_path):
    _one_line_error(dsrlab("run", *args, "--out", tmp_path), *needles)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- issue 14
def test_jobs_zero_or_negative_is_refused_everywhere(tmp_path):
    for command in (["brief", "--all"], ["site"]):
        for bad in ("0", "-1", "two"):
            _one_line_error(dsrlab(*command, "--jobs", bad, "--out", tmp_path / "o"),
                            "--jobs", ">= 1")
    assert not (tmp_path / "o").exists()


def test_jobs_are_capped_by_usable_cpus():
    import os

    from dsrlab.base.workers import usable_cpus, usable_workers

    assert usable_cpus() <= len(os.sched_getaffinity(0))
    assert usable_workers(1000, 33) <= usable_cpus()
    assert usable_workers(None, 33) == usable_workers(1000, 33)


def test_lang_casing_is_the_same_for_options_and_parameters(tmp_path):
    assert dsrlab("datasets", "--lang", "ES").returncode == 0
    _one_line_error(dsrlab("brief", "BOL", "--lang", "FR"), "invalid choice: 'fr'")


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    _one_line_error(dsrlab("brief", "BOL", "--out", blocker), "is a file, not a folder")


def test_validate_a_file_and_a_missing_folder(tmp_path):
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0\n")
    _one_line_error(dsrlab("validate", afile), "is a file, not a data folder")
    _one_line_error(dsrlab("validate", tmp_path / "nope"), "does not exist")


def test_a_huge_country_is_not_echoed(tmp_path):
    line = _one_line_error(dsrlab("brief", "B" * 100_000, "--out", tmp_path), "characters")
    assert len(line) < 400


def test_none_for_a_parameter_that_needs_a_value(tmp_path):
    _one_line_error(dsrlab("run", "05", "-p", "compare_with", "None", "--out", tmp_path),
                    "compare_with needs a value", "-p compare_with MEX")


def test_export_of_a_student_without_answers(tmp_path):
    _one_line_error(dsrlab("export", "--student", "Nobody", "--out", tmp_path),
                    "no saved answers for student 'Nobody'")
    assert list(tmp_path.iterdir()) == []
