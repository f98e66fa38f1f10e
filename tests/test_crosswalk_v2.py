"""`bhxh crosswalk --map MAP PLAN.yaml` on a plan of format version 2: its communes (the leaves of its tree)
in the new units straight under the area, every count converted, targets too, and `check` passes."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
MAP = os.path.join(HERE, "fixtures", "crosswalk", "trieu_son_2020_to_2025.csv")
THANH_HOA = os.path.join(HERE, "..", "data", "plan_2020_thanh_hoa_v2.yaml")

# three old communes: two merge, the third is divided 60/40; health as a rate of the population
HEALTH = """version: 2
plan: {number: 1/KH-UBND, area: Tỉnh Mẫu, year: 2025}
schemes:
  mandatory: {eligible: 1000, labour_force: 5000, denominator: labour_force, target: 400}
  health: {population: 3000, enrolled: 2800, target: {rate: 95.0}}
units:
  - code: "01"
    name: Xã Một
    schemes:
      mandatory: {eligible: 300, labour_force: 1500, target: 120}
      health: {population: 1000, enrolled: 950, target: {rate: 95.0}}
  - code: "02"
    name: Xã Hai
    schemes:
      mandatory: {eligible: 200, labour_force: 1000, target: 80}
      health: {population: 900, enrolled: 850, target: 855}
  - code: "03"
    name: Xã Ba
    schemes:
      mandatory: {eligible: 500, labour_force: 2500, target: 200}
      health: {population: 1100, enrolled: 1000, target: 1045}
