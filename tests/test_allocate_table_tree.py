"""`allocate` with a communes table: the tree the table gives (a parent by code, by name or both), the plan
`-o` writes from it (every unit's kind kept, errors told of the inputs), and a plan's districts without a target
sharing the area's as the split down the plan's own tree does. In Vietnamese, as a user reads it."""

from __future__ import annotations

import csv
import io
import json

import yaml
from typer.testing import CliRunner

from bhxh_cli.cli import app

AREA_2022 = ("version: 2\nplan: {number: 77/KH-UBND, area: Tỉnh Nghệ An, kind: tỉnh, code: \"40\", year: 2022}\n"
             "schemes:\n  mandatory: {eligible: 20000, enrolled: 17500, target: 18400}\n")
AREA_2026 = ("version: 2\nplan: {number: 12/KH-UBND, area: Tỉnh Quảng Ninh, kind: tỉnh, code: \"22\", year: 2026}\n"
             "schemes:\n  mandatory: {eligible: 34600, enrolled: 31980, target: {rate: 95.5}}\n")
TABLE = ("Mã xã,Tên xã,Mã huyện,Huyện,BB thuộc diện,BB tham gia\n"
         "17125,Thị trấn Diễn Châu,412,Huyện Diễn Châu,6000,5400\n"
         "17128,Xã Diễn Lâm,412,Huyện Diễn Châu,3500,3000\n"
         "17131,Xã Diễn Đoài,412,Huyện Diễn Châu,2500,2100\n"
         "17200,Thị trấn Yên Thành,413,Huyện Yên Thành,4000,3600\n"
         "17203,Xã Mã Thành,413,Huyện Yên Thành,4000,3400\n")
GROUPS = ("Mã,Tên xã,Mã huyện,Huyện,BB thuộc diện,BB tham gia\n"
          "22001,Phường Hạ Long,HL,BHXH cơ sở Hạ Long,9000,8500\n"
          "22002,Phường Bãi Cháy,HL,BHXH cơ sở Hạ Long,7000,6400\n"
          "22003,Phường Hồng Gai,HL,BHXH cơ sở Hạ Long,6500,6200\n"
          "22010,Phường Cẩm Phả,CP,BHXH cơ sở Cẩm Phả,8000,7300\n"
          "22011,Xã Dương Huy,CP,BHXH cơ sở Cẩm Phả,1200,1000\n"
          "22020,Đặc khu Vân Đồn,VD,BHXH cơ sở Vân Đồn,2500,2250\n"
          "22021,Đặc khu Cô Tô,VD,BHXH cơ sở Vân Đồn,400,330\n")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def files(tmp_path, plan: str, table: str) -> tuple[str, str]:
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "communes.csv").write_text(table, encoding="utf-8")
    return str(tmp_path / "plan.yaml"), str(tmp_path / "communes.csv")


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# -- a parent given by its name alone ------------------------------------------------------------------------

