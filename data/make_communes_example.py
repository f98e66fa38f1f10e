"""Writes data/communes_2020_example.csv: the 34 communes and towns of Triệu Sơn in 2020 (official codes,
General Statistics Office list of 1 March 2020) with ILLUSTRATIVE eligible and enrolled counts.

The seed plan gives no per-commune figures. The counts here are made up: made-up commune sizes split the
plan's district eligible counts exactly (with bhxh's own apportionment), and "enrolled now" is a made-up
share below them. Run from the repository's root: python data/make_communes_example.py
"""

import csv
import os
import random

from bhxh_cli.apportion import apportion

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data", "trieu_son_communes_2020.csv")
ELIGIBLE = {"mandatory": 15890, "voluntary": 71313, "unemployment": 14360}  # the plan's district counts
ENROLLED_NOW = {"mandatory": 15080, "voluntary": 1460, "unemployment": 13150}  # illustrative


def main() -> None:
    with open(SHARED, encoding="utf-8") as handle:
        communes = list(csv.DictReader(handle))
    rng = random.Random(2020)
    # Towns have more employees (mandatory, unemployment); rural communes more farmers (voluntary).
    size = [rng.randint(6, 14) * (3 if c["kind"] == "Thị trấn" else 1) for c in communes]
    farm = [rng.randint(8, 16) * (1 if c["kind"] == "Thị trấn" else 2) for c in communes]
    eligible = {
        "mandatory": apportion(ELIGIBLE["mandatory"], size),
        "voluntary": apportion(ELIGIBLE["voluntary"], farm),
        "unemployment": apportion(ELIGIBLE["unemployment"], size),
    }
    enrolled = {}
    for scheme, counts in eligible.items():
        weights = [count * rng.randint(90, 110) for count in counts]
        enrolled[scheme] = apportion(ENROLLED_NOW[scheme], weights, upper=counts)
    out = os.path.join(HERE, "communes_2020_example.csv")
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "mandatory_eligible", "mandatory_enrolled", "voluntary_eligible",
                         "voluntary_enrolled", "unemployment_eligible", "unemployment_enrolled"])
        for i, commune in enumerate(communes):
            writer.writerow([commune["code"], commune["name"]]
                            + [count[i] for s in ELIGIBLE for count in (eligible[s], enrolled[s])])
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
