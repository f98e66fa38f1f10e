"""A title's date: a report's own day ("Báo cáo ngày 15 tháng 7 năm 2020"), a month in words ("Tháng Bảy năm
2020", Giêng … Chạp), a report of the year ("BÁO CÁO NĂM 2026": its last day, refused while it is to come)."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.commands import gap
from bhxh_cli.tables.headers import header_date, title_date


@pytest.mark.parametrize("line, date", [
    ("Báo cáo ngày 15 tháng 7 năm 2020", dt.date(2020, 7, 15)),
    ("BÁO CÁO NGÀY 15/7/2020", dt.date(2020, 7, 15)),
    ("Báo cáo số 12/BC-BHXH ngày 15/7/2020", dt.date(2020, 7, 15)),
    ("Báo cáo thực hiện Kế hoạch 77/KH-UBND ngày 01/3/2022", None),  # the plan's day, not the report's
    ("Báo cáo theo Quyết định 15/QĐ-UBND ngày 01/3/2022", None),
    ("Báo cáo tháng 6/2020, Thanh Hóa ngày 5/7/2020", dt.date(2020, 6, 30)),  # the month, not the signing day
    ("Tháng Bảy năm 2020", dt.date(2020, 7, 31)),
    ("BÁO CÁO THÁNG GIÊNG NĂM 2021", dt.date(2021, 1, 31)),
    ("Báo cáo tháng Một năm 2021", dt.date(2021, 1, 31)),
    ("Số liệu tháng Tư/2021", dt.date(2021, 4, 30)),
    ("Tháng Năm năm 2020", dt.date(2020, 5, 31)),
    ("tháng Mười năm 2020", dt.date(2020, 10, 31)),
    ("Tháng Mười Một năm 2020", dt.date(2020, 11, 30)),
    ("Tháng Mười Hai năm 2020", dt.date(2020, 12, 31)),
    ("Tháng Chạp năm 2020", dt.date(2020, 12, 31)),
    ("BÁO CÁO NĂM 2026", dt.date(2026, 12, 31)),
    ("Thanh Hóa, ngày 15 tháng 7 năm 2020", None),  # a signing day, no report named
])
def test_a_titles_date(line, date):
    assert title_date(line) == date


def test_a_header_month_in_words():
    assert header_date("BB tham gia tháng Bảy năm 2026") == dt.date(2026, 7, 31)
    assert header_date("BB tham gia tháng 6 2026") == dt.date(2026, 6, 30)


def _plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"01\", name: Phường A, mandatory: {eligible: 400, enrolled: 300, baseline: 250}}\n",
                    encoding="utf-8")
    return str(plan)


def _gap(tmp_path, title):
    report = tmp_path / "r.csv"
    report.write_text(f"{title}\nMã;Tên đơn vị;BB tham gia\n01;Phường A;350\n", encoding="utf-8")
    return str(report), CliRunner().invoke(app, ["gap", "-p", _plan(tmp_path), "-a", str(report), "-f", "json"],
                                           catch_exceptions=False)


@pytest.mark.parametrize("title, as_of", [("Báo cáo ngày 15 tháng 7 năm 2026", "2026-07-15"),
                                          ("Tháng Bảy năm 2026", "2026-07-31")])
def test_gap_is_judged_at_the_titles_day(tmp_path, monkeypatch, title, as_of):
    monkeypatch.setattr(gap, "_today", lambda: dt.date(2026, 11, 30))
    _, result = _gap(tmp_path, title)
    assert (result.exit_code, result.stderr) == (0, "")
    assert f'"as_of": "{as_of}"' in result.stdout


def test_a_report_of_a_year_still_running_is_refused_as_a_future_date(tmp_path, monkeypatch):
    monkeypatch.setattr(gap, "_today", lambda: dt.date(2026, 11, 30))
    report, result = _gap(tmp_path, "BÁO CÁO NĂM 2026")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}: tiêu đề chỉ ghi năm 2026, chưa hết năm (hôm nay 30/11/2026): hãy cho ngày "
                             "của số liệu bằng --as-of, ví dụ --as-of 30/11/2026 (report-in-future)\n")


def test_a_report_of_a_year_over_is_judged_at_its_end(tmp_path, monkeypatch):
    monkeypatch.setattr(gap, "_today", lambda: dt.date(2027, 1, 15))
    _, result = _gap(tmp_path, "BÁO CÁO NĂM 2026")
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"as_of": "2026-12-31"' in result.stdout
