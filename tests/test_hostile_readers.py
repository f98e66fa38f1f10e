"""Hostile and broken input on the reading side (issue 9): nothing lost, nothing crashes, nothing hangs.
Each test feeds one kind of bad input through the command line and asserts the exact line and exit code."""

import csv
import io
import os
import re
import threading
import unicodedata
import zipfile

import pytest
from conftest import LOADERS
from helpers import cp1258
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.diagnostics import InputError, UsageError
from bhxh_cli.plan.loading import parse
from bhxh_cli.tables import positions
from bhxh_cli.tables.communes import read_communes
from bhxh_cli.tables.delimited import read_delimited

runner = CliRunner()
PLAN = """version: 1
plan: {number: 1/KH, area: Xã Thọ Sơn, year: 2020}
schemes:
  mandatory: {eligible: 300, enrolled: 200}
"""
HEADER = "code,name,mandatory_eligible\n"
pytestmark = pytest.mark.usefixtures("english_module")  # these assert the English wording


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return str(path)


def write(tmp_path, data: bytes, name="communes.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def allocate(plan, table):
    return run("allocate", "-p", plan, "-c", table, "-s", "mandatory", "-f", "csv")


def refused(result, line):
    """The run exits 1 with exactly this one line on stderr and nothing on stdout."""
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", line + "\n")


def targets(result):
    assert result.exit_code == 0, result.stderr
    return [(row["code"], row["name"], row["target"]) for row in csv.DictReader(io.StringIO(result.stdout))]


# -- encodings: chosen only when the whole file decodes, cleanly and plausibly ---------------------------

def test_utf8_with_one_bad_byte_is_refused_at_that_byte_never_read_as_windows_1258(tmp_path, plan, english):
    path = write(tmp_path, (HEADER + "1,Xã Thọ Sơn,100\n2,Xã B").encode() + b"\xe9,200\n")
    refused(allocate(plan, path), f"{path}:3:7: byte 0xe9 is not UTF-8 text, and the rest of the file is UTF-8; "
                                  f"correct the character there and save it from Excel as 'CSV UTF-8' (encoding)")


def test_a_bad_byte_after_a_bom_is_an_error_never_a_replacement_character(tmp_path, plan, english):
    path = write(tmp_path, b"\xef\xbb\xbf" + HEADER.encode() + b"1,A\xff,100\n2,B,200\n")
    refused(allocate(plan, path), f"{path}:2:4: byte 0xff is not UTF-8 text, though the file starts with UTF-8's "
                                  f"byte-order mark; correct the character there and save it from Excel as "
                                  f"'CSV UTF-8' (encoding)")


def test_a_bad_byte_is_placed_on_its_spreadsheet_row_in_a_lone_cr_file_with_a_quoted_line_break(tmp_path, plan, english):
    data = "code,name,mandatory_eligible\r1,\"Xã\rThọ Sơn\",100\r2,Xã B".encode() + b"\xe9,200\r"
    path = write(tmp_path, data)
    refused(allocate(plan, path), f"{path}:3:7: byte 0xe9 is not UTF-8 text, and the rest of the file is UTF-8; "
                                  f"correct the character there and save it from Excel as 'CSV UTF-8' (encoding)")


def test_bytes_no_encoding_reads_plausibly_are_placed_where_utf8_failed(tmp_path, plan, english):
    path = write(tmp_path, HEADER.encode() + b"1,A,100\n2,B\x01\xcc\xcc,200\n")
    refused(allocate(plan, path), f"{path}:3:5: the file is not text in UTF-8, UTF-16 or Windows-1258; save it "
                                  f"from Excel as 'CSV UTF-8' (encoding)")


def test_windows_1258_from_excel_still_reads(tmp_path, plan):
    path = write(tmp_path, cp1258(HEADER + "1,Thị trấn Triệu Sơn,100\n2,Xã Thọ Sơn,200\n"))
    assert targets(allocate(plan, path)) == [("1", "Thị trấn Triệu Sơn", "67"), ("2", "Xã Thọ Sơn", "133")]


def test_a_bad_utf16_pair_is_placed(tmp_path, plan, english):
    path = write(tmp_path, (HEADER + "1,A,100\n2,B").encode("utf-16") + b"\x00\xdc" + ",200\n".encode("utf-16-le"))
    refused(allocate(plan, path), f"{path}:3:4: the file starts like UTF-16 text but is not; save it again from "
                                  f"Excel (encoding)")


# -- CSV: the csv module's own line handling -----------------------------------------------------------

def test_a_quoted_line_break_stays_in_its_cell(tmp_path, plan):
    path = write(tmp_path, (HEADER + '1,"Xã\nThọ Sơn",100\r\n2,"Xã\r\nB",200\n').encode())
    assert read_delimited(path)[0][1:] == [["1", "Xã\nThọ Sơn", "100"], ["2", "Xã\r\nB", "200"]]
    assert targets(allocate(plan, path)) == [("1", "Xã Thọ Sơn", "67"), ("2", "Xã B", "133")]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_unicode_line_separators_do_not_split_a_row(tmp_path, separator):
    path = write(tmp_path, (HEADER + f"1,A{separator}B,100\n2,C,200\n").encode())
    assert read_delimited(path)[0] == [["code", "name", "mandatory_eligible"], ["1", f"A{separator}B", "100"],
                                       ["2", "C", "200"]]


def test_rows_after_a_quoted_line_break_keep_their_spreadsheet_row(tmp_path, plan, english):
    path = write(tmp_path, (HEADER + '1,"A\n\nB",100\n2,C,x\n').encode())
    refused(allocate(plan, path), f"{path}:3:mandatory_eligible: 'x' is not a whole number; write the count of "
                                  f"people, e.g. 15890 or 15,890 (not-a-count)")


def test_nfc_never_makes_a_delimiter(tmp_path):
    # U+037E (Greek question mark) becomes ';' in NFC: normalizing after the split keeps it in its cell
    path = write(tmp_path, "code;name;mandatory_eligible\n1;A\u037eB;100\n".encode())
    assert read_delimited(path)[0][1] == ["1", "A;B", "100"]


def test_delimiters_inside_quotes_do_not_decide_the_delimiter(tmp_path):
    path = write(tmp_path, b'"code;a;b;c",name,mandatory_eligible\n1,A,5\n')
    assert read_delimited(path)[2] == ","


CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=6), delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_text_written_by_the_csv_module_reads_back_as_the_same_cells(tmp_path_factory, rows, delimiter):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["code", "name", "count"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    records, encoding, found = read_delimited(str(path))
    expected = [["code", "name", "count"]] + [[unicodedata.normalize("NFC", c) for c in row] for row in rows]
    while expected and not any(expected[-1]):
        expected.pop()  # blank rows at the end hold nothing
    assert (encoding, found) == ("utf-8", delimiter)
    # a row of empty cells is a blank row, whether read as [] or as its empty cells
    assert [row if any(row) else [] for row in records] == [row if any(row) else [] for row in expected]


# -- limits: bytes, rows, columns, cells, checked as they stream --------------------------------------

def test_an_endless_fifo_stops_at_the_byte_limit(tmp_path, plan, monkeypatch, english):
    monkeypatch.setattr(positions, "MAX_BYTES", 1024 * 1024)
    path = str(tmp_path / "endless.csv")
    os.mkfifo(path)

    def endless():
        try:
            with open(path, "wb") as fifo:
                fifo.write(HEADER.encode())
                while True:
                    fifo.write(b"1,A,100\n" * 4096)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    refused(allocate(plan, path), f"{path}: more than 1,048,576 bytes were read and the input goes on; tables over "
                                  f"1 MB are refused (file-too-large)")
    writer.join(5)


def test_a_regular_file_over_the_limit_is_refused_before_reading(tmp_path, plan, monkeypatch, english):
    monkeypatch.setattr(positions, "MAX_BYTES", 1024 * 1024)
    path = write(tmp_path, HEADER.encode() + b"1,A,100\n" * 200_000)
    refused(allocate(plan, path), f"{path}: the file is 1,600,029 bytes; tables over 1 MB are refused "
                                  f"(file-too-large)")


def test_a_table_of_more_than_20000_rows_is_refused_at_the_first_row_past_the_limit(tmp_path, plan):
    path = write(tmp_path, HEADER.encode() + b"".join(b"%d,X%d,1\n" % (i, i) for i in range(1_000_000)))
    refused(allocate(plan, path), f"{path}:20001: row 20,001 holds text, and tables of over 20,000 rows are "
                                  f"refused (the whole country has about 10,600 communes); split the table "
                                  f"(table-too-large)")


def test_too_many_columns(tmp_path, plan):
    path = write(tmp_path, (HEADER + "1,A,100" + ",x" * 1000 + "\n").encode())
    refused(allocate(plan, path), f"{path}:2: the row has 1,003 columns, and tables of over 1,000 columns are "
                                  f"refused; remove the columns that are not needed (table-too-large)")


def test_too_many_cells(tmp_path, plan, monkeypatch):
    monkeypatch.setattr(positions, "MAX_CELLS", 10)
    path = write(tmp_path, (HEADER + "1,A,100\n2,B,100\n3,C,100\n").encode())
    refused(allocate(plan, path), f"{path}:4: the table has more than 10 cells by this row, and tables of over "
                                  f"10 cells are refused; split the table (table-too-large)")


def test_a_million_blank_lines_past_the_last_spreadsheet_row(tmp_path, plan):
    path = write(tmp_path, (HEADER + "1,A,100\n").encode() + b"\n" * 1_048_576)
    refused(allocate(plan, path), f"{path}:1048577: the table goes on past row 1,048,576, the last row a "
                                  f"spreadsheet has; tables of over 20,000 rows are refused (table-too-large)")


# -- workbooks -----------------------------------------------------------------------------------------

def workbook(tmp_path, rows=(("code", "name", "mandatory_eligible"), ("1", "A", 100), ("2", "B", 200)),
             name="communes.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    path = tmp_path / name
    book.save(path)
    return str(path)


def rewrite(path, member, change):
    """Rewrite one part of a workbook (a zip) with change(text) -> text."""
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


SHEET = "xl/worksheets/sheet1.xml"


def test_a_stored_dimension_smaller_than_the_data_is_not_trusted(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:C2"', xml))
    assert targets(allocate(plan, path)) == [("1", "A", "67"), ("2", "B", "133")]


def test_a_huge_stored_dimension_allocates_nothing_for_it(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET,
                   lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml))
    assert os.path.getsize(path) < 10_000
    assert targets(allocate(plan, path)) == [("1", "A", "67"), ("2", "B", "133")]


@pytest.mark.parametrize("dtd", [
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
])
@pytest.mark.parametrize("member", [SHEET, "xl/workbook.xml", "xl/sharedStrings.xml"])
def test_entities_and_external_references_in_a_workbook_are_refused(tmp_path, plan, dtd, member):
    book = Workbook()
    book.active.append(["code", "name", "mandatory_eligible"])
    path = tmp_path / "c.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as source:
        if member not in source.namelist():
            member = SHEET
    path = rewrite(str(path), member, lambda xml: xml.replace("?>", "?>" + dtd, 1) if xml.startswith("<?xml")
                   else dtd + xml)
    refused(allocate(plan, path), f"{path}: cannot be read as an Excel workbook (.xlsx): its part {member} declares "
                                  f"a DTD (entities or external references), which a workbook saved by Excel never "
                                  f"does; open it in Excel and save it again as 'Excel Workbook' (not-a-workbook)")


def test_malformed_sheet_xml_is_one_line(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml[: len(xml) // 2])
    result = allocate(plan, path)
    assert result.exit_code == 1 and result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"{path}: cannot be read as an Excel workbook (.xlsx): ")
    assert result.stderr.endswith("; open it in Excel and save it again as 'Excel Workbook' (not-a-workbook)\n")


def test_a_bad_number_in_a_cell_is_named_at_its_cell(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml.replace("<v>200</v>", "<v>2x0</v>"))
    refused(allocate(plan, path), f"{path}:Sheet!C3: the value '2x0' stored in cell C3 cannot be read (invalid "
                                  f"literal for int() with base 10: '2x0'); open it in Excel and save it again as 'Excel "
                                  f"Workbook' (not-a-workbook)")


def test_a_number_too_long_for_python_is_named_at_its_cell(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml.replace("<v>200</v>", f"<v>{'9' * 5000}</v>"))
    refused(allocate(plan, path), f"{path}:Sheet!C3: the number stored in cell C3 has 5,000 digits; no count of "
                                  f"people is that large (not-a-workbook)")


def test_rows_out_of_order_in_the_xml_are_refused_not_dropped(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml.replace('<row r="3"', '<row r="2"'))
    refused(allocate(plan, path), f"{path}:Sheet!A2: the sheet's XML has a row numbered '2' after row 2; rows run "
                                  f"from 1 to 1,048,576 in order; open it in Excel and save it again as 'Excel "
                                  f"Workbook' (not-a-workbook)")


def test_a_row_far_below_the_data_is_refused_without_walking_to_it(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET,
                   lambda xml: xml.replace('<row r="3"', '<row r="1048576"').replace('r="A3"', 'r="A1048576"')
                   .replace('r="B3"', 'r="B1048576"').replace('r="C3"', 'r="C1048576"'))
    refused(allocate(plan, path), f"{path}:Sheet!A1048576: row 1,048,576 holds text, and tables of over 20,000 "
                                  f"rows are refused (the whole country has about 10,600 communes); split the "
                                  f"table (table-too-large)")


def test_a_hidden_first_sheet_is_passed_over_and_the_sheet_read_is_named(tmp_path, plan):
    book = Workbook()
    book.active.title = "Old"
    book.active.append(["code", "name", "mandatory_eligible"])
    book.active.append(["9", "Z", 5])
    book.active.sheet_state = "hidden"
    data = book.create_sheet("Data")
    for row in (("code", "name", "mandatory_eligible"), ("1", "A", 100), ("2", "B", 200)):
        data.append(list(row))
    book.active = 1
    path = str(tmp_path / "c.xlsx")
    book.save(path)
    result = allocate(plan, path)
    assert targets(result) == [("1", "A", "67"), ("2", "B", "133")]
    assert result.stderr == (f"{path}:Data: note: the first sheet 'Old' is hidden; read the sheet 'Data' "
                             f"(choose another with --sheet) (sheet)\n")


def chart_first(tmp_path):
    book = Workbook()
    for row in (("code", "name", "mandatory_eligible"), ("1", "A", 100), ("2", "B", 200)):
        book.active.append(list(row))
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=3, min_row=1, max_row=3), titles_from_data=True)
    book.create_chartsheet("Chart", 0).add_chart(chart)
    return book


def test_a_chart_sheet_first_is_passed_over(tmp_path, plan):
    book = chart_first(tmp_path)
    path = str(tmp_path / "c.xlsx")
    book.save(path)
    result = allocate(plan, path)
    assert targets(result) == [("1", "A", "67"), ("2", "B", "133")]
    assert result.stderr == (f"{path}:Sheet: note: the first sheet 'Chart' is a chart; read the sheet 'Sheet' "
                             f"(choose another with --sheet) (sheet)\n")


def test_a_chart_sheet_named_with_sheet_is_not_a_table(tmp_path, plan, english):
    book = chart_first(tmp_path)
    path = str(tmp_path / "c.xlsx")
    book.save(path)
    refused(run("allocate", "-p", plan, "-c", path, "--sheet", "Chart"),
            f"{path}:Chart: the sheet 'Chart' is a chart, not a table; choose a worksheet with --sheet (not-a-table)")


def test_a_workbook_with_no_worksheet(tmp_path, plan):
    path = workbook(tmp_path)
    path = rewrite(path, "xl/workbook.xml", lambda xml: re.sub(r"<sheets>.*</sheets>", "<sheets/>", xml))
    refused(allocate(plan, path), f"{path}: the workbook has no worksheet, only charts; put the table on a "
                                  f"worksheet (not-a-table)")


# -- plan files ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", [
    "version: 1\nplan: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "version: 1\nplan:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(300)) + "  " * 301 + "1\n",
])
def test_deep_nesting_is_refused_at_its_place_never_a_recursion_error(loader, text, english):
    try:
        problems = parse(text, "p.yaml", loader=loader)[1]
    except InputError as error:  # libyaml also stops at its own nesting limit, after ours
        problems = error.diagnostics
    first = problems[0]
    assert (first.rule, first.path.count(".a")) == ("too-deep", 49)
    assert first.message == ("values are nested more than 50 levels deep; a plan is at most 4 levels deep "
                             "(communes, a commune, a scheme, a count)")


