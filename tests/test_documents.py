"""Documents an office signs and sends: workbooks in the form of Decree 30/2020/NĐ-CP (A4, Times New Roman,
margins, PHỤ BIỂU, the Kèm theo line, the column-number row), the progress chart, and the drafted report
(.docx) whose every number is checked against `bhxh gap --format json`."""

from __future__ import annotations

import json
import os
import re
import zipfile

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from docx.shared import Pt
from openpyxl import load_workbook
from typer.testing import CliRunner

from bhxh_cli.cli import app

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "data")
EXAMPLE = os.path.join(DATA, "communes_2020_example.csv")
PLAN = os.path.join(DATA, "plan_2020_communes_example.yaml")
REPORT = os.path.join(DATA, "report_2020-06_example.csv")
ATTACHED = "(Kèm theo Kế hoạch số 519/KH-UBND ngày 15/03/2020 của UBND huyện Triệu Sơn)"
GAP = ["gap", "-p", PLAN, "-a", REPORT, "--as-of", "2020-06-30"]
runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def written(tmp_path, *command, name="out.xlsx"):
    out = tmp_path / name
    result = run(*command, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def formulas(book):
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"}


def previous_report(tmp_path, less=7):
    """The June report with every count `less` lower (at least 0): a previous report for --previous."""
    lines = open(REPORT, encoding="utf-8").read().splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        code, name, *counts = line.split(",")
        rows.append(",".join([code, name] + [str(max(0, int(c) - less)) for c in counts]))
    path = tmp_path / "may.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


# -- workbooks as appendices ------------------------------------------------------------------------

WORKBOOKS = [
    (["rates"], 5),
    (["rates", PLAN, "--by", "commune"], 5),
    (["allocate", "-c", EXAMPLE], 5),
    (GAP, 5),
]


@pytest.mark.parametrize("command,header", WORKBOOKS)
def test_every_workbook_is_an_appendix_of_decree_30(tmp_path, command, header):
    book = load_workbook(written(tmp_path, *command))
    ws = book.worksheets[0]
    assert ws["A1"].value == "PHỤ BIỂU"
    assert ws["A2"].value == ws["A2"].value.upper() and "HUYỆN TRIỆU SƠN, TỈNH THANH HÓA" in ws["A2"].value
    assert ws["A3"].value == ATTACHED
    numbering = [c.value for c in ws[header + 2] if c.value is not None]
    assert numbering == [f"({i})" for i in range(1, ws.max_column + 1)]
    # A4, landscape for the wide tables, the decree's margins (mm → inches), one page wide, headers repeated
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    margins = {side: round(getattr(ws.page_margins, side) * 25.4, 1) for side in ("left", "right", "top", "bottom")}
    assert margins == {"left": 30.0, "right": 15.0, "top": 20.0, "bottom": 20.0}
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)  # 1 by default
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${header}:${header + 2}"
    fonts = {(c.font.name, c.font.sz) for row in ws.iter_rows() for c in row if c.value is not None}
    assert {name for name, _ in fonts} == {"Times New Roman"}
    assert ws["A2"].font.sz == 14 and ws["A2"].font.b and ws["A3"].font.i
    table = {size for row in ws.iter_rows(min_row=header) for c in row if c.value is not None
             for _, size in [(c.font.name, c.font.sz)]}
    assert table == {12}
    assert [place for place in formulas(book) if place[0] == ws.title] == []  # only a chart's own sheet has any


def test_a_plan_without_communes_has_its_area_row_and_no_empty_columns(tmp_path):
    ws = load_workbook(written(tmp_path, "rates")).worksheets[0]
    assert [ws.cell(5, c).value for c in range(1, 3)] == ["Xã, thị trấn", "Bảo hiểm xã hội bắt buộc"]
    assert [c.value for c in ws[8]][:2] == ["Huyện Triệu Sơn, tỉnh Thanh Hóa", 15890]
    assert all(c.value is None for c in ws[9])  # no total row under the one row
    assert "TỔNG SỐ" not in [c.value for row in ws.iter_rows() for c in row]


