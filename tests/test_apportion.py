"""The apportionment engine: exact sums, bounds, quota and monotonicity properties, and agreement with a
slow one-unit-at-a-time reference written independently from the definitions."""

from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bhxh_cli.core.apportion import (
    InfeasibleError,
    apportion,
    canonical_method,
    explain,
)

DIVISORS = ["sainte-lague", "dhondt", "huntington-hill", "adams"]
METHODS = DIVISORS + ["hamilton"]


# -- the slow references -----------------------------------------------------------------------------

def _priority_key(method, w, s):
    """Comparable priority of seat s of a unit of weight w (None = infinite)."""
    if method == "sainte-lague":
        return Fraction(w, 1) / (s + Fraction(1, 2))
    if method == "dhondt":
        return Fraction(w, s + 1)
    if method == "adams":
        return None if s == 0 else Fraction(w, s)
    return None if s == 0 else Fraction(w * w, s * (s + 1))  # huntington-hill, squared


def reference_divisor(total, weights, method, lower, upper):
    seats = list(lower)
    for _ in range(total - sum(seats)):
        best, best_key = None, None
        for i, w in enumerate(weights):
            if w == 0 or (upper is not None and seats[i] >= upper[i]):
                continue
            p = _priority_key(method, w, seats[i])
            key = (1, 0, w, -i) if p is None else (0, p, w, -i)
            if best_key is None or key > best_key:
                best, best_key = i, key
        seats[best] += 1
    return seats


def reference_hamilton(total, weights, lower, upper):
    n = len(weights)
    hi = upper if upper is not None else [total] * n

    def quotas(rate):
        return [Fraction(lower[i]) if w == 0 else min(max(rate * w, Fraction(lower[i])), Fraction(hi[i]))
                for i, w in enumerate(weights)]

    # f(rate) = sum of quotas is piecewise linear: find the piece that holds `total` from the breakpoints.
    points = sorted({Fraction(0)} | {Fraction(b, w) for i, w in enumerate(weights) if w for b in (lower[i], hi[i])})
    rate = points[-1]
    for left, right in zip(points, points[1:]):
        if sum(quotas(right)) >= total:
            low_sum, high_sum = sum(quotas(left)), sum(quotas(right))
            rate = left + (right - left) * (total - low_sum) / (high_sum - low_sum) if high_sum != low_sum else left
            break
    q = quotas(rate)
    assert sum(q) == total
    seats = [x.numerator // x.denominator for x in q]
    order = sorted(range(n), key=lambda i: (-(q[i] - seats[i]), -weights[i], i))
    for i in order[: total - sum(seats)]:
        seats[i] += 1
    return seats


def reference(total, weights, method, lower=None, upper=None):
    lower = lower or [0] * len(weights)
    if method == "hamilton":
        return reference_hamilton(total, weights, lower, upper)
    return reference_divisor(total, weights, method, lower, upper)


# -- strategies --------------------------------------------------------------------------------------

@st.composite
def problems(draw, max_units=8, max_weight=60, bounded=None):
    n = draw(st.integers(1, max_units))
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
    use_bounds = draw(st.booleans()) if bounded is None else bounded
    lower = upper = None
    if use_bounds:
        lower = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
        upper = [low + draw(st.integers(0, 40)) for low in lower]
    floor = sum(lower) if lower else 0
    capacity = (sum(u - l for w, l, u in zip(weights, lower, upper) if w > 0) if upper
                else (10**6 if any(weights) else 0))
    total = floor + draw(st.integers(0, min(capacity, 120)))
    return total, weights, lower, upper


# -- properties --------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=150, deadline=None)
@given(problem=problems())
def test_agrees_with_the_slow_reference(method, problem):
    total, weights, lower, upper = problem
    assert apportion(total, weights, method=method, lower=lower, upper=upper) == reference(
        total, weights, method, lower, upper)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=150, deadline=None)
@given(problem=problems(max_units=40, max_weight=10**6))
def test_sum_is_exact_and_bounds_hold(method, problem):
    total, weights, lower, upper = problem
    seats = apportion(total, weights, method=method, lower=lower, upper=upper)
    assert sum(seats) == total
    for i, x in enumerate(seats):
        assert x >= (lower[i] if lower else 0)
        if upper:
            assert x <= upper[i]
        if weights[i] == 0:
            assert x == (lower[i] if lower else 0)


@settings(max_examples=200, deadline=None)
@given(problem=problems(max_units=30, max_weight=10**5))
def test_hamilton_stays_within_one_of_the_exact_quota(problem):
    total, weights, lower, upper = problem
    explanation = explain(total, weights, method="hamilton", lower=lower, upper=upper)
    for unit in explanation.units:
        assert unit.quota.numerator // unit.quota.denominator <= unit.seats <= -(-unit.quota.numerator // unit.quota.denominator)
    if lower is None and upper is None and any(weights):
        exact = [Fraction(total * w, sum(weights)) for w in weights]
        assert all(abs(x - q) < 1 for x, q in zip(apportion(total, weights, method="hamilton"), exact))


