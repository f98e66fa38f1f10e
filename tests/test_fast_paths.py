"""The fast paths of the readers (issue 14) give exactly what the plain ones give."""

import datetime
import unicodedata

import pytest

from hypothesis import event, given, settings
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


# -- the communes of a plan as bhxh writes them, read without YAML events (plan/loading.py) -----------------

import glob  # noqa: E402
import os  # noqa: E402

from bhxh_cli.diagnostics import InputError  # noqa: E402
from bhxh_cli.plan import loading  # noqa: E402

_PLANS = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "fixtures", "plans", "*", "*.yaml"))
                + glob.glob(os.path.join(os.path.dirname(__file__), "..", "data", "*.yaml")))


def _findings(path: str, *, written: bool, monkeypatch, loader=None):
    """What read_plan gives for this file, with the written-communes reader on (for any size) or off."""
    with monkeypatch.context() as patch:
        if written:
            patch.setattr(loading, "_WRITTEN_MIN", 0)
        else:
            patch.setattr(loading, "_written_communes", lambda text, loader: None)
            patch.setattr(loading, "_written_units", lambda text, loader: None)
        try:
            doc, plan, problems = read_plan(path, loader=loader)
        except InputError as error:
            return None, [d.text() for d in error.diagnostics]
    return (plan.model_dump() if plan is not None else None, doc.data), [d.text() for d in problems]


@pytest.mark.parametrize("path", _PLANS, ids=os.path.basename)
def test_every_plan_file_reads_the_same_with_the_written_communes_reader(path, monkeypatch, loader):
    assert _findings(path, written=True, monkeypatch=monkeypatch, loader=loader) == _findings(
        path, written=False, monkeypatch=monkeypatch, loader=loader)


def test_a_plan_bhxh_wrote_is_read_without_yaml_events(tmp_path, monkeypatch):
    text = ("version: 1\nplan: {number: 1/KH, area: Việt Nam, year: 2020}\nschemes:\n"
            "  mandatory: {eligible: 30, enrolled: 20}\ncommunes:\n  # split by bhxh allocate\n"
            '  - code: "01"\n    name: "Xã Một"\n    mandatory: {eligible: 10, enrolled: 8, baseline: 6}\n'
            '  - name: "Xã Hai"\n    mandatory: {eligible: 20, enrolled: 12}\n')
    data = loading._written_communes(text, loading._DEFAULT_LOADER)
    assert data == {"version": 1, "plan": {"number": "1/KH", "area": "Việt Nam", "year": 2020},
                    "schemes": {"mandatory": {"eligible": 30, "enrolled": 20}},
                    "communes": [{"code": "01", "name": "Xã Một", "mandatory": {"eligible": 10, "enrolled": 8,
                                                                             "baseline": 6}},
                                 {"name": "Xã Hai", "mandatory": {"eligible": 20, "enrolled": 12}}]}
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert _findings(str(path), written=True, monkeypatch=monkeypatch)[1] == []


# Pieces of a written plan, and what may go wrong in one: every file made of them reads the same both ways.
_NAME_CHARS = list("Xã Thọ Hóa-0123 ") + ['"', "\\", "\t", "\x85", "\u2028", "\ufeff", "\x7f", "#", ":", "{", "}",
                                           "'", "\u0301", "\U0001f3e0", "\x00", "\r", "’"]
_SAFE_CHARS = list("Xã Thọ Hóa-0123 ’#:{}'")
_COUNTS = st.one_of(*[st.integers(0, 10**6).map(str)] * 6, st.sampled_from(["007", "0", "1_000", "1.5", "-3", "9" * 19,
                                                                      "1e3", "0x1F", "", "~", "yes", "1,000"]))
_KEYS = st.sampled_from(["eligible", "enrolled", "baseline", "rate", "eligible", "Eligible", "code", "name"])
_SCHEMES = st.sampled_from(["mandatory", "voluntary", "unemployment", "mandatory", "health", "name", "code"])


