"""`bhxh gap` on a plan of format version 2: progress of the units at the bottom of the tree (communes, wards),
with every level's totals (districts or groups, then the area), for every scheme the plan sets (health too:
its coverage of the population, and its progress as a ratio of rates, as offices report it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import Report, deliver, plan_header, plan_title
from bhxh_cli.core.rates import rate
from bhxh_cli.core.targets import share_of_target_rate
from bhxh_cli.diagnostics import ERROR, Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr, trn
from bhxh_cli.output.render import Column, Table

KEYS = ["code", "name", "level", "parent", "scheme", "target", "actual", "gap", "achieved", "coverage",
        "expected", "still_needed", "status"]


def gap_levels(doc, plan, plan_path: str, actual_file: str | None, *, given_date, schemes: list[str], fmt: str,
               output: str | None, kind: str | None, force: bool, lang: str, out: TextIO, err: TextIO,
               sheet: str | None, judging: Callable, fail_on_behind: bool, fail_on_missing: bool,
               signer: str | None = None, appendix: str | None = None,
               given: dict[str, str | None] | None = None, reports_dir: str | None = None,
               crosswalk: str | None = None, registries: list[str] | None = None, laggards: int | None = None,
               schedule_from: str | None = None, sort: str = "shortfall", only_behind: bool = False) -> int:
    """`plan` is the version 2 plan as core/area.AreaPlan, read once by the caller (`doc` for positions)."""
    from bhxh_cli.commands import reports as series
    from bhxh_cli.commands.inputs import parse_schemes, who
    from bhxh_cli.core import progress as core
    from bhxh_cli.core.levels import level_of
    from bhxh_cli.core.rates import rate, round_half_up
    from bhxh_cli.core.schedules import share_on
    from bhxh_cli.core.targets import share_of_target_rate

    chosen = parse_schemes(schemes, plan.schemes()) or plan.schemes()
    if actual_file is None and not reports_dir:
        if kind == "docx":
            raise UsageError(tr("gap.docx_needs_actual", file=output))
        return _coverage(plan, chosen, fmt=fmt, output=output, kind=kind, force=force, lang=lang, out=out, err=err,
                         inputs=[plan_path], signer=signer, appendix=appendix)
    leaves = [(parent, unit) for _, parent, unit in plan.walk() if not unit.units]
    if not leaves:
        raise InputError([Diagnostic(doc.file, None, None, "units", tr("gap2.no_units"), "no-communes")])
    chosen = _judged_schemes(doc, leaves, chosen, explicit=bool(schemes), err=err, plan_units=plan.units)
    columns = [f"{s}_enrolled" for s in chosen]
    folder = series.read_folder(reports_dir, required=columns, sheet=sheet, sheet_option=True) if reports_dir else None
    option = "--actual" if actual_file is not None else "--reports"  # the option that gave the report judged
    if actual_file is None:  # the latest report of the folder is the one judged
        actual_file = folder.reports[-1].file
    cached = next((r.table for r in folder.reports if r.file == actual_file), None) if folder is not None else None
    table = cached if cached is not None else series.read_report(actual_file, required=columns, sheet=sheet)
    convert = series.Converter(crosswalk, {u.code: u.name for _, u in leaves if u.code}) if crosswalk else None
    own_units = table  # the report as written: what --registry checks
    report = series.dated(actual_file, table)
    date = judging(given_date, report.date if report.source == "header" else None, plan.year, actual_file)
    report = series.Dated(actual_file, date, report.source or "assumed", table)
    shares: dict[tuple | None, Any] = {}  # share of the year's increase due by the date, once per schedule

    def due(schedule):
        if schedule not in shares:
            shares[schedule] = share_on(date, plan.year, schedule)
        return shares[schedule]

    # --schedule-from: last year's monthly series gives every unit of a scheme its share due by the date
    last_year = None
    if schedule_from:
        last_year = {scheme: share_on(date, plan.year, shares_)
                     for scheme, shares_ in series.series_shares(schedule_from, chosen, plan.year).items()}

    inspect = series.UnitCheck(registries) if registries else None
    found = inspect(own_units, date) if inspect is not None else []
    if convert is not None:
        try:
            table = convert(table)
        except InputError as error:  # the registry's findings on the same rows first
            raise InputError(found + error.diagnostics) from None
        report.table = table
    from bhxh_cli.commands.inputs import match_actual_report

    matched = match_actual_report([unit for _, unit in leaves], table, report.file, plan.area, found, err, option)
    if any(d.severity == ERROR for d in found):
        raise InputError([d for d in found if d.severity == ERROR])
    files = series.pick_roles(given or {role: None for role in series.ROLES}, folder, actual_file, date, reports_dir,
                              err)
    earlier, comparisons, notes, problems = series.earlier_reports(
        files, report, columns, sheet, folder, lambda other: _match(leaves, other), matched, plan.area,
        lambda role, other, rows: [], convert, inspect)
    problems = found + problems
    if any(p.severity == ERROR for p in problems):
        raise InputError(problems)
    notes = [p.text() for p in problems] + notes  # warnings of the registry
    if convert is not None:
        notes += convert.notes()
    roles = list(earlier)
    rows: list[dict[str, Any]] = []
    ranked: dict[str, list] = {scheme: [] for scheme in chosen}  # (code, name, Progress, kind), for --laggards
    # per scheme, the rows as the table shows them: each parent's total over its units shown, with their Progress
    shown: dict[str, list[tuple]] = {}  # (row, Progress, kind[, True: indented under its parent])
    shown_totals: dict[str, dict[str, Any]] = {}  # with --only behind: the total of the units shown
    area_rows: dict[str, dict[str, Any]] = {}
    missing = [unit.name for i, (_, unit) in enumerate(leaves) if i not in matched]
    behind = set()
    december = year_start_rows(comparisons, earlier, plan.year)
    started: dict[str, set[int]] = {}  # scheme -> the units whose schedule starts from the December report
    zero: dict[str, list[str]] = {}  # scheme -> the units whose schedule starts from 0 (no start known)
    for scheme in chosen:
        sums: dict[int, list[int]] = {}  # id of a parent (or 0 for the area) -> [target, actual, expected, n]
        changed: dict[int, dict[str, int | None]] = {}  # the same -> role -> the sum of changes, None if one is unknown
        groups: dict[int, tuple[Any, list]] = {}  # id of a parent -> (parent, [(row, Progress, kind)]), plan order
        area_schedule = plan.figures[scheme].schedule if scheme in plan.figures else None
        places = places_of(plan.figures[scheme].denominator) if scheme in plan.figures else 1
        for i, (parent, unit) in enumerate(leaves):
            figures = unit.figures.get(scheme)
            if figures is None or figures.target is None:
                continue
            whole = figures.whole or 0
            # the schedule starts from the plan's baseline (participants on 1 January), else from the report of
            # 31 December before, else from the plan's count of participants now, else from 0
            start = figures.baseline
            if start is None and december is not None and (before := december[1].get(i)) is not None:
                start = before.counts.get(f"{scheme}_enrolled")
                if start is not None:
                    started.setdefault(scheme, set()).add(i)
            if start is None:
                start = figures.enrolled
            if start is None:
                zero.setdefault(scheme, []).append(who(unit.code, unit.name))
            elapsed = (last_year[scheme] if last_year is not None
                       else due(figures.schedule if figures.schedule is not None else area_schedule))
            row = matched.get(i)
            actual = row.counts.get(f"{scheme}_enrolled") if row is not None else None
            changes = {}
            for role in roles:
                before = earlier[role].get(i)
                changes[role] = core.compare(actual, before.counts.get(f"{scheme}_enrolled") if before else None,
                                             whole, places)
            if actual is None:
                p = core.no_report(target=figures.target, eligible=whole, baseline=start, elapsed=elapsed)
            else:
                if whole and actual > whole:
                    problems.append(table.problem(row.row, f"{scheme}_enrolled", tr(
                        "gap2.above", actual=actual, whole=whole, unit=unit.name,
                        denominator=i18n.label(f"denominator.{figures.denominator}", lang)), "enrolled-above-eligible"))
                    continue
                p = core.progress(target=figures.target, actual=actual, eligible=whole, baseline=start,
                                  elapsed=elapsed)
                ranked[scheme].append((unit.code, unit.name, p, unit.kind))
                if p.status == core.BEHIND:
                    behind.add(unit.name)
                for key in ({0} | ({id(parent)} if parent is not None else set())):
                    total = sums.setdefault(key, [0, 0, 0, 0, 0, 0])
                    total[0] += p.target
                    total[1] += actual
                    total[2] += p.expected
                    total[3] += 1
                    total[4] += whole
                    total[5] += p.still_needed  # a column that adds up: the units' own, not the net gap
                    for role in roles:
                        so_far, people = changed.setdefault(key, {}).get(role, 0), changes[role][0]
                        changed[key][role] = None if so_far is None or people is None else so_far + people
            groups.setdefault(id(parent), (parent, []))[1].append((
                _row(unit.code, unit.name, level_of(unit.kind), parent.code or parent.name if parent else None, scheme,
                     p, _coverage_of(scheme, actual, whole, figures, share_of_target_rate, rate), changes,
                     rate(figures.target, whole, places) if whole else None), p, unit.kind))
        # --only behind and --sort within each parent; every total stays the total of all its units
        kept, totals, display = [], [], []
        for key, (parent, items) in groups.items():
            picked = sort_progress([item for item in items if not only_behind or item[1].status == core.BEHIND],
                                   sort, lambda item: (item[0]["code"], item[0]["name"], item[1]))
            if parent is not None and key in sums:
                level = level_of(parent.kind) if parent.kind is not None else "district"
                totals.append(_total_row(parent.code, parent.name, level, None, scheme, sums[key], rate,
                                         changed.get(key, {}), roles, places))
                display.append((totals[-1], None, None))  # judged on the sums beside it, as in csv and json
            # a unit under a parent is indented when the table is laid out (never for csv or json)
            display += [(row, p, kind) if parent is None else (row, p, kind, True) for row, p, kind in picked]
            kept += picked
        rows += [row for row, _, _ in kept] + totals
        if 0 in sums:
            area_rows[scheme] = _total_row(None, plan.area, "area", None, scheme, sums[0], rate, changed.get(0, {}),
                                           roles, places)
            rows.append(area_rows[scheme])
        shown[scheme] = display
        if only_behind:
            shown_totals[scheme] = dict(shown_total(scheme, [p for _, p, _ in kept], "units"),
                                        kinds=[kind for _, _, kind in kept])
    if problems:
        raise InputError(problems)
    # where the schedule starts, then the notes on the reports read (a conversion's last)
    err.writelines(line + "\n" for line in schedule_start_notes(started, zero, len(leaves), december, plan.year)
                   + notes)
    if missing:
        err.write(trn("gap2.missing", len(missing), file=actual_file, units=len(leaves)) + "\n")
    document = {"plan": plan_header(plan), "as_of": date.isoformat(), "rows": rows}
    if comparisons:
        document["comparisons"] = comparisons
    if only_behind:
        document["shown_total"] = {scheme: {k: v for k, v in total.items() if k != "kinds"}
                                   for scheme, total in shown_totals.items()}
    keys = KEYS + [key for role in roles for key in (f"change_{role}", f"change_{role}_points")]

    # under each table, as under a version 1 plan's: the schedule and its share due, the reports compared
    schedules = {scheme: plan.figures[scheme].schedule if scheme in plan.figures else None for scheme in chosen}
    schedule_notes = {scheme: schedule_note(schedules[scheme], last_year[scheme] if last_year is not None
                                            else due(schedules[scheme]), not zero.get(scheme), lang,
                                            last_year is not None) for scheme in chosen}
    role_note = [comparisons_note(comparisons, date, lang)] if comparisons else []

    def tables() -> list[Table]:
        from bhxh_cli.commands.rates import target_notes

        return [_table(plan, scheme, [dict(item[0], name="  " + item[0]["name"]) if len(item) > 3 else item[0]
                                      for item in shown[scheme]], area_rows.get(scheme), date, lang, roles,
                       [schedule_notes[scheme]] + target_notes(scheme, plan.figures[scheme], lang)
                       + ([shown_note(shown_totals[scheme], shown_totals[scheme]["kinds"], plan.year, lang)]
                          if only_behind else []) + role_note, comparisons) for scheme in chosen]

    def workbook():
        from bhxh_cli.commands.v2_sheets import appendix_sheets, progress_chart

        shown_tables = tables()
        # each scheme's sheet its chart, over the units on it (not the totals), as a version 1 workbook has
        charts = [[progress_chart(scheme, [(index, item[0]["code"], item[0]["name"], item[1], item[2])
                                           for index, item in enumerate(shown[scheme]) if item[1] is not None],
                                  ("target", "actual", "expected"), i18n.label(table.columns[1].label, lang), plan.year,
                                  lang)] for scheme, table in zip(chosen, shown_tables)]
        return appendix_sheets(plan, shown_tables, lang, signer=signer, appendix=appendix, charts=charts)

    def docx() -> bytes:
        from bhxh_cli.commands.documents import progress_report

        return progress_report(plan, _report_document(rows, chosen, len(leaves)), date, lang, signer)

    if laggards is not None:  # the units at the bottom of the tree ranked; the levels' totals are not laggards
        from bhxh_cli.commands.laggards import laggards_report

        report = laggards_report(plan, plan.year, ranked, laggards, date, lang)
    else:
        report = Report(tables, keys, rows, document, workbook, docx)
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force,
            inputs=[plan_path, actual_file, *(f for f in files.values() if f)])
    if output is not None:
        err.write(tr("gap2.wrote", file=output) + "\n")
    if fail_on_missing and missing:
        return 1
    return 1 if fail_on_behind and behind else 0


def _scheme_place(units: list, wanted, scheme: str) -> tuple:
    """Where in the plan file a unit's figures for a scheme are (or would be): its `schemes` entry for it,
    else the unit itself (position() falls back to the nearest parent that is in the file)."""
    stack = [(("units", index), unit) for index, unit in enumerate(units)]
    while stack:
        path, unit = stack.pop()
        if unit is wanted:
            return (*path, "schemes", scheme) if scheme in unit.figures else path
        stack.extend(((*path, "units", index), child) for index, child in enumerate(unit.units))
    return ("units",)


def _judged_schemes(doc, leaves, chosen: list[str], *, explicit: bool, err: TextIO,
                    plan_units: list) -> list[str]:
    """The schemes whose units (the bottom of the tree) all have a target: progress is judged against a unit's
    own target, so a unit without one would drop out of every row and total unseen. A scheme no unit has a
    target for (the plan was not split yet) is left out with a note, or refused when asked for by name; a
    scheme only some units have a target for is refused, naming them."""
    from bhxh_cli.commands.inputs import who
    from bhxh_cli.plan.loading import format_path

    judged, notes, problems = [], [], []
    for scheme in chosen:
        lacking = [unit for _, unit in leaves
                   if (figures := unit.figures.get(scheme)) is None or figures.target is None]
        name = tr(f"scheme.{scheme}")
        if not lacking:
            judged.append(scheme)
        elif len(lacking) == len(leaves) and not explicit:
            notes.append(tr("gap2.scheme_not_split", scheme=name, file=doc.file))
        else:
            shown = ", ".join(who(unit.code, unit.name) for unit in lacking[:5]) + (", …" if len(lacking) > 5 else "")
            place = _scheme_place(plan_units, lacking[0], scheme)  # the first unit without it, in the file
            line, column = doc.position(place)
            problems.append(Diagnostic(doc.file, line, column, format_path(place), trn(
                "gap2.units_without_target", len(lacking), scheme=name, units=len(leaves), which=shown,
                file=doc.file), "unit-without-target"))
    if problems or not judged:
        line, column = doc.position(("units",))  # the plan's units, none of which has a target yet
        raise InputError(problems or [Diagnostic(doc.file, line, column, "units", tr("gap2.nothing_split", file=doc.file),
                                                 "unit-without-target")])
    err.writelines(note + "\n" for note in notes)
    return judged


def sort_progress(items: list, sort: str, of: Callable[[Any], tuple]) -> list:
    """`items` in the order `--sort` names, `of(item)` being its (code, name, Progress): shortfall (the
    furthest behind schedule first), gap, achieved (least first), code or name. Units without a report have
    no gap, share or shortfall: they go last, in the plan's order. For plans of both format versions."""
    from bhxh_cli.core.names import sort_key

    if sort == "code":
        return sorted(items, key=lambda item: of(item)[0] or "")
    if sort == "name":
        return sorted(items, key=lambda item: sort_key(of(item)[1]))
    reported, missing = [], []
    for item in items:
        code, _, p = of(item)
        if p.actual is None:
            missing.append(item)
        elif sort == "gap":
            reported.append(((-p.gap, code or ""), item))
        elif sort == "achieved":  # a target of 0 has no share and goes last
            reported.append(((p.achieved is None, p.achieved or 0, code or ""), item))
        else:
            reported.append(((-p.shortfall, code or ""), item))
    reported.sort(key=lambda pair: pair[0])
    return [item for _, item in reported] + missing


