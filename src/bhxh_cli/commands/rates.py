"""`bhxh rates`: participation rates per scheme (and per commune), the plan's stated rates checked."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from bhxh_cli import i18n
from bhxh_cli.commands.output import (
    Report,
    deliver,
    leading_columns,
    plan_header,
    plan_title,
    scheme_group,
    title_block,
)
from bhxh_cli.core import rates as rates_core
from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import tr
from bhxh_cli.output.render import Column, Table

if TYPE_CHECKING:  # the models import pydantic, which a clean version-1 plan is read without (plan/plain.py)
    from bhxh_cli.plan.models import Plan


def rate_dict(row: rates_core.SchemeRate) -> dict[str, Any]:
    return {
        "scheme": row.scheme, "eligible": row.eligible, "enrolled": row.enrolled, "rate": row.rate,
        "stated_rate": row.stated_rate, "rate_agrees": row.rate_agrees, "not_covered": row.not_covered,
        "baseline": row.baseline, "growth": row.growth,
    }


def rates(file: str | None, *, by: str | None, fmt: str, lang: str, out: TextIO,
          output: str | None = None, force: bool = False, err: TextIO | None = None, signer: str | None = None,
          appendix: str | None = None) -> int:
    from bhxh_cli.output.files import TABLE_KINDS, check_target, output_kind
    from bhxh_cli.plan.plain import bundled_plan

    kind = None
    if output is not None:
        kind = output_kind(output, TABLE_KINDS)
        check_target(output, force=force, inputs=[file or bundled_plan()])
    from bhxh_cli.plan.reading import read_any_plan

    doc, plan, problems = read_any_plan(file, check_rates=False)
    if plan is None:
        raise InputError(problems)
    if plan.version == 2:
        from bhxh_cli.plan.view import from_v2

        area = from_v2(plan)
        report = _rates_v2(area, lang, by=by)
        if signer or appendix or kind == "xlsx":
            from bhxh_cli.commands.v2_sheets import appendix_sheets

            tables = report.tables
            report.workbook = lambda: appendix_sheets(area, tables(), lang, signer=signer, appendix=appendix)
        deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=[doc.file])
        if output is not None and err is not None:
            err.write(tr("rates.wrote", file=output) + "\n")
        return 0
    if by is not None and by not in ("commune", "xã"):
        from bhxh_cli.diagnostics import UsageError

        raise UsageError(tr("rates.by_v1", by=by))
    by_commune = by is not None
    report = _rates_by_commune(file, doc.file, plan, lang) if by_commune else _rates_of_district(plan, lang)
    if signer or appendix:
        from bhxh_cli.commands.documents import with_signature

        report.workbook = lambda: with_signature(rates_workbook(plan, by_commune, lang), plan, signer, appendix)
    deliver(report, fmt=fmt, lang=lang, out=out, output=output, kind=kind, force=force, inputs=[doc.file])
    if output is not None and err is not None:
        err.write(tr("rates.wrote", file=output) + "\n")
    return _rate_disagreements(doc, plan, err)


def _rates_of_district(plan: Plan, lang: str) -> Report:
    rows = [rates_core.scheme_rate(name, c.eligible, c.enrolled, c.rate, c.baseline)
            for name, c in plan.schemes.items()]
    dicts = [rate_dict(r) for r in rows]

    def tables() -> list[Table]:
        columns = [Column("scheme"), Column("eligible", "count"), Column("enrolled", "count"),
                   Column("rate", "percent"), Column("stated_rate", "stated"), Column("not_covered", "count")]
        if any(r.baseline is not None for r in rows):
            columns += [Column("baseline", "count"), Column("growth", "signed_percent")]
        shown = [dict(d, scheme=i18n.label(d["scheme"], lang)) for d in dicts]
        return [Table(plan_title(plan, lang, i18n.label("rates.title", lang, year=plan.plan.year)), columns, shown,
                      notes=[i18n.label("rates.denominator", lang)])]

    keys = ["scheme", "eligible", "enrolled", "rate", "stated_rate", "rate_agrees", "not_covered",
            "baseline", "growth"]
    return Report(tables, keys, dicts, {"plan": plan_header(plan), "schemes": dicts},
                  lambda: rates_workbook(plan, False, lang))


def _rate_disagreements(doc, plan: Plan, err: TextIO | None) -> int:
    """Exit code 1 (with the reasons on stderr) when a stated rate disagrees with its counts."""
    import sys

    holders = [plan.schemes] + list(plan.communes or [])
    if all(c.rate is None or rates_core.rate_agrees(c.rate, c.enrolled, c.eligible)
           for holder in holders for _, c in holder.items()):
        return 0  # nothing to report: no second validation (it costs as much as the first), no pydantic
    from bhxh_cli.plan.models import validate_document

    _, problems = validate_document(doc)
    if problems:
        (err or sys.stderr).write("".join(d.text() + "\n" for d in problems))
        return 1
    return 0


def _rates_by_commune(given: str | None, file: str, plan: Plan, lang: str) -> Report:
    if not plan.communes:
        # the command suggested must split this plan: the bundled one by default, any other with --plan
        split = ("bhxh allocate --communes FILE --output plan.yaml" if given is None else
                 f"bhxh allocate --communes FILE --plan {given} --output plan_communes.yaml")
        raise InputError([Diagnostic(file, None, None, "communes", tr("rates.no_communes", command=split),
                                     "no-communes")])
    tables, flat, totals = [], [], []
    for scheme, _ in plan.schemes.items():
        rows = []
        for commune in plan.communes:
            counts = getattr(commune, scheme)
            row = rate_dict(rates_core.scheme_rate(scheme, counts.eligible, counts.enrolled, None, counts.baseline))
            rows.append({"code": commune.code, "name": commune.name, **row})
        baselines = [r["baseline"] for r in rows]
        total_baseline = sum(baselines) if all(b is not None for b in baselines) else None
        total = rate_dict(rates_core.scheme_rate(
            scheme, sum(r["eligible"] for r in rows), sum(r["enrolled"] for r in rows), None, total_baseline))
        total = {"code": "", "name": i18n.label("total", lang), **total}
        columns = [Column("code"), Column("name", "text", i18n.units_key("name", plan.plan.year)),
                   Column("eligible", "count"), Column("enrolled", "count"),
                   Column("rate", "percent"), Column("not_covered", "count")]
        if any(b is not None for b in baselines):
            columns += [Column("baseline", "count"), Column("growth", "signed_percent")]
        scheme_label = i18n.label(scheme, lang)
        title = i18n.label(i18n.units_key("by_commune.title", plan.plan.year), lang, scheme=scheme_label)
        tables.append(Table(plan_title(plan, lang, title), columns, rows, total))
        flat.extend(rows)
        totals.append({key: value for key, value in total.items() if key not in ("code", "name")})
    tables[-1].notes = [i18n.label("rates.denominator", lang)]
    keys = ["code", "name", "scheme", "eligible", "enrolled", "rate", "not_covered", "baseline", "growth"]
    strip = ("stated_rate", "rate_agrees")
    document = {"plan": plan_header(plan),
                "communes": [{k: v for k, v in r.items() if k not in strip} for r in flat],
                "total": [{k: v for k, v in t.items() if k not in strip} for t in totals]}
    return Report(lambda: tables, keys, flat, document, lambda: rates_workbook(plan, True, lang))


def rates_workbook(plan: Plan, by_commune: bool, lang: str):
    """The appendix itself: per scheme, eligible, enrolled and rate; the district's total row (and communes)."""
    from bhxh_cli.output.workbook import WideColumn, WideTable

    schemes = [name for name, _ in plan.schemes.items()]
    columns = leading_columns(lang)
    columns[2] = WideColumn("name", i18n.label(i18n.units_key("name", plan.plan.year), lang))
    for scheme in schemes:
        group = scheme_group(scheme, lang)
        columns += [WideColumn(f"{scheme}.eligible", i18n.label("eligible", lang), "count", group),
                    WideColumn(f"{scheme}.enrolled", i18n.label("enrolled", lang), "count", group),
                    WideColumn(f"{scheme}.rate", i18n.label("rate", lang) + " (%)", "percent", group)]

    def counts(holder) -> dict[str, Any]:
        row = {}
        for scheme in schemes:
            c = getattr(holder, scheme)
            row.update({f"{scheme}.eligible": c.eligible, f"{scheme}.enrolled": c.enrolled,
                        f"{scheme}.rate": rates_core.rate(c.enrolled, c.eligible)})
        return row

    if by_commune:
        rows = [{"index": i, "code": c.code, "name": c.name, **counts(c)} for i, c in enumerate(plan.communes, 1)]
        total = {"name": i18n.label("total", lang), **counts(plan.schemes)}
    else:  # the district's own row, named by its area: no lone total row, no empty STT or code
        rows, total = [{"name": plan.plan.area, **counts(plan.schemes)}], None
    title = i18n.label("rates.title", lang, year=plan.plan.year)
    return WideTable(title_block(plan, title, lang), "Phu bieu" if lang == "vi" else "Appendix", columns, rows,
                     total, [i18n.label("rates.denominator", lang)])


