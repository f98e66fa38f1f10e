"""Writing a plan file with its communes: the original text kept (comments and all), its `communes:`
section added or replaced, and the result validated before it is written."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Iterable

from bhxh_cli.diagnostics import one_line
from bhxh_cli.plan.loading import Document

if TYPE_CHECKING:  # the models import pydantic, which a clean version-1 plan is read without (plan/plain.py)
    from bhxh_cli.plan.models import Plan

# What a YAML reader refuses in a file (anything outside YAML's printable set) or reads as a line break
# (NEL, LS, PS), and the BOM, which it may take for a stream's start: written as escapes.
_NOT_LITERAL = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                          "|[\x85\u2028\u2029\ufeff]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def _text(value: str) -> str:
    """`value` as a YAML double-quoted scalar that reads back exactly: JSON's escapes (", \\ and the C0
    controls) are YAML's too; the characters JSON leaves raw that YAML refuses or folds become \\uXXXX."""
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted if _NOT_LITERAL.search(quoted) is None else _NOT_LITERAL.sub(_escape, quoted)


def _comment(text: str) -> str:
    """Text for a `#` comment: one line, nothing a YAML reader refuses."""
    text = one_line(text)
    return text if _NOT_LITERAL.search(text) is None else _NOT_LITERAL.sub(_escape, text)


def communes_block(communes: Iterable[tuple[str, str, dict[str, dict[str, int]]]], comment: str) -> str:
    """`communes:` YAML for (code, name, {scheme: {field: count}}) items; a commune without a code (a table of
    names only) is written without one."""
    lines = ["communes:", f"  # {_comment(comment)}"]
    for code, name, schemes in communes:
        if code:
            lines.append(f"  - code: {_text(code)}")
            lines.append(f"    name: {_text(name)}")
        else:
            lines.append(f"  - name: {_text(name)}")
        for scheme, counts in schemes.items():
            fields = ", ".join(f"{key}: {value}" for key, value in counts.items())
            lines.append(f"    {scheme}: {{{fields}}}")
    return "\n".join(lines) + "\n"


def with_communes(text: str, doc: Document, plan: Plan, block: str) -> str:
    """The plan's text with `block` as its communes section (replacing one it had)."""
    kept = _with_section(text, doc, "communes", block)
    return dump_plan(plan) + block if kept is None else kept


def units_block(units: Iterable[tuple[str, str, str | None, dict[str, dict[str, object]]]], comment: str) -> str:
    """A version 2 plan's `units:` YAML for (code, name, kind or None, {scheme: {field: value}}) items, one
    level (communes and wards straight under the area); a unit without a code is written without one."""
    lines = ["units:", f"  # {_comment(comment)}"]
    for code, name, kind, schemes in units:
        lines.append(f"  - code: {_text(code)}" if code else f"  - name: {_text(name)}")
        if code:
            lines.append(f"    name: {_text(name)}")
        if kind:
            lines.append(f"    kind: {_text(kind)}")
        lines.append("    schemes:")
        for scheme, counts in schemes.items():
            fields = ", ".join(f"{key}: {value}" for key, value in counts.items())
            lines.append(f"      {scheme}: {{{fields}}}")
    return "\n".join(lines) + "\n"


def with_units(text: str, doc: Document, block: str) -> str:
    """A version 2 plan's text with `block` as its units section (replacing the one it had), comments kept;
    a plan not in block style is written again from its data (its comments then lost)."""
    kept = _with_section(text, doc, "units", block)
    if kept is not None:
        return kept
    import yaml

    data = {key: value for key, value in doc.data.items() if key != "units"}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + block


def _with_section(text: str, doc: Document, name: str, block: str) -> str | None:
    """The text with `block` as its top-level `name:` section; None when the plan is not in block style."""
    doc.find_places()
    key = doc.key_marks.get((name,))
    block_style = all(mark.column == 0 for path, mark in doc.key_marks.items() if len(path) == 1)
    if not block_style:
        return None
    lines = text.splitlines(keepends=True)
    if key is not None:
        start = key.line  # 0-based
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#-"):
            end += 1
        lines = lines[:start] + lines[end:]
    _drop_document_end(lines)
    body = "".join(lines)
    if body and not body.endswith(("\n", "\r")):
        body += "\n"
    return body + block


