"""`bhxh crosswalk --map MAP TABLE --output OUT`: one test per rule a user can break, with its exact message and
exit code, and a property: every count column's total is the same before and after, through the files."""

import csv
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.join(os.path.dirname(__file__), "fixtures", "crosswalk")
MAP = os.path.join(HERE, "trieu_son_2020_to_2025.csv")
REPORT = os.path.join(HERE, "report_2020-06_trieu_son.csv")
HEADER = "old_code,old_name,new_code,new_name,share\n"


def run(*args, lang=None):
    env = {"BHXH_LANG": lang} if lang else {}
    return CliRunner().invoke(app, ["crosswalk", *args], env=env)


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_report_in_old_units_written_in_the_new_ones(tmp_path):
    out = str(tmp_path / "moi.csv")
    result = run("--map", MAP, REPORT, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"đã ghi {out}: 34 đơn vị cũ thành 8 đơn vị mới; tổng từng cột giữ nguyên: "
                             f"mandatory_enrolled 15.392 = 15.392; voluntary_enrolled 1.714 = 1.714; "
                             f"unemployment_enrolled 13.458 = 13.458\n")
    rows = rows_of(out)
    assert rows[0] == ["code", "name", "mandatory_enrolled", "voluntary_enrolled", "unemployment_enrolled"]
    assert rows[1] == ["15664", "Xã Triệu Sơn", "2876", "303", "2551"]
    # Thọ Ngọc: Xuân Thọ, Thọ Tân, Thọ Ngọc, Thọ Cường and 60% of Thọ Vực (393 -> 236; 42 -> 25; 312 -> 187)
    assert ["15754", "Xã Thọ Ngọc", str(414 + 364 + 280 + 542 + 236), str(82 + 80 + 66 + 33 + 25),
            str(375 + 310 + 246 + 476 + 187)] in rows
    assert len(rows) == 9
    assert result.stdout == ""


