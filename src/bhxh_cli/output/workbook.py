"""Writing Excel workbooks with xlsxwriter, in the form of an appendix (Phụ biểu) under Decree 30/2020/NĐ-CP:
A4, Times New Roman, the decree's margins, fit to the page width, the header rows repeated on every printed
page; `PHỤ BIỂU`, the title in capitals and the `(Kèm theo ...)` line above two header rows (each scheme's name
merged over its columns) and a row numbering the columns; one row per commune, a bold total row, an official
footnote, an optional signature block; the method and its explanation on a second sheet; for progress, a
native chart per scheme whose figures are formulas over the table, so the chart follows a corrected figure.

Counts and rates are stored as numbers with number formats (Excel shows 15.890 and 97,7 in a Vietnamese
locale, 15,890 and 97.7 elsewhere). Text is always written with `write_string`: it can never become a formula;
the only formulas are the chart sheet's, built from cell references alone.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bhxh_cli.output import safe

FONT = "Times New Roman"  # Decree 30/2020/NĐ-CP, Appendix I: Times New Roman, Unicode (TCVN 6909:2001)
TITLE_SIZE = 14  # the title of an appendix: 13-14 pt, bold
TEXT_SIZE = 13  # other lines of text: 13-14 pt
TABLE_SIZE = 12  # the table: the decree sets no size for a table's cells; 12 pt, as its headings use 12-13
MM = 1 / 25.4  # margins are set in inches
MARGINS = {"left": 30 * MM, "right": 15 * MM, "top": 20 * MM, "bottom": 20 * MM}  # the decree's minimums
A4 = 9  # the paper size code of A4 in SpreadsheetML
CHARTED = 40  # communes in a chart: all of a district's; beyond that the furthest behind schedule


@dataclass(frozen=True)
class WideColumn:
    key: str  # key into the row dicts
    label: str  # header text, in the user's language
    kind: str = "text"  # text | count | percent | percent2 | points | points2 | signed_count | gap | status | decimal
    group: str | None = None  # the merged header above (a scheme's name); None for code, name ...


@dataclass(frozen=True)
class ProgressChart:
    """A chart of each commune's % of target against the expected % on the date, laggards first."""

    sheet: str  # the chart's own sheet
    title: str
    order: list[int]  # indexes into WideTable.rows, laggards first
    target: str  # the keys of the table's columns the chart's figures refer to
    actual: str
    expected: str
    labels: tuple[str, ...]  # headers: commune, target, actual, expected, achieved %, expected %


@dataclass
class WideTable:
    title: list[str]  # the title (written in capitals), then lines under it, e.g. "(Kèm theo Kế hoạch số ...)"
    sheet: str
    columns: list[WideColumn]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)  # the official footnote: no method names
    number: str | None = None  # the appendix's number: "PHỤ BIỂU 01"
    issuer: list[str] | None = None  # lines of the issuing body, top left, over the national motto
    signer: list[str] | None = None  # "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name: the signature block
    method: list[str] = field(default_factory=list)  # the method and its explanation: a second sheet
    method_sheet: str = "Cach tinh"
    charts: list[ProgressChart] = field(default_factory=list)


STATUS_FILLS = {"met": "C6EFCE", "on track": "DDEBF7", "behind": "FFC7CE", "no report": "EDEDED"}
STATUS_FONTS = {"met": "006100", "on track": "1F4E78", "behind": "9C0006", "no report": "595959"}


def number_formats(lang: str) -> dict[str, str]:
    from bhxh_cli import i18n

    exceeded = i18n.label("exceeded", lang, count="").strip()
    return {
        "count": "#,##0",
        "percent": "0.0",
        "percent2": "0.00",  # health insurance's coverage, as its plans print it: 95,15%
        "decimal": "#,##0.00",
        "points": "+0.0;-0.0;0.0",
        "points2": "+0.00;-0.00;0.00",  # a change of a rate with two decimals (health insurance's)
        "signed_count": "+#,##0;-#,##0;0",
        # a negative gap is a number shown as "vượt 587" / "exceeded by 587"
        "gap": f'#,##0;"{exceeded} "#,##0;0',
    }


def _width(text: Any) -> int:
    text = str(text)
    return max((len(line) for line in text.splitlines()), default=0) if "\n" in text else len(text)


