"""Strict YAML loading: plain data plus the line and column of every value.

PyYAML is used only as a parser (its event stream); we build the data ourselves so that we can refuse
what YAML 1.1 would silently get wrong for our users: duplicate keys, tags, anchors and aliases,
several documents, and the unquoted-value traps (15.890 read as 15.89, 015667 read as octal,
`no` read as false, 1:30 read as 90).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import language, tr
from bhxh_cli.sources import line_and_column, read_bytes

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 50  # a plan is 4 levels deep; deeper nesting is refused before Python's recursion limit
MAX_ITEMS = 50_000  # items of a list, keys of a mapping: a plan's communes, five times the country's
MAX_DIGITS = 18  # no count of people, year or version has more digits
YAML_BREAKS = "\x85\u2028\u2029"  # line breaks to YAML 1.1 besides CR LF, CR and LF

try:  # libyaml's parser is about 3x faster and keeps positions too
    _DEFAULT_LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _DEFAULT_LOADER = yaml.SafeLoader

try:
    from yaml.cyaml import CParser as _C_PARSER
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _C_PARSER = ()

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_OTHER_BASE = re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+")
_UNDERSCORE_NUMBER = re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|\s+).*")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "false": False}
# Words YAML 1.1 reads as booleans; only lowercase true/false are accepted as booleans here.
_BOOL_TRAPS = {
    w
    for base in ("y", "yes", "n", "no", "on", "off", "true", "false")
    for w in (base, base.capitalize(), base.upper())
} - {"true", "false"}
_SPECIAL_FLOATS = {".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN"}

# Keys whose values are decimal numbers by nature; a thousands-dot look there is a real decimal.
_DECIMAL_KEYS = {"rate"}


@dataclass
class Document:
    """A loaded YAML file: its data and where each value (and key) starts in the file.

    Places are found when first asked for (a clean file is read once, without them, which is about twice
    as fast): `position` then reads the text again, carefully.
    """

    file: str
    data: Any
    value_marks: dict[Path, Any] = field(default_factory=dict)  # path -> PyYAML Mark (0-based line, column)
    key_marks: dict[Path, Any] = field(default_factory=dict)
    text: str | None = None  # kept while the places are still to be found
    loader: type | None = None
    source: str = ""  # the file's text, as read

    def find_places(self) -> None:
        """Fill value_marks and key_marks, if the file was read without them."""
        if self.text is not None:
            text, self.text = self.text, None
            _Builder(self.file, _events(text, self.loader), self).build()

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its key, or of its nearest parent."""
        self.find_places()
        if key and path in self.key_marks:
            mark = self.key_marks[path]
            return mark.line + 1, mark.column + 1
        probe = tuple(path)
        while probe and probe not in self.value_marks:
            probe = probe[:-1]
        mark = self.value_marks.get(probe)
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Builder:
    """Turns PyYAML's event stream into plain data, recording positions and problems."""

    def __init__(self, file: str, next_event, doc: Document):
        self.file = file
        self.next_event = next_event
        self.doc = doc
        self.value_marks = doc.value_marks
        self.key_marks = doc.key_marks
        self.problems: list[Diagnostic] = []
        self.depth = 0
        # Paths whose value was refused here, so that validation does not report them a second time.
        self.refused: set[Path] = set()

    def problem(self, mark, path: Path, message: str, rule: str) -> None:
        self.problems.append(
            Diagnostic(self.file, mark.line + 1, mark.column + 1, format_path(path), message, rule)
        )

    def build(self) -> Any:
        next_event = self.next_event
        next_event()  # StreamStart
        event = next_event()
        if type(event) is yaml.StreamEndEvent:
            raise InputError([Diagnostic(self.file, 1, 1, "", tr("plan.empty"), "empty-file")])
        data = None
        documents = 0
        while type(event) is not yaml.StreamEndEvent:
            # event is a DocumentStartEvent
            documents += 1
            if documents == 2:
                self.problem(event.start_mark, (), tr("plan.two_documents"), "multiple-documents")
            value = self.node(next_event(), () if documents == 1 else (f"(document {documents})",))
            if documents == 1:
                data = value
            next_event()  # DocumentEnd
            event = next_event()
        return data

    # node() runs once per value of the file (about 350,000 events for 10,600 communes): it dispatches on
    # the event's exact type and keeps PyYAML's Mark objects, turned into line/column only when needed.
    def node(self, event, path: Path) -> Any:
        kind = type(event)
        mark = event.start_mark
        if kind is yaml.AliasEvent:
            self.problem(mark, path, tr("plan.alias", anchor=event.anchor),
                         "alias")
            self.refused.add(path)
            return None
        self.value_marks[path] = mark
        if kind is not yaml.ScalarEvent and len(path) >= MAX_DEPTH:
            self.problem(mark, path, tr("plan.too_deep", depth=MAX_DEPTH), "too-deep")
            self.refused.add(path)
            self.skip()
            return None
        tag = event.tag
        if event.anchor is not None or tag is not None:
            if event.anchor is not None:
                self.problem(mark, path, tr("plan.anchor", anchor=event.anchor),
                             "anchor")
            if tag is not None:  # untagged nodes have no tag in the event stream
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                self.problem(mark, path, tr("plan.tag", tag=shown), "tag")
                self.refused.add(path)
                self.node_value(event, kind, path)  # consume what it holds
                return None
        return self.node_value(event, kind, path)

    def skip(self) -> None:
        """Read past the rest of a mapping or sequence whose start was just read, without recursing."""
        open_ = 1
        while open_:
            kind = type(self.next_event())
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                open_ += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                open_ -= 1

    def node_value(self, event, kind, path: Path) -> Any:
        next_event = self.next_event
        if kind is yaml.ScalarEvent:
            text = event.value
            if (not event.style and text.isdigit() and text.isascii() and (text[0] != "0" or text == "0")
                    and len(text) <= MAX_DIGITS):
                return int(text)  # the common case: a plain count
            return self.scalar(event, path)
        if kind is yaml.SequenceStartEvent:
            items = []
            event = next_event()
            while type(event) is not yaml.SequenceEndEvent:
                if len(items) == MAX_ITEMS:
                    self.too_many(event.start_mark, path + (len(items),), "list", "items")
                items.append(self.node(event, path + (len(items),)))
                event = next_event()
            return items
        # MappingStartEvent
        mapping: dict[str, Any] = {}
        key_marks = self.key_marks
        event = next_event()
        while type(event) is not yaml.MappingEndEvent:
            key_mark = event.start_mark
            if len(mapping) == MAX_ITEMS:
                self.too_many(key_mark, path, "mapping", "keys")
            if type(event) is not yaml.ScalarEvent or event.anchor is not None or event.tag is not None:
                self.problem(key_mark, path, tr("plan.complex_key"), "complex-key")
                self.node(event, path + ("?",))  # consume it
                self.node(next_event(), path + ("?",))
                event = next_event()
                continue
            key = event.value
            child = path + (key,)
            if key in mapping:
                self.problem(key_mark, child, tr("plan.duplicate_key", key=key, line=key_marks[child].line + 1),
                             "duplicate-key")
                self.node(next_event(), path + (f"{key} (duplicate)",))
                event = next_event()
                continue
            key_marks[child] = key_mark
            mapping[key] = self.node(next_event(), child)
            event = next_event()
        return mapping

    def too_many(self, mark, path: Path, what: str, items: str) -> None:
        """Stop at the first value past MAX_ITEMS: the places of every value of a larger file would take
        more memory and time than a plan deserves."""
        self.problem(mark, path, tr(f"plan.too_many.{what}", count=f"{MAX_ITEMS:,}"), "too-large")
        raise InputError(self.problems)

    def scalar(self, event, path: Path) -> Any:
        if event.style:  # quoted or block scalar: always text
            return event.value
        key = path[-1] if path and isinstance(path[-1], str) else None
        value = resolve_plain(event.value, key)
        if type(value) is Trap:
            self.problem(event.start_mark, path, value.message, value.rule)
            self.refused.add(path)
            return None
        return value


