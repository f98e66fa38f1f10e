"""`bhxh allocate` on a plan of format version 2: the plan's targets split down its own tree of units (the
plan alone), or among the communes of a table (each table commune under the plan's unit it belongs to, or
under the districts of the table's `parent` column). Exact at every level (core/levels.py); a unit the plan
already gives a target keeps it. Rates of the scheme's denominator: health insurance splits people by the
population and shows each unit's resulting coverage rate."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import Report, deliver, plan_header, plan_title
from bhxh_cli.diagnostics import Diagnostic, InputError, UsageError
from bhxh_cli.messages import language, tr, trn
from bhxh_cli.output.render import Column, Table

# `eligible` is the eligible count (None when not given), whatever the denominator; the count a rate is of is
# also under its own name, and `rate` is of it
KEYS = ["code", "name", "level", "parent", "scheme", "denominator", "eligible", "labour_force", "population",
        "enrolled", "target", "rate"]
EXPLAIN_KEYS = ["quota", "remainder", "priority", "bound", "tie"]


@dataclass
class _Group:
    """Communes of a table that share one target: a unit of the plan's (`unit`, at `path` in the plan's data),
    a district of the table's `parent` column, or the area itself (key None)."""

    key: str | None
    code: str | None
    name: str
    kind: str | None
    unit: Any  # the plan's AreaUnit, or None
    path: tuple | None  # where that unit is in the plan's data
    rows: list


class _Tree:
    """One scheme's units as the core splits them, with what the output needs to name and place them."""

    def __init__(self, scheme: str, total: int | None):
        self.scheme, self.total = scheme, total
        self.units: list = []  # core.levels.Unit
        self.codes: dict[str, str | None] = {}  # unit key -> its official code
        self.parents: dict[str, str] = {}  # unit key -> how its children name it (code, else name)
        self.kinds: dict[str, str | None] = {}  # unit key -> its kind (xã, phường, huyện ...), shown in tables
        self.paths: dict[str, tuple] = {}  # key of a plan unit whose communes a table gives -> its place in the data
        self.eligible: dict[str, int | None] = {}  # unit key -> its own eligible people, when the plan or table gives
        # them and the split is by another count (the caps); a parent without its own: the sum of its units'


def allocate_v2(doc, area, **options) -> int:
    from bhxh_cli.sources import collector_paused

    # tens of thousands of units, rows and results made and kept, and no reference cycles among them: no
    # collection walks them again and again (a fifth of the time of 63 -> 724 -> 10,860 units)
    with collector_paused():
        return _allocate_v2(doc, area, **options)


def _allocate_v2(doc, area, *, communes_file: str | None, plan_path: str, schemes: list[str], method: str,
                 basis: str, floor: bool | None, explain: bool, fmt: str, output: str | None, kind: str | None,
                 force: bool, lang: str, out: TextIO, err: TextIO, sheet: str | None, signer: str | None,
                 appendix: str | None) -> int:
    from bhxh_cli.commands.inputs import parse_schemes
    from bhxh_cli.core.allocation import AllocationError
    from bhxh_cli.core.levels import TreeError, allocate_levels

    chosen = parse_schemes(schemes, area.schemes()) or area.schemes()
    inputs = [plan_path] + ([communes_file] if communes_file else [])
    if kind == "yaml" and len(chosen) != len(area.schemes()):
        raise UsageError(tr("allocate.yaml_needs_every_scheme", file=output, schemes=", ".join(area.schemes())))
    table = None
    if communes_file is None:
        trees = _plan_trees(doc, area, chosen, basis, floor)
    else:
        table, trees, chosen = _table_trees(doc, area, communes_file, chosen, bool(schemes), basis, floor, force,
                                            sheet, err, plan_output=output if kind == "yaml" else None)
    results: dict[str, list] = {}
    problems = []
    where = communes_file or doc.file
    for tree, keep in trees:
        denominator = area.figures[tree.scheme].denominator
        try:
            results[tree.scheme] = allocate_levels(
                tree.scheme, tree.total, tree.units, method=method, basis=basis, floor_enrolled=keep,
                reasons=explain, places=2 if denominator == "population" else 1)
        except TreeError as error:
            problems.append(_tree_problem(error, tree, area, doc, where))
        except AllocationError as error:
            problems.append(Diagnostic(where, None, None, "", _infeasible(error, tree.scheme, area, basis), "infeasible"))
    if problems:
        raise InputError(problems)
    flat = []
    for tree, _ in trees:
        eligible = _eligible(tree) if area.figures[tree.scheme].denominator != "eligible" else None
        flat.extend(_item(tree, unit, area, explain, eligible) for unit in results[tree.scheme])
    keys = KEYS + (EXPLAIN_KEYS if explain else [])
    floored = [tree.scheme for tree, keep in trees if keep]
    document = {"plan": plan_header(area), "method": method, "basis": basis,
                "floor": "enrolled" if floored else None, "units": flat}
    if kind == "yaml":
        from bhxh_cli.output.files import write_atomic

        text = _plan_text(doc, area, trees, results, table, output, method)
        write_atomic(output, text.encode("utf-8"), force=force, inputs=inputs)
    else:
        def workbook():
            from bhxh_cli.commands.v2_sheets import appendix_sheets

            tables = [_table(area, tree, results[tree.scheme], lang, False, method, official=True) for tree, _ in trees]
            return appendix_sheets(area, tables, lang, signer=signer, appendix=appendix)

        report = Report(lambda: [_table(area, tree, results[tree.scheme], lang, explain, method, floored=keep)
                                 for tree, keep in trees], keys, flat, document, workbook)
        deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=inputs)
    if output is not None:
        err.write(trn("allocate2.wrote", len(trees), file=output, units=len(trees[0][0].units) if trees else 0,
                      schemes=len(trees), method=i18n.label(f"method.{method}", lang),
                      basis=_basis_words([tree.scheme for tree, _ in trees], area, basis, lang)) + "\n")
    return 0


