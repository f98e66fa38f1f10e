"""Registries of official units: the package's list since 1 July 2025 (`vn`), a user's dated list (the Triệu
Sơn list of 2020), and `bhxh check --registry` on plans of format versions 1 and 2, with exact messages."""

import datetime as dt
import os
from collections import Counter

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.core.registry import Registry, Unit, check_units, same_name
from bhxh_cli.diagnostics import InputError
from bhxh_cli.tables.communes import read_communes
from bhxh_cli.tables.registry import builtin_registry, read_registries, read_registry, report_problems

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRIEU_SON = os.path.join(ROOT, "tests", "fixtures", "registry", "trieu_son_2020.csv")
LAI_CHAU = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
TRIEU_SON_PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")


def check(*args, lang=None):
    return CliRunner().invoke(app, ["check", *args], env={"BHXH_LANG": lang} if lang else {})


def test_the_package_list_has_the_counts_of_the_reform():
    registry = builtin_registry()
    assert len(registry.units) == 3321
    assert len({unit.parent for unit in registry.units}) == 34
    assert Counter(unit.kind for unit in registry.units) == {"xã": 2621, "phường": 687, "đặc khu": 13}
    assert registry.at("03408", dt.date(2026, 1, 1)).name == "Phường Tân Phong"
    assert registry.at("03408", dt.date(2025, 6, 30)) is None  # since 1 July 2025 only
    assert registry.at("15754", dt.date(2026, 1, 1)).name == "Xã Thọ Ngọc"


def test_names_compare_as_names():
    assert same_name("Xã Thọ Hoá", "XÃ  THỌ HÓA") and same_name("Tân Phong", "Phường Tân Phong")
    assert not same_name("Xã Tân Phong", "Phường Tân Phong") and not same_name("Xã Thọ Ngọc", "Xã Thọ Cường")


def test_a_reused_code_is_read_at_its_date():
    registry = read_registries(["vn", TRIEU_SON])
    assert registry.at("15754", dt.date(2020, 3, 15)).name == "Xã Thọ Cường"
    assert registry.at("15754", dt.date(2026, 1, 1)).name == "Xã Thọ Ngọc"
    found = check_units(registry, [("15754", "Xã Thọ Ngọc"), ("15751", "Xã Thọ Ngọc")], dt.date(2020, 3, 15))
    assert [(f.index, f.rule, f.values) for f in found] == [
        (0, "unit-name-mismatch", {"code": "15754", "name": "Xã Thọ Ngọc", "known": "Xã Thọ Cường",
                                   "suggested_code": "15751", "suggested_name": "Xã Thọ Ngọc"})]


def test_a_unit_valid_in_a_period():
    unit = Unit("1", "Xã A", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 6, 30))
    assert unit.valid_at(dt.date(2020, 1, 1)) and unit.valid_at(dt.date(2025, 6, 30))
    assert not unit.valid_at(dt.date(2019, 12, 31)) and not unit.valid_at(dt.date(2025, 7, 1))
    assert check_units(Registry([unit]), [("", "Xã A")], dt.date(2021, 1, 1)) == []


# -- bhxh check --registry ---------------------------------------------------------------------------------------

def test_a_version_2_plan_whose_units_are_all_official():
    result = check("--registry", "vn", LAI_CHAU)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "đã kiểm tra 1 tệp: không có vấn đề nào\n")


def test_a_code_that_is_another_unit_suggests_the_right_one(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(open(LAI_CHAU, encoding="utf-8").read().replace('code: "03408"', 'code: "03199"'),
                    encoding="utf-8")
    result = check("--registry", "vn", str(plan))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{plan}:59:11: units[4].name: 03199 là Xã Si Pa Phìn trong danh mục đơn vị (vn), không phải 'Phường Tân "
        f"Phong' (03408 là Phường Tân Phong); hãy sửa mã hoặc tên (unit-name-mismatch)\n")
    english = check("--registry", "vn", str(plan), lang="en")
    assert english.stdout == (
        f"{plan}:59:11: units[4].name: 03199 is Xã Si Pa Phìn in the list of units (vn), not 'Phường Tân Phong' "
        f"(03408 is Phường Tân Phong); correct the code or the name (unit-name-mismatch)\n")


def test_a_version_1_plan_of_2020_against_the_list_of_its_date():
    result = check("--registry", TRIEU_SON, "--registry", "vn", TRIEU_SON_PLAN)
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_plan_of_2020_against_the_list_since_2025():
    result = check("--registry", "vn", TRIEU_SON_PLAN)
    assert (result.exit_code, result.stdout) == (1, (
        f"{TRIEU_SON_PLAN}:13:11: plan.issued: danh mục đơn vị (vn) không có đơn vị nào vào ngày 15/03/2020 của kế "
        f"hoạch (danh mục có các đơn vị từ 01/07/2025); hãy cho thêm danh mục đơn vị của ngày đó: --registry TỆP "
        f"(registry-not-at-date)\n"))


def test_a_reused_code_read_at_the_plans_date_with_both_lists():
    lines = check("--registry", "vn", "--registry", TRIEU_SON, TRIEU_SON_PLAN)
    assert (lines.exit_code, lines.stdout) == (0, "")


