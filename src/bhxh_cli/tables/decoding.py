"""Bytes of a text table to text: the one place where a table's encoding and delimiter are decided."""

from __future__ import annotations

import codecs

from bhxh_cli.diagnostics import Diagnostic, InputError


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """(text, encoding name) for the bytes of a table file; Excel's three ways of saving CSV detected."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError([Diagnostic(file, None, None, "", "the file starts like UTF-16 text but is not; "
                                         "save it again from Excel", "encoding")]) from None
    head = raw[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a byte-order mark
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # plain "CSV" from Excel on Vietnamese Windows
        return raw.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError([Diagnostic(file, line, None, "", "the file is not text in UTF-8, UTF-16 or "
                                     "Windows-1258; save it from Excel as 'CSV UTF-8'", "encoding")]) from None


def delimiter_of(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: (counts[d], d == "\t", d == ";"))
    return best if counts[best] else ","