def _basis_words(schemes: list[str], area, basis: str, lang: str) -> str:
    """What each scheme was split in proportion to, as the "wrote" line says it: its units' eligible people, or
    the count its target is of (health insurance's: the population); people not yet covered with --basis
    headroom. One phrase when every scheme shares it, else one per phrase naming its schemes."""
    phrases: dict[str, list[str]] = {}
    for scheme in schemes:
        denominator = area.figures[scheme].denominator
        key = f"basis.{basis}" if basis == "headroom" or denominator == "eligible" else f"basis.{denominator}"
        phrases.setdefault(i18n.label(key, lang), []).append(i18n.label(scheme, lang))
    if len(phrases) == 1:
        return next(iter(phrases))
    return "; ".join(tr("allocate2.basis_of", lang, basis=phrase, schemes=", ".join(names))
                     for phrase, names in phrases.items())


_TREE_RULES = {"no_count": "missing-value", "given_above": "infeasible"}  # the others: a table's tree


def _tree_problem(error, tree: _Tree, area, doc, where: str) -> Diagnostic:
    """A tree the targets cannot go down, in the user's words; at the plan unit's line when it is one."""
    values = dict(error.values)
    if "parent" in values and values["parent"] is None:
        values["parent"] = area.area
    path = tree.paths.get(values.pop("code", None)) if where == doc.file else None
    if path is None:
        return Diagnostic(where, None, None, "", tr(f"levels.{error.key}", **values), _TREE_RULES.get(error.key, "tree"))
    from bhxh_cli.plan.loading import format_path

    line, column = doc.position(path)
    return Diagnostic(doc.file, line, column, format_path(path), tr(f"levels.{error.key}", **values),
                      _TREE_RULES.get(error.key, "tree"))


def _infeasible(error, scheme: str, area, basis: str) -> str:
    """Why a target cannot be split, in the user's words: more than its units' caps, less than their floors."""
    owner = error.parent or area.area
    values = dict(scheme=_scheme(scheme), owner=owner, total=error.total, eligible=error.eligible,
                  enrolled=error.enrolled, denominator=i18n.label(f"denominator.{area.figures[scheme].denominator}", language()))
    if basis == "eligible" and error.eligible < error.total:
        return tr("allocate2.above_caps", **values)
    if error.enrolled > error.total:
        return tr("allocate2.below_floors", **values)
    # the two above are all: a version 2 plan's units never have more enrolled than eligible
    from bhxh_cli.commands.inputs import allocation_problem  # pragma: no cover

    return tr("levels.infeasible_in", unit=owner, error=allocation_problem(error, values["scheme"]))  # pragma: no cover


# -- the trees to split ------------------------------------------------------------------------------------

