"""Reading Excel workbooks (.xlsx): the first visible worksheet (or a named one) as rows of text, so that
workbooks go through the same reader, checks and messages as CSV files; places are named as Excel names them
(FILE:SHEET!C7). Formulas are read by the value Excel saved with them. A plain sheet is read by python-calamine
(_calamine_sheet, below); every other workbook by openpyxl, as follows.

The sheet's XML is streamed here, cell by cell, with openpyxl's own cell reader: the stored dimension is
never trusted (it may be smaller than the data, or declare a million rows for three cells), rows and cells
are counted against the limits as they come, and no part of the XML is kept once read. Every XML part of
the workbook is searched for a DTD before any is parsed: a DTD (entity expansion, external entities) is
refused with one line, and the parts are then parsed by the standard library's fast expat parser (a DTD-less
document cannot define or fetch an entity). defusedxml would do the same refusal, at 1.7 times the time.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import unicodedata
import warnings
import zipfile
from typing import Any, Iterator

from bhxh_cli.diagnostics import NOTE, Diagnostic, InputError, UsageError
from bhxh_cli.i18n import format_count
from bhxh_cli.messages import language, tr
from bhxh_cli.tables.positions import LAST_ROW, MAX_BYTES, FractionalNumber, Places, Records, read_raw

MAX_UNPACKED = 2 * MAX_BYTES  # a small file can unpack to gigabytes (a "zip bomb")
LAST_COLUMN = 16_384  # XFD, a spreadsheet's last column
MAX_ELEMENTS = 4_000_000  # XML elements in a sheet: about four for each cell a table may have
MAX_PART_TAGS = 2_000_000  # tags in a part openpyxl reads whole (shared strings, styles): 500,000 strings
MAX_PENDING = 1_000_000  # XML elements held at once: one row's (16,384 cells at most) or the parts after the rows


class _Malformed(Exception):
    """The sheet's XML is not what Excel writes; the message says where and what."""

    def __init__(self, message: str, row: int | None = None, column: int | None = None):
        super().__init__(message)
        self.row, self.column = row, column


