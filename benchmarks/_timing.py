"""Shared timing helpers: run commands alternately, report medians side by side."""

import os
import resource
import statistics
import subprocess
import sys
import time

BIN = os.path.dirname(sys.executable)


def bhxh() -> list[str]:
    script = os.path.join(BIN, "bhxh")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "bhxh_cli"]


ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_commands(commands: dict[str, list[str] | tuple[list[str], str]], runs: int = 15,
                  warmup: int = 2, cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Median wall time of each command; commands are interleaved so machine noise hits all alike. A command
    is an argv, or (argv, folder) to run it in that folder. Given a `cpu` dict, it also receives each
    command's median CPU time (user + system), which other work on a shared machine disturbs less."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu_samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(warmup + runs):
        for name, command in commands.items():
            argv, cwd = command if isinstance(command, tuple) else (command, None)
            start, start_cpu = time.perf_counter(), _children_cpu()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=cwd, check=False)
            if round_ >= warmup:
                samples[name].append(time.perf_counter() - start)
                cpu_samples[name].append(_children_cpu() - start_cpu)
    if cpu is not None:
        cpu.update({name: statistics.median(values) for name, values in cpu_samples.items()})
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    print(f"## {title}")
    print(f"{'command':<44} {'median':>10} {'ratio':>8}")
    for name, seconds in medians.items():
        print(f"{name:<44} {seconds * 1000:>8.1f}ms {seconds / medians[baseline]:>7.2f}x")
    print()
