"""Reading commune tables as they come from Excel: one test per reading rule."""

import pytest
from helpers import cp1258

from bhxh_cli.diagnostics import InputError, UsageError
from bhxh_cli.tables.communes import fold_header, parse_count, read_communes

REQUIRED = ["mandatory_eligible"]
OPTIONAL = ["mandatory_enrolled"]
ROWS = [("code", "name", "mandatory_eligible", "mandatory_enrolled"),
        ("15664", "Thị trấn Triệu Sơn", "1200", "1100"),
        ("15667", "Xã Thọ Sơn", "800", "700")]


def write(tmp_path, data: bytes, name="communes.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def text(rows, delimiter=","):
    return "\n".join(delimiter.join(row) for row in rows) + "\n"


def read(path, required=REQUIRED, optional=OPTIONAL):
    return read_communes(path, required=required, optional=optional)


def problems(path, **kwargs):
    with pytest.raises(InputError) as caught:
        read(path, **kwargs)
    return [d.text() for d in caught.value.diagnostics]


def as_tuples(table):
    return [(r.row, r.code, r.name, r.counts["mandatory_eligible"], r.counts["mandatory_enrolled"])
            for r in table.rows]


EXPECTED = [(2, "15664", "Thị trấn Triệu Sơn", 1200, 1100), (3, "15667", "Xã Thọ Sơn", 800, 700)]


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", text(ROWS).encode("utf-8")),
    ("utf-8-sig", b"\xef\xbb\xbf" + text(ROWS).encode("utf-8")),
    ("utf-16", text(ROWS, "\t").encode("utf-16")),  # Excel's "Unicode text": UTF-16 with BOM, tabs
    ("cp1258", cp1258(text(ROWS))),  # plain "CSV" on Vietnamese Windows: decomposed tone marks
])
def test_encodings_are_detected_and_names_are_nfc(tmp_path, encoding, data):
    table = read(write(tmp_path, data, "communes.txt"))
    assert table.encoding == encoding
    assert as_tuples(table) == EXPECTED


@pytest.mark.parametrize("delimiter,name", [(",", "a.csv"), (";", "a.csv"), ("\t", "a.csv"), (";", "a.txt"),
                                            ("\t", "a.tsv"), (",", "a.tsv")])
def test_delimiters_are_detected_whatever_the_extension(tmp_path, delimiter, name):
    table = read(write(tmp_path, text(ROWS, delimiter).encode(), name))
    assert table.delimiter == delimiter
    assert as_tuples(table) == EXPECTED


@pytest.mark.parametrize("written,value", [("15890", 15890), ("15.890", 15890), ("15,890", 15890),
                                           ("15 890", 15890), ("15\u00a0890", 15890), ("1.234.567", 1234567),
                                           (" 0 ", 0), ("1 234 567", 1234567)])
def test_count_forms(written, value):
    assert parse_count(written) == value


@pytest.mark.parametrize("written", ["15.89", "1,5", "15.8900", "15.890,5", "1.5e3", "abc", "15,890.0", "1.23.456"])
def test_counts_that_are_not_whole_numbers(written):
    assert isinstance(parse_count(written), str)


def test_grouped_numbers_in_a_semicolon_file(tmp_path):
    rows = [ROWS[0], ("15664", "A", "15.890", "15 000"), ("15667", "B", "1.200", "0")]
    table = read(write(tmp_path, text(rows, ";").encode()))
    assert [(r.counts["mandatory_eligible"], r.counts["mandatory_enrolled"]) for r in table.rows] == [
        (15890, 15000), (1200, 0)]


def test_quoted_comma_grouped_numbers_in_a_comma_file(tmp_path):
    data = 'code,name,mandatory_eligible\n15664,A,"15,890"\n'
    assert read(write(tmp_path, data.encode()), optional=[]).rows[0].counts["mandatory_eligible"] == 15890


