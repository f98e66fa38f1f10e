"""Rules of core/names.py that mutation testing found unstated: the closest names for a message are
difflib's, ties included (difflib keeps the later name in text order among equally close ones). Core-level."""

from __future__ import annotations

import difflib

import pytest

from bhxh_cli.core.names import _closest


@pytest.mark.parametrize("word, candidates, count", [
    ("ab", ["ax", "ay"], 1),  # equally close: a cheap bound equal to the best so far does not skip
    ("ab", ["abc", "abd"], 1),  # the cheapest bound is the ratio itself here
    ("ab", ["abd", "abc"], 1),
    ("ab", ["ax", "ab", "zz", "abx", "ay"], 2),
    ("ab", ["ax", "ay", "az", "bx"], 3),
])
def test_the_closest_names_are_difflibs_with_ties(word, candidates, count):
    assert _closest(word, candidates, count) == difflib.get_close_matches(word, candidates, n=count, cutoff=0)
    assert len(_closest(word, candidates, count)) == min(count, len(candidates))
