"""`allocate` on plan format version 2: the plan's targets down its own tree, or among a table's communes."""

from __future__ import annotations

import csv
import io
import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "data")
THANH_HOA = os.path.join(DATA, "plan_2020_thanh_hoa_v2.yaml")
LAI_CHAU = os.path.join(DATA, "plan_2026_lai_chau_v2.yaml")
COMMUNES = os.path.join(DATA, "communes_2020_example.csv")

# a province, two districts (one given its target by the plan), their communes with counts only
TREE = """version: 2
plan: {number: 1/KH-UBND, area: Tỉnh Mẫu, year: 2020}
schemes:
  mandatory: {eligible: 1000, target: 700}
units:
  - name: Huyện A
    kind: huyện
    schemes:
      mandatory: {eligible: 400, target: 300}
    units:
      - {code: "1", name: Xã A1, kind: xã, schemes: {mandatory: {eligible: 300, enrolled: 100}}}
      - {code: "2", name: Xã A2, kind: xã, schemes: {mandatory: {eligible: 100, enrolled: 90}}}
  - name: Huyện B
    kind: huyện
    schemes:
      mandatory: {eligible: 600}
    units:
      - {code: "3", name: Xã B1, kind: xã, schemes: {mandatory: {eligible: 200, enrolled: 50}}}
      - {code: "4", name: Thị trấn B2, kind: thị trấn, schemes: {mandatory: {eligible: 400, enrolled: 100}}}
"""