_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t]+(?:#.*)?)?[\r\n]*\Z")


def _drop_document_end(lines: list[str]) -> None:
    """Remove the plan's document-end marker (`...`, after its last content) so that the communes appended
    after it stay in the one document; comments after it are kept."""
    for index in range(len(lines) - 1, -1, -1):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _DOCUMENT_END.match(lines[index]):
            del lines[index]
        return


def dump_plan(plan: Plan) -> str:
    """The plan without communes as block-style YAML (used when the original is not block style)."""
    info = plan.plan.model_dump(exclude_none=True)
    lines = ["version: 1", "plan:"]
    for key, value in info.items():
        if isinstance(value, list):
            lines.append(f"  {key}: [{', '.join(_text(v) for v in value)}]")
        elif isinstance(value, int):
            lines.append(f"  {key}: {value}")
        elif isinstance(value, str):
            lines.append(f"  {key}: {_text(value)}")
        else:  # dates
            lines.append(f"  {key}: {value.isoformat()}")
    lines.append("schemes:")
    for scheme, counts in plan.schemes.items():
        fields = ", ".join(f"{k}: {v}" for k, v in counts.model_dump(exclude_none=True).items())
        lines.append(f"  {scheme}: {{{fields}}}")
    return "\n".join(lines) + "\n"


def plan_document(comments: list[str], info: dict, schemes: dict[str, dict[str, object]],
                  communes: list[tuple[str | None, str, dict[str, dict[str, object]]]]) -> str:
    """A whole plan file (block style) from plain data: `info` as under `plan:` (text, ints, dates), counts
    per scheme (ints, and rates as the exact decimal text printed), and communes as (code or None, name,
    counts per scheme). Used by `bhxh plan import`."""
    lines = [f"# {comment}" for comment in comments] + ["version: 1", "plan:"]
    for key, value in info.items():
        if isinstance(value, str):
            lines.append(f"  {key}: {_text(value)}")
        elif isinstance(value, int):
            lines.append(f"  {key}: {value}")
        else:  # dates
            lines.append(f"  {key}: {value.isoformat()}")

    def fields(counts: dict[str, object]) -> str:
        return ", ".join(f"{key}: {value}" for key, value in counts.items())

    lines.append("schemes:")
    lines.extend(f"  {scheme}: {{{fields(counts)}}}" for scheme, counts in schemes.items())
    if communes:
        lines.append("communes:")
        for code, name, counts in communes:
            if code is not None:
                lines.append(f"  - code: {_text(code)}")
                lines.append(f"    name: {_text(name)}")
            else:
                lines.append(f"  - name: {_text(name)}")
            lines.extend(f"    {scheme}: {{{fields(values)}}}" for scheme, values in counts.items())
    return "\n".join(lines) + "\n"


# -- a version 2 plan written whole, as `bhxh allocate -o` writes it ------------------------------------------

def v2_plan_text(data: dict, comment: str) -> str:
    """A version 2 plan's data as YAML, in the layout plan/loading.py's `_written_units` reads without YAML
    events: `units:` last, each list indented under its key (a unit's lines 2 spaces in, its units 4), one
    flow mapping of counts a scheme, every string double-quoted but plain words (a code such as 03388 must
    stay text: YAML 1.1 readers take a leading 0 for octal). tests/test_fast_paths.py holds both readers to
    the same plan on what this writes."""
    import yaml

    if "units" in data:  # keys in any order mean the same plan; the fast reader wants the long list last
        data = {**{key: value for key, value in data.items() if key != "units"}, "units": data["units"]}
    text = yaml.dump(data, Dumper=_v2_dumper(yaml), allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=1000)
    return "# " + _comment(comment) + "\n" + text


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORDS_READ_AS_OTHER = ("true", "false", "yes", "no", "on", "off", "null", "y", "n")


def _v2_dumper(yaml):
    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False):
            return super().increase_indent(flow, False)  # a list indented under its key, as people write it

    def text(dumper, value: str):
        if _PLAIN_KEY.fullmatch(value) and value not in _WORDS_READ_AS_OTHER:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value)
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')

    Dumper.add_representer(str, text)
    return Dumper
