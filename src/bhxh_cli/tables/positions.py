"""How a table names its places (FILE:ROW:COLUMN for text, FILE:SHEET!C7 for workbooks), the shared
reading of a table file's bytes, and the limits every table reader checks as its rows stream in (bytes,
rows, columns, cells), so that memory and time follow what a file really holds. Used by every table reader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.i18n import format_count
from bhxh_cli.messages import language, tr
from bhxh_cli.sources import read_bytes

_LONG_DIGITS = re.compile(r"[0-9]{19}")
_DIGITS = bytes.maketrans(b"0123456789", b"0" * 10)
_NUMBER_MARKS = re.compile(r"[\s.,+-]")  # signs, spaces and separators a count may be written with
# A 20,000-row table is a few MB; reading 50 MB of text takes about 7 times that in memory at its peak
# (the bytes, the text, the csv module's buffer), well under 1 GB.
MAX_BYTES = 50 * 1024 * 1024
# The whole country has about 10,600 communes: 20,000 rows hold it twice over, and every command on such a
# table stays within seconds and well under 1 GB (a plan written from it stays under the plan files' 20 MB).
# Past a limit the file is refused with one line naming the row (README, "Limits").
MAX_ROWS = 20_000
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000
MAX_DIGITS = 18  # no count of people has more; Python cannot even turn 4,301 digits into a number
LAST_ROW = 1_048_576  # a spreadsheet's last row: blank rows beyond it are not a table Excel can hold


def _count(value: int) -> str:
    return format_count(value, language())


def read_raw(path: str) -> bytes:
    return read_bytes(path, limit=MAX_BYTES, what="tables")


@dataclass
class Places:
    """How a table names its places: FILE:ROW:HEADER for text files, FILE:SHEET!C7 for workbooks."""

    path: str
    sheet: str | None = None
    unreadable_formula: Callable[[int, int], bool] | None = None  # (row, column index): no cached value
    delimiter: str = ""  # a text table's, as guessed or said (sep=;): named when no header is found

    def at(self, row: int | None, index: int | None, header: str, key: str, message: str, rule: str) -> Diagnostic:
        if self.sheet is None:
            return Diagnostic(self.path, row, header or key or None, "", message, rule)
        letter = column_letter(index) if index is not None else None
        return Diagnostic(self.path, row, letter, header or key, message, rule, sheet=self.sheet)


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def no_header_said(places: Places, message: str) -> str:
    """A message that no header was found, with (for a text table) the separator the rows were split at and
    how to say another: a table split at the wrong one has no header to find."""
    if not places.delimiter:
        return message
    name = _DELIMITER_NAMES.get(places.delimiter, "other")
    return tr("table.no_header.delimiter", message=message,
              delimiter=tr(f"table.delimiter.{name}", character=places.delimiter))


class LongNumber(InputError):
    """A number too long for a count of people, found as the rows stream in, before a reader knows its header:
    said by the column's number, or by its header (`named`) by a reader that finds it in the rows above."""

    def __init__(self, places: Places, row: int, index: int, digits: int, rows: list[list[str]]):
        self.places, self.row, self.index, self.digits, self.rows = places, row, index, digits, rows
        super().__init__([places.at(row, index, "", "", tr("limits.digits", column=index + 1, digits=_count(digits)),
                                    "not-a-count")])

    def named(self, header_row: int, texts: list[str]) -> InputError:
        """The same problem with the column named by its header (`texts`, the header's cells, at the records'
        index `header_row`), when the number is below the header and its column has one."""
        if not (header_row + 1 < self.row and self.index < len(texts) and texts[self.index].strip()):
            return self
        return InputError([self.places.at(self.row, self.index, texts[self.index].strip(), "", tr(
            "limits.digits.named", digits=_count(self.digits)), "not-a-count")])


