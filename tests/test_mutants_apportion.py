"""What the divisor methods' start promises (core/apportion.py): a common rate corrected for the method's bias,
so that the heap adds or removes only a few seats, never about half a seat per unit. Counted in heap pops, not
in time; mutation testing showed no test noticed a start without the correction."""

from __future__ import annotations

import heapq
import random

import pytest

import bhxh_cli.core.apportion as core


class CountingHeap:
    """heapq with its pops counted: each pop is one seat the start got wrong."""

    heapify = staticmethod(heapq.heapify)
    heappush = staticmethod(heapq.heappush)

    def __init__(self):
        self.pops = 0

    def heappop(self, heap):
        self.pops += 1
        return heapq.heappop(heap)


UNITS = 2000
_RANDOM = random.Random(7)
WEIGHTS = [_RANDOM.randint(1, 5000) for _ in range(UNITS)]


@pytest.mark.parametrize("method", ["dhondt", "adams"])
@pytest.mark.parametrize("bounded", [False, True])
@pytest.mark.parametrize("share", [3 * UNITS, 10 * UNITS, sum(WEIGHTS) // 100, sum(WEIGHTS) // 3])
def test_the_start_leaves_only_a_few_seats_to_the_heap(monkeypatch, method, bounded, share):
    # without the correction D'Hondt starts about half a seat per free unit short, and Adams as many over:
    # hundreds of pops here; with it, a few dozen. With bounds, a third of the units are held down by a tight
    # cap and a third up by a high floor: only the units between their bounds are corrected for
    lower = [w // 40 if i % 3 == 1 else 0 for i, w in enumerate(WEIGHTS)] if bounded else None
    upper = [w // 400 if i % 3 == 0 else w for i, w in enumerate(WEIGHTS)] if bounded else None
    total = min(max(share, sum(lower)), sum(upper)) if bounded else share
    counting = CountingHeap()
    monkeypatch.setattr(core, "heapq", counting)
    seats = core.apportion(total, WEIGHTS, method=method, lower=lower, upper=upper)
    assert sum(seats) == total
    assert counting.pops <= UNITS // 20


@pytest.mark.parametrize(("total", "weights", "lower", "upper"), [
    (15, [6, 2, 4, 2, 6], [4, 2, 3, 1, 4], [5, 2, 7, 3, 5]),  # a unit exactly at its lower bound at a rate tried
    (9, [2, 2, 4, 1], [1, 4, 2, 1], [2, 7, 6, 6]),
    (3, [0, 3], [3, 0], [3, 5]),  # a unit of weight 0 held at a floor that takes the whole total: the rate is 0
    (17, [0, 4, 1, 4, 3], [2, 0, 0, 4, 3], [7, 5, 0, 6, 8]),  # a unit exactly at its upper bound at a rate tried
    (13, [5, 4, 3, 1], [1, 4, 2, 0], [4, 4, 7, 3]),
])
def test_the_common_rate_makes_the_bounded_quotas_add_up_to_the_total(total, weights, lower, upper):
    # the definition of Hamilton's common rate: sum(clamp(rate x w, lower, upper)) == total, exactly; a unit
    # sitting exactly at a bound on the way must be counted once, either fixed or free
    rate = core.explain(total, weights, method="hamilton", lower=lower, upper=upper).rate
    assert sum(min(max(rate * w, low), high) for w, low, high in zip(weights, lower, upper)) == total


def test_a_start_above_the_total_gives_seats_back_in_the_methods_own_order():
    # Adams' start here overshoots the total by several seats, some from one unit: each seat given back must
    # be the unit's next by Adams' priority. Checked by hand: the divisor d = 95 gives ceil(w / d) =
    # 1, 1, 2, 1, 2, 11 (sum 18, every upper bound kept); any d in [1000/11, 100) does.
    assert core.apportion(18, [13, 7, 100, 1, 100, 1000], method="adams",
                          upper=[29, 12, 27, 5, 23, 18]) == [1, 1, 2, 1, 2, 11]
