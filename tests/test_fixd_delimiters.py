"""A text table's separator is guessed from the rows that look like a table (tables/decoding.guess_delimiter),
not from its first line: a title "BÁO CÁO ... BHXH, BHYT THÁNG 6/2020" above a semicolon table no longer makes
it a comma table. A first line sep=; says the separator, as Excel reads it; when no header is found, the
message says which separator was used and how to say another."""

import os

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.tables.decoding import guess_delimiter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
PLAN_DISTRICT = os.path.join(ROOT, "data", "plan_2020.yaml")
COMMUNES = os.path.join(ROOT, "data", "communes_2020_example.csv")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return str(path)


REPORT = "Mã;Tên xã;BB tham gia\n15664;Thị trấn Triệu Sơn;901\n15667;Xã Thọ Sơn;522\n"
ROW = "15664,Thị trấn Triệu Sơn,mandatory,937,901,36,96.2,-3.7,36,937,behind\n"


def test_a_semicolon_report_under_a_title_with_a_comma_is_read(tmp_path):
    path = _write(tmp_path / "r.csv", "BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT THÁNG 6/2020\n" + REPORT)
    result = run("gap", "-p", PLAN, "-a", path, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert ROW.replace(",937,behind", ",904,behind") in result.stdout  # as of its title's 30/06/2020
    assert "15667,Xã Thọ Sơn,mandatory,522,522,0,100.0,0.0,0,522,met\n" in result.stdout


def test_a_communes_list_under_titles_with_commas_is_read_in_utf8_and_utf16(tmp_path):
    with open(COMMUNES, encoding="utf-8") as handle:
        table = handle.read().replace(",", ";")
    title = "UBND HUYỆN TRIỆU SƠN\nDANH SÁCH XÃ, THỊ TRẤN NĂM 2020\n\n"
    outputs = []
    for encoding in ("utf-8", "utf-16"):
        path = _write(tmp_path / f"ds_{encoding}.csv", title + table, encoding)
        result = run("allocate", "-c", path, "-p", PLAN_DISTRICT, "-o", str(tmp_path / f"{encoding}.csv"))
        assert result.exit_code == 0, result.stderr
        outputs.append((tmp_path / f"{encoding}.csv").read_text(encoding="utf-8"))
    result = run("allocate", "-c", COMMUNES, "-p", PLAN_DISTRICT, "-o", str(tmp_path / "plain.csv"))
    assert result.exit_code == 0
    assert outputs == [(tmp_path / "plain.csv").read_text(encoding="utf-8")] * 2


def test_a_tab_table_with_commas_and_semicolons_in_its_names(tmp_path):
    path = _write(tmp_path / "r.csv", "Báo cáo; tháng 6, 2020\nMã\tTên xã\tBB tham gia\n"
                                      "15664\tThị trấn Triệu Sơn\t901\n15667\tXã Thọ Sơn\t522\n")
    result = run("gap", "-p", PLAN, "-a", path, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert ROW in result.stdout


def test_a_first_line_sep_says_the_separator(tmp_path):
    path = _write(tmp_path / "r.csv", "sep=|\n" + REPORT.replace(";", "|"))
    result = run("gap", "-p", PLAN, "-a", path, "-s", "bb", "-f", "csv")
    assert result.exit_code == 0
    assert ROW in result.stdout


def test_no_header_says_the_separator_and_how_to_say_another(tmp_path):
    path = _write(tmp_path / "r.csv", "BÁO CÁO\n" + REPORT.replace(";", "|"))
    result = run("gap", "-p", PLAN, "-a", path, "-s", "bb", "--as-of", "2020-06-30")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}:1: không thấy dòng tiêu đề có cột 'code' (mã) và 'name' (tên) trong 30 dòng đầu; hãy đặt tên các "
        f"cột là code, name, mandatory_enrolled; tệp được đọc với dấu phân cách là dấu phẩy (,): nếu bảng dùng dấu khác, hãy thêm "
        f"một dòng đầu tệp ghi sep=; (hoặc sep=, cho dấu phẩy, sep= và một dấu tab cho dấu tab) (missing-column)\n")


def test_no_header_in_a_semicolon_table_in_english(tmp_path, english):
    path = _write(tmp_path / "r.csv", "a;b;c\n1;2;3\n4;5;6\n")
    result = run("gap", "-p", PLAN, "-a", path, "-s", "bb", "--as-of", "2020-06-30")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}:1: no header row with the columns 'code' and 'name' in the first 30 rows; name the columns code, "
        f"name, mandatory_enrolled; the file was read with the semicolon (;) as the separator: if the table uses another, add a "
        f"first line sep=; (or sep=, for a comma, sep= and a tab for a tab) (missing-column)\n")


_CELL = st.text(st.characters(whitelist_categories=("L", "N", "Zs"), max_codepoint=0x1EFF), min_size=1,
                max_size=8).filter(str.strip)
_TITLE = st.text(st.characters(whitelist_categories=("L", "N", "Zs", "Po"), blacklist_characters='"',
                               max_codepoint=0x1EFF), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["\t", ";", ","]), st.integers(2, 6), st.integers(4, 8), st.lists(_TITLE, max_size=3),
       st.data())
def test_the_tables_separator_wins_over_its_titles(delimiter, columns, rows, titles, data):
    """Any title lines (fewer than the table's rows), whatever separators they hold."""
    table = [data.draw(st.lists(_CELL, min_size=columns, max_size=columns)) for _ in range(rows)]
    lines = [title.replace("\t", " ") for title in titles] + [delimiter.join(row) for row in table]
    assert guess_delimiter("\n".join(lines) + "\n") == delimiter