@st.composite
def _written_plan(draw) -> str:
    lines = ["version: 1", "plan: {number: 1/KH, area: Việt Nam, year: 2020}", "schemes:",
             "  mandatory: {eligible: 3000, enrolled: 2000}", "  voluntary: {eligible: 3000, enrolled: 2000}",
             "communes:"]
    if draw(st.booleans()):
        lines.append("  # " + draw(st.text(st.sampled_from(draw(st.sampled_from([_SAFE_CHARS, _NAME_CHARS]))),
                                           max_size=10)))
    for index in range(draw(st.integers(1, 4))):
        name = draw(st.one_of(st.just(f"Xã {index}"), st.text(st.sampled_from(_SAFE_CHARS), max_size=8),
                              st.text(st.sampled_from(_NAME_CHARS), max_size=8)))
        code = draw(st.one_of(st.just(f"{index:02d}"), st.just(None), st.text(st.sampled_from(_SAFE_CHARS), max_size=4),
                              st.text(st.sampled_from(_NAME_CHARS), max_size=4)))
        if code is not None:
            lines += [f'  - code: "{code}"', f'    name: "{name}"']
        else:
            lines.append(f'  - name: "{name}"')
        for scheme in draw(st.one_of(st.just(["mandatory", "voluntary"]), st.lists(_SCHEMES, max_size=3))):
            pairs = draw(st.one_of(st.just([("eligible", "1000"), ("enrolled", "900")]),
                                   st.lists(st.tuples(_KEYS, _COUNTS), min_size=1, max_size=3)))
            lines.append(f"    {scheme}: {{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    text = "\n".join(lines) + "\n"
    change = draw(st.sampled_from(["none"] * 7 + ["indent", "crlf", "no-newline", "blank", "tab", "top"]))
    at = draw(st.integers(0, max(0, len(text) - 1)))
    if change == "indent":
        text = text.replace("\n    ", "\n     ", 1) if at % 2 else text.replace("\n  - ", "\n - ", 1)
    elif change == "crlf":
        text = text.replace("\n", "\r\n")
    elif change == "no-newline":
        text = text[:-1]
    elif change == "blank":
        text = text[:at] + "\n" + text[at:]
    elif change == "tab":
        text = text[:at] + "\t" + text[at:]
    elif change == "top":
        text = draw(st.sampled_from(["---\n", "%YAML 1.1\n---\n", "communes: []\n", "...\n", "x: |\n"])) + text
    return text


@settings(max_examples=300, deadline=None)
@given(_written_plan())
def test_any_written_plan_reads_the_same_with_the_written_communes_reader(text):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plan.yaml")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        with pytest.MonkeyPatch.context() as monkeypatch:
            assert _findings(path, written=True, monkeypatch=monkeypatch) == _findings(
                path, written=False, monkeypatch=monkeypatch)
            data = loading._written_communes(text, loading._DEFAULT_LOADER)
            if data is not None:  # taken: exactly what YAML reads
                assert data == loading._fast_build(loading._DEFAULT_LOADER(text).get_event)


# -- the units of a version 2 plan as bhxh writes them ----------------------------------------------------------

_PLANS_V2 = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "fixtures", "plans_v2", "*", "*.yaml"))
                   + glob.glob(os.path.join(os.path.dirname(__file__), "..", "data", "*.yaml")))


def _findings_v2(path: str, *, written: bool, loader=None):
    """What read_any_plan gives for this file (v1 or v2), with the written readers on (any size) or off."""
    from bhxh_cli.plan.reading import read_any_plan

    with pytest.MonkeyPatch.context() as patch:
        if written:
            patch.setattr(loading, "_WRITTEN_MIN", 0)
        else:
            patch.setattr(loading, "_written_communes", lambda text, loader: None)
            patch.setattr(loading, "_written_units", lambda text, loader: None)
        try:
            doc, plan, problems = read_any_plan(path, loader=loader)
        except InputError as error:
            return None, [d.text() for d in error.diagnostics]
    return (plan.model_dump() if plan is not None else None, doc.data), [d.text() for d in problems]


@pytest.mark.parametrize("path", _PLANS_V2, ids=os.path.basename)
def test_every_v2_plan_file_reads_the_same_with_the_written_units_reader(path, loader):
    assert _findings_v2(path, written=True, loader=loader) == _findings_v2(path, written=False, loader=loader)


_V2_HEAD = ("version: 2\nplan: {number: 1/KH, area: Tỉnh Mẫu, year: 2026}\nschemes:\n"
            "  mandatory: {eligible: 30, target: 20}\n  health: {population: 90, target: 80}\n")