def test_deep_nesting_through_check(tmp_path, english):
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nplan: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{path}:2:203: plan.a.a.a")
    assert "values are nested more than 50 levels deep" in result.stdout


def test_a_count_of_5000_digits_is_refused(tmp_path, english):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("eligible: 300", "eligible: " + "9" * 5000), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:4:25: schemes.mandatory.eligible: 999999999999999999999999… is a whole number of 5,000 digits; "
        f"no count of people, year or version is that large (quote it if it is text, such as a code) (too-large)")


def test_a_quoted_count_of_5000_digits_is_refused(tmp_path, english):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("eligible: 300", f"eligible: \"{'9' * 5000}\""), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:4:25: schemes.mandatory.eligible: '9999999999999999999999999999999999999999…' is text of 5,000 "
        f"digits; no count of people is that large (not-a-count)")


@pytest.mark.parametrize("loader", LOADERS)
def test_a_refused_character_is_placed_by_character_after_vietnamese_text(loader):
    with pytest.raises(InputError) as caught:
        parse('version: 1\nplan: {number: "Thị trấn Triệu Sơn\x07"}\n', "p.yaml", loader=loader)
    assert [(d.line, d.column) for d in caught.value.diagnostics] == [(2, 35)]


def test_a_bad_byte_in_a_lone_cr_plan_is_placed_on_its_line(tmp_path, english):
    path = tmp_path / "p.yaml"
    path.write_bytes(b'version: 1\rplan: {number: "Th\xe1\xbb\x8b tr\xe9"}\r')
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (f"{path}:2:23: byte 0xe9 is not UTF-8 text (perhaps Windows-1258 or "
                                             f"another code page: save it as UTF-8) (encoding)")


