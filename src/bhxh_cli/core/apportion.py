"""Exact apportionment: split a whole-number total among units in proportion to their weights.

Pure: integers and Fractions in and out, no I/O. No float takes part in any decision: floats misorder
exactly tied remainders (with 13,640 of 14,360 to split, any two communes whose sizes are congruent
mod 359 tie exactly).

Divisor methods (Sainte-Laguë/Webster, D'Hondt/Jefferson, Huntington-Hill, Adams) are defined by their
one-unit-at-a-time description: every unit starts at its lower bound; each next unit goes to the unit
below its upper bound with the largest priority w / d(s), where s is what it has so far; equal
priorities go to the larger weight, then to the earlier position. Think of every (unit, s) as a "seat":
the result is the first R seats in that order. We do not hand them out one at a time (totals reach
the millions): a common rate from the continuous solution gives every seat whose priority is above a
threshold at once, and a heap then adds or removes the few seats near the threshold, exactly.

Hamilton (largest remainder): bounded quotas q = clamp(rate x w, lower, upper) with the rate chosen so
the quotas add up to the total; everyone gets floor(q), and the units left over go one each to the
largest fractional parts (ties: larger weight, then earlier position).
"""

from __future__ import annotations

import heapq
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from math import isqrt
from typing import Sequence

__all__ = ["InfeasibleError", "METHODS", "apportion", "explain", "canonical_method", "Explanation", "UnitShare"]


class InfeasibleError(ValueError):
    """The total cannot be split within the bounds.

    This module's errors are in English for the programmer, not for a user: core/allocation.py checks what a
    user can get wrong (more enrolled than eligible, too few eligible people, floors above the target) and
    raises an AllocationError with a key the commands word from the catalogs; crosswalk.py's weights are
    shares above 0; the methods and arguments come from the command line's own choices."""


METHODS = {
    "sainte-lague": "sainte-lague", "webster": "sainte-lague",
    "dhondt": "dhondt", "d'hondt": "dhondt", "jefferson": "dhondt",
    "huntington-hill": "huntington-hill",
    "adams": "adams",
    "hamilton": "hamilton", "largest-remainder": "hamilton",
}


def canonical_method(method: str) -> str:
    """The method's canonical name; accepts the aliases, any case, '_' or ' ' for '-', and 'laguë' (in NFC
    or NFD)."""
    if not isinstance(method, str):
        raise TypeError(f"method must be a string, not {type(method).__name__}")
    # NFC first: "Sainte-Laguë" typed with a combining diaeresis (e + U+0308) is the same name
    key = unicodedata.normalize("NFC", method).strip().lower().replace("_", "-").replace(" ", "-").replace("ë", "e")
    if key not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(sorted(METHODS))}")
    return METHODS[key]


# -- priorities --------------------------------------------------------------------------------------
# A seat's priority w / d(s) is kept as an exact pair (numerator, denominator); for Huntington-Hill,
# whose d(s) = sqrt(s(s+1)) is irrational, the pair is the squared priority w^2 / (s(s+1)), which orders
# seats the same way. A denominator of 0 is an infinite priority (d(0) = 0 for Adams and Huntington-Hill).

def _priority(method: str, w: int, s: int) -> tuple[int, int]:
    if method == "sainte-lague":
        return 2 * w, 2 * s + 1
    if method == "dhondt":
        return w, s + 1
    if method == "adams":
        return w, s
    return w * w, s * (s + 1)  # huntington-hill, squared


class _Seat:
    """A seat (unit, s) in the hand-out order: higher priority first, then larger weight, then earlier unit."""

    __slots__ = ("num", "den", "weight", "index")

    def __init__(self, num: int, den: int, weight: int, index: int):
        self.num, self.den, self.weight, self.index = num, den, weight, index

    def before(self, other: _Seat) -> bool:
        # num/den > other.num/other.den, with den == 0 meaning infinity: as num > 0 for every seat (only units
        # of positive weight have seats), the cross products order an infinite priority first and tie two
        left, right = self.num * other.den, other.num * self.den
        if left != right:
            return left > right
        if self.weight != other.weight:
            return self.weight > other.weight
        return self.index < other.index

    def same_priority(self, other: _Seat) -> bool:
        return self.num * other.den == other.num * self.den


