"""Every table the README shows fits the terminal (COLUMNS 60, 80, 120): no line wider, no number cut, every
number of the full table still shown. Piped output (not a terminal) keeps the full table."""

import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMANDS = [
    ["rates"],
    ["rates", "data/plan_2020_communes_example.yaml", "--by", "commune"],
    ["allocate", "--communes", "data/communes_2020_example.csv", "--explain"],
    ["gap", "--plan", "data/plan_2020_communes_example.yaml", "--actual", "data/report_2020-06_example.csv",
     "--as-of", "2020-06-30", "--previous", "tests/fixtures/progress/report_2020-05_example.csv"],
    ["gap", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau"],
    ["trend", "--plan", "data/plan_2026_lai_chau_communes.yaml", "--reports", "data/bao_cao_lai_chau", "-s", "tn"],
    ["rates", "data/plan_2026_lai_chau_v2.yaml"],
    ["allocate", "-p", "data/plan_2020_thanh_hoa_v2.yaml", "-c", "data/communes_2020_example.csv", "-s", "bb"],
    ["gap", "-p", "data/plan_2026_lai_chau_v2.yaml", "-s", "bhyt"],
]
NUMBER = re.compile(r"[−+±-]?\d[\d.,]*%?")


def shown(command: list[str], columns: int, terminal: bool, lang: str = "vi") -> list[str]:
    environment = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "BHXH_LANG": lang}
    environment.pop("TTY_COMPATIBLE", None)
    if terminal:
        environment["TTY_COMPATIBLE"] = "1"  # rich: lay out as for a terminal, though stdout is a pipe here
    result = subprocess.run([sys.executable, "-m", "bhxh_cli", *command], capture_output=True, text=True,
                            env=environment, cwd=ROOT, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_table_fits_the_terminal_and_keeps_every_number(command, columns, lang):
    lines = shown(command, columns, terminal=True, lang=lang)
    assert max(cell_len(line) for line in lines) <= columns
    assert not any("…" in line for line in lines)
    full = shown(command, columns, terminal=False, lang=lang)
    numbers = {n for line in full for n in NUMBER.findall(line)}
    assert numbers <= {n for line in lines for n in NUMBER.findall(line)}


def test_piped_output_keeps_the_full_table():
    lines = shown(COMMANDS[2], 60, terminal=False)
    assert max(cell_len(line) for line in lines) > 60
    assert not any("(tiếp theo)" in line for line in lines)