def shown_total(scheme: str, shown: list, count_key: str = "communes") -> dict[str, Any]:
    """The total of the units shown with --only behind (their Progress): target, enrolment, gap, still needed
    and expected count; the totals printed stay those of all units."""
    return {"scheme": scheme, count_key: len(shown), "target": sum(p.target for p in shown),
            "actual": sum(p.actual for p in shown), "gap": sum(p.gap for p in shown),
            "still_needed": sum(p.still_needed for p in shown), "expected": sum(p.expected for p in shown)}


def shown_note(total: dict[str, Any], kinds: list, year: int, lang: str) -> str:
    """The sentence under a table of --only behind: the total of the units listed, named by their kinds."""
    count = total.get("communes", total.get("units"))
    return i18n.label("gap.shown_total", lang, count=count, units=i18n.units_word(kinds, year, lang, count),
                      **{k: i18n.format_count(total[k], lang) for k in ("target", "actual", "gap", "expected")})


def _match(leaves, table) -> tuple[dict[int, Any], list]:
    """Report rows to the plan's units, as gap matches them on a version 1 plan."""
    from bhxh_cli.commands.inputs import match_report_rows

    return match_report_rows([unit for _, unit in leaves], table)


def places_of(denominator: str) -> int:
    """Decimals of a rate: two for shares of the population (health insurance coverage is printed 95,15%),
    one for the others (97,7%), the same for every row of a column."""
    return 2 if denominator == "population" else 1


