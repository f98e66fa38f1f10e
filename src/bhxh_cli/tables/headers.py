"""The header vocabulary of commune tables: which column a header means, in English or in an office's
Vietnamese (before and after the 2025 reform), the date a progress header carries, and the names of total
and group rows."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bhxh_cli.messages import tr

HEADER_SEARCH_ROWS = 30  # a title block above the header row is skipped, up to this many rows

# Header aliases, compared after folding (no accents, lowercase, non-letters as "_"). English keys are
# `code`, `name` and `<scheme>_<field>`; Vietnamese ones use the schemes' usual abbreviations.
_SCHEME_WORDS = {
    "mandatory": ("mandatory", "bb", "bhxh_bb", "bhxh_bat_buoc", "bat_buoc"),
    "voluntary": ("voluntary", "tn", "bhxh_tn", "bhxh_tu_nguyen", "tu_nguyen"),
    "unemployment": ("unemployment", "bhtn", "that_nghiep", "bh_that_nghiep"),
    "health": ("health", "bhyt", "y_te", "bao_hiem_y_te"),
}
_FIELD_WORDS = {
    "eligible": ("eligible", "thuoc_dien", "thuoc_dien_tham_gia", "so_nguoi_thuoc_dien", "doi_tuong"),
    "enrolled": ("enrolled", "tham_gia", "so_nguoi_tham_gia", "da_tham_gia", "hien_tai"),
    # the counts a rate can be of besides eligible people (core/schemes.py DENOMINATORS)
    "population": ("population", "dan_so", "so_dan"),
    "labour_force": ("labour_force", "luc_luong_lao_dong", "llld"),
}
ALIASES: dict[str, str] = {
    "code": "code", "ma": "code", "ma_xa": "code", "ma_don_vi": "code", "ma_dvhc": "code", "ma_so": "code",
    "ma_don_vi_hanh_chinh": "code", "ma_xa_phuong": "code",
    "name": "name", "ten": "name", "ten_xa": "name", "xa": "name", "don_vi": "name", "xa_thi_tran": "name",
    "ten_don_vi": "name", "commune": "name",
    # the unit a commune is under (its district, or a group), for splitting through levels in one run
    "parent": "parent", "ma_huyen": "parent", "ma_quan_huyen": "parent", "ma_cap_tren": "parent",
    "parent_name": "parent_name", "huyen": "parent_name", "ten_huyen": "parent_name", "quan_huyen": "parent_name",
    # ... or the group it is in since 2025: the grassroots social-insurance office that serves it, or a group
    "ma_bhxh_co_so": "parent", "ma_co_quan_bhxh": "parent", "ma_nhom": "parent",
    "bhxh_co_so": "parent_name", "ten_bhxh_co_so": "parent_name", "co_quan_bhxh": "parent_name",
    "nhom": "parent_name", "ten_nhom": "parent_name",
    # since the 2025 reform: communes, wards and special zones, no districts
    "xa_phuong": "name", "ten_xa_phuong": "name", "ten_don_vi_xa_phuong": "name", "xa_phuong_dac_khu": "name",
    "ten_xa_phuong_dac_khu": "name", "ten_don_vi_hanh_chinh": "name", "don_vi_hanh_chinh": "name",
    "ten_xa_thi_tran": "name", "ten_don_vi_xa_thi_tran": "name",
    # a count every scheme's rates can be of, in one column for all of them (`health_population` and
    # `mandatory_labour_force` name one scheme's): the reader lends it to the schemes that need it
    "population": "population", "dan_so": "population", "tong_dan_so": "population", "so_dan": "population",
    "labour_force": "labour_force", "luc_luong_lao_dong": "labour_force",
    "luc_luong_lao_dong_trong_do_tuoi": "labour_force", "llld": "labour_force",
    # the row number: read only to recognise group rows (I, II, A, B) in it
    "stt": "index", "tt": "index", "so_tt": "index", "so_thu_tu": "index",
}
# A header naming the area itself stands over the names column of an appendix ("Huyện Triệu Sơn"): a unit's
# word, then a proper name, capitalised ("Tình trạng" and "Quản lý" are not areas).
_AREA_WORDS = (("huyen",), ("quan",), ("tinh",), ("thi", "xa"), ("thanh", "pho"))


def _is_area(label: str) -> bool:
    words = label.split()
    folded = [fold_header(word) for word in words[:2]]
    for prefix in _AREA_WORDS:
        if tuple(folded[:len(prefix)]) == prefix:
            rest = words[len(prefix):]
            return bool(rest) and all(word[:1].isupper() for word in rest)
    return False
for _scheme, _scheme_words in _SCHEME_WORDS.items():
    for _field, _field_words in _FIELD_WORDS.items():
        for _s in _scheme_words:
            for _f in _field_words:
                ALIASES[f"{_s}_{_f}"] = f"{_scheme}_{_field}"
                ALIASES[f"{_f}_{_s}"] = f"{_scheme}_{_field}"

_SCHEME_TOKENS = {  # word sequences (folded) that name a scheme inside a longer header
    "mandatory": (("bat", "buoc"), ("mandatory",), ("bb",)),
    "voluntary": (("tu", "nguyen"), ("voluntary",), ("tn",)),  # "TN thực hiện", "BHXH TN" (BHTN is one word)
    "unemployment": (("that", "nghiep"), ("unemployment",), ("bhtn",)),
    "health": (("y", "te"), ("health",), ("bhyt",)),
}
_FIELD_TOKENS = (  # in this order: "Tỷ lệ tham gia" is a rate, "thuộc diện tham gia" is eligible
    ("rate", (("ty", "le"), ("rate",), ("pct",))),
    ("eligible", (("thuoc", "dien"), ("eligible",), ("doi", "tuong"))),
    ("target", (("chi", "tieu"), ("target",), ("ke", "hoach"))),
    # progress reports: "Thực hiện đến 30/6/2026", "Lũy kế", "Đã tham gia" are the enrolment to date
    ("enrolled", (("tham", "gia"), ("enrolled",), ("actual",), ("thuc", "hien"), ("luy", "ke"))),
    ("population", (("dan", "so"), ("population",))),  # after enrolled: "Dân số tham gia BHYT" is enrolled
    ("labour_force", (("luc", "luong", "lao", "dong"), ("labour", "force"))),
)
# Counts one column can give every scheme (a table's population or labour force): `<scheme>_population`
# is read from `population` when the table has no column of the scheme's own.
SHARED_COUNTS = ("population", "labour_force")
# Total rows (folded): a checksum of the communes, at the top or the bottom of the table.
TOTAL_NAMES = {"tong_so", "tong_cong", "tong", "cong", "total", "grand_total", "toan_tinh", "toan_huyen",
               "toan_xa", "toan_thanh_pho", "tong_so_chung", "cong_chung"}
# Labels of group rows (folded), e.g. "I | Phường" over the wards, "II | Xã" over the communes.
GROUP_LABELS = {"phuong", "xa", "dac_khu", "thi_tran", "khoi_phuong", "khoi_xa", "khoi_thi_tran",
                "khoi_dac_khu", "cac_phuong", "cac_xa", "cac_thi_tran", "cac_dac_khu", "xa_thi_tran",
                "phuong_thi_tran", "phuong_xa", "xa_phuong", "wards", "communes"}


def _has(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i:i + n]) == phrase for i in range(len(tokens) - n + 1))


def header_key(label: str, group: str = "") -> str:
    """The column a header means: `code`, `name` or `<scheme>_<field>`; '' when it means none of them.

    Exact names and aliases first (`mandatory_eligible`, `mã`, `BB thuộc diện`); then the words of a
    ministry-style header, with the group header above it: "Số người thuộc diện tham gia BHXH bắt buộc",
    or "Thuộc diện tham gia" under a merged "Bảo hiểm xã hội bắt buộc".
    """
    folded = fold_header(label)
    if not folded:
        return ""
    if folded in ALIASES:
        return ALIASES[folded]
    if _is_area(label):
        return "name"
    tokens = folded.split("_")
    field = _field_of(tokens)
    context = fold_header(f"{group} {label}").split("_")
    schemes = [scheme for scheme, phrases in _SCHEME_TOKENS.items() if any(_has(context, p) for p in phrases)]
    if not field and len(schemes) == 1 and _schemes_of(tokens):
        # a scheme's name under a merged field header: "BHXH bắt buộc" under "Thực hiện đến 30/6/2026"
        field = _field_of(fold_header(group).split("_"))
    if not field:
        return folded
    if field == "rate" and not schemes:
        return "rate"  # a rate column after a scheme's counts, without the scheme's name: placed by the reader
    return f"{schemes[0]}_{field}" if len(schemes) == 1 else folded


def names_counts_of_no_scheme(label: str, group: str = "") -> bool:
    """Whether a header speaks of counts (people enrolled, eligible, a target) but of no one scheme we know:
    such a column is not read, and a person must be told so ("BB+TN lũy kế", "Cùng kỳ thực hiện")."""
    if header_key(label, group) in ("", "code", "name", "rate", "parent", "parent_name"):
        return False
    tokens = fold_header(f"{group} {label}").split("_")
    field = _field_of(tokens)
    return bool(field) and field != "rate" and len(_schemes_of(tokens)) != 1


def _field_of(tokens: list[str]) -> str:
    return next((name for name, phrases in _FIELD_TOKENS if any(_has(tokens, p) for p in phrases)), "")


def _schemes_of(tokens: list[str]) -> list[str]:
    return [scheme for scheme, phrases in _SCHEME_TOKENS.items() if any(_has(tokens, p) for p in phrases)]


_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4}|[0-9]{2})(?![0-9])")
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_WORDS_DATE = re.compile(r"ngay\s*([0-9]{1,2})\s*thang\s*([0-9]{1,2})\s*nam\s*([0-9]{4})")  # ngày 30 tháng 6 năm 2026
# A month in words, folded: tháng Giêng (or Một) … tháng Mười Hai (or Chạp); "Năm" is May only when the year's
# "năm" or a "/" follows it ("tháng Năm năm 2020"), as every pattern below asks. Longest words first.
_MONTH_WORDS = {"gieng": 1, "muoi mot": 11, "muoi hai": 12, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4,
                "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10, "chap": 12}
_MONTH_TOKEN = r"([0-9]{1,2}|" + "|".join(w.replace(" ", r"\s+") for w in _MONTH_WORDS) + r")\b"
_MONTH = re.compile(rf"thang\s*(?:([0-9]{{1,2}})\s*(?:[/.-]\s*|nam\s*)?|{_MONTH_TOKEN}\s*(?:[/.-]\s*|nam\s*))"
                    r"([0-9]{4})")  # tháng 6/2026, tháng 6 2026, tháng Sáu năm 2026
_FIRST_MONTHS = re.compile(r"([0-9]{1,2})\s*thang\s*(?:dau\s*)?nam\s*([0-9]{4})")  # 6 tháng đầu năm 2026


def _month_number(token: str) -> int:
    """A month as written after "tháng": 6, 06 or its word (Sáu, Giêng, Chạp), folded."""
    return int(token) if token.isascii() and token.isdigit() else _MONTH_WORDS[" ".join(token.split())]


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def header_date(text: str) -> dt.date | None:
    """The date a header carries, written as Vietnamese documents do: "Thực hiện đến 30/6/2026", "30/06/26",
    "2026-06-30", "ngày 30 tháng 6 năm 2026"; a month ("tháng 6/2026", "6 tháng đầu năm 2026") means its last
    day. None when the header carries no date; ValueError (with the reason) when it carries one that cannot be:
    a date is never guessed, and never dropped for today's."""
    folded = fold_header(text).replace("_", " ")
    found = _ISO_DATE.search(text)
    if found is not None:
        year, month, day = map(int, found.groups())
    else:
        found = _DATE.search(text) or _WORDS_DATE.search(folded)
        if found is not None:
            day, month, year = map(int, found.groups())
            if year < 100:
                year += 2000  # "30/06/26": no plan of this tool is of the twentieth century
        else:
            found = _MONTH.search(folded)
            if found is not None:
                month, year = _month_number(found.group(1) or found.group(2)), int(found.group(3))
            elif found := _FIRST_MONTHS.search(folded):
                month, year = map(int, found.groups())
            else:
                return None
            if not 1 <= month <= 12:
                raise ValueError(tr("header.not_a_month", month=month, year=year))
            return _month_end(year, month)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(tr("header.not_a_date", day=day, month=month, year=year)) from None


