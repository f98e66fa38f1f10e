"""`apportion` on 10,600 units (Vietnam's communes in 2020) with a total of 16,000,000, every method,
without and with bounds, side by side with the PyPI package `apportionment` (pip install apportionment)
on the same unbounded inputs, where it finishes.

Aims: under 50 ms per method, 100 ms with lower and upper bounds. `apportionment`'s divisor methods
build a units x total matrix (10,600 x 16,000,000 floats, about 1.3 PB): they run out of memory at this
size, so they run in a child process capped at 3 GB and are reported as such.

Run: python benchmarks/apportion_bench.py
"""

import multiprocessing
import random
import statistics
import sys
import time

from bhxh_cli.core.apportion import apportion

UNITS, TOTAL = 10_600, 16_000_000
OURS = ["sainte-lague", "dhondt", "huntington-hill", "adams", "hamilton"]
THEIRS = {"sainte-lague": "saintelague", "dhondt": "dhondt", "huntington-hill": "huntington", "adams": "adams",
          "hamilton": "largest_remainder"}


def inputs():
    rng = random.Random(10600)
    weights = [rng.randint(200, 20_000) for _ in range(UNITS)]
    lower = [w // 20 for w in weights]
    upper = [w // 5 for w in weights]
    return weights, lower, upper


def median_ms(function, runs=7):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _theirs(method, weights, queue):
    import resource

    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        from apportionment.methods import compute

        parties = [str(i) for i in range(len(weights))]
        start = time.perf_counter()
        result = compute(THEIRS[method], weights, TOTAL, parties=parties)
        queue.put(("ok", (time.perf_counter() - start) * 1000, list(map(int, result))))
    except MemoryError:
        queue.put(("out of memory (3 GB cap)", None, None))
    except Exception as error:  # noqa: BLE001 - report whatever it did
        queue.put((f"{type(error).__name__}", None, None))


def theirs(method, weights, timeout=120):
    try:
        import apportionment  # noqa: F401
    except ImportError:
        return "not installed (pip install apportionment)", None, None
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_theirs, args=(method, weights, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        return f"no result within {timeout} s", None, None
    if queue.empty():
        return f"crashed (exit code {child.exitcode})", None, None
    return queue.get()


def main():
    weights, lower, upper = inputs()
    print(f"## apportion: {UNITS:,} units, total {TOTAL:,} (aim < 50 ms; < 100 ms with bounds)")
    print(f"{'method':<16} {'bhxh':>10} {'bounded':>10} {'apportionment (PyPI)':>28} {'ratio':>8} {'same':>6}")
    for method in OURS:
        ours = median_ms(lambda: apportion(TOTAL, weights, method=method))
        bounded = median_ms(lambda: apportion(TOTAL, weights, method=method, lower=lower, upper=upper))
        status, their_ms, their_result = theirs(method, weights)
        if their_ms is None:
            shown, ratio, same = status, "", ""
        else:
            shown = f"{their_ms:.1f} ms"
            ratio = f"{their_ms / ours:.1f}x"
            same = "yes" if their_result == apportion(TOTAL, weights, method=method) else "no"
        print(f"{method:<16} {ours:>7.1f} ms {bounded:>7.1f} ms {shown:>28} {ratio:>8} {same:>6}")
    print("ratio: the PyPI package's time over bhxh's, unbounded; same: identical results")


if __name__ == "__main__":
    sys.exit(main())
