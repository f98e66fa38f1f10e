"""The rows of a table file of any kind the readers take (CSV or text from Excel, .xlsx, .xls) as cell text,
with how the file names its places: for the readers of lists that are not communes tables (crosswalks, lists
of official units), read with the same decoding, limits and refusals as communes tables."""

from __future__ import annotations

from bhxh_cli.diagnostics import UsageError
from bhxh_cli.messages import tr
from bhxh_cli.tables.communes import _workbook_records, refuse_misnamed_workbook
from bhxh_cli.tables.delimited import read_delimited
from bhxh_cli.diagnostics import Diagnostic
from bhxh_cli.tables.positions import Places, beyond_header, header_width, read_raw


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
    return records, Places(path), delimiter


def cells_beyond_header(places: Places, records: list[list[str]], header: int, texts: list[str],
                        delimiter: str) -> list[Diagnostic]:
    """The rows below the header (`header`: its index in the records) holding text right of its last column."""
    width = header_width(texts)
    found = (beyond_header(places, number, record, texts, width, delimiter)
             for number, record in enumerate(records[header + 1:], start=header + 2) if len(record) > width)
    return [problem for problem in found if problem is not None]
