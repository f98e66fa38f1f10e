"""Every field of `explain()` against an independent computation on small cases.

The reference hands the seats out one at a time, in the order the definitions give (the highest priority
w / d(s) first, then the larger weight, then the earlier unit), and derives the explanation's fields from
that order with plain Fractions: the cut (the last seat given, or the first one not given when no seat is
given by priority), the common divisor and rate, each unit's quota, last priority, bound and tie. Hamilton's
common rate is found from the breakpoints of the piecewise-linear sum of the clamped quotas.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.core.apportion import _Seat, _seats_below, _seats_up_to, apportion, explain

DIVISORS = ["sainte-lague", "dhondt", "huntington-hill", "adams"]
INFINITE = None  # the priority of a first seat under Adams or Huntington-Hill (d(0) = 0)


def d(method, s):
    """The method's divisor d(s) for seat s (s = 0 is the first seat); squared for Huntington-Hill."""
    return {"sainte-lague": Fraction(2 * s + 1, 2), "dhondt": Fraction(s + 1), "adams": Fraction(s),
            "huntington-hill": Fraction(s * (s + 1))}[method]


def priority(method, w, s):
    """w / d(s), exactly (squared for Huntington-Hill); INFINITE when d(s) is 0."""
    divisor = d(method, s)
    return INFINITE if divisor == 0 else Fraction(w * w if method == "huntington-hill" else w) / divisor


def order_key(method, weights, seat):
    """Larger comes first: an infinite priority, then the higher priority, the larger weight, the earlier unit."""
    i, s = seat
    p = priority(method, weights[i], s)
    return (1, 0, weights[i], -i) if p is INFINITE else (0, p, weights[i], -i)


def effective_upper(total, lows, upper):
    """Nobody can get more than its lower bound plus what is left above all the lower bounds."""
    rest = total - sum(lows)
    return [low + rest if upper is None else min(upper[i], low + rest) for i, low in enumerate(lows)]


def hand_out(method, total, weights, lows, highs):
    seats = list(lows)
    for _ in range(total - sum(lows)):
        open_seats = [(i, seats[i]) for i, w in enumerate(weights) if w > 0 and seats[i] < highs[i]]
        i, _s = max(open_seats, key=lambda seat: order_key(method, weights, seat))
        seats[i] += 1
    return seats


def reference_divisor_explanation(method, total, weights, lower, upper):
    n = len(weights)
    lows = list(lower) if lower else [0] * n
    highs = effective_upper(total, lows, upper)
    seats = hand_out(method, total, weights, lows, highs)
    key = lambda seat: order_key(method, weights, seat)  # noqa: E731
    given_seats = [(i, s) for i, w in enumerate(weights) if w > 0 for s in range(lows[i], seats[i])]
    open_seats = [(i, seats[i]) for i, w in enumerate(weights) if w > 0 and seats[i] < highs[i]]
    last_given = min(given_seats, key=key) if given_seats else None
    first_open = max(open_seats, key=key) if open_seats else None

    def p(seat):
        return priority(method, weights[seat[0]], seat[1])

    cut = last_given if last_given is not None and p(last_given) is not INFINITE else first_open
    cut_priority = None if cut is None else p(cut)  # None: no finite cut, so no common divisor
    ties = []
    if last_given is not None and first_open is not None and p(last_given) == p(first_open):
        tied = p(last_given)
        ties = [i for i, w in enumerate(weights) if w > 0 and (
            (seats[i] > lows[i] and priority(method, w, seats[i] - 1) == tied)
            or (seats[i] < highs[i] and priority(method, w, seats[i]) == tied))]
    units = []
    for i, w in enumerate(weights):
        last = priority(method, w, seats[i] - 1) if seats[i] > lows[i] and w > 0 else None
        bound = None
        if w > 0 and cut_priority is not None:
            # seats the unit would have without bounds at the cut: every s whose priority is at least the cut's
            unbounded = 0
            while priority(method, w, unbounded) is INFINITE or priority(method, w, unbounded) >= cut_priority:
                unbounded += 1
            if seats[i] == lows[i] and unbounded < seats[i]:
                bound = "lower"
            elif upper is not None and seats[i] == upper[i] and unbounded > seats[i]:
                bound = "upper"
        units.append(dict(index=i, weight=w, lower=lows[i], upper=None if upper is None else upper[i],
                          seats=seats[i], last_priority=last, bound=bound, tie=i in ties))
    return cut_priority, units, ties