def _keep_floor(scheme: str, leaves: list, basis: str, floor: bool | None, where: str) -> bool:
    """Whether the split keeps every unit at or above its enrolment now: by default when every leaf gives it;
    `--floor enrolled` and `--basis headroom` need it (refused, naming a unit without it)."""
    lacking = next((name for name, enrolled in leaves if enrolled is None), None)
    needed = floor is True or basis == "headroom"
    if needed and lacking is not None:
        option = "--basis headroom" if basis == "headroom" else "--floor enrolled"
        why = tr("allocate2.why.headroom" if basis == "headroom" else "allocate2.why.floor")
        raise InputError([Diagnostic(where, None, None, "", tr("allocate2.needs_enrolled", scheme=_scheme(scheme), why=why,
                                                                 unit=lacking, option=option), "missing-value")])
    return floor is not False and basis == "eligible" and lacking is None


def _scheme(scheme: str) -> str:
    return tr(f"scheme.{scheme}")


def _no_target(doc, scheme: str) -> Diagnostic:
    line, column = doc.position(("schemes", scheme))
    return Diagnostic(doc.file, line, column, f"schemes.{scheme}", tr("allocate2.no_target", scheme=_scheme(scheme)),
                      "no-target")


def _plan_trees(doc, area, chosen: list[str], basis: str, floor: bool | None) -> list[tuple[_Tree, bool]]:
    """Each scheme's tree from the plan's own units: leaves weighted by the scheme's denominator count."""
    from bhxh_cli.core.levels import Unit, level_of

    if not area.units:
        raise InputError([Diagnostic(doc.file, None, None, "units", tr("allocate2.no_units"), "no-units")])
    # the walk, once for every scheme: parents before their children, in the plan's order
    walked, paths = [], {}
    stack = [(None, unit, ("units", i)) for i, unit in reversed(list(enumerate(area.units)))]
    while stack:
        parent, unit, path = stack.pop()
        key = f"u{len(walked)}"
        paths[key] = path
        walked.append((key, parent, unit, level_of(unit.kind), not unit.units))
        stack.extend((key, child, path + ("units", j)) for j, child in reversed(list(enumerate(unit.units))))
    codes = {key: unit.code for key, _, unit, _, _ in walked}
    parents = {key: unit.code or unit.name for key, _, unit, _, _ in walked}
    kinds = {key: unit.kind for key, _, unit, _, _ in walked}
    trees, problems = [], []
    for scheme in chosen:
        tree = _Tree(scheme, area.figures[scheme].target)
        if tree.total is None:
            problems.append(_no_target(doc, scheme))
            continue
        # the area's target is of its denominator: every unit is weighted by that count (capped by its eligible)
        denominator = area.figures[scheme].denominator
        capped = denominator != "eligible"
        leaves, units, eligible = [], tree.units, tree.eligible
        for key, parent, unit, level, leaf in walked:
            figures = unit.figures.get(scheme)
            if capped and figures is not None:
                eligible[key] = figures.eligible
            if figures is None:
                units.append(Unit(key, unit.name, level, parent))
                if leaf:
                    leaves.append((unit.name, None))
            elif leaf:
                units.append(Unit(key, unit.name, level, parent, getattr(figures, denominator), figures.enrolled,
                                  figures.target, figures.eligible if capped else None))
                leaves.append((unit.name, figures.enrolled))
            else:
                units.append(Unit(key, unit.name, level, parent, None, None, figures.target))
        tree.paths, tree.codes, tree.parents, tree.kinds = paths, codes, parents, kinds
        trees.append((tree, _keep_floor(scheme, leaves, basis, floor, doc.file)))
    if problems:
        raise InputError(problems)
    return trees


