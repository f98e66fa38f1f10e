"""The one rule for commune codes, in plans and tables alike: a code is compared as written, without
spaces around it (tables drop them, as Excel users type them; a plan must not hold them), and a code
holding an invisible character (a byte-order mark, a zero-width space, a control character) is refused
with the character named, since it would differ from the same code typed without it."""

from __future__ import annotations

import unicodedata


def invisible_character(text: str) -> str | None:
    """'U+200B (ZERO WIDTH SPACE)' for the first invisible character of `text` (a format or control
    character other than the spaces a strip removes), or None."""
    if text.isprintable():  # no format or control character at all: the common case, at C speed
        return None
    for char in text:
        if unicodedata.category(char) in ("Cf", "Cc") and not char.isspace():
            name = unicodedata.name(char, "")
            return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"
    return None


def code_problem(code: str) -> tuple[str, dict, str] | None:
    """(message key, its values, rule) when a code as written in a plan breaks the rule, or None; the key is
    of the catalogs ("code.<key>"), worded by the reader that found the code."""
    hidden = invisible_character(code)
    if hidden:
        return "invisible", {"hidden": hidden}, "invisible-character"
    foreign = foreign_digit(code)
    if foreign:  # ١٥٦٦٧ would match no table's 15667, and int() would read it as that number
        return "digits", {"code": code, "digit": foreign}, "code-digits"
    if code != code.strip():
        if not code.strip():
            return "only_spaces", {}, "missing-value"
        return "spaces", {"code": code, "stripped": code.strip()}, "code-spaces"
    return None


def is_digits(text: str) -> bool:
    """Whether `text` is ASCII digits 0-9 alone: str.isdigit() also takes every other script's digits
    (١٢٣, １２３), which int() reads, so a count or a code in them would be read as a number silently."""
    return text.isascii() and text.isdigit()


def foreign_digit(text: str) -> str | None:
    """"'١', U+0661 ARABIC-INDIC DIGIT ONE" for the first digit of `text` that is not 0-9, or None."""
    if text.isascii():  # the common case, at C speed
        return None
    for char in text:
        if char.isdigit() and not char.isascii():
            name = unicodedata.name(char, "")
            return f"'{char}', U+{ord(char):04X} {name}" if name else f"'{char}', U+{ord(char):04X}"
    return None
