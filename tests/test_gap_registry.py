"""gap --registry and trend --registry: each report's codes and names checked against official units at the
report's own date, with the rules and words of check --registry."""

import shutil

from typer.testing import CliRunner

from bhxh_cli.cli import app

F = "tests/fixtures/crosswalk"
PLAN = f"{F}/plan_2026_trieu_son_moi.yaml"
MAP = f"{F}/trieu_son_2020_to_2025.csv"
SERIES = f"{F}/series"
REGISTRY_2020 = "tests/fixtures/registry/trieu_son_2020.csv"


def run(*args):
    return CliRunner().invoke(app, list(args))


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_wrong_name_and_an_unknown_code_are_errors_with_the_right_unit(tmp_path):
    report = write(tmp_path / "bao_cao_2026-06.csv", "code,name,mandatory_enrolled\n15664,Xã Thọ Ngọc,3600\n"
                   "15667,Xã Thọ Bình,1900\n99999,Xã Lạ,10\n")
    result = run("gap", "-p", PLAN, "-a", report, "-s", "bb", "--registry", "vn")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"{report}:2:name: 15664 là Xã Triệu Sơn trong danh mục đơn vị (vn), không phải 'Xã Thọ Ngọc' (15754 là Xã "
        "Thọ Ngọc); hãy sửa mã hoặc tên (unit-name-mismatch)",
        f"{report}:4:code: mã 99999 ('Xã Lạ') không có trong danh mục đơn vị (vn); hãy sửa mã (unknown-unit)"]
    assert lines[2].endswith("(code-name-mismatch)")  # the plan's matching, listed with them


def test_a_report_of_official_units_passes(tmp_path):
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "-s", "bb", "--registry", "vn", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_an_old_report_is_checked_at_its_own_date_before_it_is_converted():
    result = run("gap", "-p", PLAN, "--reports", SERIES, "--crosswalk", MAP, "-s", "bb", "-f", "csv",
                 "--registry", "vn", "--registry", REGISTRY_2020)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"đã chuyển {SERIES}/bao_cao_2025-06.csv")


def test_a_registry_without_units_at_the_report_date_says_so_once():
    result = run("gap", "-p", PLAN, "--reports", SERIES, "--crosswalk", MAP, "-s", "bb", "--registry", "vn")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{SERIES}/bao_cao_2025-06.csv: danh mục đơn vị (vn) không có đơn vị nào vào ngày 30/06/2025 của báo cáo "
        "(danh mục có các đơn vị từ 01/07/2025); hãy cho thêm danh mục đơn vị của ngày đó: --registry TỆP "
        "(registry-not-at-date)")


def test_a_wrong_name_in_an_old_year_ago_report_names_its_row(tmp_path):
    text = open(f"{SERIES}/bao_cao_2025-06.csv", encoding="utf-8").read().replace("Xã Thọ Sơn", "Xã Thọ Sơm")
    old = write(tmp_path / "bao_cao_2025-06.csv", text)
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "--year-ago", old, "-s", "bb",
                 "--crosswalk", MAP, "--registry", "vn", "--registry", REGISTRY_2020)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{old}:3:Tên xã: 15667 là Xã Thọ Sơn trong danh mục đơn vị (vn, {REGISTRY_2020}), không phải 'Xã Thọ Sơm'; "
        "hãy sửa mã hoặc tên (unit-name-mismatch)")


def test_a_list_of_old_units_only_says_when_its_units_end(tmp_path):
    result = run("gap", "-p", PLAN, "-a", f"{SERIES}/bao_cao_2026-06.csv", "-s", "bb", "--registry", REGISTRY_2020)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{SERIES}/bao_cao_2026-06.csv: danh mục đơn vị ({REGISTRY_2020}) không có đơn vị nào vào ngày 30/06/2026 "
        "của báo cáo (danh mục có các đơn vị đến 30/06/2025); hãy cho thêm danh mục đơn vị của ngày đó: --registry "
        "TỆP (registry-not-at-date)\n")


def test_a_registry_in_english(tmp_path, english):
    report = write(tmp_path / "bao_cao_2026-06.csv", "code,name,mandatory_enrolled\n99999,Xã Lạ,10\n")
    result = run("gap", "-p", PLAN, "-a", report, "-s", "bb", "--registry", "vn")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"{report}:2:code: code 99999 ('Xã Lạ') is not in the list of units "
                                             "(vn); correct the code (unknown-unit)")


def test_trend_checks_every_month_at_its_date(tmp_path):
    folder = tmp_path / "series"
    shutil.copytree(SERIES, folder)
    result = run("trend", "-p", PLAN, "--reports", str(folder), "-s", "bb", "--registry", "vn")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{folder}/bao_cao_2025-06.csv: danh mục đơn vị (vn) không có đơn vị nào vào ngày 30/06/2025 của báo cáo "
        "(danh mục có các đơn vị từ 01/07/2025); hãy cho thêm danh mục đơn vị của ngày đó: --registry TỆP "
        "(registry-not-at-date)\n")
    result = run("trend", "-p", PLAN, "--reports", str(folder), "-s", "bb", "--registry", "vn", "--registry",
                 REGISTRY_2020, "--crosswalk", MAP, "-f", "csv")
    assert result.exit_code == 0, result.stderr


def test_a_version_2_plan_checks_its_reports_too(tmp_path):
    v2 = tmp_path / "plan_v2.yaml"
    assert run("plan", "upgrade", PLAN, "-o", str(v2)).exit_code == 0
    report = write(tmp_path / "bao_cao_2026-06.csv", "code,name,mandatory_enrolled\n99999,Xã Lạ,10\n")
    result = run("gap", "-p", str(v2), "-a", report, "-s", "bb", "--registry", "vn")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"{report}:2:code: mã 99999 ('Xã Lạ') không có trong danh mục đơn vị "
                                             "(vn); hãy sửa mã (unknown-unit)")
    result = run("gap", "-p", str(v2), "--reports", SERIES, "--crosswalk", MAP, "-s", "bb", "-f", "csv",
                 "--registry", "vn", "--registry", REGISTRY_2020)
    assert result.exit_code == 0, result.stderr
