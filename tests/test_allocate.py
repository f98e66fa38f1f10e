"""`bhxh allocate` end to end: exact totals, plan files that pass `check`, outputs, and every error."""

import csv
import io
import json
import os

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
EXAMPLE = os.path.join(HERE, "..", "data", "communes_2020_example.csv")
runner = CliRunner()


# A plan of another area with the bundled plan's district counts: tables of made-up communes need their own
# plan (the bundled one is Triệu Sơn's, and refuses communes that are not Triệu Sơn's).
OWN_PLAN = """version: 1
plan: {number: 7/KH-UBND, area: Huyện Mẫu, year: 2020}
schemes:
  mandatory: {eligible: 15890, enrolled: 15530}
  voluntary: {eligible: 71313, enrolled: 1930}
  unemployment: {eligible: 14360, enrolled: 13640}
"""


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def own_plan(tmp_path):
    path = tmp_path / "own_plan.yaml"
    path.write_text(OWN_PLAN, encoding="utf-8")
    return str(path)


def allocations(*args):
    result = run("allocate", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def totals(document):
    out = {}
    for item in document["allocations"]:
        out[item["scheme"]] = out.get(item["scheme"], 0) + item["target"]
    return out


@pytest.mark.parametrize("method", ["sainte-lague", "webster", "dhondt", "huntington-hill", "adams", "hamilton"])
def test_example_targets_add_up_to_the_plan(method):
    document = allocations("--communes", EXAMPLE, "--method", method)
    assert totals(document) == {"mandatory": 15530, "voluntary": 1930, "unemployment": 13640}
    assert len(document["allocations"]) == 34 * 3
    assert all(a["target"] <= a["eligible"] for a in document["allocations"])


def test_json_shape():
    document = allocations("--communes", EXAMPLE, "--scheme", "mandatory", "--no-floor")
    assert document["method"] == "sainte-lague" and document["basis"] == "eligible"
    first = document["allocations"][0]
    assert list(first) == ["code", "name", "scheme", "eligible", "enrolled", "target", "rate"]
    assert (first["code"], first["name"], first["eligible"], first["enrolled"]) == ("15664", "Thị trấn Triệu Sơn",
                                                                                   970, 872)
    assert first["target"] == 948 and first["rate"] == 97.7


def test_table_has_a_total_row_equal_to_the_district_total():
    result = run("allocate", "--communes", EXAMPLE, "--scheme", "voluntary")
    assert result.exit_code == 0
    total = next(line for line in result.stdout.splitlines() if "TỔNG SỐ" in line)
    assert total.split() == ["TỔNG", "SỐ", "71.313", "1.460", "1.930", "2,7%"]


def test_floor_enrolled_keeps_everyone_at_least_where_they_are():
    plain = allocations("--communes", EXAMPLE, "--no-floor")
    assert any(a["target"] < a["enrolled"] for a in plain["allocations"])  # the example has such communes
    floored = allocations("--communes", EXAMPLE)  # the floor is the default when the table gives enrolment
    assert all(a["target"] >= a["enrolled"] for a in floored["allocations"])
    assert totals(floored) == totals(plain)
    assert allocations("--communes", EXAMPLE, "--floor", "enrolled") == floored
    assert (floored["floor"], plain["floor"]) == ("enrolled", None)


def test_headroom_splits_the_increase_by_people_not_covered():
    document = allocations("--communes", EXAMPLE, "--basis", "headroom")
    assert document["basis"] == "headroom"
    assert totals(document) == {"mandatory": 15530, "voluntary": 1930, "unemployment": 13640}
    for a in document["allocations"]:
        assert a["enrolled"] <= a["target"] <= a["eligible"]


def test_output_yaml_passes_check(tmp_path, english):
    out = tmp_path / "plan_2020_communes.yaml"
    result = run("allocate", "--communes", EXAMPLE, "--output", str(out))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"wrote {out}: 34 communes, 3 schemes (Sainte-Laguë method, in proportion to eligible people)"]
    assert result.stdout == ""
    check = run("check", str(out))
    assert (check.exit_code, check.stdout) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Kế hoạch 519/KH-UBND")  # the plan's own text is kept, comments and all
    assert '  - code: "15664"\n    name: "Thị trấn Triệu Sơn"\n    mandatory: {eligible: 970, enrolled: 937, ' \
           'baseline: 872}' in text
    by_commune = run("rates", str(out), "--by", "commune", "--format", "json")
    assert [t["enrolled"] for t in json.loads(by_commune.stdout)["total"]] == [15530, 1930, 13640]


def test_a_plan_with_communes_needs_force_and_is_split_again(tmp_path, english):
    first = tmp_path / "a.yaml"
    assert run("allocate", "-c", EXAMPLE, "-o", str(first)).exit_code == 0
    again = run("allocate", "-c", EXAMPLE, "--plan", str(first), "--format", "csv")
    assert again.exit_code == 1
    assert again.stderr == (f"{first}:30:1: communes: this plan is already split among 34 communes; pass --force "
                            f"to split it again (plan-has-communes)\n")
    second = tmp_path / "b.yaml"
    result = run("allocate", "-c", EXAMPLE, "--plan", str(first), "--force", "--method", "hamilton",
                 "-o", str(second))
    assert result.exit_code == 0
    assert run("check", str(second)).exit_code == 0
    assert second.read_text(encoding="utf-8").count("communes:") == 1