# since 2025: communes and wards straight under the province; health insurance as a rate of the population
WARDS = """version: 2
plan: {number: 1/KH-UBND, area: Tỉnh Mẫu, year: 2026}
schemes:
  mandatory: {eligible: 1000, target: 600}
  health: {population: 2000, target: {rate: 95.0}}
units:
  - code: "01"
    name: Phường Một
    kind: phường
    schemes:
      mandatory: {eligible: 400, enrolled: 100}
      health: {population: 1200, enrolled: 1000}
  - code: "02"
    name: Xã Hai
    kind: xã
    schemes:
      mandatory: {eligible: 600, enrolled: 300}
      health: {population: 800, enrolled: 790}
"""


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def plan(tmp_path, text: str, name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def rows(stdout: str) -> list[tuple]:
    return [tuple(r.values()) for r in csv.DictReader(io.StringIO(stdout))]


def test_the_plan_alone_splits_down_its_tree_and_a_given_target_is_kept(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, TREE), "-f", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    # Huyện A keeps the plan's 300; Huyện B gets the other 400; each district's communes share its target,
    # none below its enrolled now
    assert rows(result.stdout) == [
        ("", "Huyện A", "district", "", "mandatory", "eligible", "400", "", "", "190", "300", "75.0"),
        ("", "Huyện B", "district", "", "mandatory", "eligible", "600", "", "", "150", "400", "66.7"),
        ("1", "Xã A1", "commune", "Huyện A", "mandatory", "eligible", "300", "", "", "100", "210", "70.0"),
        ("2", "Xã A2", "commune", "Huyện A", "mandatory", "eligible", "100", "", "", "90", "90", "90.0"),
        ("3", "Xã B1", "commune", "Huyện B", "mandatory", "eligible", "200", "", "", "50", "133", "66.5"),
        ("4", "Thị trấn B2", "commune", "Huyện B", "mandatory", "eligible", "400", "", "", "100", "267", "66.8"),
    ]


def test_health_given_as_a_rate_is_split_as_people_by_the_population(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-s", "health", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    # 95% of 2,000 people is 1,900; Xã Hai is kept at its 790 enrolled; every rate to two places
    assert rows(result.stdout) == [
        ("01", "Phường Một", "commune", "", "health", "population", "", "", "1200", "1000", "1110", "92.50"),
        ("02", "Xã Hai", "commune", "", "health", "population", "", "", "800", "790", "790", "98.75"),
    ]


def test_the_terminal_table_names_the_denominator_and_the_total_rate(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-s", "health")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any("Dân" in line for line in lines)
    assert next(line for line in lines if "TỔNG SỐ" in line).split() == ["TỔNG", "SỐ", "2.000", "1.790", "1.900",
                                                                         "95,00%"]


def test_json_lists_every_unit_parents_first_level_by_level(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, TREE), "-f", "json")
    document = json.loads(result.stdout)
    assert (document["method"], document["basis"], document["floor"]) == ("sainte-lague", "eligible", "enrolled")
    first = document["units"][0]
    assert list(first) == ["code", "name", "level", "parent", "scheme", "denominator", "eligible", "labour_force",
                           "population", "enrolled", "target", "rate"]
    assert [u["name"] for u in document["units"]] == ["Huyện A", "Huyện B", "Xã A1", "Xã A2", "Xã B1", "Thị trấn B2"]
    assert first["parent"] is None and document["units"][2]["parent"] == "Huyện A"


def test_explain_gives_the_reasons_of_every_unit_split(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, TREE), "-f", "json", "--explain")
    units = {u["name"]: u for u in json.loads(result.stdout)["units"]}
    assert units["Xã A2"]["bound"] == "enrolled"  # held at its 90 enrolled
    assert units["Huyện A"]["quota"] is None  # the plan's own target: not a share
    assert units["Xã B1"]["quota"] is not None and units["Xã B1"]["bound"] is None


def test_the_tree_written_as_a_plan_passes_check_and_keeps_the_plan(tmp_path):
    out = tmp_path / "split.yaml"
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        0, f"đã ghi {out}: 2 đơn vị, 2 loại hình (phương pháp Sainte-Laguë, căn cứ số người thuộc diện cho BHXH "
           "bắt buộc; dân số cho Bảo hiểm y tế)\n")
    assert run("check", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert '- code: "01"' in text  # a code stays text
    assert "health: {population: 1200, enrolled: 1000, target: 1110}" in text
    assert "target: {rate: 95.0}" in text  # the area's own target as the plan states it


def test_a_workbook_has_a_sheet_per_scheme_with_its_denominator(tmp_path):
    import openpyxl

    out = tmp_path / "split.xlsx"
    assert run("allocate", "-p", plan(tmp_path, WARDS), "-o", str(out), "--appendix", "03").exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["BHXH bắt buộc", "Bảo hiểm y tế"]
    values = list(book["Bảo hiểm y tế"].iter_rows(values_only=True))
    assert values[0][0] == "PHỤ BIỂU 03"
    header = next(r for r in values if r and r[0] == "STT")
    assert header[:5] == ("STT", "Mã", "Đơn vị", "Cấp", "Dân số")


def test_a_table_s_communes_share_the_target_of_the_plan_unit_they_are_under():
    # Triệu Sơn's 34 communes: the plan gives Triệu Sơn 15,530; the table's communes share exactly that
    result = run("allocate", "-p", THANH_HOA, "-c", COMMUNES, "-s", "bb", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    units = json.loads(result.stdout)["units"]
    assert (units[0]["name"], units[0]["level"], units[0]["target"]) == ("Huyện Triệu Sơn", "district", 15530)
    assert len(units) == 35 and sum(u["target"] for u in units[1:]) == 15530
    assert all(u["target"] <= u["eligible"] and u["target"] >= u["enrolled"] for u in units[1:])


def test_a_table_commune_not_in_the_plan_is_named(tmp_path):
    table = tmp_path / "communes.csv"
    table.write_text("code,name,mandatory_eligible\n99999,Xã Không Có,10\n", encoding="utf-8")
    result = run("allocate", "-p", THANH_HOA, "-c", str(table), "-s", "bb")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{table}:2:code: 'Xã Không Có' không phải một đơn vị của kế hoạch (gần nhất: ")
    assert result.stderr.endswith("); hãy sửa mã hoặc tên (unknown-commune)\n")


def test_a_plan_unit_without_a_target_cannot_be_shared(tmp_path):
    text = TREE.replace("      mandatory: {eligible: 400, target: 300}", "      mandatory: {eligible: 400}")
    table = tmp_path / "communes.csv"
    table.write_text("code,name,mandatory_eligible\n1,Xã A1,300\n2,Xã A2,100\n", encoding="utf-8")
    result = run("allocate", "-p", plan(tmp_path, text), "-c", str(table))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{table}: BHXH bắt buộc: Huyện A chưa có chỉ tiêu trong kế hoạch, nên chưa chia được "
                             f"cho các xã của bảng; hãy ghi chỉ tiêu cho Huyện A, hoặc chia từ toàn địa bàn (bhxh "
                             f"allocate --plan KẾ_HOẠCH, không có --communes) (no-target)\n")


def test_health_by_a_table_without_the_population_is_refused_when_asked_for_by_name(tmp_path):
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", COMMUNES, "-s", "health")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{COMMUNES}:1: thiếu cột 'health_population' (dân số, mẫu số của tỷ lệ bảo hiểm y tế); "
                             "dòng tiêu đề có: code, name, mandatory_eligible, mandatory_enrolled, voluntary_eligible, "
                             "voluntary_enrolled, unemployment_eligible, unemployment_enrolled (missing-column)\n")


def test_a_district_column_does_not_replace_the_plan_s_units_without_force(tmp_path):
    table = tmp_path / "communes.csv"
    table.write_text("Mã huyện,Huyện,code,name,mandatory_eligible\nD1,Huyện A,1,Xã A1,300\n", encoding="utf-8")
    path = plan(tmp_path, TREE)
    result = run("allocate", "-p", path, "-c", str(table))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:5:1: units: kế hoạch này đã có 6 đơn vị; bảng xã có cột huyện sẽ thay toàn bộ "
                             f"cây đơn vị; thêm --force để chia lại (plan-has-units)\n")


