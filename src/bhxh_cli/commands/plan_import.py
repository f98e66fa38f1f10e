"""`bhxh plan import`: a plan file made from the Excel appendix (phụ lục, phụ biểu) offices have.

The appendix is read like every communes table (.xlsx, .xls or CSV; title block, numbering row, total and
group rows checked). The totals are the total row (TỔNG SỐ), or the only data row, or else the sum of the
communes; the plan's number, date, issuer and year come from the title lines; what is not there is asked
for with an option, never guessed.

Every scheme the table has columns of is imported, or the import stops naming its columns: the three social
insurance schemes (people eligible, the target, the rate) and health insurance (population, target, rate). A
table with health insurance is written as a version 2 plan (version 1 has no health insurance), in the words
`bhxh plan upgrade` uses for the same figures."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from typing import TextIO

from bhxh_cli.core.schemes import ALL_SCHEMES, SCHEME_BY_KEY, SCHEMES
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr, trn

_NUMBER = re.compile(r"(?:kế hoạch|quyết định|nghị quyết|công văn)\s+số\s*:?\s*(\d+[^\s,;:)]*/[^\s,;:)]+)",
                     re.IGNORECASE)
_DATE = re.compile(r"ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
                   r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_ISSUER = re.compile(r"\bcủa\s+((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+[^)\n]+?)"
                     r"\s*\)?\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_AREA = re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+"
                   r"((?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+.+)$", re.IGNORECASE)
_AREA_HEADER = re.compile(r"^(?:tỉnh|thành phố|huyện|quận|thị xã)\s+\S", re.IGNORECASE)


def plan_import(path: str, *, output: str | None, force: bool, sheet: str | None, number: str | None,
                year: int | None, area: str | None, date: str | None, issuer: str | None,
                out: TextIO, err: TextIO) -> int:
    from bhxh_cli import i18n
    from bhxh_cli.messages import language
    from bhxh_cli.output.files import check_target, output_kind, write_atomic
    from bhxh_cli.plan.loading import parse
    from bhxh_cli.plan.models import validate_document
    from bhxh_cli.plan.planfile import plan_document
    from bhxh_cli.tables.communes import read_communes

    if output is not None:
        if output_kind(output) != "yaml":
            raise UsageError(tr("plan_import.not_yaml", file=output))
        check_target(output, force=force, inputs=[path])
    wanted = [f"{s}_{f}" for s in ALL_SCHEMES for f in (_whole(s), "enrolled", "target", "rate")]
    table = read_communes(path, required=[], optional=wanted, sheet=sheet)
    info = _plan_info(table, path, number=number, year=year, area=area, date=date, issuer=issuer)
    schemes, communes, (rows_key, rows_values) = _counts(table, path)
    if set(schemes) <= set(SCHEMES):
        kinds = []  # a version 1 plan gives no kinds: its era's words
    else:  # health insurance: a version 2 plan, its units' kinds from their names
        from bhxh_cli.plan.upgrade import kind_from_name

        kinds = [kind_from_name(name) for _, name, _ in communes]
    # the units in their kinds' words, or the era's ("xã, phường" after 2025), as the other commands say them
    units = i18n.units_word(kinds, int(info["year"]), language(), len(communes))
    comments = [tr("plan_import.comment.sheet" if table.places.sheet else "plan_import.comment",
                   sheet=table.places.sheet, file=os.path.basename(path),
                   rows=tr(rows_key, units=units, **rows_values))]  # a sentence without {units} ignores it
    if set(schemes) <= set(SCHEMES):
        text = plan_document(comments, info, schemes, communes)
        validate = validate_document
    else:
        from bhxh_cli.plan.planfile import v2_plan_text
        from bhxh_cli.plan.v2 import validate_document as validate

        text = v2_plan_text(_v2_data(info, schemes, communes), comments[0])
    # Never write a plan that `check` would refuse: read the text back as `check` reads it.
    doc, problems, refused = parse(text, output or "<plan>")
    plan, more = validate(doc, refused)
    if problems or more:
        raise InputError([Diagnostic(path, None, None, "", tr("plan_import.would_not_pass", path=d.path,
                                                                        message=d.message), d.rule) for d in problems + more])
    if output is None:
        out.write(text)
        return 0
    write_atomic(output, text.encode("utf-8"), force=force, inputs=[path])
    err.write(trn("plan_import.wrote_units", len(schemes), file=output, communes=len(communes), units=units,
                  schemes=len(schemes), number=info["number"], year=info["year"]) + "\n")
    return 0


# -- the plan's number, date, issuer, year and area -----------------------------------------------------

def _plan_info(table, path: str, *, number: str | None, year: int | None, area: str | None, date: str | None,
               issuer: str | None) -> dict:
    lines = table.title
    found: dict[str, tuple[object, str]] = {}  # key -> (value, the title line it came from)
    years: dict[int, str] = {}
    for line in lines:
        if "number" not in found and (match := _NUMBER.search(line)):
            found["number"] = (match.group(1), line)
        if "issued" not in found and (match := _DATE.search(line)):
            day, month, year_text = (g for g in match.groups() if g is not None)
            try:
                found["issued"] = (dt.date(int(year_text), int(month), int(day)), line)
            except ValueError:
                pass
        if "issuer" not in found and (match := _ISSUER.search(line)):
            found["issuer"] = (" ".join(match.group(1).split()), line)
        for year_text in _YEAR.findall(_DATE.sub("", line)):
            years.setdefault(int(year_text), line)
    if len(years) == 1:  # two years in the title (a plan for 2026 citing 2025's results): ask, never pick
        found["year"] = next(iter(years.items()))
    name_header = table.columns.get("name", "")
    if _AREA_HEADER.match(name_header):
        found["area"] = (name_header[0].upper() + name_header[1:], name_header)
    elif "issuer" in found and (match := _AREA.match(str(found["issuer"][0]))):
        found["area"] = (match.group(1)[0].upper() + match.group(1)[1:], found["issuer"][1])
    given: dict[str, object] = {"number": number, "year": year, "area": area, "issuer": issuer,
                                "issued": _date_option(date) if date is not None else None}
    options = {"number": "--number", "year": "--year", "area": "--area", "issuer": "--issuer", "issued": "--date"}
    info: dict[str, object] = {}
    for key in ("number", "issuer", "area", "issued", "year"):
        value = given[key]
        if value is not None and key in found and _differs(key, value, found[key][0]):
            raise UsageError(tr("plan_import.option_differs", option=options[key], value=value,
                                found=_shown(found[key][0]), line=found[key][1]))
        if value is None and key in found:
            value = found[key][0]
        if value is not None:
            info[key] = value
    missing = [key for key in ("number", "year", "area") if key not in info]
    if missing:
        examples = {"number": "--number 45/KH-UBND", "year": "--year 2026", "area": "--area 'Tỉnh Lai Châu'"}
        raise UsageError(trn("plan_import.missing", len(missing), file=path,
                             fields=", ".join(tr(f"plan_import.field.{k}") for k in missing),
                             examples=" ".join(examples[k] for k in missing)))
    return info


def _differs(key: str, given: object, found: object) -> bool:
    if key in ("number", "issuer", "area"):
        return " ".join(str(given).split()).casefold() != " ".join(str(found).split()).casefold()
    return given != found


def _shown(value: object) -> str:
    return f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else str(value)


def _date_option(text: str) -> dt.date:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return dt.date(*map(int, text.split("-")))
        if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise UsageError(tr("plan_import.date_not_real", text=text)) from None
    raise UsageError(tr("plan_import.date_format", text=text))


# -- the counts ---------------------------------------------------------------------------------------

def _whole(scheme: str) -> str:
    """The count a scheme's rates are of in an appendix: people eligible, or the population (health)."""
    return SCHEME_BY_KEY[scheme].denominator


