"""What a file's bytes really are, whatever its name says: an Excel workbook (.xlsx or .xls), an
OpenDocument spreadsheet (.ods), or something else. Pure: bytes in, a name out."""

from __future__ import annotations

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"

# What each kind is called in a message (a key of the catalogs: "kind.<kind>"), and the extension that names it.
KINDS = {
    "xlsx": ("kind.xlsx", ".xlsx"),
    "xls": ("kind.xls", ".xls"),
    "ods": ("kind.ods", ".ods"),
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


def misnamed(path: str, kind: str) -> tuple[str, dict]:
    """The message for a workbook whose name says another format, one sentence that says what to do: its key
    ("misnamed.<key>") and values; `what` and an empty `name_ext` are keys of the catalogs too."""
    what, extension = KINDS[kind]
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    name_ext = base[base.rfind("."):] if "." in base else ""
    return ("ods" if kind == "ods" else "rename"), {"what": what, "name_ext": name_ext, "extension": extension}
