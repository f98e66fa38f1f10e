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
