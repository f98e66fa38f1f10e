"""Reading a crosswalk file (old units to new ones: `old_code, old_name, new_code, new_name, share`, or the
Vietnamese headers "Mã xã cũ", "Tên xã cũ", "Mã xã mới", "Tên xã mới", "Tỷ lệ"), CSV or a workbook, into a
core.crosswalk.Crosswalk; and a communes table (a report, in old units) turned into one in the new units.

Every problem names FILE:ROW:COLUMN (as a spreadsheet shows it) and says how to fix it; all problems of a file
are reported together. The crosswalk's own rules (shares, names, links) are core.crosswalk's.
"""

from __future__ import annotations

from dataclasses import dataclass

from bhxh_cli.core.codes import invisible_character
from bhxh_cli.core.crosswalk import (
    ERROR,
    Crosswalk,
    CrosswalkError,
    Row,
    build,
    check_table,
    convert,
)
from bhxh_cli.diagnostics import WARNING, Diagnostic, InputError
from bhxh_cli.messages import tr
from bhxh_cli.sources import collector_paused
from bhxh_cli.tables.communes import CommuneRow, CommuneTable, sheet_with
from bhxh_cli.tables.headers import HEADER_SEARCH_ROWS, fold_header
from bhxh_cli.tables.positions import Places, no_header_said
from bhxh_cli.tables.records import cells_beyond_header, read_records_under

COLUMNS = ("old_code", "old_name", "new_code", "new_name", "share")
# Headers (folded: no accents, lowercase, "_" between words) as offices write them.
_ALIASES = {
    "old_code": ("old_code", "ma_cu", "ma_xa_cu", "ma_don_vi_cu", "ma_dvhc_cu", "ma_xa_phuong_cu",
                 "ma_don_vi_hanh_chinh_cu", "ma_truoc_sap_xep", "ma_xa_truoc_sap_xep"),
    "old_name": ("old_name", "ten_cu", "ten_xa_cu", "ten_don_vi_cu", "xa_cu", "don_vi_cu", "ten_xa_phuong_cu",
                 "ten_don_vi_hanh_chinh_cu", "ten_truoc_sap_xep", "ten_xa_truoc_sap_xep", "xa_thi_tran_cu"),
    "new_code": ("new_code", "ma_moi", "ma_xa_moi", "ma_don_vi_moi", "ma_dvhc_moi", "ma_xa_phuong_moi",
                 "ma_don_vi_hanh_chinh_moi", "ma_sau_sap_xep", "ma_xa_sau_sap_xep"),
    "new_name": ("new_name", "ten_moi", "ten_xa_moi", "ten_don_vi_moi", "xa_moi", "don_vi_moi", "ten_xa_phuong_moi",
                 "ten_don_vi_hanh_chinh_moi", "ten_sau_sap_xep", "ten_xa_sau_sap_xep", "xa_phuong_moi"),
    "share": ("share", "ty_le", "ti_le", "ty_le_chia", "ty_le_phan_chia", "ti_le_phan_chia", "phan", "phan_chia",
              "ty_le_phan_tram", "ty_le_sap_nhap"),
}
_KEY_OF = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_REQUIRED = ("old_code", "old_name", "new_code", "new_name")
# The column each rule of the crosswalk points at.
_RULE_COLUMN = {"old-code-missing": "old_code", "new-code-missing": "new_code", "old-name-missing": "old_name",
                "new-name-missing": "new_name", "old-name-conflict": "old_name", "new-name-conflict": "new_name",
                "duplicate-link": "new_code"}


def header_of(text: str) -> str:
    """The crosswalk column a header means, or ''."""
    return _KEY_OF.get(fold_header(text), "")


@dataclass
class CrosswalkMap:
    """A crosswalk as read from its file, with the file's places (for messages about it)."""

    file: str
    crosswalk: Crosswalk
    rows: int  # crosswalk rows read
    warnings: list[Diagnostic]


def read_crosswalk(path: str, *, sheet: str | None = None) -> CrosswalkMap:
    """The crosswalk of a CSV or workbook file; InputError with every problem of the file."""
    with collector_paused():
        return _read_crosswalk(path, sheet)