def _widest(texts: list[str]) -> int:
    """The width of the widest of texts (0 for none): _width of each, in one pass of C when no text has
    more than one line (a workbook of 10,600 communes measures 50,000 texts)."""
    if not texts:
        return 0
    if "\n" in "".join(texts):
        return max(map(_width, texts))
    return max(map(len, texts))


def sheet_name(text: str) -> str:
    return "".join(c for c in text if c not in "[]:*?/\\'")[:31] or "Sheet1"


class _Formats:
    """xlsxwriter formats made once each, every one in the decree's font."""

    def __init__(self, book):
        self.book = book
        self.made: dict[tuple, Any] = {}

    def __call__(self, **properties) -> Any:
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.book.add_format({"font_name": FONT, "font_size": TABLE_SIZE, **properties})
        return self.made[key]


def workbook_bytes(table: WideTable | list[WideTable], lang: str) -> bytes:
    """The workbook of one appendix table, or of several, one sheet each (a version 2 plan's schemes)."""
    import xlsxwriter

    buffer = io.BytesIO()
    # Text never turns into a formula, a number or a link: every string goes through write_string anyway.
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    book.formats[0].set_font_name(FONT)  # the workbook's default style: empty cells too
    book.formats[0].set_font_size(TABLE_SIZE)
    book.set_properties({"author": "bhxh", "comments": "Written by bhxh"})
    fmt = _Formats(book)
    for one in table if isinstance(table, list) else [table]:
        _appendix_sheet(book, fmt, one, lang)
    book.close()
    return buffer.getvalue()


