"""What `allocate`, `gap` and `trend` share about their inputs: option values as people write them, the bundled
plan's area (so that a table of another area is never split or judged against Triệu Sơn's targets), and how a
report's rows are matched to a plan's units."""

from __future__ import annotations

from typing import Any

from bhxh_cli.diagnostics import ERROR, WARNING, Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr, trn

# The 34 communes and towns of Triệu Sơn on 1 March 2020 (GSO codes), the area of the bundled plan 519/KH-UBND.
BUNDLED_COMMUNES: tuple[tuple[str, str], ...] = (
    ("15664", "Thị trấn Triệu Sơn"), ("15667", "Xã Thọ Sơn"), ("15670", "Xã Thọ Bình"),
    ("15673", "Xã Thọ Tiến"), ("15676", "Xã Hợp Lý"), ("15679", "Xã Hợp Tiến"),
    ("15682", "Xã Hợp Thành"), ("15685", "Xã Triệu Thành"), ("15688", "Xã Hợp Thắng"),
    ("15691", "Xã Minh Sơn"), ("15700", "Xã Dân Lực"), ("15703", "Xã Dân Lý"),
    ("15706", "Xã Dân Quyền"), ("15709", "Xã An Nông"), ("15712", "Xã Văn Sơn"),
    ("15715", "Xã Thái Hòa"), ("15718", "Thị trấn Nưa"), ("15721", "Xã Đồng Lợi"),
    ("15724", "Xã Đồng Tiến"), ("15727", "Xã Đồng Thắng"), ("15730", "Xã Tiến Nông"),
    ("15733", "Xã Khuyến Nông"), ("15736", "Xã Xuân Thịnh"), ("15739", "Xã Xuân Lộc"),
    ("15742", "Xã Thọ Dân"), ("15745", "Xã Xuân Thọ"), ("15748", "Xã Thọ Tân"),
    ("15751", "Xã Thọ Ngọc"), ("15754", "Xã Thọ Cường"), ("15757", "Xã Thọ Phú"),
    ("15760", "Xã Thọ Vực"), ("15763", "Xã Thọ Thế"), ("15766", "Xã Nông Trường"),
    ("15769", "Xã Bình Sơn"),
)


def parse_date(text: str, option: str):
    """A date written YYYY-MM-DD or, as Vietnamese documents do, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY."""
    import datetime as dt
    import re

    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return dt.date(*map(int, text.split("-")))
        found = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", text)
        if found:
            return dt.date(int(found[4]), int(found[3]), int(found[1]))
    except ValueError:
        raise UsageError(tr("input.not_a_real_date", option=option, text=text)) from None
    raise UsageError(tr("input.date_format", option=option, text=text))


def _named(schemes: list[str]) -> str:
    """The schemes as a person types them: 'bb (BHXH bắt buộc), tn (BHXH tự nguyện)'; English keys in English."""
    from bhxh_cli.core.names import SCHEME_NAMES
    from bhxh_cli.core.schemes import SCHEME_BY_KEY
    from bhxh_cli.messages import language

    if language() == "en":
        return ", ".join(schemes)
    return ", ".join(f"{SCHEME_NAMES[s][1]} ({SCHEME_BY_KEY[s].vi})" if s in SCHEME_BY_KEY else s for s in schemes)


def parse_schemes(texts: list[str], plan_schemes: list[str]) -> list[str]:
    """The schemes named by --scheme (English keys, Vietnamese names or short forms), in order, once each."""
    from bhxh_cli.core.names import scheme_of

    chosen = []
    for text in texts:
        scheme = scheme_of(text)
        if scheme is None:
            raise UsageError(tr("input.not_a_scheme", text=text))
        if scheme not in plan_schemes:
            raise UsageError(tr("input.no_such_scheme", text=text, schemes=_named(plan_schemes)))
        if scheme not in chosen:
            chosen.append(scheme)
    return chosen


def foreign_rows(table) -> list:
    """The rows of a communes table that are not communes of the bundled plan's area (by code and name)."""
    from bhxh_cli.core.names import NameIndex

    names = dict(BUNDLED_COMMUNES)
    index = NameIndex(names)
    foreign = []
    for row in table.rows:
        if row.code:
            known = row.code in names and (not row.name or row.code in index.matches(row.name))
        else:
            known = len(index.matches(row.name)) == 1
        if not known:
            foreign.append(row)
    return foreign