def assert_close_root(value, square):
    """A Huntington-Hill figure (a Decimal square root) against its exact square."""
    assert isinstance(value, Decimal)
    assert abs(Fraction(value) ** 2 - square) <= square * Fraction(1, 10**20)


@st.composite
def small_problems(draw, max_units=6, max_weight=30):
    n = draw(st.integers(1, max_units))
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
    lower = upper = None
    if draw(st.booleans()):
        lower = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    if draw(st.booleans()):
        base = lower or [0] * n
        upper = [low + draw(st.integers(0, 12)) for low in base]
    floor = sum(lower) if lower else 0
    lows = lower or [0] * n
    capacity = (sum(u - l for w, l, u in zip(weights, lows, upper) if w > 0) if upper
                else (60 if any(weights) else 0))
    total = floor + draw(st.integers(0, min(capacity, 60)))
    return total, weights, lower, upper


def check_divisor_explanation(method, total, weights, lower=None, upper=None):
    explanation = explain(total, weights, method=method, lower=lower, upper=upper)
    cut, units, ties = reference_divisor_explanation(method, total, weights, lower, upper)
    assert (explanation.method, explanation.total, explanation.ties) == (method, total, ties)
    assert [u.seats for u in explanation.units] == apportion(total, weights, method=method, lower=lower,
                                                             upper=upper)
    if cut is None:
        assert (explanation.divisor, explanation.rate) == (None, None)
    elif method == "huntington-hill":
        assert_close_root(explanation.divisor, cut)
        assert_close_root(explanation.rate, 1 / cut)
    else:
        assert (explanation.divisor, explanation.rate) == (cut, 1 / cut)
    for got, want in zip(explanation.units, units, strict=True):
        assert (got.index, got.weight, got.lower, got.upper, got.seats, got.bound, got.tie, got.remainder) == (
            want["index"], want["weight"], want["lower"], want["upper"], want["seats"], want["bound"], want["tie"],
            None)
        if cut is None:
            assert got.quota == 0
        elif method == "huntington-hill":
            assert got.quota == explanation.rate * got.weight
            if got.weight:
                assert_close_root(got.quota, Fraction(got.weight) ** 2 / cut)
        else:
            assert got.quota == Fraction(got.weight) / cut
        if want["last_priority"] is None:
            assert got.last_priority is None
        elif method == "huntington-hill":
            assert_close_root(got.last_priority, want["last_priority"])
        else:
            assert got.last_priority == want["last_priority"]
    return explanation


@pytest.mark.parametrize("method", DIVISORS)
@settings(max_examples=60, deadline=None)
@given(problem=small_problems())
def test_divisor_explanations_match_the_reference(method, problem):
    check_divisor_explanation(method, *problem)


# -- examples worked by hand ---------------------------------------------------------------------------

def test_sainte_lague_cut_divisor_and_quotas():
    # weights 5, 3, 1 and 5 seats: priorities 5/0.5 = 10, 3/0.5 = 6, 5/1.5 = 3.33, then 5/2.5 = 3/1.5 = 1/0.5 = 2,
    # a three-way tie for the last two seats, won by the larger weights
    explanation = check_divisor_explanation("sainte-lague", 5, [5, 3, 1])
    assert [u.seats for u in explanation.units] == [3, 2, 0]
    assert (explanation.divisor, explanation.rate, explanation.ties) == (2, Fraction(1, 2), [0, 1, 2])
    assert [u.quota for u in explanation.units] == [Fraction(5, 2), Fraction(3, 2), Fraction(1, 2)]
    assert [u.last_priority for u in explanation.units] == [2, 2, None]