def column_letter(index: int) -> str:
    """Excel's letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class FractionalNumber(str):
    """The text of a workbook's number cell that holds a fraction (12.5, 12.125): never a count of people,
    whatever its digits look like as text (12.125 is no 12,125 written with a thousands separator)."""

    __slots__ = ()


class Records:
    """The rows of a table as a reader streams them in, within the limits. Blank rows are kept only when
    text follows them (a sheet may hold styled empty rows down to its last row), so that memory follows the
    cells that hold text."""

    def __init__(self, places: Places):
        self.places = places
        self.rows: list[list[str]] = []
        self.cells = 0

    def add(self, number: int, cells: list[str]) -> None:
        """The row numbered `number` (1-based, as a spreadsheet shows it); rows come in order."""
        width = len(cells)
        if not (width and cells[-1]):
            while width and not cells[width - 1]:
                width -= 1
        if not width:
            if number > LAST_ROW:
                self.refuse(number, 0, tr("limits.past_last_row", last=_count(LAST_ROW),
                                                  rows=_count(MAX_ROWS)))
            return
        if number > MAX_ROWS:
            self.refuse(number, 0, tr("limits.rows", row=_count(number), rows=_count(MAX_ROWS)))
        if width > MAX_COLUMNS:
            self.refuse(number, MAX_COLUMNS, tr("limits.columns", width=_count(width),
                                                           columns=_count(MAX_COLUMNS)))
        joined = "\x00".join(cells)  # one search a row, in C: the cells are looked at only when it finds
        if len(joined) > 4000 or _LONG_DIGITS.search(joined):
            self.refuse_large_numbers(number, cells)
        self.cells += len(cells)
        if self.cells > MAX_CELLS:
            self.refuse(number, 0, tr("limits.cells", cells=_count(MAX_CELLS)))
        missing = number - 1 - len(self.rows)
        if missing > 0:
            self.rows.extend([] for _ in range(missing))
        self.rows.append(cells)

    def extend(self, first: int, chunk: list[list[str]], *, long_numbers: bool = True) -> None:
        """Rows numbered from `first` on, checked together (in C) when none comes near a limit, and one by
        one when one may: the 10,600-commune table reads as fast as without limits. `long_numbers`: the
        text may hold a number too long for people (see `may_hold_long_numbers`)."""
        cells = sum(map(len, chunk))
        if (first + len(chunk) - 1 > MAX_ROWS or max(map(len, chunk)) > MAX_COLUMNS
                or self.cells + cells > MAX_CELLS or long_numbers):
            for number, cells_of_row in enumerate(chunk, start=first):
                self.add(number, cells_of_row)
            return
        missing = first - 1 - len(self.rows)
        if missing > 0:
            self.rows.extend([] for _ in range(missing))
        self.rows.extend(chunk)
        self.cells += cells

    def done(self) -> list[list[str]]:
        """The rows, without the blank rows at the end."""
        while self.rows and not any(self.rows[-1]):
            self.rows.pop()
        return self.rows

    def rectangle(self) -> list[list[str]]:
        """The rows, each as wide as the widest, as a spreadsheet's used range (and Excel's CSV) has them."""
        width = max((len(row) for row in self.rows), default=0)
        if width * len(self.rows) > MAX_CELLS:
            self.refuse(len(self.rows), 0, tr("limits.rectangle", rows=_count(len(self.rows)),
                                                               width=_count(width), cells=_count(MAX_CELLS)))
        for row in self.rows:
            row.extend([""] * (width - len(row)))
        return self.rows

    @staticmethod
    def may_hold_long_numbers(raw: bytes) -> bool:
        """Whether the bytes of a text table (UTF-8 or Windows-1258) may hold a cell that
        `refuse_large_numbers` refuses: a run of 19 ASCII digits, or a line of over 4,000 bytes (a number
        in other digits, or among separators, that long has no line break). In C, so that rows are looked
        at one by one only then."""
        return b"0" * 19 in raw.translate(_DIGITS) or max(map(len, raw.splitlines()), default=0) > 4000

    def refuse_large_numbers(self, number: int, cells: list[str]) -> None:
        """A whole number of more than 18 digits (or digits among separators, e.g. a list of phone numbers,
        of more than 4,000: Python cannot turn 4,301 into a number) is no count of people."""
        for index, cell in enumerate(cells):
            plain = cell.strip()
            digits = plain if plain.isdigit() else _NUMBER_MARKS.sub("", cell)
            if len(digits) > (MAX_DIGITS if digits is plain else 4000) and digits.isdigit():
                raise LongNumber(self.places, number, index, len(digits), self.rows)

    def refuse(self, row: int, index: int | None, message: str) -> None:
        raise InputError([self.places.at(row, index, "", "", message, "table-too-large")])


def header_width(texts: list[str]) -> int:
    """How many columns a header row names: up to its last cell with text (a trailing empty header cell, as
    Excel writes after a trailing delimiter, names none)."""
    width = len(texts)
    while width and not texts[width - 1].strip():
        width -= 1
    return width


def beyond_header(places: Places, row: int, record: list[str], texts: list[str], width: int,
                  delimiter: str = "") -> Diagnostic | None:
    """A problem when a row below the header holds text right of the header's last column: an unquoted
    decimal comma ("5,335" in a comma-separated file) or a stray cell shifts or hides a count, never to be
    read silently. Empty cells there (a trailing delimiter) are no problem. `width`: header_width(texts)."""
    if len(record) <= width:
        return None
    extra = next((index for index in range(width, len(record)) if record[index].strip()), None)
    if extra is None:
        return None
    cells = max(index for index in range(len(record)) if record[index].strip()) + 1
    values = dict(row=row, cells=cells, columns=width, position=extra + 1, text=record[extra].strip(),
                  last=texts[width - 1].strip() if width else "")
    if places.sheet is not None:
        key = "table.beyond_header.sheet"
        values["cell"] = f"{column_letter(extra)}{row}"
    else:
        key = "table.beyond_header.comma" if delimiter == "," else "table.beyond_header"
    return places.at(row, extra, "", "", tr(key, **values), "extra-cells")
