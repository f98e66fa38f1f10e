"""Columns of counts in a report or communes table: "TN …" is voluntary insurance, and a column of counts that
names no one scheme is never left out without a word."""

import json

from typer.testing import CliRunner

from bhxh_cli.cli import app

PLAN = "data/plan_2020_communes_example.yaml"


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_tn_headers_are_voluntary_insurance(tmp_path, monkeypatch):
    monkeypatch.chdir(__import__("os").path.dirname(__import__("os").path.dirname(__file__)))
    for header in ("TN thực hiện", "TN đang tham gia", "TN lũy kế", "BHXH TN thực hiện"):
        report = tmp_path / "r.csv"
        report.write_text(f"Mã xã,Tên xã,{header}\n15664,Thị trấn Triệu Sơn,61\n", encoding="utf-8")
        result = run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30", "-f", "json")
        assert result.exit_code == 0, (header, result.stderr)
        rows = json.loads(result.stdout)["rows"]
        assert [(r["code"], r["scheme"], r["actual"]) for r in rows if r["actual"] is not None] == [
            ("15664", "voluntary", 61)], header


def test_a_column_of_counts_of_no_one_scheme_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(__import__("os").path.dirname(__import__("os").path.dirname(__file__)))
    report = tmp_path / "r.csv"
    report.write_text("Mã xã,Tên xã,BB thực hiện,BB và TN lũy kế\n15664,Thị trấn Triệu Sơn,900,1000\n",
                      encoding="utf-8")
    result = run("gap", "--plan", PLAN, "--actual", str(report), "--as-of", "2020-06-30", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"cảnh báo: {report}: cột 'BB và TN lũy kế' có số liệu nhưng không rõ của loại hình nào, nên không được "
        f"đọc; nếu cần, hãy ghi tên loại hình vào tiêu đề cột (ví dụ 'BHXH tự nguyện đã tham gia' hoặc "
        f"voluntary_enrolled)")


def test_allocate_names_it_too(tmp_path, english):
    table = tmp_path / "xa.csv"
    table.write_text("code,name,mandatory_eligible,Cùng kỳ thực hiện\n01,Xã A,100,90\n02,Xã B,50,40\n",
                     encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, title: t, area: Huyện A, year: 2026}\n"
                    "schemes:\n  mandatory: {eligible: 150, enrolled: 100}\n", encoding="utf-8")
    result = run("allocate", "--communes", str(table), "--plan", str(plan), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert (f"warning: {table}: column 'Cùng kỳ thực hiện' holds counts but of no one scheme, so it is not read; "
            f"if it is needed, name the scheme in its header (e.g. 'BHXH tự nguyện đã tham gia' or "
            f"voluntary_enrolled)") in result.stderr.splitlines()