def test_existing_output_needs_force_and_inputs_are_never_overwritten(tmp_path, english):
    out = tmp_path / "t.csv"
    out.write_text("keep me", encoding="utf-8")
    result = run("allocate", "-c", EXAMPLE, "-o", str(out))
    assert (result.exit_code, result.stderr) == (2, f"bhxh: {out}: already exists; pass --force to replace it\n")
    assert out.read_text(encoding="utf-8") == "keep me"
    communes = tmp_path / "c.csv"
    communes.write_bytes(open(EXAMPLE, "rb").read())
    result = run("allocate", "-c", str(communes), "-o", str(communes), "--force")
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert communes.read_bytes() == open(EXAMPLE, "rb").read()


def test_output_csv_is_plain_with_bom_and_formula_injection_made_inert(tmp_path, own_plan):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n1,=HYPERLINK(\"x\"),100\n2,+B,200\n3,@C,300\n4,-D,15290\n",
                        encoding="utf-8")
    out = tmp_path / "t.csv"
    result = run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["code", "name", "scheme", "eligible", "enrolled", "target", "rate"]
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(\"x\")", "'+B", "'@C", "'-D"]
    assert sum(int(r[5]) for r in rows[1:]) == 15530


def test_output_json_and_markdown(tmp_path):
    assert run("allocate", "-c", EXAMPLE, "-o", str(tmp_path / "t.json")).exit_code == 0
    assert totals(json.loads((tmp_path / "t.json").read_text(encoding="utf-8")))["voluntary"] == 1930
    assert run("allocate", "-c", EXAMPLE, "-o", str(tmp_path / "t.md"), "--lang", "en").exit_code == 0
    assert "|  | **TOTAL** | **15,890** | **15,080** | **15,530** | **97.7%** |" in (
        tmp_path / "t.md").read_text(encoding="utf-8")


def test_unknown_extension_is_a_usage_error_and_nothing_is_written(tmp_path, english):
    result = run("allocate", "-c", EXAMPLE, "-o", str(tmp_path / "t.pdf"))
    assert result.exit_code == 2
    assert "cannot tell what to write from the extension '.pdf'" in result.stderr
    assert os.listdir(tmp_path) == []


def test_an_output_name_without_extension_says_so_and_nothing_is_written(tmp_path):
    target = tmp_path / "ket_qua"
    result = run("allocate", "-c", EXAMPLE, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (f"bhxh: {target}: tên tệp không có đuôi nên không biết ghi dạng gì; hãy thêm một "
                             "trong các đuôi .csv, .json, .markdown, .md, .xlsx, .yaml, .yml\n")
    assert os.listdir(tmp_path) == []


def test_an_output_that_is_a_folder_is_refused_whatever_its_name(tmp_path):
    folder = tmp_path / "bang.xlsx"
    folder.mkdir()
    for target in (folder, tmp_path):
        result = run("allocate", "-c", EXAMPLE, "-o", str(target))
        assert (result.exit_code, result.stderr) == (2, f"bhxh: {target}: là thư mục; hãy ghi tên tệp\n")
    assert os.listdir(folder) == []


def test_yaml_output_needs_every_scheme(tmp_path, english):
    result = run("allocate", "-c", EXAMPLE, "-s", "mandatory", "-o", str(tmp_path / "p.yaml"))
    assert result.exit_code == 2
    assert "a plan file needs every scheme of the district split" in result.stderr


def test_eligible_counts_that_differ_from_the_plan_warn_and_go_on(tmp_path, own_plan, english):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n1,A,10000\n2,B,6000\n", encoding="utf-8")
    result = run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {communes}: the communes' mandatory eligible add up to 16000, the plan's "
                             f"count for its whole area is 15890 (+110); the target is split all the same\n")
    yaml_out = run("allocate", "-c", str(communes), "-p", own_plan, "-o", str(tmp_path / "p.yaml"))
    assert yaml_out.exit_code == 1  # but a plan file must add up: refused, nothing written
    assert not (tmp_path / "p.yaml").exists()


def test_too_few_eligible_people_is_infeasible(tmp_path, own_plan):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n1,A,10000\n2,B,5000\n", encoding="utf-8")
    result = run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{communes}: BHXH bắt buộc: không chia được chỉ tiêu 15.530: các xã chỉ có tổng cộng 15.000 người thuộc "
        f"diện tham gia, mà không xã nào được giao quá số người thuộc diện của mình; hãy sửa số liệu hoặc chỉ tiêu "
        f"(infeasible)")
    english = run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", "--lang", "en")
    assert english.stderr.splitlines()[-1] == (
        f"{communes}: mandatory: cannot split the target 15530: the communes' eligible people add up to only "
        f"15000, and no commune can be given more than it has eligible; correct the counts or the target "
        f"(infeasible)")


