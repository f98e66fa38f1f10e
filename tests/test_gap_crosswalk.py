"""gap --crosswalk: reports in old units (before the 2025 mergers) converted to the plan's units before they
are matched, for any role and for the report itself; which files were converted said on stderr; a report
mixing old and new units refused, naming rows."""

import csv
import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app

F = "tests/fixtures/crosswalk"
PLAN = f"{F}/plan_2026_trieu_son_moi.yaml"
MAP = f"{F}/trieu_son_2020_to_2025.csv"
SERIES = f"{F}/series"
SCHEMES = ("mandatory", "voluntary", "unemployment")


def run(*args):
    return CliRunner().invoke(app, list(args))


def rows_of(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def old_totals():
    """Each scheme's total of the June 2025 report in the 34 old units."""
    rows = rows_of(f"{SERIES}/bao_cao_2025-06.csv")
    return [sum(int(row[2 + i]) for row in rows) for i in range(3)]


def test_a_year_ago_report_in_old_units_is_converted_and_said(tmp_path):
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", f"{SERIES}/bao_cao_2025-06.csv",
                 "--crosswalk", MAP, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"đã chuyển {SERIES}/bao_cao_2025-06.csv từ đơn vị cũ sang đơn vị mới theo {MAP}: "
                             "34 đơn vị cũ thành 8 đơn vị mới\n")
    document = json.loads(result.stdout)
    now = {row[0]: row for row in rows_of(f"{SERIES}/bao_cao_2026-06.csv")}
    for i, scheme in enumerate(SCHEMES):
        total = document["total"][scheme]
        # exact: every person of the old units is in the new ones (merged added up, Thọ Vực split 60/40)
        assert total["change_year_ago"] == sum(int(r[2 + i]) for r in now.values()) - old_totals()[i]
        changes = [r["change_year_ago"] for r in document["rows"] if r["scheme"] == scheme]
        assert sum(changes) == total["change_year_ago"]
    assert document["comparisons"]["year_ago"]["date"] == "2025-06-30"


