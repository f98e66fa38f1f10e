"""The rows of a table file of any kind the readers take (CSV or text from Excel, .xlsx, .xls) as cell text,
with how the file names its places: for the readers of lists that are not communes tables (crosswalks, lists
of official units), read with the same decoding, limits and refusals as communes tables."""

from __future__ import annotations

from collections.abc import Callable

from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr
from bhxh_cli.tables.communes import _workbook_records, refuse_misnamed_workbook
from bhxh_cli.tables.delimited import read_delimited
from bhxh_cli.tables.positions import (
    LongNumber,
    Places,
    beyond_header,
    header_width,
    read_raw,
)


def read_records(path: str, sheet: str | None = None) -> tuple[list[list[str]], Places, str]:
    """(records, places, the delimiter: '' for a workbook)."""
    if path.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        records, places, _ = _workbook_records(path, sheet)
        return records, places, ""
    if sheet is not None:
        raise UsageError(tr("table.sheet_not_workbook", sheet=sheet, file=path))
    raw = read_raw(path)
    refuse_misnamed_workbook(raw, path)
    records, _, delimiter = read_delimited(path, raw)
    return records, Places(path, delimiter=delimiter), delimiter


def read_records_under(path: str, sheet: str | None, find_header: Callable) -> tuple[list[list[str]], Places, str]:
    """read_records, where a number too long for people (found as the rows come in) is named by the header
    above it when `find_header(places, rows)` finds one (it returns (header row, ..., header texts))."""
    try:
        return read_records(path, sheet)
    except LongNumber as error:
        try:
            header_row, _, texts = find_header(error.places, error.rows)
        except InputError:
            raise error from None
        raise error.named(header_row, texts) from None


def cells_beyond_header(places: Places, records: list[list[str]], header: int, texts: list[str],
                        delimiter: str) -> list[Diagnostic]:
    """The rows below the header (`header`: its index in the records) holding text right of its last column."""
    width = header_width(texts)
    found = (beyond_header(places, number, record, texts, width, delimiter)
             for number, record in enumerate(records[header + 1:], start=header + 2) if len(record) > width)
    return [problem for problem in found if problem is not None]
