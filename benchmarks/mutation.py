"""Mutation testing of the pure core (src/bhxh_cli/core/) with mutmut; prints the score and every survivor.

    pip install -e '.[test,mutation]'
    python benchmarks/mutation.py              # a fresh run (removes mutants/ first)
    python benchmarks/mutation.py --resume     # keep mutants/ and run only what has no result yet
    python benchmarks/mutation.py --retry      # run again only the last run's undetected mutants (new tests)
    python benchmarks/mutation.py --report     # only print the score of the last run

Which files are mutated and which (fast, core-only) tests run against each mutant is set in
pyproject.toml's [tool.mutmut]. Not part of CI: a full run takes several minutes. A mutant that the
tests time out on (a hang or a slowdown of orders of magnitude) counts as detected.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")


def _mutmut(*args: str, capture: bool = False) -> str:
    if MUTMUT is None:
        sys.exit("mutmut is not installed: pip install -e '.[mutation]'")
    done = subprocess.run([MUTMUT, *args], cwd=ROOT, text=True, check=False,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL)
    if done.returncode != 0:
        sys.exit(f"mutmut {' '.join(args)} failed with exit code {done.returncode}")
    return done.stdout or ""


def undetected() -> list[str]:
    """The names of the last run's mutants that no test detected (survived, or reached by no test)."""
    return [line.strip().split(": ")[0] for line in _mutmut("results", capture=True).splitlines()
            if line.strip().endswith(": survived") or line.strip().endswith(": no tests")]


def report() -> float:
    _mutmut("export-cicd-stats", capture=True)
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text())
    survivors = undetected()
    detected = stats["killed"] + stats["timeout"] + stats["segfault"]
    counted = stats["total"] - stats["skipped"]
    score = 100 * detected / counted if counted else 100.0
    print(f"mutants: {stats['total']}; killed {stats['killed']}, timed out {stats['timeout']}, "
          f"survived {stats['survived']}, no tests {stats['no_tests']}, suspicious {stats['suspicious']}, "
          f"skipped {stats['skipped']}")
    print(f"score: {detected}/{counted} = {score:.1f}% detected")
    by_module = Counter(name.split(".x")[0] for name in survivors)
    for module, count in sorted(by_module.items()):
        print(f"  {module}: {count} not detected")
    for name in survivors:
        print(f"    {name}")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resume", action="store_true", help="keep mutants/ from the last run")
    parser.add_argument("--retry", action="store_true",
                        help="keep mutants/ and run again only the mutants the last run did not detect")
    parser.add_argument("--report", action="store_true", help="only print the score of the last run")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (the machine is shared: one by default)")
    args = parser.parse_args()
    if args.retry:
        names = undetected()
        if names:  # named mutants are run again even though they have a result
            _mutmut("run", "--max-children", str(args.jobs), *names)
    elif not args.report:
        if not args.resume:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        _mutmut("run", "--max-children", str(args.jobs))
    report()


if __name__ == "__main__":
    main()
