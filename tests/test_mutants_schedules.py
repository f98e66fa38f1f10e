"""Rules of core/schedules.py that mutation testing found unstated: the values a series' findings hand to the
command layer's wording (Finding.values is not compared by ==, so each is asserted here). Core-level."""

from __future__ import annotations

from bhxh_cli.core.schedules import shares_from_series

SERIES = [1010, 1030, 1060, 1100, 1150, 1200, 1250, 1300, 1350, 1400, 1450, 1500]


def test_a_series_that_does_not_rise_gives_its_start_and_december():
    shares, [finding] = shares_from_series(1500, SERIES)
    assert (shares, finding.rule, finding.values) == (None, "series-no-rise", {"start": 1500, "december": 1500})
    _, [below] = shares_from_series(1600, SERIES)
    assert below.values == {"start": 1600, "december": 1500}


def test_a_fall_gives_the_month_its_count_and_the_count_before():
    months = SERIES[:5] + [1140] + SERIES[6:]
    shares, [finding] = shares_from_series(1000, months)
    assert (shares, finding.rule, finding.month) == (None, "series-falls", 6)
    assert finding.values == {"month": 6, "count": 1140, "previous": 1150}
    _, [first] = shares_from_series(1020, SERIES)
    assert (first.month, first.values) == (1, {"month": 1, "count": 1010, "previous": 1020})


def test_each_finding_of_a_schedule_gives_its_values():
    from decimal import Decimal
    from fractions import Fraction

    from bhxh_cli.core.schedules import check_shares

    [length] = check_shares([10, 100])
    assert (length.rule, length.values) == ("schedule-length", {"count": 2})
    found = check_shares(["tám", 16, 120, Fraction(25, 2), 30, 40, 50, 60, 70, 80, 90, Decimal("99.50")])
    assert [(f.month, f.rule, f.values) for f in found] == [
        (1, "schedule-number", {"month": 1, "value": "'tám'"}),
        (3, "schedule-range", {"month": 3, "value": "120"}),
        (4, "schedule-decreasing", {"month": 4, "value": "12.5", "before": 3, "previous": "16"}),
        (12, "schedule-end", {"value": "99.5"})]
    [none] = check_shares([None] + [100] * 11)
    assert none.values == {"month": 1, "value": "None"}


def test_a_share_of_0_is_in_range_and_bounds_the_next():
    from bhxh_cli.core.schedules import check_shares

    assert check_shares([0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]) == []
    # after a fall to 0, the next share is held to 0, not to the share before the fall: one finding
    assert [f.month for f in check_shares([5, 0, 3, 20, 30, 40, 50, 60, 70, 80, 90, 100])] == [2]
