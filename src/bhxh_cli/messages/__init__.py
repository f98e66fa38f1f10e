"""Every sentence a person reads, in Vietnamese (the default) or English: one catalog per language.

    from bhxh_cli.messages import tr
    raise UsageError(tr("file.missing", file=name))

A catalog (vi.py, en.py) is a flat dict: a stable key, then the whole sentence with named {placeholders}
(str.format), so that a translator sees whole sentences and a test checks both catalogs have the same keys
and the same placeholders. Only the catalog of the language in use is imported, on the first message.

The language is process-wide: set once at start-up (cli) from `--lang` anywhere on the command line, else
BHXH_LANG, else Vietnamese; readers deep down that have no `lang` parameter use it as well.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Iterable, Mapping

LANGUAGES = ("vi", "en")
DEFAULT = "vi"

_current: str | None = None
_catalogs: dict[str, dict[str, str]] = {}


def choose_language(argv: Iterable[str], environ: Mapping[str, str]) -> str:
    """The language of this run, before the command line is parsed (so that --help speaks it too): an
    explicit `--lang X` / `--lang=X` anywhere on the line, else BHXH_LANG, else Vietnamese."""
    return _language_on_line(argv) or from_environment(environ)


def _language_on_line(argv: Iterable[str]) -> str | None:
    """The language `--lang X` / `--lang=X` names on the command line (before a `--`), or None."""
    words = list(argv)
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words) and words[index + 1] in LANGUAGES:
            return words[index + 1]
        if word.startswith("--lang=") and word[len("--lang="):] in LANGUAGES:
            return word[len("--lang="):]
    return None


def from_environment(environ: Mapping[str, str]) -> str:
    value = environ.get("BHXH_LANG", "").strip().lower()[:2]
    return value if value in LANGUAGES else DEFAULT


def unread_environment_language(argv: Iterable[str], environ: Mapping[str, str]) -> str | None:
    """BHXH_LANG as set, when it names no language of ours and decides the run's language (no --lang on the
    line): said once rather than silently read as Vietnamese. `en_US.UTF-8` is English, as before."""
    value = environ.get("BHXH_LANG", "").strip()
    if not value or value.lower()[:2] in LANGUAGES or _language_on_line(argv) is not None:
        return None
    return value


def language() -> str:
    """The language in use: the one set at start-up, else BHXH_LANG, else Vietnamese."""
    return _current if _current is not None else from_environment(os.environ)


def set_language(lang: str | None) -> str | None:
    """Set (or, with None, forget) the process-wide language; returns the setting it replaces."""
    global _current
    previous, _current = _current, (lang if lang in LANGUAGES or lang is None else DEFAULT)
    return previous


def catalog(lang: str) -> dict[str, str]:
    found = _catalogs.get(lang)
    if found is None:
        found = _catalogs[lang] = importlib.import_module(f"bhxh_cli.messages.{lang}").MESSAGES
    return found


def tr(key: str, lang: str | None = None, /, **values: object) -> str:
    """The sentence `key` in `lang` (default: the language in use), its {placeholders} filled in (numbers
    in the language's style: `styled`)."""
    lang = lang or language()
    text = catalog(lang)[key]
    return text.format(**styled(key, values, lang)) if values else text


# Placeholders that hold counts of people, and decimals worked out by bhxh (a rate, a growth): in Vietnamese
# messages, as in the tables, 15.890 and 94,986 (README). A value the user typed ({value}, a cell's text) is
# shown as typed, and so is a number a message tells the user to type into a file (TYPED: YAML wants 15890
# and 97.7); years, rows, columns and codes are never counts.
COUNTS = frozenset({"eligible", "enrolled", "total", "target", "own", "district", "excess", "increase",
                    "headroom", "summed", "stated", "needed", "whole", "limit", "count", "baseline", "expected",
                    "actual", "given", "people", "participants", "difference", "of", "communes", "units",
                    "parents", "missing", "size", "cells", "rows"})
DECIMALS = frozenset({"exact", "growth", "percent", "low", "high", "printed"})
TYPED = frozenset({"plan.count.text", "policy_file.no_percentage.split", "plan.count.fraction.whole", "milestones.target_not_after"})


def styled(key: str, values: dict[str, object], lang: str | None = None) -> dict[str, object]:
    """`values` with their counts and decimals in the style of `lang` (default: the language in use), for
    the sentence `key`; also for a template filled in elsewhere (pydantic's error context)."""
    if (lang or language()) != "vi" or key in TYPED:
        return values
    out = dict(values)
    for name, value in values.items():
        if name in COUNTS and type(value) is int:
            out[name] = f"{value:,}".replace(",", ".")
        elif name in COUNTS and isinstance(value, str) and _SIGNED.fullmatch(value):  # a difference: "+1234"
            out[name] = value[0] + f"{int(value[1:]):,}".replace(",", ".")
        elif name in DECIMALS and isinstance(value, str) and _DECIMAL.fullmatch(value):
            out[name] = value.replace(".", ",")
    return out


_DECIMAL = re.compile(r"[+-]?\d+\.\d+")
_SIGNED = re.compile(r"[+-]\d+")


def has(key: str) -> bool:
    """Whether the catalogs have `key` (for keys made from data, such as a column's)."""
    return key in catalog(language())


def trn(key: str, count: int, /, **values: object) -> str:
    """The sentence `key.one` (count 1) or `key.other`, with {count} and the other values filled in. Both
    catalogs have both forms (Vietnamese nouns do not change: its two are the same)."""
    return tr(f"{key}.{'one' if count == 1 else 'other'}", count=count, **values)
