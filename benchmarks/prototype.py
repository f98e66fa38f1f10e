"""A prototype of `bhxh check`, `allocate` and `gap` built from the best available parts, as the yardstick of
issue 14: rapidyaml (`ryml`) parsing a clean plan, its JSON decoded by msgspec into strict structs; the csv
module or python-calamine reading tables; the project's own `apportion`; plain string formatting for the
terminal; xlsxwriter for workbooks. It prints what `bhxh` prints, byte for byte (compare.py checks that on
every input it times).

It is a yardstick, not a second implementation: it takes only the clean path (a valid plan, a UTF-8 csv or
an xlsx table with the English headers on the first row, every count a plain whole number, every commune
matched by code, Vietnamese labels) and hands anything else, untouched, to `bhxh` itself, which stays the
single source of every message. What it checks on the clean path is what `bhxh` checks on valid inputs
(strict types, counts 0 or more, enrolled and baseline within eligible, stated rates, unique codes and
names, the district's schemes in every commune, sums); what it cannot tell cheaply it refuses (anchors,
aliases, tags, plain scalars that YAML 1.1 reads as something else, duplicate keys), by falling back.

Run: python benchmarks/prototype.py check PLAN
     python benchmarks/prototype.py allocate -c TABLE -p PLAN [-f table|csv] [-o X.xlsx [--force]]
     python benchmarks/prototype.py gap -p PLAN -a REPORT [--as-of DATE] [-f table|csv] [-o X.xlsx [--force]]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import sys
from fractions import Fraction
from typing import Annotated, Literal

import msgspec

SCHEMES = ("mandatory", "voluntary", "unemployment")
SCHEME_LABEL = {"mandatory": "BHXH bắt buộc", "voluntary": "BHXH tự nguyện", "unemployment": "Bảo hiểm thất nghiệp"}
SCHEME_LONG = {"mandatory": "Bảo hiểm xã hội bắt buộc", "voluntary": "Bảo hiểm xã hội tự nguyện",
               "unemployment": "Bảo hiểm thất nghiệp"}
STATUS_LABEL = {"met": "đạt", "on track": "đúng tiến độ", "behind": "chậm"}
TOTAL = "TỔNG SỐ"
METHOD = "sainte-lague"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_VI = str.maketrans({",": ".", ".": ","})


class Fallback(Exception):
    """Not the clean path: `bhxh` itself handles these inputs."""


# -- the plan: rapidyaml -> JSON -> strict msgspec structs ------------------------------------------------

Count = Annotated[int, msgspec.Meta(ge=0)]
Text = Annotated[str, msgspec.Meta(min_length=1)]


class Counts(msgspec.Struct, forbid_unknown_fields=True):
    eligible: Count
    enrolled: Count
    rate: Annotated[float, msgspec.Meta(ge=0, le=100)] | None = None
    baseline: Count | None = None


class Commune(msgspec.Struct, forbid_unknown_fields=True):
    code: Text
    name: Text
    mandatory: Counts | None = None
    voluntary: Counts | None = None
    unemployment: Counts | None = None


class Schemes(msgspec.Struct, forbid_unknown_fields=True):
    mandatory: Counts | None = None
    voluntary: Counts | None = None
    unemployment: Counts | None = None


class PlanInfo(msgspec.Struct, forbid_unknown_fields=True):
    number: Text
    area: Text
    year: Annotated[int, msgspec.Meta(ge=1990, le=2100)]
    title: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    implements: list[str] | None = None
    report_due: dt.date | None = None


class Plan(msgspec.Struct, forbid_unknown_fields=True):
    version: Literal[1]
    plan: PlanInfo
    schemes: Schemes
    communes: list[Commune] | None = None


# A plain scalar that YAML 1.1 would read as something other than text (booleans, nulls, numbers of every
# base, base-60, dates): bhxh refuses or reads these differently, so the fast path never accepts one as text.
_NOT_PLAIN_TEXT = re.compile(r"(?i)(?:y|n|yes|no|on|off|true|false|null|~|[-+.0-9][-+0-9_.:eEoOxXa-fA-F]*"
                             r"|[-+]?\.(?:inf|nan))")
_CODE_KEY = re.compile(rb"\bcode:[ \t]*(['\"]?)")


def read_plan(path: str) -> Plan:
    import ryml

    with open(path, "rb") as handle:
        source = handle.read()
    if len(source) > 20 * 1024 * 1024 or b"\t" in source or any(c in source for c in (b"&", b"*", b"!", b"\n---", b"%")):
        raise Fallback  # anchors, aliases, tags, documents, directives, tabs: the careful reader decides
    try:
        source.decode("utf-8")
    except UnicodeDecodeError:
        raise Fallback from None
    if source.startswith(b"\xef\xbb\xbf"):
        source = source[3:]
    try:
        tree = ryml.parse_in_arena(source)
        plan = msgspec.json.decode(ryml.emit_json_malloc(tree, tree.root_id()), type=Plan)
    except Exception:
        raise Fallback from None
    # Every node of the tree is in the structs once: otherwise a key was given twice (the last one won).
    if tree.size() != _nodes(plan):
        raise Fallback
    info = plan.plan
    texts = [info.number, info.area, info.title, info.issuer, *(info.implements or [])]
    if plan.communes:
        # codes are always quoted (a plain 015667 would be octal): every `code:` must be followed by a quote
        quotes = [m.group(1) for m in _CODE_KEY.finditer(source)]
        if len(quotes) != len(plan.communes) or not all(quotes):
            raise Fallback
        texts.extend(c.name for c in plan.communes)
    if any(t is not None and _NOT_PLAIN_TEXT.fullmatch(t) for t in texts):
        raise Fallback
    _check_rules(plan)
    return plan


def _nodes(plan: Plan) -> int:
    """The number of nodes rapidyaml makes for this plan (stream, document, every mapping, list and value)."""
    def counts(c: Counts | None) -> int:
        return 0 if c is None else 3 + (c.rate is not None) + (c.baseline is not None)

    info = plan.plan
    size = 2  # the root mapping and version
    size += 1 + sum(v is not None for v in (info.number, info.area, info.year, info.title, info.issuer, info.issued,
                                            info.report_due))
    size += 0 if info.implements is None else 1 + len(info.implements)
    size += 1 + sum(counts(c) for c in (plan.schemes.mandatory, plan.schemes.voluntary, plan.schemes.unemployment))
    if plan.communes is not None:
        size += 1 + sum(3 + counts(c.mandatory) + counts(c.voluntary) + counts(c.unemployment) for c in plan.communes)
    return size


def _scheme_items(holder) -> list[tuple[str, Counts]]:
    return [(s, getattr(holder, s)) for s in SCHEMES if getattr(holder, s) is not None]


def _check_counts(counts: Counts) -> None:
    if counts.enrolled > counts.eligible or (counts.baseline is not None and counts.baseline > counts.eligible):
        raise Fallback
    if counts.rate is not None:
        from bhxh_cli.core.rates import rate_agrees

        if counts.eligible == 0 or not rate_agrees(counts.rate, counts.enrolled, counts.eligible):
            raise Fallback


def _check_rules(plan: Plan) -> None:
    district = _scheme_items(plan.schemes)
    if not district:
        raise Fallback
    for _, counts in district:
        _check_counts(counts)
    if not plan.communes:
        return
    from bhxh_cli.core.names import normalized_name

    wanted = [s for s, _ in district]
    sums = {s: [0, 0] for s in wanted}
    for commune in plan.communes:
        own = _scheme_items(commune)
        if [s for s, _ in own] != wanted:
            raise Fallback
        for scheme, counts in own:
            if counts.enrolled > counts.eligible or (counts.baseline is not None and counts.baseline > counts.eligible):
                raise Fallback
            if counts.rate is not None:
                _check_counts(counts)
            total = sums[scheme]
            total[0] += counts.eligible
            total[1] += counts.enrolled
    if len({c.code for c in plan.communes}) != len(plan.communes):
        raise Fallback
    if len({normalized_name(c.name) for c in plan.communes}) != len(plan.communes):
        raise Fallback
    for scheme, counts in district:
        if sums[scheme] != [counts.eligible, counts.enrolled]:
            raise Fallback


# -- tables: csv or python-calamine ------------------------------------------------------------------------

def read_table(path: str, required: list[str]) -> tuple[list[str], list[str], dict[str, list[int]]]:
    """(codes, names, columns of counts) of a clean table: English headers on the first row, plain counts."""
    import unicodedata

    if path.lower().endswith((".xlsx", ".xlsm")):
        from python_calamine import CalamineWorkbook

        records = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
    else:
        with open(path, "rb") as handle:
            raw = handle.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Fallback from None
        if not unicodedata.is_normalized("NFC", text):
            raise Fallback
        first = text.split("\n", 1)[0]
        if ";" in first or "\t" in first:
            raise Fallback
        records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        raise Fallback
    header = [str(h) for h in records[0]]
    if header[:2] != ["code", "name"] or len(set(header)) != len(header) or not set(required) <= set(header):
        raise Fallback
    width = len(header)
    body = records[1:]
    if any(len(r) != width for r in body):
        raise Fallback
    codes = [r[0] for r in body]
    names = [r[1] for r in body]
    if not all(type(c) is str and c and c == c.strip() for c in codes):
        raise Fallback
    if not all(type(n) is str and n and n == " ".join(n.split()) for n in names):
        raise Fallback
    columns = {}
    for key in required:
        index = header.index(key)
        cells = [r[index] for r in body]
        if all(type(v) is str and v.isdigit() and v.isascii() for v in cells):
            columns[key] = [int(v) for v in cells]
        elif all(type(v) is float and v.is_integer() and v >= 0 for v in cells):
            columns[key] = [int(v) for v in cells]
        else:
            raise Fallback
    from bhxh_cli.core.names import normalized_name

    if len(set(codes)) != len(codes) or len({normalized_name(n) for n in names}) != len(names):
        raise Fallback
    if any(n.casefold().startswith(("tổng", "tong", "total")) for n in names):
        raise Fallback
    return codes, names, columns


# -- numbers the Vietnamese way ----------------------------------------------------------------------------

def count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}".replace(",", ".")


def rate_units(part: int, whole: int) -> int | None:
    """part / whole x 100 in tenths, rounded half-up (away from zero); None when whole is 0."""
    if whole == 0:
        return None
    units = (abs(part) * 2000 + whole) // (2 * whole)
    return -units if part < 0 else units


def tenths(units: int, sign: bool = False) -> str:
    """Tenths as bhxh writes a one-decimal Decimal: 1.234,5 (vi), with a + or - when asked."""
    text = f"{abs(units) // 10:,}.{abs(units) % 10}"
    if sign:
        text = ("-" if units < 0 else "+") + text
    elif units < 0:
        text = "-" + text
    return text.translate(_VI)


def percent(units: int | None) -> str:
    return "—" if units is None else tenths(units) + "%"


def plain_tenths(units: int | None) -> str:
    """As csv writes a one-decimal Decimal: 97.7, -0.3."""
    if units is None:
        return ""
    return ("-" if units < 0 else "") + f"{abs(units) // 10}.{abs(units) % 10}"


_PARTIAL = " ▏▎▍▌▋▊▉"


def bar(units: int | None) -> str:
    if units is None:
        return " " * 10
    eighths = min(max(units, 0), 1000) * 8 // 100
    full, part = divmod(eighths, 8)
    return ("█" * full + (_PARTIAL[part] if part else "")).ljust(10)


def csv_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# -- terminal tables: rich's SIMPLE_HEAVY layout for short tables, bhxh's plain layout for long ones --------

class Table:
    def __init__(self, title: str, columns: list[tuple[str, bool]], rows: list[list[str]], total: list[str],
                 notes: list[str]):
        self.title, self.columns, self.rows, self.total, self.notes = title, columns, rows, total, notes


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines or [""]


def _widths(table: Table, rich: bool) -> list[int]:
    widths = []
    for index, (header, is_text) in enumerate(table.columns):
        widest = max(max((len(r[index]) for r in table.rows), default=1), len(table.total[index]))
        words = max((len(w) for w in header.split()), default=1)
        if rich and is_text:
            widths.append(max(min(widest, 18), words, len(header), widest))
        elif rich:
            widths.append(max(widest, -(-len(header) // 2), words))
        else:
            widths.append(max(widest, words, -(-len(header) // 2) if not is_text else words))
    return widths


def rich_layout(table: Table, console_width: int) -> str:
    """What rich prints for bhxh's table (box SIMPLE_HEAVY, no edge padding) to a pipe, as plain text."""
    widths = _widths(table, rich=True)
    full = sum(widths) + 3 * (len(widths) - 1) + 2
    out = []
    for title in table.title.split("\n"):
        for line in _wrap(title, full) if len(title) > full else [title]:
            left = (full - len(line)) // 2
            out.append(" " * left + line + " " * (full - left - len(line)))
    blank = " " * full
    out.append(blank)
    headers = [_wrap(h, w) for (h, _), w in zip(table.columns, widths)]
    height = max(len(h) for h in headers)
    justify = [(str.ljust if is_text else str.rjust) for _, is_text in table.columns]

    def line(cells):
        return " " + "   ".join(j(c.rstrip(), w) for c, w, j in zip(cells, widths, justify)) + " "

    for level in range(height):
        out.append(line([h[level - (height - len(h))] if level >= height - len(h) else "" for h in headers]))
    out.append(" " + "━" * (full - 2) + " ")
    out.extend(map(line, table.rows))
    out += [blank, line(table.total), blank]
    for note in table.notes:
        out.extend(_wrap(note, console_width) if len(note) > console_width else [note])
    return "\n".join(out) + "\n"