def not_bundled_area(plan, table, what: str) -> Diagnostic | None:
    """A problem when `table` holds communes outside the bundled plan's area: the bundled plan is not theirs."""
    foreign = foreign_rows(table)
    if not foreign:
        return None
    info = plan.plan
    shown = "; ".join(tr("input.row", row=r.row, commune=f"{r.code + ' ' if r.code else ''}{r.name}")
                      for r in foreign[:3])
    if len(foreign) > 3:
        shown = tr("gap.missing.more", named=shown, count=len(foreign) - 3)
    return Diagnostic(table.file, None, None, "", trn(f"input.foreign.{what}", len(foreign), of=len(table.rows),
                                                      area=info.area, year=info.year, number=info.number,
                                                      communes=shown), "not-the-plans-area")


def warn_unread(table, err) -> None:
    """A column of counts the reader could not give to one scheme is not read: never without a word."""
    if table.unread_counts:
        err.write(tr("input.unread_counts", file=table.file, columns=", ".join(f"'{c}'" for c in table.unread_counts))
                  + "\n")


def allocation_problem(error, scheme: str) -> str:
    """Why a target cannot be split (a core AllocationError's key and values), in the catalog's words; `scheme`
    is the scheme as the reader knows it."""
    values = {name: value for name, value in error.values.items() if name not in ("scheme", "holders")}
    holders = ", ".join(tr("allocation.holder", commune=who, enrolled=count)
                        for who, count in error.values.get("holders", ()))
    return tr(f"allocation.{error.key}", scheme=scheme, column=f"{error.values['scheme']}_enrolled", holders=holders,
              **values)



def who(code: str, name: str) -> str:
    """A unit as a message names it: its code and name, or its name alone."""
    return f"{code} ({name})" if code else f"'{name}'"


_UNIT_WORDS = (("thi", "tran"), ("dac", "khu"), ("phuong",), ("xa",), ("tt",), ("p",), ("x",))


