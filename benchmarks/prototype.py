"""A prototype of `bhxh check`, `allocate` and `gap` built from the best available parts, as the yardstick of
issue 14: rapidyaml (`ryml`) parsing a clean plan, its JSON decoded by msgspec into strict structs; the csv
module or python-calamine reading tables; the project's own `apportion`; plain string formatting for the
terminal; for workbooks, bhxh's own writer (output/workbook.py: xlsxwriter, every text through write_string,
already the best part), so that the workbook rows compare everything before the writer. Its words are bhxh's
own (the labels of bhxh_cli.i18n, the sentences of bhxh_cli.messages: Vietnamese by default), and it prints
what `bhxh` prints today, byte for byte: compare.py checks that on every input before it times, and stops
where they differ.

It is a yardstick, not a second implementation: it takes only the clean path (a valid plan, a UTF-8 csv or
an xlsx table with the English headers on the first row, every count a plain whole number, every commune
matched by code, Vietnamese labels) and hands anything else, untouched, to `bhxh` itself, which stays the
single source of every message. What it checks on the clean path is what `bhxh` checks on valid inputs
(strict types, counts 0 or more, enrolled and baseline within eligible, stated rates, unique codes and
names, the district's schemes in every commune, sums); what it cannot tell cheaply it refuses (anchors,
aliases, tags, plain scalars that YAML 1.1 reads as something else, duplicate keys), by falling back.

Run: python benchmarks/prototype.py check PLAN
     python benchmarks/prototype.py allocate -c TABLE -p PLAN [-f table|csv] [-o X.xlsx [--force]]
     python benchmarks/prototype.py gap -p PLAN -a REPORT --as-of DATE [-f table|csv] [-o X.xlsx [--force]]
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
METHOD = "sainte-lague"


def label(key: str, **values) -> str:
    """A Vietnamese label of bhxh's own catalog (bhxh_cli.i18n: a dict of strings, nothing else imported), so
    that the prototype says exactly what bhxh says."""
    from bhxh_cli.i18n import LABELS

    text = LABELS[key][0]
    return text.format(**values) if values else text


def units(key: str, year: int) -> str:
    from bhxh_cli.i18n import units_key

    return units_key(key, year)


def message(key: str, count: int | None = None, **values) -> str:
    """A sentence of bhxh's Vietnamese message catalog (bhxh_cli.messages: plain dicts)."""
    from bhxh_cli.messages import tr, trn

    return tr(key, **values) if count is None else trn(key, count, **values)


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

    try:
        with open(path, "rb") as handle:
            source = handle.read()
    except OSError:
        raise Fallback from None
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
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            raise Fallback from None
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


_WORD = re.compile(r"\s*\S+\s*")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken between words as rich breaks them: a word keeps the spaces
    after it (a line may end in one); a line that would end past `width` in spaces only loses those."""
    lines, line = [], ""
    for word in _WORD.findall(text):
        if line and len(line) + len(word.rstrip()) > width:
            lines.append(line)
            line = word
        else:
            line += word
    lines.append(line)
    return [ln[:width] if len(ln) > width and not ln[width:].strip() else ln for ln in lines]


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
            line = line.rstrip()
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
        out.append(line([h[level - (height - len(h))].rstrip() if level >= height - len(h) else "" for h in headers]))
    out.append(" " + "━" * (full - 2) + " ")
    out.extend(map(line, table.rows))
    out += [blank, line(table.total), blank]
    for note in table.notes:
        out.extend(_wrap(note, console_width) if len(note) > console_width else [note])
    return "\n".join(out) + "\n"


def plain_layout(table: Table) -> str:
    """bhxh's own layout for tables over 2,000 rows (output/render.py plain_table)."""
    widths = _widths(table, rich=False)
    headers = [[ln.rstrip() for ln in _wrap(h, w)] for (h, _), w in zip(table.columns, widths)]
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


# -- workbooks: bhxh's own xlsxwriter writer (output/workbook.py) ------------------------------------------
# bhxh already writes with xlsxwriter, every text through write_string: the best part available. The prototype
# hands it the same table, so the comparison measures everything before the writer.

