"""Writing Excel workbooks with openpyxl: a table laid out like the plan's appendix (Phụ biểu): a title block, two header rows with each
scheme's name merged over its columns, one row per commune, a bold total row; counts and rates stored as
numbers with number formats (so Excel shows them in the reader's own locale), frozen header rows, and
column widths that fit Vietnamese names. Text is always stored as text: it can never become a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bhxh_cli.output import safe

# -- writing -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WideColumn:
    key: str  # key into the row dicts
    label: str  # header text, in the user's language
    kind: str = "text"  # text | count | percent | points | signed_count | gap | status | decimal
    group: str | None = None  # the merged header above (a scheme's name); None for code, name ...


@dataclass
class WideTable:
    title: list[str]  # the title block, one line each
    sheet: str
    columns: list[WideColumn]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


STATUS_FILLS = {"met": "C6EFCE", "on track": "DDEBF7", "behind": "FFC7CE"}
STATUS_FONTS = {"met": "006100", "on track": "1F4E78", "behind": "9C0006"}


def number_formats(lang: str) -> dict[str, str]:
    from bhxh_cli import i18n

    exceeded = i18n.label("exceeded", lang, count="").strip()
    return {
        "count": "#,##0",
        "percent": "0.0",
        "decimal": "#,##0.00",
        "points": "+0.0;-0.0;0.0",
        "signed_count": "+#,##0;-#,##0;0",
        # a negative gap is a number shown as "vượt 587" / "exceeded by 587"
        "gap": f'#,##0;"{exceeded} "#,##0;0',
    }


def _width(text: str) -> int:
    return max((len(line) for line in str(text).splitlines()), default=0)


def workbook_bytes(table: WideTable, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from bhxh_cli import i18n

    book = Workbook()
    sheet = book.active
    sheet.title = "".join(c for c in table.sheet if c not in "[]:*?/\\")[:31] or "Sheet1"
    formats = number_formats(lang)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = len(table.columns)

    def put(row: int, column: int, value: Any, kind: str = "text"):
        cell = sheet.cell(row=row, column=column)
        if kind == "status" and value:
            cell.value = i18n.label(f"status.{value}", lang)
            cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[value])
            cell.font = Font(color=STATUS_FONTS[value], bold=value == "behind")
        elif isinstance(value, Decimal):
            cell.value = float(value)  # one decimal, exact in a float's shortest form
        elif isinstance(value, str):
            cell.value = safe.xlsx_cell(value)  # controls openpyxl refuses become visible escapes
        else:
            cell.value = value
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text: "=...", "+...", "-...", "@..." never become formulas
        if kind in formats:
            cell.number_format = formats[kind]
        return cell

    # title block
    row = 1
    for number, line in enumerate(table.title):
        cell = put(row, 1, line)
        cell.font = Font(bold=True, size=14 if number == 0 else 11)
        cell.alignment = Alignment(horizontal="center")
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    row += 1
    # two header rows: groups merged over their columns; ungrouped columns span both rows
    top, bottom = row, row + 1
    index = 0
    while index < width:
        column = table.columns[index]
        if column.group is None:
            put(top, index + 1, column.label)
            sheet.merge_cells(start_row=top, start_column=index + 1, end_row=bottom, end_column=index + 1)
            index += 1
            continue
        end = index
        while end + 1 < width and table.columns[end + 1].group == column.group:
            end += 1
        put(top, index + 1, column.group)
        if end > index:
            sheet.merge_cells(start_row=top, start_column=index + 1, end_row=top, end_column=end + 1)
        for position in range(index, end + 1):
            put(bottom, position + 1, table.columns[position].label)
        index = end + 1
    for header_row in (top, bottom):
        sheet.row_dimensions[header_row].height = 32
        for position in range(1, width + 1):
            cell = sheet.cell(row=header_row, column=position)
            cell.font, cell.alignment, cell.border = bold, centered, border
    # the rows, then the total
    row = bottom + 1
    first_data = row
    for item in table.rows + ([table.total] if table.total is not None else []):
        is_total = item is table.total
        for position, column in enumerate(table.columns, start=1):
            cell = put(row, position, item.get(column.key), column.kind)
            cell.border = border
            if is_total:
                cell.font = Font(bold=True, color=cell.font.color) if column.kind == "status" else bold
        row += 1
    for note in table.notes:
        row += 1
        put(row, 1, note).font = Font(italic=True)
    # frozen header rows and the columns that name the commune
    leading = next((i for i, c in enumerate(table.columns) if c.group is not None), 0)
    sheet.freeze_panes = sheet.cell(row=first_data, column=leading + 1)
    # widths that fit the longest text (Vietnamese letters are one character each in NFC)
    for position, column in enumerate(table.columns, start=1):
        values = [item.get(column.key) for item in table.rows + ([table.total] if table.total else [])]
        shown = [i18n.label(f"status.{v}", lang) if column.kind == "status" and v else v for v in values]
        longest = max([_width(f"{v:,}") if isinstance(v, int) else _width(v) for v in shown if v is not None]
                      + [_width(column.label) // 2 + 1, 6])
        sheet.column_dimensions[get_column_letter(position)].width = min(max(longest + 2, 8), 45)
    # printed as the appendix is: landscape, one page wide, the header rows on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{top}:{bottom}"
    book.properties.creator = "bhxh"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