@dataclass(frozen=True)
class Trap:
    """A plain scalar that YAML 1.1 would read as something the user almost surely did not mean."""

    message: str
    rule: str = "yaml-trap"


def resolve_plain(text: str, key: str | None) -> Any:
    """The value of an unquoted scalar, or a Trap saying why it is refused. `key` is the mapping key it is
    the value of (a thousands-dot look is a real decimal under `rate`)."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text in _BOOL_TRAPS:
        return Trap(tr("plan.trap.boolean", text=text))
    if _INT.fullmatch(text):
        digits = len(text.lstrip("+-"))
        if digits > MAX_DIGITS:
            shown = text if len(text) <= 24 else text[:24] + "…"
            return Trap(tr("plan.trap.digits", text=shown, digits=f"{digits:,}"), "too-large")
        return int(text)
    if _THOUSANDS_DOT.fullmatch(text) and key not in _DECIMAL_KEYS:
        digits = text.replace(".", "")
        return Trap(tr("plan.trap.thousands", text=text, decimal=f"{float(text):g}", digits=digits))
    if _FLOAT.fullmatch(text):
        return float(text) + 0.0  # -0.0 is 0.0, so that no output shows "-0.0"
    if text in _SPECIAL_FLOATS:
        return float(text.replace(".", "").lower())  # "-.inf" -> "-inf", ".nan" -> "nan"
    if _LEADING_ZERO.fullmatch(text):
        return Trap(tr("plan.trap.octal", text=text))
    if _OTHER_BASE.fullmatch(text):
        return Trap(tr("plan.trap.base", text=text))
    if _UNDERSCORE_NUMBER.fullmatch(text):
        return Trap(tr("plan.trap.underscore", text=text, digits=text.replace('_', '')))
    if _SEXAGESIMAL.fullmatch(text):
        return Trap(tr("plan.trap.sexagesimal", text=text))
    match = _DATE.fullmatch(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return Trap(tr("plan.trap.date", text=text), "invalid-date")
    if _TIMESTAMP.fullmatch(text):
        return Trap(tr("plan.trap.timestamp", text=text))
    return text


class _Unusual(Exception):
    """The fast reader met something that needs the careful one (a problem to report with its place)."""


def _fast_build(next_event) -> Any:
    """The data of a clean file, without positions: most files are clean, and recording the place of every
    value costs about as much as parsing. Anything unusual (a trap, a tag, an anchor, a duplicate key,
    several documents) raises _Unusual, and the careful _Builder reads the file again."""
    scalar_event, mapping_start, mapping_end = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
    sequence_start, sequence_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent

    def node(event, key, depth=0):
        kind = type(event)
        if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
            raise _Unusual
        if kind is scalar_event:
            text = event.value
            if event.style:
                return text
            if text.isdigit() and text.isascii() and (text[0] != "0" or text == "0") and len(text) <= MAX_DIGITS:
                return int(text)
            value = resolve_plain(text, key)
            if type(value) is Trap:
                raise _Unusual
            return value
        if depth >= MAX_DEPTH:
            raise _Unusual  # the careful reader says where
        if kind is sequence_start:
            items = []
            event = next_event()
            while type(event) is not sequence_end:
                items.append(node(event, None, depth + 1))
                event = next_event()
            if len(items) > MAX_ITEMS:
                raise _Unusual  # the careful reader says where
            return items
        if kind is not mapping_start:
            raise _Unusual
        mapping = {}
        event = next_event()
        while type(event) is not mapping_end:
            if type(event) is not scalar_event or event.anchor is not None or event.tag is not None:
                raise _Unusual
            name = event.value
            if name in mapping:
                raise _Unusual
            mapping[name] = node(next_event(), name, depth + 1)
            event = next_event()
        if len(mapping) > MAX_ITEMS:
            raise _Unusual
        return mapping

    next_event()  # StreamStart
    if type(next_event()) is not yaml.DocumentStartEvent:
        raise _Unusual  # an empty file: the careful reader says so
    data = node(next_event(), None)
    next_event()  # DocumentEnd
    if type(next_event()) is not yaml.StreamEndEvent:
        raise _Unusual  # a second document
    return data


# -- the communes of a plan as bhxh writes them, without YAML events ----------------------------------------
# A plan split by `bhxh allocate` ends in thousands of communes written one way (plan/planfile.py): a quoted
# code and name, then one flow mapping of counts a scheme. Those lines are read here with a few regular
# expressions (0.3 s of YAML events at 10,600 communes); the part above them is read by YAML as always. Only
# text whose meaning is certain is taken: quoted text without escapes or characters YAML refuses or folds,
# whole numbers as _fast_build reads them, no key twice; anything else (and any problem) is left to the
# YAML readers, which stay the single source of every message. tests/test_fast_paths.py holds them equal.

_WRITTEN_MIN = 20_000  # characters: below this (about 100 communes), YAML's events cost less than a try
# Quoted text without " \\ or breaks: the characters YAML takes as they are in a double-quoted scalar. Written as
# what it leaves out (compiled in under a millisecond; the same set written as ranges took 10 ms a pattern).
_TEXT = '[^\x00-\x1f"\\\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]'
_COMMENT_TEXT = "[^\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"  # and tabs, " and \\
_COUNT = f"(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})"
_written: list[re.Pattern] = []  # compiled on first use: only long plans need them


def _written_patterns() -> list[re.Pattern]:
    if not _written:
        _written.extend([
            re.compile(r"^communes:\n", re.MULTILINE),
            re.compile(f'  - (?:code: "({_TEXT}*)"\\n    )?name: "({_TEXT}*)"\\n'
                       f'((?:    [a-z_]+: \\{{[a-z_]+: {_COUNT}(?:, [a-z_]+: {_COUNT})*\\}}\\n)*)'),
            re.compile(r"    ([a-z_]+): \{([^}]*)\}\n"),
            re.compile(r"([a-z_]+): ([0-9]+)"),
            re.compile(f"[ ]*#{_COMMENT_TEXT}*\\n"),
        ])
    return _written


def _above_the_list(text: str, line: re.Pattern, key: str, loader: type) -> tuple[dict, str] | None:
    """(the data above a plan's last top-level list `key`, read by YAML; the list's text), or None when the list
    is not the plan's last key at the top (read the whole plan with YAML)."""
    found = line.search(text)
    if found is None or not text.endswith("\n"):
        return None
    head, block = text[:found.start()], text[found.end():]
    parser = None
    try:  # the part above, with an empty list in its place
        parser = loader(head + f"{key}: []\n")
        data = _fast_build(parser.get_event)
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        if parser is not None:
            parser.dispose()
    if type(data) is not dict or next(reversed(data)) != key or data[key] != []:
        return None
    return data, block