class _Best(_Seat):
    """Heap entry: the best seat first."""

    __slots__ = ()

    def __lt__(self, other: _Seat) -> bool:
        return self.before(other)


class _Worst(_Seat):
    """Heap entry: the worst seat first."""

    __slots__ = ()

    def __lt__(self, other: _Seat) -> bool:
        return other.before(self)


def _seats_below(method: str, num: int, den: int) -> int:
    """How many seats s >= 0 have d(s) < q, for the quota q = num/den >= 0 (strictly: ties are left out)."""
    if method == "sainte-lague":  # s + 1/2 < q  <=>  s < (2num - den) / 2den; never below 0 as num >= 0
        return -((den - 2 * num) // (2 * den))
    if method == "dhondt":  # s + 1 < q
        return max(0, -(-num // den) - 1)
    if method == "adams":  # s < q
        return -(-num // den)
    # huntington-hill: s(s+1) < q^2  <=>  s(s+1) den^2 < num^2; count = 1 + the largest such s. With
    # s = isqrt(floor(q^2)): (s-1)s < q^2 <= (s+1)(s+2) when q > 0, so the answer is s or s - 1 (q = 0 gives 0).
    square, den2 = num * num, den * den
    s = isqrt(square // den2)
    if s * (s + 1) * den2 >= square:
        s -= 1
    return s + 1


# -- arguments ---------------------------------------------------------------------------------------

def _counts(name: str, values: Sequence[int], size: int | None) -> list[int]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise TypeError(f"{name} must be a sequence of whole numbers")
    values = list(values)
    if size is not None and len(values) != size:
        raise ValueError(f"{name} has {len(values)} items but weights has {size}; give one per unit")
    for index, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name}[{index}] is {value!r}; it must be a whole number (int)")
        if value < 0:
            raise ValueError(f"{name}[{index}] is {value}; it must be 0 or more")
    return values


def _arguments(total, weights, lower, upper):
    if isinstance(total, bool) or not isinstance(total, int):
        raise TypeError(f"total is {total!r}; it must be a whole number (int)")
    if total < 0:
        raise ValueError(f"total is {total}; it must be 0 or more")
    weights = _counts("weights", weights, None)
    if not weights:
        raise ValueError("there are no units to split the total among")
    n = len(weights)
    lows = _counts("lower", lower, n) if lower is not None else [0] * n
    highs = _counts("upper", upper, n) if upper is not None else None
    if highs is not None:
        for index, (low, high) in enumerate(zip(lows, highs)):
            if low > high:
                raise InfeasibleError(f"unit {index}: its lower bound {low} is above its upper bound {high}")
    floor = sum(lows)
    if floor > total:
        raise InfeasibleError(f"the lower bounds add up to {floor}, more than the total {total}")
    if highs is not None and sum(highs) < total:
        raise InfeasibleError(f"the upper bounds add up to {sum(highs)}, less than the total {total}")
    rest = total - floor
    if highs is None:
        highs = [low + rest for low in lows]  # nobody can get more than its lower bound plus the rest
        capacity = rest if any(weights) else 0
    else:
        highs = [min(high, low + rest) for low, high in zip(lows, highs)]
        capacity = sum(high - low for w, low, high in zip(weights, lows, highs) if w > 0)
    if capacity < rest:
        if not any(weights):
            raise InfeasibleError(f"all weights are 0, so nothing of the {rest} above the lower bounds can "
                                  f"be handed out")
        raise InfeasibleError(f"the total {total} cannot be reached: the units with positive weight can take "
                              f"only {capacity} above their lower bounds, {rest} are needed (units of weight 0 "
                              f"get no more than their lower bound)")
    return total, weights, lows, highs


# -- the continuous solution -------------------------------------------------------------------------

def _common_rate(total: int, weights: list[int], lows: list[int], highs: list[int]) -> tuple[int, int]:
    """A rate num/den with sum(clamp(rate x w, low, high)) == total, exactly (Bitran-Hax variable fixing).

    Units of weight 0 sit at their lower bound. Each round fixes at least one unit at a bound.
    """
    free = [i for i, w in enumerate(weights) if w > 0]
    fixed = sum(low for w, low in zip(weights, lows) if w == 0)
    while True:
        weight = sum(weights[i] for i in free)
        if weight == 0:
            return 0, 1
        num, den = total - fixed, weight  # rate = num / den over the free units
        if num <= 0:
            return 0, 1
        below = above = 0  # how far clamping would move the sum up (below) and down (above), x den
        for i in free:
            share = num * weights[i]
            if share < lows[i] * den:
                below += lows[i] * den - share
            elif share > highs[i] * den:
                above += share - highs[i] * den
        if below == above:
            return num, den
        if below > above:  # the true rate is lower: whoever is below its lower bound now stays there
            keep = [i for i in free if num * weights[i] >= lows[i] * den]
            fixed += sum(lows[i] for i in free if num * weights[i] < lows[i] * den)
        else:
            keep = [i for i in free if num * weights[i] <= highs[i] * den]
            fixed += sum(highs[i] for i in free if num * weights[i] > highs[i] * den)
        free = keep


# -- the methods -------------------------------------------------------------------------------------

@dataclass
class _Result:
    seats: list[int]
    rate: tuple[int, int]  # the continuous common rate (num, den)
    ties: list[int]  # units whose result was decided by a tie


def _divisor(method: str, total: int, weights: list[int], lows: list[int], highs: list[int],
             with_ties: bool) -> _Result:
    num, den = _common_rate(total, weights, lows, highs)
    # Start from a rate near the continuous one, corrected for the method's bias (D'Hondt rounds down,
    # Adams up: about half a unit each), so that only a few seats are left to add or remove.
    free = [i for i, w in enumerate(weights) if w > 0 and highs[i] > lows[i]
            and lows[i] * den < num * w < highs[i] * den]
    if free and method in ("dhondt", "adams"):
        free_weight = sum(weights[i] for i in free)
        free_total = Fraction(num * free_weight, den)
        shifted = free_total + (Fraction(len(free), 2) if method == "dhondt" else -Fraction(len(free), 2))
        start = max(Fraction(0), shifted / free_weight)
        num, den = start.numerator, start.denominator
    seats = [max(low, min(high, _seats_below(method, num * w, den)))  # 0 seats below a quota of 0 (weight 0)
             for w, low, high in zip(weights, lows, highs)]
    given = sum(seats)
    # `seats` is now exactly the set of seats whose priority is above 1/rate: a prefix of the hand-out
    # order. Adding the best next seats or removing the worst given ones keeps it a prefix.
    last_in = first_out = None
    if given < total:
        heap = [_Best(*_priority(method, w, seats[i]), w, i)
                for i, w in enumerate(weights) if w > 0 and seats[i] < highs[i]]
        heapq.heapify(heap)
        for _ in range(total - given):
            seat = heapq.heappop(heap)
            seats[seat.index] += 1
            last_in = seat
            if seats[seat.index] < highs[seat.index]:
                heapq.heappush(heap, _Best(*_priority(method, seat.weight, seats[seat.index]), seat.weight,
                                           seat.index))
        first_out = heap[0] if heap else None
    elif given > total:
        heap = [_Worst(*_priority(method, w, seats[i] - 1), w, i)
                for i, w in enumerate(weights) if seats[i] > lows[i]]  # units of weight 0 sit at their lower bound
        heapq.heapify(heap)
        for _ in range(given - total):
            seat = heapq.heappop(heap)
            seats[seat.index] -= 1
            first_out = seat
            if seats[seat.index] > lows[seat.index]:
                heapq.heappush(heap, _Worst(*_priority(method, seat.weight, seats[seat.index] - 1), seat.weight,
                                            seat.index))
        last_in = heap[0] if heap else None
    ties: list[int] = []
    if with_ties:  # finding the ties at the cut is a scan over every unit: only for explanations
        # When no seat was added or removed, last_in and first_out are None, and rightly no tie is found:
        # the start gives exactly the seats whose priority is above the start's threshold, and no seat left
        # out has that priority (a tie needs the last seat given and the first left out to be equal).
        ties = _tied_units(method, weights, seats, lows, highs, last_in, first_out)
    return _Result(seats, (num, den), ties)


def _extreme(method, weights, seats, lows, highs, *, worst_given: bool) -> _Seat | None:
    """The worst seat given, or the best seat not given (None when there is none)."""
    found = None
    for i, w in enumerate(weights):
        if w == 0:
            continue
        if worst_given and seats[i] > lows[i]:
            seat = _Seat(*_priority(method, w, seats[i] - 1), w, i)
            if found is None or found.before(seat):
                found = seat
        elif not worst_given and seats[i] < highs[i]:
            seat = _Seat(*_priority(method, w, seats[i]), w, i)
            if found is None or seat.before(found):
                found = seat
    return found


def _tied_units(method, weights, seats, lows, highs, last_in, first_out) -> list[int]:
    """Units on either side of the cut with the cut's priority, when the cut fell inside a tie."""
    if last_in is None or first_out is None or not last_in.same_priority(first_out):
        return []
    tied = []
    for i, w in enumerate(weights):
        if w == 0:
            continue
        if seats[i] > lows[i] and _Seat(*_priority(method, w, seats[i] - 1), w, i).same_priority(last_in):
            tied.append(i)
        elif seats[i] < highs[i] and _Seat(*_priority(method, w, seats[i]), w, i).same_priority(last_in):
            tied.append(i)
    return tied


def _hamilton(total: int, weights: list[int], lows: list[int], highs: list[int]) -> _Result:
    num, den = _common_rate(total, weights, lows, highs)
    seats, remainders = [], []
    for w, low, high in zip(weights, lows, highs):
        share = num * w  # the quota is share / den, clamped to [low, high]
        if w == 0 or share <= low * den:
            seats.append(low)
            remainders.append(0)
        elif share >= high * den:
            seats.append(high)
            remainders.append(0)
        else:
            whole, remainder = divmod(share, den)
            seats.append(whole)
            remainders.append(remainder)  # every fractional part is remainder / den: compare numerators
    left = total - sum(seats)
    order = sorted((i for i in range(len(weights)) if remainders[i] > 0),
                   key=lambda i: (-remainders[i], -weights[i], i))
    for i in order[:left]:
        seats[i] += 1
    ties = []
    # 0 < left < len(order) whenever `order` has units: left is the sum of their fractional parts, each below 1
    if order and remainders[order[left - 1]] == remainders[order[left]]:
        cut = remainders[order[left]]
        ties = sorted(i for i in order if remainders[i] == cut)
    return _Result(seats, (num, den), ties)


def _solve(total, weights, method, lower, upper,
           with_ties: bool = False) -> tuple[str, list[int], list[int], list[int], _Result]:
    method = canonical_method(method)
    total, weights, lows, highs = _arguments(total, weights, lower, upper)
    if method == "hamilton":
        result = _hamilton(total, weights, lows, highs)
    else:
        result = _divisor(method, total, weights, lows, highs, with_ties)
    return method, weights, lows, highs, result


def apportion(total: int, weights: Sequence[int], *, method: str = "sainte-lague",
              lower: Sequence[int] | None = None, upper: Sequence[int] | None = None) -> list[int]:
    """Split `total` among units in proportion to `weights`, in whole numbers, exactly.

    The result adds up to `total`, and lower[i] <= result[i] <= upper[i]. Units of weight 0 get their
    lower bound. Raises InfeasibleError (a ValueError) when the bounds make the total unreachable, and
    ValueError or TypeError for bad arguments.
    """
    return _solve(total, weights, method, lower, upper)[4].seats


# -- explanations ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitShare:
    """Why one unit got what it got."""

    index: int
    weight: int
    lower: int
    upper: int | None
    seats: int
    quota: Fraction | Decimal  # its exact share at the common rate (Decimal only for Huntington-Hill)
    remainder: Fraction | None  # Hamilton: the fractional part of the quota that ranked it
    last_priority: Fraction | Decimal | None  # divisor methods: w / d(seats - 1), None if no seat was won
    bound: str | None  # "lower" or "upper" when the bound, not the share, decided the result
    tie: bool  # the result was decided by a tie (larger weight first, then earlier position)


@dataclass(frozen=True)
class Explanation:
    method: str
    total: int
    rate: Fraction | Decimal | None  # the common rate: seats per unit of weight (1 / divisor)
    divisor: Fraction | Decimal | None  # divisor methods: weight per seat at the cut
    units: list[UnitShare]
    ties: list[int]


def _as_number(method: str, num: int, den: int) -> Fraction | Decimal:
    if method != "huntington-hill":
        return Fraction(num, den)
    with localcontext() as context:  # the square root of a squared priority: shown, never compared
        context.prec = 28
        return (Decimal(num) / Decimal(den)).sqrt()


def explain(total: int, weights: Sequence[int], *, method: str = "sainte-lague",
            lower: Sequence[int] | None = None, upper: Sequence[int] | None = None) -> Explanation:
    """The allocation of `apportion` with the reasons: common rate, quotas, remainders, bounds, ties."""
    method, weights, lows, highs, result = _solve(total, weights, method, lower, upper, with_ties=True)
    given_upper = list(upper) if upper is not None else None
    units = []
    if method == "hamilton":
        num, den = result.rate
        rate: Fraction | Decimal | None = Fraction(num, den)
        for i, w in enumerate(weights):
            raw = rate * w
            quota = min(max(raw, Fraction(lows[i])), Fraction(highs[i]))
            # held at the upper bound only when the share is above the bound the caller gave (highs may be
            # tightened to low + rest, which is no bound of the unit's: more than one common rate can fit)
            cap = given_upper[i] if given_upper is not None else None
            bound = "lower" if raw < lows[i] else "upper" if cap is not None and raw > cap else None
            units.append(UnitShare(i, w, lows[i], given_upper[i] if given_upper else None, result.seats[i], quota,
                                   quota - (quota.numerator // quota.denominator), None, bound,
                                   i in result.ties))
        return Explanation(method, total, rate, None, units, result.ties)
    # Divisor methods: the divisor is the priority of the last seat given (the cut), so that each unit's
    # quota w / divisor, rounded by the method's rule, gives its result (ties and bounds aside).
    cut = _extreme(method, weights, result.seats, lows, highs, worst_given=True)
    if cut is None or cut.den == 0:
        cut = _extreme(method, weights, result.seats, lows, highs, worst_given=False)
    divisor = None if cut is None or cut.den == 0 else _as_number(method, cut.num, cut.den)
    rate = None if not divisor else 1 / divisor
    for i, w in enumerate(weights):
        seats = result.seats[i]
        quota = Fraction(0) if rate is None else rate * w
        last = None
        if seats > lows[i]:  # only units of positive weight get more than their lower bound
            pnum, pden = _priority(method, w, seats - 1)
            last = None if pden == 0 else _as_number(method, pnum, pden)
        unbounded = _seats_up_to(method, w, cut) if w > 0 and cut is not None and cut.den != 0 else None
        bound = None
        if unbounded is not None and seats == lows[i] and unbounded < seats:
            bound = "lower"
        elif unbounded is not None and given_upper is not None and seats == given_upper[i] and unbounded > seats:
            bound = "upper"
        units.append(UnitShare(i, w, lows[i], given_upper[i] if given_upper else None, seats, quota, None,
                               last, bound, i in result.ties))
    return Explanation(method, total, rate, divisor, units, result.ties)


def _seats_up_to(method: str, w: int, cut: _Seat) -> int:
    """Seats the unit would have, without bounds, at the cut's priority (seats with priority >= cut)."""
    # priority w/d(s) >= cut.num/cut.den  <=>  d(s) <= w * cut.den / cut.num (squared for HH)
    if method == "huntington-hill":
        # s(s+1) <= w^2 * den / num = L; with s = isqrt(floor(L)): (s-1)s <= L < (s+1)(s+2), so it is s or s - 1
        limit_num, limit_den = w * w * cut.den, cut.num
        s = isqrt(limit_num // limit_den)
        if s * (s + 1) * limit_den > limit_num:
            s -= 1
        return s + 1
    # d(s) = s + c with c = 1/2, 1 or 0: count of s >= 0 with s + c <= w * den / num
    offset = {"sainte-lague": Fraction(1, 2), "dhondt": Fraction(1), "adams": Fraction(0)}[method]
    bound = Fraction(w * cut.den, cut.num) - offset
    if bound < 0:
        return 0
    return bound.numerator // bound.denominator + 1