def year_start_rows(comparisons: dict, earlier: dict, year: int) -> tuple[str, dict] | None:
    """The report of 31 December of the year before among the reports compared (the --reports folder's
    December, --year-start, or --previous), as (its file, its rows by the unit's position); None without one.
    Each unit's count there is its enrolment on 1 January: where its schedule starts when the plan gives it no
    baseline (the same rule for plans of both versions)."""
    day = f"{year - 1}-12-31"
    for role in ("year_start", "previous"):
        if role in comparisons and comparisons[role]["date"] == day:
            return comparisons[role]["file"], earlier[role]
    return None


def schedule_start_notes(started: dict[str, set], zero: dict[str, list[str]], units: int, december: tuple | None,
                         year: int) -> list[str]:
    """stderr's notes on where the schedule starts: the units started from the December report (`started`:
    scheme -> the units, counted once whatever their schemes), and per scheme the units whose line starts from
    0 (`zero`: scheme -> their names, of `units` in the plan): one note for the schemes none of whose units has
    a start, one a scheme for those some of whose units have none (their status may look better than it is)."""
    notes = []
    counted = len(set().union(*started.values())) if started else 0
    if counted:
        notes.append(trn("gap.baseline_from_report", counted, file=december[0], date=f"31/12/{year - 1}"))
    none = [scheme for scheme, names in zero.items() if names and len(names) == units]
    if none:
        notes.append(tr("gap.baseline_none", schemes=", ".join(tr(f"scheme.{s}") for s in none),
                        date=f"31/12/{year - 1}"))
    for scheme, names in zero.items():
        if names and scheme not in none:
            shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
            notes.append(trn("gap.baseline_some", len(names), scheme=tr(f"scheme.{scheme}"), units=shown,
                             date=f"31/12/{year - 1}"))
    return notes


