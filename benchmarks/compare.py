"""Issue 14's comparison: `bhxh` side by side with a prototype built from the best available parts
(benchmarks/prototype.py) at 560, 3,321 and 10,643 communes, in one run: whole-process runs, A and B in turn,
medians. First it checks that the prototype prints what bhxh prints, byte for byte (stdout, stderr, exit
code; for workbooks, every cell's value), and stops with exit code 1 where they differ: a comparison with a
prototype that prints something else would not be honest. Then it times; it prints one markdown table with the aims of the
issue (2x at 3,321 and 10,643 communes, 3x at 560; a workbook at most 2.5x the same command's csv output;
`bhxh rates` at most 1.2x a minimal Typer app: no worse than before, and faster is fine).

Run: python benchmarks/compare.py [--quick]   (needs '.[bench]': rapidyaml, msgspec, python-calamine,
     xlsxwriter; --quick: 560 and 3,321 communes only, fewer runs)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _inputs import make_inputs  # noqa: E402
from _timing import ENV, bhxh, time_commands  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOTYPE = [sys.executable, os.path.join(HERE, "prototype.py")]
MINIMAL = [sys.executable, os.path.join(HERE, "minimal_app.py")]
SIZES = (560, 3321, 10643)
RUNS = {560: 3, 3321: 3, 10643: 2}  # whole-process runs per command: fewer where slow
WARMUP = {560: 1, 3321: 0, 10643: 0}  # the first size warms the caches (Python, the packages) for all
AS_OF = "2020-06-30"


def cases(inputs) -> dict[str, list[str]]:
    """The commands, by name, as arguments after `bhxh` (and after prototype.py); run in an output folder."""
    return {
        "check": ["check", inputs.plan],
        "allocate, csv in, table out": ["allocate", "-c", inputs.table, "-p", inputs.district],
        "allocate -f csv": ["allocate", "-c", inputs.table, "-p", inputs.district, "-f", "csv"],
        "allocate -o x.xlsx": ["allocate", "-c", inputs.table, "-p", inputs.district, "-o", "x.xlsx", "--force"],
        "gap, csv report, table out": ["gap", "-p", inputs.plan, "-a", inputs.report_csv, "--as-of", AS_OF],
        "gap, xlsx report, table out": ["gap", "-p", inputs.plan, "-a", inputs.report_xlsx, "--as-of", AS_OF],
        "gap -f csv": ["gap", "-p", inputs.plan, "-a", inputs.report_csv, "--as-of", AS_OF, "-f", "csv"],
        "gap -o x.xlsx": ["gap", "-p", inputs.plan, "-a", inputs.report_csv, "--as-of", AS_OF, "-o", "x.xlsx",
                          "--force"],
    }


def _cells(path: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    return [book.sheet_names] + book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def same_output(args: list[str], folder: str) -> str:
    """'same', or what differs between bhxh's and the prototype's output for these arguments."""
    runs = {}
    for who, argv in (("bhxh", bhxh()), ("prototype", PROTOTYPE)):
        cwd = os.path.join(folder, who)
        os.makedirs(cwd, exist_ok=True)
        env = dict(ENV, BHXH_PROTOTYPE_STRICT="1")
        result = subprocess.run(argv + args, capture_output=True, env=env, cwd=cwd)
        if result.returncode == 99 and who == "prototype":
            return "the prototype fell back to bhxh (not its clean path)"
        workbook = _cells(os.path.join(cwd, "x.xlsx")) if "x.xlsx" in args else None
        runs[who] = (result.returncode, result.stdout, result.stderr, workbook)
    (code_a, out_a, err_a, book_a), (code_b, out_b, err_b, book_b) = runs["bhxh"], runs["prototype"]
    if code_a != code_b:
        return f"exit codes differ: bhxh {code_a}, prototype {code_b}"
    for what, a, b in (("stdout", out_a, out_b), ("stderr", err_a, err_b)):
        if a != b:
            lines_a, lines_b = a.splitlines(), b.splitlines()
            at = next((i for i, (x, y) in enumerate(zip(lines_a, lines_b)) if x != y), min(len(lines_a), len(lines_b)))
            return (f"{what} differs at line {at + 1}: bhxh {lines_a[at:at + 1]!r} / prototype "
                    f"{lines_b[at:at + 1]!r} ({len(a)} / {len(b)} bytes)")
    if book_a != book_b:
        at = next((i for i, (x, y) in enumerate(zip(book_a, book_b)) if x != y), None)
        return f"workbook cells differ (row {at}): bhxh {book_a[at]!r} / prototype {book_b[at]!r}"
    return "same" + (f" ({len(out_a):,} bytes)" if out_a else "") + (" (every cell's value)" if book_a else "")


def compiled() -> None:
    """bhxh's modules byte-compiled first, as installing a package does: where PYTHONDONTWRITEBYTECODE is set
    (some machines set it) and an editable install has no __pycache__ yet, every run would compile bhxh's own
    sources again (30-50 ms a run), which no installed copy does; the prototype's packages come compiled."""
    import compileall

    import bhxh_cli

    compileall.compile_dir(os.path.dirname(bhxh_cli.__file__), quiet=1)


