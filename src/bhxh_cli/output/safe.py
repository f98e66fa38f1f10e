"""The one place that makes user text (names, codes, titles, file names) safe for each sink.

Every sink shows an unsafe character (diagnostics.UNSAFE: C0/C1 controls, DEL, line and paragraph
separators, bidirectional controls, lone surrogates) as a visible escape: a line feed as `\\n`, ESC as
`\\x1b`, U+202E as `\\u202e` (diagnostics.one_line). On top of that:

- terminal: the escaped text, given to rich as a Text (never parsed as markup: `[link=…]` stays text);
- one-line formats (diagnostics, stderr notes): the escaped text (diagnostics.one_line);
- csv: the escaped text, and a `'` before a formula character (= + - @ and their full-width forms) that
  starts the text or follows a `,` or `;` (after any spaces or quotes): split on `,` or `;`, on any line
  ending, no piece starts a formula, in any locale's Excel ("A;=x" → "A;'=x", "=1" → "'=1"). The csv
  module reads back exactly csv_cell(text);
- markdown: the escaped text with markdown, HTML and GitHub-math specials (\\ ` * _ [ ] < > | ~ & # $)
  backslash-escaped (a `|` cannot end a cell, a line break cannot start a row); a text cell is also
  guarded against formulas as in csv;
- xlsx: the escaped text (openpyxl refuses most C0 controls); cells are always stored as text;
- docx: the escaped text, and the format characters too (zero-width spaces and joiners, the BOM, soft
  hyphens: category Cf) and U+FFFE, U+FFFF (XML cannot hold them): a Word document shows none of them, so
  what is written is what the reader sees, on one line (a tab or line break would become a real one);
- json: exact (json escapes controls); the characters json leaves raw are written as \\uXXXX escapes.

In the common clean case each function returns its argument after a few C-level checks.
"""

from __future__ import annotations

import re

from bhxh_cli.diagnostics import UNSAFE, json_escapes, one_line

__all__ = ["UNSAFE", "one_line", "terminal", "csv_cell", "markdown_cell", "xlsx_cell", "docx_cell", "json_escapes",
           "shown_as", "fold_to"]

FORMULA_CHARACTERS = "=+-@\uff1d\uff0b\uff0d\uff20"  # \t and \r are escaped before this applies
_FORMULA_START = re.compile(r"(^|[,;])([\s\"]*)(?=[=+\-@\uff1d\uff0b\uff0d\uff20])")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$])")
# The clean case is decided by C-level string methods: str.isprintable() is False for every UNSAFE character
# (and for spaces other than " ", which then take the careful path too), a first character that is not a
# formula character, a space or a quote, and none of the characters that need more.
_RISKY_START = frozenset(FORMULA_CHARACTERS + '" ')
_MARKDOWN_RISK = re.compile(r"[\\`*_\[\]<>|~&#$]")
_MARKDOWN_TEXT_RISK = re.compile(r"[\\`*_\[\]<>|~&#$,;]")


# Text for a terminal: nothing that moves the cursor, rings, recolours or reorders (the same escapes as a
# one-line format; the renderer hands it to rich as a Text, never as markup).
terminal = one_line


def _guard_formulas(text: str) -> str:
    return _FORMULA_START.sub(r"\1\2'", text)


def csv_cell(text: str) -> str:
    """A csv text cell that no spreadsheet runs as a formula, whatever its separator and line endings."""
    if text.isprintable() and text[:1] not in _RISKY_START and "," not in text and ";" not in text:
        return text
    return _guard_formulas(one_line(text))


def csv_column(texts):
    """csv_cell of every text of a column. A column with no control character, no separator and no risky
    first character (most: codes, names) is known safe after one look at all of it, and comes back as it is."""
    joined = "".join(texts)
    if (joined.isprintable() and "," not in joined and ";" not in joined
            and _RISKY_START.isdisjoint({text[:1] for text in texts})):
        return texts
    return [csv_cell(text) for text in texts]


def markdown_cell(text: str, *, user_text: bool = True) -> str:
    """Markdown text that stays in its cell and its line. `user_text=False` for titles and labels, which are
    guarded against markdown but not against formulas."""
    if text.isprintable():
        if user_text:
            if text[:1] not in _RISKY_START and _MARKDOWN_TEXT_RISK.search(text) is None:
                return text
        elif _MARKDOWN_RISK.search(text) is None:
            return text
    text = one_line(text)
    if user_text:
        text = _guard_formulas(text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def xlsx_cell(text: str) -> str:
    """Text an xlsx cell can hold (openpyxl refuses C0 controls) and shows on one line."""
    return one_line(text)


def _docx_escape(char: str) -> str:
    import unicodedata

    if not (UNSAFE.match(char) or unicodedata.category(char) == "Cf" or char in "\ufffe\uffff"):
        return char
    code = ord(char)
    return one_line(char) if UNSAFE.match(char) else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def docx_cell(text: str) -> str:
    """Text for a Word document's run or cell: every control, bidirectional or other format character shown
    as a visible escape (\\t, \\n, \\x1b, \\u202e, \\u200b), so that it stays on one line and reads as written."""
    if text.isprintable():  # False for every character escaped here (categories Cc, Cf, Cs, Cn, Zl, Zp)
        return text
    return "".join(map(_docx_escape, text))


# -- a stream that cannot encode Vietnamese (PYTHONIOENCODING=ascii, a legacy Windows console) ------------------

_FOLDED = {"đ": "d", "Đ": "D", "✓": "v", "✗": "x", "—": "-", "–": "-", "·": "-", "…": "...", "━": "-",
           "─": "-", "│": "|", "█": "#", "×": "x", "≥": ">=", "≤": "<=", "\u00a0": " "}


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def shown_as(encoding: str, char: str) -> tuple[str, bool]:
    """How `encoding` can show one character, and whether that is the same letter: Windows-1258 writes a
    Vietnamese letter as its base letter and a combining tone mark (ệ = ê + U+0323); an encoding without
    the letter shows it without its marks (ị → i, đ → d); anything else is '?'."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", char)
    tones = "".join(c for c in decomposed if unicodedata.combining(c) and _encodable(c, encoding))
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
    if tones and _encodable(base + tones, encoding):
        return base + tones, True
    folded = _FOLDED.get(char)
    if folded is None:
        folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return (folded if folded and _encodable(folded, encoding) else "?"), False


def fold_to(encoding: str, text: str) -> str:
    """`text` as `encoding` can show it (see shown_as)."""
    return "".join(char if _encodable(char, encoding) else shown_as(encoding, char)[0] for char in text)