def test_headroom_needs_the_enrolled_column(tmp_path, english):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n1,A,10000\n2,B,5890\n", encoding="utf-8")
    result = run("allocate", "-c", str(communes), "-s", "mandatory", "--basis", "headroom")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{communes}:1: missing column 'mandatory_enrolled' (people enrolled in "
                                    f"mandatory insurance now)")


def test_bad_rows_in_the_communes_file_exit_1_with_row_and_column(tmp_path, english):
    communes = tmp_path / "c.csv"
    communes.write_text("code;name;mandatory_eligible\n1;A;15.89\n", encoding="utf-8")
    result = run("allocate", "-c", str(communes), "-s", "mandatory")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{communes}:2:mandatory_eligible: '15.89' is not a whole number")


def test_usage_errors(english):
    assert run("allocate", "-c", EXAMPLE, "--method", "borda").exit_code == 2
    assert run("allocate", "-c", EXAMPLE, "--basis", "people").exit_code == 2
    assert run("allocate").exit_code == 2
    result = run("allocate", "-c", "missing.csv")
    assert (result.exit_code, result.stderr) == (2, "bhxh: missing.csv: no such file\n")


def test_explain_shows_quota_priority_bound_and_ties():
    result = run("allocate", "-c", EXAMPLE, "-s", "voluntary", "--floor", "enrolled", "--explain", "-f", "json")
    document = json.loads(result.stdout)
    first = document["allocations"][0]
    assert list(first)[-5:] == ["quota", "remainder", "priority", "bound", "tie"]
    assert any(a["tie"] for a in document["allocations"])
    table = run("allocate", "-c", EXAMPLE, "-s", "voluntary", "--explain")
    assert "Tỷ lệ chung: 2,710% số người thuộc diện." in table.stdout


def test_floor_above_the_target_is_infeasible(tmp_path, own_plan):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible,mandatory_enrolled\n1,A,10000,9900\n2,B,5890,5890\n",
                        encoding="utf-8")
    for floor in ([], ["--floor", "enrolled"]):  # the floor is the default: the same error either way
        result = run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", *floor)
        assert result.exit_code == 1
        assert result.stderr == (
            f"{communes}: BHXH bắt buộc: không giữ được mọi xã ở mức không dưới số đang tham gia: các xã đang có "
            f"15.790 người tham gia, nhiều hơn chỉ tiêu 15.530 của huyện 260 người (đông nhất: 1 (A): 9.900, "
            f"2 (B): 5.890); hãy sửa số đang tham gia hoặc chỉ tiêu, hoặc thêm --no-floor để chia không giữ mức đó "
            f"(infeasible)\n")
    # the hint works: without the floor, the split is made
    assert run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", "--no-floor").exit_code == 0
    headroom = run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", "--basis", "headroom")
    assert headroom.exit_code == 1
    assert headroom.stderr.splitlines()[-1] == (
        f"{communes}: BHXH bắt buộc: các xã đang có 15.790 người tham gia, nhiều hơn chỉ tiêu 15.530 của huyện "
        f"260 người; căn cứ headroom (số người chưa tham gia) chỉ chia phần tăng thêm (hãy dùng --basis eligible "
        f"--no-floor) (infeasible)")
    assert run("allocate", "-c", str(communes), "-p", own_plan, "-s", "mandatory", "--basis", "eligible",
               "--no-floor").exit_code == 0


def test_a_flow_style_plan_is_written_back_whole(tmp_path):
    plan = tmp_path / "flow.yaml"
    plan.write_text('{version: 1, plan: {number: "1/KH", area: "Xã A", year: 2020, issued: 2020-01-02, '
                    'implements: ["102/NQ-CP"]}, schemes: {mandatory: {eligible: 15890, enrolled: 15530, '
                    'rate: 97.7}}}\n', encoding="utf-8")
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n1,A,10000\n2,B,5890\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert run("allocate", "-c", str(communes), "-p", str(plan), "-o", str(out)).exit_code == 0
    assert run("check", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('version: 1\nplan:\n  number: "1/KH"\n') and "issued: 2020-01-02" in text


def test_output_into_a_missing_folder_or_a_folder(tmp_path, english):
    result = run("allocate", "-c", EXAMPLE, "-o", str(tmp_path / "no" / "t.csv"))
    assert (result.exit_code, "does not exist" in result.stderr) == (2, True)
    result = run("allocate", "-c", EXAMPLE, "-o", str(tmp_path))
    assert result.exit_code == 2


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch, english):
    import bhxh_cli.output.files as writing

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", broken_replace)
    monkeypatch.setattr(writing.os, "link", broken_replace)  # a new file is linked into place, not renamed
    out = tmp_path / "t.csv"
    result = run("allocate", "-c", EXAMPLE, "-o", str(out))
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, f"bhxh: {out}: cannot be written (No space left on device)")
    assert os.listdir(tmp_path) == []
