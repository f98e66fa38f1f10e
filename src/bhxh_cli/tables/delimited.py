"""Delimited text tables (CSV, semicolon or tab separated, as Excel saves them) read into records: lists
of cell text, one a spreadsheet row, so that the row of a record is its index + 1 as a spreadsheet shows it.

The csv module splits the rows itself (over the text with newline='' handling): a quoted line break stays
inside its cell, and only CR LF, CR and LF end a row, never U+2028, U+0085 or a form feed. Text is put in
NFC before the split, or per cell after it when the text holds U+037E, which NFC turns into ';'.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from itertools import islice

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import tr
from bhxh_cli.tables.decoding import decode, guess_delimiter, said_delimiter
from bhxh_cli.tables.positions import Places, Records, read_raw


def read_delimited(path: str, raw: bytes | None = None) -> tuple[list[list[str]], str, str]:
    """(records, encoding, delimiter) of a text table (its bytes `raw`, when the caller read them already
    with read_raw); an empty file is refused."""
    if raw is None:
        raw = read_raw(path)
    text, encoding = decode(raw, path)
    long_numbers = encoding.startswith("utf-16") or Records.may_hold_long_numbers(raw)
    del raw
    handle = io.StringIO(text, newline="")
    first = next((line for line in handle if line.strip()), None)
    if first is None:
        raise InputError([Diagnostic(path, None, None, "", tr("table.file_empty"), "empty-file")])
    # Decided by the rows that look like a table, not by the first line: a title above the header may hold
    # no delimiter, or a comma in a semicolon table ("BÁO CÁO ... BHXH, BHYT THÁNG 6/2020").
    delimiter, said = guess_delimiter(text), said_delimiter(text) is not None
    handle.seek(0)
    normalized = encoding == "cp1258" or unicodedata.is_normalized("NFC", text)
    if not normalized and "\u037e" not in text:  # the one character NFC turns into a delimiter (';')
        text, normalized = unicodedata.normalize("NFC", text), True
        handle = io.StringIO(text, newline="")
    del text
    records = Records(Places(path))
    reader = csv.reader(handle, delimiter=delimiter)
    first = 1
    try:
        while chunk := list(islice(reader, 4096)):
            if not normalized:
                chunk = [[unicodedata.normalize("NFC", cell) for cell in record] for record in chunk]
            records.extend(first, chunk, long_numbers=long_numbers)
            first += len(chunk)
    except csv.Error as error:  # e.g. a cell longer than the csv module allows
        raise InputError([Diagnostic(path, _records_before_error(handle, delimiter) + 1, None, "",
                                     tr("table.not_a_table", error=error), "not-a-table")]) from None
    records = records.done()
    if said and records:
        records[0] = []  # the line `sep=;` names the delimiter; it is no row of the table
    return records, encoding, delimiter


def _records_before_error(handle: io.StringIO, delimiter: str) -> int:
    handle.seek(0)
    count = 0
    try:
        for _ in csv.reader(handle, delimiter=delimiter):
            count += 1
    except csv.Error:
        pass
    return count
