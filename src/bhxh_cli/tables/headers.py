"""The header vocabulary of commune tables: which column a header means, in English or in an office's
Vietnamese, and the names of total rows."""

from __future__ import annotations

import re
import unicodedata

from bhxh_cli.core.schemes import SCHEMES

HEADER_SEARCH_ROWS = 30  # a title block above the header row is skipped, up to this many rows

# Header aliases, compared after folding (no accents, lowercase, non-letters as "_"). English keys are
# `code`, `name` and `<scheme>_<field>`; Vietnamese ones use the schemes' usual abbreviations.
_SCHEME_WORDS = {
    "mandatory": ("mandatory", "bb", "bhxh_bb", "bhxh_bat_buoc", "bat_buoc"),
    "voluntary": ("voluntary", "tn", "bhxh_tn", "bhxh_tu_nguyen", "tu_nguyen"),
    "unemployment": ("unemployment", "bhtn", "that_nghiep", "bh_that_nghiep"),
}
_FIELD_WORDS = {
    "eligible": ("eligible", "thuoc_dien", "thuoc_dien_tham_gia", "so_nguoi_thuoc_dien", "doi_tuong"),
    "enrolled": ("enrolled", "tham_gia", "so_nguoi_tham_gia", "da_tham_gia", "hien_tai"),
}
ALIASES: dict[str, str] = {
    "code": "code", "ma": "code", "ma_xa": "code", "ma_don_vi": "code", "ma_dvhc": "code", "ma_so": "code",
    "name": "name", "ten": "name", "ten_xa": "name", "xa": "name", "don_vi": "name", "xa_thi_tran": "name",
    "ten_don_vi": "name", "commune": "name",
}
for _scheme, _scheme_words in _SCHEME_WORDS.items():
    for _field, _field_words in _FIELD_WORDS.items():
        for _s in _scheme_words:
            for _f in _field_words:
                ALIASES[f"{_s}_{_f}"] = f"{_scheme}_{_field}"
                ALIASES[f"{_f}_{_s}"] = f"{_scheme}_{_field}"

COLUMN_HELP = {
    "code": "the commune's official code",
    "name": "the commune's name",
    **{f"{s}_eligible": f"people eligible for {s} insurance" for s in SCHEMES},
    **{f"{s}_enrolled": f"people enrolled in {s} insurance now" for s in SCHEMES},
}


_SCHEME_TOKENS = {  # word sequences (folded) that name a scheme inside a longer header
    "mandatory": (("bat", "buoc"), ("mandatory",), ("bb",)),
    "voluntary": (("tu", "nguyen"), ("voluntary",)),
    "unemployment": (("that", "nghiep"), ("unemployment",), ("bhtn",)),
}
_FIELD_TOKENS = (  # in this order: "Tỷ lệ tham gia" is a rate, "thuộc diện tham gia" is eligible
    (None, (("ty", "le"), ("rate",), ("pct",))),
    ("eligible", (("thuoc", "dien"), ("eligible",), ("doi", "tuong"))),
    ("target", (("chi", "tieu"), ("target",), ("ke", "hoach"))),
    ("enrolled", (("tham", "gia"), ("enrolled",), ("actual",))),
)
TOTAL_NAMES = {"tong_so", "tong_cong", "tong", "cong", "total", "grand_total"}


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
    tokens = folded.split("_")
    field = next((name for name, phrases in _FIELD_TOKENS if any(_has(tokens, p) for p in phrases)), "")
    if not field:
        return folded
    context = fold_header(f"{group} {label}").split("_")
    schemes = [scheme for scheme, phrases in _SCHEME_TOKENS.items() if any(_has(context, p) for p in phrases)]
    return f"{schemes[0]}_{field}" if len(schemes) == 1 else folded


def fold_header(text: str) -> str:
    """Header text as compared: accents removed (đ -> d), lowercase, runs of other characters as '_'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")
