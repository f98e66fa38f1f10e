"""The fast paths of the readers (issue 14) give exactly what the plain ones give."""

import unicodedata

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.names import name_key, normalized_name
from bhxh_cli.plan.models import read_plan

# Letters as Vietnamese names write them, precomposed or not, with odd characters that casefold or
# decompose in unusual ways (ß, İ, ǅ, the Angstrom sign, a combining iota, spaces of several kinds).
_LETTERS = list("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐxhnSTgóòỏõọốồổỗộớờởỡợÓÒỎÕỌẤẦẨẪẬ") + [
    "ß", "İ", "ǅ", "\u212b", "\u0345", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u031b",
    " ", "\u00a0", "\u2000", "\t"]
_TONES = "\u0300\u0301\u0303\u0309\u0323"

pytestmark = pytest.mark.usefixtures("english_module")  # these assert the English wording


def _moved_tone(name: str) -> str:
    """The same name with each word's tone marks moved to the word's end (the old and new placements)."""
    words = []
    for word in unicodedata.normalize("NFD", name).split():
        words.append("".join(c for c in word if c not in _TONES) + "".join(c for c in word if c in _TONES))
    return " ".join(words)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LETTERS), max_size=12).map("".join),
       st.sampled_from(["NFC", "NFD", "upper", "lower", "moved", "spaces", "same"]))
def test_names_with_one_normalized_name_share_the_cheap_key(name, change):
    other = {"NFC": lambda t: unicodedata.normalize("NFC", t), "NFD": lambda t: unicodedata.normalize("NFD", t),
             "upper": str.upper, "lower": str.lower, "moved": _moved_tone, "spaces": lambda t: f"  {t}  ",
             "same": lambda t: t}[change](name)
    if normalized_name(name) == normalized_name(other):
        assert name_key(name) == name_key(other)


def test_duplicate_names_written_differently_are_found_however_many_share_a_key(tmp_path):
    names = ["Xã Thọ Hóa", "Xã Thọ Hòa", "XÃ THỌ HOÁ", "Xã Thọ Hóa", "Xã Thổ Hóa"]
    communes = "".join(f'  - {{code: "0{i}", name: {n}, mandatory: {{eligible: 1, enrolled: 1}}}}\n'
                       for i, n in enumerate(names))
    path = tmp_path / "plan.yaml"
    path.write_text("version: 1\nplan: {number: A, area: A, year: 2020}\nschemes:\n"
                    f"  mandatory: {{eligible: 5, enrolled: 5}}\ncommunes:\n{communes}", encoding="utf-8")
    problems = read_plan(str(path))[2]
    assert [(d.line, d.path, d.message) for d in problems] == [
        (8, "communes[2].name", "name 'XÃ THỌ HOÁ' is already used by communes[0] (code 00); names must be unique"),
        (9, "communes[3].name", "name 'Xã Thọ Hóa' is already used by communes[0] (code 00); names must be unique"),
    ]


