"""How commune names are compared. Pure: text in, text out."""

from __future__ import annotations

import functools
import re
import unicodedata

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONE_RE = re.compile(f"[{_TONE_MARKS}]")
_DROP_TONES = str.maketrans("", "", _TONE_MARKS)


@functools.lru_cache(maxsize=65536)  # a plan and its reports repeat the same names
def normalized_name(name: str) -> str:
    """How names are compared: Unicode NFC, case-folded, inner spaces collapsed, and the tone mark's place
    in a word ignored, so that the old and new spellings "Hóa" and "Hoá", "Thủy" and "Thuỷ" are one name."""
    words = []
    for word in unicodedata.normalize("NFD", name).casefold().split():
        words.append(unicodedata.normalize("NFC", word.translate(_DROP_TONES)) + "".join(_TONE_RE.findall(word)))
    return " ".join(words)