def test_a_version_1_plan_needs_a_communes_table():
    result = run("allocate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("bhxh: --communes TỆP: cần bảng xã để chia chỉ tiêu của kế hoạch định dạng 1; chỉ kế "
                             "hoạch định dạng 2 có đơn vị (units) mới chia được mà không cần bảng\n")


def test_a_plan_without_units_has_nothing_to_split(tmp_path):
    path = plan(tmp_path, "version: 2\nplan: {number: 1/KH, area: Tỉnh Mẫu, year: 2026}\nschemes:\n"
                          "  mandatory: {eligible: 100, target: 50}\n")
    result = run("allocate", "-p", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}: units: kế hoạch này chưa có đơn vị nào để chia chỉ tiêu; hãy ghi chúng trong "
                             f"mục `units:` (kèm số liệu), hoặc cho một bảng xã bằng --communes TỆP (no-units)\n")


def test_a_scheme_without_the_area_s_target_is_named_at_its_line(tmp_path):
    path = plan(tmp_path, WARDS.replace("mandatory: {eligible: 1000, target: 600}", "mandatory: {eligible: 1000}"))
    result = run("allocate", "-p", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:4:14: schemes.mandatory: BHXH bắt buộc: kế hoạch chưa có chỉ tiêu của toàn "
                             f"địa bàn để chia; hãy ghi `target` cho loại hình này (no-target)\n")


def test_the_floor_asked_for_needs_every_unit_s_enrolled(tmp_path):
    path = plan(tmp_path, WARDS.replace("mandatory: {eligible: 400, enrolled: 100}", "mandatory: {eligible: 400}"))
    result = run("allocate", "-p", path, "--floor", "enrolled")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}: BHXH bắt buộc: cần số người đang tham gia (enrolled) của mọi đơn vị để giữ "
                             f"chỉ tiêu không dưới số đang tham gia; 'Phường Một' chưa có; hãy ghi số đó, hoặc bỏ "
                             f"--floor enrolled (missing-value)\n")


def test_floors_above_the_target_are_refused_with_the_sums(tmp_path):
    path = plan(tmp_path, WARDS.replace("target: 600}", "target: 300}"))
    result = run("allocate", "-p", path, "-s", "bb")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}: BHXH bắt buộc: không giữ được mọi đơn vị ở mức không dưới số đang tham gia: "
                             f"các đơn vị cùng chia chỉ tiêu 300 của Tỉnh Mẫu đang có 400 người tham gia; hãy sửa số "
                             f"đang tham gia hoặc chỉ tiêu, hoặc thêm --no-floor để chia không giữ mức đó (infeasible)\n")


def test_a_target_above_its_units_caps_is_refused(tmp_path):
    path = plan(tmp_path, TREE.replace("mandatory: {eligible: 400, target: 300}", "mandatory: {target: 450}"))
    result = run("allocate", "-p", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}: BHXH bắt buộc: không chia được chỉ tiêu 450 của Huyện A: thuộc diện của các "
                             f"đơn vị cùng chia chỉ có 400 người, mà không đơn vị nào nhận quá thuộc diện của mình; "
                             f"hãy sửa số liệu hoặc chỉ tiêu (infeasible)\n")


def test_given_targets_above_their_parent_s_leave_nothing_to_share(tmp_path):
    text = TREE.replace("mandatory: {eligible: 1000, target: 700}", "mandatory: {eligible: 1000, target: 250}")
    path = plan(tmp_path, text)
    result = run("allocate", "-p", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}: các chỉ tiêu đã giao cho đơn vị thuộc Tỉnh Mẫu cộng lại 300 người, nhiều hơn "
                             f"chỉ tiêu 250 của Tỉnh Mẫu; không còn gì để chia cho các đơn vị khác (infeasible)\n")


def test_a_unit_without_units_or_a_count_is_named(tmp_path):
    path = plan(tmp_path, TREE.replace("{eligible: 200, enrolled: 50}", "{enrolled: 50}"))
    result = run("allocate", "-p", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:18:9: units[1].units[0]: 'Xã B1' không có đơn vị nào bên dưới và không có số "
                             f"liệu làm căn cứ chia; hãy ghi số liệu cho đơn vị này (missing-value)\n")