def workbook(title: list[str], sheet: str, columns: list[tuple[str, str, str, str | None]], rows: list[dict],
             total: dict, notes: list[str], **extra) -> bytes:
    """columns: (key, label, kind, group)."""
    from bhxh_cli.output.workbook import WideColumn, WideTable, workbook_bytes

    table = WideTable(title, sheet, [WideColumn(*c) for c in columns], rows, total, notes, **extra)
    return workbook_bytes(table, "vi")


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
    """The appendix's title over the area, and its "(Kèm theo Kế hoạch số ...)" line (commands/documents.py)."""
    info = plan.plan
    area = info.area
    if area.split(" ", 1)[0].lower() in ("huyện", "tỉnh", "thành", "thị", "quận", "xã", "phường"):
        area = area[0].lower() + area[1:]
    parts = [label("attached.plan", number=info.number)]
    if info.issued is not None:
        parts.append(label("attached.issued", date=info.issued.strftime("%d/%m/%Y")))
    if info.issuer:
        parts.append(label("attached.issuer", issuer=info.issuer))
    return [label("title.area", what=what, area=area), label("attached", document=" ".join(parts))]


def leading_columns(year: int) -> list[tuple[str, str, str, str | None]]:
    return [("index", label("index"), "count", None), ("code", label("code"), "text", None),
            ("name", label(units("name", year)), "text", None)]


def tenths_decimal(units_: int | None):
    from decimal import Decimal

    return None if units_ is None else Decimal(units_).scaleb(-1)


# -- the commands ------------------------------------------------------------------------------------------

