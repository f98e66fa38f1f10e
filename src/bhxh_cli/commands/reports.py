"""Reports by role and by month, for `gap` and `trend`: the report judged, and the earlier reports it is
compared with (last month, the end of last year, the same month last year), given one by one or picked from
a folder of dated reports. Every report is read here, in one place, so that a conversion of old units
(a crosswalk) can be put between reading and matching without touching the commands."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from bhxh_cli.diagnostics import ERROR, NOTE, Diagnostic, InputError, UsageError
from bhxh_cli.messages import tr, trn

ROLES = ("previous", "year_start", "year_ago")
OPTIONS = {"actual": "--actual", "previous": "--previous", "year_start": "--year-start", "year_ago": "--year-ago"}
TABLE_FILES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")


@dataclass
class Dated:
    """A report and the date it speaks for: from its header, its file name, or assumed (said on stderr)."""

    file: str
    date: dt.date | None
    source: str | None  # "header" | "name" | "assumed" | None (no date at all)
    table: Any = None  # the CommuneTable, once read


def read_report(path: str, *, required: list[str], optional: list[str] = (), sheet: str | None = None,
                convert: Callable | None = None, sheet_option: bool = True):
    """Read one report (CSV, .xlsx, .xls). `convert`, when given, turns a table of other units into the plan's
    (a crosswalk) before anything is matched. `sheet_option`: --sheet reads this file (not a folder's)."""
    from bhxh_cli.tables.communes import read_communes

    workbook = path.lower().endswith((".xlsx", ".xlsm", ".xls"))
    table = read_communes(path, required=required, optional=list(optional), sheet=sheet if workbook else None,
                          sheet_option=sheet_option)
    return convert(table) if convert is not None else table


def dated(path: str, table) -> Dated:
    """The date a report speaks for: its header's, else its file name's, else none. A name and a header that
    name two months are an error: which one is right is for a person to say."""
    from bhxh_cli.core.periods import date_in_name

    header = getattr(table, "report_date", None) if table is not None else None
    name = os.path.basename(path)
    named = date_in_name(os.path.splitext(name)[0])
    if header is not None and named is not None and (header.year, header.month) != (named[0].year, named[0].month):
        raise InputError([Diagnostic(path, None, None, "", tr("roles.name_header_differ", name=name,
                          named=f"{named[0].month:02d}/{named[0].year}", date=f"{header:%d/%m/%Y}"),
                          "name-header-differ")])
    if header is not None:
        return Dated(path, header, "header", table)
    if named is not None:
        return Dated(path, named[0], "name", table)
    return Dated(path, None, None, table)


def assumed_date_note(path: str, date: dt.date, today: bool) -> str:
    """The note (one line, for stderr) that a report dated by neither --as-of, its file name nor its title is
    judged as of `date`: today, or the end of the plan year (`today` False)."""
    key = "roles.assumed_date.today" if today else "roles.assumed_date.year_end"
    return Diagnostic(path, None, None, "", tr(key, date=f"{date:%d/%m/%Y}"), "assumed-date", NOTE).text()


def _undated(path: str) -> Diagnostic:
    """A report neither its name nor its header dates; a name written as a date no calendar has says so."""
    from bhxh_cli.core.periods import impossible_date_in_name

    written = impossible_date_in_name(os.path.splitext(os.path.basename(path))[0])
    if written is None:
        return Diagnostic(path, None, None, "", tr("roles.undated"), "undated-report")
    return Diagnostic(path, None, None, "", tr("roles.impossible_date", written=written), "undated-report")


def check_distinct(files: dict[str, str | None]) -> None:
    """One file, one role: the same report given for two comparisons is a mistake of the command line."""
    seen: dict[tuple, str] = {}
    for role, path in files.items():
        if not path:
            continue
        try:
            stat = os.stat(path)
            key: tuple = (stat.st_dev, stat.st_ino)
        except OSError:
            key = (os.path.abspath(path),)
        if key in seen:
            raise UsageError(tr("roles.same_file", first=OPTIONS[seen[key]], second=OPTIONS[role], file=path))
        seen[key] = role


def expected_date(role: str, report: dt.date) -> dt.date:
    """The date a role's report speaks for, held against the report's date."""
    from bhxh_cli.core.periods import month_before, year_before

    if role == "previous":
        return month_before(report)
    if role == "year_start":
        return dt.date(report.year - 1, 12, 31)
    return year_before(report)


def role_problem(role: str, earlier: Dated, report: Dated) -> Diagnostic | None:
    """What is wrong with the date of a role's report, or None. An undated report is accepted (its date is
    assumed; the caller says so)."""
    if earlier.date is None or report.date is None:
        return None
    when, now = earlier.date, report.date
    values = {"file": earlier.file, "date": f"{when:%d/%m/%Y}", "report": report.file, "report_date": f"{now:%d/%m/%Y}",
              "source": tr(f"roles.source.{earlier.source}"), "option": OPTIONS[role]}
    if when >= now:  # a change "since" a later report is no change at all
        return Diagnostic(earlier.file, None, None, "", tr(f"roles.not_earlier.{role}", **values),
                          f"{role.replace('_', '-')}-not-earlier")
    if role == "year_start" and when != dt.date(now.year - 1, 12, 31):
        return Diagnostic(earlier.file, None, None, "", tr("roles.year_start_not_december", year=now.year - 1,
                                                           **values), "year-start-not-year-end")
    if role == "year_ago" and (when.year, when.month) != (now.year - 1, now.month):
        return Diagnostic(earlier.file, None, None, "", tr("roles.year_ago_not_a_year", month=now.month,
                                                           year=now.year - 1, **values), "year-ago-not-a-year-earlier")
    return None


class Converter:
    """`--crosswalk MAP`: each report in the map's old units turned into the plan's units (merged units added
    up, divided units split exactly) before it is matched; a report in the plan's units passes as it is. Each
    file is looked at once; `notes()` says which files were converted (for stderr)."""

    def __init__(self, map_file: str, units: dict[str, str]):
        from bhxh_cli.tables.crosswalk_map import read_crosswalk

        self.walk = read_crosswalk(map_file)
        self.units = units  # the plan's units, code -> name
        self.done: dict[int, tuple] = {}  # id of a table read -> (that table, the table to match)
        self.converted: list[tuple[str, int, int]] = []  # file, units in, units out
        self.warnings: list[Diagnostic] = []

    def __call__(self, table):
        from bhxh_cli.tables.crosswalk_map import crosswalk_table, in_old_units

        if id(table) in self.done:  # a table looked at already, or one this converted
            return self.done[id(table)][1]
        result = table
        if in_old_units(table, self.walk, self.units):
            walked = crosswalk_table(table, self.walk)
            result = walked.table
            self.converted.append((table.file, walked.units_in, walked.units_out))
            self.warnings += walked.warnings
        # the tables are kept with their ids, so that an id is never another table's
        self.done[id(table)] = (table, result)
        self.done[id(result)] = (result, result)
        return result

    def notes(self) -> list[str]:
        lines = [w.text() for w in self.walk.warnings + self.warnings]
        from bhxh_cli.i18n import format_count
        from bhxh_cli.messages import language

        lang = language()
        lines += [tr("roles.converted", file=file, map=self.walk.file, units_in=format_count(units_in, lang),
                     units_out=format_count(units_out, lang)) for file, units_in, units_out in self.converted]
        if not self.converted:
            lines.append(tr("roles.none_converted", map=self.walk.file))
        return lines


class UnitCheck:
    """`--registry vn|FILE`: a report's codes and names checked against registries of official units at the
    report's own date (a June 2025 report against the units of June 2025), with the rules and words of
    `check --registry`; before any crosswalk, since the report's own units are what is checked."""

    def __init__(self, sources: list[str]):
        from bhxh_cli.tables.registry import read_registries

        self.registry = read_registries(list(sources))

    def __call__(self, table, date: dt.date) -> list[Diagnostic]:
        from bhxh_cli.tables.registry import report_problems

        registry = self.registry
        if not registry.covers(date):  # every unit would be unknown: say once which list is missing
            starts = [unit.valid_from for unit in registry.units if unit.valid_from is not None]
            ends = [unit.valid_to for unit in registry.units if unit.valid_to is not None]
            key, bound = (("registry.report_not_at_date", min(starts)) if starts
                          else ("registry.report_not_at_date.until", max(ends)))
            return [Diagnostic(table.file, None, None, "", tr(key, registry=registry.label, date=f"{date:%d/%m/%Y}",
                                                               bound=f"{bound:%d/%m/%Y}"), "registry-not-at-date")]
        return report_problems(table, registry, date)


# -- a folder of dated reports ------------------------------------------------------------------------

@dataclass
class Folder:
    directory: str
    reports: list[Dated] = field(default_factory=list)  # by date, one a month

    def month(self, year: int, month: int) -> Dated | None:
        return next((r for r in self.reports if (r.date.year, r.date.month) == (year, month)), None)

    def before(self, date: dt.date) -> Dated | None:
        earlier = [r for r in self.reports if (r.date.year, r.date.month) < (date.year, date.month)]
        return earlier[-1] if earlier else None


def read_folder(directory: str, *, required: list[str], optional: list[str] = (), read_all: bool = False,
                convert: Callable | None = None, inspect: Callable | None = None, found: list | None = None,
                sheet: str | None = None, sheet_option: bool = False) -> Folder:
    """The dated reports of a folder, one a month. A report is dated by its file name, else by its header
    (the file is then read); a report neither dates, and two reports of one month, are errors naming them.
    Files that are not tables (.yaml, .docx, .pdf ...), hidden files and Excel's lock files (~$...) are not
    reports. `read_all` reads every report (trend needs them all); each report read is then looked at by
    `inspect(table, date)` (a UnitCheck: its diagnostics added to `found`), then converted by `convert`.
    `sheet`: the sheet of each workbook read (--sheet); `sheet_option`: the command has --sheet."""
    if not os.path.isdir(directory):
        raise UsageError(tr("roles.not_a_folder", folder=directory))
    names = sorted(n for n in os.listdir(directory)
                   if n.lower().endswith(TABLE_FILES) and not n.startswith((".", "~$"))
                   and os.path.isfile(os.path.join(directory, n)))
    if not names:
        raise UsageError(tr("roles.empty_folder", folder=directory))
    reports, undated = [], []
    for name in names:
        path = os.path.join(directory, name)
        entry = dated(path, None)
        if entry.date is None or read_all:
            table = read_report(path, required=required, optional=optional, sheet=sheet, sheet_option=sheet_option)
            header = dated(path, table)  # a header of another month than the name's is refused here
            entry = header if header.date is not None else Dated(path, entry.date, entry.source, table)
            if inspect is not None and entry.date is not None:
                found.extend(inspect(table, entry.date))
            if convert is not None:
                entry.table = convert(table)
        (reports if entry.date is not None else undated).append(entry)
    if undated:
        raise InputError([_undated(r.file) for r in undated])
    reports.sort(key=lambda r: (r.date, r.file))
    problems = []
    for first, second in zip(reports, reports[1:]):
        if (first.date.year, first.date.month) == (second.date.year, second.date.month):
            problems.append(Diagnostic(second.file, None, None, "", tr(
                "roles.same_month", month=f"{second.date.month:02d}/{second.date.year}", other=first.file),
                "two-reports-one-month"))
    if problems:
        raise InputError(problems)
    return Folder(directory, reports)


def pick_roles(given: dict[str, str | None], folder: Folder | None, actual: str, date: dt.date,
               directory: str | None, err) -> dict[str, str | None]:
    """Each role's file: as given, else from the folder (never the report itself); with a folder, one line per
    role on stderr names the file used, or says none was found."""
    files = dict(given)
    if folder is None:
        return files
    picked = pick(folder, date)
    for role in ROLES:
        entry = picked[role]
        if files[role] is None and entry is not None and entry.file != actual:
            files[role] = entry.file
    err.write(tr("roles.used.report", file=actual, date=f"{date:%d/%m/%Y}") + "\n")
    for role in ROLES:
        if files[role] is not None:
            err.write(tr(f"roles.used.{role}", file=files[role]) + "\n")
        else:
            wanted = expected_date(role, date)
            err.write(tr(f"roles.none.{role}", folder=directory, month=f"{wanted.month:02d}/{wanted.year}") + "\n")
    return files


def earlier_reports(files: dict[str, str | None], report: Dated, columns: list[str], sheet: str | None,
                    folder: Folder | None, match: Callable, reported, area: str, check: Callable,
                    convert: Callable | None = None, inspect: Callable | None = None):
    """Read and check each role's report against the report judged: its date (or the date assumed, said in a
    note), its columns, its rows matched to the plan's units by `match(table) -> (rows, problems)`, and the
    command's own `check(role, table, rows) -> problems`. `reported`: the positions of the units the report
    judged has; one the earlier report lacks has no change, and neither has the total. `convert`: a Converter
    (--crosswalk), applied to each report before its columns and rows are looked at; `inspect(table, date)`:
    a UnitCheck (--registry), its diagnostics among the problems (warnings too: the caller sorts). Returns (rows by role, the comparisons for json,
    notes for stderr, problems)."""
    earlier: dict[str, dict[int, Any]] = {}
    comparisons: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    problems: list[Diagnostic] = []
    for role in ROLES:
        file = files[role]
        if not file:
            continue
        cached = next((r for r in folder.reports if r.file == file), None) if folder is not None else None
        table = cached.table if cached is not None and cached.table is not None else read_report(
            file, required=columns, sheet=sheet)
        entry = dated(file, table)
        problem = role_problem(role, entry, report)
        if problem is not None:
            raise InputError([problem])
        if entry.date is None:
            entry = Dated(file, expected_date(role, report.date), "assumed", table)
            notes.append(tr(f"roles.assumed.{role}", file=file, date=f"{entry.date:%d/%m/%Y}"))
        if inspect is not None:
            problems += inspect(table, entry.date)
        if convert is not None:
            try:
                table = convert(table)
            except InputError as error:  # the registry's findings on the same rows first
                raise InputError(problems + error.diagnostics) from None
        lacking_columns = [c for c in columns if c not in table.columns]
        if lacking_columns:
            raise InputError([Diagnostic(file, None, None, "", tr("gap.role_missing_column", option=OPTIONS[role],
                                                                    columns=", ".join(lacking_columns)), "missing-column")])
        rows, found = match(table)
        if not rows and table.rows:  # a report of another area, or of the units before a merger
            raise InputError([Diagnostic(file, None, None, "", tr("gap.role_no_communes", option=OPTIONS[role],
                                                                    area=area), "no-matching-commune")])
        # the matching's warnings (a name that is not the plan's, a code matched by name) said as notes
        problems += [d for d in found if d.severity == ERROR] + check(role, table, rows)
        notes += [d.text() for d in found if d.severity != ERROR]
        earlier[role] = rows
        comparisons[role] = {"file": file, "date": entry.date.isoformat(), "date_from": entry.source}
        lacking = sum(1 for index in reported if index not in rows)
        if lacking:
            notes.append(trn("gap.role_lacks", lacking, file=file, option=OPTIONS[role]))
    return earlier, comparisons, notes, problems


def series_shares(directory: str, schemes: list[str], year: int) -> dict[str, list]:
    """Each scheme's schedule from last year's monthly series (the same share of the year's increase reached by
    the same month): the reports of December two years back and of every month of last year, in a folder,
    summed over their rows."""
    from bhxh_cli.core.schedules import shares_from_series

    columns = [f"{s}_enrolled" for s in schemes]
    folder = read_folder(directory, required=[], optional=columns)
    needed = [(year - 2, 12)] + [(year - 1, month) for month in range(1, 13)]
    missing = [f"{m:02d}/{y}" for y, m in needed if folder.month(y, m) is None]
    if missing:
        raise InputError([Diagnostic(directory, None, None, "", tr("gap.series_missing", months=", ".join(missing),
                                     start=year - 2, year=year - 1), "series-missing-month")])
    totals: dict[str, list[int]] = {s: [] for s in schemes}
    problems = []
    for y, m in needed:
        entry = folder.month(y, m)
        table = entry.table if entry.table is not None else read_report(entry.file, required=columns,
                                                                        sheet_option=False)
        for scheme, column in zip(schemes, columns):
            blank = [row for row in table.rows if row.counts.get(column) is None]
            if column not in table.columns or blank:
                problems.append(table.problem(blank[0].row if blank else None, column, tr(
                    "gap.series_blank", column=column), "series-count"))
                continue
            totals[scheme].append(sum(row.counts[column] for row in table.rows))
    if problems:
        raise InputError(problems)
    shares = {}
    for scheme in schemes:
        found, findings = shares_from_series(totals[scheme][0], totals[scheme][1:])
        problems += [Diagnostic(directory, None, None, "", tr(f"gap.{f.rule}", scheme=scheme, year=year - 1, **f.values),
                                f.rule) for f in findings]
        shares[scheme] = found
    if problems:
        raise InputError(problems)
    return shares


def pick(folder: Folder, report: dt.date) -> dict[str, Dated | None]:
    """Each role's report from the folder: last month's = the latest before the report's month; the end of
    last year = December of last year; the same period last year = the same month last year."""
    return {"previous": folder.before(report), "year_start": folder.month(report.year - 1, 12),
            "year_ago": folder.month(report.year - 1, report.month)}
