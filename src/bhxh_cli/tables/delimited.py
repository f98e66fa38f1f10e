"""Delimited text tables (CSV, semicolon or tab separated, as Excel saves them) read into records: lists
of cell text, one a spreadsheet row, so that the row of a record is its index + 1 as a spreadsheet shows it.

The csv module splits the rows itself (over the text with newline='' handling): a quoted line break stays
inside its cell, and only CR LF, CR and LF end a row, never U+2028, U+0085 or a form feed. Text is put in
NFC per cell, after the split, so that no character can turn into a delimiter (U+037E becomes ';').
"""

from __future__ import annotations

import csv
import io
import unicodedata

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.tables.decoding import decode, delimiter_of
from bhxh_cli.tables.positions import Places, Records, read_raw


def read_delimited(path: str) -> tuple[list[list[str]], str, str]:
    """(records, encoding, delimiter) of a text table; an empty file is refused."""
    text, encoding = decode(read_raw(path), path)
    handle = io.StringIO(text, newline="")
    first = next((line for line in handle if line.strip()), None)
    if first is None:
        raise InputError([Diagnostic(path, None, None, "", "the file is empty; it needs a header row with "
                                     "code, name and the count columns", "empty-file")])
    delimiter = delimiter_of(first)
    handle.seek(0)
    normalized = unicodedata.is_normalized("NFC", text)
    del text
    records = Records(Places(path))
    number = 0
    try:
        for number, record in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
            records.add(number, record if normalized else [unicodedata.normalize("NFC", c) for c in record])
    except csv.Error as error:  # e.g. a cell longer than the csv module allows
        raise InputError([Diagnostic(path, number + 1, None, "", f"cannot be read as a table: {error}",
                                     "not-a-table")]) from None
    return records.rows, encoding, delimiter
