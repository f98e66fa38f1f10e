"""What a file's bytes really are, whatever its name says: an Excel workbook (.xlsx or .xls), an
OpenDocument spreadsheet (.ods), or something else. Pure: bytes in, a name out."""

from __future__ import annotations

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"

# What each kind is called in a message, and the extension that names it.
KINDS = {
    "xlsx": ("an Excel workbook (.xlsx)", ".xlsx"),
    "xls": ("an Excel 97-2003 workbook (.xls)", ".xls"),
    "ods": ("an OpenDocument spreadsheet (.ods)", ".ods"),
}


def workbook_kind(raw: bytes) -> str | None:
    """'xlsx', 'xls' or 'ods' when the bytes are such a workbook; None otherwise (text, or another file)."""
    if raw.startswith(_ZIP):
        if _ODS in raw[:200]:  # an OpenDocument file starts with its uncompressed mimetype
            return "ods"
        # the zip's directory (at its end) names the parts: an Excel workbook has xl/workbook.xml
        return "xlsx" if b"xl/workbook" in raw[-1_000_000:] or b"xl/workbook" in raw[:4096] else None
    if raw.startswith(_OLE2):  # Office 97-2003 (also .doc); a workbook has a "Workbook" or "Book" stream
        return "xls" if "Workbook".encode("utf-16-le") in raw or "Book".encode("utf-16-le") in raw else None
    return None


def misnamed(path: str, kind: str) -> str:
    """The message for a workbook whose name says another format, as one sentence that says what to do."""
    what, extension = KINDS[kind]
    name_ext = path[path.rfind("."):] if "." in path.rsplit("/", 1)[-1] else "(no extension)"
    if kind == "ods":
        return (f"is {what} although its name ends in {name_ext}; bhxh reads .xlsx, .xls and CSV: open it in "
                f"LibreOffice and save it as .xlsx (Excel 2007-365)")
    return f"is {what} although its name ends in {name_ext}; rename it to {extension}"