def test_the_attached_line_has_only_the_plans_own_fields(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 45/KH, area: Tỉnh Lai Châu, year: 2026}\n"
                    "schemes:\n  mandatory: {eligible: 1000, enrolled: 900}\n", encoding="utf-8")
    ws = load_workbook(written(tmp_path, "rates", str(plan))).worksheets[0]
    assert ws["A3"].value == "(Kèm theo Kế hoạch số 45/KH)"
    assert ws["A2"].value == "CHỈ TIÊU PHÁT TRIỂN ĐỐI TƯỢNG THAM GIA BHXH NĂM 2026 TRÊN ĐỊA BÀN TỈNH LAI CHÂU"
    assert ws.page_setup.orientation == "portrait"  # four columns fit the page upright
    english = load_workbook(written(tmp_path, "rates", "--lang", "en", name="en.xlsx")).worksheets[0]
    assert [english["A1"].value, english["A3"].value] == [
        "APPENDIX", "(Attached to Plan No. 519/KH-UBND of 15/03/2020 by UBND huyện Triệu Sơn)"]


def test_counts_and_rates_stay_numbers_for_the_readers_locale(tmp_path):
    ws = load_workbook(written(tmp_path, "allocate", "-c", EXAMPLE)).worksheets[0]
    total = [c for c in ws[42] if c.value is not None]
    assert total[0].value == "TỔNG SỐ"
    assert (total[1].value, total[1].number_format) == (15890, "#,##0")  # 15.890 in Vietnamese Excel
    assert (total[3].value, total[3].number_format) == (97.7, "0.0")  # 97,7 (enrolled now has no total)


def test_an_official_footnote_names_no_method_and_the_method_has_its_own_sheet(tmp_path):
    book = load_workbook(written(tmp_path, "allocate", "-c", EXAMPLE, "--method", "sainte-lague"))
    ws = book.worksheets[0]
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    assert "chia theo tỷ lệ số người thuộc diện tham gia, làm tròn để tổng khớp chỉ tiêu" in text
    assert "Sainte" not in text
    assert book.sheetnames == ["Chi tieu", "Cach tinh"]
    assert [c.value for c in book["Cach tinh"]["A"]] == [
        "Cách tính", "Chia theo số người thuộc diện tham gia (Sainte-Laguë); không xã nào vượt số thuộc diện hay dưới "
        "số đang tham gia."]


