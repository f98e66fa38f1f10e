"""Write the two illustrative plan files in format version 2 (run from the repository's root):

- data/plan_2020_thanh_hoa_v2.yaml: before July 2025, province -> district -> commune. Triệu Sơn's totals are
  the real ones of its 2020 plan (data/plan_2020.yaml); its 34 communes (official codes and names) carry the
  illustrative counts of data/communes_2020_example.csv; the other districts' and so the province's figures
  are illustrative.
- data/plan_2026_lai_chau_v2.yaml: since July 2025, province -> communes and wards, four schemes. The 38 units
  and their codes are the official ones (data/lai_chau_units_2025.csv, taken from the PyPI package
  vietnam-provinces 2025.10.1); every count and target is illustrative.
- data/plan_2026_lai_chau_v2_counts.yaml: the same plan before its targets are split among the units: the
  province's targets, the units' counts (for `bhxh allocate --plan` alone).
- data/plan_2026_lai_chau_health.yaml and data/lai_chau_health_2026.csv: a health-insurance target alone, and
  a table of the units' population and people insured (for `bhxh allocate -c TABLE`); every figure
  illustrative.

Targets below the top are split with bhxh's own exact apportionment, so every level adds up.
"""

from __future__ import annotations

import csv
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from bhxh_cli.core.apportion import apportion  # noqa: E402
from bhxh_cli.core.rates import rate  # noqa: E402
from bhxh_cli.core.targets import people_for_rate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def figures(**values) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in values.items() if v is not None) + "}"


def split(total: int, weights: list[int], caps: list[int]) -> list[int]:
    return apportion(total, weights, method="sainte-lague", upper=caps)


def thanh_hoa() -> str:
    with open(os.path.join(HERE, "communes_2020_example.csv"), encoding="utf-8") as handle:
        communes = list(csv.DictReader(handle))
    district = {"mandatory": (15890, 15530), "voluntary": (71313, 1930), "unemployment": (14360, 13640)}
    others = [  # illustrative
        ("Huyện Thọ Xuân", {"mandatory": (17210, 16640), "voluntary": (80240, 2210), "unemployment": (15530, 14760)}),
        ("Huyện Nông Cống", {"mandatory": (12480, 12010), "voluntary": (62150, 1640), "unemployment": (11320, 10710)}),
        ("Thành phố Thanh Hóa", {"mandatory": (68950, 67540), "voluntary": (98400, 3350), "unemployment": (61200, 59300)}),
    ]
    province = {s: tuple(district[s][i] + sum(o[1][s][i] for o in others) for i in (0, 1)) for s in district}
    targets = {}
    for scheme, (_, total) in district.items():
        eligible = [int(c[f"{scheme}_eligible"]) for c in communes]
        targets[scheme] = split(total, eligible, eligible)
    out = [
        "# Illustrative: a plan of Thanh Hóa province for 2020 in bhxh plan format version 2, province -> district",
        "# -> commune (before July 2025). Triệu Sơn's totals are the real ones of its 2020 plan (519/KH-UBND);",
        "# its communes' codes and names are official, their counts illustrative; every other figure is",
        "# illustrative. Written by data/make_v2_examples.py.",
        "version: 2",
        "plan:",
        "  number: 58/KH-UBND",
        "  issuer: UBND tỉnh Thanh Hóa",
        "  area: Tỉnh Thanh Hóa",
        "  kind: tỉnh",
        '  code: "38"',
        "  year: 2020",
        "  implements: [102/NQ-CP]",
        "schemes:",
    ]
    for scheme, (eligible, total) in province.items():
        out.append(f"  {scheme}: {figures(eligible=eligible, target=total, rate=rate(total, eligible))}")
    out.append("units:")
    out += ["  - name: Huyện Triệu Sơn", "    kind: huyện", "    schemes:"]
    for scheme, (eligible, total) in district.items():
        out.append(f"      {scheme}: {figures(eligible=eligible, target=total, rate=rate(total, eligible))}")
    out.append("    units:")
    for index, commune in enumerate(communes):
        kind = "thị trấn" if commune["name"].startswith("Thị trấn") else "xã"
        out += [f'      - code: "{commune["code"]}"', f"        name: {commune['name']}", f"        kind: {kind}",
                "        schemes:"]
        for scheme in district:
            out.append(f"          {scheme}: "
                       + figures(eligible=int(commune[f"{scheme}_eligible"]), target=targets[scheme][index]))
    for name, schemes in others:
        kind = "thành phố" if name.startswith("Thành phố") else "huyện"
        out += [f"  - name: {name}", f"    kind: {kind}", "    schemes:"]
        for scheme, (eligible, total) in schemes.items():
            out.append(f"      {scheme}: {figures(eligible=eligible, target=total)}")
    return "\n".join(out) + "\n"


