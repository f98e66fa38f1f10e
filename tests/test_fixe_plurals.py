"""A count in an English sentence agrees with its noun and verb: "1 of the plan's 38 units is not in this report",
"1 month"; Vietnamese nouns do not change."""

import os

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.messages import trn
from test_fixe_points import PLAN, health_reports

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def one_unit_missing(tmp_path):
    folder = health_reports(tmp_path / "bc", months=("2026-02",), changes=(0,))
    report = folder / "bao_cao_2026-02.csv"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    report.write_text("".join(line for line in lines if not line.startswith("03390,")), encoding="utf-8")
    return str(report)


def test_one_unit_missing_is_singular(tmp_path, english):
    report = one_unit_missing(tmp_path)
    result = run("gap", "-p", PLAN, "-a", report, "-s", "bhyt", "--as-of", "2026-02-28", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {report}: 1 of the plan's 38 units is not in this report; it is shown as no "
                             f"report and left out of the totals\n")


def test_the_same_in_vietnamese(tmp_path):
    report = one_unit_missing(tmp_path)
    result = run("gap", "-p", PLAN, "-a", report, "-s", "bhyt", "--as-of", "2026-02-28", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (f"cảnh báo: {report}: 1/38 đơn vị của kế hoạch không có trong báo cáo này; các đơn vị "
                             f"đó ghi là chưa báo cáo và không tính vào tổng\n")


def test_a_trend_of_one_month_says_month(tmp_path, english):
    folder = health_reports(tmp_path / "bc", months=("2026-01",), changes=(0,))
    out = tmp_path / "t.csv"
    result = run("trend", "-p", PLAN, "--reports", str(folder), "-s", "bhyt", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}: 38 communes and wards, 1 month\n"


@pytest.mark.parametrize("key, values, singular", [
    ("allocate.below_enrolled", {"scheme": "Voluntary", "of": 6}, "1 of 6 communes gets a target below its enrolment"),
    ("allocate.below_enrolled.floor", {"scheme": "Voluntary", "of": 6}, "without --no-floor it is kept"),
    ("allocate.has_communes", {}, "it has 1 commune;"),
    ("allocate2.has_units", {}, "already has 1 unit;"),
    ("upgrade.wrote", {"file": "p.yaml"}, "1 commune as a unit"),
    ("crosswalk.v2_levels", {"file": "p.yaml", "area": "X"}, "the 1 unit above the communes (a district or group) is not"),
    ("gap.name_pairs.more", {"named": "row 4: 03388"}, "and 1 more row"),
    ("gap2.units_without_target", {"units": 38, "scheme": "Health", "which": "03390", "file": "p.yaml"},
     "1 of the 38 units has no Health target"),
])
def test_each_counted_sentence_has_a_singular(key, values, singular, english):
    assert singular in trn(key, 1, **values)
    assert singular not in trn(key, 2, **values)
