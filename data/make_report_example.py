"""Writes the ILLUSTRATIVE example data for `bhxh gap`:

- data/plan_2020_communes_example.yaml: the bundled plan split among the 34 example communes by
  `bhxh allocate --floor enrolled` (each commune's baseline is its made-up enrolment at the start of 2020);
- data/report_2020-06_example.csv: a made-up six-month report (30/06/2020) of enrolment per commune.

Neither holds real figures: the seed plan gives none per commune. Run from the repository's root, after
data/make_communes_example.py: python data/make_report_example.py
"""

import csv
import os
import random
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PLAN = os.path.join(HERE, "plan_2020_communes_example.yaml")
REPORT = os.path.join(HERE, "report_2020-06_example.csv")
SCHEMES = ("mandatory", "voluntary", "unemployment")


def main() -> None:
    subprocess.run([sys.executable, "-m", "bhxh_cli", "allocate", "--communes",
                    os.path.join(HERE, "communes_2020_example.csv"), "--floor", "enrolled", "--output", PLAN,
                    "--force"], check=True)
    with open(PLAN, encoding="utf-8") as handle:
        plan = yaml.safe_load(handle)
    rng = random.Random(630)
    with open(REPORT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name"] + [f"{s}_enrolled" for s in SCHEMES])
        for commune in plan["communes"]:
            cells = []
            for scheme in SCHEMES:
                counts = commune[scheme]
                start, target = counts["baseline"], counts["enrolled"]
                # half a year in: most communes between 20% and 80% of the way, a few past their target
                progress = rng.choice([rng.uniform(0.1, 0.45), rng.uniform(0.45, 0.9), rng.uniform(1.0, 1.3)])
                cells.append(min(counts["eligible"], round(start + (target - start) * progress)))
            writer.writerow([commune["code"], commune["name"]] + cells)
    print(f"wrote {PLAN} and {REPORT}")


if __name__ == "__main__":
    main()
