"""Reading commune tables as they come from Excel: CSV in UTF-8 (with or without BOM), UTF-16 ("Unicode
text") or Windows-1258, delimited by `,` `;` or tab, numbers written 15890, 15.890, 15,890 or 15 890.

Every problem names FILE:ROW:COLUMN (the row as a spreadsheet shows it, the column by its header) and
says how to fix it; all problems of a file are reported together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bhxh_cli.core.codes import code_problem, invisible_character
from bhxh_cli.core.names import normalized_name
from bhxh_cli.core.schemes import SCHEMES
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.tables.delimited import read_delimited
from bhxh_cli.tables.headers import (
    COLUMN_HELP,
    HEADER_SEARCH_ROWS,
    TOTAL_NAMES,
    fold_header,
    header_key,
)
from bhxh_cli.tables.positions import Places


@dataclass
class CommuneRow:
    row: int  # as a spreadsheet shows it (1-based, the header row counted)
    code: str
    name: str
    counts: dict[str, int | None] = field(default_factory=dict)  # "<scheme>_<field>" -> count


@dataclass
class CommuneTable:
    file: str
    columns: dict[str, str]  # key -> the header as written in the file
    rows: list[CommuneRow]
    encoding: str
    delimiter: str
    places: Places | None = None
    positions: dict[str, int] = field(default_factory=dict)  # key -> column index

    def problem(self, row: int | None, key: str, message: str, rule: str) -> Diagnostic:
        """A problem at a row (and a known column) of this table, named as the file names its places."""
        index = self.positions.get(key)
        header = self.columns.get(key, key) if row is not None else ""
        return self.places.at(row, index if row is not None else None, header, key if row is not None else "",
                              message, rule)


# -- numbers -----------------------------------------------------------------------------------------

_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:([.,\u00a0\u202f ])\d{3})(?:\1\d{3})*")


def parse_count(text: str) -> int | str:
    """A whole number written 15890, 15.890, 15,890 or 15 890 (also with a non-breaking space); or the
    reason it is not one."""
    value = text.strip()
    if value.isdigit() and value.isascii():
        return int(value)
    value = value.replace("\u00a0", " ").replace("\u202f", " ")
    if value.startswith("-") and (value[1:].strip()[:1].isdigit()):
        return "is negative; counts are whole numbers, 0 or more"
    if _PLAIN.fullmatch(value):
        return int(value)
    if _GROUPED.fullmatch(value):
        return int(re.sub(r"\D", "", value))
    if re.fullmatch(r"\d+[.,]\d+", value):
        return ("is not a whole number (the groups after a thousands separator have exactly three digits); "
                "write the count of people, e.g. 15890 or 15.890")
    return "is not a whole number; write the count of people, e.g. 15890 or 15.890"


# -- reading -----------------------------------------------------------------------------------------

def read_communes(path: str, *, required: list[str], optional: list[str] = (),
                  sheet: str | None = None) -> CommuneTable:
    """Read a communes table (CSV or text from Excel, or an .xlsx workbook); `required` and `optional` are
    count columns such as 'mandatory_eligible'."""
    if path.lower().endswith((".xlsx", ".xlsm")):
        from bhxh_cli.tables.xlsx import read_sheet

        records, places = read_sheet(path, sheet)
        return _rows_to_table(places, records, "xlsx", "", required, list(optional))
    if sheet is not None:
        raise UsageError(f"--sheet {sheet}: {path} is not a workbook; --sheet is for .xlsx files")
    records, encoding, delimiter = read_delimited(path)
    return _rows_to_table(Places(path), records, encoding, delimiter, required, list(optional))


def _rows_to_table(places: Places, records: list[list[str]], encoding: str, delimiter: str,
                   required: list[str], optional: list[str]) -> CommuneTable:
    """Find the header row, map its columns, and read every row below it."""
    path = places.path
    header_index, columns, header, problems = _header(places, records, required, optional)
    if problems:
        raise InputError(problems)
    position = dict(columns)
    rows: list[CommuneRow] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for offset, record in enumerate(records[header_index + 1:], start=header_index + 2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines (and rows of empty cells) are skipped

        def cell(key: str) -> str:
            index = position[key]
            return record[index] if index < len(record) else ""

        def problem(key: str, message: str, rule: str) -> None:
            index = position[key]
            problems.append(places.at(offset, index, header[index], key, message, rule))

        code = cell("code").strip()
        name = " ".join(cell("name").split())
        if not code and fold_header(name) in TOTAL_NAMES:
            break  # a total row (TỔNG SỐ, Tổng cộng, Total) ends the table: notes may follow
        if not code:
            problem("code", "is empty; every commune needs its official code", "missing-value")
        elif invisible_character(code):  # the one rule for codes, as in plans (core/codes.py)
            problem("code", code_problem(code)[0], "invisible-character")
        if not name:
            problem("name", "is empty; every commune needs its name", "missing-value")
        counts: dict[str, int | None] = {}
        for key in required + optional:
            if key not in position:
                continue
            raw = cell(key)
            if not raw.strip():  # a count column that is there must be filled, required or not
                if places.unreadable_formula and places.unreadable_formula(offset, position[key]):
                    problem(key, "is a formula with no saved value; open the file in Excel and save it, so "
                            "that its values are stored", "formula-without-value")
                else:
                    problem(key, f"is empty; write {COLUMN_HELP.get(key, 'a count')} (0 if there are none)",
                            "missing-value")
                counts[key] = None
                continue
            value = parse_count(raw)
            if isinstance(value, str):
                problem(key, f"'{raw.strip()}' {value}", "not-a-count")
                counts[key] = None
            else:
                counts[key] = value
        for scheme in SCHEMES:
            eligible, enrolled = counts.get(f"{scheme}_eligible"), counts.get(f"{scheme}_enrolled")
            if eligible is not None and enrolled is not None and enrolled > eligible:
                problem(f"{scheme}_enrolled", f"{enrolled} enrolled is more than the {eligible} eligible; "
                        f"correct one of them", "enrolled-above-eligible")
        if code:
            first = seen_codes.setdefault(code, offset)
            if first != offset:
                problem("code", f"code '{code}' is already used on row {first}; codes must be unique",
                        "duplicate-code")
        if name:
            first = seen_names.setdefault(normalized_name(name), offset)
            if first != offset:
                problem("name", f"name '{name}' is already used on row {first}; names must be unique",
                        "duplicate-name")
        rows.append(CommuneRow(offset, code, name, counts))
    if problems:
        raise InputError(problems)
    if not rows:
        raise InputError([places.at(header_index + 1, None, "", "", "the table has a header row but no communes "
                                    "below it", "empty-table")])
    written = {key: header[index] for key, index in position.items()}
    return CommuneTable(path, written, rows, encoding, delimiter, places, position)


def _filled_right(record: list[str]) -> list[str]:
    """A group header row with each group's text carried over the empty cells to its right (a merged cell)."""
    out, current = [], ""
    for cell in record:
        current = cell.strip() or current
        out.append(current)
    return out