def _read_crosswalk(path: str, sheet: str | None) -> CrosswalkMap:
    records, places, delimiter = read_records_under(path, sheet, _header)
    header_index, position, texts = _header(places, records)
    problems: list[Diagnostic] = cells_beyond_header(places, records, header_index, texts, delimiter)

    def at(row: int, key: str, message: str, rule: str, severity: str = ERROR) -> Diagnostic:
        index = position.get(key)
        found = places.at(row, index, texts[index] if index is not None else "", key, message, rule)
        return found if severity == ERROR else Diagnostic(found.file, found.line, found.column, found.path,
                                                          found.message, found.rule, severity, found.sheet)

    rows: list[Row] = []
    numbers: list[int] = []  # the spreadsheet row of each crosswalk row
    for number, record in enumerate(records[header_index + 1:], start=header_index + 2):
        if not "".join(record).strip():
            continue
        cells = {key: (record[index].strip() if index < len(record) else "") for key, index in position.items()}
        for key in ("old_code", "new_code"):
            hidden = invisible_character(cells[key])
            if hidden:
                problems.append(at(number, key, tr("crosswalk.invisible", character=hidden), "invisible-character"))
        rows.append(Row(cells["old_code"], " ".join(cells["old_name"].split()), cells["new_code"],
                        " ".join(cells["new_name"].split()), cells.get("share") or None))
        numbers.append(number)
    if not rows:
        raise InputError([places.at(header_index + 1, None, "", "", tr("crosswalk.empty"), "empty-table")])
    crosswalk, findings = build(rows)
    for finding in findings:
        column = _RULE_COLUMN.get(finding.rule, "share")
        # the core counts crosswalk rows; the file's rows are as a spreadsheet shows them
        values = {name: (numbers[value - 1] if name in ("at", "first", "row") and type(value) is int
                         else value)
                  for name, value in finding.values.items()}
        problems.append(at(numbers[finding.row - 1], column, tr(finding.message_key, **values),
                           finding.rule, finding.severity))
    problems.sort(key=lambda d: d.line or 0)
    if any(p.severity == ERROR for p in problems):
        raise InputError(problems)
    return CrosswalkMap(path, crosswalk, len(rows), problems)


def _header(places: Places, records: list[list[str]]) -> tuple[int, dict[str, int], list[str]]:
    """(index of the header row, column key -> index, the header texts): the first row, within the rows a
    header is looked for in, naming an old and a new code."""
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        keys = [header_of(cell) for cell in record]
        if "old_code" not in keys or "new_code" not in keys:
            continue
        texts = [cell.strip() for cell in record]
        position: dict[str, int] = {}
        problems = []
        for column, key in enumerate(keys):
            if not key:
                continue
            if key in position:
                problems.append(places.at(index + 1, column, texts[column], key,
                                          tr("table.duplicate_column", key=key, other=texts[position[key]]),
                                          "duplicate-column"))
                continue
            position[key] = column
        found = ", ".join(text for text in texts if text)
        for key in _REQUIRED:
            if key not in position:
                problems.append(places.at(index + 1, None, "", "", tr("crosswalk.missing_column", key=key,
                                                                      found=found), "missing-column"))
        if problems:
            raise InputError(problems)
        return index, position, texts
    other = sheet_with(places, _has_header) if places.sheet is not None else None
    message = (tr("crosswalk.no_header", rows=HEADER_SEARCH_ROWS) if other is None else
               tr("crosswalk.no_header.other_sheet", rows=HEADER_SEARCH_ROWS, sheet=places.sheet, other=other))
    raise InputError([places.at(1, None, "", "", no_header_said(places, message), "missing-column")])


def _has_header(places: Places, records: list[list[str]]) -> bool:
    return any({"old_code", "new_code"} <= {header_of(cell) for cell in record}
               for record in records[:HEADER_SEARCH_ROWS])


# -- a table of old units in the new ones --------------------------------------------------------------------

@dataclass
class Crosswalked:
    table: CommuneTable  # the table in the new units (its rows numbered 2, 3 … as a written table would be)
    warnings: list[Diagnostic]  # new units only part of whose old units the table has
    units_in: int
    units_out: int


