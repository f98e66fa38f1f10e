"""Delimited text tables (CSV, semicolon or tab separated, as Excel saves them) read into records: lists
of cell text, one a spreadsheet row, so that the row of a record is its index + 1 as a spreadsheet shows it."""

from __future__ import annotations

import csv
import unicodedata

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.tables.decoding import decode, delimiter_of
from bhxh_cli.tables.positions import read_raw


def read_delimited(path: str) -> tuple[list[list[str]], str, str]:
    """(records, encoding, delimiter) of a text table; an empty file is refused."""
    raw = read_raw(path)
    text, encoding = decode(raw, path)
    text = unicodedata.normalize("NFC", text)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise InputError([Diagnostic(path, None, None, "", "the file is empty; it needs a header row with "
                                     "code, name and the count columns", "empty-file")])
    delimiter = delimiter_of(first)
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:  # e.g. a cell longer than the csv module allows
        raise InputError([Diagnostic(path, reader.line_num, None, "", f"cannot be read as a table: {error}",
                                     "not-a-table")]) from None
    return records, encoding, delimiter