# -- codes: one rule everywhere ------------------------------------------------------------------------

COMMUNES = """communes:
  - {code: "1", name: A, mandatory: {eligible: 100, enrolled: 70}}
  - {code: CODE, name: B, mandatory: {eligible: 200, enrolled: 130}}
"""


@pytest.mark.parametrize("code,message", [
    ('" 1"', "code ' 1' has spaces around it; write '1' (tables drop such spaces, so the codes would not match) "
             "(code-spaces)"),
    ('"2 "', "code '2 ' has spaces around it; write '2' (tables drop such spaces, so the codes would not match) "
             "(code-spaces)"),
    ('"2\u200b"', "the code contains an invisible character U+200B (ZERO WIDTH SPACE); delete it, or the code "
                  "differs from the same code typed without it (invisible-character)"),
    ('"\ufeff2"', "the code contains an invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE); delete it, or the "
                  "code differs from the same code typed without it (invisible-character)"),
    ('"2\u2060"', "the code contains an invisible character U+2060 (WORD JOINER); delete it, or the code differs "
                  "from the same code typed without it (invisible-character)"),
])
def test_plan_codes_follow_the_tables_rule(tmp_path, code, message):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN + COMMUNES.replace("CODE", code), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:7:12: communes[1].code: {message}"


def test_an_invisible_character_in_a_key_is_named(tmp_path, english):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("  mandatory:", "  mandat\u200cory:"), encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:4:3: schemes.mandat\u200cory: unknown key 'mandatory': it contains an invisible character " \
           f"U+200C (ZERO WIDTH NON-JOINER); delete it (invisible-character)" in result.stdout.splitlines()


