"""The language walk: every command line the test suite runs speaks one language.

How: tests/conftest.py wraps Typer's CliRunner.invoke for every test (`walk` below). Each invocation a test
makes is checked in the language it ran in; with BHXH_WALK=both it is also run again in the other language
(`--lang` and BHXH_LANG swapped; an output file or folder redirected to a fresh temporary place, a copy of it
when it existed, so that the test's own files are untouched) and that output is checked too (this doubles the
time of the suite's command lines: run it before a release, or when messages change). A line of Vietnamese
output with an English sentence (or of English output with a Vietnamese one) fails the test that made the
invocation, naming the command line and the line. Rule names, file names, option names, quoted user text and
values are neither language and are left out before looking (NEUTRAL); csv and json output is data. Help
pages and consoles (subprocesses) are checked by tests/test_messages.py, which also walks a table of command
lines in both languages on every run.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile

import pytest
from typer.testing import CliRunner

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Rule names, file names, option names (and an option with its value in brackets, as a verdict names it:
# "(--fail-on missing)"), command lines (`bhxh plan import`; CliRunner calls the program "root") and the
# commands of a help page's list, quoted user text and values are the same in both languages.
COMMANDS = r"(?:rates|check|allocate|gap|trend|milestones|crosswalk|schema|plan|import|upgrade)"
NEUTRAL = re.compile(rf"\b(?:bhxh|root)(?: {COMMANDS}\b)+|^  {COMMANDS}\s{{2}}|\(--[a-z-]+ [a-z-]+\)|^::(?:error|warning|notice) [^:]*::|^\s*-?\s*[a-z_]+:(?= |$)|^\S+?:\d+:[^:]*: (?:[\w.\[\]]+: )?|^\S+?:[^!:]*![A-Z]*\d*: (?:[^:]+: )?|^\S+: (?:[\w.\[\]]+: )?|\([a-z0-9-]+\)$|'[^']*'|\"[^\"]*\"|`[^`]*`|--?[a-z][a-z-]*|"
                     r"\S*[/\\]\S*|\S+\.(yaml|yml|csv|xlsx|xls|md|txt|json|docx)\b|<[^>]*>|\b[a-z]+_[a-z_]+\b|\w+\[\d+\]")
ENGLISH = re.compile(r"\b(the|is|are|not|no|give|write|wrote|warning|error|note|must|cannot|already|missing|"
                     r"should|file|folder|commune|communes|exists|add up|instead|would|with|without|has|have|"
                     r"this|that|which|from|for|only|save|read|row|column|sheet|it|its|than|more|less|"
                     r"Usage|Try|Error|Missing|Invalid|Got|unexpected|extra|argument|option|such|of|and|or|"
                     r"unknown|choose|one|use|pass|give|type|correct|check|drop)\b")
VIETNAMESE = re.compile(r"\b(không|của|hãy|được|tệp|cảnh báo|lưu ý|đã ghi|thuộc diện|chưa|với|là|dòng|cột|"
                        r"trang tính|lỗi|cần|có)\b")
WORDS = {"vi": ENGLISH, "en": VIETNAMESE}
# Lines that are not ours to translate: a plan file's own comments, printed with the plan.
PENDING = re.compile(r"^# ")


# A line that shows user text with an escape (a name holding a line break, `U\n| forged | row |`) is the
# user's text, in no language of ours.
ESCAPED = re.compile(r"\\(?:[nrt]|x[0-9a-f]{2}|u[0-9a-f]{4})")


def foreign_lines(text: str, lang: str) -> list[str]:
    """The lines of `text` (output in `lang`) that hold a sentence of the other language."""
    words = WORDS[lang]
    return [line for line in text.splitlines() if not ESCAPED.search(line) and not PENDING.search(line)
            and words.search(NEUTRAL.sub(" ", line))]


def machine_format(args: list[str]) -> bool:
    """csv and json keep English keys and plain values in both languages (README): their standard output is
    data, not sentences. So is a plan written to standard output (`plan upgrade` without -o): the plan's own
    text and comments, in whatever language its author wrote them."""
    if args[:2] == ["plan", "upgrade"] and not any(word in _OUTPUTS for word in args):
        return True
    return any(word in ("--format", "-f") and args[i + 1:i + 2] in (["csv"], ["json"])
               for i, word in enumerate(args)) or any(word in ("--format=csv", "--format=json") for word in args)


# -- the walk of the suite's own command lines --------------------------------------------------------

_OUTPUTS = ("-o", "--output", "--output-dir")


def _swapped(args: list[str], lang: str) -> list[str]:
    out = []
    for index, word in enumerate(args):
        if index and args[index - 1] == "--lang" and word in WORDS:
            word = lang
        elif word.startswith("--lang=") and word[7:] in WORDS:
            word = f"--lang={lang}"
        out.append(word)
    return out


def _redirected(args: list[str], place: str) -> list[str]:
    """`args` with every output path moved under `place` (a copy of what was there, if anything was)."""
    out = list(args)
    for index, word in enumerate(args[:-1]):
        if word in _OUTPUTS and args[index + 1] not in ("-", ""):
            original = args[index + 1]
            moved = os.path.join(place, str(index), os.path.basename(os.path.abspath(original)) or "out")
            os.makedirs(os.path.dirname(moved), exist_ok=True)
            if os.path.isdir(original):
                shutil.copytree(original, moved)
            elif os.path.exists(original):
                shutil.copy(original, moved)
            out[index + 1] = moved
    return out


def _language_of(args: list[str], env: dict | None) -> str:
    from bhxh_cli.messages import choose_language

    return choose_language(args, {**os.environ, **{k: v for k, v in (env or {}).items() if v is not None}})


def _check(args: list[str], lang: str, result) -> None:
    text = ("" if machine_format(args) else result.stdout or "") + (result.stderr or "")
    found = foreign_lines(text, lang)
    log = os.environ.get("BHXH_WALK_LOG")  # while moving messages: collect every finding instead of failing
    if found and log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.writelines(f"{lang}\t{' '.join(map(str, args))}\t{line}\n" for line in found)
    elif found:
        pytest.fail(f"language walk: `bhxh {' '.join(map(str, args))}` in {lang} has a sentence of the other "
                    f"language:\n" + "\n".join(found), pytrace=False)


def _is_fifo(word: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(word).st_mode)
    except (OSError, ValueError):
        return False


def walk(monkeypatch) -> None:
    """Wrap CliRunner.invoke for one test: each invocation checked, and run and checked in the other language."""
    original = CliRunner.invoke

    def invoke(self, cli, args=None, input=None, env=None, **kwargs):
        words = [str(a) for a in ([args] if isinstance(args, str) else list(args or []))]
        with tempfile.TemporaryDirectory() as place:
            # the copy of an existing output is taken before the test's own run can change it
            rerun = os.environ.get("BHXH_WALK") == "both"
            redirected = _redirected(words, place) if rerun else words
            result = original(self, cli, args, input=input, env=env, **kwargs)
            if not words or "--help" in words or "-h" in words:
                return result  # help pages: tests/test_messages.py (their language is fixed at import)
            lang = _language_of(words, env)
            _check(words, lang, result)
            if not rerun or any(_is_fifo(word) for word in words):
                return result  # a named pipe is read once (its writer is gone)
            other = "en" if lang == "vi" else "vi"
            if hasattr(input, "seek"):
                input.seek(0)
            again = original(self, cli, _swapped(redirected, other), input=input,
                             env={**(env or {}), "BHXH_LANG": other}, **kwargs)
            _check(_swapped(words, other), other, again)
        return result

    monkeypatch.setattr(CliRunner, "invoke", invoke)


# -- the detector itself ---------------------------------------------------------------------------------

def test_the_detector_finds_a_sentence_of_the_other_language_and_leaves_names_alone():
    assert foreign_lines("bhxh: --method: unknown method 'borda'; choose one of adams", "vi") == [
        "bhxh: --method: unknown method 'borda'; choose one of adams"]
    assert foreign_lines("c.csv: 2/2 xã: không có trong báo cáo (--fail-on missing)", "vi") == []
    assert foreign_lines("Cách dùng: root check [OPTIONS] PLAN...\n  check       Kiểm tra tệp kế hoạch", "vi") == []
    assert foreign_lines("    bhxh plan upgrade kehoach.yaml -o kehoach_v2.yaml", "vi") == []
    assert foreign_lines('x.xlsx: không đọc được: bộ đọc báo "File is not a zip file"; hãy mở', "vi") == []
    assert foreign_lines("x.xlsx: không đọc được: File is not a zip file; hãy mở", "vi") != []
    assert foreign_lines("c.csv: mandatory: cannot add 9630 to what the communes have now", "en") == []
    assert foreign_lines("c.csv: mandatory: không thêm được 9.630 người", "en") != []


def test_a_plan_written_to_standard_output_is_data():
    assert machine_format(["plan", "upgrade", "kehoach.yaml"])
    assert not machine_format(["plan", "upgrade", "kehoach.yaml", "-o", "moi.yaml"])
    assert machine_format(["rates", "-f", "csv"]) and not machine_format(["rates"])
