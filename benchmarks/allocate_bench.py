"""`bhxh allocate` end to end on a 10,600-row communes table (aim under 1.5 s), side by side with
`bhxh rates` (start-up and one plan) in the same run.

Run: python benchmarks/allocate_bench.py
"""

import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402

SCHEMES = ("mandatory", "voluntary", "unemployment")


def write_inputs(folder: str, communes: int = 10_600) -> tuple[str, str]:
    rng = random.Random(2020)
    rows, totals = [], {s: 0 for s in SCHEMES}
    for i in range(communes):
        counts = {"mandatory": rng.randint(100, 3000), "voluntary": rng.randint(500, 9000),
                  "unemployment": rng.randint(80, 2800)}
        for scheme, count in counts.items():
            totals[scheme] += count
        rows.append((f"{i:05d}", f"Xã Số {i + 1}", counts))
    table = os.path.join(folder, "communes.csv")
    with open(table, "w", encoding="utf-8") as handle:
        handle.write("code,name," + ",".join(f"{s}_eligible,{s}_enrolled" for s in SCHEMES) + "\n")
        for code, name, counts in rows:
            handle.write(f"{code},{name}," + ",".join(f"{counts[s]},{counts[s] * 8 // 10}" for s in SCHEMES) + "\n")
    plan = os.path.join(folder, "plan.yaml")
    with open(plan, "w", encoding="utf-8") as handle:
        handle.write("version: 1\nplan: {number: 1/KH, area: Việt Nam, year: 2020}\nschemes:\n")
        for scheme in SCHEMES:
            handle.write(f"  {scheme}: {{eligible: {totals[scheme]}, enrolled: {totals[scheme] * 9 // 10}}}\n")
    return table, plan


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        table, plan = write_inputs(folder)
        out = os.path.join(folder, "out.yaml")
        medians = time_commands({
            "bhxh rates (bundled plan)": bhxh() + ["rates"],
            "bhxh allocate 10,600 communes -f csv": bhxh() + ["allocate", "-c", table, "-p", plan, "-f", "csv"],
            "bhxh allocate 10,600 communes -o x.yaml": bhxh() + ["allocate", "-c", table, "-p", plan, "-o", out,
                                                                 "--force"],
        }, runs=5, warmup=1)
        report("bhxh allocate on 10,600 communes, 3 schemes (aim < 1.5 s)", medians, "bhxh rates (bundled plan)")
