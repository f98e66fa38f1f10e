"""Reading commune tables as they come from Excel: CSV in UTF-8 (with or without BOM), UTF-16 ("Unicode
text") or Windows-1258, delimited by `,` `;` or tab, numbers written 15890, 15.890, 15,890 or 15 890.

Every problem names FILE:ROW:COLUMN (the row as a spreadsheet shows it, the column by its header) and
says how to fix it; all problems of a file are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bhxh_cli.core.codes import code_problem, foreign_digit, invisible_character, is_digits
from bhxh_cli.core.formats import KINDS, misnamed, workbook_kind
from bhxh_cli.core.names import name_key, normalized_name
from bhxh_cli.core.schemes import SCHEMES
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import has, tr
from bhxh_cli.sources import collector_paused
from bhxh_cli.tables.delimited import read_delimited
from bhxh_cli.tables.headers import (
    HEADER_SEARCH_ROWS,
    SHARED_COUNTS,
    fold_header,
    header_date,
    header_key,
    names_counts_of_no_scheme,
    title_date,
)
from bhxh_cli.tables.layout import is_numbering_row, row_kind
from bhxh_cli.tables.positions import (
    FractionalNumber,
    LongNumber,
    Places,
    beyond_header,
    header_width,
    no_header_said,
    read_raw,
)

PARENT_KEYS = ("parent", "parent_name")  # text columns: the unit a commune is under


@dataclass
class CommuneRow:
    row: int  # as a spreadsheet shows it (1-based, the header row counted)
    code: str  # "" when the table has no code column (names only)
    name: str
    counts: dict[str, int | None] = field(default_factory=dict)  # "<scheme>_<field>" -> count
    rates: dict[str, str] = field(default_factory=dict)  # "<scheme>_rate" -> the rate as printed, when asked for
    parent: str = ""  # the district's (or group's) code, when asked for and the table has the column
    parent_name: str = ""  # its name, likewise


@dataclass
class CommuneTable:
    file: str
    columns: dict[str, str]  # key -> the header as written in the file
    rows: list[CommuneRow]
    encoding: str
    delimiter: str
    places: Places | None = None
    positions: dict[str, int] = field(default_factory=dict)  # key -> column index
    report_date: dt.date | None = None  # the date the enrolment headers carry ("Thực hiện đến 30/6/2026")
    title: list[str] = field(default_factory=list)  # the title lines above the header, as text
    total: dict[str, int | None] | None = None  # the official's total row (checked against the communes)
    total_row: int | None = None
    total_rates: dict[str, str] = field(default_factory=dict)
    other_columns: list[str] = field(default_factory=list)  # headers of the columns not read (as written)
    unread_counts: list[str] = field(default_factory=list)  # of those, the ones that hold counts of no one scheme

    def problem(self, row: int | None, key: str, message: str, rule: str) -> Diagnostic:
        """A problem at a row (and a known column) of this table, named as the file names its places."""
        index = self.positions.get(key)
        header = self.columns.get(key, key) if row is not None else ""
        return self.places.at(row, index if row is not None else None, header, key if row is not None else "",
                              message, rule)


# -- numbers -----------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:([.,\u00a0\u202f ])[0-9]{3})(?:\1[0-9]{3})*")


def parse_count(text: str) -> int | str:
    """A whole number written 15890, 15.890, 15,890 or 15 890 (also with a non-breaking space); or the
    reason it is not one."""
    value = text.strip()
    if value.isdigit() and value.isascii():
        return int(value)
    value = value.replace("\u00a0", " ").replace("\u202f", " ")
    if value.startswith("-") and is_digits(value[1:].strip()[:1]):
        return tr("table.count.negative")
    if _PLAIN.fullmatch(value):
        return int(value)
    if _GROUPED.fullmatch(value):
        return int(re.sub(r"[^0-9]", "", value))
    if re.fullmatch(r"[0-9]+[.,][0-9]+", value):
        return tr("table.count.groups")
    foreign = foreign_digit(value)
    if foreign:  # ١٢٣ or １２３: int() would read them, an office's counts are never written so
        return tr("table.count.digits", digit=foreign)
    return tr("table.count.not_whole")


# -- reading -----------------------------------------------------------------------------------------

def read_communes(path: str, *, required: list[str], optional: list[str] = (),
                  sheet: str | None = None, sheet_option: bool = True) -> CommuneTable:
    """Read a communes table (CSV or text from Excel, or an .xlsx workbook); `required` and `optional` are
    count columns such as 'mandatory_eligible'. `sheet_option`: the command has --sheet (a workbook whose
    table is on another sheet is told to use it)."""
    with collector_paused():
        return _read_communes(path, required, optional, sheet, sheet_option)


def _read_communes(path: str, required: list[str], optional: list[str], sheet: str | None,
                   sheet_option: bool = True) -> CommuneTable:
    try:
        return _read_table(path, required, optional, sheet, sheet_option)
    except LongNumber as error:  # found as the rows came in: named by the header above it, if there is one
        header = _header(error.places, error.rows, required, optional)
        raise (error.named(header.last, header.texts) if header.columns else error) from None


def _read_table(path: str, required: list[str], optional: list[str], sheet: str | None,
                sheet_option: bool) -> CommuneTable:
    lower = path.lower()
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        records, places, kind = _workbook_records(path, sheet)
        return _rows_to_table(places, records, kind, "", required, list(optional), sheet_option)
    if sheet is not None:
        raise UsageError(tr("table.sheet_not_workbook", sheet=sheet, file=path))
    raw = read_raw(path)
    refuse_misnamed_workbook(raw, path)
    records, encoding, delimiter = read_delimited(path, raw)
    return _rows_to_table(Places(path, delimiter=delimiter), records, encoding, delimiter, required, list(optional))


def _workbook_records(path: str, sheet: str | None) -> tuple[list[list[str]], Places, str]:
    """The rows of a workbook, read by the reader its extension names; a file that is not what its name says
    is refused with what it really is."""
    lower = path.lower()
    if lower.endswith(".ods"):
        raise InputError([Diagnostic(path, None, None, "", tr("table.ods"), "unsupported-format")])
    try:
        if lower.endswith(".xls"):
            from bhxh_cli.tables.xls import read_xls

            return (*read_xls(path, sheet), "xls")
        from bhxh_cli.tables.xlsx import read_sheet

        return (*read_sheet(path, sheet), "xlsx")
    except InputError:
        refuse_misnamed_workbook(read_raw(path), path)  # only on this error path: say what the file is
        raise


def _no_header(places: Places, required: list[str], optional: list[str], sheet_option: bool) -> Diagnostic:
    """No header on the sheet read: said with the sheet that has one, when another sheet of the workbook does
    (a cover or notes sheet first, the table after it), and how to read it."""
    columns = ", ".join(required) or "..."
    other = sheet_with(places, lambda found, records: bool(_header(found, records, required, optional).columns))
    if other is None:
        message = tr("table.no_header", rows=HEADER_SEARCH_ROWS, columns=columns)
    else:
        key = "table.no_header.other_sheet" if sheet_option else "table.no_header.other_sheet.first"
        message = tr(key, rows=HEADER_SEARCH_ROWS, sheet=places.sheet, other=other)
    return places.at(1, None, "", "", message, "missing-column")


def sheet_with(places: Places, has_header) -> str | None:
    """The first other sheet of the workbook `places` names whose rows `has_header(places, records)`, or None:
    only on the error path of a sheet without a header (each other sheet is read)."""
    try:
        if places.path.lower().endswith(".xls"):
            from bhxh_cli.tables.xls import sheet_names
        else:
            from bhxh_cli.tables.xlsx import sheet_names
        names = sheet_names(places.path)
    except Exception:  # the sheet read was read: a workbook that cannot list its sheets is only not helped
        return None
    for name in names:
        if name == places.sheet:
            continue
        try:
            records, other, _ = _workbook_records(places.path, name)
        except (InputError, UsageError):
            continue
        if has_header(other, records):
            return name
    return None


def refuse_misnamed_workbook(raw: bytes, path: str) -> None:
    """Refuse a workbook whose name says another format (an .xlsx saved as 'report.csv'), saying what to do."""
    kind = workbook_kind(raw)
    if kind is None or path.lower().endswith(KINDS[kind][1]) or (kind == "xlsx" and path.lower().endswith(".xlsm")):
        return
    key, values = misnamed(path, kind)
    values.update(what=tr(values["what"]), name_ext=values["name_ext"] or tr("kind.no_extension"))
    raise InputError([Diagnostic(path, None, None, "", tr(f"misnamed.{key}", **values), "misnamed-file")])


def _rows_to_table(places: Places, records: list[list[str]], encoding: str, delimiter: str,
                   required: list[str], optional: list[str], sheet_option: bool = True) -> CommuneTable:
    """Find the header row, map its columns, and read every row below it.

    An appendix's own rows are understood: a column-number row under the header is skipped; a total row
    (at the top or the bottom) and the subtotals of group rows (I, II, A, B) are checksums of the communes
    they cover; text rows after a bottom total (notes, signatures) are skipped. No other row is dropped.
    """
    path = places.path
    header = _header(places, records, required, optional)
    problems = header.problems
    if problems and not header.columns and places.sheet is not None:  # no header on this sheet: another's?
        raise InputError([_no_header(places, required, optional, sheet_option)])
    if problems:
        raise InputError(problems)
    position = header.columns
    texts = header.texts
    keys = [key for key in required + optional if key in position]
    count_keys = [key for key in keys if not key.endswith("_rate") and key not in PARENT_KEYS]
    count_columns = [(key, position[key]) for key in count_keys]
    rate_keys = [key for key in keys if key.endswith("_rate")]
    parent_keys = [key for key in keys if key in PARENT_KEYS]
    name_index, code_index, index_index = position["name"], position.get("code"), position.get("index")
    if code_index is not None and not any(code_index < len(record) and record[code_index].strip()
                                          for record in records[header.last + 1:]):
        code_index = None  # a code column left empty throughout (a table of names written by bhxh): names only

    def problem(offset: int, key: str, message: str, rule: str) -> None:
        index = position[key]
        problems.append(places.at(offset, index, texts[index], key, message, rule))

    def text(record: list[str], index: int | None) -> str:
        return record[index].strip() if index is not None and index < len(record) else ""

    def counts_of(offset: int, record: list[str], *, required_filled: bool) -> dict[str, int | None]:
        counts: dict[str, int | None] = {}
        width = len(record)
        for key, index in count_columns:
            raw = record[index] if index < width else ""
            if raw.isdigit() and raw.isascii():  # the common case, as parse_count would read it
                counts[key] = int(raw)
                continue
            if not raw.strip():  # a count column that is there must be filled, required or not
                if not required_filled:
                    counts[key] = None
                elif places.unreadable_formula and places.unreadable_formula(offset, position[key]):
                    problem(offset, key, tr("table.formula_without_value"), "formula-without-value")
                else:
                    problem(offset, key, tr("table.empty_count", meaning=tr(f"column.{key}") if has(f"column.{key}") else tr("column.count")), "missing-value")
                counts[key] = None
                continue
            value = tr("table.count.fraction") if isinstance(raw, FractionalNumber) else parse_count(raw)
            if isinstance(value, str):
                problem(offset, key, tr("table.not_a_count", text=raw.strip(), problem=value), "not-a-count")
                counts[key] = None
            else:
                counts[key] = value
        return counts

    # 1. What each row is: the numbering row, a total, a group, or a commune (blank rows are skipped).
    items: list[tuple[str, int, list[str], str, str]] = []  # (kind, row, cells, label or name, code)
    first = True
    for offset, record in enumerate(records[header.last + 1:], start=header.last + 2):
        if not "".join(record).strip():  # no cell holds anything but spaces
            continue
        if first:
            first = False
            if is_numbering_row(record, name_index):
                continue  # (1) (2) (3)… under the header
        width = len(record)
        name = record[name_index].strip() if name_index < width else ""
        code = record[code_index].strip() if code_index is not None and code_index < width else ""
        number = record[index_index].strip() if index_index is not None and index_index < width else ""
        kind, label = row_kind(number, code, name)
        items.append((kind, offset, record, label, code))

    # 1b. A note, a signature block or a date line under the communes ("Ghi chú", "KT. CHỦ TỊCH", "…, ngày …
    # tháng … năm …": no code, no count) ends the table, in whichever column it is written; a row below it
    # with a code or a count is an error, never dropped.
    communes_above, end = False, None
    for i, (kind, _, record, _, code) in enumerate(items):
        if kind == "commune" and not code and communes_above and _closes_table(record, count_columns):
            end = i
            break
        communes_above = communes_above or kind == "commune"
    if end is not None:
        for _, offset, record, _, code in items[end + 1:]:
            filled = [key for key in count_keys if isinstance(parse_count(text(record, position[key]) or "x"), int)]
            if code or filled:
                problem(offset, "code" if code else filled[0], tr("table.row_after_end", row=items[end][1]),
                        "row-after-total")
        items = items[:end]

    # 2. Text after a total that closes the table (notes, signatures) is not a commune; counts there are.
    last_total = max((i for i, item in enumerate(items) if item[0] == "total"), default=None)
    if last_total is not None and any(item[0] == "commune" for item in items[:last_total]):
        tail = items[last_total + 1:]
        items = items[:last_total + 1]
        for kind, offset, record, _, _ in tail:
            filled = [key for key in count_keys if isinstance(parse_count(text(record, position[key]) or "x"), int)]
            if kind != "commune" or filled:
                problem(offset, filled[0] if filled else "name", tr("table.row_after_total"), "row-after-total")

    # 2b. With no closing total (a total at the top, or none), the text at the end (notes, a signature block:
    # "Người lập biểu", a name) is not a commune either: trailing rows with no code and no cell of counts.
    if code_index is not None:
        while items and items[-1][0] == "commune" and not items[-1][4] and not any(
                text(items[-1][2], position[key]) for key in count_keys):
            items.pop()

    # 2c. A row read must hold nothing right of the header: an extra cell shifts or hides a count.
    width = header_width(texts)
    for _, offset, record, _, _ in items:
        if len(record) > width and "".join(record[width:]).strip():  # most rows: no cell, or empty ones
            problems.append(beyond_header(places, offset, record, texts, width, delimiter))

    # 3. The communes, with the groups and totals that cover them.
    rows: list[CommuneRow] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    checks: list[tuple[int, str, str, dict[str, int | None], list[CommuneRow]]] = []  # (row, kind, label, ...)
    group: tuple[int, str, dict[str, int | None], list[CommuneRow]] | None = None
    later_groups = [i for i, item in enumerate(items) if item[0] == "group"]
    # A commune's counts are nearly always plain digits: those rows are read at once, the others by counts_of.
    count_indexes = [index for _, index in count_columns]
    needed_width = max(count_indexes, default=-1) + 1
    pairs = [(f"{scheme}_eligible", f"{scheme}_enrolled") for scheme in SCHEMES
             if f"{scheme}_eligible" in count_keys and f"{scheme}_enrolled" in count_keys]
    by_key: dict[str, tuple[int, str] | None] = {}  # name_key -> its first (row, name); None once in seen_names
    totals = sum(item[0] == "total" for item in items)
    total: dict[str, int | None] | None = None
    total_row: int | None = None
    for position_in_items, (kind, offset, record, label, code) in enumerate(items):
        if kind == "group":
            if group is not None:
                checks.append((group[0], "group", group[1], group[2], group[3]))
            group = (offset, label, counts_of(offset, record, required_filled=False), [])
            continue
        if kind == "total":
            counts = counts_of(offset, record, required_filled=False)
            # A group's own "Cộng" row: inside a group, before the next group or beside another total row.
            own = any(i > position_in_items for i in later_groups) or (fold_header(label) == "cong" and totals > 1)
            if group is not None and group[3] and own:
                checks.append((offset, "group", group[1], counts, group[3]))
                checks.append((group[0], "group", group[1], group[2], group[3]))
                group = None
                continue
            checks.append((offset, "total", label, counts, rows))
            if total is None:
                total, total_row = counts, offset
            continue
        name = " ".join(label.split())
        if code_index is not None and not code:
            if places.unreadable_formula and places.unreadable_formula(offset, code_index):
                problem(offset, "code", tr("table.formula_without_value"), "formula-without-value")
            else:
                problem(offset, "code", tr("table.empty_code"), "missing-value")
        elif code and (invisible_character(code) or foreign_digit(code)):
            key, values, rule = code_problem(code)  # the one rule for codes, as in plans (core/codes.py)
            problem(offset, "code", tr(f"code.{key}", **values), rule)
        if not name:
            if places.unreadable_formula and places.unreadable_formula(offset, name_index):
                problem(offset, "name", tr("table.formula_without_value"), "formula-without-value")
            else:
                problem(offset, "name", tr("table.empty_name"), "missing-value")
        cells = [record[index] for index in count_indexes] if len(record) >= needed_width else None
        plain = cells is not None and all(cells) and "".join(cells).isdigit() and "".join(cells).isascii()
        counts = (dict(zip(count_keys, map(int, cells))) if plain
                  else counts_of(offset, record, required_filled=True))
        for eligible_key, enrolled_key in pairs:
            eligible, enrolled = counts[eligible_key], counts[enrolled_key]
            if eligible is not None and enrolled is not None and enrolled > eligible:
                problem(offset, enrolled_key, tr("table.enrolled_above_eligible", enrolled=enrolled,
                                                 eligible=eligible), "enrolled-above-eligible")
        if code:
            seen = seen_codes.setdefault(code, offset)
            if seen != offset:
                problem(offset, "code", tr("table.duplicate_code", code=code, row=seen),
                        "duplicate-code")
        if name:
            # normalized_name is slow: a coarser, cheaper key tells most names apart (core/names.name_key)
            key = name_key(name)
            first = by_key.setdefault(key, (offset, name))
            if first is None:
                seen = seen_names.setdefault(normalized_name(name), offset)
            elif first[0] != offset:  # the second name with this key: compare by normalized names from now on
                seen_names.setdefault(normalized_name(first[1]), first[0])
                by_key[key] = None
                seen = seen_names.setdefault(normalized_name(name), offset)
            else:
                seen = offset
            if seen != offset:
                problem(offset, "name", tr("table.duplicate_name", name=name, row=seen),
                        "duplicate-name")
        row = CommuneRow(offset, code, name, counts, _rates_of(record, rate_keys, position) if rate_keys else {})
        if parent_keys:
            above = _rates_of(record, parent_keys, position)  # text cells, as written
            row.parent, row.parent_name = above.get("parent", ""), " ".join(above.get("parent_name", "").split())
        rows.append(row)
        if group is not None:
            group[3].append(row)
    if group is not None:
        checks.append((group[0], "group", group[1], group[2], group[3]))
    if not problems:
        for offset, kind, label, stated, members in checks:
            _check_sum(offset, kind, label, stated, members, count_keys, problem)
    if problems:
        raise InputError(problems)
    if not rows and total is None:
        raise InputError([places.at(header.last + 1, None, "", "", tr("table.empty"), "empty-table")])
    written = {key: texts[index] for key, index in position.items()}
    table = CommuneTable(path, written, rows, encoding, delimiter, places, position)
    table.report_date, table.title = header.report_date, header.title
    read = set(position.values())
    table.other_columns = [text for index, text in enumerate(texts) if text and index not in read]
    table.unread_counts = [text for text in table.other_columns if names_counts_of_no_scheme(text)]
    table.total, table.total_row = total, total_row
    if total_row is not None:
        table.total_rates = _rates_of(records[total_row - 1], rate_keys, position)
    return table


# What ends a table from below (folded): notes, the recipients, who drew it up, a signature block's titles
# (KT., TM., TL., TUQ., Q.), the signer's office, and the place-and-date line "…, ngày … tháng … năm …".
_CLOSING = re.compile(r"(?:ghi_chu|chu_thich|luu_y|noi_nhan|nguoi_lap|nguoi_ky|ke_toan|thu_truong|giam_doc|kt|tm|tl"
                      r"|tuq|q|pho_chu_tich|chu_tich|truong_phong|xac_nhan)(?:_|$)")
_DATE_LINE = re.compile(r"(?:^|_)ngay_(?:[0-9]+_)?thang_(?:[0-9]+_)?nam(?:_[0-9]+)?$")


def _closes_table(record: list[str], count_columns: list[tuple[str, int]]) -> bool:
    """Whether a row with no code is a note, signature or date line: no count in it, and its text says so."""
    width = len(record)
    cells = [record[index] for _, index in count_columns if index < width]
    if any(map(str.isdigit, cells)) or any(isinstance(parse_count(cell or "x"), int) for cell in cells):
        return False  # a count: a commune's row (plain digits, the common case, seen at once)
    folded = fold_header(" ".join(cell.strip() for cell in record if cell.strip()))
    return _CLOSING.match(folded) is not None or _DATE_LINE.search(folded) is not None


def _check_sum(offset: int, kind: str, label: str, stated: dict[str, int | None], members: list[CommuneRow],
               keys: list[str], problem) -> None:
    """An official's total is a checksum: say so when it disagrees with the communes it covers."""
    if not members:
        return  # a total with no communes under it (a district's appendix) is the data itself
    for key in keys:
        value = stated.get(key)
        if value is None:
            continue
        summed = sum(row.counts.get(key) or 0 for row in members)
        if summed == value:
            continue
        if kind == "total":
            problem(offset, key, tr("table.total_mismatch", stated=value, count=len(members), summed=summed,
                       difference=f"{summed - value:+d}"), "total-mismatch")
        else:
            problem(offset, key, tr("table.subtotal_mismatch", group=label, stated=value, count=len(members),
                       summed=summed, difference=f"{summed - value:+d}"), "subtotal-mismatch")


