"""The rows of an official appendix that are not communes: the column-number row under the header, total
rows (at the top or the bottom) and group rows (I, II or A, B with a label such as "Phường" or "Xã").

Pure functions of cell text, so that CSV, .xlsx and .xls tables are read alike."""

from __future__ import annotations

import re

from bhxh_cli.tables.headers import GROUP_LABELS, TOTAL_NAMES, fold_header

# One cell of a column-number row: (1), 1, A, (A), [3], or a formula between them such as (5)=(4)/(3)*100.
_NUMBER_TOKEN = r"[(\[]?(?:[0-9]{1,3}|[A-Z]{1,2})[)\]]?"
_NUMBERING_CELL = re.compile(rf"{_NUMBER_TOKEN}(?:\s*[=+\-*/x×:]\s*{_NUMBER_TOKEN})*(?:\s*[*x×]\s*100)?%?")
_LONGEST = 30  # no total or group label is longer: longer names are communes, without folding them
_LEADING = re.compile(r"[(\[]?([0-9]{1,3}|[A-Z]{1,2})")
_ROMAN = re.compile(r"(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_GROUP_MARK = re.compile(r"([IVXLC]+|[A-Z])[.)]?")
_GROUP_IN_NAME = re.compile(r"([IVXLC]+|[A-Z])[.)]\s+(.+)")


def is_numbering_row(cells: list[str], name_index: int) -> bool:
    """A column-number row under the header: (1) (2) (3)…, 1 2 3… or A B C…, the names column included."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) < 2:
        return False
    name = cells[name_index].strip() if name_index < len(cells) else ""
    if not name or not _NUMBERING_CELL.fullmatch(name):
        return False
    if not all(_NUMBERING_CELL.fullmatch(cell) for cell in filled):
        return False
    # The leading numbers rise from left to right: letters (A B C, for the text columns) then digits.
    letters, digits = [], []
    for cell in filled:
        token = _LEADING.match(cell).group(1)
        if token.isdigit():
            digits.append(int(token))
        elif digits:
            return False
        else:
            letters.append(token)
    # ... and a column's number is never more than the columns there are: a commune named "A" with 60
    # enrolled is a commune, not a numbering row.
    if any(number > len(cells) for number in digits):
        return False
    return all(a < b for a, b in zip(digits, digits[1:])) and all(a < b for a, b in zip(letters, letters[1:]))


def is_total_label(text: str) -> bool:
    """TỔNG SỐ, Tổng cộng, Cộng, Tổng, Toàn tỉnh, Toàn huyện, Toàn xã: any case, with or without marks."""
    return len(text) <= _LONGEST and fold_header(text) in TOTAL_NAMES


def _is_mark(text: str) -> bool:
    """I, II, IV … or a single capital letter, optionally followed by '.' or ')'."""
    found = _GROUP_MARK.fullmatch(text.strip())
    if found is None:
        return False
    mark = found.group(1)
    return len(mark) == 1 or _ROMAN.fullmatch(mark) is not None


def row_kind(number: str, code: str, name: str) -> tuple[str, str]:
    """("total", label), ("group", label) or ("commune", name) for a row's row-number, code and name text."""
    if code.isdigit():  # a commune's official code: neither a total nor a group word (no folding needed)
        label = group_label(number, code, name, "")
        return ("group", label) if label is not None else ("commune", name)
    folded = fold_header(name) if name and len(name) <= _LONGEST else ""
    if folded in TOTAL_NAMES:
        return "total", name
    for text in (number, code):
        if text and not text.isdigit() and is_total_label(text):
            return "total", text
    label = group_label(number, code, name, folded)
    return ("group", label) if label is not None else ("commune", name)


def group_label(index_text: str, code_text: str, name_text: str, folded: str | None = None) -> str | None:
    """The label of a group row ("Phường", "Khối xã"), or None when the row is not one.

    A group row has a mark (I, II, A, B) in the row-number or code column, or starts its name with one
    ("I. Phường"), or its name is a group word alone (Phường, Xã, Đặc khu, Khối phường …) with no code.
    """
    name = name_text.strip()
    if (index_text and _is_mark(index_text)) or (code_text and not code_text.isdigit() and _is_mark(code_text)):
        return name or index_text.strip()
    found = _GROUP_IN_NAME.fullmatch(name) if "." in name[:6] or ")" in name[:6] else None  # "I. Phường"
    if found is not None and _is_mark(found.group(1)) and fold_header(found.group(2)) in GROUP_LABELS:
        return found.group(2)
    if folded is None:
        folded = fold_header(name) if len(name) <= _LONGEST else ""
    if not code_text.strip() and folded in GROUP_LABELS:
        return name
    return None