def plain_layout(table: Table) -> str:
    """bhxh's own layout for tables over 2,000 rows (output/render.py plain_table)."""
    widths = _widths(table, rich=False)
    headers = [_wrap(h, w) for (h, _), w in zip(table.columns, widths)]
    height = max(len(h) for h in headers)
    justify = [(str.ljust if is_text else str.rjust) for _, is_text in table.columns]

    def line(cells):
        return " ".join(j(c, w) for c, w, j in zip(cells, widths, justify)).rstrip()

    full = sum(widths) + len(widths) - 1
    out = [title.center(full).rstrip() for title in table.title.splitlines()] + [""]
    for level in range(height):
        out.append(line([h[level - (height - len(h))] if level >= height - len(h) else "" for h in headers]))
    out.append("━" * full)
    out.extend(map(line, table.rows))
    out.extend(["", line(table.total)])
    out.extend(["", *table.notes] if table.notes else [])
    return "\n".join(out) + "\n"


def print_tables(tables: list[Table]) -> None:
    if any(len(t.rows) > 2000 for t in tables):
        sys.stdout.write("\n".join(plain_layout(t) for t in tables))
        return
    width = int(os.environ.get("COLUMNS", "80"))
    sys.stdout.write("\n".join(rich_layout(t, width) for t in tables))