def test_a_workbook_in_and_out_with_vietnamese_headers(tmp_path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["BÁO CÁO THỰC HIỆN THÁNG 6 NĂM 2020"])
    sheet.append(["Mã xã", "Tên xã", "Số người tham gia BHXH bắt buộc", "Số người tham gia BHXH tự nguyện"])
    for code, name, mandatory, voluntary, _ in rows_of(REPORT)[1:]:
        sheet.append([code, name, int(mandatory), int(voluntary)])
    report = str(tmp_path / "bao_cao.xlsx")
    book.save(report)
    out = str(tmp_path / "moi.xlsx")
    result = run("--map", MAP, report, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("tổng từng cột giữ nguyên: Số người tham gia BHXH bắt buộc 15.392 = 15.392; "
                                  "Số người tham gia BHXH tự nguyện 1.714 = 1.714\n")
    written = [list(row) for row in load_workbook(out).active.iter_rows(values_only=True)]
    assert written[0] == ["Mã xã", "Tên xã", "Số người tham gia BHXH bắt buộc", "Số người tham gia BHXH tự nguyện"]
    assert written[1] == ["15664", "Xã Triệu Sơn", 2876, 303]
    assert sum(row[2] for row in written[1:]) == 15392


def test_a_unit_not_in_the_map(tmp_path):
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n15754,Xã Thọ Cường,5\n15799,Xã Mới,3\n")
    out = str(tmp_path / "out.csv")
    result = run("--map", MAP, report, "-o", out)
    assert (result.exit_code, result.stderr) == (1, (
        f"{report}:3:code: 15799 (Xã Mới) không có trong bảng chuyển đổi; hãy thêm một dòng cho đơn vị này, nếu "
        f"không số liệu của nó sẽ bị mất (unmapped)\n"))
    assert not os.path.exists(out)


def test_a_unit_not_in_the_map_in_english(tmp_path):
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n15799,Xã Mới,3\n")
    result = run("--map", MAP, report, "-o", str(tmp_path / "out.csv"), lang="en")
    assert (result.exit_code, result.stderr) == (1, (
        f"{report}:2:code: 15799 (Xã Mới) is not in the crosswalk; add a row for it, or its counts would be lost "
        f"(unmapped)\n"))


def test_a_reused_code_whose_name_disagrees(tmp_path):
    # 15754 was Thọ Cường in 2020 and is Thọ Ngọc since 2025: a report already in new units
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n15754,Xã Thọ Ngọc,5\n")
    result = run("--map", MAP, report, "-o", str(tmp_path / "out.csv"))
    assert (result.exit_code, result.stderr) == (1, (
        f"{report}:2:name: 15754 trong bảng là 'Xã Thọ Ngọc' nhưng trong bảng chuyển đổi là 'Xã Thọ Cường'; mã đã "
        f"được dùng lại sau sắp xếp: hãy kiểm tra bảng có đúng là theo đơn vị cũ (name-mismatch)\n"))


def test_a_unit_in_the_map_twice_without_shares(tmp_path):
    walk = write(tmp_path, "map.csv", HEADER + "1,Xã A,10,Xã X,\n1,Xã A,11,Xã Y,\n")
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n1,Xã A,5\n")
    result = run("--map", walk, report, "-o", str(tmp_path / "out.csv"))
    assert (result.exit_code, result.stderr) == (1, (
        f"{walk}:2:share: 1 (Xã A) chia về 2 đơn vị mới, nên mỗi dòng của nó cần có tỷ lệ; dòng sang 10 chưa có "
        f"(share-missing)\n"
        f"{walk}:3:share: 1 (Xã A) chia về 2 đơn vị mới, nên mỗi dòng của nó cần có tỷ lệ; dòng sang 11 chưa có "
        f"(share-missing)\n"))


def test_shares_of_a_divided_unit_not_adding_up(tmp_path):
    walk = write(tmp_path, "map.csv", HEADER + "1,Xã A,10,Xã X,60%\n1,Xã A,11,Xã Y,30%\n")
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n1,Xã A,5\n")
    result = run("--map", walk, report, "-o", str(tmp_path / "out.csv"))
    assert (result.exit_code, result.stderr) == (1, (
        f"{walk}:2:share: các tỷ lệ của 1 (Xã A) cộng lại bằng 90%, khác 100%; mỗi người của đơn vị cũ về đúng một "
        f"đơn vị mới (shares-total)\n"))


def test_a_new_unit_named_two_ways(tmp_path):
    walk = write(tmp_path, "map.csv", HEADER + "1,Xã A,10,Xã X,\n2,Xã B,10,Phường X,\n")
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n1,Xã A,5\n")
    result = run("--map", walk, report, "-o", str(tmp_path / "out.csv"))
    assert (result.exit_code, result.stderr) == (1, (
        f"{walk}:3:new_name: đơn vị mới 10 ở đây tên là 'Phường X' nhưng ở dòng 2 là 'Xã X'; tại một thời điểm mỗi "
        f"mã chỉ có một tên: hãy sửa một trong hai (new-name-conflict)\n"))


def test_a_partial_report_is_written_with_a_warning(tmp_path):
    report = write(tmp_path, "r.csv", "code,name,mandatory_enrolled\n15766,Xã Nông Trường,232\n")
    out = str(tmp_path / "out.csv")
    result = run("--map", MAP, report, "-o", out)
    assert result.exit_code == 0
    assert result.stderr == (
        f"cảnh báo: {report}: đơn vị mới 15766 (Xã An Nông) còn nhận cả 15709, 15712, 15715, không có trong bảng: "
        f"số liệu của nó ở đây chỉ là một phần (partial-new-unit)\n"
        f"đã ghi {out}: 1 đơn vị cũ thành 1 đơn vị mới; tổng từng cột giữ nguyên: mandatory_enrolled 232 = 232\n")


def test_columns_that_are_not_counts_are_named_when_left_out(tmp_path):
    report = write(tmp_path, "r.csv", "STT,Mã xã,Tên xã,BHXH bắt buộc thực hiện,Tỷ lệ,Ghi chú\n"
                                      "1,15760,Xã Thọ Vực,393,90%,x\n")
    out = str(tmp_path / "out.csv")
    result = run("--map", MAP, report, "-o", out)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[2] == (
        f"lưu ý: {report}: các cột 'Tỷ lệ', 'Ghi chú' không phải cột số người mà lệnh này biết, nên không có trong "
        f"bảng đã chuyển; tỷ lệ không cộng được: hãy tính lại từ số người đã chuyển")
    assert rows_of(out) == [["Mã xã", "Tên xã", "BHXH bắt buộc thực hiện"], ["15763", "Xã Thọ Phú", "157"],
                            ["15754", "Xã Thọ Ngọc", "236"]]


def test_never_over_an_input_nor_an_existing_file_without_force(tmp_path):
    report = write(tmp_path, "r.csv", open(REPORT, encoding="utf-8").read())
    result = run("--map", MAP, report, "-o", report)
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {report}: là tệp đầu vào của lệnh này; hãy ghi kết quả ra tệp khác\n")
    out = write(tmp_path, "out.csv", "old")
    result = run("--map", MAP, report, "-o", out)
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {out}: tệp đã có; thêm --force để ghi đè\n")
    assert open(out).read() == "old"
    assert run("--map", MAP, report, "-o", out, "--force").exit_code == 0
    assert rows_of(out)[1][0] == "15664"


def test_an_output_of_another_kind(tmp_path):
    result = run("--map", MAP, REPORT, "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bhxh: {tmp_path / 'out.json'}: ") and ".csv, .xlsx" in result.stderr


def test_a_map_that_cannot_be_opened(tmp_path):
    result = run("--map", str(tmp_path / "none.csv"), REPORT, "-o", str(tmp_path / "out.csv"))
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {tmp_path / 'none.csv'}: không có tệp này\n")


# -- every count is conserved, through the files ---------------------------------------------------------------

@st.composite
def cases(draw):
    n_old, n_new = draw(st.integers(1, 12)), draw(st.integers(1, 6))
    lines = [HEADER.strip()]
    for old in range(n_old):
        targets = draw(st.lists(st.integers(0, n_new - 1), min_size=1, max_size=3, unique=True))
        if len(targets) == 1:
            lines.append(f"{100 + old},Xã Cũ {old},{900 + targets[0]},Xã Mới {targets[0]},")
            continue
        weights = draw(st.lists(st.integers(1, 9), min_size=len(targets), max_size=len(targets)))
        total = sum(weights)
        lines += [f"{100 + old},Xã Cũ {old},{900 + new},Xã Mới {new},{w}/{total}" for new, w in zip(targets, weights)]
    columns = draw(st.lists(st.sampled_from(["mandatory_enrolled", "voluntary_enrolled", "health_eligible"]),
                            min_size=1, unique=True))
    table = [["code", "name", *columns]] + [[str(100 + old), f"Xã Cũ {old}",
                                             *(str(draw(st.integers(0, 10**6))) for _ in columns)]
                                            for old in range(n_old)]
    return "\n".join(lines) + "\n", table


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases())
def test_the_command_conserves_every_count(tmp_path, case):
    walk_text, table = case
    walk = write(tmp_path, "map.csv", walk_text)
    report = write(tmp_path, "r.csv", "\n".join(",".join(row) for row in table) + "\n")
    out = str(tmp_path / "out.csv")
    result = run("--map", walk, report, "-o", out, "--force")
    assert result.exit_code == 0, result.stderr
    written = rows_of(out)
    assert written[0] == table[0]
    for column in range(2, len(table[0])):
        assert sum(int(row[column]) for row in written[1:]) == sum(int(row[column]) for row in table[1:])