def change_role(role: str, comparisons: dict, date) -> str:
    """The role as its labels name it: "previous_period" (kỳ trước) for the previous report when it is not of
    the month before the report judged (--previous may be any earlier report), else the role itself."""
    import datetime as dt

    if role != "previous" or "previous" not in comparisons:
        return role
    before = dt.date.fromisoformat(comparisons["previous"]["date"])
    return role if before.year * 12 + before.month == date.year * 12 + date.month - 1 else "previous_period"


def comparisons_note(comparisons: dict[str, dict[str, Any]], date, lang: str) -> str:
    """The line under a table naming the earlier reports compared, with their dates."""
    import datetime as dt

    parts = [i18n.label(f"gap.compared.{change_role(role, comparisons, date)}", lang,
                        date=f"{dt.date.fromisoformat(c['date']):%d/%m/%Y}") for role, c in comparisons.items()]
    return i18n.label("gap.compared", lang, comparisons="; ".join(parts))


def schedule_note(schedule, elapsed, with_baseline: bool, lang: str, last_year: bool = False) -> str:
    """The line under a table saying how the expected count is reached: the schedule, and its share due."""
    from bhxh_cli.core.rates import round_half_up

    share = i18n.format_decimal(round_half_up(elapsed * 100), lang)
    if last_year:
        return i18n.label("gap.schedule.series", lang, share=share)
    if schedule is not None:
        return i18n.label("gap.schedule.monthly", lang, share=share)
    return i18n.label("gap.schedule" if with_baseline else "gap.schedule.nobaseline", lang, share=share)