def test_merged_units_add_up_and_a_divided_unit_is_split():
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", f"{SERIES}/bao_cao_2025-06.csv",
                 "--crosswalk", MAP, "-f", "json", "-s", "bb")
    rows = {r["code"]: r for r in json.loads(result.stdout)["rows"]}
    old = {row[0]: int(row[2]) for row in rows_of(f"{SERIES}/bao_cao_2025-06.csv")}
    now = {row[0]: int(row[2]) for row in rows_of(f"{SERIES}/bao_cao_2026-06.csv")}
    # Xã Thọ Bình (15667) is Thọ Sơn, Thọ Bình and Thọ Tiến of 2020 (15667, 15670, 15673)
    assert rows["15667"]["change_year_ago"] == now["15667"] - (old["15667"] + old["15670"] + old["15673"])
    # Thọ Vực (15760) went 60% to Thọ Ngọc (15754) and 40% to Thọ Phú (15763): its people split exactly
    with open(MAP, encoding="utf-8") as handle:
        links = list(csv.DictReader(handle))
    whole = {new: sum(old[l["old_code"]] for l in links if l["new_code"] == new and not l["share"])
             for new in ("15754", "15763")}
    before = {new: now[new] - rows[new]["change_year_ago"] for new in ("15754", "15763")}
    tho_vuc = old["15760"]
    assert before["15754"] - whole["15754"] + before["15763"] - whole["15763"] == tho_vuc
    assert before["15754"] - whole["15754"] in (tho_vuc * 6 // 10, tho_vuc * 6 // 10 + 1)


def test_the_folder_of_reports_converts_only_the_old_one():
    result = run("gap", "-p", PLAN, "--reports", SERIES, "--crosswalk", MAP, "-s", "tn", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (f"đã chuyển {SERIES}/bao_cao_2025-06.csv từ đơn vị cũ sang đơn vị mới "
                                              f"theo {MAP}: 34 đơn vị cũ thành 8 đơn vị mới")
    assert "change_year_ago" in result.stdout.splitlines()[0]


def test_without_the_crosswalk_the_old_report_cannot_be_matched():
    result = run("gap", "-p", PLAN, "--reports", SERIES, "-s", "tn")
    assert result.exit_code == 1
    assert (f"{SERIES}/bao_cao_2025-06.csv:35:Mã xã: 15769 (Xã Bình Sơn) không có trong kế hoạch, theo mã cũng "
            "như theo tên") in result.stderr


def test_the_report_itself_in_old_units_is_converted(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = open(PLAN, encoding="utf-8").read().replace("year: 2026", "year: 2025")
    plan.write_text(text, encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", f"{SERIES}/bao_cao_2025-06.csv", "--crosswalk", MAP, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len({r["code"] for r in document["rows"]}) == 8
    assert [document["total"][s]["actual"] for s in SCHEMES] == old_totals()


def test_no_report_in_old_units_is_said():
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--previous", f"{SERIES}/bao_cao_2026-05.csv",
                 "--crosswalk", MAP, "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == f"không có báo cáo nào theo đơn vị cũ của {MAP}: không chuyển đổi báo cáo nào\n"


def test_a_report_mixing_old_and_new_units_names_the_rows(tmp_path):
    rows = rows_of(f"{SERIES}/bao_cao_2025-06.csv")
    mixed = tmp_path / "bao_cao_2025-06.csv"
    lines = ["code,name,mandatory_enrolled"] + [f"{r[0]},{r[1]},{r[2]}" for r in rows[:5]] + ["15682,Xã Hợp Tiến,100"]
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", str(mixed),
                 "--crosswalk", MAP, "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{mixed}:7:code: 15682 (Xã Hợp Tiến) là đơn vị của kế hoạch (đơn vị mới), nhưng 5 dòng khác của báo cáo là "
        f"đơn vị cũ trong {MAP} (dòng 2, 3, 4, 5, 6); một báo cáo chỉ theo một loại đơn vị: hãy tách thành hai báo cáo, "
        "hoặc sửa các dòng này (mixed-units)\n")


def test_a_mixed_report_in_english(tmp_path, english):
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("code,name,mandatory_enrolled\n15664,Xã Triệu Sơn,10\n15667,Xã Thọ Bình,10\n"
                     "15673,Xã Thọ Tiến,10\n", encoding="utf-8")
    result = run("gap", "-p", PLAN, "-a", str(mixed), "--crosswalk", MAP, "-s", "bb", "--as-of", "2026-06-30")
    assert result.exit_code == 1
    # 15664 and 15667 are the plan's units; 15673 (Thọ Tiến) is a commune of 2020 only
    assert result.stderr == (
        f"{mixed}:4:code: 15673 (Xã Thọ Tiến) is an old unit of {MAP}, but 2 other rows of this report are units of "
        "the plan (new units) (rows 2, 3); a report is in one kind of units: split it into two reports, or correct "
        "these rows (mixed-units)\n")


def test_an_old_report_with_a_unit_the_map_lacks_is_refused_at_its_row(tmp_path):
    rows = rows_of(f"{SERIES}/bao_cao_2025-06.csv")
    lacking = tmp_path / "bao_cao_2025-06.csv"
    lines = ["code,name,mandatory_enrolled"] + [f"{r[0]},{r[1]},{r[2]}" for r in rows] + ["15999,Xã Lạ,5"]
    lacking.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", str(lacking),
                 "--crosswalk", MAP, "-s", "bb")
    assert result.exit_code == 1
    assert result.stderr == (f"{lacking}:36:code: 15999 (Xã Lạ) không có trong bảng chuyển đổi; hãy thêm một dòng "
                             "cho đơn vị này, nếu không số liệu của nó sẽ bị mất (unmapped)\n")


def test_a_partial_old_report_warns_of_the_new_units_it_has_part_of(tmp_path):
    rows = rows_of(f"{SERIES}/bao_cao_2025-06.csv")
    part = tmp_path / "bao_cao_2025-06.csv"
    part.write_text("code,name,mandatory_enrolled\n" + "".join(f"{r[0]},{r[1]},{r[2]}\n" for r in rows[:-1]),
                    encoding="utf-8")
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", str(part),
                 "--crosswalk", MAP, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{part}: cảnh báo: đơn vị mới 15763 (Xã Thọ Phú) còn nhận cả 15769, không có trong bảng: số liệu của nó ở "
        "đây chỉ là một phần (partial-new-unit)")


def test_a_crosswalk_that_cannot_be_read_is_an_input_error(tmp_path):
    bad = tmp_path / "map.csv"
    bad.write_text("old_code,old_name,new_code\n1,A,2\n", encoding="utf-8")
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--crosswalk", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:1: ")
    assert "(missing-column)" in result.stderr


