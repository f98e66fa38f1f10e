"""The message catalogs: the same keys and placeholders in both languages, every key the code asks for, and
commands that speak one language at a time (Vietnamese by default, English with --lang en or BHXH_LANG=en)."""

import glob
import os
import re
import string
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bhxh_cli import messages
from bhxh_cli.cli import app
from bhxh_cli.messages import en, vi

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "src", "bhxh_cli")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_catalogs_have_the_same_keys():
    assert sorted(set(vi.MESSAGES) - set(en.MESSAGES)) == []
    assert sorted(set(en.MESSAGES) - set(vi.MESSAGES)) == []


@pytest.mark.parametrize("key", sorted(en.MESSAGES))
def test_a_sentence_has_the_same_placeholders_in_both_languages(key):
    assert placeholders(vi.MESSAGES[key]) == placeholders(en.MESSAGES[key]), key


def test_every_key_the_code_asks_for_is_in_the_catalogs():
    # Literal keys: tr("key" / trn("key" / _h("key") (help.key). Keys built from data (f"scheme.{scheme}") are
    # covered by the commands below.
    asked = set()
    for path in glob.glob(os.path.join(SOURCE, "**", "*.py"), recursive=True):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        asked |= set(re.findall(r'\btr\("([\w.\- ]+)"', text))
        asked |= {f"{key}.one" for key in re.findall(r'\btrn\("([\w.\- ]+)"', text)}
        asked |= {f"help.{key}" for key in re.findall(r'\b_h\("([\w.]+)"\)', text)}
    assert asked and sorted(asked - set(en.MESSAGES)) == []


def test_the_language_is_chosen_before_the_command_line_is_parsed():
    assert messages.choose_language(["rates"], {}) == "vi"
    assert messages.choose_language(["rates"], {"BHXH_LANG": "en"}) == "en"
    assert messages.choose_language(["rates"], {"BHXH_LANG": "en_US.UTF-8"}) == "en"
    assert messages.choose_language(["rates", "--lang", "en"], {}) == "en"
    assert messages.choose_language(["--lang=en", "gap"], {}) == "en"
    # an explicit --lang wins over the environment, as a command-line option does
    assert messages.choose_language(["rates", "--lang", "vi"], {"BHXH_LANG": "en"}) == "vi"
    assert messages.choose_language(["check", "--", "--lang", "en"], {}) == "vi"


# -- commands in one language -----------------------------------------------------------------------

