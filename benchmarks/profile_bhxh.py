"""Where bhxh's time goes: one command profiled in-process with cProfile on CPU time (process time, so that
other work on a shared machine does not blur it), imports included, on the inputs compare.py generates.

Run: python benchmarks/profile_bhxh.py CASE COMMUNES [--top N]
     CASE: one of compare.py's cases, e.g. check, "gap, csv report, table out", "allocate -o x.xlsx"
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _inputs import make_inputs  # noqa: E402
from compare import cases  # noqa: E402


def profile(args: list[str], top: int) -> str:
    os.environ.update(NO_COLOR="1", COLUMNS="100")
    profiler = cProfile.Profile(time.process_time)
    stdout, argv = sys.stdout, sys.argv
    sys.argv = ["bhxh", *args]
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
    started = time.process_time()
    profiler.enable()
    try:
        from bhxh_cli.cli import main

        main()
    except SystemExit:
        pass
    finally:
        profiler.disable()
        sys.stdout.close()
        sys.stdout, sys.argv = stdout, argv
    spent = time.process_time() - started
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return f"CPU time {spent:.2f} s (with cProfile's overhead)\n" + text.getvalue()


if __name__ == "__main__":
    case, size = sys.argv[1], int(sys.argv[2])
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 40
    with tempfile.TemporaryDirectory() as folder:
        inputs = make_inputs(folder, size)
        os.chdir(folder)
        print(profile(cases(inputs)[case], top))
