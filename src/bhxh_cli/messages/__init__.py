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
from typing import Iterable, Mapping

LANGUAGES = ("vi", "en")
DEFAULT = "vi"

_current: str | None = None
_catalogs: dict[str, dict[str, str]] = {}


def choose_language(argv: Iterable[str], environ: Mapping[str, str]) -> str:
    """The language of this run, before the command line is parsed (so that --help speaks it too): an
    explicit `--lang X` / `--lang=X` anywhere on the line, else BHXH_LANG, else Vietnamese."""
    words = list(argv)
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words) and words[index + 1] in LANGUAGES:
            return words[index + 1]
        if word.startswith("--lang=") and word[len("--lang="):] in LANGUAGES:
            return word[len("--lang="):]
    return from_environment(environ)


def from_environment(environ: Mapping[str, str]) -> str:
    value = environ.get("BHXH_LANG", "").strip().lower()[:2]
    return value if value in LANGUAGES else DEFAULT


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
    """The sentence `key` in `lang` (default: the language in use), its {placeholders} filled in."""
    text = catalog(lang or language())[key]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalogs have `key` (for keys made from data, such as a column's)."""
    return key in catalog(language())


def trn(key: str, count: int, /, **values: object) -> str:
    """The sentence `key.one` (count 1) or `key.other`, with {count} and the other values filled in. Both
    catalogs have both forms (Vietnamese nouns do not change: its two are the same)."""
    return tr(f"{key}.{'one' if count == 1 else 'other'}", count=count, **values)