BAD = os.path.join("tests", "fixtures", "plans", "bad")
BAD_V2 = os.path.join("tests", "fixtures", "plans_v2", "bad")
COMMANDS = [
    ["rates"],
    ["rates", "--by", "commune"],
    ["rates", "no/such/plan.yaml"],
    ["rates", "tests"],
    ["rates", "-o", "out.txt"],
    ["rates", "-o", "README.md"],
    ["allocate", "--communes", "data/communes_2020_example.csv", "--scheme", "unemployment", "--explain"],
    ["allocate", "--communes", "tests/fixtures/communes/bad_rows.csv"],
    ["allocate", "--communes", "data/communes_2020_example.csv", "--floor", "enrolled", "--no-floor"],
    ["allocate", "--communes", "data/communes_2020_example.csv", "--plan", "data/plan_2020_communes_example.yaml"],
    ["gap"],
    ["gap", "--plan", "data/plan_2020_communes_example.yaml", "--actual", "data/report_2020-06_example.csv",
     "--as-of", "2020-06-30", "--previous", "tests/fixtures/progress/report_2020-05_example.csv", "--fail-on", "behind"],
    ["gap", "--plan", "tests/fixtures/reports/plan_2026_partial.yaml", "--actual",
     "tests/fixtures/reports/report_2026-06_partial.csv", "--as-of", "30/06/2026"],
    ["gap", "--previous", "data/report_2020-06_example.csv"],
    ["gap", "--as-of", "2019-01-01"],
    ["milestones", "--baseline", "2025=21400", "--target", "2030=29500"],
    ["gap", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau"],
    ["gap", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau", "--laggards", "2"],
    ["gap", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau", "-a",
     "data/bao_cao_lai_chau/bao_cao_2025-12.csv", "--as-of", "2026-01-31"],
    ["trend", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau", "-s", "tn"],
    ["trend", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data", "-s", "tn"],
    ["check", "--registry", "vn", "data/plan_2020_communes_example.yaml"],
    ["check", "--registry", "vn", "--registry", "tests/fixtures/registry/trieu_son_2020.csv",
     "data/plan_2020_communes_example.yaml", "data/plan_2026_lai_chau_v2.yaml"],
    ["check", "--registry", "data/report_2020-06_example.csv", "data/plan_2026_lai_chau_v2.yaml"],
    ["crosswalk", "--map", "tests/fixtures/crosswalk/report_2020-06_trieu_son.csv", "data/report_2020-06_example.csv",
     "-o", "tests/fixtures/crosswalk/never_written.csv"],
    ["crosswalk", "--map", "tests/fixtures/crosswalk/trieu_son_2020_to_2025.csv", "data/lai_chau_units_2025.csv",
     "-o", "tests/fixtures/crosswalk/never_written.csv"],
    ["allocate", "-p", "data/plan_2026_lai_chau_v2_counts.yaml"],
    ["allocate", "-p", "data/plan_2020_thanh_hoa_v2.yaml", "-c", "data/communes_2020_example.csv", "--explain"],
    ["gap", "-p", "data/plan_2026_lai_chau_v2.yaml"],
    ["rates", "data/plan_2020_thanh_hoa_v2.yaml", "--by", "district"],
    # Click's own usage errors, worded from the catalogs
    ["nosuch"], ["rates", "--bogus"], ["rates", "--lang", "fr"], ["allocate"], ["rates", "a", "b"],
    ["rates", "--format"], ["rates", "--format", "xml"], ["schema", "--plan-version", "x"], ["plan", "nosuch"],
    # plan import, policies, workbooks given as plans
    ["plan", "import", "tests/fixtures/appendix/trieu_son_2020_district.csv"],
    ["plan", "import", "tests/fixtures/appendix/quang_ninh_2026.xlsx"],
    ["plan", "import", "tests/fixtures/appendix/quang_ninh_2026.xlsx", "--year", "2025"],
    ["plan", "import", "tests/fixtures/appendix/quang_ninh_2026.xlsx", "-o", "x.csv"],
    ["plan", "import", "tests/fixtures/appendix/trieu_son_2020_communes.xls", "--sheet", "Data"],
    ["check", "data/plan_2020.yaml", "--policy", "nq102"],
    ["check", "data/plan_2020.yaml", "--policy", "nq28"],
    ["check", "data/plan_2020.yaml", "--policy", "nosuch"],
    ["check", "tests/fixtures/appendix/quang_ninh_2026.xlsx"],
    ["milestones", "--baseline", "2025=21400", "--target", "2030=29500", "-p", "data/plan_2020.yaml",
     "--output-dir", "tests"],
] + [["allocate", "--communes", os.path.join("tests", "fixtures", "communes", name)]
     for name in sorted(os.listdir(os.path.join(ROOT, "tests", "fixtures", "communes")))] + [["rates", os.path.join(BAD, name)] for name in sorted(os.listdir(os.path.join(ROOT, BAD)))] + [
    ["check", os.path.join(BAD_V2, name)] for name in sorted(os.listdir(os.path.join(ROOT, BAD_V2)))]

# One detector for the whole suite (tests/test_language_walk.py): rule names, file names, option names,
# quoted user text and values are the same in both languages and are left out.
from test_language_walk import ENGLISH, NEUTRAL, PENDING, VIETNAMESE  # noqa: E402


def outputs(command: list[str], lang: str) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, command, env={"BHXH_LANG": lang, "NO_COLOR": "1", "COLUMNS": "100"})
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout + result.stderr


def sentences(text: str) -> list[str]:
    return [NEUTRAL.sub(" ", line) for line in text.splitlines() if not PENDING.search(line)]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_vietnamese_output_has_no_english_sentence(command):
    found = [line for line in sentences(outputs(command, "vi")) if ENGLISH.search(line)]
    assert found == []


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_english_output_has_no_vietnamese_sentence(command):
    found = [line for line in sentences(outputs(command, "en")) if VIETNAMESE.search(line)]
    assert found == []


@pytest.mark.parametrize("lang, words", [("vi", ENGLISH), ("en", VIETNAMESE)])
@pytest.mark.parametrize("command", [[], ["rates"], ["check"], ["allocate"], ["gap"], ["trend"], ["milestones"],
                                     ["crosswalk"], ["plan", "import"], ["schema"]], ids=" ".join)
def test_help_speaks_one_language(command, lang, words):
    environment = {**os.environ, "BHXH_LANG": lang, "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", *command, "--help"], capture_output=True,
                            text=True, env=environment, cwd=ROOT, encoding="utf-8")
    assert result.returncode == 0 and result.stderr == ""
    # Option values (eligible, headroom, behind…) and the command names are the same in both languages.
    text = re.sub(r"^\s+-.*?  |\b(eligible|headroom|enrolled|behind|missing|commune|linear|growth|"
                  r"shortfall|gap|achieved|code|name|text|github|json|table|csv|markdown)\b", " ", result.stdout,
                  flags=re.M)
    found = [line for line in sentences(text) if words.search(line)]
    assert found == []
    assert "[[" not in result.stdout and "<bool>" not in result.stdout


def test_help_in_english_with_lang_anywhere_on_the_line():
    environment = {**os.environ, "COLUMNS": "100"}
    environment.pop("BHXH_LANG", None)
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", "gap", "--help", "--lang", "en"],
                            capture_output=True, text=True, env=environment, cwd=ROOT, encoding="utf-8")
    assert result.stdout.startswith("Usage: bhxh gap [OPTIONS]")
    assert "Examples:" in result.stdout


def test_vietnamese_by_default_and_english_on_request():
    assert outputs(["rates", "no/such/plan.yaml"], "vi") == "bhxh: no/such/plan.yaml: không có tệp này\n"
    assert outputs(["rates", "no/such/plan.yaml"], "en") == "bhxh: no/such/plan.yaml: no such file\n"
    result = CliRunner().invoke(app, ["rates", "no/such/plan.yaml", "--lang", "en"], env={"BHXH_LANG": "vi"})
    assert result.stderr == "bhxh: no/such/plan.yaml: no such file\n"


def test_rule_names_stay_in_every_language(tmp_path):
    plan = os.path.join(ROOT, BAD, "duplicate_key.yaml")
    for lang in ("vi", "en"):
        result = CliRunner().invoke(app, ["check", "--format", "json", plan], env={"BHXH_LANG": lang})
        assert '"rule": "duplicate-key"' in result.stdout
    vietnamese = CliRunner().invoke(app, ["check", plan], env={"BHXH_LANG": "vi"}).stdout
    assert "khóa 'eligible' bị lặp (đã ghi ở dòng 4)" in vietnamese and vietnamese.rstrip().endswith(
        "(duplicate-key)") or "(duplicate-key)" in vietnamese


@pytest.mark.parametrize("encoding", ["cp437", "cp1258"])
def test_a_console_that_cannot_show_vietnamese_gets_the_message_without_marks(encoding):
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    environment.pop("BHXH_LANG", None)
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", "rates", "no/such/plan.yaml"], capture_output=True,
                            env=environment, cwd=ROOT)
    assert result.returncode == 2
    text = result.stderr.decode(encoding)
    assert text.startswith("bhxh: no/such/plan.yaml: kh") and "\\u" not in text and "Traceback" not in text
    # Windows-1258 shows every letter (base letter and combining tone mark); code page 437 cannot: a note says
    # how to see them
    assert ("PYTHONIOENCODING=utf-8" in text) == (encoding == "cp437")


def test_an_environment_language_bhxh_does_not_have_is_said_once_then_vietnamese():
    assert messages.unread_environment_language(["rates"], {"BHXH_LANG": "fr"}) == "fr"
    assert messages.unread_environment_language(["rates"], {"BHXH_LANG": "en_US.UTF-8"}) is None
    assert messages.unread_environment_language(["rates"], {"BHXH_LANG": " "}) is None
    assert messages.unread_environment_language(["rates", "--lang", "en"], {"BHXH_LANG": "fr"}) is None
    assert messages.unread_environment_language(["rates", "--", "--lang", "en"], {"BHXH_LANG": "fr"}) == "fr"
    environment = {**os.environ, "BHXH_LANG": "fr\x1b[31m"}
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", "rates", "no/such/plan.yaml"], capture_output=True,
                            text=True, env=environment, cwd=ROOT, encoding="utf-8")
    assert result.returncode == 2
    assert result.stderr == ("bhxh: BHXH_LANG=fr\\x1b[31m không phải ngôn ngữ bhxh có (vi hoặc en); dùng tiếng Việt\n"
                             "bhxh: no/such/plan.yaml: không có tệp này\n")
