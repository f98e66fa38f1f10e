"""Workbooks of version 2 plans: each table a command shows (one per scheme) as an appendix sheet of its own,
with the same columns (the denominator's among them) and rows, in the form of every bhxh workbook
(output/workbook.py: xlsxwriter, text through write_string, never a formula); and the progress charts of a
`gap` workbook, of plans of both format versions."""

from __future__ import annotations

from bhxh_cli import i18n
from bhxh_cli.commands.output import title_block
from bhxh_cli.output.render import Table

# The terminal's kinds of column as a workbook's: a bar or a stated rate is a rate there.
_KINDS = {"bar": "percent", "stated": "percent", "signed_percent": "points"}


def appendix_sheets(area, tables: list[Table], lang: str, notes: list[str] | None = None, *, signer=None,
                    appendix: str | None = None, charts: list[list] | None = None) -> list:
    """One WideTable per table: STT, then the table's columns; its title over the plan's number and area;
    `notes` (an official footnote names no method) instead of the table's own when given; `charts`, the
    ProgressCharts of each table's sheet (over its rows), when given."""
    from bhxh_cli.commands.documents import with_signature
    from bhxh_cli.output.workbook import WideColumn, WideTable

    sheets, names = [], set()
    for number, table in enumerate(tables, 1):
        columns = [WideColumn("index", i18n.label("index", lang), "count")]
        columns += [WideColumn(c.key, i18n.label(c.label or c.key, lang), _kind(c, table)) for c in table.columns]
        rows = [dict(row, index=n) for n, row in enumerate(table.rows, 1)]
        what = table.title.split("\n", 1)[0]
        name = what.split(":", 1)[0] if ":" in what else (i18n.label("appendix", lang) if number == 1 else str(number))
        while name in names:  # sheet names are unique in a workbook
            name += f" {number}"
        names.add(name)
        sheet = WideTable(title_block(area, what, lang), name, columns, rows, table.total,
                          list(table.notes if notes is None else notes),
                          charts=list(charts[number - 1]) if charts is not None else [])
        sheets.append(with_signature(sheet, area, signer, appendix))
    return sheets


def _kind(column, table: Table) -> str:
    """The workbook's kind of a column: a rate (or a change of one) with two decimals anywhere in it (health
    insurance's) keeps them."""
    from decimal import Decimal

    kind = _KINDS.get(column.kind, column.kind)
    if kind in ("percent", "points"):  # and so does a change of such a rate, in points
        values = [row.get(column.key) for row in table.rows + ([table.total] if table.total else [])]
        if any(isinstance(v, Decimal) and v.as_tuple().exponent == -2 for v in values):
            return kind + "2"
    return kind


def progress_chart(scheme: str, placed: list[tuple], keys: tuple[str, str, str], name: str, year: int,
                   lang: str):
    """One scheme's chart over a workbook sheet's rows: `placed` holds (index of the row on the sheet, code,
    name, Progress, kind) of each unit charted (communes, not totals), and those with a report are drawn,
    furthest behind schedule first; `keys` are the sheet's columns of the target, the enrolment and the
    expected count; `name` heads the units' column as the sheet's own does."""
    from bhxh_cli.output.workbook import CHARTED, ProgressChart

    reported = sorted((item for item in placed if item[3].shortfall is not None),  # "no report": no bar
                      key=lambda item: (-item[3].shortfall, item[1] or "", item[2]))
    label = i18n.label(scheme, lang)
    title = i18n.label("chart.title.first" if len(reported) > CHARTED else "chart.title", lang, scheme=label,
                       count=CHARTED, units=i18n.units_word([item[4] for item in reported[:CHARTED]], year, lang,
                                                            CHARTED))
    return ProgressChart(
        i18n.label(f"chart.sheet.{scheme}", lang), title, [item[0] for item in reported], *keys,
        (name, i18n.label("target", lang), i18n.label("actual", lang), i18n.label("expected", lang),
         i18n.label("chart.achieved", lang), i18n.label("chart.expected", lang)))
