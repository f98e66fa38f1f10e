"""`bhxh gap`: where each commune stands against its target, or the coverage gap of the plan itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.gap_levels import (
    change_role,
    comparisons_note,
    schedule_note,
    schedule_start_notes,
    shown_note,
    shown_total,
    sort_progress,
    year_start_rows,
)
from bhxh_cli.commands.inputs import match_actual_report, match_report_rows, who
from bhxh_cli.commands.output import (
    Report,
    deliver,
    leading_columns,
    plan_header,
    plan_title,
    scheme_group,
    title_block,
)
from bhxh_cli.commands.rates import rates_workbook
from bhxh_cli.core import rates as rates_core
from bhxh_cli.diagnostics import ERROR, Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr, trn
from bhxh_cli.output.render import Column, Table

if TYPE_CHECKING:  # the models import pydantic, which a clean version-1 plan is read without (plan/plain.py)
    from bhxh_cli.plan.models import Plan


def _today():
    import datetime as dt

    return dt.date.today()


def _judging_date(as_of, report_date, year: int, file: str, named=None):
    """The date the report is judged on: --as-of, else the report's own date (its header, else its file name:
    the end of the month it names), else today when today is in the plan year, else 31 December of the plan
    year."""
    import datetime as dt

    if named is None and as_of is None and report_date is None:
        from bhxh_cli.commands.reports import dated

        found = dated(file, None)
        named = found.date if found.source == "name" else None
    from bhxh_cli.tables.headers import YearEnd

    if isinstance(report_date, YearEnd) and as_of is not None and as_of.year == report_date.year:
        report_date = as_of  # a title that names only the year: --as-of gives the day in it
    if report_date is not None and as_of is not None and report_date != as_of:
        raise UsageError(tr("gap.dates_differ", as_of=f"{as_of:%d/%m/%Y}", file=file,
                            date=f"{report_date:%d/%m/%Y}"))
    if as_of is None and report_date is None and named is not None:
        if named.year != year:
            raise InputError([Diagnostic(file, None, None, "", tr("gap.named_outside_year", date=f"{named:%d/%m/%Y}",
                                         year=year, report_year=named.year), "report-outside-plan-year")])
        _not_after_today(named, file)
        return named
    if report_date is not None and report_date.year != year:
        raise InputError([Diagnostic(file, None, None, "", tr("gap.report_outside_year", date=f"{report_date:%d/%m/%Y}", year=year,
                                        report_year=report_date.year), "report-outside-plan-year")])
    if report_date is not None:
        _not_after_today(report_date, file)
    if as_of is not None or report_date is not None:
        return as_of or report_date
    import sys

    from bhxh_cli.commands.reports import assumed_date_note

    today = _today()
    assumed = today if today.year == year else dt.date(year, 12, 31)
    sys.stderr.write(assumed_date_note(file, assumed, assumed == today) + "\n")  # a guessed date is said
    return assumed


def _not_after_today(date, file: str) -> None:
    """A report cannot count people enrolled by a day still to come: its date (header or file name) is a slip."""
    from bhxh_cli.tables.headers import YearEnd

    today = _today()
    if isinstance(date, YearEnd) and date > today:  # "Báo cáo năm 2026" while 2026 runs: say the day
        raise InputError([Diagnostic(file, None, None, "", tr("gap.year_report_undated", year=date.year,
                                                                today=f"{today:%d/%m/%Y}"), "report-in-future")])
    if date > today:
        raise InputError([Diagnostic(file, None, None, "", tr("gap.report_in_future", date=f"{date:%d/%m/%Y}",
                                                                today=f"{today:%d/%m/%Y}"), "report-in-future")])


def _units_word(year: int) -> str:
    """The catalog key of a count of units: "xã" in a plan before the 2025 reform, "xã, phường" after."""
    return "unit.commune.wards" if year > i18n.REFORM_YEAR else "unit.commune"


def _match(plan: Plan, table) -> tuple[dict[int, Any], list[Diagnostic]]:
    return match_report_rows(plan.communes, table)


def _matched(plan: Plan, table) -> dict[int, Any]:
    matched, problems = _match(plan, table)
    if problems:
        raise InputError(problems)
    return matched


def _above_eligible(plan: Plan, table, matched: dict[int, Any], schemes: list[str]) -> list[Diagnostic]:
    """Enrolment reported above the commune's eligible people in the plan: impossible, so refused (as
    `allocate` refuses it in a communes table)."""
    problems = []
    for index, row in matched.items():
        commune = plan.communes[index]
        for scheme in schemes:
            enrolled, eligible = row.counts.get(f"{scheme}_enrolled"), getattr(commune, scheme).eligible
            if enrolled is not None and enrolled > eligible:
                problems.append(table.problem(row.row, f"{scheme}_enrolled", tr(
                    "gap.above", enrolled=enrolled, eligible=eligible, commune=who(commune.code, commune.name)),
                    "enrolled-above-eligible"))
    return problems


def _no_communes(plan: Plan, doc, plan_file: str | None, actual) -> Diagnostic:
    """Why a report cannot be compared with this plan, and what would work."""
    from bhxh_cli.commands.inputs import not_bundled_area

    if plan_file is None:
        foreign = not_bundled_area(plan, actual, "report")
        if foreign is not None:
            return foreign
        info = plan.plan
        return Diagnostic(doc.file, None, None, "communes", tr("gap.bundled_no_communes", number=info.number, area=info.area,
                                                                   year=info.year), "no-communes")
    return Diagnostic(doc.file, None, None, "communes", tr("gap.no_communes", plan=plan_file), "no-communes")


def gap(*, plan_file: str | None, actual_file: str | None, as_of: str | None, previous_file: str | None,
        schemes: list[str], sort: str, only_behind: bool, fail_on_behind: bool, fmt: str, output: str | None,
        force: bool, lang: str, out: TextIO, err: TextIO, sheet: str | None = None,
        fail_on_missing: bool = False, signer: str | None = None, appendix: str | None = None,
        year_start_file: str | None = None, year_ago_file: str | None = None, reports_dir: str | None = None,
        laggards: int | None = None, schedule_from: str | None = None, crosswalk: str | None = None,
        registries: list[str] | None = None) -> int:
    from bhxh_cli.commands import reports as series
    from bhxh_cli.commands.documents import progress_report, with_signature
    from bhxh_cli.commands.inputs import parse_date, parse_schemes
    from bhxh_cli.core import progress as gap_core
    from bhxh_cli.output.files import GAP_KINDS, check_target, output_kind
    from bhxh_cli.plan.plain import bundled_plan
    from bhxh_cli.plan.reading import read_any_plan

    plan_path = plan_file if plan_file is not None else bundled_plan()
    given = {"previous": previous_file, "year_start": year_start_file, "year_ago": year_ago_file}
    kind = None
    inputs = [plan_path, actual_file or "", *(f or "" for f in given.values()), crosswalk or "",
              *(r for r in registries or [] if r.strip().lower() != "vn")]
    if output is not None:
        kind = output_kind(output, GAP_KINDS)
        check_target(output, force=force, inputs=inputs)
    for role, file in given.items():
        if file and not actual_file and not reports_dir:
            raise UsageError(tr("gap.role_needs_actual", option=series.OPTIONS[role]))
    if laggards is not None and laggards < 1:
        raise UsageError(tr("gap.laggards_count", count=laggards))
    if laggards is not None and kind in ("xlsx", "docx"):
        raise UsageError(tr("gap.laggards_no_workbook"))
    series.check_distinct({"actual": actual_file, **given})
    doc, plan, problems = read_any_plan(plan_path)  # read once, whatever its version
    if plan is not None and plan.version != 1:  # version 2: units in a tree, health insurance
        from bhxh_cli.commands.gap_levels import gap_levels
        from bhxh_cli.plan.view import from_v2

        if laggards is not None and actual_file is None and not reports_dir:
            raise UsageError(tr("gap.laggards_needs_actual"))
        given_date = parse_date(as_of, "--as-of") if as_of else None
        return gap_levels(doc, from_v2(plan), plan_path, actual_file, given_date=given_date, schemes=schemes, fmt=fmt,
                          output=output, kind=kind, force=force, lang=lang, out=out, err=err, sheet=sheet,
                          judging=_judging_date, fail_on_behind=fail_on_behind, fail_on_missing=fail_on_missing,
                          signer=signer, appendix=appendix, given=given, reports_dir=reports_dir,
                          crosswalk=crosswalk, registries=registries, laggards=laggards,
                          schedule_from=schedule_from, sort=sort, only_behind=only_behind)
    if plan is None:
        raise InputError(problems)
    year = plan.plan.year
    district = dict(plan.schemes.items())
    wanted = parse_schemes(schemes, list(district)) or list(district)
    given_date = parse_date(as_of, "--as-of") if as_of else None
    if given_date is not None and given_date.year != year:
        raise UsageError(tr("gap.as_of_outside_year", date=given_date.isoformat(), year=year))
    if actual_file is None and not reports_dir:
        if kind == "docx":
            raise UsageError(tr("gap.docx_needs_actual", file=output))
        if laggards is not None:
            raise UsageError(tr("gap.laggards_needs_actual"))
        return _coverage(plan, wanted, fmt, output, kind, force, inputs, lang, out, err)
    columns = [f"{s}_enrolled" for s in wanted]
    required = columns if schemes else []
    optional = [c for c in columns if c not in required]
    folder = (series.read_folder(reports_dir, required=required, optional=optional, sheet=sheet, sheet_option=True)
              if reports_dir else None)
    option = "--actual" if actual_file is not None else "--reports"  # the option that gave the report judged
    if actual_file is None:  # the latest report of the folder is the one judged
        actual_file = folder.reports[-1].file
        inputs.append(actual_file)
        if folder.reports[-1].table is not None:
            actual = folder.reports[-1].table
        else:
            actual = series.read_report(actual_file, required=required, optional=optional, sheet=sheet)
    else:
        actual = series.read_report(actual_file, required=required, optional=optional, sheet=sheet)
    from bhxh_cli.commands.inputs import warn_unread

    warn_unread(actual, err)
    if not plan.communes:
        raise InputError([_no_communes(plan, doc, plan_file, actual)])
    convert = series.Converter(crosswalk, {c.code: c.name for c in plan.communes if c.code}) if crosswalk else None
    inspect = series.UnitCheck(registries) if registries else None
    own_units = actual  # the report as written: what --registry checks
    chosen = [s for s in wanted if f"{s}_enrolled" in actual.columns]
    if not chosen:
        raise InputError([Diagnostic(actual_file, None, None, "", tr("gap.no_enrolment_column", columns=", ".join(columns)), "missing-column")])
    report = series.dated(actual_file, actual)
    date = _judging_date(given_date, report.date if report.source == "header" else None, year, actual_file,
                         named=report.date if report.source == "name" else None)
    report = series.Dated(actual_file, date, report.source or "assumed", actual)
    from bhxh_cli.core.schedules import share_on

    # each scheme's share of the year's increase due by the date: its schedule's, else the straight line's
    last_year = series.series_shares(schedule_from, chosen, year) if schedule_from else None
    elapsed = {s: share_on(date, year, last_year[s] if last_year else district[s].schedule) for s in chosen}
    found = inspect(own_units, date) if inspect is not None else []
    if convert is not None:
        try:
            actual = convert(actual)
        except InputError as error:  # the registry's findings on the same rows first
            raise InputError(found + error.diagnostics) from None
    matched = match_actual_report(plan.communes, actual, actual_file, plan.plan.area, found, err, option)
    problems = found + _above_eligible(plan, actual, matched, chosen)
    files = series.pick_roles(given, folder, actual_file, date, reports_dir, err)

    def check(role: str, table, rows) -> list[Diagnostic]:
        return _above_eligible(plan, table, rows, chosen) if role == "previous" else []

    earlier, comparisons, notes, role_problems = series.earlier_reports(
        files, report, [f"{s}_enrolled" for s in chosen], sheet, folder, lambda table: _match(plan, table),
        matched, plan.plan.area, check, convert, inspect)
    problems += role_problems
    if any(p.severity == ERROR for p in problems):
        raise InputError(problems)
    notes = [p.text() for p in problems] + notes  # warnings of the registry
    roles = list(earlier)
    december = year_start_rows(comparisons, earlier, plan.plan.year)
    started: dict[str, set[int]] = {}  # scheme -> the communes whose schedule starts from the December report
    results = {scheme: _progress(plan, scheme, matched, earlier, elapsed[scheme], lang, date,
                                 own_schedules=last_year is None, december=december, started=started)
               for scheme in chosen}
    # scheme -> the communes whose schedule starts from 0: no baseline in the plan nor in a December report
    zero = {scheme: [who(c.code, c.name) for c, p in results[scheme][0] if p.baseline is None] for scheme in chosen}
    # where the schedule starts, then the notes on the reports read (a conversion's last)
    err.writelines(line + "\n" for line in schedule_start_notes(started, zero, len(plan.communes), december,
                                                                 plan.plan.year) + notes
                   + (convert.notes() if convert is not None else []))
    shown = {scheme: (sort_progress([r for r in rows if not only_behind or r[1].status == gap_core.BEHIND], sort,
                                    _of), total)
             for scheme, (rows, total) in results.items()}
    # the rows are made once: csv and json print them, the tables show them
    shown_rows = {scheme: [_gap_dict(commune.code, commune.name, scheme, p, roles) for commune, p in rows]
                  for scheme, (rows, _) in shown.items()}
    flat = [item for items in shown_rows.values() for item in items]
    document = {"plan": plan_header(plan), "as_of": date.isoformat(), "rows": flat,
                "total": {scheme: _total_dict(scheme, total, len(matched), len(plan.communes), roles)
                          for scheme, (_, total) in shown.items()}}
    if comparisons:
        document["comparisons"] = comparisons
    if only_behind:
        document["shown_total"] = {scheme: shown_total(scheme, [p for _, p in rows])
                                   for scheme, (rows, _) in shown.items()}
    keys = ["code", "name", "scheme", "target", "actual", "gap", "achieved", "rate_points", "still_needed",
            "expected", "status"] + _change_keys(roles)
    reported = {scheme: [p for _, p in rows if p.status != gap_core.NO_REPORT] for scheme, (rows, _) in results.items()}
    with_baseline = {scheme: all(p.baseline is not None for p in rows) for scheme, rows in reported.items()}
    note = schedule_note(district[chosen[0]].schedule, elapsed[chosen[0]], all(with_baseline.values()), lang,
                          last_year is not None)
    shown_notes = {scheme: ([shown_note(shown_total(scheme, [p for _, p in rows]), [None], year, lang)]
                            if only_behind else []) for scheme, (rows, _) in shown.items()}
    role_note = [comparisons_note(comparisons, date, lang)] if comparisons else []
    if laggards is not None:
        from bhxh_cli.commands.laggards import laggards_report

        report_out = laggards_report(plan, plan.plan.year, {scheme: [(c.code, c.name, p, None) for c, p in rows]
                                                            for scheme, (rows, _) in results.items()},
                                     laggards, date, lang)
    else:
        report_out = Report(
            lambda: [_gap_table(plan, scheme, shown_rows[scheme], total, len(matched), date, elapsed[scheme],
                                with_baseline[scheme],
                                roles, lang, shown_notes[scheme] + role_note, last_year is not None,
                                comparisons)
                     for scheme, (rows, total) in shown.items()],
            keys, flat, document,
            lambda: with_signature(gap_workbook(plan, results, len(matched), date, only_behind, roles,
                                                lang, [note] + [n for notes in shown_notes.values() for n in notes]
                                                + role_note, comparisons), plan, signer, appendix),
            lambda: progress_report(plan, document, date, lang, signer))
    deliver(report_out, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        communes_written = len({(r["code"], r["name"]) for r in report_out.rows})
        err.write(tr("gap.wrote", file=output, communes=trn(_units_word(plan.plan.year), communes_written),
                     schemes=trn("unit.scheme", len(shown))) + "\n")
    code = 0
    missing = [c for i, c in enumerate(plan.communes) if i not in matched]
    if missing:
        named = ", ".join(who(c.code, c.name) for c in missing[:5])
        if len(missing) > 5:
            named = tr("gap.missing.more", named=named, count=len(missing) - 5)
        level = "error" if fail_on_missing else "warning"
        err.write(trn(f"gap.missing.{level}", len(missing), file=actual_file, of=len(plan.communes),
                      communes=named) + "\n")
        code = 1 if fail_on_missing else 0
    behind = ({i for rows, _ in results.values() for i, (_, p) in enumerate(rows) if p.status == gap_core.BEHIND}
              if fail_on_behind else set())
    if behind:
        schemes_behind = sum(any(p.status == gap_core.BEHIND for _, p in rows) for rows, _ in results.values())
        err.write(trn("gap.behind", len(behind), schemes=trn("unit.scheme", schemes_behind),
                      date=f"{date:%d/%m/%Y}") + "\n")
        code = 1
    return code


def _change_keys(roles: list[str]) -> list[str]:
    return [key for role in roles for key in (f"change_{role}", f"change_{role}_points")]


def _progress(plan: Plan, scheme: str, matched: dict, earlier: dict[str, dict], elapsed, lang: str, date=None,
              own_schedules: bool = True, december: tuple | None = None, started: dict | None = None):
    """(commune, Progress) for each commune of the plan, and the total computed from the communes reported;
    each with its changes since the earlier reports (by role)."""
    from bhxh_cli.core.progress import (
        BEHIND,
        MET,
        ON_TRACK,
        compare,
        no_report,
        progress,
    )
    from bhxh_cli.core.schedules import share_on

    key = f"{scheme}_enrolled"
    earlier_items = list(earlier.items())
    rows = []
    own: dict[tuple, Any] = {}  # a commune's own schedule, when the plan gives one: its share, once per schedule
    scheme_share = elapsed
    for index, commune in enumerate(plan.communes):
        counts = getattr(commune, scheme)
        elapsed = scheme_share
        if counts.schedule is not None and own_schedules:
            shares = tuple(counts.schedule)
            if shares not in own:
                own[shares] = share_on(date, plan.plan.year, counts.schedule)
            elapsed = own[shares]
        row = matched.get(index)
        # the schedule starts from the plan's baseline, else from the commune's count on 31 December before
        baseline = counts.baseline
        if baseline is None and december is not None and (before := december[1].get(index)) is not None:
            baseline = before.counts.get(key)
            if baseline is not None and started is not None:
                started.setdefault(scheme, set()).add(index)
        if row is None:
            rows.append((commune, no_report(target=counts.enrolled, eligible=counts.eligible,
                                            baseline=baseline, elapsed=elapsed)))
            continue
        p = progress(target=counts.enrolled, actual=row.counts[key], eligible=counts.eligible,
                     baseline=baseline, elapsed=elapsed)
        if earlier:
            p.changes = changes = {}
            for role, rows_of in earlier_items:  # the earlier reports' rows by the commune's position
                before = rows_of.get(index)
                count = before.counts.get(key) if before is not None else None
                changes[role] = compare(p.actual, count, p.eligible) if count is not None else (None, None)
            p.change = changes.get("previous", (None, None))[0]
        rows.append((commune, p))
    reported = [p for _, p in rows if p.actual is not None]
    baselines = [p.baseline for p in reported]
    total = progress(
        target=sum(p.target for p in reported), actual=sum(p.actual for p in reported),
        eligible=sum(p.eligible for p in reported),
        baseline=sum(baselines) if all(b is not None for b in baselines) else None, elapsed=scheme_share)
    if earlier:
        # a total of changes it does not know is not printed: every reported commune has an earlier count, or none
        total.changes = {}
        for role in earlier:
            known = [p.changes[role][0] for p in reported]
            before = total.actual - sum(known) if all(c is not None for c in known) else None
            total.changes[role] = compare(total.actual, before, total.eligible)
        total.change = total.changes.get("previous", (None, None))[0]
    # The total's expected count is the sum of its communes' (whole people each), as its target is the sum of
    # theirs: the total row and the rows above it never disagree by a rounding.
    total.expected = sum(p.expected for p in reported)
    # likewise the people still needed: the communes' own (one over its target makes up for no other)
    total.still_needed = sum(p.still_needed for p in reported)
    total.status = (MET if total.actual >= total.target else ON_TRACK if total.actual >= total.expected
                    else BEHIND)
    return rows, total


def _of(row) -> tuple:
    """(code, name, Progress) of a (commune, Progress) pair, as sort_progress reads it."""
    return row[0].code, row[0].name, row[1]


_CHANGE_KEYS = {role: (f"change_{role}", f"change_{role}_points") for role in ("previous", "year_start", "year_ago")}


def _gap_dict(code, name, scheme: str, p, roles: list[str] = (), *, commune: bool = True) -> dict[str, Any]:
    item = ({"code": code, "name": name, "scheme": scheme, "target": p.target, "actual": p.actual, "gap": p.gap,
             "achieved": p.achieved, "rate_points": p.rate_points, "still_needed": p.still_needed,
             "expected": p.expected, "status": p.status} if commune else
            {"scheme": scheme, "target": p.target, "actual": p.actual, "gap": p.gap, "achieved": p.achieved,
             "rate_points": p.rate_points, "still_needed": p.still_needed, "expected": p.expected,
             "status": p.status})
    if roles:
        changes = p.changes or {}
        for role in roles:
            people, points = changes.get(role, (None, None))
            keys = _CHANGE_KEYS.get(role) or (f"change_{role}", f"change_{role}_points")
            item[keys[0]], item[keys[1]] = people, points
    return item


def _total_dict(scheme: str, total, reported: int, communes: int, roles: list[str] = ()) -> dict[str, Any]:
    """The total row for machines: the numbers, and how many of the plan's communes they cover."""
    return dict(_gap_dict(None, None, scheme, total, roles, commune=False), communes=reported,
                communes_in_plan=communes)


