"""Labels in Vietnamese and English, and numbers written the way each language writes them.

Vietnamese: 15.890 and 97,7% (dot for thousands, comma for decimals); English: 15,890 and 97.7%.
Machine formats (csv, json) never come through here: they carry plain numbers.
"""

from __future__ import annotations

from decimal import Decimal

LABELS: dict[str, tuple[str, str]] = {
    # schemes
    "mandatory": ("BHXH bắt buộc", "Mandatory social insurance"),
    "voluntary": ("BHXH tự nguyện", "Voluntary social insurance"),
    "unemployment": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    "mandatory.long": ("Bảo hiểm xã hội bắt buộc", "Mandatory social insurance"),
    "voluntary.long": ("Bảo hiểm xã hội tự nguyện", "Voluntary social insurance"),
    "unemployment.long": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    # columns
    "scheme": ("Loại hình", "Scheme"),
    "code": ("Mã", "Code"),
    "name": ("Xã, thị trấn", "Commune"),
    "eligible": ("Thuộc diện tham gia", "Eligible"),
    "enrolled": ("Tham gia (chỉ tiêu)", "Enrolled (target)"),
    "rate": ("Tỷ lệ", "Rate"),
    "stated_rate": ("Tỷ lệ ghi trong KH", "Stated rate"),
    "not_covered": ("Chưa tham gia", "Not covered"),
    "baseline": ("Năm trước", "Previous year"),
    "growth": ("Tăng so với năm trước", "Growth"),
    "total": ("TỔNG SỐ", "TOTAL"),
    # notes
    "rates.title": ("Chỉ tiêu phát triển đối tượng tham gia BHXH năm {year}",
                    "Social-insurance participation targets for {year}"),
    "rates.denominator": ("Tỷ lệ = số người tham gia / số người thuộc diện tham gia × 100, làm tròn 1 chữ số thập phân.",
                          "Rate = participants / eligible people × 100, rounded half-up to one decimal."),
    "agrees": ("khớp", "agrees"),
    "disagrees": ("không khớp", "disagrees"),
    "target": ("Chỉ tiêu giao", "Target"),
    "enrolled_now": ("Đang tham gia", "Enrolled now"),
    "target_rate": ("Tỷ lệ chỉ tiêu", "Target rate"),
    "quota": ("Phần chia chính xác", "Exact quota"),
    "remainder": ("Phần lẻ", "Remainder"),
    "priority": ("Ưu tiên cuối", "Last priority"),
    "bound": ("Giới hạn", "Bound"),
    "tie": ("Hòa", "Tie"),
    "bound.eligible": ("= số thuộc diện", "= eligible"),
    "bound.enrolled": ("= số đang tham gia", "= enrolled now"),
    "tie.yes": ("hòa", "tie"),
    "allocate.title": ("{scheme}: chỉ tiêu giao cho xã, thị trấn", "{scheme}: targets by commune"),
    "allocate.basis.eligible": ("Chia theo số người thuộc diện tham gia ({method}); không xã nào vượt số thuộc diện.",
                                "Split by eligible people ({method}); no commune above its eligible."),
    "allocate.basis.headroom": ("Chia phần tăng theo số người chưa tham gia ({method}), cộng vào số đang tham gia.",
                                "The increase split by people not yet covered ({method}), added to enrolment now."),
    "allocate.rate.eligible": ("Tỷ lệ chung: {rate}% số người thuộc diện.", "Common rate: {rate}% of eligible people."),
    "allocate.rate.headroom": ("Tỷ lệ chung: {rate}% số người chưa tham gia.",
                               "Common rate: {rate}% of people not yet covered."),
    "method.sainte-lague": ("Sainte-Laguë", "Sainte-Laguë"),
    "method.dhondt": ("D'Hondt", "D'Hondt"),
    "method.huntington-hill": ("Huntington-Hill", "Huntington-Hill"),
    "method.adams": ("Adams", "Adams"),
    "method.hamilton": ("phần dư lớn nhất", "largest remainder"),
    "actual": ("Đã tham gia", "Enrolled"),
    "gap": ("Còn thiếu", "Gap"),
    "achieved": ("Đạt % chỉ tiêu", "Achieved"),
    "rate_points": ("Tỷ lệ so với KH", "Rate vs plan"),
    "still_needed": ("Cần thêm", "Still needed"),
    "expected": ("Theo tiến độ", "Expected"),
    "status": ("Tình trạng", "Status"),
    "change": ("So với kỳ trước", "Change"),
    "exceeded": ("vượt {count}", "exceeded by {count}"),
    "points": ("{value} đ.p.", "{value} pp"),
    "status.met": ("đạt", "met"),
    "status.on track": ("đúng tiến độ", "on track"),
    "status.behind": ("chậm", "behind"),
    "gap.title": ("{scheme}: tiến độ đến {date}", "{scheme}: progress to {date}"),
    "gap.schedule": ("Tiến độ: đường thẳng từ số tham gia đầu năm (1/1) đến chỉ tiêu (31/12); đã qua {share}% năm.",
                     "Schedule: a straight line from enrolment at the start of the year (1 Jan) to the target "
                     "(31 Dec); {share}% of the year elapsed."),
    "gap.schedule.nobaseline": ("Không có số đầu năm (baseline): so tỷ lệ đạt chỉ tiêu với {share}% thời gian đã qua.",
                                "No baseline in the plan: the share of the target reached is compared with the "
                                "{share}% of the year elapsed."),
    "coverage.plan.title": ("Số người chưa tham gia theo kế hoạch năm {year}", "Coverage gap of the {year} plan"),
    "coverage.title": ("{scheme}: số người chưa tham gia theo kế hoạch", "{scheme}: coverage gap of the plan"),
    "coverage.note": ("Chưa tham gia = thuộc diện − chỉ tiêu. Thêm --actual FILE để so với số đã tham gia.",
                      "Not covered = eligible − target. Add --actual FILE to compare with enrolment reported."),
    "index": ("STT", "No."),
    "allocate.book.title": ("Giao chỉ tiêu phát triển đối tượng tham gia BHXH năm {year} cho xã, thị trấn",
                            "Social-insurance participation targets for {year} by commune"),
    "gap.book.title": ("Tiến độ thực hiện chỉ tiêu phát triển đối tượng tham gia BHXH đến {date}",
                       "Progress against social-insurance participation targets to {date}"),
    "by_commune.title": ("{scheme}: chỉ tiêu theo xã, thị trấn", "{scheme}: targets by commune"),
}


def label(key: str, lang: str, **values: object) -> str:
    vi, en = LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def format_count(value: int | None, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def format_decimal(value: Decimal | None, lang: str, *, sign: bool = False) -> str:
    """A decimal number with the language's separators (one decimal stays one decimal)."""
    if value is None:
        return "—"
    if value.is_zero():
        value = abs(value)  # -0.0 (a rate written "-0.0") is 0.0: never printed "-0,0"
    text = f"{value:+,}" if sign else f"{value:,}"
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def format_percent(value: Decimal | None, lang: str, *, sign: bool = False) -> str:
    return "—" if value is None else format_decimal(value, lang, sign=sign) + "%"


def format_signed_count(value: int | None, lang: str) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "−" if value < 0 else "±") + format_count(abs(value), lang)
