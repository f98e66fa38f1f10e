"""Counts, codes and dates are written in the digits 0-9: str.isdigit() and int() also take every other
script's digits (١٢٣, １２３), so a cell in them would be read as a number silently; it is refused, named."""

import os

from hypothesis import given, strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.core.codes import foreign_digit, is_digits
from bhxh_cli.core.crosswalk import parse_share
from bhxh_cli.tables.communes import parse_count
from bhxh_cli.tables.headers import title_date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
HEADER = "code,name,mandatory_enrolled,voluntary_enrolled,unemployment_enrolled\n"


def gap(path):
    return CliRunner().invoke(app, ["gap", "--plan", PLAN, "--actual", str(path), "--as-of", "30/06/2020",
                                    "--scheme", "bb", "-f", "csv"], catch_exceptions=False)


def test_a_count_in_arabic_indic_digits_is_refused_naming_the_cell(tmp_path):
    path = tmp_path / "v_ar.csv"
    path.write_text(HEADER + "15664,Thị trấn Triệu Sơn,901,26,791\n15667,Xã Thọ Sơn,١٢٣,61,444\n", encoding="utf-8")
    result = gap(path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"{path}:3:mandatory_enrolled: '١٢٣' không phải số viết bằng chữ số 0-9 (có chữ số "
                             "'١', U+0661 ARABIC-INDIC DIGIT ONE); hãy gõ lại số người bằng chữ số 0-9, ví dụ "
                             "15890 hoặc 15.890 (not-a-count)\n")


def test_a_count_in_full_width_digits_is_refused_in_english_too(tmp_path, english):
    path = tmp_path / "v_fw.csv"
    path.write_text(HEADER + "15667,Xã Thọ Sơn,１２３,61,444\n", encoding="utf-8")
    result = gap(path)
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:2:mandatory_enrolled: '１２３' is not a number written in the digits 0-9 (it "
                             "has the digit '１', U+FF11 FULLWIDTH DIGIT ONE); type the count of people again in "
                             "the digits 0-9, e.g. 15890 or 15,890 (not-a-count)\n")


def test_the_helpers_name_the_first_foreign_digit():
    assert is_digits("15890") and not is_digits("١٢٣") and not is_digits("") and not is_digits("１")
    assert foreign_digit("12٣") == "'٣', U+0663 ARABIC-INDIC DIGIT THREE" and foreign_digit("15.890") is None


FOREIGN = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@given(st.text(alphabet="0123456789.,  -/%"), FOREIGN, st.text(alphabet="0123456789.,  -/%"))
def test_text_with_a_foreign_digit_is_never_a_number(before, digit, after):
    text = before + digit + after
    assert not isinstance(parse_count(text), int)
    assert parse_share(text) is None


@given(st.lists(st.one_of(FOREIGN, st.sampled_from("/.- ")), min_size=1, max_size=12))
def test_a_date_in_foreign_digits_is_never_read(chars):
    text = "".join(chars)
    assert title_date(f"Báo cáo ngày {text}") is None and title_date(f"Số liệu tháng {text}") is None


def test_a_code_in_other_digits_is_refused_in_a_table(tmp_path):
    path = tmp_path / "v_code.csv"
    path.write_text(HEADER + "15664,Thị trấn Triệu Sơn,901,26,791\n١٥٦٦٧,Xã Thọ Sơn,5,61,444\n", encoding="utf-8")
    result = gap(path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}:3:code: mã '١٥٦٦٧' có chữ số không phải 0-9 ('١', U+0661 ARABIC-INDIC DIGIT "
                             "ONE); hãy gõ lại mã bằng chữ số 0-9 (code-digits)\n")


def test_a_code_in_other_digits_is_refused_in_a_plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Tỉnh X, year: 2020}\nschemes:\n"
                    "  mandatory: {eligible: 400, enrolled: 300}\ncommunes:\n"
                    "  - {code: \"０１\", name: Xã A, mandatory: {eligible: 400, enrolled: 300}}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(plan)], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (1, "đã kiểm tra 1 tệp: 1 lỗi\n")
    assert result.stdout == (f"{plan}:6:12: communes[0].code: mã '０１' có chữ số không phải 0-9 ('０', U+FF10 "
                             "FULLWIDTH DIGIT ZERO); hãy gõ lại mã bằng chữ số 0-9 (code-digits)\n")