def test_held_at_the_upper_bound_only_when_the_share_asks_for_more():
    # Sainte-Laguë, weights 10 and 10, 4 seats, upper [2, 5]: the share 2 each meets the bound 2 exactly,
    # so unit 0 is at its bound but not held there by it.
    explanation = check_divisor_explanation("sainte-lague", 4, [10, 10], upper=[2, 5])
    assert [(u.seats, u.bound) for u in explanation.units] == [(2, None), (2, None)]
    # with 5 seats, unit 0 would take its third seat at priority 10/2.5 = 4 = the cut: it is held at 2
    explanation = check_divisor_explanation("sainte-lague", 5, [10, 10], upper=[2, 5])
    assert [(u.seats, u.bound) for u in explanation.units] == [(2, "upper"), (3, None)]


def test_held_at_the_lower_bound_only_when_the_share_asks_for_less():
    # weights 1 and 9, 10 seats: Sainte-Laguë gives 1 and 9; with lower [1, 0] unit 0 sits at 1 by its share
    explanation = check_divisor_explanation("sainte-lague", 10, [1, 9], lower=[1, 0])
    assert [(u.seats, u.bound) for u in explanation.units] == [(1, None), (9, None)]
    # with lower [2, 0], unit 0's share (1) is below its bound: it is held at 2
    explanation = check_divisor_explanation("sainte-lague", 10, [1, 9], lower=[2, 0])
    assert [(u.seats, u.bound) for u in explanation.units] == [(2, "lower"), (8, None)]
    # weights 3 and 10, lower [2, 0], 6 seats: the cut is 10/3.5; unit 0's share 3/(10/3.5) = 1.05 rounds to 1,
    # so it is held at 2 (counting seats up to 1.05 + 1/2, not 1.05, decides it)
    explanation = check_divisor_explanation("sainte-lague", 6, [3, 10], lower=[2, 0])
    assert explanation.divisor == Fraction(20, 7)
    assert [(u.seats, u.bound) for u in explanation.units] == [(2, "lower"), (4, None)]


def test_huntington_hill_held_at_the_lower_bound():
    # weights 2 and 10, lower [2, 0], 8 seats: unit 1 takes 6, the cut being its 6th seat at squared priority
    # 100 / (5 x 6) = 10/3; unit 0 by its share would have only its first seat (its second is at 2^2 / (1 x 2) = 2,
    # below the cut, though 2^2 / (10/3) = 1.2 is above 1), so it is held at 2
    explanation = check_divisor_explanation("huntington-hill", 8, [2, 10], lower=[2, 0])
    assert [(u.seats, u.bound) for u in explanation.units] == [(2, "lower"), (6, None)]
    assert_close_root(explanation.divisor, Fraction(10, 3))


def test_huntington_hill_figures_have_28_significant_digits():
    explanation = explain(3, [1, 1, 1], method="huntington-hill")  # the cut is the 2nd seat of weight 1: 1/sqrt(2)
    for number in (explanation.divisor, explanation.rate, explanation.units[0].quota):
        assert isinstance(number, Decimal) and len(number.as_tuple().digits) == 28
    assert str(explanation.divisor) == "0.7071067811865475244008443621"


@pytest.mark.parametrize("method,total,weights,lower,upper", [
    ("sainte-lague", 1, [3, 5, 5], None, None),  # a tie at the cut: 10/1 each
    ("dhondt", 3, [2, 2, 1], None, None),
    ("adams", 2, [1, 1, 1], None, None),  # first seats: infinite priorities tie
    ("adams", 3, [4, 2], None, None),
    ("huntington-hill", 3, [9, 4, 1], None, None),
    ("huntington-hill", 1, [2, 2], None, None),
    ("adams", 0, [3, 2], None, None),  # nothing given: the cut is the first seat not given, infinite
    ("adams", 2, [4, 2], None, None),  # only first seats given (infinite): the cut is the next one, 4/1
    ("sainte-lague", 0, [3, 2], None, None),
    ("sainte-lague", 4, [3, 0, 2], [1, 1, 0], [3, 1, 3]),
    ("dhondt", 7, [5, 5], [0, 0], [7, 7]),
    ("dhondt", 7, [5, 5], None, [3, 7]),
    ("huntington-hill", 6, [5, 1], [0, 3], [4, 5]),
    # a tie at the cut, and a unit whose seat below its lower bound (or above its upper) has the cut's priority:
    # it is not part of the tie
    ("sainte-lague", 2, [1, 1, 1], [1, 0, 0], None),
    ("sainte-lague", 2, [3, 1, 1], None, [1, 5, 5]),
    # unit 0 sits at its upper bound 2 and its share at the cut 7/1.5 is 10/(7/1.5) = 2.14: rounded, 2, so not held
    ("sainte-lague", 4, [10, 7], None, [2, 10]),
    ("sainte-lague", 1, [0, 3, 3], None, None),  # a unit of weight 0 before the tie
    # tight upper bounds: unit 0 reaches its bound 1 while its next seat is still the best one left
    ("adams", 7, [21, 4, 14, 5, 26, 1, 12], None, [1, 1, 2, 0, 3, 5, 0]),
    # the start gives too many seats and one unit must give back several of them
    ("huntington-hill", 4, [2, 5, 30, 6], None, [5, 6, 4, 4]),
])
def test_divisor_examples(method, total, weights, lower, upper):
    check_divisor_explanation(method, total, weights, lower, upper)