def _v2_data(info: dict, schemes: dict, communes: list) -> dict:
    """The imported figures as a version 2 plan, renamed as `bhxh plan upgrade` renames a version 1 plan:
    the planned participants (v1 `enrolled`) are the `target`; a commune's participants now (v1 `baseline`)
    are its `enrolled`; the area's `baseline` stays."""
    from bhxh_cli.plan.upgrade import kind_from_name

    def figures(values: dict, renames: dict[str, str]) -> dict:
        return {renames.get(key, key): (float(value) if isinstance(value, Decimal) else value)
                for key, value in values.items()}

    area = {"enrolled": "target"}
    unit = {"enrolled": "target", "baseline": "enrolled"}
    units = []
    for code, name, counts in communes:
        item: dict = {"code": code} if code is not None else {}
        item["name"] = name
        if (kind := kind_from_name(name)) is not None:
            item["kind"] = kind
        item["schemes"] = {scheme: figures(values, unit) for scheme, values in counts.items()}
        units.append(item)
    data = {"version": 2, "plan": dict(info),
            "schemes": {scheme: figures(values, area) for scheme, values in schemes.items()}}
    if units:
        data["units"] = units
    return data


def _scheme_columns(table) -> list[str]:
    """The schemes the table has columns of: its own count columns (a target, participants, a rate), or the
    people eligible; a population column alone is the table's, not health insurance's."""
    present, problems = [], []
    for scheme in ALL_SCHEMES:
        whole = f"{scheme}_{_whole(scheme)}"
        own = [f"{scheme}_{field}" for field in ("enrolled", "target", "rate") if f"{scheme}_{field}" in table.positions]
        if whole in table.positions and (own or _whole(scheme) == "eligible"):
            present.append(scheme)
        elif own:  # never dropped in silence: its columns named
            problems.append(table.problem(None, "", tr(
                f"plan_import.no_whole_column.{_whole(scheme)}", scheme=tr(f"scheme.{scheme}"),
                columns=", ".join(f"'{table.columns[key]}'" for key in own)), "missing-column"))
    # a column that names a scheme's count the plan does not take (a labour force, health's "eligible")
    from bhxh_cli.tables.headers import header_key

    for text in table.other_columns:
        scheme = header_key(text).split("_", 1)[0]
        if scheme in ALL_SCHEMES:
            problems.append(table.problem(None, "", tr("plan_import.column_not_imported", column=text,
                                                       scheme=tr(f"scheme.{scheme}")), "unread-column"))
    if problems:
        raise InputError(problems)
    return present