def lai_chau() -> str:
    with open(os.path.join(HERE, "lai_chau_units_2025.csv"), encoding="utf-8") as handle:
        units = list(csv.DictReader(handle))
    draw = random.Random(2026)
    rows = []
    for unit in units:
        ward = unit["kind"] == "phường"
        population = draw.randint(14000, 26000) if ward else draw.randint(5000, 14000)
        labour = population * draw.randint(55, 62) // 100
        mandatory = labour * (draw.randint(30, 45) if ward else draw.randint(5, 12)) // 100
        voluntary = labour - mandatory
        unemployment = mandatory * draw.randint(80, 90) // 100
        insured = population * draw.randint(9000, 9700) // 10000
        rows.append((unit, population, labour, mandatory, voluntary, unemployment, insured))
    sums = [sum(r[i] for r in rows) for i in range(1, 7)]
    population, labour, mandatory, voluntary, unemployment, insured = sums
    mandatory_target = mandatory * 96 // 100
    voluntary_baseline = voluntary * 4 // 100
    voluntary_target = voluntary_baseline + voluntary * 2 // 100
    unemployment_target = unemployment * 95 // 100
    health_target = people_for_rate(95, population)  # 95% of the population, rounded up to whole people
    splits = {
        "mandatory": split(mandatory_target, [r[3] for r in rows], [r[3] for r in rows]),
        "voluntary": split(voluntary_target, [r[4] for r in rows], [r[4] for r in rows]),
        "unemployment": split(unemployment_target, [r[5] for r in rows], [r[5] for r in rows]),
        "health": split(health_target, [r[1] for r in rows], [r[1] for r in rows]),
    }
    out = [
        "# Illustrative: a plan of Lai Châu province for 2026 in bhxh plan format version 2, province -> communes",
        "# and wards (since July 2025), four schemes. The units' codes and names are official (vietnam-provinces",
        "# 2025.10.1); the plan's number and every count and target are illustrative.",
        "# Written by data/make_v2_examples.py.",
        "version: 2",
        "plan:",
        "  number: 45/KH-UBND",
        "  issuer: UBND tỉnh Lai Châu",
        "  area: Tỉnh Lai Châu",
        "  kind: tỉnh",
        '  code: "12"',
        "  issued: 2026-01-20",
        "  year: 2026",
        "  implements: [403/NQ-CP, 28-NQ/TW]",
        "schemes:",
        "  mandatory: " + figures(eligible=mandatory, labour_force=labour, target=mandatory_target,
                                  rate=rate(mandatory_target, mandatory)),
        "  voluntary: " + figures(eligible=voluntary, labour_force=labour, baseline=voluntary_baseline,
                                  target=f"{{increase: {voluntary_target - voluntary_baseline}}}"),
        "  unemployment: " + figures(eligible=unemployment, labour_force=labour, target=unemployment_target,
                                     rate=rate(unemployment_target, unemployment)),
        "  health:",
        f"    population: {population}",
        f"    enrolled: {insured}",
        "    target: {rate: 95.0, minimum: true, document: 45/KH-UBND}",
        "    other_targets:",
        "      - {rate: 94.5, document: 1234/QĐ-TTg}",
        "units:",
    ]
    for index, (unit, pop, lab, man, vol, une, ins) in enumerate(rows):
        out += [f'  - code: "{unit["code"]}"', f"    name: {unit['name']}", f"    kind: {unit['kind']}",
                "    schemes:",
                f"      mandatory: {figures(eligible=man, labour_force=lab, target=splits['mandatory'][index])}",
                f"      voluntary: {figures(eligible=vol, labour_force=lab, target=splits['voluntary'][index])}",
                f"      unemployment: {figures(eligible=une, labour_force=lab, target=splits['unemployment'][index])}",
                f"      health: {figures(population=pop, enrolled=ins, target=splits['health'][index])}"]
    return "\n".join(out) + "\n"


def lai_chau_counts() -> str:
    """The Lai Châu plan with the province's targets and the units' counts only: what `allocate` splits."""
    import re

    head, units = lai_chau().split("\nunits:\n", 1)
    head = head.replace("# Written by data/make_v2_examples.py.",
                        "# The units' targets are not split yet: `bhxh allocate --plan` splits them.\n"
                        "# Written by data/make_v2_examples.py.")
    return head + "\nunits:\n" + re.sub(r", target: \d+\}", "}", units)


def lai_chau_health() -> tuple[str, str]:
    """Lai Châu's health-insurance target alone (the province's figures, the sums of the table's) and a table of
    its communes and wards with their population and people insured now, as an office would have them in
    mid-year: what `allocate -c TABLE` splits. Every figure is illustrative."""
    with open(os.path.join(HERE, "lai_chau_units_2025.csv"), encoding="utf-8") as handle:
        units = list(csv.DictReader(handle))
    draw = random.Random(2027)
    rows = []
    for unit in units:
        population = draw.randint(14000, 26000) if unit["kind"] == "phường" else draw.randint(5000, 14000)
        rows.append((unit["code"], unit["name"], population, population * draw.randint(8800, 9800) // 10000))
    text = "\n".join([
        "# Illustrative: Lai Châu's health-insurance target for 2026 in bhxh plan format version 2, the province's",
        "# figures only; its communes and wards, with their population and people insured, are in",
        "# data/lai_chau_health_2026.csv. The number and every figure are illustrative.",
        "# Written by data/make_v2_examples.py.",
        "version: 2",
        'plan: {number: 45/KH-UBND, area: Tỉnh Lai Châu, kind: tỉnh, code: "12", year: 2026}',
        "schemes:",
        "  health:",
        f"    population: {sum(r[2] for r in rows)}",
        f"    enrolled: {sum(r[3] for r in rows)}",
        "    target: {rate: 95.0, minimum: true, document: 45/KH-UBND}"]) + "\n"
    table = ["Số liệu minh họa - không phải số liệu thật (data/make_v2_examples.py)",
             "Mã,Tên đơn vị,Dân số,Đã tham gia BHYT"] + [f"{c},{n},{p},{i}" for c, n, p, i in rows]
    return text, "\n".join(table) + "\n"


if __name__ == "__main__":
    health_plan, health_table = lai_chau_health()
    for name, text in (("plan_2020_thanh_hoa_v2.yaml", thanh_hoa()), ("plan_2026_lai_chau_v2.yaml", lai_chau()),
                       ("plan_2026_lai_chau_v2_counts.yaml", lai_chau_counts()),
                       ("plan_2026_lai_chau_health.yaml", health_plan), ("lai_chau_health_2026.csv", health_table)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        print(f"wrote data/{name}")