# -- plan format version 2: every denominator the plan gives -----------------------------------------------

DENOMINATOR_COLUMNS = ("eligible", "labour_force", "population")


def _v2_row(scheme: str, figures) -> dict[str, Any]:
    """One scheme's figures: its counts, its target as whole people, its rate over every count it gives (the
    one the target is of named in `denominator`), and the plan's printed rate checked."""
    row: dict[str, Any] = {"scheme": scheme, "eligible": figures.eligible, "labour_force": figures.labour_force,
                           "population": figures.population, "denominator": figures.denominator,
                           "target": figures.target}
    for name in DENOMINATOR_COLUMNS:
        whole = figures.count(name)
        # a share of the population to two decimals, as health insurance coverage is printed (95,15%)
        row[f"rate_of_{name}"] = (rates_core.rate(figures.target, whole, 2 if name == "population" else 1)
                                  if whole is not None and figures.target is not None else None)
    whole = figures.whole
    stated = figures.stated_rate
    row["stated_rate"] = None if stated is None else Decimal(repr(stated)) if isinstance(stated, float) else Decimal(stated)
    row["rate_agrees"] = (None if figures.stated_rate is None or not whole or figures.target is None
                          else rates_core.rate_agrees(figures.stated_rate, figures.target, whole))
    return row