def test_a_table_reads_plain_and_written_counts_alike_and_finds_names_written_differently(tmp_path):
    from bhxh_cli.diagnostics import InputError
    from bhxh_cli.tables.communes import read_communes

    path = tmp_path / "communes.csv"
    path.write_text("code,name,mandatory_eligible,mandatory_enrolled\n"
                    "01,Xã Thọ Hóa,1234,0012\n02,Xã Thọ Hòa,1.234,\" 12 \"\n03,Xã Thọ Hoá,\"1,234\",12\n"
                    "04,Xã Một,5\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_communes(str(path), required=["mandatory_eligible", "mandatory_enrolled"])
    assert [(d.line, d.column, d.message) for d in caught.value.diagnostics] == [
        (4, "name", "name 'Xã Thọ Hoá' is already used on row 2; names must be unique"),
        (5, "mandatory_enrolled", "is empty; write people enrolled in mandatory insurance now (0 if there are none)"),
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("Xã Thọ Hoá", "Xã Ba").replace("Xã Một,5", "Xã Một,5,5"),
                    encoding="utf-8")
    table = read_communes(str(path), required=["mandatory_eligible", "mandatory_enrolled"])
    assert [(r.name, r.counts) for r in table.rows] == [
        (name, {"mandatory_eligible": eligible, "mandatory_enrolled": enrolled}) for name, eligible, enrolled in
        [("Xã Thọ Hóa", 1234, 12), ("Xã Thọ Hòa", 1234, 12), ("Xã Ba", 1234, 12), ("Xã Một", 5, 5)]]


def test_an_xls_table_is_held_to_the_limits_of_every_table(tmp_path):
    import xlwt

    from bhxh_cli.diagnostics import InputError
    from bhxh_cli.tables.communes import read_communes

    book = xlwt.Workbook()
    sheet = book.add_sheet("Xa")
    for column, text in enumerate(("code", "name", "mandatory_eligible")):
        sheet.write(0, column, text)
    for row in range(1, 20_001):
        sheet.write(row, 0, f"{row:05d}")
        sheet.write(row, 1, f"X{row}")
        sheet.write(row, 2, 1)
    path = str(tmp_path / "communes.xls")
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_communes(path, required=["mandatory_eligible"])
    assert [d.text() for d in caught.value.diagnostics] == [
        f"{path}:Xa!A20001: row 20,001 holds text, and tables of over 20,000 rows are refused (the whole country "
        f"has about 10,600 communes); split the table (table-too-large)"]


_SI = st.one_of(
    st.text(st.sampled_from(list("ab Xã\u0323 x005F_\t<&>")), max_size=12).map(
        lambda t: f"<si><t>{_escape(t)}</t></si>"),
    st.just("<si><t/></si>"),
    st.text(st.sampled_from(list("ab ")), max_size=4).map(lambda t: f'<si><t xml:space="preserve">{t}</t></si>'),
    st.just("<si><r><rPr><b/></rPr><t>Xã </t></r><r><t>A</t></r></si>"),
    st.just("<si><t>Tên</t><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"),
    st.just('<si><t>a</t><t>b</t></si>'),
)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=200, deadline=None)
@given(st.lists(_SI, max_size=6))
def test_plain_shared_strings_read_as_openpyxl_reads_them(items):
    import io

    from openpyxl.reader.strings import read_string_table

    from bhxh_cli.tables.xlsx import _plain_strings

    part = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            f'2006/main">{"".join(items)}</sst>').encode("utf-8")
    fast = _plain_strings(io.BytesIO(part))
    assert fast is None or fast == read_string_table(io.BytesIO(part))
    if all(item.startswith(("<si><t>", "<si><t/>", '<si><t xml:space')) and "</t><" not in item[5:-5]
           for item in items):
        assert fast is not None  # plain strings take the fast path


_CELL = st.one_of(
    st.text(st.sampled_from(list("ab Xã1")), max_size=5).map(lambda t: ("string", t)),
    st.integers(0, 10**20).map(lambda n: ("number", n)),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda n: ("number", n)),
    st.integers(1, 60000).map(lambda n: ("date", n)),
    st.booleans().map(lambda b: ("boolean", b)),
    st.integers(0, 99).map(lambda n: ("formula", n)),
    st.just(("blank", None)),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=5))
def test_cells_read_on_the_fast_path_as_openpyxl_reads_them(rows):
    import os
    import tempfile

    import xlsxwriter

    from bhxh_cli.diagnostics import InputError
    from bhxh_cli.tables import xlsx

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.xlsx")
        book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
        sheet, dated = book.add_worksheet("S"), book.add_format({"num_format": "dd/mm/yyyy"})
        for r, row in enumerate(rows):
            for c, (kind, value) in enumerate(row):
                if kind == "string":
                    sheet.write_string(r, c, value)
                elif kind == "number":
                    sheet.write_number(r, c, value)
                elif kind == "date":
                    sheet.write_number(r, c, value, dated)
                elif kind == "boolean":
                    sheet.write_boolean(r, c, value)
                elif kind == "formula":
                    sheet.write_formula(r, c, f"={value}+0", None, value)
                else:
                    sheet.write_blank(r, c, None, dated)
        book.close()

        def read():
            try:
                return xlsx.read_sheet(path, None)[0]
            except InputError as error:
                return [d.text() for d in error.diagnostics]

        fast = read()
        plain_value = xlsx._plain_value
        xlsx._plain_value = lambda *args: None  # every cell read by openpyxl
        try:
            assert fast == read()
        finally:
            xlsx._plain_value = plain_value
