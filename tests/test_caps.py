"""Caps separate from weights: a scheme whose rate is of the labour force is split by the labour force, and
no unit is ever given more people than it has eligible."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.allocation import AllocationError, CommuneCounts, allocate
from bhxh_cli.core.levels import Unit, allocate_levels


def test_a_cap_below_the_weights_share_holds_and_the_rest_goes_to_the_others():
    # by the labour force alone Xã A would get 600 of 1000; it has only 450 eligible
    communes = [CommuneCounts("01", "Xã A", 6000, 0, cap=450), CommuneCounts("02", "Xã B", 4000, 0, cap=5000)]
    result = allocate("mandatory", 1000, communes, method="hamilton", reasons=True)
    assert [(r.target, r.bound) for r in result.rows] == [(450, "eligible"), (550, None)]
    assert str(result.rows[1].rate) == "13.8"  # of its labour force: 550 / 4000


def test_without_a_cap_the_weight_caps_as_before():
    communes = [CommuneCounts("01", "Xã A", 6000, 0), CommuneCounts("02", "Xã B", 4000, 0)]
    assert [r.target for r in allocate("mandatory", 1000, communes, method="hamilton").rows] == [600, 400]


def test_a_target_above_the_eligible_people_is_refused_with_their_sum():
    communes = [CommuneCounts("01", "Xã A", 6000, 0, cap=10), CommuneCounts("02", "Xã B", 4000, 0, cap=20)]
    with pytest.raises(AllocationError) as refused:
        allocate("mandatory", 100, communes, method="hamilton")
    assert (refused.value.key, refused.value.values) == ("above_eligible", {"scheme": "mandatory", "total": 100,
                                                                            "eligible": 30})


def test_a_parent_is_capped_by_the_eligible_people_of_its_communes():
    units = [Unit("D1", "Huyện A", "district", None), Unit("D2", "Huyện B", "district", None),
             Unit("C1", "Xã A1", "commune", "D1", 9000, 0, cap=100), Unit("C2", "Xã B1", "commune", "D2", 1000, 0)]
    rows = allocate_levels("mandatory", 500, units, method="sainte-lague")
    assert {r.code: r.target for r in rows} == {"D1": 100, "D2": 400, "C1": 100, "C2": 400}


def test_the_headroom_basis_is_of_the_eligible_people_not_yet_covered():
    communes = [CommuneCounts("01", "Xã A", 6000, 90, cap=100), CommuneCounts("02", "Xã B", 4000, 0, cap=1000)]
    result = allocate("mandatory", 200, communes, method="hamilton", basis="headroom")
    assert [r.target for r in result.rows] == [91, 109]  # 110 more split 10 : 1000


def test_on_basis_headroom_a_unit_of_no_labour_force_still_shares_by_its_eligible_not_covered():
    units = [Unit("D1", "Huyện A", "district", None),
             Unit("C1", "Xã A1", "commune", "D1", 0, 10, cap=50), Unit("C2", "Xã A2", "commune", "D1", 100, 0, cap=40)]
    rows = allocate_levels("mandatory", 55, units, method="hamilton", basis="headroom")
    # 45 more split 40 : 40 (each one's eligible not yet covered), on top of the 10 enrolled
    assert {r.code: r.target for r in rows} == {"D1": 55, "C1": 33, "C2": 22}


@st.composite
def capped_trees(draw):
    parents = draw(st.integers(1, 4))
    units = [Unit(f"D{p}", f"Huyện {p}", "district", None) for p in range(parents)]
    for p in range(parents):
        for c in range(draw(st.integers(1, 4))):
            weight = draw(st.integers(0, 500))
            cap = draw(st.integers(0, 400))
            enrolled = draw(st.integers(0, cap))
            units.append(Unit(f"C{p}.{c}", f"Xã {p}.{c}", "commune", f"D{p}", weight, enrolled, cap=cap))
    return units


@settings(max_examples=300, deadline=None)
@given(capped_trees(), st.data(), st.sampled_from(["hamilton", "sainte-lague", "dhondt"]), st.booleans(),
       st.sampled_from(["eligible", "headroom"]))
def test_never_above_eligible_and_exact_at_every_level(units, data, method, floor, basis):
    leaves = [u for u in units if u.cap is not None]
    if basis == "headroom":  # the increase over the enrolled, split by the eligible not yet covered
        low, high, floor = sum(u.enrolled for u in leaves), sum(u.cap for u in leaves), True
    else:
        low = sum(u.enrolled for u in leaves) if floor else 0
        # a unit of weight 0 gets nothing above its floor, whatever its cap
        high = sum(u.cap if u.eligible > 0 else u.enrolled if floor else 0 for u in leaves)
    if high < low:
        return
    total = data.draw(st.integers(low, high))
    rows = allocate_levels("mandatory", total, units, method=method, basis=basis,
                           floor_enrolled=floor and basis == "eligible")
    by_code = {r.code: r for r in rows}
    assert sum(r.target for r in rows if r.parent is None) == total
    for unit in units:
        below = [r.target for r in rows if r.parent == unit.code]
        if unit.cap is None:
            assert sum(below) == by_code[unit.code].target
        else:
            assert by_code[unit.code].target <= unit.cap
            if floor:
                assert by_code[unit.code].target >= unit.enrolled
