"""A drafted progress report (.docx) an office can edit and sign, with python-docx, in the form of Decree
30/2020/NĐ-CP: A4, Times New Roman, the decree's margins; the issuing body and the number left blank
(Số:   /BC-...), the national motto, place and date; the report's paragraphs; the signature block; then, on
landscape pages, one appendix per scheme with the progress table.

The sentences are built from the rows of `bhxh gap --format json` (the `document` the command prints), so
every number in the text is the number in the table and in the JSON. All text goes into runs as text: no
field codes; every text written (the plan's number, area and issuer, the signer, names, the sentences that
quote them) goes through safe.docx_cell, so a control, bidirectional or zero-width character in a file shows as
a visible escape (\\t, \\x1b, \\u202e) instead of breaking a line, reordering a title or vanishing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from bhxh_cli import i18n
from bhxh_cli.output.safe import docx_cell

FONT = "Times New Roman"
BODY_PT = 14  # Decree 30/2020/NĐ-CP, Appendix I: the text of a document, 13-14 pt
HEADING_PT = 13  # the issuing body, the number, the place and date: 12-14 pt
TABLE_PT = 12  # the appendix's table (the decree sets no size for a table's cells)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def docx_text(text: Any) -> str:
    """Text for a .docx run or cell, one line, every unsafe character a visible escape (safe.docx_cell)."""
    return docx_cell(str(text))


# -- the sentences, from the JSON rows ------------------------------------------------------------------

def short_date(date: dt.date) -> str:
    return f"{date.day}/{date.month}/{date.year}"


def summary_sentence(total: dict[str, Any], date: dt.date, where: str, lang: str, *, partial: bool = False) -> str:
    """'Đến ngày 30/6/2020, toàn huyện có 13.549 người tham gia BHXH bắt buộc, đạt 98,9% chỉ tiêu, tăng 106
    người so với kỳ báo cáo trước; còn 151 người cần phát triển để hoàn thành chỉ tiêu.' from a JSON total."""
    count = lambda value: i18n.format_count(value, lang)  # noqa: E731
    achieved = ""
    if total["achieved"] is not None:
        achieved = i18n.label("report.achieved.partial" if partial else "report.achieved", lang, achieved=i18n.format_decimal(Decimal(str(total["achieved"])),
                                                                                     lang))
    change = ""
    if total.get("change_previous") is not None:
        key = "report.up" if total["change_previous"] > 0 else "report.down" if total["change_previous"] < 0 else "report.same"
        change = i18n.label(key, lang, count=count(abs(total["change_previous"])))
    if total["gap"] > 0:
        rest = i18n.label("report.needed.partial" if partial else "report.needed", lang,
                          count=count(total["still_needed"]))
    elif total["gap"] < 0:
        rest = i18n.label("report.exceeded", lang, count=count(-total["gap"]))
    else:
        rest = i18n.label("report.met", lang)
    return i18n.label("report.summary", lang, date=short_date(date), where=where, actual=count(total["actual"]),
                      scheme=i18n.label(f"report.{total['scheme']}", lang), achieved=achieved, change=change,
                      rest=rest)


def behind_sentence(rows: list[dict[str, Any]], scheme: str, lang: str, year: int | None = None) -> str:
    """The communes of `scheme` behind schedule, in one sentence, by people still needed (most first); the
    units named as a plan of `year` names them ("xã, phường" after 2025)."""
    behind = sorted((r for r in rows if r["scheme"] == scheme and r["status"] == "behind"),
                    key=lambda r: (-r["still_needed"], r["code"] or "", r["name"]))
    units = (lambda key: i18n.units_key(key, year)) if year is not None else (lambda key: key)  # noqa: E731
    if not behind:
        return i18n.label(units("report.behind.none"), lang)
    named = [i18n.label("report.behind.one", lang, name=r["name"], count=i18n.format_count(r["still_needed"], lang))
             for r in behind]
    return i18n.label(units("report.behind"), lang, count=i18n.format_count(len(behind), lang),
                      communes=", ".join(named))


# -- the document -------------------------------------------------------------------------------------

