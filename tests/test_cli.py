"""End to end through Typer's CliRunner: exact output, exit codes, every format."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
BAD = os.path.join(HERE, "fixtures", "plans", "bad")
GOOD = os.path.join(HERE, "fixtures", "plans", "good")
runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_rates_on_the_bundled_plan_vi():
    result = run("rates")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "BHXH bắt buộc" in line)
    assert row.split() == ["BHXH", "bắt", "buộc", "15.890", "15.530", "97,7%", "97,7%", "✓", "360"]
    assert "2,7%" in result.stdout and "95,0%" in result.stdout and "69.383" in result.stdout
    assert result.stdout.count("✓") == 3


def test_rates_english():
    result = run("rates", "--lang", "en")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("Voluntary"))
    assert row.split()[-6:] == ["71,313", "1,930", "2.7%", "2.7%", "✓", "69,383"]


def test_rates_json_shape():
    result = run("rates", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["plan"]["number"] == "519/KH-UBND"
    assert document["schemes"][0] == {
        "scheme": "mandatory", "eligible": 15890, "enrolled": 15530, "rate": 97.7, "stated_rate": 97.7,
        "rate_agrees": True, "not_covered": 360, "baseline": None, "growth": None}
    assert [s["rate"] for s in document["schemes"]] == [97.7, 2.7, 95.0]


def test_rates_csv_is_plain():
    result = run("rates", "--format", "csv", "--lang", "vi")
    assert result.stdout.splitlines() == [
        "scheme,eligible,enrolled,rate,stated_rate,rate_agrees,not_covered,baseline,growth",
        "mandatory,15890,15530,97.7,97.7,true,360,,",
        "voluntary,71313,1930,2.7,2.7,true,69383,,",
        "unemployment,14360,13640,95.0,95.0,true,720,,",
    ]


def test_rates_markdown_vi():
    result = run("rates", "--format", "markdown")
    assert "| BHXH bắt buộc | 15.890 | 15.530 | 97,7% | 97,7% ✓ | 360 |" in result.stdout


def test_rates_with_baseline_shows_growth():
    result = run("rates", os.path.join(GOOD, "with_communes.yaml"), "--format", "csv")
    assert result.exit_code == 0
    assert "voluntary,1000,130,13.0,13.0,true,870,100,30.0" in result.stdout.splitlines()


def test_rates_by_commune_has_a_total_row():
    result = run("rates", os.path.join(GOOD, "with_communes.yaml"), "--by", "commune", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    rows = [(r["code"], r["scheme"], r["enrolled"], r["rate"]) for r in document["communes"]]
    assert rows == [("01234", "mandatory", 195, 97.5), ("01237", "mandatory", 95, 95.0),
                    ("01234", "voluntary", 80, 13.3), ("01237", "voluntary", 50, 12.5)]
    assert [(t["scheme"], t["eligible"], t["enrolled"]) for t in document["total"]] == [
        ("mandatory", 300, 290), ("voluntary", 1000, 130)]
    table = run("rates", os.path.join(GOOD, "with_communes.yaml"), "--by", "commune")
    assert "TỔNG SỐ" in table.stdout and "Thị trấn Nưa" in table.stdout


def test_rates_by_commune_without_communes_is_an_error(english):
    result = run("rates", "--by", "commune")
    assert result.exit_code == 1
    assert "this plan has no communes" in result.stderr


def test_rates_shows_a_disagreeing_rate_and_exits_1():
    result = run("rates", os.path.join(BAD, "rate_mismatch.yaml"))
    assert result.exit_code == 1
    assert "96,0% ✗ không khớp" in result.stdout
    assert "rate_mismatch.yaml:4:58: schemes.unemployment.rate: 96.0 không khớp với số tham gia/số thuộc diện" in result.stderr


def test_rates_on_an_invalid_plan_prints_problems_not_a_table(english):
    result = run("rates", os.path.join(BAD, "enrolled_above_eligible.yaml"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        "enrolled_above_eligible.yaml:4:42: schemes.mandatory.enrolled: 16000 is more than eligible (15890); "
        "a target cannot exceed the people eligible (enrolled-above-eligible)\n")


def test_rates_missing_file_exits_2(english):
    result = run("rates", "no/such/plan.yaml")
    assert result.exit_code == 2
    assert result.stderr == "bhxh: no/such/plan.yaml: no such file\n"


def test_bad_option_is_a_usage_error():
    assert run("rates", "--format", "xml").exit_code == 2
    assert run("rates", "--lang", "fr").exit_code == 2


def test_check_bundled_plan_passes(english):
    from bhxh_cli.plan.models import bundled_plan

    result = run("check", bundled_plan())
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "checked 1 file: no problems\n"


def test_check_policy_nq102_fails_unemployment_plainly(english):
    from bhxh_cli.plan.models import bundled_plan

    result = run("check", bundled_plan(), "--policy", "nq102")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1].endswith(
        ":28:15: schemes.unemployment: 13640/14360 = 94.986% is below the 95% floor that Resolution 102/NQ-CP "
        "sets for 2020; it prints as 95.0% only after rounding; 2 more enrolled would meet it (nq102-floor)")
    assert "note: no baseline (participants at the end of 2019) is given" in lines[0]
    assert result.stderr == "checked 1 file: 1 error, 1 note\n"


def test_check_policy_voluntary_growth(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("version: 1\nplan: {number: A, area: B, year: 2019}\nschemes:\n"
                    "  mandatory: {eligible: 100, enrolled: 90}\n"
                    "  voluntary: {eligible: 1000, enrolled: 120, baseline: 100}\n", encoding="utf-8")
    result = run("check", str(plan), "--policy", "nq102", "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert finding["rule"] == "nq102-growth" and finding["line"] == 5 and finding["column"] == 41
    assert finding["message"].startswith("mức tăng 100 -> 120 là 20,000%, thấp hơn mức 30% mỗi năm mà Nghị quyết "
                                         "102/NQ-CP yêu cầu")
    assert finding["message"].endswith("cần thêm 10 người tham gia để đạt")


def test_check_applies_every_policy_named_and_names_summed_schemes_in_words(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("version: 2\nplan: {number: A, area: Tỉnh B, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 1000, labour_force: 1000, target: 300}\n"
                    "  voluntary: {eligible: 1000, target: 10}\n"
                    "  health: {population: 2000, target: 1800}\n", encoding="utf-8")
    one = run("check", str(plan), "--policy", "nq28", "-f", "json")
    both = run("check", str(plan), "--policy", "nq28", "--policy", "health", "-f", "json")
    again = run("check", str(plan), "--policy", "health", "--policy", "nq28", "--policy", "health", "-f", "json")
    rules = [f["rule"] for f in json.loads(both.stdout)]
    assert (one.exit_code, both.exit_code) == (1, 1)
    assert rules == [f["rule"] for f in json.loads(one.stdout)] + ["health-floor"]
    assert sorted(f["rule"] for f in json.loads(again.stdout)) == sorted(rules)  # each policy once
    summed = next(f for f in json.loads(one.stdout) if f["path"] == "schemes.mandatory")
    assert "310/1.000 = 31,000% lực lượng lao động (BHXH bắt buộc + BHXH tự nguyện) thấp hơn" in summed["message"]


def test_check_many_files_reports_every_problem_and_exit_1(english):
    files = [os.path.join(BAD, "unknown_key.yaml"), os.path.join(GOOD, "minimal.yaml"),
             os.path.join(BAD, "sum_mismatch.yaml")]
    result = run("check", *files)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 4
    assert result.stderr == "checked 3 files: 4 errors\n"


def test_check_missing_file_exits_2_after_checking_the_others(english):
    result = run("check", os.path.join(BAD, "unknown_key.yaml"), "missing.yaml")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "missing.yaml: no such file (unreadable)"


def test_check_github_format_escapes_and_repeats_location(english):
    result = run("check", os.path.join(BAD, "rate_mismatch.yaml"), "--format", "github")
    assert result.exit_code == 1
    path = os.path.join(BAD, "rate_mismatch.yaml")
    assert result.stdout == (
        f"::error file={path},line=4,col=58::{path}:4:58: schemes.unemployment.rate: 96.0 does not agree with "
        "enrolled/eligible = 13640/14360 = 94.986%25; write 95.0 or correct the counts (rate-mismatch)\n")


def test_check_json_format():
    result = run("check", os.path.join(BAD, "duplicate_key.yaml"), "--format", "json")
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert list(item) == ["file", "line", "column", "path", "message", "rule", "severity"]
    assert (item["line"], item["column"], item["rule"], item["severity"]) == (5, 3, "duplicate-key", "error")


def test_check_needs_a_file():
    assert run("check").exit_code == 2


def test_schema_is_json_schema_of_the_plan():
    result = run("schema", "--plan-version", "1")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["version", "plan", "schemes"]
    assert schema["additionalProperties"] is False
    counts = schema["$defs"]["SchemeCounts"]
    assert counts["properties"]["eligible"]["type"] == "integer"
    assert counts["properties"]["eligible"]["minimum"] == 0


def test_schema_of_version_2_is_the_default_and_has_every_scheme_of_the_table():
    schema = json.loads(run("schema").stdout)
    assert schema["properties"]["version"]["const"] == 2
    assert list(schema["$defs"]["SchemeSet"]["properties"]) == ["mandatory", "voluntary", "unemployment", "health"]
    assert schema["$defs"]["SchemeFigures"]["properties"]["denominator"]["anyOf"][0]["enum"] == [
        "eligible", "labour_force", "population"]


@pytest.mark.parametrize("version, name", [("2", "plan.schema.json"), ("1", "plan-v1.schema.json")])
def test_schema_files_in_repository_are_up_to_date(version, name):
    with open(os.path.join(HERE, "..", "schema", name), encoding="utf-8") as handle:
        assert handle.read() == run("schema", "--plan-version", version).stdout, (
            f"regenerate: bhxh schema --plan-version {version} > schema/{name}")


def test_version():
    from bhxh_cli import __version__

    assert run("--version").stdout == f"bhxh {__version__}\n"


def test_python_dash_m_and_no_traceback_on_bad_input(english):
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", "check", os.path.join(BAD, "python_tag.yaml")],
                            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "tags (!!python/object/apply:os.system) are not allowed" in result.stdout


def test_importing_the_cli_does_not_import_rich_yaml_or_models():
    code = ("import sys, bhxh_cli.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml', 'pydantic') "
            "or m in ('bhxh_cli.plan.models', 'bhxh_cli.plan.loading', 'bhxh_cli.output.render')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_every_format_works_in_both_languages(fmt):
    for lang in ("vi", "en"):
        result = run("rates", "--format", fmt, "--lang", lang)
        assert result.exit_code == 0 and result.stdout


def test_pre_commit_hook_runs_bhxh_check_on_plan_files():
    import re

    import yaml

    with open(os.path.join(HERE, "..", ".pre-commit-hooks.yaml"), encoding="utf-8") as handle:
        [hook] = yaml.safe_load(handle)
    assert hook["id"] == "bhxh-check" and hook["entry"] == "bhxh check"
    pattern = re.compile(hook["files"])
    for path in ("plans/plan_2020.yaml", "data/plan_2020.yaml", "plan.yml", "x/plans/huyen/a.yaml"):
        assert pattern.search(path), path
    for path in (".github/workflows/ci.yaml", "docker-compose.yml", "data/communes.csv", "myplan.yaml"):
        assert not pattern.search(path), path


@pytest.mark.parametrize("name", sorted(os.listdir(BAD)))
def test_check_exits_1_on_each_bad_fixture_with_its_location_and_rule(name):
    import re

    path = os.path.join(BAD, name)
    with open(path, "rb") as handle:
        expected = re.findall(rb"^# expect: (\d+):(\d+) (\S+)", handle.read(), re.M)
    result = run("check", path)
    assert result.exit_code == 1
    found = [line.split(": ", 1)[0] + " " + line.rsplit("(", 1)[1].rstrip(")")
             for line in result.stdout.splitlines()]
    assert found == [f"{path}:{l.decode()}:{c.decode()} {r.decode()}" for l, c, r in expected]


def test_check_a_folder_checks_the_yaml_files_in_it(tmp_path, english):
    import shutil

    (tmp_path / "plans" / "2020").mkdir(parents=True)
    shutil.copy(os.path.join(GOOD, "minimal.yaml"), tmp_path / "plans" / "a.yaml")
    shutil.copy(os.path.join(BAD, "negative_count.yaml"), tmp_path / "plans" / "2020" / "b.yml")
    (tmp_path / "plans" / "notes.txt").write_text("not a plan", encoding="utf-8")
    result = run("check", str(tmp_path / "plans"))
    assert result.exit_code == 1
    assert result.stderr == "checked 2 files: 1 error\n"
    assert result.stdout.startswith(str(tmp_path / "plans" / "2020" / "b.yml") + ":4:39:")
    (tmp_path / "empty").mkdir()
    assert run("check", str(tmp_path / "empty")).exit_code == 2