def _loose_name(name: str) -> str:
    """A name as compared with the plan's name of the same code: without any marks (a report typed without
    accents names the same unit), case or punctuation, and without the unit's word (Xã, Phường, TT.)."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "d")
    words = re.sub(r"[\W_]+", " ", "".join(c for c in text if not unicodedata.combining(c)).casefold()).split()
    for prefix in _UNIT_WORDS:
        if len(words) > len(prefix) and tuple(words[:len(prefix)]) == prefix:
            return " ".join(words[len(prefix):])
    return " ".join(words)


def match_report_rows(units, table, warnings: list[Diagnostic] | None = None) -> tuple[dict[int, Any], list[Diagnostic]]:
    """A report's rows by the position of the plan's unit (`units`: anything with .code and .name), for plans of
    both versions: by code, else by name (the prefixes Xã, Phường, Thị trấn, Đặc khu optional). Rows that match
    no unit, or several, or one already matched, or whose code names another unit than their name, are problems,
    all listed. Codes were reused after the 2025 mergers: a row matched by its code whose name is not that unit's
    is a warning, and when most rows so matched are, the report is of another area (or of the units before a
    merger) and refused in one line. A row matched by its name whose code is not the plan's is a warning.
    Warnings go to `warnings` when given, else among the problems (with their severity, for the caller to sort).
    Units the report lacks are simply not in the result."""
    from dataclasses import replace

    from bhxh_cli.core.names import NameIndex

    by_code = {unit.code: i for i, unit in enumerate(units) if unit.code}
    names: NameIndex | None = None  # built only if some row needs it
    problems: list[Diagnostic] = []
    said: list[Diagnostic] = []  # this report's warnings, in the order of its rows

    def name_index() -> NameIndex:
        nonlocal names
        if names is None:
            names = NameIndex({str(i): unit.name for i, unit in enumerate(units)})
        return names

    matched: dict[int, Any] = {}
    by_code_named = 0  # rows matched by their code that carry a name
    foreign: list[tuple[Any, int, Diagnostic]] = []  # (row, unit, warning): matched by code, named as no unit
    for row in table.rows:
        index = by_code.get(row.code) if row.code else None
        if index is not None and row.name:
            by_code_named += 1
        # a name that is another unit's: never booked by the code alone (the plan's own spelling needs no look-up)
        if index is not None and row.name and row.name != units[index].name:
            named = name_index().matches(row.name)
            if named and str(index) not in named:
                problems.append(table.problem(row.row, "name", tr("gap.code_name", code=row.code,
                                              plan_name=units[index].name, name=row.name), "code-name-mismatch"))
                continue
            if not named and _loose_name(row.name) != _loose_name(units[index].name):
                foreign.append((row, index, replace(table.problem(row.row, "name", tr(
                    "gap.name_mismatch", code=row.code, plan_name=units[index].name, name=row.name),
                    "name-mismatch"), severity=WARNING)))
        if index is None:
            found = name_index().matches(row.name) if row.name else []
            if len(found) > 1:
                which = ", ".join(who(units[int(i)].code, units[int(i)].name) for i in found)
                problems.append(table.problem(row.row, "name", tr("gap.ambiguous", commune=who(row.code, row.name),
                                              count=len(found), which=which), "ambiguous-commune"))
                continue
            if not found:
                nearest = ", ".join(name_index().nearest(row.name or row.code))
                problems.append(table.problem(row.row, "code" if row.code else "name", tr(
                    "gap.unknown", commune=who(row.code, row.name), nearest=nearest), "unknown-commune"))
                continue
            index = int(found[0])
            if row.code and units[index].code:  # matched by its name only: say so
                said.append(replace(table.problem(row.row, "code", tr(
                    "gap.code_not_in_plan", code=row.code, plan_commune=who(units[index].code, units[index].name)),
                    "code-not-in-plan"), severity=WARNING))
        if index in matched:
            first, unit = matched[index], units[index]
            problems.append(table.problem(row.row, "code" if row.code else "name", tr(
                "gap.twice", commune=who(row.code, row.name), plan_commune=who(unit.code, unit.name),
                row=first.row), "duplicate-commune"))
        else:
            matched[index] = row
    # Most rows named as no unit of the plan (three at least: a row or two are said one by one): a report of
    # another area, in one line rather than a warning a row.
    if len(foreign) < 3 or 2 * len(foreign) <= by_code_named:
        said = sorted(said + [found for _, _, found in foreign], key=lambda d: d.line or 0)
    else:
        shown = "; ".join(tr("gap.name_pair", row=row.row, code=row.code, name=row.name, plan_name=units[i].name)
                          for row, i, _ in foreign[:3])
        if len(foreign) > 3:
            shown = trn("gap.name_pairs.more", len(foreign) - 3, named=shown)
        from bhxh_cli.i18n import format_count
        from bhxh_cli.messages import language

        problems.insert(0, Diagnostic(table.file, None, None, "", tr(
            "gap.names_of_another_area", count=format_count(len(foreign), language()),
            rows=format_count(by_code_named, language()), pairs=shown),
            "names-of-another-area"))
    (problems if warnings is None else warnings).extend(said)
    return matched, problems


def match_actual_report(units, table, file: str, area: str, found: list[Diagnostic], err,
                        option: str = "--actual") -> dict[int, Any]:
    """The report's rows matched to the plan's units (match_report_rows), for gap on plans of both versions;
    its warnings (a row matched by its name only, a name not the plan's for its code) are written on `err`. A
    report none of whose rows (more than three) is a unit of the plan is one line: a report of another area, or
    of the units before a merger. Otherwise every row's problem is refused, after the registry's errors among
    `found`. `option`: the option that gave the report (--actual, or --reports for a folder's latest)."""
    warnings: list[Diagnostic] = []
    matched, problems = match_report_rows(units, table, warnings)
    errors = [d for d in found if d.severity == ERROR]
    if not matched and len(table.rows) > 3 and not errors and all(p.rule == "unknown-commune" for p in problems):
        raise InputError([Diagnostic(file, None, None, "", tr("gap.role_no_communes", option=option, area=area),
                                     "no-matching-commune")])
    if problems:
        raise InputError(errors + problems)
    err.writelines(d.text() + "\n" for d in warnings)
    return matched
