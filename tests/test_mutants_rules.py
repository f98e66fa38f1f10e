"""Rules of the core's checks that mutation testing found unstated: policies (core/policies.py), schedules
(core/schedules.py), splitting through levels (core/levels.py) and crosswalks (core/crosswalk.py).

These modules are being reworded (their messages become catalog keys), so the tests here state the
behaviour (which rule, which row or month, which field, which number) and not the wording."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from bhxh_cli.core import crosswalk, policies, schedules
from bhxh_cli.core.area import Figures
from bhxh_cli.core.crosswalk import Row, build, convert, parse_share
from bhxh_cli.core.levels import Unit, UnitTarget, allocate_levels
from bhxh_cli.core.policies import Floor, Policy, evaluate

# -- policies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "shown"), [
    (Fraction(30), "30"), (Fraction(1, 2), "0.5"), (Fraction(1, 3), "0.33"), (Fraction(201, 2), "100.5"),
    (Fraction(1001, 1000), "1")])  # rounds to a whole number at two places: no trailing point
def test_a_policy_percent_is_shown_with_at_most_two_places(value, shown):
    assert policies._percent(value) == shown


def test_the_findings_of_a_floor_name_their_scheme_field_severity_and_rule():
    floor = Floor(("mandatory", "voluntary"), "labour_force", {2026: Fraction(45)})
    policy = Policy("lf", "Nghị quyết 28", [floor])
    without = {"mandatory": Figures(10, labour_force=None), "voluntary": Figures(5, labour_force=None)}
    differ = {"mandatory": Figures(10, labour_force=100), "voluntary": Figures(5, labour_force=90)}
    assert [(f.scheme, f.field, f.severity, f.rule) for f in evaluate(policy, 2026, without)] == [
        ("mandatory", "enrolled", "note", "lf-floor")]
    assert [(f.scheme, f.field, f.severity, f.rule) for f in evaluate(policy, 2026, differ)] == [
        ("mandatory", "labour_force", "error", "lf-floor")]

# -- schedules ---------------------------------------------------------------------------------------


def rules(shares):
    return [(f.month, f.rule) for f in schedules.check_shares(shares)]


def test_every_bad_month_is_found_after_one_that_is_not_a_number():
    assert rules(["x", 10, 5, 30, 40, 50, 60, 70, 80, 90, 95, 100]) == [(1, "schedule-number"),
                                                                        (3, "schedule-decreasing")]


@pytest.mark.parametrize(("shares", "found"), [
    # a share between 100 and 101 is out of range, and is no "previous" for the month after
    ([8, 16, 25, 33, 41, 50, 58, 66, 75, 100.5, 100, 100], [(10, "schedule-range")]),
    ([8, 16, 25, 33, 41, 50, 58, 66, 75, 101, 100, 100], [(10, "schedule-range")]),
    # 100 before December is a "previous": a fall from it is found
    ([8, 16, 25, 33, 41, 50, 58, 66, 100, 90, 95, 100], [(10, "schedule-decreasing")]),
    # so is a share below 1
    ([0.5, 0.2, 25, 33, 41, 50, 58, 66, 75, 83, 91, 100], [(2, "schedule-decreasing")]),
])
def test_shares_at_the_edges_of_the_range(shares, found):
    assert rules(shares) == found


@pytest.mark.parametrize("module", [schedules, crosswalk])
@pytest.mark.parametrize(("value", "shown"), [
    (Fraction(100), "100"), (Fraction(5, 2), "2.5"), (Fraction(1, 3), "1/3"), (Fraction(1, 10**7), "0.0000001"),
    (Fraction(-1, 10**7), "-0.0000001")])
def test_a_share_is_shown_as_written_never_in_exponent_form(module, value, shown):
    assert module._show(value) == shown


@pytest.mark.parametrize(("baseline", "target", "message"), [
    (1.5, 10, "baseline must be an int, not float"), (10, 2.0, "target must be an int, not float"),
    (True, 10, "baseline must be an int, not bool"), (10, False, "target must be an int, not bool")])
def test_the_expected_count_takes_whole_numbers_only(baseline, target, message):
    with pytest.raises(TypeError) as caught:
        schedules.expected_count(baseline, target, dt.date(2026, 6, 30), 2026)
    assert str(caught.value) == message

# -- levels ------------------------------------------------------------------------------------------


def test_units_under_the_area_and_under_a_district_together():
    # a commune straight under the area is a leaf in the queue before the district's communes
    units = [Unit("C0", "Xã Lẻ", "commune", None, 1000, 600), Unit("D1", "Huyện A", "district", None),
             Unit("C1", "Xã A1", "commune", "D1", 1000, 100), Unit("C2", "Xã A2", "commune", "D1", 2000, None)]
    rows = allocate_levels("voluntary", 1200, units, method="hamilton")
    assert rows == [
        UnitTarget("C0", "Xã Lẻ", "commune", None, "voluntary", 1000, 600, 300, Decimal("30.0")),
        UnitTarget("D1", "Huyện A", "district", None, "voluntary", 3000, None, 900, Decimal("30.0")),
        UnitTarget("C1", "Xã A1", "commune", "D1", "voluntary", 1000, 100, 300, Decimal("30.0")),
        UnitTarget("C2", "Xã A2", "commune", "D1", "voluntary", 2000, None, 600, Decimal("30.0")),
    ]  # without the floor (the default) Xã Lẻ gets its share, 300, below its 600 enrolled now


def test_levels_split_on_the_basis_asked():
    units = [Unit("C1", "Xã A", "commune", None, 1000, 900), Unit("C2", "Xã B", "commune", None, 1000, 100)]
    headroom = allocate_levels("mandatory", 1100, units, method="hamilton", basis="headroom")
    # the increase 100 split by people not yet covered (100 : 900), added to what each has
    assert [r.target for r in headroom] == [910, 190]
    assert [r.target for r in allocate_levels("mandatory", 1100, units, method="hamilton")] == [550, 550]

# -- crosswalk ---------------------------------------------------------------------------------------


def found(rows):
    return [(f.row, f.rule) for f in build(rows)[1]]


def test_rows_without_an_old_code_are_not_linked():
    assert found([Row("", "A", "N1", "Xã Mới"), Row("", "B", "N1", "Xã Mới")]) == [
        (1, "old-code-missing"), (2, "old-code-missing")]


def test_a_row_without_an_old_name_still_names_its_new_unit():
    assert found([Row("O1", "", "N1", "Xã Mới"), Row("O2", "Xã B", "N1", "Xã Khác")]) == [
        (1, "old-name-missing"), (2, "new-name-conflict")]


def test_findings_are_in_row_order_and_every_row_is_read_after_a_duplicate():
    rows = [Row("O1", "Xã A", "N1", "Xã Mới", "x"), Row("O1", "Xã A", "N2", "Xã Hai", "50"),
            Row("O2", "Xã B", "N1", "Xã Mới"), Row("O2", "Xã B", "N1", "Xã Mới"), Row("O3", "Xã C", "", "")]
    assert found(rows) == [(1, "share-number"), (4, "duplicate-link"), (5, "new-code-missing")]


def test_every_share_of_a_divided_unit_is_checked_even_without_its_name():
    rows = [Row("O1", "", "N1", "Xã Một", None), Row("O1", "", "N2", "Xã Hai", "x")]
    assert found(rows) == [(1, "old-name-missing"), (1, "share-missing"), (2, "old-name-missing"),
                           (2, "share-number")]


@pytest.mark.parametrize(("value", "share"), [
    (Decimal("NaN"), None), (float("inf"), None), ("6X%", None), ("60%", (Fraction(60), True))])
def test_shares_that_are_not_numbers(value, share):
    assert parse_share(value) == share


def test_convert_nothing_and_counts_that_are_not_whole():
    walk, _ = build([Row("O1", "Xã A", "N1", "Xã Mới")])
    assert convert(walk, []) == []
    with pytest.raises(ValueError):
        convert(walk, [("O1", "Xã A", {"eligible": 1.5})])
    with pytest.raises(ValueError):
        convert(walk, [("O1", "Xã A", {"eligible": -1})])