def test_not_a_whole_number_names_row_and_column(tmp_path, english):
    rows = [ROWS[0], ("15664", "A", "15.89", "1"), ("15667", "B", "1,5", "1")]
    path = write(tmp_path, text(rows, ";").encode())
    assert problems(path) == [
        f"{path}:2:mandatory_eligible: '15.89' is not a whole number (the groups after a thousands separator "
        f"have exactly three digits); write the count of people, e.g. 15890 or 15,890 (not-a-count)",
        f"{path}:3:mandatory_eligible: '1,5' is not a whole number (the groups after a thousands separator have "
        f"exactly three digits); write the count of people, e.g. 15890 or 15,890 (not-a-count)",
    ]


def test_negative_count(tmp_path, english):
    path = write(tmp_path, text([ROWS[0], ("1", "A", "-5", "0")]).encode())
    assert problems(path) == [f"{path}:2:mandatory_eligible: '-5' is negative; counts are whole numbers, 0 or "
                              f"more (not-a-count)"]


def test_empty_cell_in_a_required_column(tmp_path, english):
    path = write(tmp_path, text([ROWS[0], ("1", "A", "", "5")]).encode())
    assert problems(path) == [f"{path}:2:mandatory_eligible: is empty; write people eligible for mandatory "
                              f"insurance (0 if there are none) (missing-value)"]


def test_empty_cell_in_an_optional_column_that_is_there(tmp_path, english):
    path = write(tmp_path, text([ROWS[0], ("1", "A", "5", "")]).encode())
    assert problems(path) == [f"{path}:2:mandatory_enrolled: is empty; write people enrolled in mandatory "
                              f"insurance now (0 if there are none) (missing-value)"]
    table = read(write(tmp_path, text([r[:3] for r in ROWS]).encode(), "b.csv"))
    assert table.rows[0].counts.get("mandatory_enrolled") is None  # a column that is not there is fine


def test_names_stripped_blank_lines_skipped_codes_keep_leading_zeros(tmp_path):
    data = "code,name,mandatory_eligible\n\n00123,  Xã   Thọ Sơn  ,5\n,,\n00456,B,6\n"
    table = read(write(tmp_path, data.encode()), optional=[])
    assert [(r.row, r.code, r.name) for r in table.rows] == [(3, "00123", "Xã Thọ Sơn"), (5, "00456", "B")]


def test_nfd_names_are_normalized(tmp_path):
    import unicodedata

    data = "code,name,mandatory_eligible\n1," + unicodedata.normalize("NFD", "Xã Thái Hòa") + ",5\n"
    table = read(write(tmp_path, data.encode()), optional=[])
    assert table.rows[0].name == "Xã Thái Hòa" and unicodedata.is_normalized("NFC", table.rows[0].name)


def test_duplicate_codes_and_names_after_normalization(tmp_path, english):
    import unicodedata

    rows = [ROWS[0], ("1", "Xã Thái Hòa", "5", "1"), ("1", "B", "5", "1"),
            ("2", unicodedata.normalize("NFD", "XÃ THÁI HÒA"), "5", "1")]
    path = write(tmp_path, text(rows).encode())
    assert problems(path) == [
        f"{path}:3:code: code '1' is already used on row 2; codes must be unique (duplicate-code)",
        f"{path}:4:name: name 'XÃ THÁI HÒA' is already used on row 2; names must be unique (duplicate-name)",
    ]


def test_missing_columns_are_all_listed(tmp_path, english):
    path = write(tmp_path, b"code,name,kind\n1,A,x\n")
    assert problems(path, required=["mandatory_eligible", "voluntary_eligible"]) == [
        f"{path}:1: missing column 'mandatory_eligible' (people eligible for mandatory insurance); the header "
        f"row has: code, name, kind (missing-column)",
        f"{path}:1: missing column 'voluntary_eligible' (people eligible for voluntary insurance); the header "
        f"row has: code, name, kind (missing-column)",
    ]