def test_an_unknown_code_with_a_known_name(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(open(TRIEU_SON_PLAN, encoding="utf-8").read().replace('code: "15757"', 'code: "15799"'),
                    encoding="utf-8")
    result = check("--registry", TRIEU_SON, str(plan))
    assert (result.exit_code, result.stdout) == (1, (
        f"{plan}:177:11: communes[29].code: mã 15799 ('Xã Thọ Phú') không có trong danh mục đơn vị ({TRIEU_SON}) "
        f"(15757 là Xã Thọ Phú); hãy sửa mã (unknown-unit)\n"))


def test_a_registry_that_cannot_be_opened(tmp_path):
    result = check("--registry", str(tmp_path / "none.csv"), LAI_CHAU)
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {tmp_path / 'none.csv'}: không có tệp này\n")


# -- a user's list of units ---------------------------------------------------------------------------------------

def problems(tmp_path, text):
    path = tmp_path / "units.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_registry(str(path))
    return str(path), [d.text() for d in refused.value.diagnostics]


def test_a_list_with_bad_rows(tmp_path):
    path, found = problems(tmp_path, "Mã,Tên,Loại,Từ ngày,Đến ngày\n1,Xã A,xã,2020-01-01,31/12/2024\n"
                                     "1,Xã B,xã,01/06/2024,\n2,,xã,32/01/2020,\n3,Xã C,xã,2025-07-01,2025-06-30\n")
    assert found == [
        f"{path}:3:Mã: mã 1 cũng có ở dòng 2 (Xã A) trong một thời gian trùng với dòng này; tại một thời điểm mỗi mã "
        f"chỉ là một đơn vị: hãy sửa ngày (registry-overlap)",
        f"{path}:4:Tên: đang để trống; hãy ghi tên chính thức của đơn vị (missing-value)",
        f"{path}:4:Từ ngày: '32/01/2020' không phải là ngày; hãy ghi dạng 01/07/2025 hoặc 2025-07-01, hoặc để trống "
        f"ô này (bad-date)",
        f"{path}:5:Đến ngày: đơn vị có hiệu lực đến 30/06/2025, trước ngày bắt đầu hiệu lực 01/07/2025; hãy sửa một "
        f"trong hai ngày (bad-date)"]


def test_a_list_without_its_header(tmp_path):
    path, found = problems(tmp_path, "a,b\n1,2\n")
    assert found == [f"{path}:1: trong 30 dòng đầu không có dòng tiêu đề nào có cột 'code' và 'name'; danh mục đơn "
                     f"vị có các cột code, name, kind, parent, valid_from, valid_to; tệp được đọc với dấu phân "
                     f"cách là dấu phẩy (,): nếu bảng dùng dấu khác, hãy thêm một dòng đầu tệp ghi sep=; (hoặc "
                     f"sep=, cho dấu phẩy, sep= và một dấu tab cho dấu tab) (missing-column)"]


def test_a_report_checked_against_a_registry(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("code,name,mandatory_enrolled\n03408,Tân Phong,10\n03199,Phường Đoàn Kết,5\n03999,Xã Không Có,1\n",
                      encoding="utf-8")
    table = read_communes(str(report), required=["mandatory_enrolled"])
    found = report_problems(table, builtin_registry(), dt.date(2026, 6, 30))
    assert [d.text() for d in found] == [
        f"{report}:3:name: 03199 là Xã Si Pa Phìn trong danh mục đơn vị (vn), không phải 'Phường Đoàn Kết' (03388 "
        f"là Phường Đoàn Kết); hãy sửa mã hoặc tên (unit-name-mismatch)",
        f"{report}:4:code: mã 03999 ('Xã Không Có') không có trong danh mục đơn vị (vn); hãy sửa mã (unknown-unit)"]


def test_a_kind_that_is_not_the_registrys_is_a_warning(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = open(LAI_CHAU, encoding="utf-8").read()
    plan.write_text(text.replace('name: Phường Tân Phong\n    kind: phường', 'name: Phường Tân Phong\n    kind: xã'),
                    encoding="utf-8")
    result = check("--registry", "vn", str(plan))
    assert (result.exit_code, result.stdout) == (0, (
        f"{plan}:60:11: units[4].kind: cảnh báo: 03408 (Phường Tân Phong) là phường trong danh mục đơn vị (vn), "
        f"không phải xã; hãy sửa loại đơn vị (unit-kind-mismatch)\n"))


def test_a_plan_whose_units_are_another_provinces():
    plan = os.path.join(ROOT, "tests", "fixtures", "registry", "plan_2026_other_province.yaml")
    result = check("--registry", "vn", plan)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{plan}:{line}:12: communes[{index}].code: {code} ({name}) thuộc Thành phố Cần Thơ trong danh mục đơn vị "
        f"(vn), không thuộc Tỉnh Quảng Ninh của kế hoạch; hãy kiểm tra mã, hoặc địa bàn của kế hoạch (plan.area) "
        f"(unit-outside-area)"
        for index, (line, code, name) in enumerate([(7, "31135", "Phường Ninh Kiều"), (8, "31120", "Phường Cái Khế"),
                                                    (9, "31147", "Phường Tân An")])]


def test_the_area_is_matched_without_the_word_for_its_kind():
    registry = Registry([Unit("00001", "Xã A", "xã", "22"), Unit("00002", "Xã B", "xã", "92")], "t",
                        {"22": "Quảng Ninh", "92": "Thành phố Cần Thơ"})
    from bhxh_cli.core.registry import outside_area

    day = dt.date(2026, 1, 1)
    assert outside_area(registry, [("00001", "Xã A"), ("00002", "Xã B")], day, "Tỉnh Quảng Ninh")[0].index == 1
    assert [f.index for f in outside_area(registry, [("00001", "Xã A"), ("00002", "Xã B")], day, "TP. Cần Thơ")] == [0]
    assert outside_area(registry, [("00001", "Xã A")], day, "Tỉnh Lạ") == []  # an area the list does not know
