"""Rules of the split through the levels (core/levels.py) that mutation testing found unstated: how a parent's
cap counts the caps of the communes under it (exactly at a cap, a commune of weight 0 or 1, with and without
the floor, on either basis), targets the plan gives, the reasons and rates each row carries, and what an error
says. Every expected number is worked out by hand in the comments."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bhxh_cli.core.allocation import AllocationError
from bhxh_cli.core.levels import TreeError, Unit, allocate_levels, level_of


def targets(units: list[Unit], total: int, **options) -> dict[str, int]:
    options.setdefault("method", "sainte-lague")
    return {row.code: row.target for row in allocate_levels("voluntary", total, units, **options)}


def two_districts(*first: Unit, second: list[Unit]) -> list[Unit]:
    return [Unit("D1", "Huyện A", "district", None), Unit("D2", "Huyện B", "district", None), *first, *second]


@pytest.mark.parametrize(("kind", "level"), [
    ("huyện", "district"), ("quận", "district"), ("thị xã", "district"), ("thành phố", "district"),
    ("xã", "commune"), ("phường", "commune"), ("thị trấn", "commune"), ("đặc khu", "commune"), (None, "commune"),
    ("tỉnh", "province"), ("cụm", "cụm")])  # a group's kind is its own level
def test_the_level_of_each_kind(kind, level):
    assert level_of(kind) == level


def test_a_parent_is_capped_exactly_by_the_caps_of_its_communes():
    # 15 for two districts of weight 10: 7,5 each, but Huyện B's one commune can take only 5 (its cap), so
    # Huyện B gets exactly 5 and Huyện A the other 10; one more in B's cap and B's commune could not hold it
    units = two_districts(Unit("C1", "Xã A1", "commune", "D1", 10, 0),
                          second=[Unit("C2", "Xã B1", "commune", "D2", 10, 0, cap=5)])
    assert targets(units, 15) == {"D1": 10, "D2": 5, "C1": 10, "C2": 5}


def test_a_cap_that_binds_inside_a_district_but_not_above_it():
    # Huyện B: weights 10 + 10, caps 5 + 10 = 15. 20 for the two districts (weights 10 and 20): B's share 13,33
    # is below its cap 15, so B gets 13; inside B the equal shares 6,5 would put 7 or 6 in Xã B1, above its cap
    # 5, so Xã B1 gets 5 and Xã B2 the other 8
    units = two_districts(Unit("C1", "Xã A1", "commune", "D1", 10, 0),
                          second=[Unit("C2", "Xã B1", "commune", "D2", 10, 0, cap=5),
                                  Unit("C3", "Xã B2", "commune", "D2", 10, 0)])
    assert targets(units, 20) == {"D1": 7, "D2": 13, "C1": 7, "C2": 5, "C3": 8}


def test_a_commune_of_weight_0_adds_nothing_to_its_parents_cap_without_the_floor():
    # Xã A1 has no labour force (weight 0): it gets nothing whatever its cap of 100, so Huyện A can hold only
    # Xã A2's 10; 40 for weights 10 and 10 is 20 each, so Huyện A is held at 10 and Huyện B gets 30
    units = two_districts(Unit("C1", "Xã A1", "commune", "D1", 0, 5, cap=100),
                          Unit("C2", "Xã A2", "commune", "D1", 10, 0, cap=10),
                          second=[Unit("C3", "Xã B1", "commune", "D2", 10, 0, cap=100)])
    assert targets(units, 40) == {"D1": 10, "D2": 30, "C1": 0, "C2": 10, "C3": 30}


@pytest.mark.parametrize(("enrolled", "expected"), [
    (5, {"D1": 15, "D2": 25, "C1": 5, "C2": 10, "C3": 25}),
    (0, {"D1": 10, "D2": 30, "C1": 0, "C2": 10, "C3": 30})])
def test_with_the_floor_a_commune_of_weight_0_adds_its_enrolled_to_its_parents_cap(enrolled, expected):
    # with the floor Xã A1 keeps its enrolled (and gets no more): Huyện A can hold 10 + that, and its share 20
    # is held there
    units = two_districts(Unit("C1", "Xã A1", "commune", "D1", 0, enrolled, cap=100),
                          Unit("C2", "Xã A2", "commune", "D1", 10, 0, cap=10),
                          second=[Unit("C3", "Xã B1", "commune", "D2", 10, 0, cap=100)])
    assert targets(units, 40, floor_enrolled=True) == expected


def test_a_commune_of_weight_1_counts_its_cap():
    # the smallest weight that takes a share: 10 for weights 1 and 1 is 5 each, and Xã A1's cap 5 holds it
    units = two_districts(Unit("C1", "Xã A1", "commune", "D1", 1, 0, cap=5),
                          second=[Unit("C2", "Xã B1", "commune", "D2", 1, 0, cap=100)])
    assert targets(units, 10) == {"D1": 5, "D2": 5, "C1": 5, "C2": 5}


def test_on_basis_headroom_a_commune_of_weight_0_counts_its_cap():
    # on basis headroom the weights are the caps less the enrolled (100 and 10), not the labour force: the
    # increase of 50 is 45,45 and 4,55, so Huyện A gets 45 though its commune has no labour force
    units = two_districts(Unit("C1", "Xã A1", "commune", "D1", 0, 0, cap=100),
                          second=[Unit("C2", "Xã B1", "commune", "D2", 10, 0, cap=10)])
    assert targets(units, 50, basis="headroom") == {"D1": 45, "D2": 5, "C1": 45, "C2": 5}


def given_units() -> list[Unit]:
    # Huyện B's target (30) and Xã A2's (20) are the plan's own
    return [Unit("D1", "Huyện A", "district", None), Unit("D2", "Huyện B", "district", None, target=30),
            Unit("C1", "Xã A1", "commune", "D1", 400, 0), Unit("C2", "Xã A2", "commune", "D1", 600, 0, target=20),
            Unit("C3", "Xã B1", "commune", "D2", 2000, 0)]


def test_a_given_target_is_kept_and_its_siblings_share_the_rest_with_rates_to_the_places_asked():
    # 100 - 30 given to Huyện B leaves 70 for Huyện A; 70 - 20 given to Xã A2 leaves 50 for Xã A1
    rows = allocate_levels("voluntary", 100, given_units(), method="hamilton", places=2)
    assert [(r.code, r.target, r.given, str(r.rate)) for r in rows] == [
        ("D1", 70, False, "7.00"), ("D2", 30, True, "1.50"), ("C1", 50, False, "12.50"),
        ("C2", 20, True, "3.33"), ("C3", 30, False, "1.50")]


def test_every_unit_given_its_target_splits_nothing():
    units = [Unit("D1", "Huyện A", "district", None, target=7), Unit("C1", "Xã A1", "commune", "D1", 10, 0, target=7)]
    rows = allocate_levels("voluntary", 7, units, method="sainte-lague", reasons=True)
    assert [(r.code, r.target, r.given, r.quota, r.bound, str(r.rate)) for r in rows] == [
        ("D1", 7, True, None, None, "70.0"), ("C1", 7, True, None, None, "70.0")]


def test_hamiltons_reasons_are_carried_at_every_level_and_a_given_target_has_none():
    # 100 of 3,000 (rate 1/30): Huyện A 1,000 x 1/30 = 33 1/3, Huyện B 66 2/3; the larger remainder wins the
    # unit left over. Huyện A's 33 over 400 and 600: 13,2 and 19,8
    units = [Unit("D1", "Huyện A", "district", None), Unit("D2", "Huyện B", "district", None),
             Unit("C1", "Xã A1", "commune", "D1", 400, 0), Unit("C2", "Xã A2", "commune", "D1", 600, 0),
             Unit("C3", "Xã B1", "commune", "D2", 2000, 0)]
    rows = allocate_levels("voluntary", 100, units, method="hamilton", reasons=True)
    assert [(r.code, r.target, r.quota, r.remainder, r.priority, r.bound, r.tie) for r in rows] == [
        ("D1", 33, Fraction(100, 3), Fraction(1, 3), None, None, False),
        ("D2", 67, Fraction(200, 3), Fraction(2, 3), None, None, False),
        ("C1", 13, Fraction(66, 5), Fraction(1, 5), None, None, False),
        ("C2", 20, Fraction(99, 5), Fraction(4, 5), None, None, False),
        ("C3", 67, Fraction(67), Fraction(0), None, None, False)]
    given = allocate_levels("voluntary", 100, given_units(), method="hamilton", reasons=True)
    assert [(r.code, r.quota, r.remainder) for r in given] == [
        ("D1", Fraction(70), Fraction(0)), ("D2", None, None), ("C1", Fraction(50), Fraction(0)), ("C2", None, None),
        ("C3", Fraction(30), Fraction(0))]


def test_sainte_lagues_reasons_name_the_priority_of_the_last_unit_won_and_the_floor():
    # Huyện B's communes have 1,200 enrolled, above its share of 1,500 (500): it is held at its floor. Huyện A's
    # last unit (its 300th) has priority 2 x 4,000 / (2 x 299 + 1) = 8,000/599; a unit at its floor won no unit.
    # Xã B1, alone in Huyện B, would get all 1,200 without its floor too: no bound decides it
    units = [Unit("D1", "Huyện A", "district", None), Unit("D2", "Huyện B", "district", None),
             Unit("C1", "Xã A1", "commune", "D1", 4000, 0), Unit("C2", "Xã B1", "commune", "D2", 2000, 1200)]
    rows = allocate_levels("voluntary", 1500, units, method="sainte-lague", floor_enrolled=True, reasons=True)
    assert [(r.code, r.target, r.priority, r.bound, r.tie) for r in rows] == [
        ("D1", 300, Fraction(8000, 599), None, False), ("D2", 1200, None, "enrolled", False),
        ("C1", 300, Fraction(8000, 599), None, False), ("C2", 1200, None, None, False)]


def test_a_tie_is_carried_with_the_reasons():
    units = [Unit("C1", "Xã A", "xã", None, 10, 0), Unit("C2", "Xã B", "xã", None, 10, 0)]
    rows = allocate_levels("voluntary", 1, units, method="sainte-lague", reasons=True)
    assert [(r.target, r.tie) for r in rows] == [(1, True), (0, True)]


def test_given_targets_above_their_parents_are_refused_with_the_parent_named():
    units = [Unit("D1", "Huyện A", "district", None, target=5), Unit("C1", "Xã A1", "commune", "D1", 10, 0, target=8),
             Unit("C2", "Xã A2", "commune", "D1", 10, 0)]
    with pytest.raises(TreeError) as caught:
        allocate_levels("voluntary", 5, units, method="sainte-lague")
    assert (caught.value.key, caught.value.values) == (
        "given_above", {"parent": "Huyện A", "code": "D1", "given": 8, "total": 5})


def test_given_targets_above_the_areas_are_refused():
    units = [Unit("C1", "Xã A1", "xã", None, 10, 0, target=8), Unit("C2", "Xã A2", "xã", None, 10, 0)]
    with pytest.raises(TreeError) as caught:
        allocate_levels("voluntary", 6, units, method="sainte-lague")
    assert (caught.value.key, caught.value.values) == (
        "given_above", {"parent": None, "code": None, "given": 8, "total": 6})


def test_a_commune_without_counts_is_named():
    units = [Unit("D1", "Huyện A", "district", None), Unit("C1", "Xã A1", "commune", "D1")]
    with pytest.raises(TreeError) as caught:
        allocate_levels("voluntary", 5, units, method="sainte-lague")
    assert (caught.value.key, caught.value.values) == ("no_count", {"unit": "Xã A1", "code": "C1"})


def test_a_tree_error_shows_its_key_and_values():
    error = TreeError("no_count", unit="Xã A1", code="C1")
    assert repr(error) == "TreeError('no_count', {'unit': 'Xã A1', 'code': 'C1'})"
    assert str(error) == "no_count: {'unit': 'Xã A1', 'code': 'C1'}"


def test_a_split_that_fails_below_the_area_names_its_parent_and_the_sums_that_bound_it():
    # Huyện A's own target 100, less Xã A0's 10, is 90 for Xã A1 (cap 5, weight 10) and Xã A2 (10, enrolled
    # unknown): they can take 5 + 10 = 15 (their caps, not their weights: 20), with 3 enrolled that are known
    units = [Unit("D1", "Huyện A", "district", None, target=100), Unit("C0", "Xã A0", "commune", "D1", 10, 0, target=10),
             Unit("C1", "Xã A1", "commune", "D1", 10, 3, cap=5), Unit("C2", "Xã A2", "commune", "D1", 10, None)]
    with pytest.raises(AllocationError) as caught:
        allocate_levels("voluntary", 100, units, method="sainte-lague")
    error = caught.value
    assert (error.key, error.parent, error.total, error.eligible, error.enrolled, error.floor) == (
        "above_eligible", "Huyện A", 90, 15, 3, False)


def test_a_split_that_fails_under_the_floor_says_so():
    units = [Unit("D1", "Huyện A", "district", None, target=100), Unit("C1", "Xã A1", "commune", "D1", 10, 3, cap=5),
             Unit("C2", "Xã A2", "commune", "D1", 10, 2)]
    with pytest.raises(AllocationError) as caught:
        allocate_levels("voluntary", 100, units, method="sainte-lague", floor_enrolled=True)
    error = caught.value
    assert (error.key, error.parent, error.total, error.eligible, error.enrolled, error.floor) == (
        "above_eligible", "Huyện A", 100, 15, 5, True)