def target_notes(scheme: str, figures, lang: str) -> list[str]:
    """What a table's figures alone do not say of a scheme's target: that it is a minimum (tối thiểu), which
    document set it, and the other documents' targets for the same indicator (progress is measured against
    the plan's own `target`)."""
    def rate_text(rate, of: str) -> str:
        if rate is None:
            return ""
        return tr("targets.rate", lang, rate=i18n.format_percent(_as_stated(rate), lang),
                  of=i18n.label(f"denominator.{of}", lang))

    name = i18n.label(scheme, lang)
    notes = []
    if figures.minimum or figures.document:
        notes.append(tr("targets.minimum" if figures.minimum else "targets.document", lang, scheme=name,
                        target=i18n.format_count(figures.target, lang),
                        rate=rate_text(figures.target_rate, figures.denominator),
                        document=tr("targets.by", lang, document=figures.document) if figures.document else ""))
    for other in figures.others:
        notes.append(tr("targets.other", lang, scheme=name, document=other.document or tr("targets.no_document", lang),
                        target=i18n.format_count(other.target, lang), rate=rate_text(other.rate, other.of),
                        minimum=tr("targets.at_least", lang) if other.minimum else ""))
    return notes


def _as_stated(rate) -> Decimal:
    """A rate a plan states (a Fraction of a written decimal) as it was written: 96.5, 95.15, 96."""
    exact = Decimal(rate.numerator) / Decimal(rate.denominator)
    return exact.quantize(Decimal(1)) if exact == exact.to_integral() else exact.normalize()


def _target_facts(figures) -> dict[str, Any]:
    return {"minimum": figures.minimum, "document": figures.document,
            "other_targets": [{"document": o.document, "target": o.target,
                               "rate": None if o.rate is None else str(_as_stated(o.rate)), "of": o.of,
                               "minimum": o.minimum} for o in figures.others]}


def _level_units(area, by: str) -> list[tuple[int, object, object]]:
    """(depth, parent, unit) of the tree down to the level `by` names (district, commune, a kind such as huyện,
    xã or thôn, or a group's kind): the units at that level, and every unit above them as their total."""
    from bhxh_cli.core.levels import level_of

    wanted = level_of(by.strip().lower())
    walked = list(area.walk())
    present = []
    for _, _, unit in walked:
        level = level_of(unit.kind)
        if level not in present:
            present.append(level)
    if wanted not in present:
        from bhxh_cli.diagnostics import UsageError

        from bhxh_cli.messages import language

        # as a person types them: the kinds in Vietnamese (`--by huyện`), the level names in English
        typed = {"province": "tỉnh", "district": "huyện", "commune": "xã"} if language() == "vi" else {}
        raise UsageError(tr("rates.no_level", by=by, levels=", ".join(typed.get(p, p) for p in present) or "—"))
    shown, stop = [], set()
    for depth, parent, unit in walked:
        if parent is not None and id(parent) in stop:
            stop.add(id(unit))  # below the level asked for
            continue
        shown.append((depth, parent, unit))
        if level_of(unit.kind) == wanted:
            stop.add(id(unit))
    return shown


