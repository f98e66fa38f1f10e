"""Rules of the commune split (core/allocation.py) with a cap apart from the weight (a scheme weighted by the
labour force and capped by the people eligible) that mutation testing found unstated: the cap holds with the
reasons as without them and is named as the bound, and the errors count the caps that can be reached."""

from __future__ import annotations

import pytest

from bhxh_cli.core.allocation import AllocationError, CommuneCounts, allocate


@pytest.mark.parametrize("method", ["sainte-lague", "hamilton"])
def test_a_cap_below_the_share_holds_with_the_reasons_and_is_named(method):
    # 10 for two equal weights is 5 each; Xã A has only 2 eligible people, so it gets 2 and Xã B the other 8
    communes = [CommuneCounts("01", "Xã A", 10, 0, cap=2), CommuneCounts("02", "Xã B", 10, 0)]
    bare = allocate("voluntary", 10, communes, method=method)
    full = allocate("voluntary", 10, communes, method=method, reasons=True)
    assert [(r.target, r.bound) for r in bare.rows] == [(2, None), (8, None)]
    assert [(r.target, r.bound) for r in full.rows] == [(2, "eligible"), (8, None)]


def test_too_few_eligible_people_counts_the_caps_of_the_communes_that_take_a_share():
    # Xã A has no labour force (weight 0): it gets nothing, whatever its 10 eligible people; Xã B (weight 1, the
    # smallest that takes a share) and Xã C can take their caps 4 and 8: 12, one short of 13
    communes = [CommuneCounts("01", "Xã A", 0, 0, cap=10), CommuneCounts("02", "Xã B", 1, 0, cap=4),
                CommuneCounts("03", "Xã C", 10, 0, cap=8)]
    with pytest.raises(AllocationError) as caught:
        allocate("voluntary", 13, communes, method="sainte-lague")
    assert (caught.value.key, caught.value.values) == ("above_eligible", {"scheme": "voluntary", "total": 13,
                                                                         "eligible": 12})


def test_a_target_of_exactly_the_eligible_people_below_the_floors_is_a_floor_problem():
    # Xã B's 10 eligible people are all that can be reached, and the target is exactly 10: enough people. The
    # floors are not: Xã A (weight 0) keeps its 6 enrolled, Xã B its 10, 16 in all
    communes = [CommuneCounts("01", "Xã A", 0, 6, cap=10), CommuneCounts("02", "Xã B", 10, 10)]
    with pytest.raises(AllocationError) as caught:
        allocate("voluntary", 10, communes, method="sainte-lague", floor_enrolled=True)
    assert (caught.value.key, caught.value.values) == ("below_enrolled", {
        "scheme": "voluntary", "total": 10, "enrolled": 16, "excess": 6, "holders": [("02 (Xã B)", 10), ("01 (Xã A)", 6)]})


@pytest.mark.parametrize("floor_enrolled", [False, True])
def test_no_communes_is_a_programming_error_not_a_floor_problem(floor_enrolled):
    # the split's own error, as it is: no floor is above a target of 0
    with pytest.raises(ValueError, match="there are no units to split the total among") as caught:
        allocate("voluntary", 0, [], method="hamilton", floor_enrolled=floor_enrolled)
    assert not isinstance(caught.value, AllocationError)


def test_an_allocation_error_shows_its_key_and_values():
    error = AllocationError("needs_enrolled", scheme="voluntary")
    assert repr(error) == "AllocationError('needs_enrolled', {'scheme': 'voluntary'})"
    assert str(error) == "needs_enrolled: {'scheme': 'voluntary'}"