def test_a_unit_held_at_a_bound_is_not_in_the_tie_beside_it():
    assert explain(2, [1, 1, 1], lower=[1, 0, 0]).ties == [1, 2]
    assert explain(2, [3, 1, 1], upper=[1, 5, 5]).ties == [1, 2]


# -- Hamilton ------------------------------------------------------------------------------------------

def hamilton_rates(total, weights, lows, highs):
    """Every common rate r >= 0 with sum(clamp(r x w, low, high)) == total: the interval [first, last]."""
    def quota_sum(rate):
        return sum(Fraction(low) if w == 0 else min(max(rate * w, Fraction(low)), Fraction(high))
                   for w, low, high in zip(weights, lows, highs))

    points = sorted({Fraction(0)} | {Fraction(b, w) for w, low, high in zip(weights, lows, highs) if w
                                     for b in (low, high)})
    first = last = None
    for left, right in zip(points, points[1:] + [None]):
        at_left = quota_sum(left)
        if right is None:
            if first is None and at_left == total:
                first = left
            if at_left == total:
                last = None  # it stays at total forever
            break
        at_right = quota_sum(right)
        if first is None and at_left <= total <= at_right:
            first = left if at_left == total else left + (right - left) * (total - at_left) / (at_right - at_left)
        if at_left <= total < at_right:
            last = left + (right - left) * (total - at_left) / (at_right - at_left)
            break
    return first, last


