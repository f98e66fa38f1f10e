"""Problems found in an input, and the reporters that print them.

A Diagnostic is plain data: where (file, line, column, path), what (message), which rule, how bad.
Reporters turn a list of them into text (one line each, yamllint style), GitHub annotations or JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

from bhxh_cli.messages import tr

ERROR = "error"
WARNING = "warning"
NOTE = "note"


# What must never reach a one-line format, a terminal or a cell as itself: C0 and C1 controls and DEL (line
# breaks, ESC sequences, BEL), Unicode line and paragraph separators, the bidirectional marks, embeddings,
# overrides and isolates (which reorder what is shown), and lone surrogates (which no encoder writes).
# output/safe.py builds every sink on this; it lives here because diagnostics are the bottom layer.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def one_line(text: str) -> str:
    """`text` with each unsafe character shown as a visible escape (\\n, \\r, \\t, \\x1b, \\u202e), so that it
    stays on its line and cannot move a terminal's cursor or reorder what is shown."""
    if text.isprintable() or UNSAFE.search(text) is None:  # the common case: nothing to change
        return text
    return UNSAFE.sub(_visible, text)


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


# UNSAFE less the C0 controls: json.dumps escapes those in strings, and its own indentation uses \n.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_escapes(document: str) -> str:
    """A json document with the characters json.dumps(ensure_ascii=False) leaves raw (DEL, C1 controls, line
    separators, bidirectional controls, lone surrogates) as \\uXXXX escapes: same data, inert text."""
    if _JSON_RAW.search(document) is None:
        return document
    return _JSON_RAW.sub(_json_escape, document)




@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int | None  # 1-based; None when the problem has no place in the file (e.g. unreadable)
    column: int | str | None  # 1-based in YAML; a table's column is named by its header
    path: str  # dotted path in the document ("schemes.mandatory.enrolled"), "" for the whole file
    message: str
    rule: str
    severity: str = ERROR
    sheet: str | None = None  # a workbook's sheet: the place is then SHEET!<column letter><row>, as Excel shows

    def location(self) -> str:
        if self.sheet is not None:
            cell = f"{self.column or ''}{self.line or ''}"
            return f"{self.file}:{self.sheet}!{cell}" if cell else f"{self.file}:{self.sheet}"
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self) -> str:
        """`FILE:LINE:COL: PATH: MESSAGE (rule)`; warnings and notes say so before the message. File names,
        paths and messages quote user text: escaped, a line break in it cannot forge a line."""
        return one_line(self._raw_text())

    def _raw_text(self) -> str:
        # "warning"/"note" in the language of the run; the severity itself (json, github) stays English
        label = "" if self.severity == ERROR else f"{tr('severity.' + self.severity)}: "
        path = f"{self.path}: " if self.path else ""
        return f"{self.location()}: {path}{label}{self.message} ({self.rule})"


class InputError(Exception):
    """An input was read but is invalid (exit code 1); carries every problem found."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.text() for d in diagnostics))


class UsageError(Exception):
    """A usage error or a file that cannot be opened (exit code 2)."""

    exit_code = 2


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def _escape_data(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message (the annotation shows them as
    # line breaks); every other unsafe character is shown as an escape.
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_text(diagnostics: list[Diagnostic]) -> str:
    return "".join(d.text() + "\n" for d in diagnostics)


def report_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        command = {"error": "error", "warning": "warning"}.get(d.severity, "notice")
        props = [f"file={_escape_property(d.file)}"]
        if d.line is not None:
            props.append(f"line={d.line}")
        if isinstance(d.column, int) and d.sheet is None:
            props.append(f"col={d.column}")
        # The Actions log shows only the message, so it repeats FILE:LINE:COL.
        lines.append(f"::{command} {','.join(props)}::{_escape_data(d._raw_text())}\n")
    return "".join(lines)


def report_json(diagnostics: list[Diagnostic]) -> str:
    items = [{k: v for k, v in asdict(d).items() if k != "sheet" or v is not None} for d in diagnostics]
    return json_escapes(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"


REPORTERS: dict[str, Callable[[list[Diagnostic]], str]] = {
    "text": report_text,
    "github": report_github,
    "json": report_json,
}
