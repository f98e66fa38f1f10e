"""Another area's report in a folder of reports is one line naming the file and the option that gave it
(--reports), in trend as in gap, for plans of both versions; not a line for each of its rows."""

import os
import shutil

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLANS = [os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml"),
         os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")]
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")
TRIEU_SON = ("code,name,mandatory_enrolled,voluntary_enrolled\n15664,Thị trấn Triệu Sơn,901,26\n"
             "15667,Xã Thọ Sơn,522,61\n15670,Xã Thọ Bình,507,51\n15673,Xã Thọ Tiến,488,47\n")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def folder_with(tmp_path, foreign_month):
    """Lai Châu's reports of December to March, the one of `foreign_month` a Triệu Sơn report."""
    folder = tmp_path / "bc"
    folder.mkdir()
    for month in ("2025-12", "2026-01", "2026-02", "2026-03"):
        shutil.copy(os.path.join(FOLDER, f"bao_cao_{month}.csv"), folder / f"bao_cao_{month}.csv")
    (folder / f"bao_cao_{foreign_month}.csv").write_text(TRIEU_SON, encoding="utf-8")
    return folder


def area(plan):
    return "Tỉnh Lai Châu (minh họa)" if plan == PLANS[0] else "Tỉnh Lai Châu"


def line(file, plan):
    return (f"{file}: không dòng nào của báo cáo này (--reports) là xã của kế hoạch {area(plan)}, theo mã cũng như "
            f"theo tên; đây có phải báo cáo của địa bàn khác, hoặc theo đơn vị hành chính trước khi sắp xếp? "
            f"(no-matching-commune)\n")


@pytest.mark.parametrize("plan", PLANS, ids=["v1", "v2"])
def test_trend_says_it_once(tmp_path, plan):
    folder = folder_with(tmp_path, "2026-02")
    result = run("trend", "-p", plan, "--reports", str(folder), "-s", "bb")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == line(folder / "bao_cao_2026-02.csv", plan)


@pytest.mark.parametrize("plan", PLANS, ids=["v1", "v2"])
def test_gap_names_the_reports_option(tmp_path, plan):
    folder = folder_with(tmp_path, "2026-03")
    result = run("gap", "-p", plan, "--reports", str(folder), "-s", "bb")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == line(folder / "bao_cao_2026-03.csv", plan)
    # given with --actual, it is named so
    result = run("gap", "-p", plan, "-a", str(folder / "bao_cao_2026-03.csv"), "-s", "bb")
    assert result.stderr == line(folder / "bao_cao_2026-03.csv", plan).replace("(--reports)", "(--actual)")