def test_a_v2_plan_bhxh_wrote_is_read_without_yaml_events(tmp_path):
    text = (_V2_HEAD + "units:\n  # made by bhxh\n  - code: \"01\"\n    name: Huyện Một\n    kind: huyện\n"
            "    schemes:\n      mandatory: {eligible: 30, target: 20}\n      health: {population: 90, target: 80}\n"
            "    units:\n      - code: \"011\"\n        name: \"Xã Một\"\n        kind: \"xã\"\n        schemes:\n"
            "          mandatory: {eligible: 10, target: 5}\n          health: {population: 40, target: 30}\n"
            "      - name: Thị trấn Hai\n        schemes:\n          mandatory: {eligible: 20, target: 15}\n"
            "          health: {population: 50, target: 50}\n")
    data = loading._written_units(text, loading._DEFAULT_LOADER)
    assert data is not None and data == loading._fast_build(loading._DEFAULT_LOADER(text).get_event)
    assert data["units"][0]["units"][1] == {"name": "Thị trấn Hai", "schemes": {
        "mandatory": {"eligible": 20, "target": 15}, "health": {"population": 50, "target": 50}}}
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert _findings_v2(str(path), written=True)[1] == []


def test_the_national_plans_read_the_same_both_ways(tmp_path):
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
    from national_v2 import write_national

    for path in write_national(str(tmp_path)):
        text = open(path, encoding="utf-8").read()
        assert loading._written_units(text, loading._DEFAULT_LOADER) is not None  # the fast path is taken
        assert _findings_v2(path, written=True) == _findings_v2(path, written=False)


_PLAIN = st.one_of(st.sampled_from(["Xã Một", "Đơn vị 7", "yes", "No", "null", "1", "007", "2026-01-01", "1_000",
                                    "0x1F", "1.5", "Xã  Hai", "Xã Hai ", " Xã", "Xã: Hai", "Xã #1", "-Xã", "~",
                                    ".inf", "1:30", "true", "Phường_1", "Xã\u0301"]),
                   st.text(st.sampled_from(_NAME_CHARS), max_size=6))


