"""What an office signs and sends, from a plan's own fields: the `(Kèm theo ...)` line of an appendix and the
drafted progress report (.docx) (the progress workbook's charts: commands/v2_sheets.py). Nothing is invented: a field the
plan does not have is left out, or left blank for the office to fill in."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bhxh_cli import i18n

if TYPE_CHECKING:  # the models import pydantic, which a clean version-1 plan is read without (plan/plain.py)
    from bhxh_cli.plan.models import Plan

# The unit word an area starts with, as the report says it: "Huyện Triệu Sơn, tỉnh Thanh Hóa" → "toàn huyện".
UNITS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")


def attached_line(plan: Plan, lang: str) -> str:
    """'(Kèm theo Kế hoạch số 45/KH-UBND ngày 20/01/2026 của UBND tỉnh Lai Châu)', without the parts the plan
    file does not give."""
    info = plan.plan
    parts = [i18n.label("attached.plan", lang, number=info.number)]
    if info.issued is not None:
        parts.append(i18n.label("attached.issued", lang, date=info.issued.strftime("%d/%m/%Y")))
    if info.issuer:
        parts.append(i18n.label("attached.issuer", lang, issuer=info.issuer))
    return i18n.label("attached", lang, document=" ".join(parts))


def area_title(plan: Plan, what: str, lang: str) -> str:
    area = plan.plan.area
    if lang == "vi" and area.split(" ", 1)[0].lower() in ("huyện", "tỉnh", "thành", "thị", "quận", "xã", "phường"):
        area = area[0].lower() + area[1:]  # "trên địa bàn huyện Triệu Sơn"
    return i18n.label("title.area", lang, what=what, area=area)


def signer_lines(signer: str | None) -> list[str] | None:
    """'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A' → its lines; the last is the name."""
    if not signer or not signer.strip():
        return None
    return [part.strip() for part in signer.split("/") if part.strip()]


def _summary(total: dict, date, where: str, lang: str, year: int) -> str:
    """The scheme's summary sentence; a partial report's totals cover only the communes that reported, and the
    sentence says so instead of speaking for the whole area."""
    from bhxh_cli.output.docx_report import summary_sentence

    reported, planned = total.get("communes"), total.get("communes_in_plan")
    if reported is None or planned is None or reported >= planned:
        return summary_sentence(total, date, where, lang)
    where = i18n.label(i18n.units_key("report.where.partial", year), lang, count=reported, of=planned)
    return summary_sentence(total, date, where, lang, partial=True)


def _unit(area: str) -> tuple[str | None, str]:
    """('huyện', 'Triệu Sơn') from 'Huyện Triệu Sơn, tỉnh Thanh Hóa'; (None, first part) when no unit word."""
    first = area.split(",")[0].strip()
    for unit in UNITS:
        if first.lower().startswith(unit + " "):
            return unit, first[len(unit):].strip()
    return None, first


def _suffix(plan: Plan) -> str:
    """The issuing body's abbreviation from the plan's number: 519/KH-UBND → UBND; else left blank."""
    number = plan.plan.number
    if "/" in number and "-" in number.split("/", 1)[1]:
        return number.split("/", 1)[1].split("-", 1)[1]
    return "……"


def progress_report(plan: Plan, document: dict[str, Any], date: dt.date, lang: str,
                    signer: str | None = None) -> bytes:
    """The drafted report: every number from `document`, the rows `bhxh gap --format json` prints."""
    from bhxh_cli.output.docx_report import (
        DraftedReport,
        ReportTable,
        behind_sentence,
        docx_bytes,
        short_date,
    )

    info = plan.plan
    unit, place = _unit(info.area)
    where = i18n.label("report.where", lang, unit=unit, area=info.area) if (unit or lang == "en") else \
        i18n.label("report.where.area", lang)
    suffix = _suffix(plan)
    sections, tables = [], []
    with_change = any(total.get("change_previous") is not None for total in document["total"].values())
    for number, (scheme, total) in enumerate(document["total"].items(), start=1):
        appendix = f"{number:02d}"
        sections.append((i18n.label("report.heading", lang, number=number, scheme=i18n.label(f"{scheme}.long", lang)),
                         [_summary(total, date, where, lang, info.year),
                          behind_sentence(document["rows"], scheme, lang, info.year),
                          i18n.label("report.appendix", lang, number=appendix)]))
        columns = [(i18n.label("index", lang), "count"), (i18n.label("code", lang), "text"),
                   (i18n.label(i18n.units_key("name", info.year), lang), "text"), (i18n.label("target", lang), "count"),
                   (i18n.label("actual", lang), "count"), (i18n.label("gap", lang), "gap"),
                   (i18n.label("achieved", lang), "percent"), (i18n.label("expected", lang), "count"),
                   (i18n.label("status", lang), "status")]
        keys = ["target", "actual", "gap", "achieved", "expected", "status"]
        if with_change:
            columns.append((i18n.label("change", lang), "signed"))
            keys.append("change_previous")
        rows = [[index, row["code"], row["name"]] + [row[key] for key in keys]
                for index, row in enumerate((r for r in document["rows"] if r["scheme"] == scheme), start=1)]
        title = i18n.label("gap.title", lang, scheme=i18n.label(f"{scheme}.long", lang), date=short_date(date))
        issuer = f" {i18n.label('attached.issuer', lang, issuer=info.issuer)}" if info.issuer else ""
        tables.append(ReportTable(
            f"{i18n.label('appendix', lang)} {appendix}", area_title(plan, title, lang),
            i18n.label("report.attached", lang, suffix=suffix, year=date.year, issuer=issuer), columns, rows,
            [None, None, i18n.label("total", lang)] + [total[key] for key in keys]))
    report = DraftedReport(
        issuer=[info.issuer] if info.issuer else [],
        number=i18n.label("report.number", lang, suffix=suffix),
        place_date=i18n.label("report.place_date", lang, place=place, year=date.year),
        kind=i18n.label("report.kind", lang),
        subject=area_title(plan, i18n.label("report.subject", lang, date=short_date(date)), lang),
        sections=sections, closing=[i18n.label(i18n.units_key("report.chart", info.year), lang)], signer=signer_lines(signer), tables=tables)
    return docx_bytes(report, lang)


def with_signature(table, plan: Plan, signer: str | None, number: str | None = None):
    """A workbook to be signed as a document of its own: the issuing body on top, the signature block below;
    and its number as an appendix ("PHỤ BIỂU 01") when one is given."""
    if number and number.strip():
        table.number = number.strip()
    lines = signer_lines(signer)
    if lines:
        table.signer = lines
        table.issuer = [plan.plan.issuer] if plan.plan.issuer else None
    return table