def _total_label(plan: Plan, reported: int, lang: str) -> str:
    """TỔNG SỐ, or, when the report lacks communes, how many of the plan's the total covers."""
    if reported == len(plan.communes):
        return i18n.label("total", lang)
    return i18n.label(i18n.units_key("total.partial", plan.plan.year), lang, count=reported, of=len(plan.communes))


def _gap_table(plan: Plan, scheme: str, shown: list[dict[str, Any]], total, reported: int, date, elapsed,
               with_baseline: bool, roles: list[str], lang: str, extra_notes: list[str] = (),
               last_year: bool = False, comparisons: dict | None = None) -> Table:
    """The table of one scheme's rows `shown` (as _gap_dict makes them)."""
    total_row = dict(_gap_dict("", _total_label(plan, reported, lang), scheme, total, roles))
    columns = [Column("code"), Column("name", "text", i18n.units_key("name", plan.plan.year)),
               Column("target", "count"), Column("actual", "count"),
               Column("gap", "gap"), Column("achieved", "bar"), Column("rate_points", "points"),
               Column("still_needed", "count"), Column("expected", "count"), Column("status", "status")]
    for role in roles:  # a group per comparison: the change in people, then in points of the rate
        label = change_role(role, comparisons or {}, date)
        columns += [Column(f"change_{role}", "signed_count", f"change.{label}"),
                    Column(f"change_{role}_points", "points", f"change.{label}.points")]
    title = i18n.label("gap.title", lang, scheme=i18n.label(scheme, lang),
                       date=date.strftime("%d/%m/%Y"))
    notes = [schedule_note(getattr(plan.schemes, scheme).schedule, elapsed, with_baseline, lang, last_year),
             *extra_notes]
    return Table(plan_title(plan, lang, title), columns, shown, total_row, notes)