@st.composite
def _written_v2_plan(draw) -> str:
    lines = _V2_HEAD.splitlines() + ["units:"]

    def scalar() -> str:
        return draw(st.one_of(_PLAIN, _PLAIN.map(lambda t: f'"{t}"')))

    def unit(indent: str, level: int) -> None:
        code = draw(st.sampled_from([None, '"01"', "01", "1", "other"]))
        code = scalar() if code == "other" else code
        if code is not None:
            lines.extend([f"{indent}- code: {code}", f"{indent}  name: {scalar()}"])
        else:
            lines.append(f"{indent}- name: {scalar()}")
        if draw(st.booleans()):
            lines.append(f"{indent}  kind: {draw(st.sampled_from(['xã', 'phường', 'huyện', 'thị trấn', 'yes', '1']))}")
        lines.append(f"{indent}  schemes:")
        for scheme in draw(st.one_of(st.just(["mandatory", "health"]), st.lists(_SCHEMES, max_size=3))):
            pairs = draw(st.one_of(st.just([("eligible", "10"), ("target", "5")]),
                                   st.lists(st.tuples(_KEYS, _COUNTS), min_size=1, max_size=3)))
            lines.append(f"{indent}    {scheme}: {{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
        if level < 2 and draw(st.booleans()):
            lines.append(f"{indent}  units:")
            for _ in range(draw(st.integers(0 if draw(st.booleans()) else 1, 2))):
                unit(indent + "    ", level + 1)

    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            lines.append("  # " + draw(st.text(st.sampled_from(_NAME_CHARS), max_size=6)))
        unit("  ", 0)
    text = "\n".join(lines) + "\n"
    change = draw(st.sampled_from(["none"] * 7 + ["indent", "crlf", "no-newline", "blank", "tab", "top", "deeper"]))
    at = draw(st.integers(0, max(0, len(text) - 1)))
    if change == "indent":
        text = text.replace("\n    ", "\n     ", 1) if at % 2 else text.replace("\n  - ", "\n - ", 1)
    elif change == "crlf":
        text = text.replace("\n", "\r\n")
    elif change == "no-newline":
        text = text[:-1]
    elif change == "blank":
        text = text[:at] + "\n" + text[at:]
    elif change == "tab":
        text = text[:at] + "\t" + text[at:]
    elif change == "top":
        text = draw(st.sampled_from(["---\n", "%YAML 1.1\n---\n", "units: []\n", "...\n", "x: |\n"])) + text
    elif change == "deeper":  # a line continued on a deeper one: a plain scalar goes on
        text = text.replace("\n", "\n        more\n", 1 + at % 5)
    return text


@settings(max_examples=300, deadline=None)
@given(_written_v2_plan())
def test_any_written_v2_plan_reads_the_same_with_the_written_units_reader(text):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plan.yaml")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        assert _findings_v2(path, written=True) == _findings_v2(path, written=False)
        data = loading._written_units(text, loading._DEFAULT_LOADER)
        if data is not None:  # taken: exactly what YAML reads
            assert data == loading._fast_build(loading._DEFAULT_LOADER(text).get_event)
# --- .xlsx: calamine's fast reading gives what openpyxl's careful reading gives (tables/xlsx.py) ---

def _both_readings(path, sheet=None):
    """(what the fast path gives or None if it declined, what openpyxl's path gives): rows, or the error."""
    from bhxh_cli.tables import xlsx

    def outcome(read):
        try:
            rows, places = read()
            return rows, places.sheet
        except Exception as error:  # an InputError or UsageError: its text
            return type(error).__name__, str(getattr(error, "diagnostics", error))

    read = xlsx._calamine_sheet(str(path), open(path, "rb").read(), sheet)[0]
    fast = None if read is None else outcome(lambda: read)
    real = xlsx._calamine_sheet
    xlsx._calamine_sheet = lambda path, raw, sheet: (None, False)
    try:
        careful = outcome(lambda: xlsx.read_sheet(str(path), sheet))
    finally:
        xlsx._calamine_sheet = real
    return fast, careful


def _workbook(path, cells, *, formats=None):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Sheet")
    styles = {name: book.add_format({"num_format": code}) for name, code in (formats or {}).items()}
    for (row, column), value in cells.items():
        style = None
        if isinstance(value, tuple):
            value, style = value[0], styles[value[1]]
        if isinstance(value, str):
            sheet.write_string(row, column, value, style)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, style)
        else:
            sheet.write_number(row, column, value, style)
    book.close()
    return path


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 8), st.integers(0, 5)),
                       st.one_of(st.text(max_size=8), st.integers(-10**17, 10**17), st.booleans(),
                                 st.floats(allow_nan=False, allow_infinity=False, width=64),
                                 st.tuples(st.integers(0, 10**6), st.sampled_from(["date", "thousands", "custom"]))),
                       max_size=20))
def test_calamine_reads_a_workbook_as_openpyxl_does_or_leaves_it_to_openpyxl(tmp_path_factory, cells):
    path = _workbook(tmp_path_factory.mktemp("x") / "t.xlsx", cells,
                     formats={"date": "dd/mm/yyyy", "thousands": "#,##0", "custom": "0.0 \"người\""})
    fast, careful = _both_readings(path)
    if fast is not None:
        assert fast == careful


def test_a_plain_report_is_read_by_calamine_and_a_dated_one_by_openpyxl(tmp_path):
    plain = _workbook(tmp_path / "plain.xlsx", {(0, 0): "code", (0, 1): "enrolled", (1, 0): "00001",
                                                (1, 1): 15890, (2, 0): "Xã  Tân", (2, 1): (1234, "thousands")},
                      formats={"thousands": "#,##0"})
    fast, careful = _both_readings(plain)
    assert fast == careful == ([["code", "enrolled"], ["00001", "15890"], ["Xã  Tân", "1234"]], "Sheet")
    dated = _workbook(tmp_path / "dated.xlsx", {(0, 0): "as_of", (1, 0): (44012, "date")},
                      formats={"date": "dd/mm/yyyy"})
    fast, careful = _both_readings(dated)
    assert fast is None and careful == ([["as_of"], ["2020-06-30T00:00:00"]], "Sheet")


