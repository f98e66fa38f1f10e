"""The laggards of a `gap` report as offices name them, for plans of both format versions."""

from __future__ import annotations

from bhxh_cli import i18n
from bhxh_cli.commands.output import Report, plan_header, plan_title
from bhxh_cli.output.render import Column, Table


def laggards_report(plan, year: int, results: dict, count: int, date, lang: str) -> Report:
    """The laggards as offices name them, two ways: the communes furthest from their target in % of it, and
    those with the most people still needed. Communes that met their target are not laggards. `results`:
    scheme -> [(code, name, Progress, kind)] of the communes (a version 2 plan's: the units at the bottom of its
    tree, whose kinds name them in the titles; a version 1 plan's kinds are None)."""
    from bhxh_cli.core.progress import laggards

    flat, tables, document = [], [], {"plan": plan_header(plan), "as_of": date.isoformat(), "laggards": {}}
    for scheme, rows in results.items():
        by_share, by_people = laggards([p for _, _, p, _ in rows], count)
        document["laggards"][scheme] = {}
        for ranking, order in (("achieved", by_share), ("still_needed", by_people)):
            ranked = [{"ranking": ranking, "rank": rank, "code": rows[i][0], "name": rows[i][1],
                       "scheme": scheme, "target": rows[i][2].target, "actual": rows[i][2].actual,
                       "achieved": rows[i][2].achieved, "still_needed": rows[i][2].still_needed,
                       "status": rows[i][2].status} for rank, i in enumerate(order, 1)]
            flat += ranked
            document["laggards"][scheme][f"by_{ranking}"] = [{k: v for k, v in r.items() if k not in ("ranking", "scheme")}
                                                             for r in ranked]
            title = i18n.label(f"laggards.{ranking}", lang, count=len(ranked), scheme=i18n.label(scheme, lang),
                               date=f"{date:%d/%m/%Y}",
                               units=i18n.units_word([rows[i][3] for i in order], year, lang, len(ranked)))
            columns = [Column("rank", "count", "laggards.rank"), Column("code"),
                       Column("name", "text", i18n.units_key("name", year)), Column("target", "count"),
                       Column("actual", "count"), Column("achieved", "percent"), Column("still_needed", "count"),
                       Column("status", "status")]
            notes = [] if ranked else [i18n.label("laggards.none", lang)]
            tables.append(Table(plan_title(plan, lang, title), columns, ranked, None, notes))
    keys = ["ranking", "rank", "code", "name", "scheme", "target", "actual", "achieved", "still_needed", "status"]

    return Report(lambda: tables, keys, flat, document, None)  # a workbook or .docx is refused before any work
