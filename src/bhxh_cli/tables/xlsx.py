"""Reading Excel workbooks (.xlsx) with openpyxl: the first sheet (or a named one) as rows of text, so that
workbooks go through the same reader, checks and messages as CSV files; places are named as Excel names them
(FILE:SHEET!C7). Formulas are read by the value Excel saved with them."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from typing import Any

from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.tables.positions import Places, read_raw

# -- reading -----------------------------------------------------------------------------------------

MAX_UNPACKED = 1024**3

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


def read_sheet(path: str, sheet: str | None):
    """(rows of cell text, places) of a workbook's sheet: the first one unless `sheet` names another."""
    from openpyxl import load_workbook

    raw = read_raw(path)  # the same refusals as text files: missing, a folder, too large
    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        if unpacked > MAX_UNPACKED:  # a small file can unpack to gigabytes (a "zip bomb")
            raise InputError([Diagnostic(path, None, None, "", f"the workbook unpacks to {unpacked:,} bytes; "
                                         f"workbooks over {MAX_UNPACKED // 1024**3} GB unpacked are refused",
                                         "file-too-large")])
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise InputError([Diagnostic(path, None, None, "", f"cannot be read as an Excel workbook (.xlsx): "
                                     f"{error}; save it from Excel as 'Excel Workbook'", "not-a-workbook")]) from None
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise UsageError(f"--sheet {sheet}: {path} has no such sheet; it has {', '.join(names)}")
    name = sheet if sheet is not None else names[0]
    records = [[_text(value) for value in row] for row in book[name].iter_rows(values_only=True)]
    book.close()
    formulas: set[tuple[int, int]] | None = None

    def unreadable_formula(row: int, index: int) -> bool:
        nonlocal formulas
        if formulas is None:  # only when an empty cell needs explaining: read the formulas themselves
            with_formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
            formulas = {(r, i) for r, cells in enumerate(with_formulas[name].iter_rows(values_only=True), start=1)
                        for i, value in enumerate(cells) if isinstance(value, str) and value.startswith("=")}
            with_formulas.close()
        return (row, index) in formulas

    return records, Places(path, name, unreadable_formula)
