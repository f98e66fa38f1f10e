"""Rules of core/crosswalk.py that mutation testing found unstated: convert's refusals with the key and values
the command words them from, `checked` trusting the caller's check, a name written without its prefix, and a
share shown as written. Core-level, for mutmut's selection. (Codes and names are illustrative.)"""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal

import pytest

from bhxh_cli.core.crosswalk import CrosswalkError, Row, build, check_table, convert

ROWS = [Row("1", "Xã Thọ Cường", "10", "Xã Thọ Ngọc"), Row("2", "Xã Thọ Vực", "10", "Xã Thọ Ngọc", "60%"),
        Row("2", "Xã Thọ Vực", "11", "Xã Thọ Phú", "40%")]


def crosswalk(rows=ROWS):
    result, findings = build(rows)
    assert findings == [] and result is not None
    return result


def test_units_whose_columns_differ_are_refused_naming_both_lists():
    units = [("1", "Xã Thọ Cường", {"mandatory": 1, "voluntary": 2}), ("2", "Xã Thọ Vực", {"voluntary": 2})]
    with pytest.raises(CrosswalkError) as caught:
        convert(crosswalk(), units)
    assert (caught.value.key, caught.value.values) == (
        "crosswalk.columns-differ", {"code": "2", "name": "Xã Thọ Vực", "columns": "voluntary",
                                     "expected": "mandatory, voluntary"})
    with pytest.raises(CrosswalkError) as reordered:
        convert(crosswalk(), [units[0], ("2", "Xã Thọ Vực", {"voluntary": 2, "mandatory": 1})])
    assert reordered.value.values["columns"] == "voluntary, mandatory"


def test_a_refusal_keeps_its_key_and_values_when_copied_or_pickled():
    error = CrosswalkError("crosswalk.not-a-count", {"code": "1", "count": "-1"})
    assert error.args == ("crosswalk.not-a-count", {"code": "1", "count": "-1"})
    for again in (copy.copy(error), pickle.loads(pickle.dumps(error))):
        assert (again.key, again.values) == (error.key, error.values)


def test_a_checked_table_is_not_checked_again():
    # the caller ran check_table and chose to go on: a name the crosswalk words otherwise is converted
    units = [("1", "Xã Khác", {"n": 5}), ("2", "Xã Thọ Vực", {"n": 10})]
    with pytest.raises(CrosswalkError) as caught:
        convert(crosswalk(), units)
    assert caught.value.key == "crosswalk.name-mismatch"
    assert convert(crosswalk(), units, checked=True) == [("10", "Xã Thọ Ngọc", {"n": 11}),
                                                         ("11", "Xã Thọ Phú", {"n": 4})]


def test_a_name_written_without_its_prefix_is_the_crosswalks():
    assert check_table(crosswalk(), [("1", "Thọ Cường"), ("2", "xã thọ vực")]) == []
    [wrong] = check_table(crosswalk(), [("1", "Thọ Vực"), ("2", "Xã Thọ Vực")])
    assert (wrong.rule, wrong.values) == ("name-mismatch", {"code": "1", "name": "Thọ Vực", "known": "Xã Thọ Cường"})


@pytest.mark.parametrize("share, written, rule", [
    (" sáu mươi ", "sáu mươi", "share-number"), (float("nan"), "nan", "share-number"),
    (Decimal("-0.6"), "-0.6", "share-negative"), (" -60% ", "-60%", "share-negative"), (-1, "-1", "share-negative"),
])
def test_a_share_is_shown_as_written(share, written, rule):
    rows = [Row("2", "Xã Thọ Vực", "10", "Xã Thọ Ngọc", share), Row("2", "Xã Thọ Vực", "11", "Xã Thọ Phú", "40%")]
    result, [finding] = build(rows)
    assert (result, finding.rule, finding.values) == (None, rule, {"share": written, "old": "2", "new": "10"})


def test_a_partial_new_unit_lists_every_old_unit_missing():
    rows = [Row("1", "Xã A", "10", "Xã Mới"), Row("2", "Xã B", "10", "Xã Mới"), Row("3", "Xã C", "10", "Xã Mới")]
    [partial] = check_table(crosswalk(rows), [("2", "Xã B")])
    assert (partial.row, partial.rule, partial.severity, partial.values) == (
        None, "partial-new-unit", "warning", {"code": "10", "name": "Xã Mới", "missing": "1, 3"})


def test_a_unit_without_a_name_is_labelled_by_its_code_alone():
    rows = [Row("2", "", "10", "Xã Thọ Ngọc", "60%"), Row("2", " ", "11", "Xã Thọ Phú", "30%")]
    result, findings = build(rows)
    assert result is None
    assert [(f.rule, f.values) for f in findings] == [
        ("old-name-missing", {"code": "2"}), ("shares-total", {"unit": "2", "total": "90"}),
        ("old-name-missing", {"code": "2"})]
    _, found = build([Row("2", "", "10", "Xã Thọ Ngọc", "60%"), Row("2", "Xã Thọ Vực", "11", "Xã Thọ Phú", "30%")])
    assert [f.values for f in found] == [{"code": "2"}, {"unit": "2 (Xã Thọ Vực)", "total": "90"}]