def test_the_2026_example_splits_as_its_plan_gives():
    result = run("allocate", "-p", LAI_CHAU, "-s", "health", "-f", "json")
    units = json.loads(result.stdout)["units"]
    assert len(units) == 38 and all(u["level"] == "commune" and u["parent"] is None for u in units)


# -- a property: every level adds up, every floor and cap holds, from any v2 plan ---------------------------

@st.composite
def plans(draw):
    """A version 2 plan of 1-3 levels above its communes: counts on the communes, sums on their parents, a
    target of the area between the floors and the caps."""
    counter = iter(range(10_000))

    def unit(depth: int) -> tuple[dict, int, int]:
        number = next(counter)
        if depth == 0 or draw(st.booleans()) and depth < 2:
            eligible = draw(st.integers(0, 300))
            enrolled = draw(st.integers(0, eligible))
            return ({"code": f"c{number}", "name": f"Xã {number}", "kind": "xã",
                     "schemes": {"mandatory": {"eligible": eligible, "enrolled": enrolled}}}, eligible, enrolled)
        children = [unit(depth - 1) for _ in range(draw(st.integers(1, 3)))]
        eligible = sum(c[1] for c in children)
        return ({"code": f"g{number}", "name": f"Nhóm {number}", "kind": "nhóm",
                 "schemes": {"mandatory": {"eligible": eligible}}, "units": [c[0] for c in children]},
                eligible, sum(c[2] for c in children))

    depth = draw(st.integers(0, 2))
    top = [unit(depth) for _ in range(draw(st.integers(1, 4)))]
    eligible, enrolled = sum(u[1] for u in top), sum(u[2] for u in top)
    target = draw(st.integers(enrolled, eligible))
    return {"version": 2, "plan": {"number": "1/KH", "area": "Tỉnh Mẫu", "year": 2026},
            "schemes": {"mandatory": {"eligible": eligible, "target": target}}, "units": [u[0] for u in top]}