def _written_communes(text: str, loader: type) -> dict | None:
    """The data of a plan whose communes are written as bhxh writes them, or None (read it with YAML)."""
    if "communes:\n" not in text:  # a version 2 plan: no need to compile, or to search 3 MB line by line
        return None
    communes_line, commune_item, scheme_line, pair, comment_line = _written_patterns()
    above = _above_the_list(text, communes_line, "communes", loader)
    if above is None:
        return None
    data, block = above
    communes = []
    position, end = 0, len(block)
    commune, comment = commune_item.match, comment_line.match
    while position < end:
        match = comment(block, position)
        if match is not None:
            position = match.end()
            continue
        match = commune(block, position)
        if match is None:
            return None
        code, name, counts = match.groups()
        item = {"name": name} if code is None else {"code": code, "name": name}
        for scheme, pairs in scheme_line.findall(counts):
            values = {key: int(value) for key, value in pair.findall(pairs)}
            if scheme in item or len(values) != pairs.count(":"):
                return None  # a key given twice: YAML's readers say where
            item[scheme] = values
        communes.append(item)
        position = match.end()
    if not communes or len(communes) > MAX_ITEMS:
        return None
    data["communes"] = communes
    return data


# -- the units of a version 2 plan as bhxh writes them -------------------------------------------------------
# A national v2 plan holds thousands of units written one way (plan/planfile.py, benchmarks/national_v2.py):
# `- code:`, `name:`, `kind:` (each quoted, or plain words), `schemes:` with one flow mapping of counts a
# scheme, and `units:` with the units under it, 4 spaces deeper. Read with regular expressions as the v1
# communes are, under the same discipline: a plain word is taken only when YAML reads it as that same text
# (resolve_plain), and anything else (another layout, a rate, a target mapping, a problem) goes to YAML.

