"""Shared timing helpers: run commands alternately, report medians side by side."""

import os
import statistics
import subprocess
import sys
import time

BIN = os.path.dirname(sys.executable)


def bhxh() -> list[str]:
    script = os.path.join(BIN, "bhxh")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "bhxh_cli"]


ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}


def time_commands(commands: dict[str, list[str] | tuple[list[str], str]], runs: int = 15,
                  warmup: int = 2) -> dict[str, float]:
    """Median wall time of each command; commands are interleaved so machine noise hits all alike. A command
    is an argv, or (argv, folder) to run it in that folder."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, command in commands.items():
            argv, cwd = command if isinstance(command, tuple) else (command, None)
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=cwd, check=False)
            if round_ >= warmup:
                samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    print(f"## {title}")
    print(f"{'command':<44} {'median':>10} {'ratio':>8}")
    for name, seconds in medians.items():
        print(f"{name:<44} {seconds * 1000:>8.1f}ms {seconds / medians[baseline]:>7.2f}x")
    print()