def _count(value: int) -> str:
    return format_count(value, language())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else FractionalNumber(repr(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


# Excel stores a character XML cannot hold, or one typed as a line break (CR), as _xHHHH_ (its code point in
# hex), and an underscore that would start such an escape as _x005F_ ("_x005F_x000D_" is the text
# "_x000D_"). openpyxl keeps the escapes as text; they are read here as the character they stand for, in
# one pass (so that the underscore of _x005F_ never starts another). Two escaped surrogates are the one
# character they encode; a lone one cannot be a character and stays as written.
_ESCAPED = re.compile(r"_x([dD][89abAB][0-9A-Fa-f]{2})__x([dD][c-fC-F][0-9A-Fa-f]{2})_|_x([0-9A-Fa-f]{4})_")


def _escaped_character(found: re.Match) -> str:
    high, low, code = found.groups()
    if high is not None:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
    point = int(code, 16)
    return found.group(0) if 0xD800 <= point <= 0xDFFF else chr(point)


def unescape(text: str) -> str:
    """Excel's stored text as the text typed: each _xHHHH_ escape as its character."""
    return _ESCAPED.sub(_escaped_character, text) if "_x" in text else text


def read_sheet(path: str, sheet: str | None):
    """(rows of cell text, places) of a workbook's sheet: the first visible worksheet unless `sheet` names
    another."""
    with warnings.catch_warnings():  # openpyxl warns on stderr about styles and extensions it drops
        warnings.simplefilter("ignore")
        return _read_sheet(path, sheet)


def _read_sheet(path: str, sheet: str | None):
    raw = read_raw(path)  # the same refusals as text files: missing, a folder, too large
    fast, refused = _calamine_sheet(path, raw, sheet)
    if fast is not None:
        return fast
    book, worksheet = _open(path, raw, sheet, dtds_refused=refused)
    places = Places(path, worksheet.title)
    records = Records(places)
    try:
        for number, cells in _rows(book, worksheet, places):
            record = [""] * (cells[-1][0] if cells else 0)
            for column, value in cells:
                record[column - 1] = _text(value)
            records.add(number, record)
    except InputError:
        raise
    except _Malformed as error:
        column = error.column if error.row else None  # before the first row: the sheet itself
        raise InputError([places.at(error.row, column, "", "", str(error), "not-a-workbook")]) from None
    except Exception as error:  # openpyxl reads a malformed part lazily, with any exception
        raise _unreadable(path, error) from None
    finally:
        book.close()
    places.unreadable_formula = _formula_finder(path, raw, worksheet.title, places)
    return records.rectangle(), places


def _formula_finder(path: str, raw: bytes, title: str, places: Places):
    """places.unreadable_formula: whether the cell at (row, index) holds a formula (whose value Excel did not
    save); the formulas are read, by openpyxl, only when an empty cell needs explaining."""
    formulas: set[tuple[int, int]] | None = None

    def unreadable_formula(row: int, index: int) -> bool:
        nonlocal formulas
        if formulas is None:  # only when an empty cell needs explaining: read the formulas themselves
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book, worksheet = _open(path, raw, title, data_only=False)
                try:
                    formulas = {(number, column - 1) for number, cells in _rows(book, worksheet, places)
                                for column, value in cells if isinstance(value, str) and value.startswith("=")}
                except Exception:  # read once already: a failure here only means no formula to explain
                    formulas = set()
                finally:
                    book.close()
        return (row, index) in formulas

    return unreadable_formula


# The fast reader: python-calamine (Rust) reads a sheet about 8 times faster than openpyxl, and without
# importing openpyxl. It is trusted only with what it reads exactly as openpyxl does; the sheet's XML is
# looked over first (a scan of bytes, no parse) and any workbook outside that - a cell or row without its
# place or out of order, a date, time, error or formatted-as-custom number, an escaped or phonetic string, a
# hidden or chart first sheet, anything calamine cannot read - goes to openpyxl above, which stays the one
# source of every message about a workbook.
_ROW_OR_CELL = re.compile(rb'<row r="([0-9]{1,7})"[\s>]|<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?'
                          rb'(?: t="(n|s|str|b|inlineStr)")?\s*/?>')
_ANY_CELL = re.compile(rb"<c[\s/>]")
_ANY_ROW = re.compile(rb"<row[\s/>]")
_SPACED_VALUE = re.compile(rb"<v>\s|\s</v>")  # a number with spaces around it: openpyxl reads it, calamine not
# An empty text or value: a cell openpyxl keeps (it widens its row) and calamine cannot tell from no cell.
_EMPTY_VALUE = re.compile(rb"<(t|v)\b[^>]*/>|<(t|v)\b[^>]*></(t|v)>")
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:row|c|v|is|t|sheetData)\b")
_ATTRIBUTE = re.compile(rb'\s([A-Za-z_:][\w.:-]*)="([^"<>&]*)"')
_PLAIN_PLACE = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
# openpyxl's built-in number formats that are not dates or times (General, 0, #,##0, 0%, accounting, @...)
_NOT_DATE_FORMATS = frozenset(range(0, 14)) | frozenset(range(37, 45)) | {48, 49}
_XF = re.compile(rb"<xf\b([^>]*?)/?>")
_NUMBER_FORMAT = re.compile(rb"<numFmt\b([^>]*?)/?>")
_QUOTED = re.compile(rb'"[^"]*"|\\.')  # text in quotes, an escaped character: never a date's part
_DATE_LETTERS = re.compile(rb"[dmyhsDMYHSeEgGbBaA]")  # days, months, years, hours, seconds, eras, AM/PM
_EXACT = 2 ** 53  # beyond it a float is not every whole number: openpyxl reads those digits as an int


def _calamine_sheet(path: str, raw: bytes, sheet: str | None):
    """((rows, places) read by calamine, or None) and whether the workbook's DTDs were already looked for."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except Exception:
        return None, False
    if sum(item.file_size for item in infos) > MAX_UNPACKED:
        return None, False
    _refuse_dtds(path, archive)  # as openpyxl's path does, first
    try:
        plain = _plain_workbook(archive, infos)
    except Exception:
        plain = 0
    if not plain:
        return None, True
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
    except ImportError:  # an installation without it reads with openpyxl
        return None, True
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        try:
            sheets = book.sheets_metadata
            if sheet is None:
                chosen = sheets[0] if sheets else None
                if chosen is None or chosen.visible != SheetVisibleEnum.Visible:
                    return None, True  # openpyxl's path chooses, and says which
            else:
                chosen = next((s for s in sheets if s.name == sheet), None)
                if chosen is None:
                    return None, True
            worksheets = sum(1 for s in sheets if s.typ == SheetTypeEnum.WorkSheet)
            if chosen.typ != SheetTypeEnum.WorkSheet or worksheets != plain:
                return None, True  # a worksheet kept elsewhere than xl/worksheets/ was not looked over
            rows = book.get_sheet_by_name(chosen.name).to_python(skip_empty_area=False)
        finally:
            book.close()
    except Exception:  # openpyxl's path reads it, or says what is wrong
        return None, True
    places = Places(path, chosen.name)
    records = Records(places)
    normalize, nfc = unicodedata.normalize, unicodedata.is_normalized
    for number, row in enumerate(rows, start=1):
        record = []
        for value in row:
            kind = type(value)
            if kind is str:
                record.append(value if value.isascii() or nfc("NFC", value) else normalize("NFC", value))
            elif kind is float:
                if not -_EXACT < value < _EXACT:  # also inf and nan: openpyxl names those digits at their cell
                    return None, True
                record.append(str(int(value)) if value.is_integer() else FractionalNumber(repr(value)))
            elif kind is int and not -_EXACT < value < _EXACT:
                return None, True
            elif kind is int or kind is bool:
                record.append(_text(value))
            else:  # a date or time: openpyxl decides from the cell's style, as before
                return None, True
        while record and not record[-1]:  # calamine pads every row to the sheet's width; openpyxl does not
            record.pop()
        records.add(number, record)
    places.unreadable_formula = _formula_finder(path, raw, chosen.name, places)
    return (records.rectangle(), places), True


def _plain_workbook(archive: zipfile.ZipFile, infos) -> int:
    """How many worksheets were looked over, or 0 unless every worksheet's XML has only what calamine reads as openpyxl does: each row and cell with
    its place, in order, within the limits; no error, date or inline-date cell; numbers styled only with a
    built-in format that is not a date; shared strings without escapes or phonetic runs."""
    names = {item.filename for item in infos}
    styles = None
    if "xl/styles.xml" in names:
        text = archive.read("xl/styles.xml")
        start, end = text.find(b"<cellXfs"), text.find(b"</cellXfs>")
        if b"<cellXfs" in text and (start < 0 or end < 0 or _PREFIXED.search(text)):
            return 0
        plain_formats = set(_NOT_DATE_FORMATS)
        for found in _NUMBER_FORMAT.finditer(text):  # a format of the workbook's own: a date if it may be one
            attributes = dict(_ATTRIBUTE.findall(found.group(1)))
            code = _QUOTED.sub(b"", attributes.get(b"formatCode", b"d").replace(b"&quot;", b'"'))
            if attributes.get(b"numFmtId", b"").isdigit() and not _DATE_LETTERS.search(code):
                plain_formats.add(int(attributes[b"numFmtId"]))
        styles = []
        for found in _XF.finditer(text, start if start >= 0 else 0, end if end >= 0 else 0):
            attributes = dict(_ATTRIBUTE.findall(found.group(1)))
            number_format = attributes.get(b"numFmtId", b"0")
            styles.append(number_format.isdigit() and int(number_format) in plain_formats)
    if "xl/sharedStrings.xml" in names:
        text = archive.read("xl/sharedStrings.xml")
        if (b"_x" in text or b"_X" in text or b"\r" in text or b"<rPh" in text or b":t>" in text
                or b"\x00" in text[:4] or _EMPTY_VALUE.search(text)):
            return 0
    sheets = [item.filename for item in infos if item.filename.startswith("xl/worksheets/")
              and item.filename.endswith(".xml") and "/" not in item.filename[len("xl/worksheets/"):]]
    for name in sheets:
        text = archive.read(name)
        if not _plain_sheet(text, styles):
            return 0
    return len(sheets)


def _plain_sheet(text: bytes, styles: list[bool] | None) -> bool:
    # Within MAX_PENDING tags, no row nor the sheet can pass the limits openpyxl's reading enforces (elements
    # held at once, elements in all); a longer sheet (about 250,000 cells) is read, and limited, by openpyxl.
    if text[:4].count(b"\x00") or text.count(b"<") > MAX_PENDING or _PREFIXED.search(text):
        return False
    if (b"_x" in text or b"_X" in text or b"\r" in text or _SPACED_VALUE.search(text)
            or _EMPTY_VALUE.search(text)):
        return False  # an escaped character or a line end in an inline string: openpyxl's way of reading it
    tokens = _ROW_OR_CELL.findall(text)
    rows = sum(1 for token in tokens if token[0])
    if rows != len(_ANY_ROW.findall(text)) or len(tokens) - rows != len(_ANY_CELL.findall(text)):
        return False  # a row or cell written otherwise than <row r="7" ...>, <c r="C7" s="1" t="s">
    plain_styles = {str(index).encode() for index, plain in enumerate(styles or ()) if plain}
    row, place, last = 0, None, (0, b"")
    for number, letters, digits, style, kind in tokens:
        if number:
            if not row < int(number) <= LAST_ROW:
                return False
            row, place, last = int(number), number, (0, b"")
            continue
        column = (len(letters), letters)
        if digits != place or column <= last or (column[0] == 3 and letters > b"XFD"):
            return False
        last = column
        if style and kind in (b"", b"n") and style != b"0" and style not in plain_styles:
            return False
    return True


def _import_openpyxl() -> None:
    """Import openpyxl without numpy: openpyxl imports numpy when it is installed, only to accept numpy's
    numbers in cells it writes, and that import is 60% of openpyxl's (about 0.16 s). Nothing here writes a
    cell; numpy stays importable afterwards."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # makes `import numpy` raise ImportError, which openpyxl expects
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


def _open(path: str, raw: bytes, sheet: str | None, *, data_only: bool = True, dtds_refused: bool = False):
    """The workbook (read-only) and the worksheet to read."""
    _import_openpyxl()

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise InputError([Diagnostic(path, None, None, "", tr("xlsx.unpacks_too_large", size=_count(unpacked),
                                                                        megabytes=MAX_UNPACKED // 1024**2),
                                         "file-too-large")])
        if data_only and not dtds_refused:  # the second opening (for formulas) reads the same parts
            _refuse_dtds(path, archive)
        book = _load_workbook(raw, data_only)
        names = book.sheetnames
        worksheets = book.worksheets
    except InputError:
        raise
    except Exception as error:  # a zip that is not a workbook, or malformed XML in one of its parts
        raise _unreadable(path, error) from None
    if sheet is not None:
        if sheet not in names:
            book.close()
            raise UsageError(tr("table.no_such_sheet", sheet=sheet, file=path, sheets=", ".join(names)))
        chosen = next((ws for ws in worksheets if ws.title == sheet), None)
        if chosen is None:
            book.close()
            raise InputError([Diagnostic(path, None, None, "", tr("table.chart_sheet", sheet=sheet), "not-a-table", sheet=sheet)])
        return book, chosen
    if not worksheets:
        book.close()
        raise InputError([Diagnostic(path, None, None, "", tr("xlsx.only_charts"), "not-a-table")])
    visible = [ws for ws in worksheets if ws.sheet_state == "visible"]
    chosen = visible[0] if visible else worksheets[0]
    if chosen.title != names[0] and data_only:
        first = names[0]
        why = "hidden" if first in {ws.title for ws in worksheets} else "chart"
        sys.stderr.write(Diagnostic(path, None, None, "", tr(f"xlsx.first_sheet_{why}", first=first,
                                                             chosen=chosen.title), "sheet", NOTE,
                                    sheet=chosen.title).text() + "\n")
    return book, chosen


def _load_workbook(raw: bytes, data_only: bool):
    """openpyxl's load_workbook (read-only), with its shared strings read by _plain_strings when they are
    plain text (as a table's almost always are): openpyxl builds an object for each string first. Either way
    their escapes are read (unescape): openpyxl's own reading keeps them, but for dropping "x005F_"."""
    from openpyxl.cell.text import Text
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is None:
                return
            strings = None
            try:
                with self.archive.open(part.PartName[1:]) as source:
                    strings = _plain_strings(source)
            except Exception:  # openpyxl's own reading says what is wrong
                strings = None
            if strings is None:  # rich text runs, phonetic guides: openpyxl's read_string_table, escapes read
                string_tag, strings = f"{{{SHEET_MAIN_NS}}}si", []
                with self.archive.open(part.PartName[1:]) as source:
                    for _, node in iterparse(source):
                        if node.tag == string_tag:
                            strings.append(unescape(Text.from_tree(node).content))
                            node.clear()
            self.shared_strings = strings

    reader = Reader(io.BytesIO(raw), read_only=True, data_only=data_only)
    reader.read()
    return reader.wb


def _plain_strings(source) -> list[str] | None:
    """The shared strings, as openpyxl's read_string_table reads them, when each is one plain <t> (no rich
    text runs, no phonetic guide, no attributes); None otherwise, for openpyxl to read them all."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.xml.constants import SHEET_MAIN_NS

    string_tag, text_tag = f"{{{SHEET_MAIN_NS}}}si", f"{{{SHEET_MAIN_NS}}}t"
    strings = []
    for _, node in iterparse(source):
        if node.tag != string_tag:
            continue
        if node.attrib or len(node) != 1:
            return None
        text = node[0]
        if text.tag != text_tag or len(text):
            return None
        strings.append(unescape(text.text or ""))
        node.clear()
    return strings


_DTD_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def _refuse_dtds(path: str, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook any of whose XML parts holds a DTD (entities, "billion laughs" and external
    references live only there, and Excel never writes one), or whose parts other than its sheets (read
    whole by openpyxl: shared strings, styles) hold more tags than a table's workbook has. Parts are read in
    chunks, never whole."""
    for item in archive.infolist():
        name = item.filename
        if not name.lower().endswith((".xml", ".rels", ".vml")):
            continue
        counted = not name.startswith("xl/worksheets/")  # sheets are counted as they stream (_rows)
        tags, tail = 0, b""
        with archive.open(item) as part:
            while chunk := part.read(1024 * 1024):
                window = tail + chunk
                if any(mark in window for mark in _DTD_MARKS):
                    raise InputError([Diagnostic(path, None, None, "", tr("xlsx.dtd", part=name),
                                                 "not-a-workbook")])
                tags += chunk.count(b"<")
                if counted and tags > MAX_PART_TAGS:
                    raise InputError([Diagnostic(path, None, None, "", tr("xlsx.too_many_tags", part=name,
                                                                            count=_count(MAX_PART_TAGS)),
                                                 "file-too-large")])
                tail = window[-20:]


def _unreadable(path: str, error: Exception) -> InputError:
    while error.__cause__ is not None:
        error = error.__cause__  # openpyxl wraps the parser's error in a ValueError of its own
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    return InputError([Diagnostic(path, None, None, "", tr("xlsx.unreadable", detail=detail),
                                  "not-a-workbook")])


def _rows(book, worksheet, places: Places) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
    """(row number, [(column, value) of the cells that hold a value, in order]) of each row of the sheet's
    XML, streamed: each row is dropped once read, and the counts are checked as they come."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    row_tag, cell_tag, value_tag = (f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c",
                                    f"{{{SHEET_MAIN_NS}}}v")
    parser = WorkSheetParser(None, worksheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                             date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    # Most cells are a shared string or a whole number at a plain place: those are read here, exactly as
    # openpyxl's parse_cell reads them, without building its dict; any other cell goes to openpyxl.
    fast = book.data_only
    strings, date_styles = parser.shared_strings, parser.date_formats
    columns: dict[str, int] = {}  # column letters -> number
    number = elements = pending = 0
    with worksheet._get_source() as source:
        for _, element in iterparse(source):
            elements += 1
            pending += 1  # elements held in memory: those of the row being read, or the parts after the rows
            if pending > MAX_PENDING or elements > MAX_ELEMENTS:
                at_once = pending > MAX_PENDING
                raise _Malformed(tr(f"xlsx.too_many_elements{'.at_once' if at_once else ''}."
                                    f"{'after' if number else 'before'}", row=_count(number),
                                    count=_count(MAX_PENDING if at_once else MAX_ELEMENTS)))
            if element.tag != row_tag:
                continue
            number = _row_number(element.get("r"), number)
            parser.row_counter, parser.col_counter = number, 0
            cells: list[tuple[int, Any]] = []
            skipped = None  # the place of the last empty cell passed over, for a next cell without one
            for cell in element:
                if cell.tag != cell_tag:
                    continue
                if not len(cell):  # an empty (styled) cell holds no value: not worth openpyxl's reading
                    place = cell.get("r")
                    if place is None:
                        parser.col_counter += 1
                    skipped = place
                    continue
                value = _plain_value(cell, value_tag, strings, date_styles, columns) if fast else None
                if value is not None:
                    column = parser.col_counter = value[1]
                    value = value[0]
                else:
                    if skipped is not None and cell.get("r") is None:
                        parser.col_counter = coordinate_to_tuple(skipped)[1]
                    value = _cell_value(parser, cell, number)
                    column = parser.col_counter
                skipped = None
                if column > LAST_COLUMN:
                    raise _Malformed(tr("xlsx.beyond_last_column"), number, 0)
                if value is not None:
                    if cells and column <= cells[-1][0]:
                        raise _Malformed(tr("xlsx.cell_out_of_order"), number, column - 1)
                    cells.append((column, value))
            element.clear()
            pending = 0
            yield number, cells


_PLACE = re.compile(r"([A-Z]{1,3})[0-9]{1,7}")


def _plain_value(cell, value_tag: str, strings: list, date_styles: set, columns: dict[str, int]):
    """(value, column) of a cell holding a shared string or a whole number (not styled as a date) at a plain
    place such as C7, as openpyxl's parse_cell reads it; None for any other cell (openpyxl reads those)."""
    place = cell.get("r")
    found = _PLACE.fullmatch(place) if place is not None else None
    if found is None:
        return None
    style = cell.get("s")
    if style is not None and not (style.isdigit() and style.isascii() and len(style) <= 9):
        return None
    stored = cell.findtext(value_tag)
    if not stored or not (stored.isdigit() and stored.isascii() and len(stored) <= 18):
        return None
    kind = cell.get("t")
    if kind == "s":
        index = int(stored)
        if index >= len(strings):
            return None
        value = strings[index]
    elif kind is None or kind == "n":
        if (int(style) if style else 0) in date_styles:
            return None
        value = int(stored)
    else:
        return None
    letters = found.group(1)
    column = columns.get(letters)
    if column is None:
        from openpyxl.utils.cell import column_index_from_string

        column = columns[letters] = column_index_from_string(letters)
    return value, column


def _row_number(text: str | None, previous: int) -> int:
    if text is None:
        return previous + 1
    if not (text.isdigit() and text.isascii() and len(text) <= 7) or not previous < int(text) <= LAST_ROW:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise _Malformed(tr("xlsx.bad_row_number", number=shown, previous=previous, last=_count(LAST_ROW)),
                         previous or None, 0)
    return int(text)


def _cell_value(parser, element, row: int) -> Any:
    """The value of one cell element, read by openpyxl; a value it cannot read is named at its cell."""
    try:
        cell = parser.parse_cell(element)
    except ValueError as error:
        coordinate = element.get("r") or ""
        stored = element.findtext(f"{{{element.tag.split('}')[0][1:]}}}v") or ""
        digits = stored.lstrip("+-")
        if digits.isdigit() and len(digits) > 18:
            message = tr(f"xlsx.too_many_digits{'' if coordinate else '.here'}", cell=coordinate,
                         digits=_count(len(digits)))
        else:
            shown = stored if len(stored) <= 40 else stored[:40] + "…"
            message = tr(f"xlsx.unreadable_value{'' if coordinate else '.here'}", value=shown, cell=coordinate,
                         detail=" ".join(str(error).split())[:120])
        raise _Malformed(message, row, parser.col_counter - 1 if parser.col_counter else 0) from None
    value = cell["value"]
    if isinstance(value, str) and element.get("t") in ("str", "inlineStr"):  # shared strings: read unescaped
        value = unescape(value)
    return value


def sheet_names(path: str) -> list[str]:
    """The names of a workbook's worksheets, in order: to say which other sheet holds a table."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _import_openpyxl()
        book = _load_workbook(read_raw(path), True)
        try:
            return [ws.title for ws in book.worksheets]
        finally:
            book.close()