def _coverage(plan: Plan, chosen: list[str], fmt: str, output, kind, force: bool, inputs, lang: str,
              out: TextIO, err: TextIO) -> int:
    """Without a report: the coverage gap of the plan itself (eligible - planned enrolment)."""
    def row(code, name, scheme, eligible, target):
        return {"code": code, "name": name, "scheme": scheme, "eligible": eligible, "target": target,
                "not_covered": eligible - target, "rate": rates_core.rate(target, eligible)}

    columns = [Column("eligible", "count"), Column("target", "count"), Column("not_covered", "count"),
               Column("rate", "percent", "target_rate")]
    flat, tables = [], []
    if not plan.communes:  # one row per scheme
        for scheme in chosen:
            counts = getattr(plan.schemes, scheme)
            flat.append(row(None, None, scheme, counts.eligible, counts.enrolled))
        shown = [dict(r, scheme=i18n.label(r["scheme"], lang)) for r in flat]
        title = i18n.label("coverage.plan.title", lang, year=plan.plan.year)
        tables.append(Table(plan_title(plan, lang, title), [Column("scheme")] + columns, shown))
    for scheme in chosen if plan.communes else []:
        rows = [row(c.code, c.name, scheme, getattr(c, scheme).eligible, getattr(c, scheme).enrolled)
                for c in plan.communes]
        total = row("", i18n.label("total", lang), scheme, sum(r["eligible"] for r in rows),
                    sum(r["target"] for r in rows))
        flat.extend(rows)
        title = i18n.label("coverage.title", lang, scheme=i18n.label(scheme, lang))
        name = Column("name", "text", i18n.units_key("name", plan.plan.year))
        tables.append(Table(plan_title(plan, lang, title), [Column("code"), name] + columns, rows, total))
    tables[-1].notes = [i18n.label("coverage.note", lang)]
    keys = ["code", "name", "scheme", "eligible", "target", "not_covered", "rate"]
    document = {"plan": plan_header(plan), "as_of": None, "rows": flat}
    report = Report(lambda: tables, keys, flat, document, lambda: rates_workbook(plan, bool(plan.communes), lang))
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        schemes_written = trn("unit.scheme", len(chosen))
        if plan.communes:
            err.write(tr("gap.wrote", file=output, communes=trn(_units_word(plan.plan.year), len(plan.communes)),
                         schemes=schemes_written) + "\n")
        else:
            err.write(tr("gap.wrote.schemes", file=output, schemes=schemes_written) + "\n")
    return 0


