"""Words a person reads in places the other tests do not reach: Click's range errors, a wrapped
"[default:", a denominator's name inside a plan rule."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bhxh(*args: str, lang: str = "vi", columns: str = "100") -> subprocess.CompletedProcess:
    environment = {**os.environ, "BHXH_LANG": lang, "COLUMNS": columns}
    return subprocess.run([sys.executable, "-m", "bhxh_cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=environment, cwd=ROOT)


def test_a_value_out_of_range_is_said_in_vietnamese():
    result = bhxh("schema", "--plan-version", "3")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Lỗi: giá trị không hợp lệ cho '--plan-version': không được lớn hơn 2"


def test_a_wrapped_default_is_translated_too():
    result = bhxh("gap", "--help")
    assert result.returncode == 0
    assert "[default" not in result.stdout and "[mặc định:" in result.stdout


def test_a_target_above_its_denominator_names_it_in_words():
    plan = os.path.join("tests", "fixtures", "plans_v2", "bad", "target_above_denominator.yaml")
    result = bhxh("check", plan)
    assert result.returncode == 1
    assert result.stdout == (f"{plan}:4:38: schemes.mandatory.target: chỉ tiêu tính ra 120 người, nhiều hơn 100 "
                             f"người (thuộc diện); chỉ tiêu không thể vượt mẫu số (target-above-denominator)\n")


def test_comments_written_into_a_plan_are_in_the_language_of_the_run(tmp_path):
    result = bhxh("milestones", "--baseline", "2025=15000", "--target", "2027=15800", "--plan", "data/plan_2020.yaml",
                  "--output-dir", str(tmp_path), "--scheme", "mandatory")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plan_2027.yaml").read_text(encoding="utf-8")
    assert text.startswith("# bhxh milestones: mandatory, 2025 = 15000 -> 2027 = 15800 (linear). Đây là mốc năm "
                           "2027, lấy mốc năm trước làm baseline.\n# Lập từ plan_2020.yaml: ")


def test_a_file_name_with_a_line_break_stays_in_its_comment(tmp_path):
    source = tmp_path / "kế\nversion: 9.yaml"
    source.write_text(open(os.path.join(ROOT, "data", "plan_2020.yaml"), encoding="utf-8").read(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = bhxh("milestones", "--baseline", "2025=15000", "--target", "2026=15800", "--plan", str(source),
                  "--output-dir", str(out), "--scheme", "mandatory")
    assert result.returncode == 0, result.stderr
    assert bhxh("check", str(out / "plan_2026.yaml")).returncode == 0


def test_every_command_takes_lang():
    assert bhxh("check", "data/plan_2020.yaml", "--lang", "en").stderr == "checked 1 file: no problems\n"
    assert bhxh("check", "--lang", "vi", "data/plan_2020.yaml", lang="en").stderr == (
        "đã kiểm tra 1 tệp: không có vấn đề nào\n")
    for args in (["schema", "--lang", "en"], ["plan", "upgrade", "data/plan_2020.yaml", "--lang", "en"],
                 ["plan", "import", "--lang", "en", "--help"]):
        assert bhxh(*args).returncode == 0, args


def test_units_after_the_reform_are_counted_as_communes_and_wards(tmp_path):
    out = tmp_path / "tien_do.xlsx"
    result = bhxh("gap", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau",
                  "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == f"đã ghi {out}: 6 xã, phường, 2 loại hình"
