"""`bhxh check` on a generated 600-commune plan (aim: under 0.5 s), side by side with the bundled plan.

Run: python benchmarks/check_large.py
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402

from bhxh_cli.plan.models import bundled_plan  # noqa: E402


def write_plan(path: str, communes: int) -> None:
    lines = []
    totals = {"mandatory": [0, 0], "voluntary": [0, 0], "unemployment": [0, 0]}
    body = []
    for i in range(communes):
        body.append(f'  - code: "{10000 + i * 3:05d}"\n    name: Xã Số {i + 1}\n')
        for k, (scheme, base) in enumerate([("mandatory", 400), ("voluntary", 2000), ("unemployment", 350)]):
            eligible = base + (i * 37 + k * 11) % 97
            enrolled = eligible * 9 // 10
            totals[scheme][0] += eligible
            totals[scheme][1] += enrolled
            body.append(f"    {scheme}: {{eligible: {eligible}, enrolled: {enrolled}}}\n")
    lines.append("version: 1\nplan: {number: 1/KH-UBND, area: Tỉnh Mẫu, year: 2020}\nschemes:\n")
    for scheme, (eligible, enrolled) in totals.items():
        lines.append(f"  {scheme}: {{eligible: {eligible}, enrolled: {enrolled}}}\n")
    lines.append("communes:\n")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(lines + body))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        big = os.path.join(folder, "plan_600.yaml")
        write_plan(big, 600)
        medians = time_commands({"bhxh check (bundled plan)": bhxh() + ["check", bundled_plan()],
                                 "bhxh check (600 communes)": bhxh() + ["check", big]})
        report("bhxh check on 600 communes (aim < 0.5 s)", medians, "bhxh check (bundled plan)")