_PLAIN_WORDS = r"[^\W_]\w*(?: \w+)*"  # words of letters and digits, single spaces, nothing YAML reads apart
_UNITS_LINE = re.compile(r"^units:\n", re.MULTILINE)
_UNIT_SCHEME = re.compile(r"[ ]+([a-z_]+): \{([^}]*)\}\n")
_UNIT_DEPTH = 10  # levels of units taken here (a plan has 2 or 3); deeper ones go to YAML, which says where
_UNIT: re.Pattern | None = None  # compiled on first use: small plans never need it


def _unit_pattern() -> re.Pattern:
    """A unit at any indent (group 1), the lines below it at the same indent (\\1)."""
    global _UNIT
    if _UNIT is None:
        _UNIT = re.compile(
            f'( *)- (?:code: (?:"({_TEXT}*)"|({_PLAIN_WORDS}))\\n\\1  )?name: (?:"({_TEXT}*)"|({_PLAIN_WORDS}))\\n'
            f'(?:\\1  kind: (?:"({_TEXT}*)"|({_PLAIN_WORDS}))\\n)?\\1  schemes:\\n'
            f'((?:\\1    [a-z_]+: \\{{[a-z_]+: {_COUNT}(?:, [a-z_]+: {_COUNT})*\\}}\\n)+)(\\1  units:\\n)?')
    return _UNIT