@dataclass
class ReportTable:
    """One appendix: its number, title, the `(Kèm theo ...)` line, columns (label, kind) and rows of values."""

    number: str
    title: str
    attached: str
    columns: list[tuple[str, str]]  # (label, kind): kind is text | count | percent | gap | signed | status
    rows: list[list[Any]]
    total: list[Any] | None = None


@dataclass
class DraftedReport:
    issuer: list[str]  # the issuing body, one line each (written in capitals)
    number: str  # "Số:       /BC-UBND"
    place_date: str  # "Triệu Sơn, ngày     tháng     năm 2020"
    kind: str  # "BÁO CÁO"
    subject: str
    sections: list[tuple[str, list[str]]]  # (heading, paragraphs)
    closing: list[str] = field(default_factory=list)  # paragraphs after the sections
    signer: list[str] | None = None  # "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name
    tables: list[ReportTable] = field(default_factory=list)


def _cell_text(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return ""
    if kind == "count":
        return i18n.format_count(value, lang)
    if kind == "percent":
        return i18n.format_decimal(Decimal(str(value)), lang)
    if kind == "gap":
        return i18n.label("exceeded", lang, count=i18n.format_count(-value, lang)) if value < 0 else \
            i18n.format_count(value, lang)
    if kind == "signed":
        return i18n.format_signed_count(value, lang)
    if kind == "status":
        return i18n.label(f"status.{value}", lang)
    return docx_text(value)


def docx_bytes(report: DraftedReport, lang: str) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):  # Vietnamese text in every script slot
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.author = "bhxh"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, size in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(size))

    def paragraph(container, text: str = "", *, size: int = BODY_PT, bold: bool = False, italic: bool = False,
                  align=WD_ALIGN_PARAGRAPH.CENTER, indent: bool = False, after: int = 0):
        made = container.add_paragraph()
        made.alignment = align
        made.paragraph_format.space_after = Pt(after)
        if indent:
            made.paragraph_format.first_line_indent = Mm(10)
        if text:
            run = made.add_run(docx_text(text))
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
        return made

    def two_columns(widths: tuple[int, int]):
        table = document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, width in zip(table.rows[0].cells, widths):
            cell.width = Mm(width)
        return table.rows[0].cells

    # the heading block: issuing body and number | national motto, place and date
    left, right = two_columns((58, 107))
    left.paragraphs[0].text = ""
    for number, text in enumerate(report.issuer or ["……………"]):
        target = left.paragraphs[0] if number == 0 else left.add_paragraph()
        target.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = target.add_run(docx_text(text.upper()))
        run.font.size, run.font.bold = Pt(HEADING_PT), number == len(report.issuer or [""]) - 1
    paragraph(left, "―――――", size=8)
    paragraph(left, report.number, size=HEADING_PT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right.paragraphs[0].add_run(docx_text(i18n.label("motto.1", lang)))
    run.font.size, run.font.bold = Pt(12), True
    paragraph(right, i18n.label("motto.2", lang), size=HEADING_PT, bold=True)
    paragraph(right, "―――――――――――――", size=8)
    paragraph(right, report.place_date, size=HEADING_PT, italic=True)
    paragraph(document)
    paragraph(document, report.kind, bold=True)
    paragraph(document, report.subject, bold=True, after=12)
    for heading, texts in report.sections:
        paragraph(document, heading, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
        for text in texts:
            paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
    for text in report.closing:
        paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
    # the signature block: recipients | the signer
    paragraph(document)
    left, right = two_columns((75, 90))
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = left.paragraphs[0].add_run(docx_text(i18n.label("report.recipients", lang)))
    run.font.size, run.font.bold, run.font.italic = Pt(12), True, True
    for text in i18n.label("report.recipients.lines", lang).splitlines():
        paragraph(left, text, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signer = report.signer or []
    titles, name = (signer[:-1], signer[-1]) if len(signer) > 1 else (signer, "")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, text in enumerate(titles):
        target = right.paragraphs[0] if number == 0 else right.add_paragraph()
        target.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = target.add_run(docx_text(text.upper()))
        run.font.size, run.font.bold = Pt(BODY_PT), True
    for _ in range(4):
        paragraph(right)
    paragraph(right, name, bold=True)
    # the appendices, on landscape pages: one table per scheme, the header row repeated on every page
    import uuid

    marker = f"bhxh-table-{uuid.uuid4().hex}"  # unguessable: no text from a file can stand for it
    tables: dict[str, str] = {}
    for number, table in enumerate(report.tables):
        if number == 0:
            landscape = document.add_section(WD_SECTION.NEW_PAGE)
            landscape.orientation = WD_ORIENT.LANDSCAPE
            landscape.page_width, landscape.page_height = Mm(297), Mm(210)
            for side, size in MARGINS_MM.items():
                setattr(landscape, f"{side}_margin", Mm(size))
        else:
            document.add_page_break()
        paragraph(document, table.number, size=HEADING_PT, bold=True)
        paragraph(document, table.title.upper(), size=BODY_PT, bold=True)
        paragraph(document, table.attached, size=HEADING_PT, italic=True, after=6)
        width = (297 - MARGINS_MM["left"] - MARGINS_MM["right"]) * 1440 / 25.4  # twips
        tables[f"{marker}-{number}"] = _table_xml(table, lang, int(width))
        document.add_paragraph(f"{marker}-{number}")  # where the table goes: replaced once the file is written
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_tables(buffer.getvalue(), tables)


def _with_tables(data: bytes, tables: dict[str, str]) -> bytes:
    """The document with each marker paragraph replaced by its table's XML. Moving a parsed table of 10,000
    rows into python-docx's tree takes lxml seconds (every node changes document); text is instant."""
    import zipfile

    if not tables:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    xml = source.read("word/document.xml").decode("utf-8")
    for marker, table in tables.items():
        paragraph = re.search(rf"<w:p>(?:(?!</w:p>).)*?>{marker}</w:t>(?:(?!</w:p>).)*?</w:p>", xml, re.DOTALL)
        if paragraph is None:  # pragma: no cover - python-docx writes a paragraph as <w:p>...</w:p>
            raise RuntimeError(f"the place of table {marker} was not found in the document")
        xml = xml[:paragraph.start()] + table + xml[paragraph.end():]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml"
                            else source.read(item.filename))
    return buffer.getvalue()


def _table_xml(table: ReportTable, lang: str, width: int) -> str:
    """The table as WordprocessingML text: python-docx's cell API takes minutes for 10,000 rows. Every value
    is escaped text in a <w:t>; nothing here is a field."""
    size = TABLE_PT * 2
    right_kinds = {"count", "percent", "gap", "signed"}
    rows = [[_cell_text(value, kind, lang) for value, (_, kind) in zip(values, table.columns)]
            for values in table.rows + ([table.total] if table.total else [])]
    # columns as wide as their longest text (a header wraps over two lines), shared out over the page width
    wants = [max([len(label) // 2 + 1, 4] + [min(len(row[i]), 32) for row in rows[:2000]])
             for i, (label, _) in enumerate(table.columns)]
    widths = [width * want // sum(wants) for want in wants]

    def cell(text: str, *, bold: bool = False, italic: bool = False, align: str = "left", column: int = 0) -> str:
        style = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        return (f'<w:tc><w:tcPr><w:tcW w:w="{widths[column]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:spacing w:after="0"/>'
                f'<w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>{style}<w:sz w:val="{size}"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(docx_text(text))}</w:t></w:r></w:p></w:tc>')

    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
             + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    repeat = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    parts.append(f"<w:tr>{repeat}" + "".join(cell(label, bold=True, align="center", column=i)
                                             for i, (label, _) in enumerate(table.columns)) + "</w:tr>")
    parts.append(f"<w:tr>{repeat}" + "".join(cell(f"({i + 1})", italic=True, align="center", column=i)
                                             for i in range(len(table.columns))) + "</w:tr>")
    aligns = ["right" if kind in right_kinds else "left" for _, kind in table.columns]
    for number, texts in enumerate(rows):
        bold = table.total is not None and number == len(rows) - 1
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
            cell(text, bold=bold, align=aligns[i], column=i) for i, text in enumerate(texts)) + "</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)