def _header(places: Places, records: list[list[str]], required: list[str],
            optional: list[str]) -> tuple[int, dict[str, int], list[str], list[Diagnostic]]:
    """The header: its last row's index, where each known column is, each column's header text, problems.

    The header is the first row holding the code and name columns; when the row below it holds the
    columns under merged group headers (a scheme's name over "Thuộc diện tham gia", "Đang tham gia" ...),
    the two rows are read together.
    """
    wanted = ["code", "name"] + required + optional

    def keys_of(row: list[str], above: list[str]) -> list[str]:
        groups = _filled_right(above)
        return [header_key(cell, groups[i] if i < len(groups) else "") for i, cell in enumerate(row)]

    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        keys = keys_of(record, records[index - 1] if index else [])
        if "code" not in keys or "name" not in keys:
            continue
        texts = [cell.strip() for cell in record]
        if index + 1 < len(records):
            lower = records[index + 1]
            below = keys_of(lower, record)
            double = [below[i] if i < len(lower) and lower[i].strip() else keys[i] for i in range(len(record))]
            double += below[len(record):]
            if sum(k in wanted for k in set(double)) > sum(k in wanted for k in set(keys)):
                keys = double
                texts = [(lower[i].strip() if i < len(lower) and lower[i].strip() else
                          record[i].strip() if i < len(record) else "") for i in range(len(keys))]
                index += 1
        columns: dict[str, int] = {}
        problems = []
        for position, key in enumerate(keys):
            if key not in wanted:
                continue
            if key in columns:
                problems.append(places.at(index + 1, position, texts[position], key,
                                          f"the column '{key}' appears twice (also as "
                                          f"'{texts[columns[key]]}'); keep one", "duplicate-column"))
                continue
            columns[key] = position
        missing = [key for key in required if key not in columns]
        if missing:
            found = ", ".join(text for text in texts if text)
            for key in missing:
                problems.append(places.at(index + 1, None, "", "", f"missing column '{key}' "
                                          f"({COLUMN_HELP.get(key, key)}); the header row has: {found}",
                                          "missing-column"))
        return index, columns, texts, problems
    return 0, {}, [], [places.at(1, None, "", "", f"no header row with the columns 'code' and 'name' in the "
                                 f"first {HEADER_SEARCH_ROWS} rows; name the columns code, name, "
                                 f"{', '.join(required) or '...'}", "missing-column")]
