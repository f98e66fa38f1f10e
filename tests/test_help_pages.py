"""Every command's help page, in both languages: it ends with examples a person can copy, every line fits an
80-column terminal, and no Python type or bracket noise stands beside the names ([[PLAN]], {PLAN}, <bool>,
<str>). The help language is fixed when bhxh_cli.cli is imported, so each page is a fresh process."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
import typer

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADING = {"vi": "Ví dụ:", "en": "Examples:"}


def _paths(command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    if hasattr(command, "commands"):  # a group (typer carries a click of its own)
        for name, sub in command.commands.items():
            found += _paths(sub, path + (name,))
    return found


ROOT_COMMAND = typer.main.get_command(app)
PATHS = _paths(ROOT_COMMAND)


def _help(path: tuple[str, ...], lang: str) -> str:
    environment = {**os.environ, "BHXH_LANG": lang, "COLUMNS": "80"}
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", *path, "--help"], capture_output=True, text=True,
                            env=environment, cwd=ROOT, encoding="utf-8")
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


def _examples(text: str, lang: str) -> list[str]:
    """The example command lines: what follows the last heading, which must end the page."""
    head, heading, tail = text.rpartition("\n  " + HEADING[lang] + "\n")
    assert heading, f"no {HEADING[lang]!r} section"
    lines = tail.rstrip("\n").split("\n")
    assert all(re.fullmatch(r"    bhxh \S.*", line) for line in lines), lines  # nothing after the examples
    return [line.strip() for line in lines]


def test_every_command_is_walked():
    assert {" ".join(path) for path in PATHS} >= {
        "", "rates", "check", "allocate", "gap", "trend", "milestones", "crosswalk", "schema", "plan",
        "plan import", "plan upgrade"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "bhxh")
def test_help_ends_with_examples_and_fits_80_columns(path, lang):
    text = _help(path, lang)
    wide = [line for line in text.splitlines() if len(line) > 80]
    assert wide == []
    assert "[[" not in text and "<bool>" not in text and "<str>" not in text and "<list" not in text
    usage = text.splitlines()[0]
    assert "{" not in usage and usage.startswith("Cách dùng: bhxh" if lang == "vi" else "Usage: bhxh")
    examples = _examples(text, lang)
    assert 1 <= len(examples) <= 3
    for example in examples:  # each example is a command line bhxh accepts (its files aside)
        words = shlex.split(example.split(" > ")[0])[1:]
        if "--help" in words:
            continue
        command, rest = ROOT_COMMAND, words
        while hasattr(command, "commands"):
            command, rest = command.commands[rest[0]], rest[1:]
        command.make_context(" ".join(words[:len(words) - len(rest)]), list(rest))