def _coverage_of(scheme, actual, whole, figures, share_of_target_rate, rate):
    """(coverage now, % of the target) — for a target of a rate (health insurance), the ratio of the rates;
    for a count target of the population, the share of the target to two decimals."""
    if actual is None or not whole:
        return None, None
    places = places_of(figures.denominator)
    if figures.target_rate is not None:
        return rate(actual, whole, 2), share_of_target_rate(actual, whole, figures.target_rate, places=places)
    return rate(actual, whole, 2), (rate(actual, figures.target, places) if places != 1 and figures.target else None)


def _row(code, name, level, parent, scheme, p, coverage, changes=None, target_rate=None) -> dict[str, Any]:
    covered, of_rate = coverage
    row = {"code": code, "name": name, "level": level, "parent": parent, "scheme": scheme, "target": p.target,
           "target_rate": target_rate,
           "actual": p.actual, "gap": p.gap, "achieved": of_rate if of_rate is not None else p.achieved,
           "coverage": covered, "expected": p.expected, "still_needed": p.still_needed, "status": p.status}
    for role, (people, points) in (changes or {}).items():
        row[f"change_{role}"], row[f"change_{role}_points"] = people, points
    return row


def _report_document(rows: list[dict[str, Any]], chosen: list[str], units: int) -> dict[str, Any]:
    """What the drafted report (commands/documents.py) reads: the units at the bottom of the tree, and per
    scheme the area's total, with how many units reported and its status as the units' are judged."""
    from bhxh_cli.core.progress import BEHIND, MET, ON_TRACK

    totals = {}
    for scheme in chosen:
        area = next((r for r in rows if r["scheme"] == scheme and r["level"] == "area"), None)
        if area is None:
            continue
        status = (MET if area["actual"] >= area["target"] else ON_TRACK if area["actual"] >= area["expected"]
                  else BEHIND)
        totals[scheme] = dict(area, status=status, communes=area["units"], communes_in_plan=units)
    return {"rows": [r for r in rows if r.get("units") is None], "total": totals}