# A title line that says what date the figures are at: "Thực hiện đến 30/9/2022", "Số liệu tính đến ngày
# 30/6/2026", "Báo cáo tháng 6/2026", "Lũy kế đến hết tháng 9 năm 2022". A title's other dates (the plan's
# "ngày 01/3/2022", the signing date) are not the report's.
_AS_OF_TITLE = re.compile(r"\bden\s+(?:het\s+)?(?:ngay\s+|thang\s+)?[0-9]|"
                          r"\b(?:bao\s+cao|ket\s+qua|thuc\s+hien|tien\s+do|so\s+lieu)\s+(?:thang|quy)\s*[0-9]")


# Elsewhere in a title, a period names the figures' date: "Báo cáo tình hình tham gia tháng 6/2020", "quý II
# năm 2020", "6 tháng đầu năm 2020", "năm 2020"; a full date without "đến" (the plan's "ngày 01/3/2022", the
# signing date "ngày 15 tháng 7 năm 2020") is taken out first: it is not the figures'.
_FULL_DATE = re.compile(r"ngay\s*[0-9]{1,2}\s*thang\s*[0-9]{1,2}\s*nam\s*[0-9]{4}|(?<![0-9])[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*"
                        r"[0-9]{2,4}(?![0-9])|(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])")
_SOME_MONTHS = re.compile(r"(?<![0-9])([0-9]{1,2})\s*thang\s*(dau\s*|cuoi\s*)?nam\s*([0-9]{4})(?![0-9])")  # 6 tháng đầu năm 2020
_TITLE_MONTH = re.compile(rf"\bthang\s*{_MONTH_TOKEN}\s*(?:[/.-]|nam)\s*([0-9]{{4}})(?![0-9])")  # tháng 6/2020, tháng Bảy năm 2020
_QUARTER = re.compile(r"\bquy\s*(iv|i{1,3}|[1-4])\s*(?:[/.-]|nam)\s*([0-9]{4})(?![0-9])")  # quý II/2020, quý 2 năm 2020
# a year alone dates a report's figures ("Báo cáo kết quả năm 2020": its last day, which the command refuses
# while it is still to come, as any date of figures), not a list's or a plan's ("Danh sách xã năm 2020", "Kế
# hoạch năm 2026")
_YEAR = re.compile(r"\b(?:bao\s+cao|ket\s+qua|thuc\s+hien|tinh\s+hinh|so\s+lieu|luy\s+ke)\b.*?\bnam\s*([0-9]{4})(?![0-9])")
# Last, a report's own date: "Báo cáo ngày 15 tháng 7 năm 2020", "Báo cáo số 12/BC-UBND ngày 15/7/2020"; not a
# plan's or a decision's that the title names between ("Báo cáo thực hiện Kế hoạch 77/KH-UBND ngày 01/3/2022").
_REPORT_DAY = re.compile(r"\bbao\s+cao\b(.*?)\b(ngay)\s*(?=[0-9])")
_OTHER_PAPER = re.compile(r"\b(?:ke\s+hoach|quyet\s+dinh|cong\s+van|nghi\s+quyet|nghi\s+dinh|chi\s+thi|thong\s+tu"
                          r"|van\s+ban|kh|qd|cv|nq|nd|ct|tt)\b")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _clause(line: str, start: int) -> str:
    """The line from `start` to the next comma, semicolon or bracket: no date holds one, and a later date
    ("Báo cáo tháng 6/2020, Thanh Hóa ngày 5/7/2020": the signing day) is another clause's."""
    found = _CLAUSE_END.search(line, start)
    return line[start:found.start() if found else len(line)]


