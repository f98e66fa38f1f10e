"""Rules of the commune split (core/allocation.py) that mutation testing found unstated: the floor flag the
notes are worded from, which fix the headroom error suggests at its boundary, how the floor's error names the
most enrolled communes, and why no commune is ever reported as capped by its eligible people."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.allocation import AllocationError, CommuneCounts, allocate
from bhxh_cli.core.apportion import explain

COMMUNES = [CommuneCounts("01", "Xã A", 500, 450), CommuneCounts("02", "Xã B", 300, 120)]


@pytest.mark.parametrize(("basis", "floor_enrolled", "floor"), [
    ("eligible", True, True), ("eligible", False, False), ("headroom", True, False), ("headroom", False, False)])
def test_the_floor_flag_is_set_only_where_the_floor_was_applied(basis, floor_enrolled, floor):
    # basis headroom never lowers a commune (it only adds to what each has), so it has no floor to name
    assert allocate("mandatory", 700, COMMUNES, method="hamilton", basis=basis,
                    floor_enrolled=floor_enrolled).floor is floor


@pytest.mark.parametrize("total", [12, 14])
def test_headroom_without_an_increase_says_by_how_much(total):
    over = [CommuneCounts("01", "Xã A", 10, 10), CommuneCounts("02", "Xã B", 10, 5)]  # 15 enrolled, 20 eligible
    with pytest.raises(AllocationError) as caught:
        allocate("voluntary", total, over, method="hamilton", basis="headroom")
    assert (caught.value.key, caught.value.values) == (
        "headroom_decrease", {"scheme": "voluntary", "total": total, "enrolled": 15, "excess": 15 - total})


def test_the_floor_error_names_the_three_most_enrolled_and_a_commune_without_code_by_name():
    # enrolled 0 must rank below enrolled 1; equal counts keep the table's order
    communes = [CommuneCounts("01", "Xã A", 100, 5), CommuneCounts("02", "Xã B", 100, 0),
                CommuneCounts("", "Xã C", 100, 1), CommuneCounts("04", "Xã D", 100, 4)]
    with pytest.raises(AllocationError) as caught:
        allocate("mandatory", 9, communes, method="sainte-lague", floor_enrolled=True)
    assert (caught.value.key, caught.value.values) == ("below_enrolled", {
        "scheme": "mandatory", "total": 9, "enrolled": 10, "excess": 1,
        "holders": [("01 (Xã A)", 5), ("04 (Xã D)", 4), ("Xã C", 1)]})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=7), st.data(),
       st.sampled_from(["sainte-lague", "dhondt", "huntington-hill", "adams", "hamilton"]))
def test_a_share_in_proportion_to_the_caps_is_never_held_at_a_cap(weights, data, method):
    # allocate caps each commune by its own weight (eligible, or not yet covered): the common rate is then at
    # most 1 and no commune's share exceeds its cap, so the only bound that can decide a target is the floor
    total = data.draw(st.integers(0, sum(weights)))
    lower = data.draw(st.one_of(st.none(), st.tuples(*[st.integers(0, w) for w in weights]).map(list)))
    if lower is not None and sum(lower) > total:
        return
    units = explain(total, weights, method=method, lower=lower, upper=weights).units
    assert all(unit.bound != "upper" for unit in units)


@pytest.mark.parametrize("method", ["hamilton", "sainte-lague"])
def test_a_tie_is_reported_with_the_reasons_only(method):
    # one person for two communes of 10: the tie goes to the first listed, and both rows say a tie decided
    equal = [CommuneCounts("01", "Xã A", 10, 0), CommuneCounts("02", "Xã B", 10, 0)]
    full = allocate("voluntary", 1, equal, method=method, reasons=True)
    assert [(r.target, r.tie) for r in full.rows] == [(1, True), (0, True)]
    bare = allocate("voluntary", 1, equal, method=method)
    assert [(r.target, r.tie, r.quota, r.bound) for r in bare.rows] == [(1, False, None, None), (0, False, None, None)]
