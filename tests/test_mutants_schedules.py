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