def _table_trees(doc, area, communes_file: str, chosen: list[str], named: bool, basis: str, floor: bool | None,
                 force: bool, sheet: str | None, err: TextIO, plan_output: str | None = None):
    """Each scheme's tree from a communes table: under the districts of its `parent` column (the area's
    target split through them), or each commune under the plan's unit it is (that unit's target split among
    the table's communes). A plan to be written (`plan_output`) needs every scheme from the table."""
    from bhxh_cli.tables.communes import read_communes

    def weight(scheme: str) -> str:  # the table's column of the count the scheme's rates are of
        return f"{scheme}_{area.figures[scheme].denominator}"

    # a scheme of eligible people, or one asked for by name, needs its count; another is split when the table
    # has its count (population, labour force), and otherwise left out with a note
    needed = [s for s in chosen if named or area.figures[s].denominator == "eligible"]
    need_enrolled = basis == "headroom" or floor is True
    required = [weight(s) for s in needed] + ([f"{s}_enrolled" for s in needed] if need_enrolled else [])
    optional = [weight(s) for s in chosen if s not in needed]
    optional += [f"{s}_enrolled" for s in chosen if need_enrolled is False or s not in needed]
    optional += [f"{s}_eligible" for s in chosen if area.figures[s].denominator != "eligible"]  # their caps
    table = read_communes(communes_file, required=required, optional=optional + ["parent", "parent_name"],
                          sheet=sheet)
    from bhxh_cli.commands.inputs import warn_unread

    warn_unread(table, err)
    by_table = [s for s in chosen if weight(s) in table.columns]
    others = [s for s in chosen if s not in by_table]
    if others and plan_output is not None:  # the plan written would lack these schemes in its units
        raise InputError([Diagnostic(communes_file, None, None, "", tr(
            "allocate2.plan_needs_column", scheme=_scheme(s), column=weight(s), meaning=tr(f"column.{weight(s)}"),
            output=plan_output), "missing-column") for s in others])
    if others:
        err.write(tr("allocate2.skipped", schemes=", ".join(_scheme(s) for s in others)) + "\n")
    if need_enrolled:  # an optional scheme's enrolment is needed as much as a required one's
        lacking = next((s for s in by_table if f"{s}_enrolled" not in table.columns), None)
        if lacking is not None:
            raise InputError([Diagnostic(communes_file, None, None, "", tr(
                "table.missing_column", key=f"{lacking}_enrolled", meaning=tr(f"column.{lacking}_enrolled"),
                found=", ".join(list(table.columns.values()) + table.other_columns)), "missing-column")])
    _row_counts(area, table, by_table)
    if "parent" in table.columns or "parent_name" in table.columns:
        groups = _table_parents(doc, area, table, force)
    else:
        groups = _plan_parents(area, table)
    trees, problems = [], []
    for scheme in by_table:
        tree, problem = _grouped_tree(area, table, scheme, groups, communes_file, err)
        if problem is not None:
            problems.append(problem if problem != "no-target" else _no_target(doc, scheme))
            continue
        keep = floor is not False and basis == "eligible" and f"{scheme}_enrolled" in table.columns
        trees.append((tree, keep))
    if problems:
        raise InputError(problems)
    return table, trees, by_table


def _row_counts(area, table, schemes: list[str]) -> None:
    """A row's enrolment above the count its scheme is split by (population, labour force), at its cell: the
    reader checks it against eligible only, and the split would otherwise name the row by an inner key."""
    problems = []
    for scheme in schemes:
        denominator = area.figures[scheme].denominator
        weight, enrolled = f"{scheme}_{denominator}", f"{scheme}_enrolled"
        if denominator == "eligible" or enrolled not in table.columns:
            continue
        for row in table.rows:
            count, limit = row.counts.get(enrolled), row.counts[weight]
            if count is not None and limit is not None and count > limit:
                problems.append(table.problem(row.row, enrolled, tr("v2.above_count", count=count, limit=limit,
                                                                      cap=tr(f"v2.cap.{denominator}")),
                                              f"enrolled-above-{denominator.replace('_', '-')}"))
    if problems:
        raise InputError(problems)


def _table_parents(doc, area, table, force: bool):
    """[(parent key, code, name, kind, plan unit or None, rows)] from the table's `parent` column."""
    if area.units and not force:
        line, column = doc.position(("units",), key=True)
        raise InputError([Diagnostic(doc.file, line, column, "units", trn("allocate2.has_units", sum(1 for _ in area.walk())),
                                     "plan-has-units")])
    parents, of_row = table_tree(table)
    return [_Group(key, code or None, name, parent_kind(name, area.year), None, None,
                   [r for r in table.rows if of_row[r.row] == key])
            for key, code, name in parents]


def parent_kind(name: str, year: int) -> str:
    """The kind of a table's parent: the district's kind its name begins with (Thị xã Cửa Lò), else a
    district before the 2025 reform and a group (nhóm) since, when there are no districts."""
    from bhxh_cli.core.levels import level_of
    from bhxh_cli.plan.upgrade import kind_from_name

    kind = kind_from_name(name)
    if kind is not None and level_of(kind) == "district":
        return kind
    return "huyện" if year <= 2025 else "nhóm"