# -- workbooks: xlsxwriter, every text through write_string ------------------------------------------------

STATUS_FILLS = {"met": "#C6EFCE", "on track": "#DDEBF7", "behind": "#FFC7CE"}
STATUS_FONTS = {"met": "#006100", "on track": "#1F4E78", "behind": "#9C0006"}
NUMBER_FORMATS = {"count": "#,##0", "percent": "0.0", "gap": '#,##0;"vượt "#,##0;0'}


def workbook_bytes(title: list[str], sheet_name: str, columns: list[tuple[str, str, str, str | None]],
                   rows: list[dict], total: dict, notes: list[str]) -> bytes:
    """columns: (key, label, kind, group). Laid out as bhxh's output/workbook.py lays out a WideTable."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"author": "bhxh"})
    sheet = book.add_worksheet(sheet_name)
    width = len(columns)
    border = {"border": 1, "border_color": "#808080"}
    formats = {}

    def fmt(kind: str, is_total: bool, status: str | None = None):
        key = (kind, is_total, status)
        if key not in formats:
            spec = dict(border)
            if kind in NUMBER_FORMATS:
                spec["num_format"] = NUMBER_FORMATS[kind]
            if status:
                spec.update(bg_color=STATUS_FILLS[status], pattern=1, font_color=STATUS_FONTS[status],
                            bold=status == "behind")
            if is_total:
                spec["bold"] = True
            formats[key] = book.add_format(spec)
        return formats[key]

    for number, line in enumerate(title):
        style = book.add_format({"bold": True, "font_size": 14 if number == 0 else 11, "align": "center"})
        if width > 1:
            sheet.merge_range(number, 0, number, width - 1, line, style)
        else:
            sheet.write_string(number, 0, line, style)
    top = len(title) + 1
    header = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, **border})
    index = 0
    while index < width:
        key, label, kind, group = columns[index]
        if group is None:
            sheet.merge_range(top, index, top + 1, index, label, header)
            index += 1
            continue
        end = index
        while end + 1 < width and columns[end + 1][3] == group:
            end += 1
        if end > index:
            sheet.merge_range(top, index, top, end, group, header)
        else:
            sheet.write_string(top, index, group, header)
        for position in range(index, end + 1):
            sheet.write_string(top + 1, position, columns[position][1], header)
        index = end + 1
    sheet.set_row(top, 32)
    sheet.set_row(top + 1, 32)
    row = top + 2
    first_data = row
    for item in rows + [total]:
        is_total = item is total
        for position, (key, _, kind, _) in enumerate(columns):
            value = item.get(key)
            if kind == "status" and value:
                sheet.write_string(row, position, STATUS_LABEL[value], fmt(kind, is_total, value))
            elif value is None:
                sheet.write_blank(row, position, None, fmt(kind, is_total))
            elif type(value) is str:
                sheet.write_string(row, position, value, fmt(kind, is_total))
            else:
                sheet.write_number(row, position, value, fmt(kind, is_total))
        row += 1
    italic = book.add_format({"italic": True})
    for note in notes:
        row += 1
        sheet.write_string(row, 0, note, italic)
    leading = next((i for i, c in enumerate(columns) if c[3] is not None), 0)
    sheet.freeze_panes(first_data, leading)
    for position, (key, label, kind, _) in enumerate(columns):
        longest = max(6, len(label) // 2 + 1)
        for item in rows + [total]:
            value = item.get(key)
            if value is None:
                continue
            if kind == "status":
                value = STATUS_LABEL[value]
            longest = max(longest, len(f"{value:,}") if type(value) is int else len(str(value)))
        sheet.set_column(position, position, min(max(longest + 2, 8), 45))
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(top, top + 1)
    book.close()
    return buffer.getvalue()


def write_output(path: str, data: bytes, force: bool, inputs: list[str]) -> None:
    import tempfile

    target = os.path.abspath(path)
    if (os.path.exists(target) and not force) or any(os.path.abspath(i) == target for i in inputs):
        raise Fallback
    handle, temporary = tempfile.mkstemp(prefix=".bhxh-", suffix=".tmp", dir=os.path.dirname(target))
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def plan_title(plan: Plan, what: str) -> str:
    return f"{what}\n{plan.plan.number} · {plan.plan.area}"


def title_block(plan: Plan, what: str) -> list[str]:
    return [what, f"{plan.plan.area} · {plan.plan.number} · năm {plan.plan.year}"]


# -- the commands ------------------------------------------------------------------------------------------

def check(args: dict) -> int:
    files = args["_"]
    if len(files) != 1 or os.path.isdir(files[0]) or set(args) != {"_"}:
        raise Fallback
    read_plan(files[0])
    sys.stderr.write("checked 1 file: no problems\n")
    return 0


def allocate(args: dict) -> int:
    from bhxh_cli.core.apportion import apportion

    if args["_"] or not set(args) <= {"_", "-c", "-p", "-f", "-o", "--force"} or "-p" not in args:
        raise Fallback
    table_path, plan_path, output = args["-c"], args["-p"], args.get("-o")
    fmt = args.get("-f", "table")
    if output is not None and (not output.lower().endswith(".xlsx") or "-f" in args):
        raise Fallback
    if output is not None and os.path.exists(output) and "--force" not in args:
        raise Fallback
    plan = read_plan(plan_path)
    if plan.communes is not None or fmt not in ("table", "csv"):
        raise Fallback
    district = _scheme_items(plan.schemes)
    required = [f"{s}_{f}" for s, _ in district for f in ("eligible", "enrolled")]
    codes, names, columns = read_table(table_path, required)
    notes, results = [], []
    for scheme, counts in district:
        eligible, enrolled = columns[f"{scheme}_eligible"], columns[f"{scheme}_enrolled"]
        if sum(eligible) != counts.eligible or any(n > e for n, e in zip(enrolled, eligible)):
            raise Fallback
        try:
            targets = apportion(counts.enrolled, eligible, method=METHOD, upper=eligible)
        except ValueError:
            raise Fallback from None
        below = sum(t < n for t, n in zip(targets, enrolled))
        if below:
            notes.append(f"note: {scheme}: {below} of {len(codes)} communes get a target below their enrolment "
                         f"now; --floor enrolled keeps each at least there\n")
        results.append((scheme, eligible, enrolled, targets))
    split_note = "Chia theo số người thuộc diện tham gia (Sainte-Laguë); không xã nào vượt số thuộc diện."
    if output is not None:
        columns_spec = [("index", "STT", "count", None), ("code", "Mã", "text", None),
                        ("name", "Xã, thị trấn", "text", None)]
        rows = [{"index": i + 1, "code": c, "name": n} for i, (c, n) in enumerate(zip(codes, names))]
        total = {"name": TOTAL}
        for scheme, eligible, enrolled, targets in results:
            group = SCHEME_LONG[scheme]
            columns_spec += [(f"{scheme}.eligible", "Thuộc diện tham gia", "count", group),
                             (f"{scheme}.enrolled", "Đang tham gia", "count", group),
                             (f"{scheme}.target", "Chỉ tiêu giao", "count", group),
                             (f"{scheme}.rate", "Tỷ lệ chỉ tiêu (%)", "percent", group)]
            for row, e, n, t in zip(rows, eligible, enrolled, targets):
                units = rate_units(t, e)
                row.update({f"{scheme}.eligible": e, f"{scheme}.enrolled": n, f"{scheme}.target": t,
                            f"{scheme}.rate": None if units is None else units / 10})
            e, t = sum(eligible), sum(targets)
            units = rate_units(t, e)
            total.update({f"{scheme}.eligible": e, f"{scheme}.target": t, f"{scheme}.enrolled": sum(enrolled),
                          f"{scheme}.rate": None if units is None else units / 10})
        title = f"Giao chỉ tiêu phát triển đối tượng tham gia BHXH năm {plan.plan.year} cho xã, thị trấn"
        data = workbook_bytes(title_block(plan, title), "Chi tieu", columns_spec, rows, total, [split_note])
        sys.stderr.write("".join(notes))
        write_output(output, data, "--force" in args, [plan_path, table_path])
        sys.stderr.write(f"wrote {output}: {len(codes)} communes, {len(results)} "
                         f"scheme{'s' if len(results) != 1 else ''} ({METHOD}, basis eligible)\n")
        return 0
    sys.stderr.write("".join(notes))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["code", "name", "scheme", "eligible", "enrolled", "target", "rate"])
        for scheme, eligible, enrolled, targets in results:
            writer.writerows([csv_cell(c), csv_cell(n), scheme, e, k, t, plain_tenths(rate_units(t, e))]
                             for c, n, e, k, t in zip(codes, names, eligible, enrolled, targets))
        sys.stdout.write(buffer.getvalue())
        return 0
    tables = []
    headers = [("Mã", True), ("Xã, thị trấn", True), ("Thuộc diện tham gia", False), ("Đang tham gia", False),
               ("Chỉ tiêu giao", False), ("Tỷ lệ chỉ tiêu", False)]
    for scheme, eligible, enrolled, targets in results:
        rows = [[c, n, count(e), count(k), count(t), percent(rate_units(t, e))]
                for c, n, e, k, t in zip(codes, names, eligible, enrolled, targets)]
        e, t = sum(eligible), sum(targets)
        total = ["", TOTAL, count(e), count(sum(enrolled)), count(t), percent(rate_units(t, e))]
        title = plan_title(plan, f"{SCHEME_LABEL[scheme]}: chỉ tiêu giao cho xã, thị trấn")
        tables.append(Table(title, headers, rows, total, [split_note]))
    print_tables(tables)
    return 0


def _parse_date(text: str, year: int) -> dt.date:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        date = dt.date(*map(int, text.split("-")))
    elif re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
        day, month, year_ = map(int, text.split("/"))
        date = dt.date(year_, month, day)
    else:
        raise Fallback
    if date.year != year:
        raise Fallback
    return date


def gap(args: dict) -> int:
    if args["_"] or not set(args) <= {"_", "-p", "-a", "--as-of", "-f", "-o", "--force"}:
        raise Fallback
    if "-p" not in args or "-a" not in args:
        raise Fallback
    plan_path, report_path, output = args["-p"], args["-a"], args.get("-o")
    fmt = args.get("-f", "table")
    if fmt not in ("table", "csv") or (output is not None and (not output.lower().endswith(".xlsx") or "-f" in args)):
        raise Fallback
    if output is not None and os.path.exists(output) and "--force" not in args:
        raise Fallback
    plan = read_plan(plan_path)
    if not plan.communes:
        raise Fallback
    year = plan.plan.year
    date = _parse_date(args["--as-of"], year) if "--as-of" in args else dt.date(year, 12, 31)
    elapsed = Fraction((date - dt.date(year, 1, 1)).days, (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days)
    part, whole = elapsed.numerator, elapsed.denominator
    schemes = [s for s, _ in _scheme_items(plan.schemes)]
    wanted = schemes  # a report without some scheme's column: bhxh decides what to show
    codes, names, columns = read_table(report_path, [f"{s}_enrolled" for s in wanted])
    where = {code: i for i, code in enumerate(codes)}
    if len(codes) != len(plan.communes) or any(c.code not in where for c in plan.communes):
        raise Fallback  # unmatched or matched by name: bhxh's matching and its messages
    order = [where[c.code] for c in plan.communes]
    results = {}
    for scheme in wanted:
        actual_column = columns[f"{scheme}_enrolled"]
        rows = []
        sums = [0, 0, 0, 0]
        all_baselines = True
        for commune, at in zip(plan.communes, order):
            counts = getattr(commune, scheme)
            actual = actual_column[at]
            rows.append(_progress(commune.code, commune.name, counts.enrolled, actual, counts.eligible,
                                  counts.baseline, part, whole))
            sums[0] += counts.enrolled
            sums[1] += actual
            sums[2] += counts.eligible
            if counts.baseline is None:
                all_baselines = False
            else:
                sums[3] += counts.baseline
        total = _progress("", TOTAL, sums[0], sums[1], sums[2], sums[3] if all_baselines else None, part, whole)
        results[scheme] = (rows, total, all_baselines)
    share = tenths((part * 2000 + whole) // (2 * whole))
    with_baselines = all(b for _, _, b in results.values())
    note = (f"Tiến độ: đường thẳng từ số tham gia đầu năm (1/1) đến chỉ tiêu (31/12); đã qua {share}% năm."
            if with_baselines else
            f"Không có số đầu năm (baseline): so tỷ lệ đạt chỉ tiêu với {share}% thời gian đã qua.")
    flat_count = sum(len(rows) for rows, _, _ in results.values())
    if output is not None:
        spec = [("index", "STT", "count", None), ("code", "Mã", "text", None), ("name", "Xã, thị trấn", "text", None)]
        book_rows = [{"index": i + 1, "code": c.code, "name": c.name} for i, c in enumerate(plan.communes)]
        book_total = {"name": TOTAL}
        for scheme, (rows, total, _) in results.items():
            group = SCHEME_LONG[scheme]
            spec += [(f"{scheme}.target", "Chỉ tiêu giao", "count", group),
                     (f"{scheme}.actual", "Đã tham gia", "count", group),
                     (f"{scheme}.gap", "Còn thiếu", "gap", group),
                     (f"{scheme}.achieved", "Đạt % chỉ tiêu", "percent", group),
                     (f"{scheme}.expected", "Theo tiến độ", "count", group),
                     (f"{scheme}.status", "Tình trạng", "status", group)]

            def values(p):
                achieved = p[6]
                return {f"{scheme}.target": p[2], f"{scheme}.actual": p[3], f"{scheme}.gap": p[2] - p[3],
                        f"{scheme}.achieved": None if achieved is None else achieved / 10,
                        f"{scheme}.expected": p[8], f"{scheme}.status": p[9]}

            for item, p in zip(book_rows, rows):
                item.update(values(p))
            book_total.update(values(total))
        title = f"Tiến độ thực hiện chỉ tiêu phát triển đối tượng tham gia BHXH đến {date.strftime('%d/%m/%Y')}"
        data = workbook_bytes(title_block(plan, title), "Tien do", spec, book_rows, book_total, [note])
        write_output(output, data, "--force" in args, [plan_path, report_path])
        sys.stderr.write(f"wrote {output}: {flat_count} rows\n")
        return 0
    shown = {scheme: sorted(rows, key=lambda p: (-p[10], p[0])) for scheme, (rows, _, _) in results.items()}
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["code", "name", "scheme", "target", "actual", "gap", "achieved", "rate_points",
                         "still_needed", "expected", "status", "change"])
        for scheme, rows in shown.items():
            writer.writerows([csv_cell(p[0]), csv_cell(p[1]), scheme, p[2], p[3], p[2] - p[3], plain_tenths(p[6]),
                              plain_tenths(p[7]), max(0, p[2] - p[3]), p[8], p[9], ""] for p in rows)
        sys.stdout.write(buffer.getvalue())
        return 0
    headers = [("Mã", True), ("Xã, thị trấn", True), ("Chỉ tiêu giao", False), ("Đã tham gia", False),
               ("Còn thiếu", False), ("Đạt % chỉ tiêu", False), ("Tỷ lệ so với KH", False), ("Cần thêm", False),
               ("Theo tiến độ", False), ("Tình trạng", False)]
    tables = []
    for scheme, rows in shown.items():
        _, total, all_baselines = results[scheme]
        title = plan_title(plan, f"{SCHEME_LABEL[scheme]}: tiến độ đến {date.strftime('%d/%m/%Y')}")
        table_note = note if all_baselines else (
            f"Không có số đầu năm (baseline): so tỷ lệ đạt chỉ tiêu với {share}% thời gian đã qua.")
        tables.append(Table(title, headers, [_cells(p) for p in rows], _cells(total), [table_note]))
    print_tables(tables)
    return 0


def _progress(code, name, target, actual, eligible, baseline, part, whole) -> tuple:
    """(code, name, target, actual, eligible, baseline, achieved tenths, rate points tenths, expected, status,
    shortfall), as bhxh's core/progress.py computes them."""
    start = baseline if baseline is not None else 0
    expected = start * whole + (target - start) * part
    if actual >= target:
        status = "met"
    elif actual * whole >= expected:
        status = "on track"
    else:
        status = "behind"
    return (code, name, target, actual, eligible, baseline, rate_units(actual, target),
            rate_units(actual - target, eligible), (2 * expected + whole) // (2 * whole), status,
            expected - actual * whole)


