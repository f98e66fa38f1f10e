"""Ctrl-C while bhxh is still starting (before any catalog is loaded) speaks the run's language: Vietnamese
by default, English with BHXH_LANG=en or --lang en on the line."""

import os
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from bhxh_cli.__main__ import _INTERRUPTED, _early_language
from bhxh_cli.messages import choose_language, tr

# Ctrl-C as typer is imported (the start-up), with the command line given after the module's name.
INTERRUPT_AT_START = """
import os, signal, sys
class Hook:
    def find_spec(self, name, path, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
sys.argv = ["bhxh", *sys.argv[1:]]
from bhxh_cli.__main__ import main
main()
"""


def interrupted_at_start(*args, lang=None):
    environment = {key: value for key, value in os.environ.items() if key != "BHXH_LANG"}
    if lang is not None:
        environment["BHXH_LANG"] = lang
    return subprocess.run([sys.executable, "-c", INTERRUPT_AT_START, *args], capture_output=True,
                          encoding="utf-8", env=environment, timeout=60)


@pytest.mark.skipif(os.name != "posix", reason="signals")
@pytest.mark.parametrize(("args", "lang", "line"), [
    (("rates",), None, "bhxh: đã dừng theo yêu cầu\n"),
    (("rates",), "en", "bhxh: interrupted\n"),
    (("rates", "--lang", "en"), None, "bhxh: interrupted\n"),
    (("--lang=en", "rates"), None, "bhxh: interrupted\n"),
    (("rates", "--lang", "vi"), "en", "bhxh: đã dừng theo yêu cầu\n"),
], ids=["default", "BHXH_LANG", "--lang", "--lang=", "--lang-over-BHXH_LANG"])
def test_ctrl_c_at_start_up_speaks_the_runs_language(args, lang, line):
    result = interrupted_at_start(*args, lang=lang)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", line)


def test_the_early_lines_are_the_catalogs():
    assert {lang: text.decode() for lang, text in _INTERRUPTED.items()} == {
        lang: tr("cli.interrupted", lang) + "\n" for lang in ("vi", "en")}


WORDS = st.sampled_from(["rates", "gap", "--lang", "--lang=en", "--lang=vi", "--lang=fr", "en", "vi", "fr", "--"])


@given(st.lists(WORDS, max_size=6), st.sampled_from(["", "en", "vi", "EN", "en_US.UTF-8", "fr", " vi "]))
def test_the_early_language_is_the_runs_language(argv, value):
    environ = {"BHXH_LANG": value} if value else {}
    assert _early_language(argv, environ) == choose_language(argv, environ)