def crosswalk_table(table: CommuneTable, walk: CrosswalkMap, *, method: str = "hamilton") -> Crosswalked:
    """A communes table (a report) in old units, as the same table in the crosswalk's new units: merged
    units' counts added up, divided units' split exactly by their shares; every column's total kept. The
    table's problems against the crosswalk (a unit it does not have, a name that is not its name, a unit
    twice) are an InputError naming the table's rows; the table needs its code column."""
    crosswalk = walk.crosswalk
    keys = [key for key in table.columns if key not in ("code", "name", "index", "parent", "parent_name")
            and not key.endswith("_rate")]
    if table.rows and "code" not in table.columns:
        raise InputError([table.places.at(None, None, "", "", tr("crosswalk.no_code_column", map=walk.file),
                                          "missing-column")])
    findings = check_table(crosswalk, [(row.code, row.name) for row in table.rows])
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for finding in findings:
        message = tr(finding.message_key, **finding.values)
        if finding.row is None:
            warnings.append(Diagnostic(table.file, None, None, "", message, finding.rule, WARNING))
            continue
        row = table.rows[finding.row - 1]
        problems.append(table.problem(row.row, "name" if finding.rule == "name-mismatch" else "code", message,
                                      finding.rule))
    if problems:
        raise InputError(sorted(problems, key=lambda d: d.line or 0))
    # the reader refuses an empty count in a commune's row: every count here is a whole number
    try:
        converted = convert(crosswalk, [(row.code, row.name, {key: row.counts[key] for key in keys})
                                        for row in table.rows], method=method, checked=True)
    except CrosswalkError as error:  # check_table found nothing: a count the reader let through
        raise InputError([Diagnostic(table.file, None, None, "", tr(error.key, **error.values),
                                     "crosswalk")]) from None
    rows = [CommuneRow(number, code, name, counts)
            for number, (code, name, counts) in enumerate(converted, start=2)]
    columns = {key: text for key, text in table.columns.items() if key in ("code", "name") or key in keys}
    out = CommuneTable(table.file, columns, rows, table.encoding, table.delimiter, table.places,
                       {key: index for key, index in table.positions.items() if key in columns})
    out.report_date, out.title = table.report_date, list(table.title)
    out.total, out.total_row = table.total, None  # the official's total is the same: every count is kept
    return Crosswalked(out, warnings, len(table.rows), len(rows))


def in_old_units(table: CommuneTable, walk: CrosswalkMap, units: dict[str, str]) -> bool:
    """Whether a report is in the crosswalk's old units rather than in `units` (the plan's: code -> name).
    A row is old when its code is an old code of the map, its name (if any) that code's old name, and it is
    not the plan's unit of that code (codes were reused: 15664 was Thị trấn Triệu Sơn and is Xã Triệu Sơn);
    new when it is the plan's unit and not the map's old one. A report with old rows is converted; one with
    old rows and new rows both is an InputError naming rows of each kind. Rows that are neither are left to
    the matching (unknown units are reported there, or by the crosswalk)."""
    from bhxh_cli.core.registry import same_name

    crosswalk = walk.crosswalk
    old_rows, new_rows = [], []
    for row in table.rows:
        code = (row.code or "").strip()
        if not code:
            continue
        old_name, new_name = crosswalk.old_names.get(code), units.get(code)
        name = row.name
        # the same spelling needs no normalizing (most rows of a national report)
        is_old = code in crosswalk.parts and (not name or not old_name or old_name == name or same_name(old_name, name))
        is_new = new_name is not None and (not name or new_name == name or same_name(new_name, name))
        if is_old and not is_new:
            old_rows.append(row)
        elif is_new and not is_old:
            new_rows.append(row)
    if old_rows and new_rows:  # each row of the smaller kind named, with the first rows of the other kind
        few, many, key = ((new_rows, old_rows, "crosswalk.mixed_new") if len(new_rows) <= len(old_rows)
                          else (old_rows, new_rows, "crosswalk.mixed_old"))
        rows = ", ".join(str(r.row) for r in many[:5]) + (" …" if len(many) > 5 else "")
        raise InputError([table.problem(r.row, "code", tr(key, code=r.code, name=r.name, map=walk.file,
                                                           count=len(many), rows=rows), "mixed-units")
                          for r in few])
    return bool(old_rows)


__all__ = ["COLUMNS", "CrosswalkMap", "Crosswalked", "crosswalk_table", "header_of", "in_old_units", "read_crosswalk"]
