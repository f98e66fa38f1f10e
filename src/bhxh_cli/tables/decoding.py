"""Bytes of a text table to text: the one place where a table's encoding and delimiter are decided.

An encoding is chosen only when the whole file decodes in it cleanly and plausibly. A file that is UTF-8
but for a bad byte is refused at that byte's row and column, never read as Windows-1258 and never with the
byte replaced; Windows-1258 (Excel's plain "CSV" on Vietnamese Windows) is read only when the file is not
mostly UTF-8 and reads as text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import tr
from bhxh_cli.sources import line_and_column
from bhxh_cli.tables.headers import fold_header

# Control characters other than tab and line ends do not occur in text a person typed; and a Vietnamese
# tone mark (combining in Windows-1258) follows a vowel, with which NFC composes it: one left over in NFC
# follows a digit, a space or another mark, which no Vietnamese text has.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TONE_MARK = re.compile(r"[\u0300\u0301\u0303\u0309\u0323]")
_NON_ASCII = bytes(range(128, 256))
_NOT_CONTROL = bytes(set(range(256)) - set(range(0, 9)) - set(range(14, 32)) - {127})


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a table file; Excel's three ways of saving CSV detected.
    Windows-1258 text comes in NFC (its tone marks composed), as the plausibility check needs it."""
    if raw.startswith(codecs.BOM_UTF8):
        body = raw[3:]
        try:
            return body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise _bad_byte(file, body, error, tr("table.encoding.bom", byte=f"0x{body[error.start]:02x}")) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise _bad_byte(file, raw, error, tr("table.encoding.utf16_bom"), encoding="utf-16") from None
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4 and not _utf16_shaped(head):  # NULs text never has: a program...
        raise InputError([Diagnostic(file, None, None, "", tr("table.encoding.binary"), "not-text")])
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a byte-order mark
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as error:  # text with a NUL every other byte is no other encoding
            raise _bad_byte(file, raw, error, tr("table.encoding.utf16"), encoding=encoding) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        failure = error
    if _mostly_utf8(raw):
        raise _bad_byte(file, raw, failure, tr("table.encoding.byte", byte=f"0x{raw[failure.start]:02x}"))
    try:  # plain "CSV" from Excel on Vietnamese Windows
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))  # no character of it turns into ';'
        if not _CONTROL.search(text) and not _TONE_MARK.search(text):
            return text, "cp1258"
    except UnicodeDecodeError:
        pass
    if len(head.translate(None, _NOT_CONTROL)) * 20 > len(head):  # over 5% control bytes: compressed, random
        raise InputError([Diagnostic(file, None, None, "", tr("table.encoding.binary"), "not-text")])
    raise _bad_byte(file, raw, failure, tr("table.encoding.unknown"))


def _utf16_shaped(head: bytes) -> bool:
    """Whether the NUL bytes of a file's head stand as UTF-16 text's do: nine in ten at even places, or at
    odd ones (the high byte of each Latin letter, digit or separator); a program's or an image's fall
    anywhere."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= 9 * min(even, odd)


def _mostly_utf8(raw: bytes) -> bool:
    """More of the file's non-ASCII bytes form valid UTF-8 sequences than not (Windows-1258 text almost
    never forms one)."""
    text = raw.decode("utf-8", "surrogateescape")
    bad = len(raw) - len(text.encode("utf-8", "ignore"))  # each bad byte became one lone surrogate
    non_ascii = len(raw) - len(raw.translate(None, _NON_ASCII))
    return non_ascii - bad > bad


def _bad_byte(file: str, raw: bytes, error: UnicodeDecodeError, message: str,
              encoding: str = "utf-8") -> InputError:
    """The error for a byte that does not decode, placed at its row (as a spreadsheet counts rows: a quoted
    line break does not start one) and its column in characters on its line."""
    before = raw[: error.start].decode(encoding, "replace")
    row, column = place(before)
    return InputError([Diagnostic(file, row, column, "", message, "encoding")])


def place(before: str) -> tuple[int, int]:
    """(row, column) of the character following the text `before` of a table."""
    line, column = line_and_column(before)
    try:
        rows = sum(1 for _ in csv.reader(io.StringIO(before + "x", newline=""), delimiter=guess_delimiter(before)))
    except csv.Error:
        return line, column
    return rows, column


DELIMITERS = ("\t", ";", ",")
_SAMPLE_LINES = 80  # a title block (up to HEADER_SEARCH_ROWS rows) and the first rows of the table


def said_delimiter(text: str) -> str | None:
    """The delimiter a first line `sep=;` says (Excel's own way of naming it), or None."""
    first = text[:8].split("\n", 1)[0].rstrip("\r")
    if len(first) == 5 and first[:4].lower() == "sep=" and first[4] not in "\"\r\n":
        return first[4]
    return None


_HEADER_WORDS = frozenset({"ma", "code", "ten", "name"})  # a header's code and name columns, in any reader's


def _looks_like_header(cells: list[str]) -> bool:
    """Two cells or more naming a code or a name ("Mã", "Tên xã", "old_code", "Mã xã cũ"): a header row."""
    return sum(1 for cell in cells if _HEADER_WORDS & set(fold_header(cell).split("_"))) >= 2


def guess_delimiter(text: str) -> str:
    """The delimiter of a table's text: the one a first line `sep=;` says; else, of tab, ';' and ',', the one
    that splits the first line looking like a header ("Mã;Tên xã;BB tham gia") into its columns; else the
    one that splits the most of the first lines into the same number (two or more) of cells. Never the first
    line's alone: a title above the header may hold a comma in a semicolon table ("BÁO CÁO ... BHXH, BHYT
    THÁNG 6/2020"). Ties go to more cells, then tab, ';', ','."""
    said = said_delimiter(text)
    if said is not None:
        return said
    handle = io.StringIO(text, newline="")
    lines = []
    for line in handle:
        if line.strip():
            lines.append(line)
            if len(lines) >= _SAMPLE_LINES:
                break
    sample = "".join(lines)
    scores: dict[str, tuple[int, int, int, int]] = {}
    for rank, delimiter in enumerate(reversed(DELIMITERS)):
        if delimiter not in sample:
            continue
        counts: dict[int, int] = {}
        header = -_SAMPLE_LINES - 1  # (negated) the index of the first header-like line it splits
        try:
            for index, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                cells = len(record)
                while cells and not record[cells - 1].strip():  # empty cells Excel pads a title row with
                    cells -= 1
                if cells >= 2:
                    counts[cells] = counts.get(cells, 0) + 1
                    if header < -_SAMPLE_LINES and _looks_like_header(record):
                        header = -index
        except csv.Error:
            continue
        if counts:
            cells, lines_alike = max(counts.items(), key=lambda item: (item[1], item[0]))
            scores[delimiter] = (header, lines_alike, cells, rank)
    return max(scores, key=scores.__getitem__) if scores else ","
