"""--scheme naming a scheme the plan lacks: the plan's schemes listed as a person types them."""

import subprocess
import sys


def bhxh(*args: str, lang: str) -> subprocess.CompletedProcess:
    import os

    environment = {**os.environ, "BHXH_LANG": lang}
    return subprocess.run([sys.executable, "-m", "bhxh_cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=environment, cwd=os.path.dirname(os.path.dirname(__file__)))


def test_the_plans_schemes_in_vietnamese_by_short_form_and_name():
    result = bhxh("trend", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau",
                  "-s", "bhyt", lang="vi")
    assert (result.returncode, result.stderr) == (
        2, "bhxh: --scheme bhyt: kế hoạch không có loại hình này; kế hoạch có bb (BHXH bắt buộc), "
           "tn (BHXH tự nguyện)\n")


def test_the_plans_schemes_in_english_by_key():
    result = bhxh("trend", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau",
                  "-s", "bhyt", lang="en")
    assert (result.returncode, result.stderr) == (
        2, "bhxh: --scheme bhyt: the plan has no such scheme; it has mandatory, voluntary\n")