def check(args: dict) -> int:
    files = args["_"]
    if len(files) != 1 or os.path.isdir(files[0]) or set(args) != {"_"}:
        raise Fallback
    read_plan(files[0])
    sys.stderr.write(message("check.summary", files=message("check.files", 1), summary=message("check.no_problems"))
                     + "\n")
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
    year = plan.plan.year
    district = _scheme_items(plan.schemes)
    required = [f"{s}_{f}" for s, _ in district for f in ("eligible", "enrolled")]
    codes, names, columns = read_table(table_path, required)
    results = []
    for scheme, counts in district:
        eligible, enrolled = columns[f"{scheme}_eligible"], columns[f"{scheme}_enrolled"]
        if sum(eligible) != counts.eligible or any(n > e for n, e in zip(enrolled, eligible)):
            raise Fallback
        try:  # the floor (no commune below its enrolment now) is bhxh's default when the table gives enrolment
            targets = apportion(counts.enrolled, eligible, method=METHOD, lower=enrolled, upper=eligible)
        except ValueError:
            raise Fallback from None
        results.append((scheme, eligible, enrolled, targets))
    method = label(f"method.{METHOD}")
    split_note = label("allocate.basis.eligible.floor", method=method)
    if output is not None:
        spec = leading_columns(year)
        rows = [{"index": i + 1, "code": c, "name": n} for i, (c, n) in enumerate(zip(codes, names))]
        total = {"name": label("total")}
        for scheme, eligible, enrolled, targets in results:
            group = label(f"{scheme}.long")
            spec += [(f"{scheme}.eligible", label("eligible"), "count", group),
                     (f"{scheme}.enrolled", label("enrolled_now"), "count", group),
                     (f"{scheme}.target", label("target"), "count", group),
                     (f"{scheme}.rate", label("target_rate") + " (%)", "percent", group)]
            for row, e, n, t in zip(rows, eligible, enrolled, targets):
                row.update({f"{scheme}.eligible": e, f"{scheme}.enrolled": n, f"{scheme}.target": t,
                            f"{scheme}.rate": tenths_decimal(rate_units(t, e))})
            e, t = sum(eligible), sum(targets)
            total.update({f"{scheme}.eligible": e, f"{scheme}.target": t, f"{scheme}.enrolled": None,
                          f"{scheme}.rate": tenths_decimal(rate_units(t, e))})
        title = label(units("allocate.book.title", year), year=year)
        data = workbook(title_block(plan, title), "Chi tieu", spec, rows, total, [label("allocate.official.eligible")],
                        method=[label("method.title"), split_note], method_sheet=label("method.sheet"))
        write_output(output, data, "--force" in args, [plan_path, table_path])
        sys.stderr.write(message("allocate.wrote.one" if len(results) == 1 else "allocate.wrote", file=output,
                                 communes=len(codes), schemes=len(results), method=label(f"method.{METHOD}"),
                                 basis=label("basis.eligible")) + "\n")
        return 0
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
    headers = [(label("code"), True), (label(units("name", year)), True), (label("eligible"), False),
               (label("enrolled_now"), False), (label("target"), False), (label("target_rate"), False)]
    for scheme, eligible, enrolled, targets in results:
        rows = [[c, n, count(e), count(k), count(t), percent(rate_units(t, e))]
                for c, n, e, k, t in zip(codes, names, eligible, enrolled, targets)]
        e, t = sum(eligible), sum(targets)
        total = ["", label("total"), count(e), count(sum(enrolled)), count(t), percent(rate_units(t, e))]
        title = plan_title(plan, label(units("allocate.title", year), scheme=label(scheme)))
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
    if "-p" not in args or "-a" not in args or "--as-of" not in args:
        raise Fallback  # without --as-of, the report's own date or today: bhxh decides
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
    date = _parse_date(args["--as-of"], year)
    elapsed = Fraction((date - dt.date(year, 1, 1)).days, (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days)
    part, whole = elapsed.numerator, elapsed.denominator
    schemes = [s for s, _ in _scheme_items(plan.schemes)]
    codes, names, columns = read_table(report_path, [f"{s}_enrolled" for s in schemes])
    where = {code: i for i, code in enumerate(codes)}
    if len(codes) != len(plan.communes) or any(c.code not in where or names[where[c.code]] != c.name
                                               for c in plan.communes):
        raise Fallback  # unmatched, or matched by name, or a name that differs: bhxh's matching and its messages
    order = [where[c.code] for c in plan.communes]
    results = {}
    for scheme in schemes:
        actual_column = columns[f"{scheme}_enrolled"]
        rows = []
        sums = [0, 0, 0, 0, 0, 0]
        all_baselines = True
        for commune, at in zip(plan.communes, order):
            counts = getattr(commune, scheme)
            actual = actual_column[at]
            if actual > counts.eligible:
                raise Fallback
            p = _progress(commune.code, commune.name, counts.enrolled, actual, counts.eligible, counts.baseline,
                          part, whole)
            rows.append(p)
            sums[0] += counts.enrolled
            sums[1] += actual
            sums[2] += counts.eligible
            sums[4] += p[8]
            sums[5] += max(0, counts.enrolled - actual)  # the total's people still needed: the communes' own
            if counts.baseline is None:
                all_baselines = False
            else:
                sums[3] += counts.baseline
        total = _progress("", label("total"), sums[0], sums[1], sums[2], sums[3] if all_baselines else None, part,
                          whole, expected=sums[4])
        results[scheme] = (rows, total, all_baselines, sums[5])
    share = tenths((part * 2000 + whole) // (2 * whole))
    with_baselines = all(b for _, _, b, _ in results.values())
    note = label("gap.schedule" if with_baselines else "gap.schedule.nobaseline", share=share)
    if output is not None:
        from bhxh_cli.output.workbook import CHARTED, ProgressChart

        spec = leading_columns(year)
        book_rows = [{"code": c.code, "name": c.name, "index": i + 1} for i, c in enumerate(plan.communes)]
        book_total = {"name": label("total")}
        charts = []
        for scheme, (rows, total, _, _) in results.items():
            group = label(f"{scheme}.long")
            spec += [(f"{scheme}.target", label("target"), "count", group),
                     (f"{scheme}.actual", label("actual"), "count", group),
                     (f"{scheme}.gap", label("gap"), "gap", group),
                     (f"{scheme}.achieved", label("achieved"), "percent", group),
                     (f"{scheme}.expected", label("expected"), "count", group),
                     (f"{scheme}.status", label("status"), "status", group)]

            def values(p):
                return {f"{scheme}.target": p[2], f"{scheme}.actual": p[3], f"{scheme}.gap": p[2] - p[3],
                        f"{scheme}.achieved": tenths_decimal(p[6]), f"{scheme}.expected": p[8],
                        f"{scheme}.status": p[9], f"{scheme}.change": None}

            for item, p in zip(book_rows, rows):
                item.update(values(p))
            book_total.update(values(total))
            order_ = sorted(range(len(rows)), key=lambda i: (-rows[i][10], rows[i][0], rows[i][1]))
            charts.append(ProgressChart(
                label(f"chart.sheet.{scheme}"),
                label("chart.title.first" if len(order_) > CHARTED else "chart.title", scheme=label(scheme),
                      count=CHARTED, units=label(units("units", year))),
                order_, f"{scheme}.target", f"{scheme}.actual", f"{scheme}.expected",
                (label("name"), label("target"), label("actual"), label("expected"), label("chart.achieved"),
                 label("chart.expected"))))
        title = label("gap.book.title", date=date.strftime("%d/%m/%Y"))
        data = workbook(title_block(plan, title), "Tien do", spec, book_rows, book_total, [note], charts=charts)
        write_output(output, data, "--force" in args, [plan_path, report_path])
        sys.stderr.write(message("gap.wrote", file=output, communes=message("unit.commune", len(plan.communes)),
                                 schemes=message("unit.scheme", len(results))) + "\n")
        return 0
    shown = {scheme: sorted(rows, key=lambda p: (-p[10], p[0])) for scheme, (rows, _, _, _) in results.items()}
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["code", "name", "scheme", "target", "actual", "gap", "achieved", "rate_points",
                         "still_needed", "expected", "status"])
        for scheme, rows in shown.items():
            writer.writerows([csv_cell(p[0]), csv_cell(p[1]), scheme, p[2], p[3], p[2] - p[3], plain_tenths(p[6]),
                              plain_tenths(p[7]), max(0, p[2] - p[3]), p[8], p[9]] for p in rows)
        sys.stdout.write(buffer.getvalue())
        return 0
    headers = [(label(key), key in ("code", "name")) for key in
               ("code", units("name", year), "target", "actual", "gap", "achieved", "rate_points", "still_needed",
                "expected", "status")]
    headers[1] = (headers[1][0], True)
    statuses = {key: label(f"status.{key}") for key in ("met", "on track", "behind")}
    tables = []
    for scheme, rows in shown.items():
        _, total, all_baselines, still_needed = results[scheme]
        title = plan_title(plan, label("gap.title", scheme=label(scheme), date=date.strftime("%d/%m/%Y")))
        table_note = label("gap.schedule" if all_baselines else "gap.schedule.nobaseline", share=share)
        tables.append(Table(title, headers, [_cells(p, statuses) for p in rows], _cells(total, statuses, still_needed),
                            [table_note]))
    print_tables(tables)
    return 0


def _progress(code, name, target, actual, eligible, baseline, part, whole, expected=None) -> tuple:
    """(code, name, target, actual, eligible, baseline, achieved tenths, rate points tenths, expected, status,
    shortfall), as bhxh's core/progress.py computes them: the status is judged on the expected count printed
    (whole people, half-up); a total's expected count is the sum of its communes'."""
    start = baseline if baseline is not None else 0
    scaled = start * whole + (target - start) * part
    if expected is None:
        expected = (2 * scaled + whole) // (2 * whole)
    if actual >= target:
        status = "met"
    elif actual >= expected:
        status = "on track"
    else:
        status = "behind"
    return (code, name, target, actual, eligible, baseline, rate_units(actual, target),
            rate_units(actual - target, eligible), expected, status, scaled - actual * whole)


def _cells(p: tuple, statuses: dict[str, str], still_needed: int | None = None) -> list[str]:
    gap_ = p[2] - p[3]
    achieved = p[6]
    points = "—" if p[7] is None else label("points", value=tenths(p[7], sign=True))
    return [p[0], p[1], count(p[2]), count(p[3]), label("exceeded", count=count(-gap_)) if gap_ < 0 else count(gap_),
            f"{percent(achieved)} {bar(achieved)}", points, count(max(0, gap_) if still_needed is None else still_needed),
            count(p[8]), statuses[p[9]]]


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
        if not argv or argv[0] not in COMMANDS or os.environ.get("BHXH_LANG", "vi")[:2].lower() not in ("", "vi"):
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