def _counts(table, path: str):
    """(district counts per scheme, communes, which rows they came from), with the printed rates checked."""
    present = _scheme_columns(table)
    problems: list[Diagnostic] = []
    if not present:
        raise InputError([table.problem(None, "", tr("plan_import.no_eligible_column"), "missing-column")])
    target_of = {}
    for scheme in present:
        if f"{scheme}_target" in table.positions:
            target_of[scheme] = f"{scheme}_target"  # and the enrolment now, if there, is the baseline
        elif f"{scheme}_enrolled" in table.positions:
            target_of[scheme] = f"{scheme}_enrolled"  # "Số người tham gia" in a plan's appendix is the target
        else:
            problems.append(table.problem(None, "", tr("plan_import.no_target_column", scheme=scheme),
                                          "missing-column"))
    if problems:
        raise InputError(problems)

    def scheme_counts(row: int | None, counts: dict, rates: dict) -> dict[str, dict[str, object]]:
        result = {}
        for scheme in present:
            eligible, enrolled = counts.get(f"{scheme}_{_whole(scheme)}"), counts.get(target_of[scheme])
            values: dict[str, object] = {_whole(scheme): eligible, "enrolled": enrolled}
            baseline = counts.get(f"{scheme}_enrolled") if target_of[scheme].endswith("_target") else None
            if baseline is not None:
                values["baseline"] = baseline
            printed = rates.get(f"{scheme}_rate")
            if printed:
                rate = _rate(printed, enrolled, eligible)
                if isinstance(rate, str):
                    problems.append(table.problem(row, f"{scheme}_rate", rate, "rate-mismatch"))
                else:
                    values["rate"] = rate
            result[scheme] = values
        return result

    rows = table.rows
    if table.total is not None:
        totals = dict(table.total)
        for key, value in list(totals.items()):
            if value is None and rows:  # a total row with an empty cell: the communes' sum (checked equal)
                totals[key] = sum(row.counts.get(key) or 0 for row in rows)
        district = scheme_counts(table.total_row, totals, table.total_rates)
        source = (("plan_import.rows.total_units", {"total": table.total_row, "first": rows[0].row, "last": rows[-1].row})
                  if rows else ("plan_import.rows.total", {"total": table.total_row}))
    elif len(rows) == 1:
        district = scheme_counts(rows[0].row, rows[0].counts, rows[0].rates)
        source, rows = ("plan_import.rows.one", {"row": rows[0].row}), []
    else:
        summed = {key: sum(row.counts.get(key) or 0 for row in rows) for key in rows[0].counts}
        district = scheme_counts(None, summed, {})
        source = ("plan_import.rows.units", {"first": rows[0].row, "last": rows[-1].row})
    missing = [(scheme, field) for scheme, values in district.items() for field, value in values.items()
               if value is None]
    for scheme, field in missing:
        key = f"{scheme}_{field}" if field == _whole(scheme) else target_of[scheme]
        problems.append(table.problem(table.total_row, key, tr(f"plan_import.total_empty.{field}", scheme=scheme),
                                      "missing-value"))
    communes = [(row.code or None, row.name, scheme_counts(row.row, row.counts, row.rates)) for row in rows]
    if problems:
        raise InputError(problems)
    return district, communes, source


def _rate(printed: str, enrolled: int | None, eligible: int | None) -> str | Decimal:
    """The rate as printed (97,7 or 97.7 or 97,7%; 0.977 in a cell formatted as a percentage), checked against
    the counts; or the reason it cannot be kept."""
    from bhxh_cli.core import rates

    text = printed.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return tr("plan_import.not_a_rate", printed=printed)
    if enrolled is None or eligible is None:
        return value
    if eligible == 0:
        return tr("plan_import.rate_without_eligible", printed=printed)
    if not rates.rate_agrees(value, enrolled, eligible) and value <= 1 and rates.rate_agrees(value * 100, enrolled,
                                                                                             eligible):
        value *= 100  # a share stored as 0.977 and shown as 97,7% by the cell's format
    if not rates.rate_agrees(value, enrolled, eligible):
        exact = rates.exact_rate(enrolled, eligible)
        return tr("plan_import.rate_mismatch", printed=printed, enrolled=enrolled, eligible=eligible,
                  exact=rates.plain_decimal(exact, 3))
    value = value.normalize()
    return value if value.as_tuple().exponent < 0 else value.quantize(Decimal("0.0"))
