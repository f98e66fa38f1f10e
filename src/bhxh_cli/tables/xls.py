"""Reading Excel 97-2003 workbooks (.xls) with xlrd: the first sheet (or a named one) as rows of text, so that
they go through the same reader, limits, checks and messages as .xlsx and CSV files (places as FILE:SHEET!C7).
An .xls file stores each formula's value, so there is no formula without a value here."""

from __future__ import annotations

import datetime as dt
import unicodedata

from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr
from bhxh_cli.tables.positions import FractionalNumber, Places, Records, read_raw


def _text(cell, datemode: int) -> str:
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_NUMBER:
        return str(int(value)) if float(value).is_integer() else FractionalNumber(repr(value))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return repr(value)
        return moment.date().isoformat() if moment.time() == dt.time() else moment.isoformat()
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    return unicodedata.normalize("NFC", str(value))


def read_xls(path: str, sheet: str | None):
    """(rows of cell text, places) of an .xls workbook's sheet: the first one unless `sheet` names another."""
    import xlrd

    raw = read_raw(path)  # the same refusals as every table: missing, a folder, too large
    try:
        book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    except Exception as error:  # xlrd raises many kinds (XLRDError, CompDocError, struct.error ...)
        raise InputError([Diagnostic(path, None, None, "", tr("xls.unreadable", detail=error),
                                     "not-a-workbook")]) from None
    try:
        names = book.sheet_names()
        if sheet is not None and sheet not in names:
            raise UsageError(tr("table.no_such_sheet", sheet=sheet, file=path, sheets=", ".join(names)))
        name = sheet if sheet is not None else names[0]
        ws = book.sheet_by_name(name)
        places = Places(path, name)
        records = Records(places)  # the limits every table reader checks (rows, columns, cells, long numbers)
        datemode = book.datemode
        for index in range(ws.nrows):
            records.add(index + 1, [_text(cell, datemode) for cell in ws.row(index)])
    finally:
        book.release_resources()
    return records.rectangle(), places


def sheet_names(path: str) -> list[str]:
    """The names of an .xls workbook's sheets, in order: to say which other sheet holds a table."""
    import xlrd

    book = xlrd.open_workbook(file_contents=read_raw(path), on_demand=True)
    try:
        return book.sheet_names()
    finally:
        book.release_resources()