def table_tree(table) -> tuple[list[tuple[str, str, str]], dict[int, str]]:
    """The parents in table order as (key, code, name), and each row's parent key; every problem at its cell.
    A parent given by its name alone is the parent whose code rows give with that name: one district is never
    two (and a name that several codes carry is refused at the row that gives it alone)."""
    from functools import lru_cache

    from bhxh_cli.core.names import normalized_name as normalized

    normalized_name = lru_cache(maxsize=None)(normalized)  # a few parents' names, on every one of 10,000 rows
    named: dict[str, list[str]] = {}  # a parent's name (as compared) -> the codes rows give with it
    spelled: dict[str, str] = {}  # a code -> the name the first row with both gives it
    for row in table.rows:
        if row.parent and row.parent_name:
            spelled.setdefault(row.parent, row.parent_name)
            codes = named.setdefault(normalized_name(row.parent_name), [])
            if row.parent not in codes:
                codes.append(row.parent)
    parents: dict[str, tuple[str, str]] = {}
    alone: dict[str, str] = {}  # a parent given by its name only (as compared) -> its first spelling
    of_row: dict[int, str] = {}
    problems = []
    for row in table.rows:
        key = row.parent or row.parent_name
        if not key:
            column = "parent" if "parent" in table.columns else "parent_name"
            problems.append(table.problem(row.row, column, tr("levels.parent_empty"), "missing-value"))
            continue
        if not row.parent:  # a name alone: the parent other rows give with this name and a code
            codes = named.get(normalized_name(row.parent_name), [])
            if len(codes) > 1:
                problems.append(table.problem(row.row, "parent", tr("levels.parent_name_codes", name=row.parent_name,
                                                                     codes=", ".join(codes)), "ambiguous-parent"))
                continue
            if codes:
                parents.setdefault(codes[0], (codes[0], spelled[codes[0]]))
                of_row[row.row] = codes[0]
                continue
            # no code anywhere for it: the parent of that name, however its tone marks are placed (Hóa, Hoá)
            key = alone.setdefault(normalized_name(row.parent_name), row.parent_name)
            parents.setdefault(key, (row.parent, key))
            of_row[row.row] = key
            continue
        if row.parent and row.parent_name:
            codes = named[normalized_name(row.parent_name)]
            if codes[0] != row.parent:
                problems.append(table.problem(row.row, "parent", tr("levels.parent_codes", name=row.parent_name,
                                                                     code=row.parent, first=codes[0]),
                                              "parent-code-mismatch"))
                continue
        name = row.parent_name or row.parent
        known = parents.setdefault(key, (row.parent, name))
        if known[1] != name:
            problems.append(table.problem(row.row, "parent_name", tr("levels.parent_names", name=name, code=key,
                                                                      first=known[1]), "parent-name-mismatch"))
        of_row[row.row] = key
    for row in table.rows:  # a commune and a parent are two units: the plan written from them needs two codes
        known = parents.get(row.code) if row.code else None
        if known is not None and known[0]:
            problems.append(table.problem(row.row, "code", tr("levels.code_is_parent", code=row.code, name=known[1]),
                                          "duplicate-code"))
    if problems:
        raise InputError(problems)
    return [(key, code, name) for key, (code, name) in parents.items()], of_row


def _plan_parents(area, table):
    """[(parent key, code, name, kind, plan unit or None (the area), rows)]: each table row under the plan's
    parent of the unit it is (by code, else by name); every row of a plan without units under the area."""
    from bhxh_cli.core.names import NameIndex

    if not area.units:
        return [_Group(None, None, area.area, None, None, None, list(table.rows))]
    units, paths = [], {}  # (parent, unit), parents first; each unit's place in the plan's data
    stack = [(None, unit, ("units", i)) for i, unit in reversed(list(enumerate(area.units)))]
    while stack:
        parent, unit, path = stack.pop()
        units.append((parent, unit))
        paths[id(unit)] = path
        stack.extend((unit, child, path + ("units", j)) for j, child in reversed(list(enumerate(unit.units))))
    by_code = {unit.code: i for i, (_, unit) in enumerate(units) if unit.code}
    names = NameIndex({str(i): unit.name for i, (_, unit) in enumerate(units)})
    groups: dict[int, tuple] = {}
    problems = []
    for row in table.rows:
        index = by_code.get(row.code) if row.code else None
        if index is None:
            found = names.matches(row.name) if row.name else []
            if len(found) != 1:
                nearest = ", ".join(names.nearest(row.name or row.code))
                problems.append(table.problem(row.row, "code" if row.code else "name",
                                              tr("gap2.unknown", name=row.name or row.code, nearest=nearest),
                                              "unknown-commune"))
                continue
            index = int(found[0])
        parent = units[index][0]
        group = groups.setdefault(id(parent), (parent, []))
        group[1].append(row)
    if problems:
        raise InputError(problems)
    return [_Group(None, None, area.area, None, None, None, rows) if parent is None else
            _Group(f"p{n}", parent.code, parent.name, parent.kind, parent, paths[id(parent)], rows)
            for n, (parent, rows) in enumerate(groups.values())]


