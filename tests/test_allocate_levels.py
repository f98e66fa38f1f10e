"""`allocate` through levels in one run: a communes table with the district each commune is under."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

PLAN = "version: 1\nplan: {number: 58/KH-UBND, area: Tỉnh Mẫu, year: 2020}\nschemes:\n  mandatory: {eligible: 600, enrolled: 400}\n"
TABLE = ("Mã huyện,Huyện,code,name,mandatory_eligible,mandatory_enrolled\n"
         "D1,Huyện A,1,Xã A1,100,50\nD1,Huyện A,2,Xã A2,300,100\nD2,Huyện B,3,Xã B1,200,190\n")

pytestmark = pytest.mark.usefixtures("english_module")  # these assert the English wording


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def files(tmp_path, table=TABLE, plan=PLAN):
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "communes.csv").write_text(table, encoding="utf-8")
    return ["-p", str(tmp_path / "plan.yaml"), "-c", str(tmp_path / "communes.csv")]


def test_districts_first_then_communes_exact_at_every_level(tmp_path):
    result = run("allocate", *files(tmp_path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "code,name,level,parent,scheme,eligible,enrolled,target,rate",
        "D1,Huyện A,district,,mandatory,400,150,210,52.5",
        "D2,Huyện B,district,,mandatory,200,190,190,95.0",  # floored at its communes' 190 enrolled
        "1,Xã A1,commune,D1,mandatory,100,50,52,52.0",
        "2,Xã A2,commune,D1,mandatory,300,100,158,52.7",
        "3,Xã B1,commune,D2,mandatory,200,190,190,95.0",
    ]


def test_the_tree_written_as_a_version_2_plan_passes_check(tmp_path):
    out = tmp_path / "tree.yaml"
    result = run("allocate", *files(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}: 2 districts and 3 communes, 1 scheme (Sainte-Laguë method, in proportion to eligible people)\n"
    assert "version: 2\n" in out.read_text(encoding="utf-8")
    assert run("check", str(out)).exit_code == 0


def test_a_commune_without_its_district_is_named(tmp_path):
    table = TABLE.replace("D2,Huyện B,3", ",,3")
    result = run("allocate", *files(tmp_path, table))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{tmp_path / 'communes.csv'}:4:Mã huyện: is empty; write the district (or group) "
                             f"this commune is under (missing-value)\n")


def test_one_district_code_with_two_names_is_refused(tmp_path):
    table = TABLE.replace("D1,Huyện A,2", "D1,Huyện Z,2")
    result = run("allocate", *files(tmp_path, table))
    assert result.exit_code == 1
    assert result.stderr == (f"{tmp_path / 'communes.csv'}:3:Huyện: 'Huyện Z' is the name of D1 here, but 'Huyện A' "
                             f"above; one code, one name (parent-name-mismatch)\n")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 100)), min_size=1, max_size=4),
                min_size=1, max_size=4), st.data())
def test_every_level_adds_up_and_keeps_every_commune_at_its_enrolment(tmp_path_factory, districts, data):
    tmp_path = tmp_path_factory.mktemp("tree")
    rows, number = [], 0
    for d, communes in enumerate(districts):
        for eligible, share in communes:
            number += 1
            rows.append(f"D{d},Huyện {d},{number},Xã {number},{eligible},{eligible * share // 100}")
    eligible = sum(e for c in districts for e, _ in c)
    enrolled = sum(e * s // 100 for c in districts for e, s in c)
    target = data.draw(st.integers(enrolled, eligible))
    plan = PLAN.replace("eligible: 600, enrolled: 400", f"eligible: {eligible}, enrolled: {target}")
    table = "Mã huyện,Huyện,code,name,mandatory_eligible,mandatory_enrolled\n" + "\n".join(rows) + "\n"
    result = run("allocate", *files(tmp_path, table, plan), "-f", "json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    districts_out = [u for u in units if u["level"] == "district"]
    assert sum(u["target"] for u in districts_out) == target
    for district in districts_out:
        below = [u for u in units if u["parent"] == district["code"]]
        assert sum(u["target"] for u in below) == district["target"]
    assert all(u["enrolled"] <= u["target"] <= u["eligible"] for u in units)


def test_explain_through_levels_gives_every_unit_s_reasons(tmp_path):
    result = run("allocate", *files(tmp_path), "--explain", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0] == "code,name,level,parent,scheme,eligible,enrolled,target,rate,quota,remainder,priority,bound,tie"
    assert rows[2] == "D2,Huyện B,district,,mandatory,200,190,190,95.0,104.750000,,,enrolled,false"  # floored


def test_a_workbook_through_levels_has_a_sheet_per_scheme(tmp_path):
    import openpyxl

    out = tmp_path / "levels.xlsx"
    result = run("allocate", *files(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    values = list(openpyxl.load_workbook(out)["Mandatory social insurance"].iter_rows(values_only=True))
    assert next(r for r in values if r and r[2] == "Huyện A")[:8] == (1, "D1", "Huyện A", "district", 400, 150, 210,
                                                                      52.5)