def test_an_invisible_character_in_a_table_code_is_named(tmp_path, plan):
    path = write(tmp_path, (HEADER + "1\u200d,A,100\n2,B,200\n").encode())
    refused(allocate(plan, path), f"{path}:2:code: the code contains an invisible character U+200D (ZERO WIDTH "
                                  f"JOINER); delete it, or the code differs from the same code typed without it "
                                  f"(invisible-character)")


# -- methods and signs ---------------------------------------------------------------------------------

def test_sainte_lague_typed_with_a_combining_diaeresis(tmp_path, plan):
    path = write(tmp_path, (HEADER + "1,A,100\n2,B,200\n").encode())
    nfd = unicodedata.normalize("NFD", "Sainte-Laguë")
    assert nfd != "Sainte-Laguë"
    result = run("allocate", "-p", plan, "-c", path, "-s", "mandatory", "-f", "csv", "-m", nfd)
    assert targets(result) == [("1", "A", "67"), ("2", "B", "133")]


def test_a_rate_of_minus_zero_prints_as_zero(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("enrolled: 200}", "enrolled: 0, rate: -0.0}"), encoding="utf-8")
    table = run("rates", str(path), "--lang", "vi")
    assert table.exit_code == 0
    assert "-0,0" not in table.stdout and "0,0%" in table.stdout
    assert run("rates", str(path), "-f", "csv").stdout.splitlines()[1].split(",")[4] == "0.0"