def _grouped_tree(area, table, scheme: str, groups, communes_file: str, err: TextIO):
    """(tree, None), or (None, the problem) when a plan unit whose target is to be shared has none."""
    from bhxh_cli.core.levels import Unit, level_of
    from bhxh_cli.plan.upgrade import kind_from_name

    tree = _Tree(scheme, area.figures[scheme].target)
    denominator = area.figures[scheme].denominator
    weight = f"{scheme}_{denominator}"
    capped = denominator != "eligible" and f"{scheme}_eligible" in table.columns
    fixed = 0
    # every unit under the area is a parent of table communes: one without a target gets its share of the
    # area's target, as the split down the plan's own tree does (the others keep theirs)
    whole = area.units and all(g.unit is not None for g in groups) and (
        {g.path for g in groups} == {("units", i) for i in range(len(area.units))})
    shared = False
    for group in groups:
        key, code, name, kind, unit, rows = group.key, group.code, group.name, group.kind, group.unit, group.rows
        eligible = sum(r.counts[weight] for r in rows)
        if key is not None:
            target = None
            if unit is not None:
                figures = unit.figures.get(scheme)
                target = figures.target if figures else None
                if target is None and not (whole and tree.total is not None):
                    return None, Diagnostic(communes_file, None, None, "", tr(
                        "allocate2.parent_no_target", scheme=_scheme(scheme), unit=name), "no-target")
                shared = shared or target is None
                fixed += target or 0
                own = figures.whole
            else:
                own = None
            tree.units.append(Unit(key, name, level_of(kind), None, target=target))
            tree.codes[key], tree.parents[key], tree.kinds[key] = code, code or name, kind
            if group.path is not None:
                tree.paths[key] = group.path
        else:
            own = area.figures[scheme].whole
        if own is not None and eligible != own:
            words = dict(file=communes_file, scheme=_scheme(scheme), unit=name, own=own,
                         difference=f"{eligible - own:+d}")
            if denominator == "eligible":
                err.write(tr("allocate2.eligible_differs", eligible=eligible, **words) + "\n")
            else:
                err.write(tr("allocate2.count_differs", count=eligible, denominator=i18n.label(
                    f"denominator.{denominator}", language()), **words) + "\n")
        for row in rows:
            row_key, row_kind = f"row {row.row}", kind_from_name(row.name)
            tree.units.append(Unit(row_key, row.name, level_of(row_kind), key, row.counts[weight],
                                   row.counts.get(f"{scheme}_enrolled"),
                                   cap=row.counts.get(f"{scheme}_eligible") if capped else None))
            tree.codes[row_key], tree.parents[row_key] = row.code or None, row.code or row.name
            if capped:
                tree.eligible[row_key] = row.counts.get(f"{scheme}_eligible")
            tree.kinds[row_key] = row_kind
    if all(group.unit is not None for group in groups) and not shared:  # every commune under a unit of the
        tree.total = fixed  # plan with a target: the units' own targets are what is split
    elif tree.total is None:
        return None, "no-target"
    return tree, None


# -- outputs ------------------------------------------------------------------------------------------------

def exact(value) -> Any:
    """An exact Fraction as a Decimal with 6 places for machines and people (the decision used the Fraction)."""
    from decimal import Decimal
    from fractions import Fraction

    from bhxh_cli.core.rates import round_half_up

    if isinstance(value, Fraction):
        return round_half_up(value, 6)
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.000001"))
    return value


def _item(tree: _Tree, unit, area, explain: bool, eligible: dict[str, int | None] | None) -> dict[str, Any]:
    """One unit's json: `eligible` its eligible people (given, or its units' sum; None when unknown), the count
    of the denominator under its own name, `rate` of that count. `eligible` (the dict) is None when the
    denominator is the eligible count itself."""
    denominator = area.figures[unit.scheme].denominator
    item = {"code": tree.codes[unit.code], "name": unit.name, "level": unit.level,
            "parent": tree.parents[unit.parent] if unit.parent is not None else None, "scheme": unit.scheme,
            "denominator": denominator, "eligible": unit.eligible if eligible is None else eligible.get(unit.code),
            "labour_force": unit.eligible if denominator == "labour_force" else None,
            "population": unit.eligible if denominator == "population" else None,
            "enrolled": unit.enrolled, "target": unit.target, "rate": unit.rate}
    if explain:
        item.update({"quota": exact(unit.quota), "remainder": exact(unit.remainder),
                     "priority": exact(unit.priority), "bound": unit.bound, "tie": unit.tie if not unit.given else None})
    return item


