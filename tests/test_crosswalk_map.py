"""Reading a crosswalk file (CSV or workbook, English or Vietnamese headers) and turning a report in old units
into the new ones. The crosswalk of the fixtures is illustrative (Triệu Sơn's 34 communes of 2020 into eight
units named as after 2025, one of them divided), not the official list."""

import os

import pytest

from bhxh_cli.core.schemes import ALL_SCHEMES
from bhxh_cli.diagnostics import InputError
from bhxh_cli.tables.communes import read_communes
from bhxh_cli.tables.crosswalk_map import crosswalk_table, read_crosswalk

HERE = os.path.join(os.path.dirname(__file__), "fixtures", "crosswalk")
MAP = os.path.join(HERE, "trieu_son_2020_to_2025.csv")
REPORT = os.path.join(HERE, "report_2020-06_trieu_son.csv")
COUNTS = [f"{s}_{f}" for s in ALL_SCHEMES for f in ("eligible", "enrolled", "target")]
HEADER = "old_code,old_name,new_code,new_name,share\n"


def write(tmp_path, text, name="map.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def problems(path):
    with pytest.raises(InputError) as refused:
        read_crosswalk(path)
    return [d.text() for d in refused.value.diagnostics]


def test_the_fixture_crosswalk_reads():
    walk = read_crosswalk(MAP)
    assert (walk.rows, len(walk.crosswalk.parts), len(walk.crosswalk.new_order), walk.warnings) == (35, 34, 8, [])
    assert walk.crosswalk.parts["15760"] == [("15754", pytest.approx(0.6)), ("15763", pytest.approx(0.4))]


def test_vietnamese_headers_in_a_workbook(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Đối chiếu"
    sheet.append(["BẢNG ĐỐI CHIẾU ĐƠN VỊ HÀNH CHÍNH CẤP XÃ"])
    sheet.append(["Mã xã cũ", "Tên xã cũ", "Mã xã mới", "Tên xã mới", "Tỷ lệ (%)"])
    sheet.append(["15760", "Xã Thọ Vực", "15754", "Xã Thọ Ngọc", 60])
    sheet.append(["15760", "Xã Thọ Vực", "15763", "Xã Thọ Phú", 40])
    sheet.append(["15754", "Xã Thọ Cường", "15754", "Xã Thọ Ngọc", None])
    path = str(tmp_path / "doi_chieu.xlsx")
    book.save(path)
    walk = read_crosswalk(path)
    assert walk.crosswalk.new_names == {"15754": "Xã Thọ Ngọc", "15763": "Xã Thọ Phú"}
    assert [share for _, share in walk.crosswalk.parts["15760"]] == [pytest.approx(0.6), pytest.approx(0.4)]


def test_every_bad_row_is_named_with_its_column(tmp_path):
    path = write(tmp_path, HEADER + "1,Xã A,10,Xã X,60\n1,Xã A,11,Xã Y,30\n2,Xã B,10,Xã Z,\n,Xã C,10,Xã X,\n")
    assert problems(path) == [
        f"{path}:2:share: các tỷ lệ của 1 (Xã A) cộng lại bằng 90; tổng phải bằng 100 (phần trăm) hoặc 1 (phân số): "
        f"mỗi người của đơn vị cũ về đúng một đơn vị mới (shares-total)",
        f"{path}:4:new_name: đơn vị mới 10 ở đây tên là 'Xã Z' nhưng ở dòng 2 là 'Xã X'; tại một thời điểm mỗi mã chỉ "
        f"có một tên: hãy sửa một trong hai (new-name-conflict)",
        f"{path}:5:old_code: mã đơn vị cũ đang để trống; mỗi dòng ghi mã của một đơn vị cũ và một đơn vị mới "
        f"(old-code-missing)",
    ]


def test_a_unit_twice_without_shares(tmp_path, english):
    path = write(tmp_path, HEADER + "1,Xã A,10,Xã X,\n1,Xã A,11,Xã Y,\n")
    assert problems(path) == [
        f"{path}:2:share: 1 (Xã A) goes to 2 new units, so each of its rows needs a share; the row to 10 has none "
        f"(share-missing)",
        f"{path}:3:share: 1 (Xã A) goes to 2 new units, so each of its rows needs a share; the row to 11 has none "
        f"(share-missing)"]


def test_a_missing_column_and_no_header(tmp_path):
    path = write(tmp_path, "old_code,new_code,new_name\n1,10,X\n")
    assert problems(path) == [
        f"{path}:1: thiếu cột 'old_name'; bảng chuyển đổi có các cột old_code, old_name, new_code, new_name và, với "
        f"đơn vị bị chia, share (hoặc Mã xã cũ, Tên xã cũ, Mã xã mới, Tên xã mới, Tỷ lệ); dòng tiêu đề đang có: "
        f"old_code, new_code, new_name (missing-column)"]
    path = write(tmp_path, "code,name\n1,A\n", "other.csv")
    assert problems(path) == [
        f"{path}:1: trong 30 dòng đầu không có dòng tiêu đề nào có cột 'old_code' và 'new_code' (hoặc 'Mã xã cũ' và "
        f"'Mã xã mới'); hãy đặt tên các cột old_code, old_name, new_code, new_name, share; tệp được đọc với dấu "
        f"phân cách là dấu phẩy (,): nếu bảng dùng dấu khác, hãy thêm một dòng đầu tệp ghi sep=; (hoặc sep=, cho "
        f"dấu phẩy, sep= và một dấu tab cho dấu tab) (missing-column)"]


def test_an_invisible_character_in_a_code(tmp_path):
    path = write(tmp_path, HEADER + "1\u200b,Xã A,10,Xã X,\n")
    assert problems(path) == [
        f"{path}:2:old_code: mã có một ký tự không nhìn thấy U+200B (ZERO WIDTH SPACE); hãy xóa ký tự đó, nếu không "
        f"mã sẽ khác với mã gõ bình thường (invisible-character)"]


def report(path=REPORT):
    return read_communes(path, required=[], optional=COUNTS)


def test_a_report_in_old_units_in_the_new_ones():
    table = report()
    result = crosswalk_table(table, read_crosswalk(MAP))
    assert (result.units_in, result.units_out, result.warnings) == (34, 8, [])
    for key in ("mandatory_enrolled", "voluntary_enrolled", "unemployment_enrolled"):
        assert sum(r.counts[key] for r in result.table.rows) == sum(r.counts[key] for r in table.rows)
    by_code = {row.code: row for row in result.table.rows}
    # Thọ Vực (393 mandatory) is divided 60/40: 235.8 and 157.2 -> 236 and 157
    ngoc = ["15745", "15748", "15751", "15754"]
    old = {row.code: row.counts for row in table.rows}
    assert by_code["15754"].counts["mandatory_enrolled"] == sum(old[c]["mandatory_enrolled"] for c in ngoc) + 236
    assert by_code["15754"].name == "Xã Thọ Ngọc"
    assert list(result.table.columns) == ["code", "name", "mandatory_enrolled", "voluntary_enrolled",
                                          "unemployment_enrolled"]


def test_a_report_row_not_in_the_crosswalk_and_a_reused_code(tmp_path):
    path = write(tmp_path, "code,name,mandatory_enrolled\n15754,Xã Thọ Ngọc,10\n15799,Xã Mới,3\n", "report.csv")
    with pytest.raises(InputError) as refused:
        crosswalk_table(report(path), read_crosswalk(MAP))
    assert [d.text() for d in refused.value.diagnostics] == [
        f"{path}:2:name: 15754 trong bảng là 'Xã Thọ Ngọc' nhưng trong bảng chuyển đổi là 'Xã Thọ Cường'; mã đã "
        f"được dùng lại sau sắp xếp: hãy kiểm tra bảng có đúng là theo đơn vị cũ (name-mismatch)",
        f"{path}:3:code: 15799 (Xã Mới) không có trong bảng chuyển đổi; hãy thêm một dòng cho đơn vị này, nếu không "
        f"số liệu của nó sẽ bị mất (unmapped)"]


def test_a_partial_report_warns(tmp_path):
    path = write(tmp_path, "code,name,mandatory_enrolled\n15760,Xã Thọ Vực,393\n", "report.csv")
    result = crosswalk_table(report(path), read_crosswalk(MAP))
    # in the crosswalk's order of new units: Thọ Phú is listed first (for 15742)
    assert [(r.code, r.counts) for r in result.table.rows] == [("15763", {"mandatory_enrolled": 157}),
                                                                ("15754", {"mandatory_enrolled": 236})]
    assert [d.text() for d in result.warnings][0] == (
        f"{path}: cảnh báo: đơn vị mới 15754 (Xã Thọ Ngọc) còn nhận cả 15745, 15748, 15751, 15754, không có trong "
        f"bảng: số liệu của nó ở đây chỉ là một phần (partial-new-unit)")


def test_a_year_ago_report_with_an_offices_headers_keeps_its_date():
    import datetime as dt

    table = report(os.path.join(HERE, "report_2024-06_trieu_son.csv"))
    result = crosswalk_table(table, read_crosswalk(MAP))
    assert result.table.report_date == dt.date(2024, 6, 30)
    assert list(result.table.columns.values()) == [
        "Mã xã", "Tên xã", "BHXH bắt buộc - Thực hiện đến 30/6/2024", "BHXH tự nguyện - Thực hiện đến 30/6/2024",
        "BHTN - Thực hiện đến 30/6/2024"]
    for key in ("mandatory_enrolled", "voluntary_enrolled", "unemployment_enrolled"):
        assert sum(r.counts[key] for r in result.table.rows) == sum(r.counts[key] for r in table.rows)


def test_a_report_may_leave_out_the_word_xa(tmp_path):
    path = write(tmp_path, "code,name,mandatory_enrolled\n15754,Thọ Cường,10\n15757,XÃ THỌ PHÚ,3\n", "report.csv")
    result = crosswalk_table(report(path), read_crosswalk(MAP))
    assert [(r.code, r.counts) for r in result.table.rows] == [("15763", {"mandatory_enrolled": 3}),
                                                                ("15754", {"mandatory_enrolled": 10})]


def test_a_table_without_codes_cannot_be_crosswalked(tmp_path):
    path = write(tmp_path, "name,mandatory_enrolled\nXã Thọ Cường,10\n", "report.csv")
    with pytest.raises(InputError) as refused:
        crosswalk_table(report(path), read_crosswalk(MAP))
    assert [d.text() for d in refused.value.diagnostics] == [
        f"{path}: bảng không có cột mã; bảng chuyển đổi ({MAP}) khớp đơn vị theo mã: hãy thêm cột mã (missing-column)"]


def test_an_xls_crosswalk(tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate([["Mã xã cũ", "Tên xã cũ", "Mã xã mới", "Tên xã mới", "Tỷ lệ"],
                             ["15760", "Xã Thọ Vực", "15754", "Xã Thọ Ngọc", "3/5"],
                             ["15760", "Xã Thọ Vực", "15763", "Xã Thọ Phú", "2/5"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = str(tmp_path / "doi_chieu.xls")
    book.save(path)
    assert read_crosswalk(path).crosswalk.new_order == ["15754", "15763"]