def test_every_workbook_fixture_reads_the_same_both_ways():
    from pathlib import Path

    fixtures = sorted(Path(__file__).parent.glob("fixtures/**/*.xlsx"))
    assert fixtures
    for path in fixtures:
        fast, careful = _both_readings(path)
        assert fast is None or fast == careful, path


# --- names: the closest names, for messages, as difflib's get_close_matches gives them (core/names.py) ---

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeg ơđ1", max_size=8),
       st.lists(st.text(alphabet="abcdeg ơđ1", max_size=8), max_size=30, unique=True), st.integers(1, 4))
def test_the_closest_names_are_difflibs(word, candidates, count):
    import difflib

    from bhxh_cli.core.names import _closest

    assert _closest(word, candidates, count) == difflib.get_close_matches(word, candidates, n=count, cutoff=0)


def test_a_large_plan_suggests_the_names_difflib_would():
    import difflib

    from bhxh_cli.core.names import NameIndex, _fold, split_prefix

    names = {str(i): f"Xã Số {i + 1}" for i in range(2000)} | {"a": "Phường Ba Đình", "b": "Xã Bà Điểm"}
    index = NameIndex(names)
    for asked in ("Ba Dinh", "Phường Lạ 7", "So 19", "Xã Bà Điễm", ""):
        by_rest: dict[str, list[str]] = {}
        for known in names.values():
            by_rest.setdefault(_fold(split_prefix(normalized_name(known))[1]), []).append(known)
        close = difflib.get_close_matches(_fold(split_prefix(normalized_name(asked))[1]), list(by_rest), n=3,
                                          cutoff=0)
        assert index.nearest(asked) == [known for r in close for known in by_rest[r]][:3]


# -- a clean version-1 plan read without pydantic (plan/plain.py) ------------------------------------------

def _read_both_ways(path: str, monkeypatch, check_rates: bool):
    """What read_any_plan gives for this file with plain.clean_plan on, and with it off (the models alone)."""
    from bhxh_cli.plan import plain
    from bhxh_cli.plan.reading import read_any_plan

    def findings():
        try:
            doc, plan, problems = read_any_plan(path, check_rates=check_rates)
        except InputError as error:
            return None, [d.text() for d in error.diagnostics]
        return (plan.model_dump() if plan is not None else None), [d.text() for d in problems]

    fast = findings()
    with monkeypatch.context() as patch:
        patch.setattr(plain, "clean_plan", lambda data, check_rates=True: None)
        slow = findings()
    return fast, slow


@pytest.mark.parametrize("check_rates", [True, False], ids=["rates-checked", "rates-shown"])
@pytest.mark.parametrize("path", _PLANS, ids=os.path.basename)
def test_every_plan_file_reads_the_same_without_the_models(path, monkeypatch, check_rates):
    fast, slow = _read_both_ways(path, monkeypatch, check_rates)
    assert fast == slow