def _cells(p: tuple) -> list[str]:
    gap_ = p[2] - p[3]
    achieved = p[6]
    points = "—" if p[7] is None else tenths(p[7], sign=True) + " đ.p."
    return [p[0], p[1], count(p[2]), count(p[3]), f"vượt {count(-gap_)}" if gap_ < 0 else count(gap_),
            f"{percent(achieved)} {bar(achieved)}", points, count(max(0, gap_)), count(p[8]), STATUS_LABEL[p[9]]]


# -- the command line --------------------------------------------------------------------------------------

_ALIASES = {"--communes": "-c", "--plan": "-p", "--actual": "-a", "--format": "-f", "--output": "-o"}
_FLAGS = {"--force"}


def parse(argv: list[str]) -> dict:
    args: dict = {"_": []}
    items = iter(argv)
    for item in items:
        key = _ALIASES.get(item, item)
        if key in _FLAGS:
            args[key] = True
        elif key.startswith("-"):
            if key in args:
                raise Fallback
            args[key] = next(items, None)
            if args[key] is None:
                raise Fallback
        else:
            args["_"].append(item)
    return args


COMMANDS = {"check": check, "allocate": allocate, "gap": gap}


def main(argv: list[str]) -> int:
    try:
        if not argv or argv[0] not in COMMANDS:
            raise Fallback
        return COMMANDS[argv[0]](parse(argv[1:]))
    except Fallback:
        from bhxh_cli.cli import main as bhxh

        sys.argv = ["bhxh", *argv]
        return bhxh()


if __name__ == "__main__":
    if os.environ.get("BHXH_PROTOTYPE_STRICT"):  # compare.py: a fallback would time bhxh, so say so and fail
        try:
            sys.exit(COMMANDS[sys.argv[1]](parse(sys.argv[2:])))
        except Fallback:
            sys.stderr.write("prototype: not the clean path (would fall back to bhxh)\n")
            sys.exit(99)
    sys.exit(main(sys.argv[1:]))