def test_a_row_giving_its_district_by_name_only_is_under_the_district_of_that_name(tmp_path):
    plan, table = files(tmp_path, AREA_2022, TABLE.replace("17203,Xã Mã Thành,413,", "17203,Xã Mã Thành,,"))
    result = run("allocate", "-p", plan, "-c", table, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    named = {(r["code"], r["name"], r["level"], r["parent"], r["target"]) for r in rows(result.stdout)}
    assert ("413", "Huyện Yên Thành", "district", "", "7360") in named
    assert ("17203", "Xã Mã Thành", "commune", "413", "3680") in named
    assert [r["name"] for r in rows(result.stdout)].count("Huyện Yên Thành") == 1
    whole = run("allocate", "-p", plan, "-c", str(_written(tmp_path, TABLE)), "-f", "csv")
    assert whole.stdout == result.stdout  # the same split as with every code given


def _written(tmp_path, text: str):
    path = tmp_path / "whole.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_name_only_row_joins_its_district_in_a_version_1_plan_too(tmp_path):
    plan_v1 = "version: 1\nplan: {number: 58/KH-UBND, area: Tỉnh Mẫu, year: 2020}\nschemes:\n  mandatory: {eligible: 600, enrolled: 400}\n"
    plan, table = files(tmp_path, plan_v1, "Mã huyện,Huyện,code,name,mandatory_eligible,mandatory_enrolled\n"
                        "D1,Huyện A,1,Xã A1,100,50\n,Huyện A,2,Xã A2,300,100\nD2,Huyện B,3,Xã B1,200,190\n")
    result = run("allocate", "-p", plan, "-c", table, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert [(r["code"], r["parent"]) for r in rows(result.stdout)] == [("D1", ""), ("D2", ""), ("1", "D1"),
                                                                       ("2", "D1"), ("3", "D2")]


def test_a_name_several_codes_carry_is_refused_where_it_is_given_alone(tmp_path):
    table_text = TABLE.replace("17131,Xã Diễn Đoài,412,Huyện Diễn Châu", "17131,Xã Diễn Đoài,,Huyện Yên Thành")
    table_text = table_text.replace("17125,Thị trấn Diễn Châu,412,Huyện Diễn Châu", "17125,Thị trấn Diễn Châu,414,Huyện Yên Thành")
    plan, table = files(tmp_path, AREA_2022, table_text)
    result = run("allocate", "-p", plan, "-c", table)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{table}:4:Mã huyện: 'Huyện Yên Thành' là tên của nhiều huyện (mã 414, 413); hãy ghi mã huyện mà xã này "
        f"thuộc về (ambiguous-parent)\n"
        f"{table}:5:Mã huyện: 'Huyện Yên Thành' có mã 413 ở dòng này, nhưng ở trên là mã 414; mỗi huyện (hoặc nhóm) "
        f"một mã và một tên (parent-code-mismatch)\n"
        f"{table}:6:Mã huyện: 'Huyện Yên Thành' có mã 413 ở dòng này, nhưng ở trên là mã 414; mỗi huyện (hoặc nhóm) "
        f"một mã và một tên (parent-code-mismatch)\n")


def test_a_commune_with_the_code_of_a_parent_is_refused_at_its_cell(tmp_path):
    plan, table = files(tmp_path, AREA_2022, TABLE.replace("17128,Xã Diễn Lâm", "412,Xã Diễn Lâm"))
    result = run("allocate", "-p", plan, "-c", table, "-f", "csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{table}:3:Mã xã: mã '412' cũng là mã của Huyện Diễn Châu mà các xã thuộc về; mỗi đơn "
                             f"vị một mã riêng (duplicate-code)\n")


# -- the plan -o writes ------------------------------------------------------------------------------------------

def test_the_written_plan_keeps_each_group_s_kind_and_gap_reads_the_same_levels(tmp_path):
    plan, table = files(tmp_path, AREA_2026, GROUPS)
    out = tmp_path / "tree.yaml"
    assert run("allocate", "-p", plan, "-c", table, "-o", str(out)).exit_code == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [(u["code"], u["kind"]) for u in written["units"]] == [("HL", "nhóm"), ("CP", "nhóm"), ("VD", "nhóm")]
    assert [u["kind"] for u in written["units"][2]["units"]] == ["đặc khu", "đặc khu"]
    allocated = json.loads(run("allocate", "-p", plan, "-c", table, "-f", "json").stdout)["units"]
    levels = {u["code"]: u["level"] for u in allocated}
    assert set(levels.values()) == {"nhóm", "commune"}
    gap = rows(run("gap", "-p", str(out), "-f", "csv").stdout)
    assert {r["code"]: r["level"] for r in gap if r["level"] != "area"} == levels
    assert run("check", str(out)).exit_code == 0


def test_the_written_plan_of_a_version_1_plan_names_its_districts_kind(tmp_path):
    plan_v1 = "version: 1\nplan: {number: 58/KH-UBND, area: Tỉnh Mẫu, year: 2020}\nschemes:\n  mandatory: {eligible: 300, enrolled: 250}\n"
    plan, table = files(tmp_path, plan_v1, "Mã huyện,Huyện,code,name,mandatory_eligible,mandatory_enrolled\n"
                        "D1,BHXH cơ sở A,1,Xã A1,100,50\nD2,Thị xã B,3,Phường B1,200,190\n")
    out = tmp_path / "tree.yaml"
    assert run("allocate", "-p", plan, "-c", table, "-o", str(out)).exit_code == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [(u["name"], u["kind"]) for u in written["units"]] == [("BHXH cơ sở A", "huyện"), ("Thị xã B", "thị xã")]


def test_a_plan_written_from_a_table_without_a_scheme_s_column_is_refused_naming_the_table(tmp_path):
    plan_text = AREA_2026 + "  health: {population: 214000, enrolled: 197200, target: {rate: 95.15, minimum: true}}\n"
    plan, table = files(tmp_path, plan_text, GROUPS)
    out = tmp_path / "tree.yaml"
    result = run("allocate", "-p", plan, "-c", table, "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{table}: bảng không có cột health_population (dân số, mẫu số của tỷ lệ bảo hiểm y tế) nên bảo hiểm y tế "
        f"không chia được theo bảng; kế hoạch ghi ra {out} cần đủ các loại hình của kế hoạch: hãy thêm cột này, "
        f"hoặc ghi ra bảng (.csv, .xlsx) (missing-column)\n")
    assert not out.exists()


# -- districts of the plan without a target ------------------------------------------------------------------

TREE_2022 = """version: 2
plan: {number: 77/KH-UBND, area: Tỉnh Nghệ An, kind: tỉnh, code: "40", year: 2022}
schemes:
  mandatory: {eligible: 20000, enrolled: 17500, target: 18400}
units:
  - code: "412"
    name: Huyện Diễn Châu
    kind: huyện
    schemes:
      mandatory: {eligible: 12000, enrolled: 10500, target: 11100}
    units:
      - {code: "17125", name: Thị trấn Diễn Châu, kind: thị trấn, schemes: {mandatory: {eligible: 6000, enrolled: 5400}}}
      - {code: "17128", name: Xã Diễn Lâm, kind: xã, schemes: {mandatory: {eligible: 3500, enrolled: 3000}}}
      - {code: "17131", name: Xã Diễn Đoài, kind: xã, schemes: {mandatory: {eligible: 2500, enrolled: 2100}}}
  - code: "413"
    name: Huyện Yên Thành
    kind: huyện
    schemes:
      mandatory: {eligible: 8000, enrolled: 7000}
    units:
      - {code: "17200", name: Thị trấn Yên Thành, kind: thị trấn, schemes: {mandatory: {eligible: 4000, enrolled: 3600}}}
      - {code: "17203", name: Xã Mã Thành, kind: xã, schemes: {mandatory: {eligible: 4000, enrolled: 3400}}}
"""


def test_a_district_without_a_target_shares_the_area_s_as_without_a_table(tmp_path):
    no_parent = "\n".join(",".join(line.split(",")[:2] + line.split(",")[4:]) for line in TABLE.splitlines()) + "\n"
    plan, table = files(tmp_path, TREE_2022, no_parent)
    by_table = run("allocate", "-p", plan, "-c", table, "-f", "csv")
    assert by_table.exit_code == 0, by_table.stderr
    assert by_table.stdout == run("allocate", "-p", plan, "-f", "csv").stdout
    assert [(r["code"], r["target"]) for r in rows(by_table.stdout)][:2] == [("412", "11100"), ("413", "7300")]
    out = tmp_path / "tree.yaml"
    assert run("allocate", "-p", plan, "-c", table, "-o", str(out), "--force").exit_code == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["units"][1]["schemes"]["mandatory"]["target"] == 7300  # its share, written in
    assert run("check", str(out)).exit_code == 0


def test_a_district_named_only_is_one_district_however_its_name_is_written(tmp_path):
    plan_v1 = "version: 1\nplan: {number: 58/KH-UBND, area: Tỉnh Mẫu, year: 2020}\nschemes:\n  mandatory: {eligible: 600, enrolled: 400}\n"
    plan, table = files(tmp_path, plan_v1, "Huyện,code,name,mandatory_eligible,mandatory_enrolled\n"
                        "Huyện Thọ Xuân,1,Xã A1,100,50\nhuyện  thọ xuân,2,Xã A2,300,100\nHuyện Như Thanh,3,Xã B1,200,190\n")
    result = run("allocate", "-p", plan, "-c", table, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert [(r["name"], r["parent"]) for r in rows(result.stdout)] == [
        ("Huyện Thọ Xuân", ""), ("Huyện Như Thanh", ""), ("Xã A1", "Huyện Thọ Xuân"), ("Xã A2", "Huyện Thọ Xuân"),
        ("Xã B1", "Huyện Như Thanh")]


def test_the_grassroots_office_a_commune_is_served_by_is_a_group_of_the_split(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 2\nplan: {number: 1/KH, area: Tỉnh X, kind: tỉnh, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 600, target: 400}\n", encoding="utf-8")
    table = tmp_path / "xa.csv"
    table.write_text("Mã,Tên xã,BHXH cơ sở,Mã BHXH cơ sở,BB thuộc diện,BB tham gia\n"
                     "01,Xã A,BHXH Mường Tè,BH1,100,50\n02,Xã B,BHXH Mường Tè,BH1,200,120\n"
                     "03,Xã C,BHXH Sìn Hồ,BH2,300,100\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["allocate", "-p", str(plan), "-c", str(table), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = [(r["code"], r["level"], r["parent"], r["target"]) for r in json.loads(result.stdout)["units"]]
    assert rows[:2] == [("BH1", "nhóm", None, 200), ("BH2", "nhóm", None, 200)]
    assert sorted(rows[2:]) == [("01", "commune", "BH1", 67), ("02", "commune", "BH1", 133),
                                ("03", "commune", "BH2", 200)]