def gap_workbook(plan: Plan, results: dict, reported: int, date, only_behind: bool, roles: list[str], lang: str,
                 notes, comparisons: dict | None = None):
    from bhxh_cli.core.progress import BEHIND
    from bhxh_cli.output.workbook import WideColumn, WideTable

    columns = leading_columns(lang)
    columns[2] = WideColumn("name", i18n.label(i18n.units_key("name", plan.plan.year), lang))
    for scheme in results:
        group = scheme_group(scheme, lang)
        columns += [WideColumn(f"{scheme}.target", i18n.label("target", lang), "count", group),
                    WideColumn(f"{scheme}.actual", i18n.label("actual", lang), "count", group),
                    WideColumn(f"{scheme}.gap", i18n.label("gap", lang), "gap", group),
                    WideColumn(f"{scheme}.achieved", i18n.label("achieved", lang), "percent", group),
                    WideColumn(f"{scheme}.expected", i18n.label("expected", lang), "count", group),
                    WideColumn(f"{scheme}.status", i18n.label("status", lang), "status", group)]
        for role in roles:
            label = change_role(role, comparisons or {}, date)
            columns.append(WideColumn(f"{scheme}.change_{role}", i18n.label(f"change.{label}", lang),
                                      "signed_count", group))

    def values(scheme: str, p) -> dict[str, Any]:
        item = {f"{scheme}.target": p.target, f"{scheme}.actual": p.actual, f"{scheme}.gap": p.gap,
                f"{scheme}.achieved": p.achieved, f"{scheme}.expected": p.expected, f"{scheme}.status": p.status}
        for role in roles:
            item[f"{scheme}.change_{role}"] = (p.changes or {}).get(role, (None, None))[0]
        return item

    rows: dict[int, dict[str, Any]] = {}  # by the commune's place in the plan: codes may be absent
    behind: set[int] = set()
    total: dict[str, Any] = {"name": _total_label(plan, reported, lang)}
    for scheme, (scheme_rows, scheme_total) in results.items():
        for index, (commune, p) in enumerate(scheme_rows):
            rows.setdefault(index, {"code": commune.code, "name": commune.name}).update(values(scheme, p))
            if p.status == BEHIND:
                behind.add(index)
        total.update(values(scheme, scheme_total))
    order = [i for i in range(len(plan.communes)) if not only_behind or i in behind]
    shown = [dict(rows[index], index=i) for i, index in enumerate(order, 1)]
    title = i18n.label("gap.book.title", lang, date=date.strftime("%d/%m/%Y"))
    from bhxh_cli.commands.v2_sheets import progress_chart

    # a commune is its code and name together: a plan of names only has no codes
    place = {(row["code"], row["name"]): index for index, row in enumerate(shown)}
    charts = [progress_chart(scheme, [(place[(c.code, c.name)], c.code, c.name, p, None) for c, p in scheme_rows
                                      if (c.code, c.name) in place],
                             (f"{scheme}.target", f"{scheme}.actual", f"{scheme}.expected"), columns[2].label,
                             plan.plan.year, lang) for scheme, (scheme_rows, _) in results.items()]
    return WideTable(title_block(plan, title, lang), "Tien do" if lang == "vi" else "Progress", columns, shown,
                     total, notes, charts=charts)