def _total_row(code, name, level, parent, scheme, total, rate, changed=None, roles=(), places=1) -> dict[str, Any]:
    from bhxh_cli.core import progress as core

    target, actual, expected, count, whole, still_needed = total
    changes = {}
    for role in roles:
        people = (changed or {}).get(role)
        changes[f"change_{role}"] = people
        changes[f"change_{role}_points"] = rate(people, whole, places) if people is not None and whole else None
    return {"code": code, "name": name, "level": level, "parent": parent, "scheme": scheme, "target": target,
            "target_rate": rate(target, whole, places) if whole else None,
            # the ratio of the rates of a total is its people over its target: the same decimals as its units'
            "actual": actual, "gap": target - actual, "achieved": rate(actual, target, places),
            "coverage": rate(actual, whole, 2) if whole else None, "expected": expected,
            "still_needed": still_needed, "units": count,
            # judged as a unit is (core/progress), on the sums printed beside it
            "status": core.MET if actual >= target else core.ON_TRACK if actual >= expected else core.BEHIND} | changes


def _table(plan, scheme: str, ordered: list[dict[str, Any]], area: dict[str, Any] | None, date, lang: str,
           roles=(), notes=(), comparisons=None) -> Table:
    """Each district (or group) with its communes under it (`ordered`: as shown), then the area's total."""
    columns = [Column("code"), Column("name", "text", "unit_name"), Column("target", "count", "target"),
               Column("actual", "count"), Column("achieved", "percent")]
    # the columns do not depend on which units --only leaves: the area's total has every unit's figures
    if any(r.get("coverage") is not None for r in ordered + ([area] if area else [])) and scheme == "health":
        # as offices report health insurance: the target rate beside the coverage reached
        columns[3:3] = [Column("target_rate", "percent", "target_rate")]
        columns.append(Column("coverage", "percent", "coverage_now"))
    columns += [Column("expected", "count"), Column("still_needed", "count"), Column("status", "status")]
    for role in roles:  # a group per comparison: the change in people, then in points of the rate
        label = change_role(role, comparisons or {}, date)
        columns += [Column(f"change_{role}", "signed_count", f"change.{label}"),
                    Column(f"change_{role}_points", "points", f"change.{label}.points")]
    title = i18n.label("gap.title", lang, scheme=i18n.label(scheme, lang), date=f"{date:%d/%m/%Y}")
    total = dict(area, name=i18n.label("total", lang)) if area else None
    return Table(plan_title(plan, lang, title), columns, ordered, total, list(notes))


