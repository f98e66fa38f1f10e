"""A version-2 plan's unit codes are checked as a version-1 plan's commune codes are (and as tables read
them): digits 0-9 only, nothing invisible; the plain reading leaves such a plan to the models, which say why."""

from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.plan import plain_v2
from bhxh_cli.plan.loading import load_file

PLAN = """version: 2
plan: {number: 1/KH, area: Tỉnh X, year: 2026}
schemes:
  mandatory: {eligible: 100, target: 90}
units:
  - {code: "CODE", name: Xã A, kind: xã, schemes: {mandatory: {eligible: 60, target: 54}}}
  - {code: "02", name: Xã B, kind: xã, schemes: {mandatory: {eligible: 40, target: 36}}}
"""


def test_a_code_in_other_digits_is_refused_naming_the_digit(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("CODE", "1٣"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(plan)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{plan}:6:12: units[0].code: mã '1٣' có chữ số không phải 0-9 ('٣', U+0663 ARABIC-INDIC DIGIT THREE); "
        "hãy gõ lại mã bằng chữ số 0-9 (code-digits)")


def test_a_code_with_an_invisible_character_is_refused(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("CODE", "01\u200b"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(plan)])
    assert result.exit_code == 1
    assert "units[0].code" in result.stdout and "(invisible-character)" in result.stdout


def test_the_plain_reading_leaves_such_codes_to_the_models(tmp_path):
    for code, clean in (("1٣", False), ("01\u200b", False), ("01", True), ("Q1-A", True)):
        plan = tmp_path / "plan.yaml"
        plan.write_text(PLAN.replace("CODE", code), encoding="utf-8")
        doc = load_file(str(plan))[0]
        assert (plain_v2.clean_plan(doc.data) is not None) is clean, code