# Plain words YAML reads as something else: every number, date and trap starts with a sign, a dot or an ASCII
# digit, which _PLAIN_WORDS never starts with but for the digit; the rest are these words.
_WORD_VALUES = _NULLS | set(_BOOLS) | _BOOL_TRAPS


def _plain_text(quoted: str | None, plain: str | None, key: str) -> str | None:
    """A scalar's text: quoted as it is; plain only when YAML reads it as that same text (else _Unusual)."""
    if quoted is not None:
        return quoted
    if plain is None:
        return None
    if (plain[0] in "0123456789" or plain in _WORD_VALUES) and resolve_plain(plain, key) != plain:
        raise _Unusual  # a number, a date, a boolean or a trap: YAML's readers decide
    return plain


def _written_units(text: str, loader: type) -> dict | None:
    """The data of a version 2 plan whose units are written as bhxh writes them, or None (read it with YAML)."""
    above = _above_the_list(text, _UNITS_LINE, "units", loader)
    if above is None:
        return None
    data, block = above
    patterns = _written_patterns()
    end, comment, pairs_of = len(block), patterns[4].match, patterns[3].findall
    position = 0

    def units(indent: int, level: int) -> list:
        nonlocal position
        pattern, out = _unit_pattern().match, []
        while position < end:
            match = comment(block, position)
            if match is not None:
                position = match.end()
                continue
            match = pattern(block, position)
            if match is None or len(match.group(1)) != indent:
                break  # not a unit, or one of a level above (its parent's list goes on)
            _, code, plain_code, name, plain_name, kind, plain_kind, counts, below = match.groups()
            item: dict = {"name": _plain_text(name, plain_name, "name")} if code is None and plain_code is None else {
                "code": _plain_text(code, plain_code, "code"), "name": _plain_text(name, plain_name, "name")}
            if kind is not None or plain_kind is not None:
                item["kind"] = _plain_text(kind, plain_kind, "kind")
            schemes: dict = {}
            for scheme, pairs in _UNIT_SCHEME.findall(counts):
                values = {key: int(value) for key, value in pairs_of(pairs)}
                if scheme in schemes or len(values) != pairs.count(":"):
                    raise _Unusual  # a key given twice: YAML's readers say where
                schemes[scheme] = values
            item["schemes"] = schemes
            position = match.end()
            if below is not None:
                if level + 1 >= _UNIT_DEPTH:
                    raise _Unusual
                item["units"] = units(indent + 4, level + 1)
                if not item["units"]:
                    raise _Unusual  # `units:` with nothing under it is null: YAML's readers say so
            out.append(item)
        if len(out) > MAX_ITEMS:
            raise _Unusual
        return out

    try:
        data["units"] = units(2, 0)
    except _Unusual:
        return None
    if position != end or not data["units"]:
        return None
    return data


def _events(text: str, loader: type):
    parser = loader(text)
    return parser.get_event


def read_text(file: str, *, display: str | None = None) -> str:
    """The file's text, decoded as UTF-8 (a BOM is fine); refuses what we cannot read."""
    name = display or file
    raw = read_bytes(file, limit=MAX_BYTES, what="plan files", display=name)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = line_and_column(raw[: error.start].decode("utf-8"), YAML_BREAKS)
        key = "plan.encoding.utf16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "plan.encoding"
        raise InputError([Diagnostic(name, line, column, "", tr(key, byte=f"0x{raw[error.start]:02x}"),
                                     "encoding")]) from None