# -- without a report: the plan's own coverage gap ----------------------------------------------------------

COVERAGE_KEYS = ["code", "name", "level", "parent", "scheme", "denominator", "eligible", "enrolled", "coverage",
                 "target", "target_rate", "achieved", "not_covered", "still_needed"]


def _coverage_row(code, name, level, parent, scheme, figures) -> dict[str, Any]:
    """One unit's (or the area's) coverage gap: its denominator count less its target; with the people
    enrolled now the plan gives, their coverage and how far they are toward the target (for a rate target,
    the ratio of the rates, as offices report health insurance)."""
    whole, target, enrolled = figures.whole, figures.target, figures.enrolled
    places = places_of(figures.denominator)
    achieved = None
    if enrolled is not None and target is not None:
        achieved = (share_of_target_rate(enrolled, whole, figures.target_rate, places=places)
                    if figures.target_rate is not None and whole else rate(enrolled, target, places))
    return {"code": code, "name": name, "level": level, "parent": parent, "scheme": scheme,
            "denominator": figures.denominator, "eligible": whole, "enrolled": enrolled,
            "coverage": rate(enrolled, whole, 2) if enrolled is not None and whole else None, "target": target,
            "target_rate": rate(target, whole, places) if target is not None and whole else None,
            "achieved": achieved,
            "not_covered": whole - target if whole is not None and target is not None else None,
            "still_needed": max(0, target - enrolled) if target is not None and enrolled is not None else None}