def check_hamilton_explanation(total, weights, lower=None, upper=None):
    n = len(weights)
    lows = list(lower) if lower else [0] * n
    highs = effective_upper(total, lows, upper)
    explanation = explain(total, weights, method="hamilton", lower=lower, upper=upper)
    first, last = hamilton_rates(total, weights, lows, highs)
    rate = explanation.rate
    assert isinstance(rate, Fraction) and rate >= first and (last is None or rate <= last)
    unique = first == last
    quotas = [Fraction(low) if w == 0 else min(max(rate * w, Fraction(low)), Fraction(high))
              for w, low, high in zip(weights, lows, highs)]
    assert sum(quotas) == total
    wholes = [q.numerator // q.denominator for q in quotas]
    remainders = [q - x for q, x in zip(quotas, wholes)]
    left = total - sum(wholes)
    ranked = sorted((i for i in range(n) if remainders[i] > 0), key=lambda i: (-remainders[i], -weights[i], i))
    seats = list(wholes)
    for i in ranked[:left]:
        seats[i] += 1
    ties = []
    if 0 < left < len(ranked) and remainders[ranked[left - 1]] == remainders[ranked[left]]:
        ties = sorted(i for i in ranked if remainders[i] == remainders[ranked[left]])
    assert (explanation.method, explanation.total, explanation.divisor, explanation.ties) == (
        "hamilton", total, None, ties)
    for i, unit in enumerate(explanation.units):
        assert (unit.index, unit.weight, unit.lower, unit.upper, unit.seats, unit.quota, unit.remainder,
                unit.last_priority, unit.tie) == (
            i, weights[i], lows[i], None if upper is None else upper[i], seats[i], quotas[i], remainders[i],
            None, i in ties)
        if unique:
            raw = rate * weights[i]
            assert unit.bound == ("lower" if raw < lows[i] else "upper" if raw > highs[i] else None)
    return explanation


@settings(max_examples=150, deadline=None)
@given(problem=small_problems())
def test_hamilton_explanations_match_the_reference(problem):
    check_hamilton_explanation(*problem)


def test_hamilton_worked_example():
    # 10 among 6, 3, 1: quotas 6, 3, 1 exactly; among 5, 3, 2 with 7: quotas 3.5, 2.1, 1.4
    explanation = check_hamilton_explanation(7, [5, 3, 2])
    assert explanation.rate == Fraction(7, 10)
    assert [u.quota for u in explanation.units] == [Fraction(7, 2), Fraction(21, 10), Fraction(7, 5)]
    assert [u.remainder for u in explanation.units] == [Fraction(1, 2), Fraction(1, 10), Fraction(2, 5)]
    assert [u.seats for u in explanation.units] == [4, 2, 1]


def test_hamilton_bounds_and_ties():
    explanation = check_hamilton_explanation(10, [1, 1, 8], lower=[3, 0, 0], upper=[5, 5, 5])
    assert [(u.seats, u.bound) for u in explanation.units] == [(3, "lower"), (2, None), (5, "upper")]
    explanation = check_hamilton_explanation(3, [2, 2, 2, 2])  # four remainders of 3/4: three of them win
    assert explanation.ties == [0, 1, 2, 3] and [u.seats for u in explanation.units] == [1, 1, 1, 0]
    explanation = check_hamilton_explanation(4, [2, 2, 2, 2])  # no remainder at all: no tie
    assert explanation.ties == []


def test_hamilton_share_exactly_at_a_bound_is_not_held_by_it():
    # rate 1/2: unit 0's share is 1, exactly its upper bound (and in the second, exactly its lower bound)
    explanation = check_hamilton_explanation(2, [2, 2], upper=[1, 5])
    assert explanation.rate == Fraction(1, 2)
    assert [(u.quota, u.bound) for u in explanation.units] == [(1, None), (1, None)]
    explanation = check_hamilton_explanation(4, [2, 6], lower=[1, 0])
    assert explanation.rate == Fraction(1, 2)
    assert [(u.quota, u.bound) for u in explanation.units] == [(1, None), (3, None)]


def test_hamilton_with_no_weight_has_a_common_rate_of_0():
    explanation = check_hamilton_explanation(3, [0, 0], lower=[1, 2])
    assert explanation.rate == 0 and [(u.seats, u.bound) for u in explanation.units] == [(1, "lower"), (2, "lower")]


def test_hamilton_names_the_upper_bound_only_when_the_unit_sits_at_it():
    # found by the mutation suite (issue 16): the share was compared with the lower bound plus what is left,
    # not with the given upper bound, where the common rate is not unique
    # 95 among two units of weight 100, the second held at its lower bound 90: the first gets the 5 left,
    # far below its upper bound 100, so no bound of its own holds it.
    explanation = explain(95, [100, 100], method="hamilton", lower=[0, 90], upper=[100, 100])
    assert [(u.seats, u.bound) for u in explanation.units] == [(5, None), (90, "lower")]


# -- the messages of bad arguments, whole ------------------------------------------------------------------

@pytest.mark.parametrize("args,kwargs,error,message", [
    ((10, [1, 1]), {"method": 7}, TypeError, "method must be a string, not int"),
    ((10, [1, 1]), {"method": "borda"}, ValueError,
     "unknown method 'borda'; choose one of adams, d'hondt, dhondt, hamilton, huntington-hill, jefferson, "
     "largest-remainder, sainte-lague, webster"),
    ((10, "12"), {}, TypeError, "weights must be a sequence of whole numbers"),
    ((10, 12), {}, TypeError, "weights must be a sequence of whole numbers"),
    ((10, [1, 2]), {"lower": [0]}, ValueError, "lower has 1 items but weights has 2; give one per unit"),
    ((10, [1, 2]), {"upper": [20]}, ValueError, "upper has 1 items but weights has 2; give one per unit"),
    ((10, [1, 2.0]), {}, TypeError, "weights[1] is 2.0; it must be a whole number (int)"),
    ((10, [1, True]), {}, TypeError, "weights[1] is True; it must be a whole number (int)"),
    ((10, [1, -2]), {}, ValueError, "weights[1] is -2; it must be 0 or more"),
    ((10, [1, 2]), {"upper": [5, -1]}, ValueError, "upper[1] is -1; it must be 0 or more"),
    ((10.0, [1]), {}, TypeError, "total is 10.0; it must be a whole number (int)"),
    ((False, [1]), {}, TypeError, "total is False; it must be a whole number (int)"),
    ((-1, [1]), {}, ValueError, "total is -1; it must be 0 or more"),
    ((1, []), {}, ValueError, "there are no units to split the total among"),
    ((10, [1, 1]), {"lower": [3, 0], "upper": [2, 20]}, ValueError,
     "unit 0: its lower bound 3 is above its upper bound 2"),
    ((10, [1, 1]), {"lower": [6, 5]}, ValueError, "the lower bounds add up to 11, more than the total 10"),
    ((10, [1, 1]), {"upper": [4, 5]}, ValueError, "the upper bounds add up to 9, less than the total 10"),
    ((10, [0, 0]), {"lower": [1, 2]}, ValueError,
     "all weights are 0, so nothing of the 7 above the lower bounds can be handed out"),
    ((10, [0, 1]), {"upper": [20, 5]}, ValueError,
     "the total 10 cannot be reached: the units with positive weight can take only 5 above their lower bounds, "
     "10 are needed (units of weight 0 get no more than their lower bound)"),
    ((10, [0, 1]), {"lower": [0, 2], "upper": [20, 7]}, ValueError,
     "the total 10 cannot be reached: the units with positive weight can take only 5 above their lower bounds, "
     "8 are needed (units of weight 0 get no more than their lower bound)"),
])
def test_argument_messages(args, kwargs, error, message):
    with pytest.raises(error) as caught:
        apportion(*args, **kwargs)
    assert str(caught.value) == message


def test_bounds_that_are_exactly_enough_are_accepted():
    assert apportion(10, [1, 1], lower=[5, 5]) == [5, 5]
    assert apportion(10, [1, 1], upper=[4, 6]) == [4, 6]
    assert apportion(10, [1, 1], lower=[4, 0], upper=[4, 20]) == [4, 6]
    assert apportion(10, [0, 1], upper=[20, 10]) == [0, 10]
    assert apportion(0, [0, 0], upper=[0, 0]) == [0, 0]
    assert apportion(3, [0, 0], lower=[1, 2]) == [1, 2]


# -- the two counting helpers, against counting one seat at a time -------------------------------------------
# Their results are a starting point (any count that errs the same way for every unit gives the same seats,
# only slower) and the "held at a bound" flag; their contract is exact.

def count_seats(method, test):
    s = 0
    while test(d(method, s)):
        s += 1
    return s


@pytest.mark.parametrize("method", DIVISORS)
def test_seats_below_a_quota_are_counted_exactly(method):
    for den in range(1, 9):
        for num in range(0, 8 * den + 3):
            q = Fraction(num, den)
            limit = q * q if method == "huntington-hill" else q  # Huntington-Hill's d(s) here is squared
            assert _seats_below(method, num, den) == count_seats(method, lambda x: x < limit), (num, den)


@pytest.mark.parametrize("method", DIVISORS)
@settings(max_examples=40, deadline=None)
@given(num=st.integers(1, 10**12), den=st.integers(1, 10**6))
def test_seats_below_large_quotas(method, num, den):
    q = Fraction(num, den)
    count = _seats_below(method, num, den)
    limit = q * q if method == "huntington-hill" else q
    assert (count == 0 or d(method, count - 1) < limit) and not d(method, count) < limit


@pytest.mark.parametrize("method", DIVISORS)
def test_seats_up_to_a_cut_are_counted_exactly(method):
    for w in range(1, 7):
        for cut_den in range(1, 6):
            for cut_num in range(1, 30):
                cut = Fraction(cut_num, cut_den)  # a priority, squared for Huntington-Hill
                expected = count_seats(method, lambda x: x == 0  # an infinite priority
                                       or Fraction(w * w if method == "huntington-hill" else w) / x >= cut)
                assert _seats_up_to(method, w, _Seat(cut_num, cut_den, w, 0)) == expected, (w, cut)