def test_a_clean_plan_is_read_without_importing_pydantic():
    import subprocess
    import sys

    plan = os.path.join(os.path.dirname(__file__), "..", "data", "plan_2020.yaml")
    code = ("import sys; from bhxh_cli.plan.reading import read_area_plan; "
            f"doc, plan, problems = read_area_plan({plan!r}); "
            "assert plan is not None and not problems; print(sorted({m.split('.')[0] for m in sys.modules}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pydantic" not in result.stdout and "pydantic_core" not in result.stdout
    assert "bhxh_cli" in result.stdout


_ODD_VALUES = st.one_of(st.integers(-3, 10**6), st.booleans(), st.floats(allow_nan=True, allow_infinity=True),
                        st.none(), st.text(max_size=3), st.just([]), st.just({}), st.dates(), st.datetimes(),
                        st.lists(st.one_of(st.integers(-1, 101), st.floats(-1, 101)), max_size=13),
                        st.sampled_from([" 01", "0\u200b1", "1/KH", "Xã A", "xã a", "XÃ A", 1, 1.0, "1"]))


@st.composite
def _maybe_spoiled(draw, data: dict, keys: list[str]) -> dict:
    """`data`, or it with one value changed, one key removed or one key added (often nothing)."""
    change = draw(st.sampled_from(["none"] * 30 + ["value", "remove", "add"]))
    data = dict(data)
    if change == "value":
        data[draw(st.sampled_from(keys))] = draw(_ODD_VALUES)
    elif change == "remove" and data:
        del data[draw(st.sampled_from(sorted(data)))]
    elif change == "add":
        data[draw(st.sampled_from(["Eligible", "health", "extra", 1, "code\u200b"]))] = draw(_ODD_VALUES)
    return data


@st.composite
def _counts_data(draw) -> dict:
    eligible = draw(st.integers(0, 2000))
    enrolled = draw(st.integers(0, eligible + 2))
    data = {"eligible": eligible, "enrolled": enrolled}
    if draw(st.booleans()):
        exact = enrolled * 100 / eligible if eligible else 0
        data["rate"] = draw(st.sampled_from([round(exact, 1)] * 6 + [exact + 0.2, int(exact), 100.5]))
    if draw(st.booleans()):
        data["baseline"] = draw(st.integers(0, eligible + 1))
    if draw(st.integers(0, 4)) == 0:
        data["schedule"] = draw(st.sampled_from([[8 * i for i in range(1, 12)] + [100], [50] * 11 + [100],
                                                 [100.0] * 12, [8.5 * i for i in range(1, 12)] + [100], [10] * 12,
                                                 [1, 2]]))
    return draw(_maybe_spoiled(data, ["eligible", "enrolled", "rate", "baseline", "schedule"]))


@st.composite
def _plan_data(draw) -> dict:
    info = {"number": "1/KH", "area": "Huyện A", "year": draw(st.sampled_from([2020] * 12 + [1990, 2100, 1989, 2101, True]))}
    for key, value in (("title", "Kế hoạch"), ("issuer", "UBND"), ("issued", datetime.date(2020, 3, 15)),
                       ("implements", ["102/NQ-CP"]), ("report_due", datetime.date(2020, 12, 15))):
        if draw(st.booleans()):
            info[key] = value
    schemes = {scheme: draw(st.one_of(_counts_data(), st.none()))
               for scheme in draw(st.lists(st.sampled_from(["mandatory", "voluntary", "unemployment"]),
                                           min_size=0, max_size=3, unique=True))}
    data = {"version": draw(st.sampled_from([1] * 12 + [2, True, 1.0])),
            "plan": draw(_maybe_spoiled(info, sorted(info))), "schemes": schemes}
    if draw(st.booleans()):
        communes = []
        for index in range(draw(st.integers(0, 3))):
            commune = {"name": draw(st.sampled_from([f"Xã {index}"] * 3 + ["Xã A", "XÃ A", ""]))}
            if draw(st.booleans()):
                commune["code"] = draw(st.sampled_from([f"{index:02d}"] * 4 + ["01", " 01", "0\u200b1", ""]))
            for scheme in schemes:
                if draw(st.integers(0, 5)):
                    commune[scheme] = draw(_counts_data())
            communes.append(draw(_maybe_spoiled(commune, sorted(commune))))
        data["communes"] = draw(st.sampled_from([communes] * 6 + [None, {}, "Xã A"]))
    return data


@settings(max_examples=500, deadline=None)
@given(_plan_data(), st.booleans())
def test_the_plain_reading_accepts_exactly_what_the_models_accept(data, check_rates):
    from bhxh_cli.plan import models, plain

    fast = plain.clean_plan(data, check_rates=check_rates)
    try:
        slow = models.Plan.model_validate(data, context={"check_rates": check_rates})
    except models.ValidationError:
        slow = None
    event("the models accept it" if slow is not None else "the models refuse it")
    if slow is None:
        assert fast is None
    elif fast is None:  # left to the models: only forms they take that a plan is not written in
        assert type(data["version"]) is not int  # true, 1.0
    else:
        for mode in ("python", "json"):
            for exclude_none in (False, True):
                assert fast.model_dump(mode=mode, exclude_none=exclude_none) == slow.model_dump(
                    mode=mode, exclude_none=exclude_none)
                assert list(fast.plan.model_dump(mode=mode, exclude_none=exclude_none)) == list(
                    slow.plan.model_dump(mode=mode, exclude_none=exclude_none))
        assert plain.commune_problems(fast) == plain.commune_problems(slow)
        assert [(scheme, counts.model_dump()) for scheme, counts in fast.schemes.items()] == [
            (scheme, counts.model_dump()) for scheme, counts in slow.schemes.items()]