def _ordered(rows: list) -> list[tuple[int, Any]]:
    """(depth, unit) parents first, each followed by its units, in the tree's order."""
    below: dict[str | None, list] = {}
    for unit in rows:
        below.setdefault(unit.parent, []).append(unit)
    ordered, stack = [], [(0, unit) for unit in reversed(below.get(None, []))]
    while stack:
        depth, unit = stack.pop()
        ordered.append((depth, unit))
        stack.extend((depth + 1, child) for child in reversed(below.get(unit.code, [])))
    return ordered


def _table(area, tree: _Tree, rows: list, lang: str, explain: bool, method: str, official: bool = False,
           floored: bool = False) -> Table:
    """The tree as it reads: each unit with the units under it, indented; the area's total at the bottom."""
    from bhxh_cli.core import rates as rates_core

    denominator = area.figures[tree.scheme].denominator
    shown = []
    for depth, unit in _ordered(rows):
        row = {"code": tree.codes[unit.code] or "", "name": "  " * depth + unit.name,
               "level": tree.kinds.get(unit.code) or _level(unit.level, lang),
               "eligible": unit.eligible, "enrolled": unit.enrolled, "target": unit.target, "rate": unit.rate}
        if explain and not unit.given:
            row.update({"quota": rates_core.round_half_up(unit.quota, 2) if unit.quota is not None else None,
                        "remainder": rates_core.round_half_up(unit.remainder, 3) if unit.remainder is not None else None,
                        "priority": rates_core.round_half_up(unit.priority, 3) if unit.priority is not None else None,
                        "bound": i18n.label(f"bound.{unit.bound}", lang) if unit.bound else "",
                        "tie": i18n.label("tie.yes", lang) if unit.tie else ""})
        shown.append(row)
    top = [u for u in rows if u.parent is None]
    enrolled = [u.enrolled for u in top]
    total = {"name": i18n.label("total", lang), "eligible": sum(u.eligible for u in top),
             "enrolled": sum(enrolled) if None not in enrolled else None, "target": sum(u.target for u in top)}
    total["rate"] = rates_core.rate(total["target"], total["eligible"], 2 if denominator == "population" else 1)
    columns = [Column("code"), Column("name", "text", "unit_name"), Column("level"),
               Column("eligible", "count", denominator), Column("enrolled", "count", "enrolled_now"),
               Column("target", "count", "target"), Column("rate", "percent", "target_rate")]
    if explain:
        columns += [Column("quota", "decimal"), Column("remainder" if method == "hamilton" else "priority", "decimal"),
                    Column("bound", "text"), Column("tie", "text")]
    leaves = [u for u in tree.units if u.eligible is not None]  # the units the split weighed
    # a split by another count is capped by the eligible people where every unit gives them
    capped = denominator != "eligible" and bool(leaves) and all(u.cap is not None for u in leaves)
    notes = [tr("allocate2.note_capped" if capped else "allocate2.note", lang,
                denominator=i18n.label(f"denominator.{denominator}", lang), method=i18n.label(f"method.{method}", lang))]
    if floored:
        notes.append(tr("allocate2.floor_note", lang))
    if official:  # an appendix to be signed names no method
        notes = [tr("allocate2.official", lang, denominator=i18n.label(f"denominator.{denominator}", lang))]
    if any(u.given for u in rows):
        notes.append(tr("allocate2.given_note", lang))
    if explain:
        split = [u for u in rows if not u.given]
        notes += i18n.explain_notes(method, "unit", lang, tie=any(u.tie for u in split),
                                    bound=any(u.bound for u in split))
    title = tr("allocate2.title", lang, scheme=i18n.label(tree.scheme, lang))
    return Table(plan_title(area, lang, title), columns, shown, total, notes=notes)


def _level(level: str, lang: str) -> str:
    """A level's name: district, commune ... in the user's language; a group's kind as the plan writes it."""
    return i18n.label(f"level.{level}", lang) if f"level.{level}" in i18n.LABELS else level


