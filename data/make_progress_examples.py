"""Writes the ILLUSTRATIVE example data for `gap`'s comparisons and `bhxh trend`:

- data/plan_2026_lai_chau_communes.yaml: a plan format version 1 of six communes and wards of Lai Châu
  (official codes and names since July 2025), two schemes; every count, baseline and target is made up;
- data/bao_cao_lai_chau/bao_cao_YYYY-MM.csv: thirteen made-up monthly reports, June 2025 to June 2026, so
  that the June 2026 report has a last month (May), an end of last year (December 2025) and a same period
  last year (June 2025). Xã Tả Lèng's voluntary enrolment falls in April 2026 (people who do not renew).

Run from the repository's root: python data/make_progress_examples.py
"""

import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PLAN = os.path.join(HERE, "plan_2026_lai_chau_communes.yaml")
FOLDER = os.path.join(HERE, "bao_cao_lai_chau")
# code, name, (mandatory eligible, baseline, target), (voluntary eligible, baseline, target), pace (x100)
UNITS = [
    ("03388", "Phường Đoàn Kết", (3158, 2890, 3032), (6412, 330, 385), 104),
    ("03390", "Xã Bình Lư", (884, 790, 849), (6488, 320, 389), 92),
    ("03394", "Xã Sin Suối Hồ", (318, 276, 305), (3222, 150, 193), 80),
    ("03405", "Xã Tả Lèng", (321, 288, 308), (2895, 141, 174), 97),
    ("03408", "Phường Tân Phong", (4520, 4215, 4390), (8120, 402, 470), 110),
    ("03415", "Xã Nậm Tăm", (512, 455, 492), (4010, 188, 236), 88),
]
MONTHS = [(2025, m) for m in range(6, 13)] + [(2026, m) for m in range(1, 7)]


def count(baseline: int, target: int, pace: int, year: int, month: int, scheme: str, code: str) -> int:
    """Last year from 92% of the baseline up to it; this year towards the target at the commune's pace."""
    if year == 2025:
        return baseline - (baseline * 8 // 100) * (12 - month) // 12
    reached = baseline + (target - baseline) * month * pace // 1200
    if scheme == "voluntary" and code == "03405" and month >= 4:
        reached -= 19  # three-month contracts not renewed in April
    return reached


def main() -> None:
    lines = ["# Illustrative: six communes and wards of Lai Châu (official codes and names since July 2025) with",
             "# made-up counts and targets, for gap's comparisons and bhxh trend. Written by",
             "# data/make_progress_examples.py.",
             "version: 1", "plan:", "  number: 45/KH-UBND", "  area: Tỉnh Lai Châu (minh họa)", "  year: 2026",
             "schemes:"]
    for index, scheme in ((2, "mandatory"), (3, "voluntary")):
        eligible, baseline, target = (sum(u[index][i] for u in UNITS) for i in range(3))
        lines.append(f"  {scheme}: {{eligible: {eligible}, enrolled: {target}, baseline: {baseline}}}")
    lines.append("communes:")
    for code, name, mandatory, voluntary, _ in UNITS:
        lines.append(f'  - code: "{code}"')
        lines.append(f"    name: {name}")
        for scheme, (eligible, baseline, target) in (("mandatory", mandatory), ("voluntary", voluntary)):
            lines.append(f"    {scheme}: {{eligible: {eligible}, enrolled: {target}, baseline: {baseline}}}")
    with open(PLAN, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.makedirs(FOLDER, exist_ok=True)
    for year, month in MONTHS:
        with open(os.path.join(FOLDER, f"bao_cao_{year}-{month:02d}.csv"), "w", encoding="utf-8",
                  newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["code", "name", "mandatory_enrolled", "voluntary_enrolled"])
            for code, name, mandatory, voluntary, pace in UNITS:
                writer.writerow([code, name, count(mandatory[1], mandatory[2], pace, year, month, "mandatory", code),
                                 count(voluntary[1], voluntary[2], pace, year, month, "voluntary", code)])
    print(f"wrote {PLAN} and {len(MONTHS)} reports in {FOLDER}")


if __name__ == "__main__":
    main()