# -- a version 1 plan's communes -------------------------------------------------------------------------------

PLAN = os.path.join(os.path.dirname(HERE), "..", "..", "data", "plan_2020_communes_example.yaml")


def test_a_plans_communes_in_the_new_units(tmp_path):
    import yaml

    out = str(tmp_path / "plan_new.yaml")
    result = run("--map", MAP, PLAN, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"đã ghi {out}: 34 đơn vị cũ thành 8 đơn vị mới; tổng từng cột giữ nguyên: "
                                     f"mandatory.eligible 15.890 = 15.890; mandatory.enrolled 15.530 = 15.530; ")
    before = yaml.safe_load(open(PLAN, encoding="utf-8"))
    after = yaml.safe_load(open(out, encoding="utf-8"))
    assert after["schemes"] == before["schemes"] and after["plan"] == before["plan"]
    assert [c["code"] for c in after["communes"]] == ["15664", "15667", "15682", "15766", "15718", "15724", "15763",
                                                      "15754"]
    for scheme in ("mandatory", "voluntary", "unemployment"):
        for field in ("eligible", "enrolled", "baseline"):
            assert (sum(c[scheme][field] for c in after["communes"])
                    == sum(c[scheme][field] for c in before["communes"]))
    assert CliRunner().invoke(app, ["check", out]).exit_code == 0
    assert "# chuyển bằng bhxh crosswalk theo trieu_son_2020_to_2025.csv: 34 đơn vị cũ thành 8 đơn vị mới" in open(
        out, encoding="utf-8").read()


def test_a_plans_commune_not_in_the_map(tmp_path):
    plan = write(tmp_path, "plan.yaml", open(PLAN, encoding="utf-8").read().replace('code: "15757"',
                                                                                  'code: "15799"'))
    result = run("--map", MAP, plan, "-o", str(tmp_path / "out.yaml"))
    assert (result.exit_code, result.stderr) == (1, (
        f"{plan}:177:11: communes[29].code: 15799 (Xã Thọ Phú) không có trong bảng chuyển đổi; hãy thêm một dòng cho "
        f"đơn vị này, nếu không số liệu của nó sẽ bị mất (unmapped)\n"))
