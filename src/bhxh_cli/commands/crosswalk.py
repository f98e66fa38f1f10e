"""`bhxh crosswalk --map MAP TABLE --output OUT`: a communes table or report in old units (before the 2025
mergers) written in the new units: merged units' counts added up, divided units' split exactly by their
shares; every count column's total kept, and said so."""

from __future__ import annotations

from typing import TextIO

from bhxh_cli import i18n
from bhxh_cli.core.schemes import ALL_SCHEMES
from bhxh_cli.messages import tr
from bhxh_cli.output.files import check_target, output_kind, write_atomic
from bhxh_cli.output.safe import csv_cell, one_line, xlsx_cell
from bhxh_cli.tables.communes import CommuneTable, read_communes
from bhxh_cli.tables.crosswalk_map import crosswalk_table, read_crosswalk

# Every count column a communes table or report may have (eligible, enrolled, target of each scheme).
COUNT_KEYS = [f"{scheme}_{field}" for scheme in ALL_SCHEMES for field in ("eligible", "enrolled", "target")]
KINDS = {".csv": "csv", ".xlsx": "xlsx"}


def crosswalk(map_file: str, table_file: str, *, output: str, force: bool, lang: str, err: TextIO,
              sheet: str | None = None) -> int:
    kind = output_kind(output, KINDS)
    check_target(output, force=force, inputs=[map_file, table_file])  # before any work is done
    walk = read_crosswalk(map_file)
    table = read_communes(table_file, required=[], optional=COUNT_KEYS, sheet=sheet)
    result = crosswalk_table(table, walk)
    converted = result.table
    data = _csv(converted) if kind == "csv" else _xlsx(converted, lang)
    write_atomic(output, data, force=force, inputs=[map_file, table_file])
    for warning in walk.warnings + result.warnings:
        err.write(one_line(tr("crosswalk.warned", file=warning.location(), message=warning.message,
                              rule=warning.rule)) + "\n")
    if table.other_columns:  # never left out without a word
        err.write(one_line(tr("crosswalk.left_out", file=table_file,
                              columns=", ".join(f"'{text}'" for text in table.other_columns))) + "\n")
    keys = _count_keys(converted)
    totals = "; ".join(
        tr("crosswalk.column_total", column=one_line(converted.columns[key]),
           before=i18n.format_count(sum(row.counts[key] for row in table.rows), lang),
           after=i18n.format_count(sum(row.counts[key] for row in converted.rows), lang)) for key in keys)
    err.write(one_line(tr("crosswalk.wrote", file=output, units_in=i18n.format_count(result.units_in, lang),
                          units_out=i18n.format_count(result.units_out, lang),
                          totals=totals or tr("crosswalk.no_counts"))) + "\n")
    return 0


def _count_keys(table: CommuneTable) -> list[str]:
    return [key for key in table.columns if key not in ("code", "name")]


def _headers(table: CommuneTable) -> list[str]:
    """The headers as the input wrote them (so that the office's own words stay), one row."""
    return [table.columns[key] for key in table.columns]


def _csv(table: CommuneTable) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(text) for text in _headers(table)])
    keys = _count_keys(table)
    for row in table.rows:
        writer.writerow([csv_cell(row.code), csv_cell(row.name), *(row.counts[key] for key in keys)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM: Excel reads the file as UTF-8


def _xlsx(table: CommuneTable, lang: str) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(tr("crosswalk.sheet", lang))
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
    count = book.add_format({"num_format": "#,##0", "border": 1})
    text = book.add_format({"border": 1})
    for column, header in enumerate(_headers(table)):
        sheet.write_string(0, column, xlsx_cell(header), bold)
    keys = _count_keys(table)
    for number, row in enumerate(table.rows, start=1):
        sheet.write_string(number, 0, xlsx_cell(row.code), text)  # codes are text: 03199 keeps its 0
        sheet.write_string(number, 1, xlsx_cell(row.name), text)
        for column, key in enumerate(keys, start=2):
            sheet.write_number(number, column, row.counts[key], count)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, max([len(row.name) for row in table.rows] + [12]) + 2)
    sheet.set_column(2, 1 + len(keys), 14)
    sheet.freeze_panes(1, 2)
    book.close()
    return buffer.getvalue()


__all__ = ["crosswalk"]
