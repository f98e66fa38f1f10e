"""Number rules of the core that mutation testing found unstated: what rounds to zero has no sign
(core/rates.py), a commune without a report (core/progress.py), milestones' arguments and falls
(core/milestones.py) and a rate target's refusals (core/targets.py). Each expectation is computed by hand here."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from bhxh_cli.core import rates
from bhxh_cli.core.milestones import growth_rate, integer_root, milestone_value, milestones
from bhxh_cli.core.progress import NO_REPORT, Progress, no_report
from bhxh_cli.core.targets import people_for_rate

# -- rates -------------------------------------------------------------------------------------------


def test_what_rounds_to_zero_prints_without_a_sign():
    assert str(rates.round_half_up(Fraction(0))) == "0.0"
    assert str(rates.round_half_up(Fraction(-1, 100))) == "0.0"
    assert str(rates.round_half_up(Fraction(0), 2)) == "0.00"
    assert str(rates.round_half_up(Fraction(-1, 2), 0)) == "-1"  # halves away from zero, below zero too
    assert str(rates.rate(0, 7)) == "0.0"

# -- a commune without a report ----------------------------------------------------------------------


@pytest.mark.parametrize(("baseline", "expected"), [(None, 50), (40, 70)])
def test_a_commune_without_a_report_keeps_its_target_and_where_the_schedule_expects_it(baseline, expected):
    # half the year: 0 + 100 x 1/2 = 50 without a baseline; 40 + 60 x 1/2 = 70 with one
    assert no_report(target=100, eligible=300, baseline=baseline, elapsed=Fraction(1, 2)) == Progress(
        target=100, actual=None, eligible=300, baseline=baseline, gap=None, achieved=None, rate_points=None,
        still_needed=None, expected=expected, shortfall=None, status=NO_REPORT, change=None)


def test_the_expected_count_of_a_commune_without_a_report_rounds_half_up():
    # 1/3 of 5 = 1.67 -> 2; 1/10 of 5 = 0.5 -> 1 (half up, not to even)
    assert no_report(target=5, eligible=9, baseline=None, elapsed=Fraction(1, 3)).expected == 2
    assert no_report(target=5, eligible=9, baseline=None, elapsed=Fraction(1, 10)).expected == 1

# -- milestones --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "n", "message"), [
    (-1, 2, "integer_root needs value >= 0 and n >= 1, not value=-1, n=2"),
    (8, 0, "integer_root needs value >= 0 and n >= 1, not value=8, n=0"),
])
def test_integer_root_refuses_what_has_no_root(value, n, message):
    with pytest.raises(ValueError) as caught:
        integer_root(value, n)
    assert str(caught.value) == message


@pytest.mark.parametrize(("args", "message"), [
    ((1.5, 10, 5), "baseline must be an int, not float"),
    ((10, True, 5), "target must be an int, not bool"),
    ((10, 20, "5"), "years must be an int, not str"),
])
def test_milestones_take_whole_numbers_only(args, message):
    with pytest.raises(TypeError) as caught:
        milestone_value(*args, 1)
    assert str(caught.value) == message


def test_milestone_arguments_in_full():
    with pytest.raises(ValueError) as caught:
        milestone_value(10, 20, 5, 6)
    assert str(caught.value) == "year 6 is outside 0..5"
    with pytest.raises(ValueError) as caught:
        milestones(2025, 10, 2027, 20, method="steps")
    assert str(caught.value) == "unknown method 'steps'; choose linear or growth"
    with pytest.raises(ValueError) as caught:
        milestones(2025, 0, 2027, 20, method="growth")
    assert str(caught.value) == "a constant growth rate needs a baseline and a target above 0"


@pytest.mark.parametrize(("baseline", "target", "years", "places", "factor", "rate"), [
    (10000, 10101, 1, 2, Fraction(10101, 10000), "1.01"),  # places other than one
    (100, 121, 2, 0, Fraction(11, 10), "10"),
    (100_000_000, 99_900_025, 2, 1, Fraction(9995, 10000), "-0.1"),  # exactly -0.05% a year: half away from 0
    (10000, 9993, 1, 1, Fraction(9993, 10000), "-0.1"),  # -0.07%
    (10000, 9996, 1, 1, Fraction(9996, 10000), "0.0"),  # -0.04%: an unsigned zero
    (100, 81, 2, 1, Fraction(9, 10), "-10.0"),
])
def test_growth_rate_rounds_half_away_from_zero_at_any_places(baseline, target, years, places, factor, rate):
    assert factor**years == Fraction(target, baseline)  # each case's yearly factor is rational: checked here
    assert Decimal(rate) == rates.round_half_up((factor - 1) * 100, places)
    assert str(growth_rate(baseline, target, years, places)) == rate

# -- targets -----------------------------------------------------------------------------------------


def test_a_rate_target_needs_a_count_and_a_rate_of_zero_or_more():
    with pytest.raises(ValueError) as caught:
        people_for_rate(95, -1)
    assert str(caught.value) == "a denominator is a number of people, 0 or more"
    with pytest.raises(ValueError) as caught:
        people_for_rate(Fraction(-1, 10), 100)
    assert str(caught.value) == "a rate target is 0% or more"


def test_integer_root_of_0_and_of_numbers_past_a_floats_precision():
    from bhxh_cli.core.milestones import integer_root

    assert [integer_root(0, n) for n in (1, 2, 3)] == [0, 0, 0]  # 0 is its own root, whatever n
    # exact integers where a float would round: floor(sqrt(10^50 + 12345)) is 10^25, an int
    root = integer_root(10**50 + 12345, 2)
    assert (root, type(root)) == (10**25, int)
    assert integer_root(3**60 - 1, 3) == 3**20 - 1 and integer_root(3**60, 3) == 3**20