def _rates_v2(area, lang: str, *, by: str | None) -> Report:
    """Rates of a version 2 plan: per scheme (health included), over each denominator the plan gives; with
    `by`, per unit down to that level of the tree (the units above it as their totals), with the area's."""
    from bhxh_cli.core.levels import level_of

    units = by is not None
    shown_keys = [name for name in DENOMINATOR_COLUMNS if any(f.count(name) is not None for f in area.figures.values())]
    if units and not area.units:
        raise InputError([Diagnostic(area.area, None, None, "units", tr("rates.no_units"), "no-communes")])
    walked = _level_units(area, by) if units else []
    deepest = max((depth for depth, _, _ in walked), default=1)

    def columns(first: list[Column]) -> list[Column]:
        cols = first + [Column(name, "count") for name in shown_keys] + [Column("target", "count", "target")]
        cols += [Column(f"rate_of_{name}", "percent", f"rate_of_{name}") for name in shown_keys]
        cols.append(Column("denominator_label", "text", "denominator"))
        if not units:
            cols.append(Column("stated_rate", "stated"))
        return cols

    def shown(row: dict[str, Any]) -> dict[str, Any]:
        return dict(row, scheme=i18n.label(row["scheme"], lang),
                    denominator_label=i18n.label(f"denominator.{row['denominator']}", lang))

    flat, tables = [], []
    if not units:
        flat = [_v2_row(scheme, figures) for scheme, figures in area.figures.items()]
        notes = [note for scheme, figures in area.figures.items() for note in target_notes(scheme, figures, lang)]
        tables = [Table(plan_title(area, lang, i18n.label("rates.title", lang, year=area.year)),
                        columns([Column("scheme")]), [shown(r) for r in flat],
                        notes=[i18n.label("rates.denominators", lang), *notes])]
    else:
        for scheme, figures in area.figures.items():
            rows = [{"code": unit.code, "name": unit.name, "level": level_of(unit.kind), "kind": unit.kind,
                     "parent": (parent.code or parent.name) if parent else None, "depth": depth,
                     **_v2_row(scheme, unit.figures[scheme])}
                    for depth, parent, unit in walked if scheme in unit.figures]
            total = {"code": "", "name": i18n.label("total", lang), **_v2_row(scheme, figures)}
            flat.extend(rows)
            if level_of(by.strip().lower()) == "commune":
                title = i18n.label(i18n.units_key("by_commune.title", area.year), lang, scheme=i18n.label(scheme, lang))
                first = [Column("code"), Column("name", "text", i18n.units_key("name", area.year))]
            else:
                title = tr("rates.by_level_title", lang, scheme=i18n.label(scheme, lang),
                           level=i18n.level_name(level_of(by.strip().lower()), lang))
                first = [Column("code"), Column("name", "text", "unit_name")]
            if deepest > 1:
                first.append(Column("level_label", "text", "level"))
            tables.append(Table(plan_title(area, lang, title), columns(first),
                                [dict(shown(r), name="  " * (r["depth"] - 1) + r["name"],
                                      level_label=i18n.level_name(r["level"], lang, r["kind"])) for r in rows],
                                shown(total)))
        tables[-1].notes = [i18n.label("rates.denominators", lang)]
    keys = (["code", "name", "level", "parent"] if units else []) + ["scheme", "eligible", "labour_force",
                                                                      "population", "denominator", "target"]
    keys += [f"rate_of_{name}" for name in DENOMINATOR_COLUMNS] + ([] if units else ["stated_rate", "rate_agrees"])
    document = {"plan": plan_header(area), ("units" if units else "schemes"): [{k: r.get(k) for k in keys}
                                                                               for r in flat]}
    if not units:  # what the target is (a minimum, whose) and the other documents' targets, in json only
        for row, figures in zip(document["schemes"], area.figures.values()):
            row.update(_target_facts(figures))
    return Report(lambda: tables, keys, [{k: r.get(k) for k in keys} for r in flat], document, None)