def test_signature_and_issuer_blocks(tmp_path):
    out = written(tmp_path, *GAP, "--signer", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A")
    ws = load_workbook(out).worksheets[0]
    assert [[c.value for c in ws[row] if c.value] for row in (1, 2)] == [
        ["UBND HUYỆN TRIỆU SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Độc lập - Tự do - Hạnh phúc"]]
    assert ws["A4"].value == "PHỤ BIỂU" and ws["A6"].value == ATTACHED
    signature = [v for row in ws.iter_rows(min_row=ws.max_row - 5) for v in (c.value for c in row) if v]
    assert signature == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


# -- the chart ----------------------------------------------------------------------------------------

def test_a_native_chart_per_scheme_laggards_first(tmp_path):
    out = written(tmp_path, *GAP)
    document = json.loads(run(*GAP, "-f", "json").stdout)  # the default order: laggards first
    book = load_workbook(out, data_only=True)
    assert book.sheetnames == ["Tien do", "Bieu do BHXH BB", "Bieu do BHXH TN", "Bieu do BHTN"]
    main = book["Tien do"]
    for number, scheme in enumerate(["mandatory", "voluntary", "unemployment"], start=1):
        sheet = book.worksheets[number]
        rows = [r for r in document["rows"] if r["scheme"] == scheme]
        assert [c.value for c in sheet[1]] == ["Xã, thị trấn", "Chỉ tiêu giao", "Đã tham gia", "Số người cần đạt theo tiến độ",
                                               "Đạt % chỉ tiêu", "% theo tiến độ"]
        shown = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        assert [r[0] for r in shown] == [r["name"] for r in rows]  # every commune, laggards first
        assert [r[1:5] for r in shown] == [[r["target"], r["actual"], r["expected"], r["achieved"]] for r in rows]
        assert all(r[5] == round(r[3] * 100 / r[1] + 1e-9, 1) for r in shown)
        xml = zipfile.ZipFile(out).read(f"xl/charts/chart{number}.xml").decode()
        name = sheet.title
        assert re.findall(r"<c:f>([^<]*)</c:f>", xml) == [
            f"'{name}'!$E$1", f"'{name}'!$A$2:$A$35", f"'{name}'!$E$2:$E$35",
            f"'{name}'!$F$1", f"'{name}'!$A$2:$A$35", f"'{name}'!$F$2:$F$35"]
        assert "<c:barChart>" in xml and "<c:lineChart>" in xml
    # the chart's figures follow the table: formulas of cell references only, never of text
    found = formulas(load_workbook(out))
    assert found and not [k for k in found if k[0] == "Tien do"]
    reference = re.compile(r"='Tien do'!\$?[A-Z]{1,3}\$?\d+|=IF\(B\d+=0,NA\(\),ROUND\([CD]\d+/B\d+\*100,1\)\)")
    assert all(reference.fullmatch(f) for f in found.values())
    # the first laggard's figure refers to that commune's row of the table
    row = int(found[("Bieu do BHXH BB", "C2")].rsplit("E", 1)[1])
    assert main.cell(row, 2).value == document["rows"][0]["code"]


def test_hostile_names_stay_text_in_the_chart_and_the_table(tmp_path):
    communes = tmp_path / "c.csv"
    communes.write_text('code,name,mandatory_eligible,mandatory_enrolled\n1,"=HYPERLINK(""http://x"")",100,50\n'
                        "2,+A1,80,40\n3,@SUM(A1),90,45\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    district = tmp_path / "d.yaml"
    district.write_text("version: 1\nplan: {number: 1/KH, area: Xã X, year: 2020}\n"
                        "schemes:\n  mandatory: {eligible: 270, enrolled: 200}\n", encoding="utf-8")
    assert run("allocate", "-c", str(communes), "-p", str(district), "-o", str(plan)).exit_code == 0
    report = tmp_path / "r.csv"
    report.write_text('code,name,mandatory_enrolled\n1,"=HYPERLINK(""http://x"")",10\n2,+A1,70\n3,@SUM(A1),5\n',
                      encoding="utf-8")
    out = written(tmp_path, "gap", "-p", str(plan), "-a", str(report), "--as-of", "2020-06-30")
    book = load_workbook(out)
    names = [c.value for c in book["Bieu do BHXH BB"]["A"]][1:]
    assert sorted(names) == sorted(['=HYPERLINK("http://x")', "+A1", "@SUM(A1)"])
    assert not [v for v in formulas(book).values() if "HYPERLINK" in v or "SUM" in v or "+A1" in v]
    docx = written(tmp_path, "gap", "-p", str(plan), "-a", str(report), "--as-of", "2020-06-30", name="r.docx")
    assert_no_fields(docx)
    assert '=HYPERLINK("http://x")' in "\n".join(p.text for p in Document(str(docx)).paragraphs)


# -- the drafted report -------------------------------------------------------------------------------

def assert_no_fields(path):
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                text = archive.read(name).decode("utf-8")
                assert "fldSimple" not in text and "instrText" not in text and "fldChar" not in text, name


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d.,]*\d|\d", text)


def vi_count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def vi_decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def test_the_reports_sentences_carry_the_json_numbers(tmp_path):
    may = previous_report(tmp_path)
    args = [*GAP, "--previous", may]
    document = json.loads(run(*args, "-f", "json").stdout)
    out = written(tmp_path, *args, "--signer", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A", name="bao_cao.docx")
    report = Document(str(out))
    paragraphs = [p.text for p in report.paragraphs]
    summaries = [p for p in paragraphs if p.startswith("Đến ngày 30/6/2020")]
    labels = {"mandatory": "BHXH bắt buộc", "voluntary": "BHXH tự nguyện", "unemployment": "bảo hiểm thất nghiệp"}
    assert len(summaries) == 3
    for sentence, (scheme, total) in zip(summaries, document["total"].items()):
        assert total["change_previous"] > 0 and total["gap"] > 0
        assert sentence == (f"Đến ngày 30/6/2020, toàn huyện có {vi_count(total['actual'])} người tham gia "
                            f"{labels[scheme]}, đạt {vi_decimal(total['achieved'])}% chỉ tiêu, tăng "
                            f"{vi_count(total['change_previous'])} người so với kỳ báo cáo trước; còn "
                            f"{vi_count(total['still_needed'])} người cần phát triển để hoàn thành chỉ tiêu.")
    behind = [p for p in paragraphs if p.startswith("Có ") and "chậm so với tiến độ" in p]
    assert len(behind) == 3
    for sentence, scheme in zip(behind, document["total"]):
        late = sorted((r for r in document["rows"] if r["scheme"] == scheme and r["status"] == "behind"),
                      key=lambda r: (-r["still_needed"], r["code"]))
        named = ", ".join(f"{r['name']} ({vi_count(r['still_needed'])} người)" for r in late)
        assert sentence == (f"Có {len(late)} xã, thị trấn chậm so với tiến độ, theo số người còn cần phát triển: "
                            f"{named}.")
    # the progress tables, in the appendix form, carry the same rows
    tables = report.tables[2:]
    assert len(tables) == 3
    for table, scheme in zip(tables, document["total"]):
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert cells[1] == [f"({i})" for i in range(1, 11)]
        rows = [r for r in document["rows"] if r["scheme"] == scheme]
        assert [row[1:5] for row in cells[2:-1]] == [
            [r["code"], r["name"], vi_count(r["target"]), vi_count(r["actual"])] for r in rows]
        assert cells[-1][2] == "TỔNG SỐ" and cells[-1][4] == vi_count(document["total"][scheme]["actual"])
    assert [p for p in paragraphs if p.startswith("PHỤ BIỂU")] == ["PHỤ BIỂU 01", "PHỤ BIỂU 02", "PHỤ BIỂU 03"]
    assert paragraphs.count("(Kèm theo Báo cáo số       /BC-UBND ngày     tháng     năm 2020 của UBND huyện "
                            "Triệu Sơn)") == 3
    assert_no_fields(out)


def test_the_reports_heading_signature_and_form(tmp_path):
    out = written(tmp_path, *GAP, "--signer", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A", name="bao_cao.docx")
    report = Document(str(out))
    heading = [[p.text for p in cell.paragraphs] for cell in report.tables[0].rows[0].cells]
    assert heading[0] == ["UBND HUYỆN TRIỆU SƠN", "―――――", "Số:       /BC-UBND"]
    assert heading[1] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "―――――――――――――",
                          "Triệu Sơn, ngày     tháng     năm 2020"]
    signature = [p.text for p in report.tables[1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    normal = report.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    fonts = report.styles["Normal"].element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"}
    text, appendix = report.sections
    assert (round(text.page_width.mm), round(text.page_height.mm)) == (210, 297)
    assert (round(appendix.page_width.mm), round(appendix.page_height.mm)) == (297, 210)
    for section in report.sections:
        assert [round(getattr(section, f"{s}_margin").mm) for s in ("top", "bottom", "left", "right")] == [
            20, 20, 30, 15]
    assert all(run.font.name in (None, "Times New Roman") for p in report.paragraphs for run in p.runs)
    # the header rows repeat on every page of a long appendix
    first = report.tables[2].rows[0]._tr
    assert first.trPr is not None and first.trPr.find(f"{{{first.nsmap['w']}}}tblHeader") is not None


def test_the_report_in_english_and_without_a_previous_report(tmp_path):
    document = json.loads(run(*GAP, "-f", "json").stdout)
    out = written(tmp_path, *GAP, "--lang", "en", name="report.docx")
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    total = document["total"]["mandatory"]
    assert (f"As of 30/6/2020, Huyện Triệu Sơn, tỉnh Thanh Hóa has {total['actual']:,} participants in mandatory "
            f"social insurance, {total['achieved']}% of the target; {total['still_needed']:,} more are needed to "
            f"reach the target.") in paragraphs
    assert not [p for p in paragraphs if "previous report" in p]
    assert "APPENDIX 01" in paragraphs


def test_a_met_and_an_exceeded_target_are_said_so(tmp_path):
    plan = tmp_path / "plan.yaml"
    district = tmp_path / "d.yaml"
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible,voluntary_eligible\n1,Xã A,100,100\n2,Xã B,100,100\n",
                        encoding="utf-8")
    district.write_text("version: 1\nplan: {number: 7/KH-UBND, area: Tỉnh Lai Châu, year: 2026}\nschemes:\n"
                        "  mandatory: {eligible: 200, enrolled: 100}\n  voluntary: {eligible: 200, enrolled: 100}\n",
                        encoding="utf-8")
    assert run("allocate", "-c", str(communes), "-p", str(district), "-o", str(plan)).exit_code == 0
    report = tmp_path / "r.csv"
    report.write_text("code,name,mandatory_enrolled,voluntary_enrolled\n1,Xã A,50,80\n2,Xã B,50,90\n",
                      encoding="utf-8")
    out = written(tmp_path, "gap", "-p", str(plan), "-a", str(report), "--as-of", "30/06/2026", name="r.docx")
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert ("Đến ngày 30/6/2026, toàn tỉnh có 100 người tham gia BHXH bắt buộc, đạt 100,0% chỉ tiêu; đã hoàn "
            "thành chỉ tiêu.") in paragraphs
    assert ("Đến ngày 30/6/2026, toàn tỉnh có 170 người tham gia BHXH tự nguyện, đạt 170,0% chỉ tiêu; vượt chỉ "
            "tiêu 70 người.") in paragraphs
    assert paragraphs.count("Không có xã, phường nào chậm so với tiến độ.") == 2


def test_control_characters_in_a_name_are_shown_as_escapes_in_the_report(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text('version: 1\nplan: {number: 7/KH-UBND, area: Huyện X, year: 2026}\nschemes:\n'
                    '  mandatory: {eligible: 100, enrolled: 80}\ncommunes:\n'
                    '  - {code: "1", name: "Xã \\x07Bell\\x1b", mandatory: {eligible: 100, enrolled: 80}}\n',
                    encoding="utf-8")
    report = tmp_path / "r.csv"
    report.write_text("code,name,mandatory_enrolled\n1,Xã Bell,10\n", encoding="utf-8")
    out = written(tmp_path, "gap", "-p", str(plan), "-a", str(report), "--as-of", "2026-06-30", name="r.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Xã \\x07Bell\\x1b (70 người)" in text


def test_a_report_needs_progress_and_only_gap_drafts_one(tmp_path, english):
    result = run("gap", "-p", PLAN, "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'r.docx'}: a drafted report (.docx) is of progress; give --actual FILE" in result.stderr
    result = run("rates", "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 2 and "cannot tell what to write from the extension '.docx'" in result.stderr
    assert not os.listdir(tmp_path)


def test_rates_takes_a_signer_too(tmp_path):
    ws = load_workbook(written(tmp_path, "rates", "--signer", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Lê Văn B")).active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts[:2] == ["UBND HUYỆN TRIỆU SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert texts[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn B"]


def test_beyond_forty_communes_the_chart_shows_the_forty_furthest_behind(tmp_path):
    communes = tmp_path / "c.csv"
    communes.write_text("code,name,mandatory_eligible,mandatory_enrolled\n" + "".join(
        f"{i:03d},Xã Số {i},{100 + i},{50 + i}\n" for i in range(45)), encoding="utf-8")
    district = tmp_path / "d.yaml"
    eligible = sum(100 + i for i in range(45))
    district.write_text(f"version: 1\nplan: {{number: 1/KH, area: Huyện X, year: 2020}}\nschemes:\n"
                        f"  mandatory: {{eligible: {eligible}, enrolled: {eligible * 9 // 10}}}\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    assert run("allocate", "-c", str(communes), "-p", str(district), "--floor", "enrolled", "-o", str(plan)).exit_code == 0
    report = tmp_path / "r.csv"
    report.write_text("code,name,mandatory_enrolled\n" + "".join(f"{i:03d},Xã Số {i},{60 + i}\n" for i in range(45)),
                      encoding="utf-8")
    args = ["gap", "-p", str(plan), "-a", str(report), "--as-of", "2020-09-30"]
    out = written(tmp_path, *args)
    document = json.loads(run(*args, "-f", "json").stdout)
    sheet = load_workbook(out)["Bieu do BHXH BB"]
    assert [c.value for c in sheet["A"]][1:] == [r["name"] for r in document["rows"][:40]]
    xml = zipfile.ZipFile(out).read("xl/charts/chart1.xml").decode()
    assert "'Bieu do BHXH BB'!$E$2:$E$41" in xml
    assert "BHXH bắt buộc: % chỉ tiêu đạt được so với tiến độ (40 xã chậm nhất)" in xml


@given(target=st.integers(0, 10**6), actual=st.integers(0, 10**6), previous=st.none() | st.integers(0, 10**6),
       lang=st.sampled_from(["vi", "en"]))
def test_a_summary_sentence_says_the_totals_numbers(target, actual, previous, lang):
    import datetime as dt

    from bhxh_cli.core.progress import progress
    from bhxh_cli.output.docx_report import summary_sentence

    p = progress(target=target, actual=actual, eligible=max(target, actual), baseline=None,
                 elapsed=__import__("fractions").Fraction(1, 2), previous=previous)
    total = {"scheme": "mandatory", "target": p.target, "actual": p.actual, "gap": p.gap, "achieved": p.achieved,
             "still_needed": p.still_needed, "change_previous": p.change}
    sentence = summary_sentence(total, dt.date(2020, 6, 30), "toàn huyện" if lang == "vi" else "the area", lang)
    said = [n.replace(".", "").replace(",", "") for n in numbers(sentence)]  # 15.392 / 15,392; 99,1 / 99.1
    expected = ["30", "6", "2020", str(actual)]
    if p.achieved is not None:
        expected.append(str(p.achieved).replace(".", ""))
    if p.change:
        expected.append(str(abs(p.change)))
    if p.gap:
        expected.append(str(abs(p.gap)))
    assert said == expected


def test_a_partial_report_speaks_only_for_the_communes_that_reported(tmp_path):
    split = tmp_path / "split.yaml"
    assert run("allocate", "-c", EXAMPLE, "-o", str(split)).exit_code == 0
    report = tmp_path / "r.csv"
    report.write_text("code,name,mandatory_enrolled,voluntary_enrolled,unemployment_enrolled\n"
                      "15664,Thị trấn Triệu Sơn,900,30,800\n15667,Xã Thọ Sơn,500,50,450\n", encoding="utf-8")
    out = written(tmp_path, "gap", "-p", str(split), "-a", str(report), "--as-of", "30/06/2020", name="r.docx")
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert ("Đến ngày 30/6/2020, 2/34 xã, thị trấn đã báo cáo có 1.400 người tham gia BHXH bắt buộc, đạt 96,0% "
            "chỉ tiêu của các đơn vị này; còn 59 người cần phát triển để các đơn vị này hoàn thành chỉ tiêu.") in paragraphs
    assert not any(p.startswith("Đến ngày 30/6/2020, toàn huyện") for p in paragraphs)


@pytest.mark.parametrize("command", [["rates"], ["allocate", "-c", EXAMPLE], GAP], ids=["rates", "allocate", "gap"])
def test_the_appendix_number_and_the_signature_block_on_every_workbook(tmp_path, command):
    out = written(tmp_path, *command, "--appendix", "02", "--signer", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A")
    ws = load_workbook(out).worksheets[0]
    column_a = [c.value for c in ws["A"]]
    assert "PHỤ BIỂU 02" in column_a
    assert column_a[0] == "UBND HUYỆN TRIỆU SƠN"
    assert any(c.value == "Nguyễn Văn A" for row in ws.iter_rows() for c in row)
