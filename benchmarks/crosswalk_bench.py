"""`bhxh crosswalk` at national scale (aim under 1 s end to end): a report of 10,600 old communes (three schemes,
eligible and enrolled) turned into the 3,321 units after the 2025 mergers, about 2% of the old units divided
between two or three new ones. The data is generated here (made-up codes, names and counts).

Run: python benchmarks/crosswalk_bench.py
"""

import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from _timing import bhxh, report, time_commands  # noqa: E402

OLD, NEW = 10_600, 3_321
SCHEMES = ("mandatory", "voluntary", "unemployment")


def write_inputs(folder: str) -> tuple[str, str]:
    """(crosswalk, report): every new unit takes in at least one old unit whole; some old units are divided."""
    rng = random.Random(2025)
    owner = list(range(NEW)) + [rng.randrange(NEW) for _ in range(OLD - NEW)]
    rng.shuffle(owner)
    crosswalk = os.path.join(folder, "crosswalk.csv")
    with open(crosswalk, "w", encoding="utf-8") as handle:
        handle.write("old_code,old_name,new_code,new_name,share\n")
        for old, new in enumerate(owner):
            old_name, new_name = f"Xã Cũ {old}", f"Xã Mới {new}"
            if rng.random() < 0.02:  # divided: its part to a neighbour, in percent
                parts = [new] + [(new + k) % NEW for k in (1, 2)][:rng.choice((1, 2))]
                shares = [60, 40] if len(parts) == 2 else [50, 30, 20]
                for part, share in zip(parts, shares):
                    handle.write(f"{10_000 + old},{old_name},{50_000 + part},Xã Mới {part},{share}%\n")
                continue
            handle.write(f"{10_000 + old},{old_name},{50_000 + new},{new_name},\n")
    table = os.path.join(folder, "report_2024-12.csv")
    with open(table, "w", encoding="utf-8") as handle:
        handle.write("code,name," + ",".join(f"{s}_{f}" for s in SCHEMES for f in ("eligible", "enrolled")) + "\n")
        for old in range(OLD):
            cells = []
            for _ in SCHEMES:
                eligible = rng.randrange(200, 3000)
                cells += [eligible, eligible * rng.randrange(50, 100) // 100]
            handle.write(f"{10_000 + old},Xã Cũ {old}," + ",".join(map(str, cells)) + "\n")
    return crosswalk, table


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        crosswalk, table = write_inputs(folder)
        out_csv, out_xlsx = os.path.join(folder, "new.csv"), os.path.join(folder, "new.xlsx")
        medians = time_commands({
            "bhxh rates (bundled plan)": bhxh() + ["rates"],
            "bhxh crosswalk 10,600 -> 3,321, .csv": bhxh() + ["crosswalk", "--map", crosswalk, table, "-o", out_csv,
                                                           "--force"],
            "bhxh crosswalk 10,600 -> 3,321, .xlsx": bhxh() + ["crosswalk", "--map", crosswalk, table, "-o",
                                                            out_xlsx, "--force"],
        }, runs=3, warmup=1)
        report("bhxh crosswalk at national scale, 10,600 -> 3,321 units (aim < 1 s)", medians,
               "bhxh rates (bundled plan)")