_CLAUSE_END = re.compile(r"[,;()\[\]]")


class YearEnd(dt.date):
    """31 December of a year a title names without a month ("Báo cáo năm 2026"): the year is the title's,
    the day only its end, so a date within that year given with --as-of does not contradict it."""

    __slots__ = ()


def title_date(line: str) -> dt.date | None:
    """The date a title line above a table's header gives its figures ("Thực hiện đến 30/9/2022", "Báo cáo
    tình hình tham gia tháng 6/2020" or "tháng Sáu năm 2020": the month's last day; "quý II/2020": the
    quarter's; "6 tháng đầu năm 2020"; "Báo cáo kết quả năm 2020": the year's; "Báo cáo ngày 15/7/2020": the
    report's own day), or None; ValueError (as header_date) for one that cannot be."""
    line = unicodedata.normalize("NFC", line)
    folded = line.translate(_FOLD).lower()  # letter for letter (NFC): its positions are the line's
    found = _AS_OF_TITLE.search(folded) if len(folded) == len(line) else None
    if found is not None:
        date = header_date(_clause(line, found.start()))  # the date after the words, not a later one
        if date is not None:
            return date
    rest = _FULL_DATE.sub(" ", folded)
    found = _SOME_MONTHS.search(rest)
    if found is not None:
        months, part, year = int(found.group(1)), (found.group(2) or "").strip(), int(found.group(3))
        if not 1 <= months <= 12:
            raise ValueError(tr("header.not_a_month", month=months, year=year))
        return _month_end(year, 12 if part == "cuoi" else months)
    found = _TITLE_MONTH.search(rest)
    if found is not None:
        month, year = _month_number(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12:
            raise ValueError(tr("header.not_a_month", month=month, year=year))
        return _month_end(year, month)
    found = _QUARTER.search(rest)
    if found is not None:
        return _month_end(int(found.group(2)), 3 * _QUARTERS[found.group(1)])
    found = _YEAR.search(rest)
    if found is not None:
        return YearEnd(int(found.group(1)), 12, 31)
    found = _REPORT_DAY.search(folded) if len(folded) == len(line) else None
    if found is not None and not _OTHER_PAPER.search(found.group(1)):
        return header_date(_clause(line, found.start(2)))  # the date right after "ngày"
    return None


def _fold_table() -> dict[int, str | None]:
    """Latin letters with marks -> their base letter (đ -> d), combining marks -> nothing: one str.translate,
    fast enough to fold every row's name of a 10,600-commune table."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for point in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(point)) if not unicodedata.combining(c))
        if base != chr(point):
            table[point] = base
    table.update({point: None for point in range(0x300, 0x370)})
    return table


_FOLD = _fold_table()
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_header(text: str) -> str:
    """Header text as compared: accents removed (đ -> d), lowercase, runs of other characters as '_'."""
    return _NOT_WORD.sub("_", text.translate(_FOLD).casefold()).strip("_")


# -- the README's list of understood headers (tests/test_appendix.py keeps the README equal to this) ---------

_LISTED = (  # (what the column is, the key it is read as, headers as offices write them, with the group above)
    ("code", "code", ["code", "Mã", "Mã xã", "Mã ĐVHC", "Mã đơn vị", "Mã đơn vị hành chính", "Mã số"]),
    ("name", "name", ["name", "Tên", "Tên xã", "Xã", "Xã, thị trấn", "Tên xã, thị trấn", "Xã, phường",
                      "Tên xã, phường", "Tên đơn vị (xã, phường)", "Xã, phường, đặc khu", "Đơn vị", "Tên đơn vị",
                      "Tên đơn vị hành chính", "Huyện …, Tỉnh …, Thành phố … (the area's own name)"]),
    ("row number (only its group marks I, II, A, B are read)", "index", ["STT", "TT", "Số TT", "Số thứ tự"]),
    ("eligible", "mandatory_eligible", ["mandatory_eligible", "BB thuộc diện",
                                        "Số người thuộc diện tham gia BHXH bắt buộc",
                                        "Thuộc diện tham gia (under BHXH bắt buộc)", "Đối tượng (under …)"]),
    ("enrolled (now, or to a report's date)", "mandatory_enrolled", [
        "mandatory_enrolled", "BB tham gia", "Số người tham gia BHXH bắt buộc", "Đang tham gia (under …)",
        "Đã tham gia (under …)", "Thực hiện (under …)", "Thực hiện đến 30/6/2026 (under …)",
        "Số người tham gia đến 30/6/2026 (under …)", "Lũy kế (under …)", "BHXH bắt buộc (under Thực hiện …)"]),
    ("population (what health insurance rates are of; one column for every scheme of it)", "population",
     ["population", "Dân số", "Tổng dân số"]),
    ("one scheme's own population (or `<scheme>_labour_force`)", "health_population",
     ["health_population", "BHYT dân số"]),
    ("working-age labour force (one column for every scheme whose rates are of it)", "labour_force",
     ["labour_force", "Lực lượng lao động", "Lực lượng lao động trong độ tuổi"]),
    ("target (plan import)", "mandatory_target", ["Chỉ tiêu (under …)", "Kế hoạch năm 2026 (under …)"]),
    ("rate as printed (plan import)", "mandatory_rate", ["Tỷ lệ (under …, or right of the scheme's counts)",
                                                         "Tỷ lệ tham gia BHXH bắt buộc (%)"]),
)


def understood_headers() -> str:
    """The README's list of the headers understood, checked against `header_key` so that it cannot drift."""
    lines = []
    for what, key, examples in _LISTED:
        for example in examples:
            label, _, group = example.partition(" (under ")
            if "…" in label:
                continue  # an example with a pattern, not a literal header
            group = group.rstrip(")").replace("…", "BHXH bắt buộc")
            if header_key(label, group) != key:  # the list would say what the reader does not do
                raise ValueError(f"the README's header '{example}' is read as '{header_key(label, group)}', "
                                 f"not '{key}'")
        lines.append(f"- {what}: " + ", ".join(f"`{e}`" for e in examples))
    lines.append("- schemes, in a header or in the group header above it: `BB`, `bắt buộc`, `mandatory` · `TN`, "
                 "`tự nguyện`, `voluntary` · `BHTN`, `thất nghiệp`, `unemployment` · `BHYT`, `y tế`, `health`")
    lines.append("- total rows (a checksum of the communes, at the top or the bottom; any case, with or without "
                 "marks): " + ", ".join(f"`{n}`" for n in ("TỔNG SỐ", "Tổng cộng", "Cộng", "Tổng", "Toàn tỉnh",
                                                           "Toàn huyện", "Toàn xã", "Total")))
    lines.append("- group rows (skipped; a subtotal on them is checked): `I`, `II`, `A`, `B` … in the row-number "
                 "or code column, or a name such as " + ", ".join(f"`{n}`" for n in ("Phường", "Xã", "Đặc khu",
                                                                                    "Khối phường", "I. Phường")))
    lines.append("- a column-number row under the header is skipped: `(1) (2) (3)`, `1 2 3`, `A B C`, `A B 1 2`")
    return "\n".join(lines) + "\n"
