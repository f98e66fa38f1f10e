"""Generated national plans in format version 2, for the benchmarks of plan v2 (issue: plans as written after
2025): the post-2025 shape (34 provinces -> 3,321 communes, four schemes) and the 2020 shape (63 provinces ->
~700 districts -> 10,600 communes, three schemes). Counts are made up; every level adds up exactly.

    python benchmarks/national_v2.py DIR   writes DIR/national_2026_v2.yaml and DIR/national_2020_v2.yaml
"""

from __future__ import annotations

import os
import sys


def _unit_figures(schemes: list[str], i: int) -> dict[str, tuple[int, int]]:
    out = {}
    for k, scheme in enumerate(schemes):
        base = {"mandatory": 400, "voluntary": 2000, "unemployment": 350, "health": 9000}[scheme]
        whole = base + (i * 37 + k * 11) % 97
        out[scheme] = (whole, whole * 9 // 10)
    return out


def _write(path: str, year: int, schemes: list[str], shape: list[int]) -> None:
    """shape: units under each unit at each level, e.g. [34, 98] or [63, 11, 15] (cycled to vary sizes)."""
    counter = [0]
    lines: list[str] = []

    def unit(depth: int, indent: str) -> dict[str, tuple[int, int]]:
        counter[0] += 1
        n = counter[0]
        kind = "tỉnh" if depth == 0 else "xã" if depth == len(shape) - 1 else "huyện"
        header = [f'{indent}- code: "{n:05d}"\n', f"{indent}  name: Đơn vị {n}\n", f"{indent}  kind: {kind}\n"]
        if depth == len(shape) - 1:
            sums = _unit_figures(schemes, n)
            children: list[str] = []
        else:
            saved = lines[:]
            lines.clear()
            sums = {s: (0, 0) for s in schemes}
            count = shape[depth + 1] + (n % 5) - 2 if depth + 1 < len(shape) - 1 else shape[depth + 1]
            for _ in range(max(count, 1)):
                below = unit(depth + 1, indent + "    ")
                sums = {s: (sums[s][0] + below[s][0], sums[s][1] + below[s][1]) for s in schemes}
            children = [f"{indent}  units:\n"] + lines[:]
            lines[:] = saved
        body = [f"{indent}  schemes:\n"]
        for scheme, (whole, target) in sums.items():
            count = "population" if scheme == "health" else "eligible"
            body.append(f"{indent}    {scheme}: {{{count}: {whole}, target: {target}}}\n")
        lines.extend(header + body + children)
        return sums

    totals = {s: (0, 0) for s in schemes}
    for _ in range(shape[0]):
        below = unit(0, "  ")
        totals = {s: (totals[s][0] + below[s][0], totals[s][1] + below[s][1]) for s in schemes}
    head = [f"version: 2\nplan: {{number: 1/KH, area: Toàn quốc, year: {year}}}\nschemes:\n"]
    for scheme, (whole, target) in totals.items():
        count = "population" if scheme == "health" else "eligible"
        head.append(f"  {scheme}: {{{count}: {whole}, target: {target}}}\n")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(head + ["units:\n"] + lines))


def write_national(folder: str) -> tuple[str, str]:
    post = os.path.join(folder, "national_2026_v2.yaml")
    pre = os.path.join(folder, "national_2020_v2.yaml")
    # 34 provinces x ~98 communes = 3,332; 63 x ~11 districts x 15 communes = ~10,600
    _write(post, 2026, ["mandatory", "voluntary", "unemployment", "health"], [34, 98])
    _write(pre, 2020, ["mandatory", "voluntary", "unemployment"], [63, 11, 15])
    return post, pre


if __name__ == "__main__":
    for path in write_national(sys.argv[1] if len(sys.argv) > 1 else "."):
        print(path)
