"""Splitting targets through the levels of an area: exact at every level, floors and caps held."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.allocation import AllocationError
from bhxh_cli.core.levels import TreeError, Unit, allocate_levels


def province() -> list[Unit]:
    return [
        Unit("D1", "Huyện A", "district", None),
        Unit("D2", "Huyện B", "district", None),
        Unit("C1", "Xã A1", "commune", "D1", 1000, 400),
        Unit("C2", "Xã A2", "commune", "D1", 3000, 900),
        Unit("C3", "Xã B1", "commune", "D2", 2000, 100),
    ]


def test_parents_first_then_their_communes_each_level_exact():
    rows = allocate_levels("mandatory", 3000, province(), method="sainte-lague")
    assert [(r.code, r.level, r.parent, r.eligible, r.target) for r in rows] == [
        ("D1", "district", None, 4000, 2000),
        ("D2", "district", None, 2000, 1000),
        ("C1", "commune", "D1", 1000, 500),
        ("C2", "commune", "D1", 3000, 1500),
        ("C3", "commune", "D2", 2000, 1000),
    ]
    assert str(rows[0].rate) == "50.0"


def test_a_parent_is_floored_by_the_enrolled_of_its_communes():
    # without the floor Huyện B would get 1/3 of 1500 = 500; its communes have 1,200 enrolled now
    units = [Unit("D1", "Huyện A", "district", None), Unit("D2", "Huyện B", "district", None),
             Unit("C1", "Xã A1", "commune", "D1", 4000, 0), Unit("C2", "Xã B1", "commune", "D2", 2000, 1200)]
    rows = allocate_levels("mandatory", 1500, units, method="sainte-lague", floor_enrolled=True)
    assert {r.code: r.target for r in rows} == {"D1": 300, "D2": 1200, "C1": 300, "C2": 1200}


def test_communes_straight_under_the_province():
    units = [Unit("1", "Phường 1", "phường", None, 100, 0), Unit("2", "Xã 2", "xã", None, 300, 0)]
    rows = allocate_levels("health", 200, units, method="hamilton")
    assert [(r.code, r.parent, r.target) for r in rows] == [("1", None, 50), ("2", None, 150)]


def test_an_unknown_parent_is_named():
    units = [Unit("C1", "Xã A1", "commune", "D9", 10, 0)]
    with pytest.raises(TreeError) as error:
        allocate_levels("mandatory", 5, units, method="sainte-lague")
    assert (error.value.key, error.value.values) == ("unknown_parent", {"unit": "Xã A1", "parent": "D9"})


def test_units_under_each_other_are_refused():
    units = [Unit("A", "A", "district", "B"), Unit("B", "B", "district", "A"), Unit("C", "C", "commune", None, 5, 0)]
    with pytest.raises(TreeError) as error:
        allocate_levels("mandatory", 5, units, method="sainte-lague")
    assert (error.value.key, error.value.values) == ("circle", {"units": "A, B"})


def test_a_code_used_twice_is_refused():
    units = [Unit("A", "Xã A", "commune", None, 5, 0), Unit("A", "Xã B", "commune", None, 5, 0)]
    with pytest.raises(TreeError) as error:
        allocate_levels("mandatory", 5, units, method="sainte-lague")
    assert (error.value.key, error.value.values) == ("duplicate_code", {"code": "A", "first": "Xã A", "second": "Xã B"})


def test_a_floor_above_the_area_target_is_refused():
    # the top split is feasible; the floor is not, and is reported for the whole tree first
    units = [Unit("D1", "Huyện A", "district", None), Unit("C1", "Xã A1", "commune", "D1", 10, 9)]
    with pytest.raises(AllocationError) as error:
        allocate_levels("mandatory", 5, units, method="sainte-lague", floor_enrolled=True)
    assert (error.value.key, error.value.values) == ("below_enrolled", {
        "scheme": "mandatory", "total": 5, "enrolled": 9, "excess": 4, "holders": [("D1 (Huyện A)", 9)]})


@st.composite
def trees(draw):
    """A random tree of 1-3 levels above the communes, with counts on the communes only."""
    units: list[Unit] = []
    depth = draw(st.integers(0, 2))
    parents: list[str | None] = [None]
    for level in range(depth):
        nxt = []
        for parent in parents:
            for k in range(draw(st.integers(1, 3))):
                code = f"{parent or 'P'}.{level}{k}"
                units.append(Unit(code, code, f"group{level}", parent))
                nxt.append(code)
        parents = nxt
    for parent in parents:
        for k in range(draw(st.integers(1, 4))):
            eligible = draw(st.integers(0, 500))
            enrolled = draw(st.integers(0, eligible))
            code = f"{parent or 'P'}.c{k}"
            units.append(Unit(code, code, "commune", parent, eligible, enrolled))
    return units


@settings(max_examples=150, deadline=None)
@given(trees(), st.data(), st.sampled_from(["sainte-lague", "dhondt", "huntington-hill", "adams", "hamilton"]),
       st.booleans())
def test_every_level_adds_up_and_holds_its_floors_and_caps(units, data, method, floor):
    leaves = [u for u in units if u.eligible is not None]
    low = sum(u.enrolled for u in leaves) if floor else 0
    high = sum(u.eligible for u in leaves)
    total = data.draw(st.integers(low, high))
    rows = allocate_levels("mandatory", total, units, method=method, floor_enrolled=floor)
    assert len(rows) == len(units)
    targets = {r.code: r for r in rows}
    children: dict[str | None, list] = {}
    for r in rows:
        children.setdefault(r.parent, []).append(r)
    assert sum(r.target for r in children[None]) == total
    for code, below in children.items():
        if code is not None:
            assert sum(r.target for r in below) == targets[code].target
    for r in rows:
        assert r.target <= r.eligible
        if floor:
            assert r.target >= r.enrolled
        if r.code not in children:  # a commune: its own counts
            leaf = next(u for u in leaves if u.code == r.code)
            assert (r.eligible, r.enrolled) == (leaf.eligible, leaf.enrolled)
        else:
            assert r.eligible == sum(x.eligible for x in children[r.code])
    # parents come before their children
    order = [r.code for r in rows]
    for r in rows:
        if r.parent is not None:
            assert order.index(r.parent) < order.index(r.code)


def _outcome(units, total, **options):
    """Each unit's (code, target, rate, given), or the problem's class and key."""
    try:
        rows = allocate_levels("mandatory", total, units, **options)
    except (AllocationError, TreeError) as error:
        return type(error).__name__, error.key, getattr(error, "parent", None), getattr(error, "total", None)
    return [(r.code, r.target, r.rate, r.given) for r in rows]


@settings(max_examples=150, deadline=None)
@given(trees(), st.data(), st.sampled_from(["sainte-lague", "dhondt", "huntington-hill", "adams", "hamilton"]),
       st.booleans(), st.booleans())
def test_the_quick_split_without_reasons_gives_what_the_full_allocation_gives(units, data, method, floor, capped):
    # any total, feasible or not; some units with a target of their own, some leaves capped apart from the weight
    for unit in units:
        if unit.eligible is not None and capped:
            unit.cap = data.draw(st.integers(unit.enrolled, unit.enrolled + 300))
        if data.draw(st.integers(0, 5)) == 0:
            unit.target = data.draw(st.integers(0, 400))
    total = data.draw(st.integers(0, 3000))
    for places in (1, 2):
        quick = _outcome(units, total, method=method, floor_enrolled=floor, places=places)
        full = _outcome(units, total, method=method, floor_enrolled=floor, places=places, reasons=True)
        assert quick == full


def test_a_floor_without_every_unit_s_enrolment_is_named_whether_reasons_are_asked_or_not():
    units = [Unit("C1", "Xã A", "commune", None, 100, None), Unit("C2", "Xã B", "commune", None, 100, 50)]
    for reasons in (False, True):
        with pytest.raises(AllocationError) as raised:
            allocate_levels("mandatory", 120, units, method="sainte-lague", floor_enrolled=True, reasons=reasons)
        assert (raised.value.key, raised.value.values, raised.value.parent) == (
            "needs_enrolled", {"scheme": "mandatory"}, None)