def test_no_header_row(tmp_path, english):
    path = write(tmp_path, b"a,b\n1,2\n")
    assert problems(path)[0].endswith("no header row with the columns 'code' and 'name' in the first 30 rows; "
                                      "name the columns code, name, mandatory_eligible; the file was read with the "
                                      "comma (,) as the separator: if the table uses another, add a first line "
                                      "sep=; (or sep=, for a comma, sep= and a tab for a tab) (missing-column)")


def test_enrolled_above_eligible(tmp_path, english):
    path = write(tmp_path, text([ROWS[0], ("1", "A", "5", "6")]).encode())
    assert problems(path) == [f"{path}:2:mandatory_enrolled: 6 enrolled is more than the 5 eligible; correct "
                              f"one of them (enrolled-above-eligible)"]


def test_all_errors_of_a_file_are_listed(tmp_path):
    rows = [ROWS[0], ("1", "A", "x", "1"), ("", "B", "5", "1"), ("3", "", "-1", "9")]
    path = write(tmp_path, text(rows).encode())
    assert [line.split(" ")[0] for line in problems(path)] == [
        f"{path}:2:mandatory_eligible:", f"{path}:3:code:", f"{path}:4:name:", f"{path}:4:mandatory_eligible:"]


def test_title_block_above_the_header_is_skipped(tmp_path):
    data = "PHỤ BIỂU: GIAO CHỈ TIÊU,,\n(Kèm theo Kế hoạch số 519),,\n,,\n" + text(ROWS)
    table = read(write(tmp_path, data.encode()))
    assert [(r.row, r.code) for r in table.rows] == [(5, "15664"), (6, "15667")]


def test_vietnamese_headers(tmp_path):
    rows = [("Mã", "Tên xã", "BB thuộc diện", "BB tham gia"), ("15664", "A", "12", "10")]
    table = read(write(tmp_path, text(rows).encode()))
    assert table.rows[0].counts == {"mandatory_eligible": 12, "mandatory_enrolled": 10}
    assert fold_header("Mã ĐVHC") == "ma_dvhc"


def test_headers_any_case_and_order(tmp_path):
    rows = [("MANDATORY_ENROLLED", "Name", "Mandatory Eligible", "CODE"), ("10", "A", "12", "1")]
    table = read(write(tmp_path, text(rows).encode()))
    assert (table.rows[0].code, table.rows[0].counts["mandatory_eligible"]) == ("1", 12)


def test_duplicate_column(tmp_path, english):
    rows = [("code", "name", "mandatory_eligible", "BB thuộc diện"), ("1", "A", "12", "10")]
    path = write(tmp_path, text(rows).encode())
    assert problems(path) == [f"{path}:1:BB thuộc diện: the column 'mandatory_eligible' appears twice (also as "
                              f"'mandatory_eligible'); keep one (duplicate-column)"]


def test_not_text_at_all(tmp_path, english):
    path = write(tmp_path, b"code,name\n\x81\x8d\x8f\x90\n")
    assert problems(path)[0].endswith("the file is not text in UTF-8, UTF-16 or Windows-1258; save it from "
                                      "Excel as 'CSV UTF-8' (encoding)")


def test_empty_file_and_header_only(tmp_path):
    assert problems(write(tmp_path, b"\n\n"))[0].endswith("(empty-file)")
    assert problems(write(tmp_path, b"code,name,mandatory_eligible\n", "h.csv"))[0].endswith("(empty-table)")


def test_missing_file_is_a_usage_error(tmp_path, english):
    with pytest.raises(UsageError, match="no such file"):
        read(str(tmp_path / "nope.csv"))


def test_a_cell_too_long_for_the_csv_module(tmp_path, english):
    path = write(tmp_path, b"code,name,mandatory_eligible\n1," + b"x" * 200_000 + b",5\n")
    assert problems(path)[0].startswith(f"{path}:2: cannot be read as a table: field larger than field limit")
