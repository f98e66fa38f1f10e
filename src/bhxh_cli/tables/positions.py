"""How a table names its places (FILE:ROW:COLUMN for text, FILE:SHEET!C7 for workbooks), and the shared
reading of a table file's bytes with its size limit. Used by every table reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from bhxh_cli.diagnostics import Diagnostic
from bhxh_cli.sources import read_bytes

MAX_BYTES = 200 * 1024 * 1024


def read_raw(path: str) -> bytes:
    return read_bytes(path, limit=MAX_BYTES, what="tables")


@dataclass
class Places:
    """How a table names its places: FILE:ROW:HEADER for text files, FILE:SHEET!C7 for workbooks."""

    path: str
    sheet: str | None = None
    unreadable_formula: Callable[[int, int], bool] | None = None  # (row, column index): no cached value

    def at(self, row: int | None, index: int | None, header: str, key: str, message: str, rule: str) -> Diagnostic:
        if self.sheet is None:
            return Diagnostic(self.path, row, header or key or None, "", message, rule)
        letter = column_letter(index) if index is not None else None
        return Diagnostic(self.path, row, letter, key or header, message, rule, sheet=self.sheet)


def column_letter(index: int) -> str:
    """Excel's letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
