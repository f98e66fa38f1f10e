"""Numbers in messages, in the style of the language: in Vietnamese 15.890 and 94,986% as in the tables; a
value the user typed, or a number the message tells them to type into a file, as typed (YAML wants 15890 and
97.7); in English the plain digits the messages always had."""

from __future__ import annotations

from typer.testing import CliRunner

from bhxh_cli import messages
from bhxh_cli.cli import app
from test_allocate import OWN_PLAN  # a plan of one's own: the bundled one refuses communes not of its area

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, list(args), env=env)


def test_counts_and_decimals_in_vietnamese_style():
    values = {"eligible": 15890, "total": 7, "difference": "-890", "exact": "94.986", "year": 2025,
              "value": 15890, "count": True}
    assert messages.styled("any.key", values, "vi") == {
        "eligible": "15.890", "total": "7", "difference": "-890", "exact": "94,986", "year": 2025,
        "value": 15890, "count": True}  # a year, what the user typed, and a bool are left as they are
    assert messages.styled("any.key", {"difference": "+12345", "growth": "3.125", "low": "30"}, "vi") == {
        "difference": "+12.345", "growth": "3,125", "low": "30"}
    assert messages.tr("allocate.below_enrolled.other", "vi", scheme="BHXH tự nguyện", count=1234, of=10600) == (
        "lưu ý: BHXH tự nguyện: 1.234/10.600 xã có chỉ tiêu thấp hơn số đang tham gia")
    # English keeps the plain digits; a message that says what to type keeps them in Vietnamese too
    assert messages.styled("any.key", values, "en") == values
    assert messages.tr("plan.count.text", "vi", value="'15.890'", count=15890) == (
        "'15.890' là chữ, không phải số; hãy ghi 15890, không có ngoặc kép hay dấu phân cách")


def test_a_rate_mismatch_shows_the_exact_rate_with_a_comma_and_what_to_type_with_a_dot(tmp_path):
    plan = tmp_path / "r.yaml"
    plan.write_text("version: 1\nplan: {number: A, area: B, year: 2020}\nschemes:\n"
                    "  mandatory: {eligible: 15890, enrolled: 15530, rate: 97.5}\n", encoding="utf-8")
    result = run("check", str(plan))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{plan}:4:55: schemes.mandatory.rate: 97.5 không khớp với số tham gia/số thuộc diện = 15.530/15.890 = "
        f"97,734%; hãy ghi 97.7 hoặc sửa lại số liệu (rate-mismatch)")
    english = run("check", str(plan), env={"BHXH_LANG": "en"})
    assert "15530/15890 = 97.734%; write 97.7" in english.stdout


def own_plan(tmp_path) -> str:
    path = tmp_path / "own_plan.yaml"
    path.write_text(OWN_PLAN, encoding="utf-8")
    return str(path)


def test_a_warning_of_allocate_counts_with_thousands_dots(tmp_path):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible\n1,A,10000\n2,B,5890\n3,C,1000\n", encoding="utf-8")
    result = run("allocate", "-c", str(communes), "-p", own_plan(tmp_path), "-s", "mandatory")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"cảnh báo: {communes}: tổng số thuộc diện tham gia BHXH bắt buộc của các xã là 16.890, số của toàn địa bàn "
        f"trong kế hoạch là 15.890 (chênh +1.000); chỉ tiêu vẫn được giao")


def test_an_unknown_method_is_named_in_vietnamese():
    result = run("allocate", "-c", "data/communes_2020_example.csv", "--method", "borda")
    assert (result.exit_code, result.stderr) == (
        2, "bhxh: --method: không có phương pháp chia 'borda'; hãy chọn một trong adams, d'hondt, dhondt, "
           "hamilton, huntington-hill, jefferson, largest-remainder, sainte-lague, webster\n")


def test_headroom_short_and_a_commune_above_its_eligible_are_worded(tmp_path):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible,mandatory_enrolled\n1,A,8000,100\n2,B,5890,5800\n",
                        encoding="utf-8")
    plan = own_plan(tmp_path)
    result = run("allocate", "-c", str(communes), "-p", plan, "-s", "mandatory", "--basis", "headroom")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{communes}: BHXH bắt buộc: không thêm được 9.630 người vào số các xã đang có: số người chưa tham gia của "
        f"các xã chỉ có tổng cộng 7.990 (infeasible)")
    english = run("allocate", "-c", str(communes), "-p", plan, "-s", "mandatory", "--basis", "headroom",
                  "--lang", "en")
    assert english.stderr.splitlines()[-1] == (
        f"{communes}: mandatory: cannot add 9630 to what the communes have now: their people not yet covered add "
        f"up to only 7990 (infeasible)")
