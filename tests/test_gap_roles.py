"""gap's comparisons by role (--previous, --year-start, --year-ago) and a folder of dated reports (--reports):
each rule a user can break, with its exact message and exit code."""

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.core.periods import date_in_name, impossible_date_in_name

PLAN = ("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
        "  mandatory: {eligible: 1000, enrolled: 900, baseline: 800}\ncommunes:\n"
        "  - {code: \"01\", name: Phường A, mandatory: {eligible: 600, enrolled: 540, baseline: 480}}\n"
        "  - {code: \"02\", name: Xã B, mandatory: {eligible: 400, enrolled: 360, baseline: 320}}\n")


def run(*args):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return str(path)


def report(folder, name, a, b, header="mandatory_enrolled"):
    path = folder / name
    path.write_text(f"code,name,{header}\n01,Phường A,{a}\n02,Xã B,{b}\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "bao_cao"
    folder.mkdir()
    report(folder, "bao_cao_2025-06.csv", 450, 300)
    report(folder, "bao_cao_2025-12.csv", 480, 320)
    report(folder, "thang5_2026.csv", 505, 331)
    report(folder, "06-2026.csv", 510, 330)
    return folder


def test_three_comparisons_give_a_column_group_each(plan, reports):
    args = ["gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--previous", str(reports / "thang5_2026.csv"),
            "--year-start", str(reports / "bao_cao_2025-12.csv"), "--year-ago", str(reports / "bao_cao_2025-06.csv")]
    document = json.loads(run(*args, "-f", "json", "--sort", "code").stdout)
    a, b = document["rows"]
    assert (a["change_previous"], a["change_year_start"], a["change_year_ago"]) == (5, 30, 60)
    assert (b["change_previous"], b["change_year_start"], b["change_year_ago"]) == (-1, 10, 30)
    # points of the rate of the plan's eligible: 5/600 = 0.83% -> 0.8; -1/400 = -0.25% -> -0.3 (half away from 0)
    assert (a["change_previous_points"], b["change_previous_points"]) == (0.8, -0.3)
    total = document["total"]["mandatory"]
    assert (total["change_previous"], total["change_year_start"], total["change_year_ago"]) == (4, 40, 90)
    assert total["change_year_ago_points"] == 9.0
    assert document["comparisons"]["year_start"] == {"file": str(reports / "bao_cao_2025-12.csv"),
                                                     "date": "2025-12-31", "date_from": "name"}
    csv_header = run(*args, "-f", "csv").stdout.splitlines()[0]
    assert csv_header.endswith(",status,change_previous,change_previous_points,change_year_start,"
                               "change_year_start_points,change_year_ago,change_year_ago_points")
    table = run(*args, "-f", "markdown").stdout
    assert "Tăng/giảm so với cùng kỳ năm trước" in table and "+60" in table and "-1" in table
    assert "-0,3 điểm %" in table


def test_a_folder_gives_each_role_and_says_which_file(plan, reports):
    result = run("gap", "-p", plan, "--reports", str(reports), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"báo cáo: {reports / '06-2026.csv'} (30/06/2026)",
        f"so với tháng trước: {reports / 'thang5_2026.csv'}",
        f"so với cuối năm trước: {reports / 'bao_cao_2025-12.csv'}",
        f"so với cùng kỳ năm trước: {reports / 'bao_cao_2025-06.csv'}"]
    document = json.loads(result.stdout)
    assert document["as_of"] == "2026-06-30"
    assert set(document["comparisons"]) == {"previous", "year_start", "year_ago"}


def test_a_folder_with_actual_compares_that_report(plan, reports):
    result = run("gap", "-p", plan, "--reports", str(reports), "-a", str(reports / "thang5_2026.csv"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[1] == f"so với tháng trước: {reports / 'bao_cao_2025-12.csv'}"
    assert lines[3] == f"không so với cùng kỳ năm trước: {reports} không có báo cáo tháng 05/2025"
    assert json.loads(result.stdout)["as_of"] == "2026-05-31"


def test_two_reports_of_one_month_are_refused_naming_both(plan, reports):
    report(reports, "bao_cao_2026-06_sua.csv", 1, 2)
    result = run("gap", "-p", plan, "--reports", str(reports))
    assert result.exit_code == 1
    assert result.stderr == (f"{reports / 'bao_cao_2026-06_sua.csv'}: báo cáo thứ hai của tháng 06/2026, cùng với "
                             f"{reports / '06-2026.csv'}; mỗi tháng chỉ để một báo cáo trong thư mục "
                             f"(two-reports-one-month)\n")


def test_reports_it_cannot_date_are_named_not_skipped(plan, reports, english):
    report(reports, "bao_cao_moi.csv", 1, 2)
    (reports / "ke_hoach.yaml").write_text("not a report", encoding="utf-8")  # not a table: not a report
    result = run("gap", "-p", plan, "--reports", str(reports))
    assert result.exit_code == 1
    assert result.stderr == (f"{reports / 'bao_cao_moi.csv'}: no date in the file name or in the header; name the "
                             f"file by its month (bao_cao_2026-06.xlsx) or write the date in the header (Thực hiện "
                             f"đến 30/6/2026) (undated-report)\n")


def test_a_name_written_as_a_date_no_calendar_has_is_said_so(plan, reports):
    report(reports, "bao_cao_2025-13.csv", 1, 2)
    result = run("gap", "-p", plan, "--reports", str(reports))
    assert result.exit_code == 1
    assert result.stderr == (f"{reports / 'bao_cao_2025-13.csv'}: tên tệp ghi '2025-13', không phải một ngày hay "
                             f"tháng có thật, và phần đầu không ghi ngày; hãy sửa tên tệp (bao_cao_2026-06.xlsx) "
                             f"hoặc ghi ngày ở phần đầu (Thực hiện đến 30/6/2026) (undated-report)\n")


@pytest.mark.parametrize("name, written", [
    ("bao_cao_2025-13", "2025-13"), ("2026_00", "2026_00"), ("31-06-2026", "31-06-2026"),
    ("2026-02-30", "2026-02-30"), ("Tháng 13 năm 2026", "thang 13 nam 2026"), ("T0-2026", "t0-2026"),
    ("13-2026", "13-2026"), ("bao_cao", None), ("bao_cao_2026-12", None), ("2026-12-31", None),
    ("T12-2026", None), ("29-02-2028", None), ("bc_2026123", None),
])
def test_impossible_dates_in_file_names(name, written):
    assert impossible_date_in_name(name) == written


def test_a_report_dated_by_its_header_in_a_folder(plan, reports):
    report(reports, "moi_nhat.csv", 520, 340, header="BB thực hiện đến 31/7/2026")
    result = run("gap", "-p", plan, "--reports", str(reports), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[:2] == [f"báo cáo: {reports / 'moi_nhat.csv'} (31/07/2026)",
                                             f"so với tháng trước: {reports / '06-2026.csv'}"]


def test_no_such_folder(plan, tmp_path):
    result = run("gap", "-p", plan, "--reports", str(tmp_path / "khong"))
    assert (result.exit_code, result.stderr) == (2, f"bhxh: --reports {tmp_path / 'khong'}: không có thư mục này\n")


def test_the_same_file_for_two_roles_is_a_usage_error(plan, reports):
    same = str(reports / "bao_cao_2025-12.csv")
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--previous", same, "--year-start", same)
    assert (result.exit_code, result.stderr) == (
        2, f"bhxh: --previous và --year-start cùng chỉ tệp {same}; mỗi kỳ so sánh cần một báo cáo riêng\n")


def test_a_year_start_report_not_at_the_end_of_last_year(plan, reports, english):
    may = str(reports / "thang5_2026.csv")
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--year-start", may)
    assert result.exit_code == 1
    assert result.stderr == (f"{may}: the report of the end of last year (--year-start) is dated 31/05/2026 (by its "
                             f"file name), not 31/12/2025; give the report of 31/12/2025, or compare it with "
                             f"--previous (year-start-not-year-end)\n")


def test_a_year_ago_report_not_a_year_earlier(plan, reports, english):
    december = str(reports / "bao_cao_2025-12.csv")
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--year-ago", december)
    assert result.exit_code == 1
    assert result.stderr == (f"{december}: the report of the same period last year (--year-ago) is dated 31/12/2025 "
                             f"(by its file name), not in month 6/2025, a year before 30/06/2026; give the report "
                             f"of 6/2025 (year-ago-not-a-year-earlier)\n")


def test_a_role_dated_after_the_report(plan, reports, english):
    june = str(reports / "06-2026.csv")
    result = run("gap", "-p", plan, "-a", str(reports / "thang5_2026.csv"), "--year-ago", june)
    assert result.exit_code == 1
    assert result.stderr == (f"{june}: the report of the same period last year (--year-ago) is dated 30/06/2026 (by "
                             f"its file name), not before 31/05/2026, the date of {reports / 'thang5_2026.csv'}; give "
                             f"the report of a year earlier (year-ago-not-earlier)\n")


def test_a_role_that_matches_no_commune(plan, reports, tmp_path):
    other = tmp_path / "bao_cao_2025-06_huyen_cu.csv"
    other.write_text("code,name,mandatory_enrolled\n15664,Thị trấn Triệu Sơn,901\n", encoding="utf-8")
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--year-ago", str(other))
    assert result.exit_code == 1
    assert result.stderr == (f"{other}: không dòng nào của báo cáo này (--year-ago) là xã của kế hoạch Tỉnh X, theo mã "
                             f"cũng như theo tên; đây có phải báo cáo của địa bàn khác, hoặc theo đơn vị hành chính "
                             f"trước khi sắp xếp? (no-matching-commune)\n")


def test_an_undated_role_is_taken_at_its_date_and_said(plan, reports, tmp_path):
    undated = tmp_path / "cuoi_nam.csv"
    shutil.copy(reports / "bao_cao_2025-12.csv", undated)
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--year-start", str(undated), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"ghi chú: {undated} (--year-start) không ghi ngày ở phần đầu hay trong tên tệp; coi là "
                             f"báo cáo ngày 31/12/2025\n")
    assert json.loads(result.stdout)["comparisons"]["year_start"]["date_from"] == "assumed"


def test_a_role_that_lacks_a_commune_leaves_its_change_blank(plan, reports, tmp_path):
    partial = tmp_path / "bao_cao_2026-05.csv"
    partial.write_text("code,name,mandatory_enrolled\n01,Phường A,500\n", encoding="utf-8")
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--previous", str(partial), "-f", "json",
                 "--sort", "code")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [r["change_previous"] for r in document["rows"]] == [10, None]
    assert document["total"]["mandatory"]["change_previous"] is None
    assert result.stderr == (f"cảnh báo: {partial} (--previous): 1 xã có trong báo cáo kỳ này nhưng không có trong báo "
                             f"cáo này; mức thay đổi của xã đó và của tổng số để trống\n")


def test_a_role_needs_a_report(plan, reports):
    result = run("gap", "-p", plan, "--year-ago", str(reports / "bao_cao_2025-06.csv"))
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --year-ago cần có --actual (hoặc --reports): mức thay đổi là giữa hai kỳ báo cáo\n")


def test_laggards_two_ways(plan, reports):
    result = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--laggards", "1", "-f", "json")
    assert result.exit_code == 0, result.stderr
    laggards = json.loads(result.stdout)["laggards"]["mandatory"]
    # A: 510/540 = 94.4%, 30 still needed; B: 330/360 = 91.7%, 30 still needed (a tie keeps the plan's order)
    assert [r["code"] for r in laggards["by_achieved"]] == ["02"]
    assert [r["code"] for r in laggards["by_still_needed"]] == ["01"]
    table = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--laggards", "2").stdout
    assert "2 xã, phường đạt tỷ lệ thấp nhất so với chỉ tiêu" in table and "2 xã, phường còn thiếu nhiều người nhất" in table
    bad = run("gap", "-p", plan, "-a", str(reports / "06-2026.csv"), "--laggards", "0")
    assert (bad.exit_code, bad.stderr) == (2, "bhxh: --laggards 0: hãy ghi số xã cần nêu, từ 1 trở lên\n")


@pytest.mark.parametrize("name, month", [
    ("bao_cao_2026-06", (2026, 6)), ("2026-06", (2026, 6)), ("06-2026", (2026, 6)), ("thang6_2026", (2026, 6)),
    ("Tháng 6 năm 2026", (2026, 6)), ("T6-2026", (2026, 6)), ("bc_2026_06_v2", (2026, 6)),
    ("30.06.2026", (2026, 6)), ("2025-12-31", (2025, 12)),
    ("bao_cao", None), ("2026", None), ("2025-12_va_2026-01", None), ("31-06-2026", None),
])
def test_dates_in_file_names(name, month):
    found = date_in_name(name)
    assert (None if found is None else (found[0].year, found[0].month)) == month


def test_the_fixture_folder_gives_all_three_comparisons():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = run("gap", "-p", os.path.join(root, "data", "plan_2026_lai_chau_communes.yaml"),
                 "--reports", os.path.join(root, "data", "bao_cao_lai_chau"), "-f", "json", "--scheme", "tn")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [c["date"] for c in document["comparisons"].values()] == ["2026-05-31", "2025-12-31", "2025-06-30"]


def test_a_file_name_and_header_that_differ(plan, reports, english):
    report(reports, "bao_cao_2026-07.csv", 520, 340, header="BB thực hiện đến 31/8/2026")
    result = run("gap", "-p", plan, "--reports", str(reports))
    assert result.exit_code == 1
    assert result.stderr == (f"{reports / 'bao_cao_2026-07.csv'}: the file name bao_cao_2026-07.csv names the month "
                             f"07/2026, but its header is dated 31/08/2026; rename the file or correct the header "
                             f"(name-header-differ)\n")


def test_a_version_2_plan_gets_the_comparisons_too():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = run("gap", "-p", os.path.join(root, "data", "plan_2026_lai_chau_v2.yaml"), "--reports",
                 os.path.join(root, "data", "bao_cao_lai_chau"), "-s", "bb", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    ta_leng = next(r for r in document["rows"] if r["code"] == "03405")
    assert (ta_leng["change_previous"], ta_leng["change_year_start"], ta_leng["change_year_ago"]) == (1, 9, 20)
    area = next(r for r in document["rows"] if r["level"] == "area")
    units = [r for r in document["rows"] if r["level"] == "commune" and r["actual"] is not None]
    for role in ("previous", "year_start", "year_ago"):  # the area's change is its units' changes added up
        assert area[f"change_{role}"] == sum(r[f"change_{role}"] for r in units)
    ranked = run("gap", "-p", os.path.join(root, "data", "plan_2026_lai_chau_v2.yaml"), "--reports",
                 os.path.join(root, "data", "bao_cao_lai_chau"), "-s", "tn", "--laggards", "3", "-f", "json")
    assert ranked.exit_code == 0, ranked.stderr  # the units of the tree ranked (tests/test_gap_v2_roles.py)
    by_share = json.loads(ranked.stdout)["laggards"]["voluntary"]["by_achieved"]
    assert [r["code"] for r in by_share] == ["03517", "03405", "03394"]


from hypothesis import given, strategies as st  # noqa: E402


@given(st.integers(2000, 2099), st.integers(1, 12), st.sampled_from([
    "bao_cao_{y}-{m:02d}", "{y}_{m}", "{m:02d}-{y}", "thang{m}_{y}", "Tháng {m} năm {y}", "T{m}-{y}",
    "bc {m}.{y} (sua)"]))
def test_every_way_of_naming_a_month_reads_back(year, month, pattern):
    found = date_in_name(pattern.format(y=year, m=month))
    assert found is not None and (found[0].year, found[0].month, found[1]) == (year, month, False)