def main(quick: bool = False) -> None:
    compiled()
    sizes = SIZES[:2] if quick else SIZES
    medians: dict[tuple[str, int], tuple[float, float]] = {}
    cpu: dict[tuple[str, int], tuple[float, float]] = {}
    checks: list[tuple[str, int, str]] = []
    with tempfile.TemporaryDirectory() as root:
        for size in sizes:
            inputs = make_inputs(os.path.join(root, str(size)), size)
            out_a, out_b = os.path.join(root, f"a{size}"), os.path.join(root, f"b{size}")
            os.makedirs(out_a)
            os.makedirs(out_b)
            commands = {}
            for name, args in cases(inputs).items():
                checks.append((name, size, same_output(args, os.path.join(root, f"check{size}"))))
                if not checks[-1][2].startswith("same"):
                    sys.exit(f"compare.py: bhxh and the prototype differ on `{name}` at {size:,} communes: "
                             f"{checks[-1][2]}; update benchmarks/prototype.py to what bhxh prints today")
                commands[("bhxh", name)] = (bhxh() + args, out_a)
                commands[("prototype", name)] = (PROTOTYPE + args, out_b)
            runs = 2 if quick else RUNS[size]
            cpu_timed: dict[str, float] = {}
            timed = time_commands({f"{who}|{name}": command for (who, name), command in commands.items()},
                                  runs=runs, warmup=1 if quick else WARMUP[size], cpu=cpu_timed)
            for name in cases(inputs):
                medians[(name, size)] = (timed[f"bhxh|{name}"], timed[f"prototype|{name}"])
                cpu[(name, size)] = (cpu_timed[f"bhxh|{name}"], cpu_timed[f"prototype|{name}"])
        from bhxh_cli.plan.models import bundled_plan

        startup_cpu: dict[str, float] = {}
        startup = time_commands({"minimal": MINIMAL + ["rates", bundled_plan()], "bhxh": bhxh() + ["rates"]},
                                runs=5 if quick else 15, warmup=2, cpu=startup_cpu)
    print_report(sizes, medians, cpu, checks, startup, startup_cpu)


def _cell(seconds_a: float, seconds_b: float, aim: float, low: float = 0.0, cpu=None) -> str:
    ratio = seconds_a / seconds_b
    mark = "✓" if low <= ratio <= aim else "✗"
    text = f"{seconds_a:.2f} / {seconds_b:.2f} = {ratio:.1f}x {mark}"
    return text + (f" (CPU {cpu[0] / cpu[1]:.1f}x)" if cpu else "")


def print_report(sizes, medians, cpu, checks, startup, startup_cpu) -> None:
    print("## bhxh against a prototype of the best parts (benchmarks/compare.py)")
    print()
    commands = len({name for name, _, _ in checks})
    print(f"Same output, byte for byte, for all {commands} commands at " + ", ".join(f"{s:,}" for s in sizes)
          + " communes (stdout, stderr, exit code; workbooks: every cell's value): compare.py checks it before "
          "timing and stops where they differ.")
    print()
    header = " | ".join(f"{s:,} communes" for s in sizes)
    print(f"| command: bhxh / prototype, s (aim) | {header} |")
    print("|---|" + "---|" * len(sizes))
    rows = [("check", "check"), ("allocate, csv in, table out", "allocate, csv in, table out"),
            ("allocate -f csv", "allocate -f csv"), ("gap, csv report, table out", "gap, csv report, table out"),
            ("gap, xlsx report, table out", "gap, xlsx report, table out"), ("gap -f csv", "gap -f csv"),
            ("allocate -o x.xlsx", "allocate -o x.xlsx"), ("gap -o x.xlsx", "gap -o x.xlsx")]
    for label, name in rows:
        cells = [_cell(*medians[(name, s)], 3.0 if s < 1000 else 2.0, cpu=cpu[(name, s)]) for s in sizes]
        print(f"| `{label}` (2x; 3x at 560) | " + " | ".join(cells) + " |")
    for command in ("allocate", "gap"):
        cells = [_cell(medians[(f"{command} -o x.xlsx", s)][0], medians[(f"{command} -f csv", s)][0], 2.5,
                       cpu=(cpu[(f"{command} -o x.xlsx", s)][0], cpu[(f"{command} -f csv", s)][0])) for s in sizes]
        print(f"| bhxh `{command} -o x.xlsx` / bhxh `{command} -f csv` (2.5x) | " + " | ".join(cells) + " |")
    ratio = _cell(startup["bhxh"], startup["minimal"], 1.2, cpu=(startup_cpu["bhxh"], startup_cpu["minimal"]))
    print(f"| start-up: `bhxh rates` / minimal Typer+pydantic+rich app (at most 1.2x) | {ratio} |"
          + " |" * (len(sizes) - 1))
    print()
    print("Wall-clock medians of whole-process runs, bhxh and the prototype in turn; ✓/✗ judge the wall-clock "
          "ratio; (CPU: the ratio of median user+system time, which other work on a shared machine disturbs less).")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
