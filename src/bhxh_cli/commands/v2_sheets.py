"""Workbooks of version 2 plans: each table a command shows (one per scheme) as an appendix sheet of its own,
with the same columns (the denominator's among them) and rows, in the form of every bhxh workbook
(output/workbook.py: xlsxwriter, text through write_string, never a formula)."""

from __future__ import annotations

from bhxh_cli import i18n
from bhxh_cli.commands.output import title_block
from bhxh_cli.output.render import Table

# The terminal's kinds of column as a workbook's: a bar or a stated rate is a rate there.
_KINDS = {"bar": "percent", "stated": "percent", "signed_percent": "points"}


def appendix_sheets(area, tables: list[Table], lang: str, notes: list[str] | None = None, *, signer=None,
                    appendix: str | None = None) -> list:
    """One WideTable per table: STT, then the table's columns; its title over the plan's number and area;
    `notes` (an official footnote names no method) instead of the table's own when given."""
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
                          list(table.notes if notes is None else notes))
        sheets.append(with_signature(sheet, area, signer, appendix))
    return sheets


def _kind(column, table: Table) -> str:
    """The workbook's kind of a column: a rate with two decimals anywhere in it (health insurance's) keeps them."""
    from decimal import Decimal

    kind = _KINDS.get(column.kind, column.kind)
    if kind == "percent":
        values = [row.get(column.key) for row in table.rows + ([table.total] if table.total else [])]
        if any(isinstance(v, Decimal) and v.as_tuple().exponent == -2 for v in values):
            return "percent2"
    return kind
