"""Tables with names and no codes, end to end: what allocate writes, check passes and gap reads back."""

from __future__ import annotations

from typer.testing import CliRunner

from bhxh_cli.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_a_names_only_table_gives_a_plan_without_codes_that_check_passes_and_gap_reads(tmp_path):
    (tmp_path / "plan.yaml").write_text("version: 1\nplan: {number: 1/KH, area: Huyện X, year: 2026}\n"
                                        "schemes:\n  mandatory: {eligible: 400, enrolled: 300}\n", encoding="utf-8")
    (tmp_path / "communes.csv").write_text("name,mandatory_eligible,mandatory_enrolled\nXã A,100,50\nXã B,300,120\n",
                                           encoding="utf-8")
    split = tmp_path / "split.yaml"
    result = run("allocate", "-c", str(tmp_path / "communes.csv"), "-p", str(tmp_path / "plan.yaml"),
                 "-o", str(split))
    assert result.exit_code == 0, result.stderr
    assert "code:" not in split.read_text(encoding="utf-8")
    assert run("check", str(split)).exit_code == 0
    # a report names them without the prefix; "A" straight under the header is a commune, not column numbers
    (tmp_path / "report.csv").write_text("name,mandatory_enrolled\nA,60\nXã B,150\n", encoding="utf-8")
    result = run("gap", "-p", str(split), "-a", str(tmp_path / "report.csv"), "--as-of", "30/06/2026", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [",Xã B,mandatory,225,150,75,66.7,-25.0,75,172,behind",
                                             ",Xã A,mandatory,75,60,15,80.0,-15.0,15,62,behind"]


def test_a_row_whose_code_and_name_are_two_communes_is_refused(tmp_path, english):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2026}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"01\", name: Phường Tân Phong, mandatory: {eligible: 100, enrolled: 75}}\n"
                    "  - {code: \"02\", name: Phường Đoàn Kết, mandatory: {eligible: 300, enrolled: 225}}\n",
                    encoding="utf-8")
    report = tmp_path / "report.csv"
    report.write_text("Mã,Tên đơn vị,BB tham gia\n01,Phường Đoàn Kết,50\n", encoding="utf-8")
    result = run("gap", "-p", str(plan), "-a", str(report), "--as-of", "30/06/2026")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{report}:2:Tên đơn vị: code 01 is Phường Tân Phong in the plan, but this row names "
                             f"'Phường Đoàn Kết'; correct the code or the name (code-name-mismatch)\n")


def test_a_code_column_left_empty_throughout_is_a_table_of_names(tmp_path):
    from bhxh_cli.tables.communes import read_communes

    path = tmp_path / "t.csv"
    path.write_text("Mã,Tên,BB tham gia\n,Xã A,5\n,Xã B,6\n", encoding="utf-8")
    table = read_communes(str(path), required=["mandatory_enrolled"])
    assert [(r.code, r.name) for r in table.rows] == [("", "Xã A"), ("", "Xã B")]
    path.write_text("Mã,Tên,BB tham gia\n1,Xã A,5\n,Xã B,6\n", encoding="utf-8")  # one code given: all needed
    result = run("allocate", "-c", str(path), "-p", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2  # the plan is missing: the usage error comes first


def test_a_title_line_without_delimiters_does_not_decide_the_delimiter(tmp_path):
    from bhxh_cli.tables.communes import read_communes

    path = tmp_path / "t.csv"
    path.write_text("BÁO CÁO THÁNG 6\nTên đơn vị;BB tham gia\nXã A;5\n", encoding="utf-8")
    table = read_communes(str(path), required=["mandatory_enrolled"])
    assert (table.delimiter, [(r.name, r.counts) for r in table.rows]) == (";", [("Xã A", {"mandatory_enrolled": 5})])


def test_a_signature_block_after_the_communes_is_not_a_commune_with_a_total_at_the_top(tmp_path):
    from bhxh_cli.tables.communes import read_communes

    path = tmp_path / "t.csv"
    path.write_text("code,name,mandatory_enrolled\nTổng số,,150\n1,Xã A,100\n2,Xã B,50\n,Người lập biểu,\n"
                    ",Nguyễn Văn B,\n", encoding="utf-8")
    table = read_communes(str(path), required=["mandatory_enrolled"])
    assert [(r.code, r.name) for r in table.rows] == [("1", "Xã A"), ("2", "Xã B")]
    # a row with a code is a commune, counts or not: it is never skipped
    import pytest

    from bhxh_cli.diagnostics import InputError

    path.write_text("code,name,mandatory_enrolled\n1,Xã A,100\n2,Xã B,\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_communes(str(path), required=["mandatory_enrolled"])
    assert [d.rule for d in error.value.diagnostics] == ["missing-value"]