# -- whatever a workbook's XML holds: an answer or one line, never a crash ----------------------------

JUNK = st.text(alphabet='<>/="\'&;#x0123456789abcvrstfis:! \n', max_size=30)


@settings(max_examples=300, deadline=None)
@given(member=st.sampled_from([SHEET, "xl/workbook.xml", "xl/styles.xml",
                               "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]),
       where=st.floats(0, 1), cut=st.integers(0, 40), junk=JUNK)
def test_a_workbook_with_junk_in_its_xml_never_crashes_the_reader(tmp_path_factory, member, where, cut, junk):
    path = workbook(tmp_path_factory.mktemp("x"))

    def change(xml):
        at = int(len(xml) * where)
        return xml[:at] + junk + xml[at + cut:]

    rewrite(path, member, change)
    try:
        read_communes(path, required=["mandatory_eligible"])
    except InputError as error:
        assert error.diagnostics and all("\n" not in d.text() for d in error.diagnostics)
    except UsageError as error:
        assert "\n" not in str(error)


@pytest.mark.parametrize("cell,digits", [("9" * 5000, "5,000"), ("1" * 19, "19"), ("1." + "000." * 1400 + "000", "4,204")])
def test_a_table_number_too_large_for_people_is_refused(tmp_path, plan, cell, digits):
    path = write(tmp_path, (HEADER + f"1,A,{cell}\n2,B,200\n").encode())
    refused(allocate(plan, path), f"{path}:2:mandatory_eligible: the cell holds a whole number of {digits} digits; no count "
                                  f"of people is that large (not-a-count)")


def test_phone_numbers_in_another_column_are_not_counts(tmp_path, plan):
    path = write(tmp_path, ("code,name,mandatory_eligible,note\n1,A,100,0912 345 678; 0987 654 321\n"
                            "2,B,200,\n").encode())
    assert targets(allocate(plan, path)) == [("1", "A", "67"), ("2", "B", "133")]


def test_a_workbook_number_too_large_for_people_is_refused(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml.replace("<v>200</v>", f"<v>{'9' * 40}</v>"))
    refused(allocate(plan, path), f"{path}:Sheet!C3: mandatory_eligible: the cell holds a whole number of 40 digits; no "
                                  f"count of people is that large (not-a-count)")


def test_utf16_without_a_bom_and_with_a_bad_pair_is_not_read_as_utf8(tmp_path, plan, english):
    path = write(tmp_path, (HEADER + "1,A,100\n2,B").encode("utf-16-le") + b"\x00\xdc" + ",200\n".encode("utf-16-le"))
    refused(allocate(plan, path), f"{path}:3:4: the file looks like UTF-16 text but is not; save it again from "
                                  f"Excel (encoding)")


VOWELS = "aăâeêioôơuưy"
VIETNAMESE = "".join(unicodedata.normalize("NFC", v + tone) for v in VOWELS + VOWELS.upper()
                     for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")) + "đĐbcdghklmnpqrstvx "
WORDS = st.text(alphabet=VIETNAMESE, min_size=1, max_size=20).filter(lambda w: w.strip())


@settings(max_examples=200, deadline=None)
@given(names=st.lists(WORDS, min_size=1, max_size=8), bom=st.booleans())
def test_vietnamese_names_read_back_in_every_encoding_excel_writes(tmp_path_factory, names, bom):
    text = HEADER + "".join(f"{i},\"{name}\",{i}\n" for i, name in enumerate(names, start=1))
    folder = tmp_path_factory.mktemp("enc")
    for data, encoding in ((cp1258(text), "cp1258"), ((b"\xef\xbb\xbf" if bom else b"") + text.encode(),
                                                      "utf-8-sig" if bom else "utf-8"),
                           (text.encode("utf-16"), "utf-16")):
        path = folder / "t.csv"
        path.write_bytes(data)
        records, found, _ = read_delimited(str(path))
        ascii_only = encoding == "cp1258" and text.isascii()
        assert found == ("utf-8" if ascii_only else encoding)
        assert [row[1] for row in records[1:]] == names


def test_a_number_in_other_digits_too_long_for_python_is_refused(tmp_path, plan):
    path = write(tmp_path, (HEADER + "1,A,100\n2,B," + "\u0661" * 5000 + "\n").encode())
    refused(allocate(plan, path), f"{path}:3:mandatory_eligible: the cell holds a whole number of 5,000 digits; no count "
                                  f"of people is that large (not-a-count)")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_as_a_plan_or_a_table_stops_at_the_limit(plan, english):
    checked = run("check", "/dev/zero")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == ("/dev/zero: more than 20,971,520 bytes were read and the input goes "
                                              "on; plan files over 20 MB are refused (file-too-large)")
    refused(allocate(plan, "/dev/zero"), "/dev/zero: more than 52,428,800 bytes were read and the input goes on; "
                                         "tables over 50 MB are refused (file-too-large)")


def test_a_cell_given_twice_in_a_row_is_refused_not_overwritten(tmp_path, plan):
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml.replace('r="C3"', 'r="B3"'))
    refused(allocate(plan, path), f"{path}:Sheet!B3: the cell comes again, or out of order, in the sheet's XML; open "
                                  f"it in Excel and save it again as 'Excel Workbook' (not-a-workbook)")


def test_a_row_of_more_elements_than_memory_allows_is_refused_as_it_streams(tmp_path, plan, monkeypatch):
    from bhxh_cli.tables import xlsx

    monkeypatch.setattr(xlsx, "MAX_PENDING", 40)
    cells = "".join(f'<c r="{letter}3"/>' for letter in "DEFGHIJKLMNOPQRSTUVWXYZ") * 2
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: xml.replace('<row r="3"', f'<row r="3">{cells}</row><row r="4"'))
    refused(allocate(plan, path), f"{path}:Sheet: the sheet's XML holds more than 40 elements at once (after row 2), "
                                  f"far more than a table of communes; open it in Excel and save it again as 'Excel "
                                  f"Workbook' (not-a-workbook)")


def test_a_part_read_whole_with_more_tags_than_a_table_has_is_refused_before_parsing(tmp_path, plan, monkeypatch):
    from bhxh_cli.tables import xlsx

    path = workbook(tmp_path)
    with zipfile.ZipFile(path) as book:  # the limit just above the parts Excel's smallest workbook has
        limit = max(book.read(name).count(b"<") for name in book.namelist() if not name.startswith("xl/worksheets/"))
    monkeypatch.setattr(xlsx, "MAX_PART_TAGS", limit)
    rewrite(path, "xl/styles.xml", lambda xml: xml.replace("</styleSheet>", "<!-- -->" * limit + "</styleSheet>"))
    refused(allocate(plan, path), f"{path}: cannot be read as an Excel workbook (.xlsx): its part xl/styles.xml holds "
                                  f"more than {limit:,} XML tags, far more than a table's workbook; open it in Excel "
                                  f"and save it again as 'Excel Workbook' (file-too-large)")


def test_empty_styled_cells_keep_the_columns_of_the_cells_after_them(tmp_path, plan, english):
    # cells without a place ("r") count on from the last one, empty or not, as Excel reads them
    path = rewrite(workbook(tmp_path), SHEET, lambda xml: re.sub(
        r'<row r="2">.*?</row>', '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2" s="1"/>'
        '<c><v>100</v></c></row>', xml))
    result = allocate(plan, path)
    assert result.exit_code == 1
    assert result.stderr == f"{path}:Sheet!B2: name: is empty; every commune needs its name (missing-value)\n"


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text,place", [
    ("version: 1\ncommunes:\n" + "".join(f"- {{code: '{i}'}}\n" for i in range(6)), (8, 3, "communes[5]", "list",
                                                                                       "items")),
    ("version: 1\nplan:\n" + "".join(f"  k{i}: 1\n" for i in range(6)), (8, 3, "plan", "mapping", "keys")),
])
def test_a_list_or_mapping_past_the_limit_stops_the_reading_at_its_place(loader, monkeypatch, text, place, english):
    from bhxh_cli.plan import loading

    monkeypatch.setattr(loading, "MAX_ITEMS", 5)
    with pytest.raises(InputError) as caught:
        parse(text, "p.yaml", loader=loader)
    line, column, path, what, items = place
    assert [d.text() for d in caught.value.diagnostics] == [
        f"p.yaml:{line}:{column}: {path}: the {what} holds more than 5 {items}; a plan holds at most 5 communes (the "
        f"whole country has about 10,600) (too-large)"]