def _plan_text(doc, area, trees, results, table, output: str, method: str) -> str:
    """The plan as format version 2 with every unit's target: the plan's own data (comments aside) with the
    split targets written in, or the table's communes as units; validated before it is written."""
    from bhxh_cli.plan.loading import parse
    from bhxh_cli.plan.planfile import v2_plan_text
    from bhxh_cli.plan.reading import validate_v2

    data = copy.deepcopy(doc.data)
    if table is None:
        paths: list[tuple] = []
        stack = [("units", i) for i in reversed(range(len(data.get("units") or [])))]
        while stack:  # the same order as the trees' keys: parents first, in the plan's order
            path = stack.pop()
            paths.append(path)
            node = _at(data, path)
            stack.extend(path + ("units", i) for i in reversed(range(len(node.get("units") or []))))
        for tree, _ in trees:
            for unit in results[tree.scheme]:
                if not unit.given:
                    _at(data, paths[int(unit.code[1:])])["schemes"][tree.scheme]["target"] = unit.target
    else:
        _table_units(data, area, trees, results, table)
    text = v2_plan_text(data, tr("plan_comment.v2", method=method))
    parsed, problems, refused = parse(text, output)
    written, more = validate_v2(parsed, refused)
    if written is None or problems or more:  # what bhxh writes, bhxh reads back: otherwise nothing is written
        raise InputError(unwritten(problems + more, table.file if table is not None else doc.file, output))
    return text


def unwritten(problems: list[Diagnostic], source: str, output: str) -> list[Diagnostic]:
    """A plan that would not pass check, told of the input it came from: never of a file not written."""
    return [Diagnostic(source, None, None, "", tr("allocate2.written_invalid", output=output, path=d.path or "",
                                                   problem=d.message), d.rule) for d in problems]


def _at(data, path: tuple):
    for step in path:
        data = data[step]
    return data


def _table_units(data, area, trees, results, table) -> None:
    """The table's communes as units of the written plan: under the plan unit they belong to, or under the
    districts of the table (which replace the plan's tree)."""
    from bhxh_cli.plan.upgrade import kind_from_name

    from bhxh_cli.core.schemes import SCHEME_BY_KEY

    first = trees[0][0]
    by_key: dict[str, dict] = {}
    for tree, _ in trees:
        denominator = area.figures[tree.scheme].denominator
        caps = _eligible(tree)
        for unit in results[tree.scheme]:
            node = by_key.setdefault(unit.code, {"unit": unit, "schemes": {}})
            figures: dict[str, Any] = {denominator: unit.eligible}  # the count the split was by
            if caps.get(unit.code) is not None:
                figures["eligible"] = caps[unit.code]
            if denominator != SCHEME_BY_KEY[tree.scheme].denominator:
                figures["denominator"] = denominator
            if unit.enrolled is not None:
                figures["enrolled"] = unit.enrolled
            figures["target"] = unit.target
            node["schemes"][tree.scheme] = figures

    def written(key: str, children: list[dict] | None) -> dict:
        unit, code = by_key[key]["unit"], first.codes[key]
        item: dict[str, Any] = {"code": code} if code else {}
        item["name"] = unit.name
        kind = first.kinds.get(key) or kind_from_name(unit.name)  # a table's district or group keeps its kind
        if kind is not None:
            item["kind"] = kind
        item["schemes"] = by_key[key]["schemes"]
        if children is not None:
            item["units"] = children
        return item

    below: dict[str | None, list[str]] = {}
    for unit in first.units:
        below.setdefault(unit.parent, []).append(unit.code)
    top, districts = [], []
    for key in below.get(None, []):
        if key.startswith("row "):  # a commune straight under the area
            top.append(written(key, None))
        elif key in first.paths:  # a unit of the plan: the table's communes become its units
            node = _at(data, first.paths[key])
            node["units"] = [written(child, None) for child in below.get(key, [])]
            for scheme, figures in by_key[key]["schemes"].items():  # a share of the area's target, written in
                node["schemes"][scheme].setdefault("target", figures["target"])
        else:  # a district of the table: the table's tree replaces the plan's
            districts.append(written(key, [written(child, None) for child in below.get(key, [])]))
    if top or districts:
        data["units"] = districts + top


def _eligible(tree: _Tree) -> dict[str, int | None]:
    """Each unit's eligible people when the split was by another count: its own where the plan or the table
    gives it, else the sum of its units' (None when one of them has none)."""
    out = dict(tree.eligible)
    below: dict[str, list[str]] = {}
    for unit in tree.units:
        if unit.parent is not None:
            below.setdefault(unit.parent, []).append(unit.code)
    for unit in reversed(tree.units):  # parents come before their children: the deepest are summed first
        if out.get(unit.code) is None and unit.code in below:
            values = [out.get(code) for code in below[unit.code]]
            out[unit.code] = None if None in values else sum(values)  # type: ignore[arg-type]
    return out