def _coverage(plan, chosen: list[str], *, fmt: str, output, kind, force: bool, lang: str, out: TextIO, err: TextIO,
              inputs: list[str], signer, appendix) -> int:
    """Without a report: every unit's coverage gap, every level, parents first, the area's at the bottom."""
    from bhxh_cli.core.levels import level_of

    walked = list(plan.walk())
    rows: list[dict[str, Any]] = []
    for scheme in chosen:
        for depth, parent, unit in walked:
            figures = unit.figures.get(scheme)
            if figures is not None:
                row = _coverage_row(unit.code, unit.name, level_of(unit.kind),
                                    (parent.code or parent.name) if parent is not None else None, scheme, figures)
                rows.append(dict(row, depth=depth, kind=unit.kind))
        rows.append(dict(_coverage_row(plan.code, plan.area, "area", None, scheme, plan.figures[scheme]), depth=0))

    def table(scheme: str) -> Table:
        own = [r for r in rows if r["scheme"] == scheme]
        units = [dict(r, name="  " * (r["depth"] - 1) + r["name"], level=i18n.level_name(r["level"], lang, r["kind"]))
                 for r in own if r["level"] != "area"]
        area = next(r for r in own if r["level"] == "area")
        denominator = plan.figures[scheme].denominator
        columns = ([Column("code"), Column("name", "text", "unit_name"), Column("level")] if units
                   else [Column("name", "text", "unit_name")])
        columns += [Column("eligible", "count", denominator), Column("target", "count", "target"),
                    Column("target_rate", "percent", "target_rate"), Column("not_covered", "count")]
        if any(r["enrolled"] is not None for r in own):
            columns += [Column("enrolled", "count", "enrolled_now"), Column("coverage", "percent", "coverage_now"),
                        Column("achieved", "percent"), Column("still_needed", "count")]
        title = i18n.label("coverage.title", lang, scheme=i18n.label(scheme, lang))
        total = dict(area, name=i18n.label("total", lang), code="", level="")
        notes = [tr("gap2.coverage_note", lang, denominator=i18n.label(f"denominator.{denominator}", lang))]
        if plan.figures[scheme].target_rate is not None:
            notes.append(tr("gap2.rate_note", lang))
        from bhxh_cli.commands.rates import target_notes

        notes += target_notes(scheme, plan.figures[scheme], lang)
        return Table(plan_title(plan, lang, title), columns, units or [total], total if units else None, notes)

    def workbook():
        from bhxh_cli.commands.v2_sheets import appendix_sheets

        return appendix_sheets(plan, [table(s) for s in chosen], lang, signer=signer, appendix=appendix)

    flat = [{k: r[k] for k in COVERAGE_KEYS} for r in rows]
    document = {"plan": plan_header(plan), "as_of": None, "rows": flat}
    report = Report(lambda: [table(s) for s in chosen], COVERAGE_KEYS, flat, document, workbook)
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(tr("gap2.wrote", file=output) + "\n")
    return 0
