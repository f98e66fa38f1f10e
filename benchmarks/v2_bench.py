"""Plan format version 2 at national scale (aim: each under 1 s end to end): `check` of the post-2025 shape
(34 provinces -> ~3,330 communes, four schemes) and of the 2020 shape (63 -> ~700 -> ~10,860), `allocate`
through levels (a table of ~10,860 communes with their district; a v2 plan alone, its area's targets down every
level), and `gap` of a v2 plan with a report (at both shapes) and without one.

Run: python benchmarks/v2_bench.py
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402
from national_v2 import write_national  # noqa: E402


def write_levels_inputs(folder: str) -> tuple[str, str]:
    """A province plan (v1) and a table of its communes with their districts: 63 x 11 x 15 shape's leaves."""
    rows, total_eligible = [], 0
    number = 0
    for district in range(700):
        for _ in range(15 + district % 3):
            number += 1
            eligible = 400 + (number * 37) % 97
            total_eligible += eligible
            rows.append(f"D{district:03d},Huyện {district},{10000 + number},Xã {number},{eligible},{eligible * 8 // 10}")
    table = os.path.join(folder, "levels.csv")
    with open(table, "w", encoding="utf-8") as handle:
        handle.write("Mã huyện,Huyện,code,name,mandatory_eligible,mandatory_enrolled\n" + "\n".join(rows) + "\n")
    plan = os.path.join(folder, "province.yaml")
    with open(plan, "w", encoding="utf-8") as handle:
        handle.write(f"version: 1\nplan: {{number: 1/KH, area: Toàn quốc, year: 2020}}\nschemes:\n"
                     f"  mandatory: {{eligible: {total_eligible}, enrolled: {total_eligible * 9 // 10}}}\n")
    return plan, table


def write_report(plan_v2: str, folder: str) -> str:
    import yaml

    with open(plan_v2, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    path = os.path.join(folder, "report_v2.csv")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("code,name,mandatory_enrolled,health_enrolled\n")
        for province in data["units"]:
            for unit in province.get("units") or []:
                figures = unit["schemes"]
                handle.write(f"{unit['code']},{unit['name']},{figures['mandatory']['target'] * 6 // 10},"
                             f"{figures['health']['target'] * 9 // 10}\n")
    return path


def write_leaf_report(plan_v2: str, folder: str, scheme: str, as_of: str) -> str:
    """A report of every unit at the bottom of a v2 plan's tree (any depth): 60% of each one's target."""
    import yaml

    with open(plan_v2, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    path = os.path.join(folder, f"report_leaves_{as_of}.csv")
    lines = [f"code,name,{scheme}_enrolled"]
    stack = list(reversed(data["units"]))
    while stack:
        unit = stack.pop()
        if unit.get("units"):
            stack.extend(reversed(unit["units"]))
        else:
            lines.append(f"{unit['code']},{unit['name']},{unit['schemes'][scheme]['target'] * 6 // 10}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def without_unit_targets(plan_v2: str, folder: str) -> str:
    """The national plan with only the area's targets: `allocate` splits them down every level."""
    import re

    with open(plan_v2, encoding="utf-8") as handle:
        head, units = handle.read().split("\nunits:\n", 1)
    path = os.path.join(folder, "open_" + os.path.basename(plan_v2))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head + "\nunits:\n" + re.sub(r", target: [0-9]+\}", "}", units))
    return path


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        post, pre = write_national(folder)
        plan, table = write_levels_inputs(folder)
        actual = write_report(post, folder)
        medians = time_commands({
            "bhxh rates (bundled plan)": bhxh() + ["rates"],
            "check v2, 34 -> 3,332 communes": bhxh() + ["check", post],
            "check v2, 63 -> 724 -> 10,860": bhxh() + ["check", pre],
            "allocate through levels, 10,850": bhxh() + ["allocate", "-p", plan, "-c", table, "-f", "csv"],
            "allocate v2 plan alone, 34 -> 3,332": bhxh() + ["allocate", "-p", without_unit_targets(post, folder),
                                                             "-f", "csv"],
            "allocate v2 plan alone, 63 -> 724 -> 10,860": bhxh() + [
                "allocate", "-p", without_unit_targets(pre, folder), "-f", "csv"],
            "gap v2 without a report, 63 -> 724 -> 10,860": bhxh() + ["gap", "-p", pre, "-f", "csv"],
            "gap v2, 3,332 communes -f csv": bhxh() + ["gap", "-p", post, "-a", actual, "--as-of", "2026-06-30",
                                                       "-s", "bb", "-s", "bhyt", "-f", "csv"],
            "gap v2 with a report, 63 -> 724 -> 10,860": bhxh() + [
                "gap", "-p", pre, "-a", write_leaf_report(pre, folder, "mandatory", "2020-06-30"),
                "--as-of", "2020-06-30", "-s", "bb", "-f", "csv"],
        }, runs=5, warmup=1)
        report("plan format v2 at national scale (aim < 1 s each)", medians, "bhxh rates (bundled plan)")
