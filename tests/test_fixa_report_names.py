"""A report's row matched by its code whose name is not the plan's unit of that code (codes were reused after the
2025 mergers) is never booked without a word: a warning a row, or, when most rows are so named, one error (a
report of another area). Names written as offices write them (no accents, no Xã, Hoà/Hòa, TT.) are the same
unit. One matcher for gap on v1 and v2 plans, its earlier reports, and trend."""

import os
import shutil

from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
REPORT = os.path.join(ROOT, "data", "report_2020-06_example.csv")
PLAN_V2 = os.path.join(ROOT, "data", "plan_2026_lai_chau_v2.yaml")
PLAN_TREND = os.path.join(ROOT, "data", "plan_2026_lai_chau_communes.yaml")
FOLDER = os.path.join(ROOT, "data", "bao_cao_lai_chau")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def report_lines():
    with open(REPORT, encoding="utf-8") as handle:
        return handle.read().splitlines(keepends=True)


def write(path, lines):
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


def gap(report, *more):
    return run("gap", "--plan", PLAN, "--actual", report, "--as-of", "2020-06-30", "-f", "csv", *more)


def test_one_row_named_as_another_commune_is_a_warning_and_counted_by_its_code(tmp_path):
    lines = report_lines()
    lines[1] = lines[1].replace("Thị trấn Triệu Sơn", "Xã Khác Hẳn")
    report = write(tmp_path / "r.csv", lines)
    result = gap(report)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{report}:2:name: cảnh báo: mã 15664 là Thị trấn Triệu Sơn trong kế hoạch, nhưng dòng này ghi 'Xã Khác Hẳn'; "
        f"mã đã được dùng lại sau sắp xếp đơn vị hành chính: dòng này được tính cho Thị trấn Triệu Sơn theo mã, hãy "
        f"kiểm tra và sửa tên hoặc mã (name-mismatch)\n")
    assert "15664,Thị trấn Triệu Sơn,mandatory,937,901," in result.stdout


def test_the_same_in_english(tmp_path, english):
    lines = report_lines()
    lines[1] = lines[1].replace("Thị trấn Triệu Sơn", "Xã Khác Hẳn")
    report = write(tmp_path / "r.csv", lines)
    result = gap(report)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{report}:2:name: warning: code 15664 is Thị trấn Triệu Sơn in the plan, but this row names 'Xã Khác Hẳn'; "
        f"codes were reused after the mergers: this row is counted for Thị trấn Triệu Sơn by its code; check it and "
        f"correct the name or the code (name-mismatch)\n")


def test_names_written_as_offices_write_them_are_the_plans(tmp_path):
    lines = report_lines()
    for plan_name, written in (("Thị trấn Triệu Sơn", "TT. Triệu Sơn"), ("Xã Thọ Sơn", "Xa Tho Son"),
                               ("Xã Thọ Bình", "Thọ Bình"), ("Xã Hợp Lý", "XÃ HỢP LÝ"), ("Xã Dân Lực", "Xã  Dân Lực "),
                               ("Xã Thái Hòa", "Xã Thái Hoà")):
        lines = [line.replace(f",{plan_name},", f",{written},") for line in lines]
    report = write(tmp_path / "r.csv", lines)
    result = gap(report)
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_report_whose_names_are_mostly_not_the_plans_is_refused_in_one_line(tmp_path):
    lines = report_lines()
    other = ["Phường Ninh Kiều", "Phường Cái Khế", "Phường Tân An"] + [f"Phường {i}" for i in range(31)]
    lines[1:] = [",".join([cells[0], name] + cells[2:]) for line, name in zip(lines[1:], other)
                 for cells in [line.split(",")]]
    report = write(tmp_path / "r.csv", lines)
    result = gap(report)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{report}: 34/34 dòng có mã của kế hoạch nhưng tên của đơn vị khác: dòng 2: 15664 'Phường Ninh Kiều' (kế "
        f"hoạch: Thị trấn Triệu Sơn); dòng 3: 15667 'Phường Cái Khế' (kế hoạch: Xã Thọ Sơn); dòng 4: 15670 'Phường "
        f"Tân An' (kế hoạch: Xã Thọ Bình) và 31 dòng khác; mã đã được dùng lại sau sắp xếp đơn vị hành chính, nên đây "
        f"có lẽ là báo cáo của địa bàn khác, hoặc theo đơn vị trước khi sắp xếp (khi đó hãy chuyển bằng --crosswalk); "
        f"hãy kiểm tra tệp báo cáo (names-of-another-area)\n")


def test_a_few_rows_with_other_names_are_warned_of_one_by_one(tmp_path):
    lines = report_lines()
    for index in (2, 3, 4):
        cells = lines[index].split(",")
        lines[index] = ",".join([cells[0], f"Xã Lạ {index}"] + cells[2:])
    report = write(tmp_path / "r.csv", lines)
    result = gap(report)
    assert result.exit_code == 0
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [f"{report}:{i + 1}:name" for i in (2, 3, 4)]
    assert all(line.endswith("(name-mismatch)") for line in result.stderr.splitlines())


def test_an_earlier_report_of_another_area_is_refused_too(tmp_path):
    lines = report_lines()
    before = list(lines)
    before[1:] = [",".join([cells[0], f"Xã Lạ {i}"] + cells[2:]) for i, line in enumerate(before[1:])
                  for cells in [line.split(",")]]
    previous = write(tmp_path / "may.csv", before)
    result = gap(REPORT, "--previous", previous)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{previous}: 34/34 dòng có mã của kế hoạch nhưng tên của đơn vị khác: dòng 2: "
                                    f"15664 'Xã Lạ 0' (kế hoạch: Thị trấn Triệu Sơn);")


def test_a_version_2_plan_matches_the_same_way(tmp_path):
    with open(os.path.join(FOLDER, "bao_cao_2026-06.csv"), encoding="utf-8") as handle:
        lines = handle.read().splitlines(keepends=True)
    lines[2] = lines[2].replace("Xã Bình Lư", "Xã Khác Hẳn")
    report = write(tmp_path / "bao_cao_2026-06.csv", lines)
    result = run("gap", "-p", PLAN_V2, "-a", report, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"{report}:3:name: cảnh báo: mã 03390 là Xã Bình Lư trong kế hoạch, nhưng dòng này ghi 'Xã Khác Hẳn'; mã đã "
        f"được dùng lại sau sắp xếp đơn vị hành chính: dòng này được tính cho Xã Bình Lư theo mã, hãy kiểm tra và sửa "
        f"tên hoặc mã (name-mismatch)")


def test_trend_warns_of_a_months_row_with_another_name(tmp_path):
    folder = tmp_path / "bao_cao"
    shutil.copytree(FOLDER, folder)
    month = folder / "bao_cao_2026-03.csv"
    month.write_text(month.read_text(encoding="utf-8").replace("Xã Bình Lư", "Xã Khác Hẳn"), encoding="utf-8")
    result = run("trend", "-p", PLAN_TREND, "--reports", str(folder), "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert f"{month}:3:name: cảnh báo: mã 03390 là Xã Bình Lư trong kế hoạch, nhưng dòng này ghi 'Xã Khác Hẳn'" in (
        result.stderr)