def _rates_of(record: list[str], keys: list[str], position: dict[str, int]) -> dict[str, str]:
    """The printed rates of a row, as written (parsed where they are used)."""
    return {key: record[position[key]].strip() for key in keys
            if position[key] < len(record) and record[position[key]].strip()}


def _filled_right(record: list[str]) -> list[str]:
    """A group header row with each group's text carried over the empty cells to its right (a merged cell)."""
    out, current = [], ""
    for cell in record:
        current = cell.strip() or current
        out.append(current)
    return out


@dataclass
class _Header:
    last: int  # index of the header's last row in the records
    columns: dict[str, int]
    texts: list[str]
    problems: list[Diagnostic]
    report_date: dt.date | None = None
    title: list[str] = field(default_factory=list)  # the lines above the header


def _header(places: Places, records: list[list[str]], required: list[str], optional: list[str]) -> _Header:
    """The header: its last row's index, where each known column is, each column's header text, problems.

    The header is the first row holding the name column and the code column or a count column; when the row
    below it holds the columns under merged group headers (a scheme's name over "Thuộc diện tham gia",
    "Đang tham gia" ...), the two rows are read together.
    """
    shared = [count for count in SHARED_COUNTS if any(key.endswith(f"_{count}") for key in required + optional)]
    wanted = ["code", "name", "index"] + required + optional + shared
    counted = set(required + optional + shared)

    def keys_of(row: list[str], above: list[str]) -> list[str]:
        groups = _filled_right(above)
        return _placed_rates([header_key(cell, groups[i] if i < len(groups) else "") for i, cell in enumerate(row)])

    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        keys = keys_of(record, records[index - 1] if index else [])
        if "name" not in keys:
            continue
        if "code" not in keys and not counted.intersection(keys) and not (
                index + 1 < len(records) and counted.intersection(keys_of(records[index + 1], record))):
            continue
        first = index
        texts = [cell.strip() for cell in record]
        dated = list(texts)  # the text a column's date is read from: both header rows
        if index + 1 < len(records):
            lower = records[index + 1]
            below = keys_of(lower, record)
            double = [below[i] if i < len(lower) and lower[i].strip() else keys[i] for i in range(len(record))]
            double += below[len(record):]
            if sum(k in wanted for k in set(double)) > sum(k in wanted for k in set(keys)):
                keys = double
                upper = _filled_right(record)
                texts = [(lower[i].strip() if i < len(lower) and lower[i].strip() else
                          record[i].strip() if i < len(record) else "") for i in range(len(keys))]
                dated = [f"{upper[i] if i < len(upper) else ''} {texts[i]}" for i in range(len(keys))]
                # the same text under two groups ("Số người tham gia" under each scheme): name both rows
                repeated = {t for t in texts if t and texts.count(t) > 1}
                texts = [f"{upper[i]} / {t}" if t in repeated and i < len(upper) and upper[i] and upper[i] != t
                         else t for i, t in enumerate(texts)]
                index += 1
        columns: dict[str, int] = {}
        problems = []
        for position, key in enumerate(keys):
            if key not in wanted:
                continue
            if key in columns:
                problems.append(places.at(index + 1, position, texts[position], key,
                                          tr("table.duplicate_column", key=key, other=texts[columns[key]]), "duplicate-column"))
                continue
            columns[key] = position
        for key in required + optional:  # one population (labour force) column for every scheme of it
            count = next((c for c in shared if key.endswith(f"_{c}")), None)
            if key not in columns and count in columns:
                columns[key] = columns[count]
        missing = [key for key in required if key not in columns]
        if missing:
            found = ", ".join(text for text in texts if text)
            for key in missing:
                problems.append(places.at(index + 1, None, "", "", tr("table.missing_column", key=key, meaning=tr(f"column.{key}") if has(f"column.{key}") else key,
                                             found=found),
                                          "missing-column"))
        dates: dict[dt.date, int] = {}
        for key, position in columns.items():
            try:
                found = header_date(dated[position]) if key.endswith("_enrolled") else None
            except ValueError as error:  # a date that cannot be: said, never replaced by today's
                problems.append(places.at(index + 1, position, texts[position], key, tr("table.bad_date", header=dated[position].strip(), error=error),
                                          "bad-date"))
                continue
            if found is not None:
                dates.setdefault(found, position)
        if len(dates) > 1:
            (one, at_one), (other, at_other) = list(dates.items())[:2]
            problems.append(places.at(index + 1, at_other, texts[at_other], "", tr("table.two_dates", one=f"{one:%d/%m/%Y}", one_header=texts[at_one],
                                         other=f"{other:%d/%m/%Y}", other_header=texts[at_other]),
                                      "conflicting-dates"))
        lines = [(offset, " ".join(" ".join(cell.split()) for cell in row if cell.strip()))
                 for offset, row in enumerate(records[:first])]
        report_date = next(iter(dates), None)
        if report_date is None and any(key.endswith("_enrolled") for key in columns):
            for offset, line in lines:  # no column header is dated: a title line that says the figures' date
                try:
                    report_date = title_date(line) if line else None
                except ValueError as error:
                    problems.append(places.at(offset + 1, None, "", "", tr("table.bad_date", header=line,
                                                                             error=error), "bad-date"))
                    break
                if report_date is not None:
                    break
        return _Header(index, columns, texts, problems, report_date, [line for _, line in lines if line])
    message = tr("table.no_header", rows=HEADER_SEARCH_ROWS, columns=", ".join(required) or "...")
    return _Header(0, {}, [], [places.at(1, None, "", "", no_header_said(places, message), "missing-column")])


def _placed_rates(keys: list[str]) -> list[str]:
    """A rate column without a scheme's name belongs to the scheme whose counts stand just left of it."""
    out = list(keys)
    for index, key in enumerate(keys):
        if key != "rate":
            continue
        left = next((k for k in reversed(out[:index]) if k.split("_")[0] in SCHEMES), "")
        scheme = left.split("_")[0]
        if scheme and f"{scheme}_rate" not in out:
            out[index] = f"{scheme}_rate"
    return out