def test_the_crosswalk_file_is_never_the_output(tmp_path):
    copy = tmp_path / "map.csv"
    shutil.copy(MAP, copy)
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--crosswalk", str(copy), "-o", str(copy),
                 "--force")
    assert result.exit_code == 2
    assert open(copy, encoding="utf-8").read() == open(MAP, encoding="utf-8").read()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=34, max_size=34))
def test_conversion_keeps_every_count(tmp_path_factory, counts):
    """Whatever the old report's counts, the year-ago total's change is the new total minus the old total."""
    folder = tmp_path_factory.mktemp("old")
    codes = [(r[0], r[1]) for r in rows_of(f"{SERIES}/bao_cao_2025-06.csv")]
    old = folder / "bao_cao_2025-06.csv"
    old.write_text("code,name,mandatory_enrolled\n" + "".join(f"{c},{n},{k}\n" for (c, n), k in zip(codes, counts)),
                   encoding="utf-8")
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", str(old),
                 "--crosswalk", MAP, "-s", "bb", "-f", "json")
    document = json.loads(result.stdout)
    now = sum(int(r[2]) for r in rows_of(f"{SERIES}/bao_cao_2026-06.csv"))
    assert document["total"]["mandatory"]["change_year_ago"] == now - sum(counts)


def test_a_version_2_plan_compares_with_a_converted_year_ago_report(tmp_path):
    v2 = tmp_path / "plan_v2.yaml"
    assert run("plan", "upgrade", PLAN, "-o", str(v2)).exit_code == 0
    result = run("gap", "-p", str(v2), "--reports", SERIES, "--crosswalk", MAP, "-s", "bb", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"đã chuyển {SERIES}/bao_cao_2025-06.csv từ đơn vị cũ")
    area = [r for r in json.loads(result.stdout)["rows"] if r["level"] == "area"][0]
    now = sum(int(r[2]) for r in rows_of(f"{SERIES}/bao_cao_2026-06.csv"))
    assert area["change_year_ago"] == now - old_totals()[0]


def test_trend_converts_a_month_in_old_units(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_text(open(PLAN, encoding="utf-8").read().replace("year: 2026", "year: 2025"), encoding="utf-8")
    shutil.copy(f"{SERIES}/bao_cao_2025-06.csv", folder)
    shutil.copy(f"{SERIES}/bao_cao_2025-12.csv", folder)
    result = run("trend", "-p", str(plan), "--reports", str(folder), "--crosswalk", MAP, "-s", "bb", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"đã chuyển {folder}/bao_cao_2025-06.csv từ đơn vị cũ sang đơn vị mới theo {MAP}: "
                             "34 đơn vị cũ thành 8 đơn vị mới\n")
    document = json.loads(result.stdout)
    assert document["months"] == ["2025-06", "2025-12"]
    assert document["total"]["months"][0]["enrolled"] == old_totals()[0]
