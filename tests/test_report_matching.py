"""Matching a report's rows to the plan's communes: a wrong code beside a right name is matched by the name
with a warning; a report none of whose rows is a commune of the plan is refused in one line."""

import os

from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_a_wrong_code_beside_a_right_name_is_matched_by_the_name_with_a_warning(tmp_path):
    report = tmp_path / "r.csv"
    report.write_text("Mã xã,Tên xã,BB thực hiện\n15664,Thị trấn Triệu Sơn,900\n99999,Xã Thọ Sơn,500\n",
                      encoding="utf-8")
    result = run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"{report}:3:Mã xã: cảnh báo: mã 99999 không có trong kế hoạch; dòng này được khớp theo tên với 15667 "
        f"(Xã Thọ Sơn); hãy sửa mã trong báo cáo (code-not-in-plan)")
    assert "15667,Xã Thọ Sơn,mandatory,522,500," in result.stdout


def test_a_report_of_another_area_is_refused_in_one_line(tmp_path):
    report = tmp_path / "r.csv"
    wards = [("31135", "Phường Ninh Kiều"), ("31120", "Phường Cái Khế"), ("31147", "Phường Tân An"),
             ("31150", "Phường An Hòa")]
    report.write_text("code,name,mandatory_enrolled\n" + "".join(f"{c},{n},10\n" for c, n in wards),
                      encoding="utf-8")
    result = run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{report}: không dòng nào của báo cáo này (--actual) là xã của kế hoạch Huyện Triệu Sơn, tỉnh Thanh Hóa, "
        f"theo mã cũng như theo tên; đây có phải báo cáo của địa bàn khác, hoặc theo đơn vị hành chính trước khi "
        f"sắp xếp? (no-matching-commune)\n")


def test_a_report_dated_after_today_is_refused(tmp_path, monkeypatch):
    import datetime as dt
    import shutil

    from bhxh_cli.commands import gap

    monkeypatch.setattr(gap, "_today", lambda: dt.date(2020, 6, 15))
    report = tmp_path / "bao_cao_2020-06.csv"  # the file name says June 2020: figures to 30/06/2020
    shutil.copy(os.path.join(ROOT, "data", "report_2020-06_example.csv"), report)
    result = run("gap", "--plan", PLAN, "--actual", str(report))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{report}: báo cáo ghi số liệu đến ngày 30/06/2020, sau hôm nay (15/06/2020): số liệu của ngày chưa đến thì "
        f"chưa thể có; hãy sửa ngày trong tiêu đề hoặc tên tệp (report-in-future)\n")
    monkeypatch.setattr(gap, "_today", lambda: dt.date(2020, 6, 30))  # on the day itself: judged as usual
    assert run("gap", "--plan", PLAN, "--actual", str(report), "-f", "csv").exit_code == 0