"""
HEALTH_MAP = ("old_code,old_name,new_code,new_name,share\n01,Xã Một,10,Phường Mới,\n02,Xã Hai,10,Phường Mới,\n"
              "03,Xã Ba,10,Phường Mới,60\n03,Xã Ba,11,Xã Mới,40\n")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def trieu_son(tmp_path) -> str:
    """Thanh Hóa's plan with Triệu Sơn alone under the province (whose figures become Triệu Sơn's)."""
    lines = open(THANH_HOA, encoding="utf-8").read().splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("  - name: Huyện Thọ Xuân"))
    lines = lines[:end]
    lines[14:17] = [line[4:] for line in lines[21:24]]
    return write(tmp_path, "trieu_son.yaml", "\n".join(lines) + "\n")


def test_a_district_s_communes_become_the_new_communes_under_the_area(tmp_path):
    plan, out = trieu_son(tmp_path), str(tmp_path / "new.yaml")
    result = run("crosswalk", "--map", MAP, plan, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"ghi chú: {plan}: 1 đơn vị trên cấp xã (huyện, nhóm) không còn trong đơn vị mới; các xã, phường được ghi "
        f"thẳng dưới Tỉnh Thanh Hóa, số liệu chung của Tỉnh Thanh Hóa giữ nguyên",
        f"đã ghi {out}: 34 đơn vị cũ thành 8 đơn vị mới; tổng từng cột giữ nguyên: mandatory.eligible 15.890 = "
        f"15.890; mandatory.target 15.530 = 15.530; voluntary.eligible 71.313 = 71.313; voluntary.target 1.930 = "
        f"1.930; unemployment.eligible 14.360 = 14.360; unemployment.target 13.640 = 13.640"]
    before, after = (yaml.safe_load(open(p, encoding="utf-8")) for p in (plan, out))
    assert after["schemes"] == before["schemes"] and after["plan"] == before["plan"]
    assert [u["code"] for u in after["units"]] == ["15664", "15667", "15682", "15766", "15718", "15724", "15763",
                                                   "15754"]
    assert all(u["kind"] == "xã" and "units" not in u for u in after["units"])
    text = open(out, encoding="utf-8").read()
    assert text.startswith("# Illustrative: a plan of Thanh Hóa province")  # the plan's comments are kept
    checked = run("check", out)
    assert (checked.exit_code, checked.stdout) == (0, "")


def test_health_rate_targets_are_converted_as_people_and_divided_units_split_exactly(tmp_path):
    plan, out = write(tmp_path, "plan.yaml", HEALTH), str(tmp_path / "new.yaml")
    result = run("crosswalk", "--map", write(tmp_path, "map.csv", HEALTH_MAP), plan, "-o", out)
    assert result.exit_code == 0, result.stderr
    units = yaml.safe_load(open(out, encoding="utf-8"))["units"]
    # Xã Một's 95% of 1,000 is 950 people; Xã Ba's counts split 60/40
    assert units == [
        {"code": "10", "name": "Phường Mới", "kind": "phường", "schemes": {
            "mandatory": {"denominator": "labour_force", "eligible": 800, "labour_force": 4000, "target": 320},
            "health": {"population": 2560, "enrolled": 2400, "target": 2432}}},
        {"code": "11", "name": "Xã Mới", "kind": "xã", "schemes": {
            "mandatory": {"denominator": "labour_force", "eligible": 200, "labour_force": 1000, "target": 80},
            "health": {"population": 440, "enrolled": 400, "target": 418}}}]
    assert run("check", out).exit_code == 0


def test_a_leaf_without_a_code_is_named_at_its_line(tmp_path):
    result = run("crosswalk", "--map", MAP, THANH_HOA, "-o", str(tmp_path / "new.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == (
        f"{THANH_HOA}:264:11: units.1.name: Huyện Thọ Xuân không có mã; bảng chuyển đổi (trieu_son_2020_to_2025.csv) "
        f"khớp đơn vị theo mã: hãy ghi mã chính thức của đơn vị (code), hoặc ghi các xã của nó (unmapped)")
    assert not os.path.exists(tmp_path / "new.yaml")


def test_a_commune_not_in_the_map_is_named_at_its_code(tmp_path):
    plan = write(tmp_path, "plan.yaml", open(trieu_son(tmp_path), encoding="utf-8").read().replace(
        'code: "15757"', 'code: "15799"'))
    result = run("crosswalk", "--map", MAP, plan, "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1
    assert result.stderr.endswith(": units.0.units.29.code: 15799 (Xã Thọ Phú) không có trong bảng chuyển đổi; "
                                  "hãy thêm một dòng cho đơn vị này, nếu không số liệu của nó sẽ bị mất (unmapped)\n")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 100), st.integers(0, 100)), min_size=1, max_size=5),
       st.lists(st.integers(1, 9), min_size=2, max_size=3))
def test_every_count_is_kept_and_check_passes(tmp_path, communes, shares):
    units, rows = [], []
    for i, (population, covered, rate) in enumerate(communes):
        enrolled = population * covered // 100
        units.append(f'  - code: "{i:02d}"\n    name: Xã {i}\n    schemes:\n'
                     f"      health: {{population: {population}, enrolled: {enrolled}, target: {{rate: {rate}.0}}}}\n")
    total_population = sum(p for p, _, _ in communes)
    total_enrolled = sum(p * c // 100 for p, c, _ in communes)
    targets = sum(-(-p * r // 100) for p, _, r in communes)
    text = ("version: 2\nplan: {number: 1/KH-UBND, area: Tỉnh Mẫu, year: 2025}\nschemes:\n"
            f"  health: {{population: {total_population}, enrolled: {total_enrolled}, target: {targets}}}\n"
            "units:\n" + "".join(units))
    # the first commune is divided among as many new units as shares; the others merge into the first new one
    rows = [f"00,Xã 0,{90 + n},Xã Mới {n},{share}/{sum(shares)}" for n, share in enumerate(shares)]
    rows += [f"{i:02d},Xã {i},90,Xã Mới 0," for i in range(1, len(communes))]
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    plan, out = write(folder, "plan.yaml", text), str(folder / "new.yaml")
    walk = write(folder, "map.csv", "old_code,old_name,new_code,new_name,share\n" + "\n".join(rows) + "\n")
    assert run("check", plan).exit_code == 0
    result = run("crosswalk", "--map", walk, plan, "-o", out)
    assert result.exit_code == 0, result.stderr
    after = yaml.safe_load(open(out, encoding="utf-8"))["units"]
    for field, total in (("population", total_population), ("enrolled", total_enrolled), ("target", targets)):
        assert sum(u["schemes"]["health"][field] for u in after) == total
    checked = run("check", out)
    assert checked.exit_code == 0, checked.stdout