def _appendix_sheet(book, fmt: _Formats, table: WideTable, lang: str) -> None:
    """One appendix on a sheet of its own (with its method sheet and charts)."""
    from bhxh_cli import i18n

    sheet = book.add_worksheet(sheet_name(table.sheet), worksheet_class=_sheet_class())
    formats = number_formats(lang)
    # A column empty in every row is not written (a plan without communes has no STT or code to show).
    columns = [c for c in table.columns if c.group is not None or any(
        item.get(c.key) is not None for item in table.rows + ([table.total] if table.total else []))]
    width = len(columns)
    last = width - 1
    body = {"border": 1, "border_color": "#808080", "valign": "vcenter"}
    cell_formats = {kind: fmt(**body, num_format=code) for kind, code in formats.items()}
    cell_formats["text"] = fmt(**body, text_wrap=True)
    bold_formats = {kind: fmt(**body, num_format=code, bold=True) for kind, code in formats.items()}
    bold_formats["text"] = fmt(**body, text_wrap=True, bold=True)
    # a status in its colours, bold when behind, and in the total row (bold as the rest of that row)
    status_formats = {(value, total): fmt(**body, bg_color="#" + fill, pattern=1, font_color="#" + STATUS_FONTS[value],
                                          bold=total or value == "behind")
                      for value, fill in STATUS_FILLS.items() for total in (False, True)}
    status_labels = {value: i18n.label(f"status.{value}", lang) for value in STATUS_FILLS}

    def line(row: int, text: str, style, first: int = 0, end: int = last) -> None:
        """Text across columns first..end, merged when that is more than one column."""
        if end > first:
            sheet.merge_range(row, first, row, end, "", style)
        if text:
            sheet.write_string(row, first, safe.xlsx_cell(text), style)

    row = 0
    if table.issuer:  # the issuing body, top left; the national motto, top right
        half = max(1, width // 3)
        motto = [i18n.label("motto.1", lang), i18n.label("motto.2", lang)]
        for number in range(max(len(table.issuer), 2)):
            left = table.issuer[number] if number < len(table.issuer) else ""
            line(row, left.upper(), fmt(bold=number == len(table.issuer) - 1, align="center", font_size=TEXT_SIZE),
                 0, half - 1)
            if number < 2 and width > half:
                line(row, motto[number], fmt(bold=True, align="center", font_size=12 if number == 0 else TEXT_SIZE),
                     half, last)
            row += 1
        row += 1
    appendix = i18n.label("appendix", lang) + (f" {table.number}" if table.number else "")
    line(row, appendix, fmt(bold=True, align="center", font_size=TEXT_SIZE))
    row += 1
    for number, text in enumerate(table.title):
        if number == 0:
            line(row, text.upper(), fmt(bold=True, align="center", font_size=TITLE_SIZE))
        else:
            line(row, text, fmt(italic=True, align="center", font_size=TEXT_SIZE))
        row += 1
    row += 1
    # two header rows: groups merged over their columns; ungrouped columns span both rows
    top, bottom = row, row + 1
    header = fmt(**body, bold=True, align="center", text_wrap=True)
    index = 0
    while index < width:
        column = columns[index]
        if column.group is None:
            sheet.merge_range(top, index, bottom, index, "", header)
            sheet.write_string(top, index, column.label, header)
            index += 1
            continue
        end = index
        while end + 1 < width and columns[end + 1].group == column.group:
            end += 1
        if end > index:
            sheet.merge_range(top, index, top, end, "", header)
        sheet.write_string(top, index, column.group, header)
        for position in range(index, end + 1):
            sheet.write_string(bottom, position, columns[position].label, header)
        index = end + 1
    sheet.set_row(top, 32)
    sheet.set_row(bottom, 32)
    # the row numbering the columns, as appendices have: (1) (2) ...
    numbering = fmt(**body, italic=True, align="center")
    for position in range(width):
        sheet.write_string(bottom + 1, position, f"({position + 1})", numbering)
    # the rows, then the total
    first_data = bottom + 2
    row = first_data
    places: dict[str, int] = {}  # a column's key -> its position, for the charts
    for position, column in enumerate(columns):
        places[column.key] = position
    items = table.rows + ([table.total] if table.total is not None else [])
    # each column's key, kind and formats, looked up once: this runs for every cell of 10,600 rows
    plan = [(position, column.key, column.kind == "status",
             (cell_formats.get(column.kind, cell_formats["text"]), cell_formats["text"]),
             (bold_formats.get(column.kind, bold_formats["text"]), bold_formats["text"]))
            for position, column in enumerate(columns)]
    row = _write_body(sheet, items, plan, table.total, status_labels, status_formats, first_data)
    for note in table.notes:
        row += 1
        sheet.write_string(row, 0, safe.xlsx_cell(note), fmt(italic=True, font_size=TABLE_SIZE))
    if table.signer:  # the signature block, bottom right: title lines in bold capitals, room to sign, the name
        row += 2
        half = max(0, width - max(1, width * 2 // 5))
        signer = table.signer
        titles, name = (signer[:-1], signer[-1]) if len(signer) > 1 else (signer, "")  # one line: a title
        for text, bold in [(t.upper(), True) for t in titles] + [("", False)] * 3 + [(name, True)]:
            line(row, text, fmt(bold=bold, align="center", font_size=TEXT_SIZE), half, last)
            row += 1
    # frozen header rows and the columns that name the commune
    leading = next((i for i, c in enumerate(columns) if c.group is not None), 0)
    sheet.freeze_panes(first_data, leading)
    # widths that fit the longest text (Vietnamese letters are one character each in NFC)
    for position, column in enumerate(columns):
        key = column.key
        values = [value for value in [item.get(key) for item in items] if value is not None]
        if column.kind == "status":
            values = [status_labels[value] for value in set(values)]
        texts = [value for value in values if isinstance(value, str)]
        numbers = [value for value in values if not isinstance(value, str)] if len(texts) < len(values) else []
        # the widest number is the largest or the smallest (its sign), written with separators
        shown = [f"{value:,}" for value in (max(numbers), min(numbers))] if numbers else []
        longest = max([_widest(texts)] + [len(text) for text in shown] + [_width(column.label) // 2 + 1, 6])
        sheet.set_column(position, position, min(max(longest + 2, 8), 45))
    # printed as the decree sets: A4, its margins, one page wide, the header rows on every page
    _page(sheet, landscape=width > 6)
    sheet.repeat_rows(top, bottom + 1)
    if table.method:
        method = book.add_worksheet(sheet_name(table.method_sheet))
        method.set_column(0, 0, 110)
        wrapped = fmt(text_wrap=True, valign="top", font_size=TEXT_SIZE)
        for number, text in enumerate(table.method):
            method.write_string(number, 0, text, fmt(bold=True, font_size=TEXT_SIZE) if number == 0 else wrapped)
        _page(method, landscape=False)
    main = sheet.get_name()
    for chart in table.charts:
        _chart_sheet(book, fmt, chart, table, main, first_data, places)


def _write_body(sheet, items: list[dict], plan: list[tuple], total: dict | None, status_labels: dict,
                status_formats: dict, first: int) -> int:
    """The table's rows (10,600 of them for a country's communes) as finished XML, given to the sheet in one
    piece: xlsxwriter's own cell path (a tuple a cell, then an attribute list and escapes a cell as it writes
    the file) was three quarters of the time of such a workbook. The cells are what xlsxwriter writes: text
    in the shared strings (which xlsxwriter escapes as it writes them), numbers as `.16G`, blanks with their
    format. Returns the row after the last."""
    from xlsxwriter.utility import xl_col_to_name

    strings = sheet.str_table._get_shared_string_index  # the workbook's shared strings: xlsxwriter's own table
    letters = [xl_col_to_name(position) for position, *_ in plan]
    # per column: its letter, key, whether it shows a status, and the style indexes (number, text) of a
    # normal and of the total row
    # (a style gets its index, and a label its shared string, when first used: the file lists only those)
    columns = [(letters[index], key, is_status, normal, strong)
               for index, (_position, key, is_status, normal, strong) in enumerate(plan)]
    normal_columns = [(letter, key, is_status, (normal[0]._get_xf_index(), normal[1]._get_xf_index()))
                      for letter, key, is_status, normal, _strong in columns]
    status_cells: dict[tuple[str, bool], tuple[int, int]] = {}
    xlsx_cell = safe.xlsx_cell  # names: controls shown as visible escapes, one line
    parts = []
    add = parts.append
    row = first
    for item in items:
        number = row + 1  # as Excel counts rows
        add(f'<row r="{number}">')
        for letter, key, is_status, (number_style, text_style) in (
                normal_columns if item is not total else [  # the total row, in bold
                    (letter, key, is_status, (strong[0]._get_xf_index(), strong[1]._get_xf_index()))
                    for letter, key, is_status, _normal, strong in columns]):
            value = item.get(key)
            if value is None:
                add(f'<c r="{letter}{number}" s="{text_style}"/>')
            elif is_status:
                if (value, item is total) not in status_cells:
                    status_cells[value, item is total] = (strings(_fitted(status_labels[value])),
                                                          status_formats[value, item is total]._get_xf_index())
                index, style = status_cells[value, item is total]
                add(f'<c r="{letter}{number}" s="{style}" t="s"><v>{index}</v></c>')
            elif isinstance(value, str):
                add(f'<c r="{letter}{number}" s="{text_style}" t="s"><v>{strings(_fitted(xlsx_cell(value)))}</v></c>')
            elif isinstance(value, Decimal):  # one decimal is exact in a float's shortest form
                add(f'<c r="{letter}{number}" s="{number_style}"><v>{float(value):.16G}</v></c>')
            else:
                add(f'<c r="{letter}{number}" s="{number_style}"><v>{value:.16G}</v></c>')
        add("</row>")
        row += 1
    if row > first:
        sheet.give_rows(first, row - 1, len(plan) - 1, "".join(parts))
    return row


def _fitted(text: str) -> str:
    """Text cut to the 32,767 UTF-16 units a cell holds, as xlsxwriter's write_string cuts it."""
    if len(text) <= 16383:  # cannot be over the limit: a character is at most two units
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 32767 * 2:
        return text
    return units[:32767 * 2].decode("utf-16-le", errors="ignore")  # never half a surrogate pair


@functools.cache
def _sheet_class():
    """A worksheet that takes a range of rows as finished XML (see _write_body); every other row, and
    everything else in the sheet, is xlsxwriter's own. Made on first use: xlsxwriter is imported lazily."""
    from xlsxwriter.worksheet import Worksheet

    class RowsGiven(Worksheet):
        given: tuple[int, int, str] | None = None

        def give_rows(self, first: int, last: int, last_column: int, xml: str) -> None:
            """Rows first..last (0-based), columns from 0 to last_column, as <row> elements."""
            self._check_dimensions(first, 0)
            self._check_dimensions(last, last_column)
            self.given = (first, last, xml)

        def _write_rows(self) -> None:
            if self.given is None:
                return super()._write_rows()
            first, last, xml = self.given
            top, bottom = self.dim_rowmin, self.dim_rowmax
            try:  # xlsxwriter writes the rows before and after the given ones, in their place
                if top < first:
                    self.dim_rowmin, self.dim_rowmax = top, first - 1
                    super()._write_rows()
                self.fh.write(xml)
                if last < bottom:
                    self.dim_rowmin, self.dim_rowmax = last + 1, bottom
                    super()._write_rows()
            finally:
                self.dim_rowmin, self.dim_rowmax = top, bottom

    return RowsGiven


def _page(sheet, *, landscape: bool) -> None:
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_margins(**MARGINS)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()


def _chart_sheet(book, fmt, chart: ProgressChart, table: WideTable, main: str, first_data: int,
                 places: dict[str, int]) -> None:
    """The chart's figures, laggards first, as formulas over the table's cells (no text from the user in
    any formula: the sheet's name is ours, the rest are cell references), and the chart beside them."""
    from xlsxwriter.utility import xl_col_to_name

    sheet = book.add_worksheet(sheet_name(chart.sheet))
    header = fmt(bold=True, align="center", text_wrap=True, border=1)
    for position, text in enumerate(chart.labels):
        sheet.write_string(0, position, text, header)
    sheet.set_row(0, 32)
    quoted = "'" + main.replace("'", "''") + "'!"
    target, actual, expected = (xl_col_to_name(places[key]) for key in (chart.target, chart.actual, chart.expected))
    count, percent = fmt(num_format="#,##0", border=1), fmt(num_format="0.0", border=1)
    text = fmt(border=1)
    # Only the charted communes: a chart of 10,600 bars says nothing, and formulas are slow to write.
    for row, index in enumerate(chart.order[:CHARTED], start=1):
        item = table.rows[index]
        source = first_data + index + 1  # the row in the table, as Excel counts (from 1)
        sheet.write_string(row, 0, safe.xlsx_cell(str(item.get("name") or "")), text)
        for position, key, letter in ((1, chart.target, target), (2, chart.actual, actual),
                                      (3, chart.expected, expected)):
            sheet.write_formula(row, position, f"={quoted}{letter}{source}", count, item.get(key))
        here = row + 1
        goal = item.get(chart.target)
        for position, key in ((4, chart.actual), (5, chart.expected)):
            cached = _percent(item.get(key), goal)
            sheet.write_formula(row, position, f"=IF(B{here}=0,NA(),ROUND({'CD'[position - 4]}{here}/B{here}*100,1))",
                                percent, cached if cached is not None else "#N/A")
    sheet.set_column(0, 0, max([_width(table.rows[i].get("name") or "") for i in chart.order[:CHARTED]] + [12]) + 2)
    sheet.set_column(1, 5, 12)
    sheet.freeze_panes(1, 1)
    shown = min(len(chart.order), CHARTED)
    if shown:
        drawn = book.add_chart({"type": "column"})
        name = sheet.get_name()
        drawn.add_series({"name": [name, 0, 4], "categories": [name, 1, 0, shown, 0],
                          "values": [name, 1, 4, shown, 4], "fill": {"color": "#4472C4"}})
        line = book.add_chart({"type": "line"})
        line.add_series({"name": [name, 0, 5], "categories": [name, 1, 0, shown, 0],
                         "values": [name, 1, 5, shown, 5], "line": {"none": True},
                         "marker": {"type": "diamond", "size": 8, "fill": {"color": "#C00000"},
                                    "border": {"color": "#C00000"}}})
        drawn.combine(line)
        drawn.set_title({"name": chart.title, "name_font": {"name": FONT, "size": 13, "bold": True}})
        drawn.set_y_axis({"name": "%", "min": 0, "num_font": {"name": FONT}})
        drawn.set_x_axis({"num_font": {"name": FONT, "rotation": -45}})
        drawn.set_legend({"position": "bottom", "font": {"name": FONT}})
        drawn.set_size({"width": max(720, 28 * shown), "height": 460})
        sheet.insert_chart(1, 7, drawn)
    _page(sheet, landscape=True)


def _percent(part: Any, whole: Any) -> float | None:
    """part / whole x 100, half-up to one decimal, as the table rounds (and as ROUND does); None for 0."""
    from bhxh_cli.core.rates import rate

    if not whole or part is None:
        return None
    return float(rate(part, whole))