@pytest.mark.parametrize("method", DIVISORS)
@settings(max_examples=150, deadline=None)
@given(problem=problems(max_units=12, max_weight=1000), more=st.integers(1, 30))
def test_divisor_methods_are_house_monotone(method, problem, more):
    total, weights, lower, upper = problem
    try:
        bigger = apportion(total + more, weights, method=method, lower=lower, upper=upper)
    except InfeasibleError:
        assume(False)
    smaller = apportion(total, weights, method=method, lower=lower, upper=upper)
    assert all(b >= s for b, s in zip(bigger, smaller))


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None)
@given(weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=30), total=st.integers(0, 10**7))
def test_large_totals(method, weights, total):
    assume(any(weights))
    seats = apportion(total, weights, method=method)
    assert sum(seats) == total


# -- examples ----------------------------------------------------------------------------------------

def test_exact_ties_that_floats_would_misorder():
    # 13,640 of 14,360: bases congruent mod 359 have exactly equal remainders; the larger base wins.
    weights = [359 * 10 + 7, 359 * 3 + 7, 14360 - (359 * 10 + 7) - (359 * 3 + 7)]
    explanation = explain(13640, weights, method="hamilton")
    seats = apportion(13640, weights, method="hamilton")
    assert sum(seats) == 13640
    remainders = [u.remainder for u in explanation.units]
    assert remainders[0] == remainders[1]
    assert seats == reference(13640, weights, "hamilton")


def test_ties_go_to_the_larger_weight_then_the_earlier_unit():
    assert apportion(1, [2, 2], method="hamilton") == [1, 0]
    assert apportion(1, [1, 1]) == [1, 0]
    assert apportion(2, [1, 3, 3]) == [0, 1, 1]
    assert apportion(1, [3, 5, 5]) == [0, 1, 0]
    explanation = explain(1, [3, 5, 5])
    assert explanation.ties == [1, 2]
    assert [u.tie for u in explanation.units] == [False, True, True]


def test_weight_zero_units_keep_their_lower_bound():
    assert apportion(10, [0, 5, 5], lower=[2, 0, 0]) == [2, 4, 4]
    assert apportion(0, [0, 0]) == [0, 0]


def test_adams_gives_every_positive_unit_its_first_seat_first():
    assert apportion(3, [100, 1, 1], method="adams") == [1, 1, 1]
    assert apportion(2, [1, 100, 1], method="adams") == [1, 1, 0]  # first seats tie: weight, then position


def test_explanation_of_sainte_lague_gives_the_common_rate():
    explanation = explain(15530, [5000, 6000, 4890], upper=[5000, 6000, 4890])
    assert explanation.method == "sainte-lague"
    seats = [u.seats for u in explanation.units]
    assert sum(seats) == 15530
    for unit in explanation.units:
        rounded = int(unit.quota + Fraction(1, 2))
        assert unit.seats == rounded or unit.tie or unit.bound


def test_explanation_reports_bounds():
    explanation = explain(10, [1, 100], upper=[5, 5])
    assert [u.seats for u in explanation.units] == [5, 5]
    assert explanation.units[1].bound == "upper"
    explanation = explain(10, [1, 100], lower=[4, 0])
    assert [u.seats for u in explanation.units] == [4, 6]
    assert explanation.units[0].bound == "lower"


@pytest.mark.parametrize("alias,name", [("webster", "sainte-lague"), ("Sainte-Laguë", "sainte-lague"),
                                        ("jefferson", "dhondt"), ("D'Hondt", "dhondt"),
                                        ("largest_remainder", "hamilton"), ("huntington hill", "huntington-hill")])
def test_method_aliases(alias, name):
    assert canonical_method(alias) == name


# -- infeasible input and bad arguments --------------------------------------------------------------

@pytest.mark.parametrize("args,kwargs,message", [
    ((10, [1, 1]), {"lower": [6, 5]}, "the lower bounds add up to 11, more than the total 10"),
    ((10, [1, 1]), {"upper": [4, 5]}, "the upper bounds add up to 9, less than the total 10"),
    ((10, [1, 1]), {"lower": [3, 0], "upper": [2, 20]}, "unit 0: its lower bound 3 is above its upper bound 2"),
    ((10, [0, 0]), {}, "all weights are 0"),
    ((10, [0, 1]), {"upper": [20, 5]}, "the total 10 cannot be reached: the units with positive weight can take "
                                      "only 5 above their lower bounds, 10 are needed"),
])
@pytest.mark.parametrize("method", METHODS)
def test_infeasible_inputs_raise(method, args, kwargs, message):
    with pytest.raises(InfeasibleError) as caught:
        apportion(*args, method=method, **kwargs)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("args,kwargs,error", [
    ((-1, [1]), {}, ValueError), ((1.0, [1]), {}, TypeError), ((True, [1]), {}, TypeError),
    ((1, [1.5]), {}, TypeError), ((1, [-1]), {}, ValueError), ((1, []), {}, ValueError),
    ((1, [1, 2]), {"lower": [0]}, ValueError), ((1, [1]), {"upper": ["2"]}, TypeError),
    ((1, [1]), {"method": "borda"}, ValueError), ((1, "12"), {}, TypeError), ((1, None), {}, TypeError),
    ((1, [1]), {"method": None}, TypeError),
])
def test_bad_arguments_raise_value_or_type_error(args, kwargs, error):
    with pytest.raises(error):
        apportion(*args, **kwargs)
