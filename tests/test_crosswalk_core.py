"""The crosswalk core: old units to new ones, counts conserved exactly, problems as plain findings.

The codes and names below are illustrative (a merged and a divided unit), not the official 2025 list.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.crosswalk import CrosswalkError, Row, build, check_table, convert, parse_share
from bhxh_cli.messages import tr


def said(findings):
    """The findings as (row, code, rule, English sentence, severity): the core carries keys and values, the
    catalogs word them."""
    return [(f.row, f.code, f.rule, tr(f.message_key, "en", **f.values), f.severity) for f in findings]


def Finding(row, code, rule, message, severity="error"):
    return (row, code, rule, message, severity)

ROWS = [
    Row("15754", "Xã Thọ Cường", "15754", "Xã Thọ Ngọc"),  # merged: two old communes into one new
    Row("15757", "Xã Thọ Ngọc", "15754", "Xã Thọ Ngọc"),
    Row("15760", "Xã Thọ Vực", "15754", "Xã Thọ Ngọc", "60%"),  # divided: 60% / 40%
    Row("15760", "Xã Thọ Vực", "15763", "Xã Thọ Phú", "40%"),
    Row("15766", "Xã Nông Trường", "15766", "Xã Nông Trường"),  # unchanged
]
TABLE = [("15754", "Xã Thọ Cường", {"mandatory": 10, "voluntary": 3}),
         ("15757", "Xã Thọ Ngọc", {"mandatory": 20, "voluntary": 5}),
         ("15760", "Xã Thọ Vực", {"mandatory": 7, "voluntary": 1}),
         ("15766", "Xã Nông Trường", {"mandatory": 4, "voluntary": 2})]


def crosswalk(rows=ROWS):
    result, findings = build(rows)
    assert findings == [] and result is not None
    return result


def test_merged_units_add_up_and_divided_units_split_exactly():
    # 15760's 7 people: 4.2 and 2.8 -> 4 and 3 (largest remainder); its 1 voluntary: 0.6 and 0.4 -> 1 and 0
    assert convert(crosswalk(), TABLE) == [
        ("15754", "Xã Thọ Ngọc", {"mandatory": 34, "voluntary": 9}),
        ("15763", "Xã Thọ Phú", {"mandatory": 3, "voluntary": 0}),
        ("15766", "Xã Nông Trường", {"mandatory": 4, "voluntary": 2})]


def test_sainte_lague_can_be_chosen():
    # 8 people at 1%, 6%, 93%: exactly 0.08, 0.48 and 7.44; the largest remainder (0.48) gets the eighth
    rows = [Row("1", "A", "10", "X", "1"), Row("1", "A", "11", "Y", "6"), Row("1", "A", "12", "Z", "93")]
    assert convert(crosswalk(rows), [("1", "A", {"n": 8})]) == [
        ("10", "X", {"n": 0}), ("11", "Y", {"n": 1}), ("12", "Z", {"n": 7})]
    assert convert(crosswalk(rows), [("1", "A", {"n": 8})], method="sainte-lague") == [
        ("10", "X", {"n": 0}), ("11", "Y", {"n": 0}), ("12", "Z", {"n": 8})]


@pytest.mark.parametrize("shares", [("60", "40"), ("60%", "40%"), ("0.6", "0.4"), ("3/5", "2/5"), ("0,6", "0,4"),
                                    (60, 40), (Fraction(3, 5), Fraction(2, 5)), (Decimal("0.6"), 0.4),
                                    (" 60 % ", "40%")])
def test_shares_in_percent_or_as_fractions(shares):
    rows = [Row("1", "A", "10", "X", shares[0]), Row("1", "A", "11", "Y", shares[1])]
    assert crosswalk(rows).parts == {"1": [("10", Fraction(3, 5)), ("11", Fraction(2, 5))]}


@pytest.mark.parametrize("text,value", [("12.5%", (Fraction(25, 2), True)), ("1/3", (Fraction(1, 3), False)),
                                        ("1e2", None), ("nan", None), ("x", None), ("1/0", None), ("", None),
                                        (True, None), ("--1", None)])
def test_parse_share(text, value):
    assert parse_share(text) == value


def test_a_unit_in_one_row_went_whole_with_or_without_a_share():
    for share in (None, "", "100", "100%", "1", 1):
        assert crosswalk([Row("1", "A", "10", "X", share)]).parts == {"1": [("10", Fraction(1))]}


def test_names_compare_as_names():
    rows = [Row("1", "Xã Thọ Hóa", "10", "X"), Row("2", "B", "10", "x")]
    rows.append(Row("3", "C", "11", "Xã Thọ Hoá"))
    rows.append(Row("4", "D", "11", "XÃ  THỌ HÓA"))
    assert crosswalk(rows).new_names == {"10": "X", "11": "Xã Thọ Hoá"}


@pytest.mark.parametrize("rows,findings", [
    ([Row("1", "A", "10", "X", "60"), Row("1", "A", "11", "Y", "30")],
     [Finding(1, "1", "shares-total", "the shares of 1 (A) add up to 90; they must add up to 100 (percents) or to 1 "
                                      "(fractions): every person of the old unit goes to exactly one new unit")]),
    ([Row("1", "A", "10", "X", "60%"), Row("1", "A", "11", "Y", "30%")],
     [Finding(1, "1", "shares-total", "the shares of 1 (A) add up to 90%, not 100%; every person of the old unit "
                                      "goes to exactly one new unit")]),
    ([Row("1", "A", "10", "X", "0.5"), Row("1", "A", "11", "Y", "0.25")],
     [Finding(1, "1", "shares-total", "the shares of 1 (A) add up to 0.75; they must add up to 100 (percents) or "
                                      "to 1 (fractions): every person of the old unit goes to exactly one new unit")]),
    ([Row("1", "A", "10", "X", "60")],
     [Finding(1, "1", "shares-total", "the shares of 1 (A) add up to 60; they must add up to 100 (percents) or to 1 "
                                      "(fractions): every person of the old unit goes to exactly one new unit")]),
    ([Row("1", "A", "10", "X", "60%"), Row("1", "A", "11", "Y", "0.4")],
     [Finding(1, "1", "share-mixed", "the shares of 1 (A) mix percents (with %) and plain numbers; write them all "
                                     "one way")]),
    ([Row("1", "A", "10", "X", "60"), Row("1", "A", "11", "Y")],
     [Finding(2, "1", "share-missing", "1 (A) goes to 2 new units, so each of its rows needs a share; the row to 11 "
                                       "has none")]),
    ([Row("1", "A", "10", "X", "sáu mươi"), Row("1", "A", "11", "Y", "40")],
     [Finding(1, "1", "share-number", "the share 'sáu mươi' of 1 to 10 is not a number; write a percent (60 or 60%) "
                                      "or a fraction (0.6 or 3/5)")]),
    ([Row("1", "A", "10", "X", "140"), Row("1", "A", "11", "Y", "-40")],
     [Finding(2, "1", "share-negative", "the share '-40' of 1 to 11 is negative; a share is a part of the old unit, "
                                        "0 or more")]),
    ([Row("1", "A", "10", "X"), Row("1", "A", "10", "X")],
     [Finding(2, "1", "duplicate-link", "1 to 10 is listed twice (rows 1 and 2); list each part once")]),
    ([Row("1", "A", "10", "X"), Row("2", "B", "10", "Z")],
     [Finding(2, "10", "new-name-conflict", "new unit 10 is named 'Z' here but 'X' in row 1; one code has one name "
                                            "at one date: correct one of them")]),
    ([Row("1", "A", "10", "X", "50"), Row("1", "B", "11", "Y", "50")],
     [Finding(2, "1", "old-name-conflict", "old unit 1 is named 'B' here but 'A' in row 1; one code has one name at "
                                           "one date: correct one of them")]),
    ([Row("", "A", "10", "X")],
     [Finding(1, "", "old-code-missing", "the old code is empty; every row names an old and a new unit by code")]),
    ([Row("1", "A", "10", " ")],
     [Finding(1, "10", "new-name-missing", "the new unit 10 has no name; write its name as in the official list")]),
])
def test_crosswalk_findings(rows, findings):
    result, found = build(rows)
    assert result is None and said(found) == findings


def test_table_findings():
    table = [("15754", "Xã Thọ Cường"), ("15760", "Xã Thọ Vực"), ("15799", "Xã Mới"), ("15754", "Xã Thọ Cường"),
             ("15766", "Xã Thọ Ngọc")]
    assert said(check_table(crosswalk(), table)) == [
        Finding(3, "15799", "unmapped", "15799 (Xã Mới) is not in the crosswalk; add a row for it, or its counts "
                                        "would be lost"),
        Finding(4, "15754", "duplicate-unit", "15754 (Xã Thọ Cường) is listed twice (rows 1 and 4); list each unit "
                                              "once"),
        Finding(5, "15766", "name-mismatch", "15766 is 'Xã Thọ Ngọc' in the table but 'Xã Nông Trường' in the "
                                             "crosswalk; codes were reused after the mergers: check that the table "
                                             "is in the old units"),
        Finding(None, "15754", "partial-new-unit", "new unit 15754 (Xã Thọ Ngọc) also takes in 15757, not in the "
                                                   "table: its counts here are only part of it", "warning"),
    ]


def test_convert_refuses_a_table_with_errors():
    with pytest.raises(CrosswalkError) as refused:
        convert(crosswalk(), TABLE + [("15799", "Xã Mới", {"mandatory": 1, "voluntary": 1})])
    assert tr(refused.value.key, "en", **refused.value.values) == (
        "15799 (Xã Mới) is not in the crosswalk; add a row for it, or its counts would be lost")


def test_convert_keeps_a_partial_new_unit_with_its_warning():
    assert convert(crosswalk(), TABLE[2:3]) == [("15754", "Xã Thọ Ngọc", {"mandatory": 4, "voluntary": 1}),
                                                 ("15763", "Xã Thọ Phú", {"mandatory": 3, "voluntary": 0})]


def test_convert_refuses_counts_that_are_not_counts():
    with pytest.raises(CrosswalkError) as refused:
        convert(crosswalk(), [("15766", "Xã Nông Trường", {"mandatory": -1})])
    assert tr(refused.value.key, "en", **refused.value.values) == (
        "15766 (Xã Nông Trường): mandatory is -1, not a count of people")


# -- every count is conserved ----------------------------------------------------------------------------

@st.composite
def crosswalks_and_tables(draw):
    """Old units 0..n-1 going whole or divided into new units 0..m-1, and a table of counts for them."""
    n_old = draw(st.integers(1, 25))
    n_new = draw(st.integers(1, 10))
    rows = []
    for old in range(n_old):
        targets = draw(st.lists(st.integers(0, n_new - 1), min_size=1, max_size=4, unique=True))
        if len(targets) == 1:
            rows.append(Row(f"o{old}", f"Old {old}", f"n{targets[0]}", f"New {targets[0]}"))
            continue
        weights = draw(st.lists(st.integers(0, 50), min_size=len(targets), max_size=len(targets)).filter(any))
        style = draw(st.sampled_from(["fraction", "percent", "decimal"]))
        total = sum(weights)
        for new, weight in zip(targets, weights):
            share = Fraction(weight, total)
            text = {"fraction": f"{share.numerator}/{share.denominator}",
                    "percent": f"{share.numerator * 100}/{share.denominator}%",
                    "decimal": share}[style]
            rows.append(Row(f"o{old}", f"Old {old}", f"n{new}", f"New {new}", text))
    columns = draw(st.lists(st.sampled_from(["mandatory", "voluntary", "unemployment"]), min_size=1, unique=True))
    table = [(f"o{old}", f"Old {old}", {c: draw(st.integers(0, 10**6)) for c in columns}) for old in range(n_old)]
    return rows, table, columns


@settings(max_examples=300)
@given(crosswalks_and_tables(), st.sampled_from(["hamilton", "sainte-lague"]))
def test_a_crosswalk_conserves_every_count(case, method):
    rows, table, columns = case
    result, findings = build(rows)
    assert findings == [] and result is not None
    converted = convert(result, table, method=method)
    for column in columns:
        assert sum(counts[column] for _, _, counts in converted) == sum(counts[column] for _, _, counts in table)
    # largest remainder keeps each part within one person of its exact share: each new unit's count lies
    # between the sums of its parts' exact shares rounded down and rounded up
    if method == "hamilton":
        for new, _, counts in converted:
            for column in columns:
                exact = [table_counts[column] * share for code, _, table_counts in table
                         for into, share in result.parts[code] if into == new]
                low = sum(part.numerator // part.denominator for part in exact)
                high = sum(-(-part.numerator // part.denominator) for part in exact)
                assert low <= counts[column] <= high
