"""`bhxh gap` end to end on 10,600 communes (aim under 1.5 s), side by side with `bhxh rates` and with
`bhxh check` of the same plan (reading a 10,600-commune plan is most of gap's work).

Run: python benchmarks/gap_bench.py
"""

import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402
from allocate_bench import SCHEMES, write_inputs  # noqa: E402


def write_report(plan: str, folder: str) -> str:
    """A report with every commune somewhere between its baseline and a little past its target."""
    import yaml

    with open(plan, encoding="utf-8") as handle:
        communes = yaml.load(handle, Loader=yaml.CSafeLoader)["communes"]
    rng = random.Random(6)
    path = os.path.join(folder, "report.csv")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("code,name," + ",".join(f"{s}_enrolled" for s in SCHEMES) + "\n")
        for c in communes:
            cells = [min(c[s]["eligible"], c[s]["baseline"] + int((c[s]["enrolled"] - c[s]["baseline"])
                                                                 * rng.uniform(0.2, 1.2))) for s in SCHEMES]
            handle.write(f"{c['code']},{c['name']}," + ",".join(map(str, cells)) + "\n")
    return path


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        table, district = write_inputs(folder)
        plan = os.path.join(folder, "plan_communes.yaml")
        subprocess.run(bhxh() + ["allocate", "-c", table, "-p", district, "--floor", "enrolled", "-o", plan],
                       check=True, capture_output=True)
        actual = write_report(plan, folder)
        medians = time_commands({
            "bhxh rates (bundled plan)": bhxh() + ["rates"],
            "bhxh check (10,600-commune plan)": bhxh() + ["check", plan],
            "bhxh gap 10,600 communes -f csv": bhxh() + ["gap", "-p", plan, "-a", actual, "--as-of", "2020-06-30",
                                                         "-f", "csv"],
            "bhxh gap 10,600 communes (table)": bhxh() + ["gap", "-p", plan, "-a", actual, "--as-of",
                                                          "2020-06-30"],
        }, runs=5, warmup=1)
        report("bhxh gap on 10,600 communes, 3 schemes (aim < 1.5 s)", medians, "bhxh rates (bundled plan)")