@settings(max_examples=30, deadline=None)
@given(plans(), st.sampled_from(["sainte-lague", "dhondt", "hamilton", "huntington-hill"]))
def test_every_level_adds_up_and_holds_every_floor_and_cap(tmp_path_factory, data, method):
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    result = run("allocate", "-p", str(path), "-m", method, "-f", "json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    below: dict = {}
    for u in units:
        below.setdefault(u["parent"], []).append(u)
    assert sum(u["target"] for u in below[None]) == data["schemes"]["mandatory"]["target"]
    for u in units:
        if u["code"] in below:
            assert sum(c["target"] for c in below[u["code"]]) == u["target"]
            assert sum(c["eligible"] for c in below[u["code"]]) == u["eligible"]
        assert u["target"] <= u["eligible"]
        assert u["target"] >= u["enrolled"]
    # parents before their children
    seen = set()
    for u in units:
        assert u["parent"] is None or u["parent"] in seen
        seen.add(u["code"])


# -- with a communes table: more of its rules ----------------------------------------------------------------

def test_a_table_s_split_written_as_a_plan_passes_check(tmp_path):
    out = tmp_path / "thanh_hoa.yaml"
    result = run("allocate", "-p", THANH_HOA, "-c", COMMUNES, "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        0, f"đã ghi {out}: 35 đơn vị, 3 loại hình (phương pháp Sainte-Laguë, căn cứ số người thuộc diện)\n")
    assert run("check", str(out)).exit_code == 0
    assert "mandatory: {eligible: 970, enrolled: 872, target: 937}" in out.read_text(encoding="utf-8")


def test_a_table_whose_communes_add_up_to_other_counts_is_warned_about_and_split(tmp_path):
    table = tmp_path / "communes.csv"
    table.write_text("code,name,mandatory_eligible\n1,Xã A1,300\n2,Xã A2,200\n", encoding="utf-8")
    result = run("allocate", "-p", plan(tmp_path, TREE), "-c", str(table), "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (f"cảnh báo: {table}: BHXH bắt buộc: các xã của bảng thuộc Huyện A có tổng 500 người "
                             f"thuộc diện, kế hoạch ghi 400 (+100); chỉ tiêu vẫn được chia hết cho các xã của bảng\n")
    assert [r[10] for r in rows(result.stdout)] == ["300", "180", "120"]  # Huyện A's 300, shared 3:2


def test_health_is_left_to_the_plan_s_units_when_a_table_is_given(tmp_path):
    table = tmp_path / "communes.csv"
    table.write_text("code,name,mandatory_eligible\n01,Phường Một,400\n02,Xã Hai,600\n", encoding="utf-8")
    result = run("allocate", "-p", plan(tmp_path, WARDS), "-c", str(table), "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == ("ghi chú: bảo hiểm y tế không chia theo bảng xã (bảng không có cột số mà tỷ lệ tính trên "
                             "đó: dân số, lực lượng lao động); hãy thêm cột đó vào bảng, hoặc chia từ các đơn vị của "
                             "kế hoạch: bhxh allocate --plan KẾ_HOẠCH\n")
    assert {r[4] for r in rows(result.stdout)} == {"mandatory"}


def test_a_table_s_districts_under_a_plan_without_units(tmp_path):
    table = tmp_path / "communes.csv"
    table.write_text("Mã huyện,Huyện,code,name,mandatory_eligible\nD1,Huyện A,1,Xã A1,300\nD2,Huyện B,2,Xã B1,700\n",
                     encoding="utf-8")
    path = plan(tmp_path, "version: 2\nplan: {number: 1/KH, area: Tỉnh Mẫu, year: 2020}\nschemes:\n"
                          "  mandatory: {eligible: 1000, target: 500}\n")
    out = tmp_path / "tree.yaml"
    assert run("allocate", "-p", path, "-c", str(table), "-o", str(out)).exit_code == 0
    assert run("check", str(out)).exit_code == 0
    result = run("allocate", "-p", str(out), "-f", "csv")  # the written plan gives every target: kept as it is
    assert [(r[1], r[2], r[10]) for r in rows(result.stdout)] == [
        ("Huyện A", "district", "150"), ("Huyện B", "district", "350"), ("Xã A1", "commune", "150"),
        ("Xã B1", "commune", "350")]


@st.composite
def plans_with_given_targets(draw):
    """A version 2 plan whose units below a given unit (or the area) may give their own targets: drawn from a
    whole feasible split (each commune between its enrolled and eligible), so that the rest can be split."""
    counter = iter(range(10_000))

    def unit(depth: int, may_give: bool) -> tuple[dict, int, int]:
        number = next(counter)
        give = may_give and draw(st.booleans())
        if depth == 0 or draw(st.booleans()) and depth < 2:
            eligible = draw(st.integers(0, 300))
            enrolled = draw(st.integers(0, eligible))
            target = draw(st.integers(enrolled, eligible))
            figures = {"eligible": eligible, "enrolled": enrolled, **({"target": target} if give else {})}
            return {"code": f"c{number}", "name": f"Xã {number}", "kind": "xã",
                    "schemes": {"mandatory": figures}}, eligible, target
        children = [unit(depth - 1, give) for _ in range(draw(st.integers(1, 3)))]
        eligible, target = sum(c[1] for c in children), sum(c[2] for c in children)
        return {"code": f"g{number}", "name": f"Nhóm {number}", "kind": "nhóm",
                "schemes": {"mandatory": {"eligible": eligible, **({"target": target} if give else {})}},
                "units": [c[0] for c in children]}, eligible, target

    top = [unit(draw(st.integers(0, 2)), True) for _ in range(draw(st.integers(1, 4)))]
    return {"version": 2, "plan": {"number": "1/KH", "area": "Tỉnh Mẫu", "year": 2026},
            "schemes": {"mandatory": {"eligible": sum(u[1] for u in top), "target": sum(u[2] for u in top)}},
            "units": [u[0] for u in top]}


@settings(max_examples=30, deadline=None)
@given(plans_with_given_targets(), st.sampled_from(["sainte-lague", "hamilton"]))
def test_given_targets_are_kept_and_every_level_still_adds_up(tmp_path_factory, data, method):
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("allocate", "-p", str(path), "-m", method, "-f", "json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    given_targets = {}
    stack = list(data["units"])
    while stack:
        node = stack.pop()
        if "target" in node["schemes"]["mandatory"]:
            given_targets[node["code"]] = node["schemes"]["mandatory"]["target"]
        stack.extend(node.get("units") or [])
    below: dict = {}
    for u in units:
        below.setdefault(u["parent"], []).append(u)
        if u["code"] in given_targets:
            assert u["target"] == given_targets[u["code"]]
        assert u["enrolled"] <= u["target"] <= u["eligible"]
    assert sum(u["target"] for u in below[None]) == data["schemes"]["mandatory"]["target"]
    for u in units:
        if u["code"] in below:
            assert sum(c["target"] for c in below[u["code"]]) == u["target"]