# PyYAML's (and libyaml's) own words for what it could not read, as sentences of the catalogs; the values
# they carry (a character, what was found) are kept. English keeps PyYAML's wording.
_YAML_WORDS = [(re.compile(pattern), key) for pattern, key in (
    (r"while parsing a block mapping", "while.block_mapping"),
    (r"while parsing a block collection", "while.block_collection"),
    (r"while parsing a flow mapping", "while.flow_mapping"),
    (r"while parsing a flow sequence", "while.flow_sequence"),
    (r"while scanning a simple key", "while.simple_key"),
    (r"while scanning a quoted scalar", "while.quoted_scalar"),
    (r"while scanning a plain scalar", "while.plain_scalar"),
    (r"while parsing a (?:block |flow )?node", "while.node"),
    (r"while scanning an? (?:anchor|alias)", "while.anchor"),
    (r"while scanning a block scalar", "while.block_scalar"),
    (r"while scanning a tag", "while.tag"),
    (r"did not find expected key", "no_key"),
    (r"could not find expected ':'", "no_colon"),
    (r"expected <block end>, but found (?P<found>.+)", "block_end"),
    (r"mapping values are not allowed (?:here|in this context)", "mapping_here"),
    (r"found (?:a )?tab character.*", "tab"),
    (r"found character (?P<character>'.*') that cannot start any token", "bad_start"),
    (r"found unexpected end of stream", "end_of_stream"),
    (r"did not find expected node content", "no_content"),
    (r"did not find expected (?P<expected>'.' or '.')", "no_comma"),
    (r"expected (?P<expected>',' or '.'), but got .*", "no_comma"),
    (r"did not find expected '-' indicator", "dash"),
    (r"found unexpected ':'", "unexpected_colon"),
    (r"block sequence entries are not allowed (?:here|in this context)", "sequence_here"),
    (r"found unknown escape character.*", "escape"),
    (r"(?:control|special) characters are not allowed", "control"),
)]


def _yaml_words(text: str) -> str:
    if language() == "en":
        return text
    for pattern, key in _YAML_WORDS:
        if found := pattern.fullmatch(text.strip()):
            return tr(f"yaml.{key}", **found.groupdict())
    return text


def parse(text: str, file: str, *, loader: type | None = None) -> tuple[Document, list[Diagnostic], set]:
    """Parse YAML text into a Document; returns it with the problems found and the refused paths."""
    loader = loader or _DEFAULT_LOADER
    written = (_written_communes(text, loader) or _written_units(text, loader)) if len(text) > _WRITTEN_MIN else None
    if written is not None:
        return Document(file, written, text=text, loader=loader, source=text), [], set()
    parser = None
    try:
        parser = loader(text)  # the pure-Python reader checks the characters here already
        return Document(file, _fast_build(parser.get_event), text=text, loader=loader, source=text), [], set()
    except (_Unusual, yaml.YAMLError):
        pass  # read it again carefully, to say what and where
    finally:
        if parser is not None:
            parser.dispose()
    doc = Document(file, None, source=text)
    builder = _Builder(file, None, doc)
    parser = None
    try:
        parser = loader(text)
        builder.next_event = parser.get_event
        doc.data = builder.build()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = _yaml_words(error.problem) if error.problem else tr("plan.syntax.invalid")
        if error.context and error.problem:
            what = f"{_yaml_words(error.context)}, {what}"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(builder.problems + [
            Diagnostic(file, line, column, "", tr("plan.syntax", what=what), "syntax")]) from None
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        position = getattr(error, "position", None)
        line, column = (None, None)
        if position is not None:
            if issubclass(loader, _C_PARSER):  # libyaml counts the position in bytes of UTF-8
                position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
            line, column = line_and_column(text[:position], YAML_BREAKS)
        reason = _yaml_words(getattr(error, "reason", None) or str(error))
        character = getattr(error, "character", None)
        if isinstance(character, int):
            reason = tr("plan.character", character=f"U+{character:04X}", reason=reason)
        raise InputError(builder.problems + [
            Diagnostic(file, line, column, "", tr("plan.unreadable", reason=reason), "syntax")]) from None
    finally:
        if parser is not None:
            parser.dispose()
    return doc, builder.problems, builder.refused


def load_file(file: str, *, display: str | None = None,
              loader: type | None = None) -> tuple[Document, list[Diagnostic], set]:
    name = display or file
    return parse(read_text(file, display=name), name, loader=loader)
