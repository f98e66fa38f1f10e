"""The Word report makes every user text safe (safe.docx_cell): a control, bidirectional or zero-width
character in a plan's number, area, issuer, the signer or a name shows as a visible escape, on one line."""

import io
import re
import unicodedata
import zipfile

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bhxh_cli.cli import app
from bhxh_cli.diagnostics import UNSAFE
from bhxh_cli.output.docx_report import DraftedReport, ReportTable, docx_bytes
from bhxh_cli.output.safe import docx_cell

runner = CliRunner()


def hidden(char: str) -> bool:
    """A character a Word document must not hold raw: a control, a bidi or other format character, or one
    XML cannot hold."""
    return bool(UNSAFE.match(char)) or unicodedata.category(char) == "Cf" or char in "\ufffe\uffff"


def body(data: bytes) -> str:
    """word/document.xml without its XML declaration (whose line ends are the serializer's own)."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return xml.split("?>", 1)[1].lstrip("\r\n")


def texts(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return found


def test_docx_cell_shows_controls_bidi_and_zero_width_characters():
    assert docx_cell("-UBND\ttỉnh\r\nX") == "-UBND\\ttỉnh\\r\\nX"
    assert docx_cell("@Tỉnh \x1b[2J\u202e Hà") == "@Tỉnh \\x1b[2J\\u202e Hà"
    assert docx_cell("Xã\u200bA\ufeff\u2066\ufffe\U000e0001") == "Xã\\u200bA\\ufeff\\u2066\\ufffe\\U000e0001"
    assert docx_cell("Xã Thọ Sơn\xa0(1)") == "Xã Thọ Sơn\xa0(1)"


def report_of(text: str) -> DraftedReport:
    table = ReportTable("Phụ lục 01", "Tiêu đề " + text, "(Kèm theo " + text + ")",
                        [("STT", "count"), ("Tên", "text")], [[1, text], [2, "Xã " + text]], None)
    return DraftedReport(issuer=[text], number="Số: /BC-" + text, place_date=text + ", ngày", kind="BÁO CÁO",
                         subject="Tiến độ " + text, sections=[("1. " + text, ["Đoạn " + text])],
                         closing=[text], signer=["KT. " + text, text], tables=[table])


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_any_text_in_the_report_is_written_as_its_escaped_form(text):
    data = docx_bytes(report_of(text), "vi")
    xml = body(data)
    assert not [c for c in set(text) if hidden(c) and c in xml]
    assert not re.search(r"<w:(tab|br|cr)\b", xml)  # no real tab or line break from a text
    read = texts(data)
    assert "Đoạn " + docx_cell(text) in read
    assert "Xã " + docx_cell(text) in read
    assert docx_cell(text.upper()) in read


def test_the_testers_hostile_plan_reads_back_escaped(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text('version: 2\nplan:\n  number: "=HYPERLINK(1)|x"\n  issuer: "-UBND\\ttỉnh\\r\\nX"\n'
                    '  area: "@Tỉnh \\e[2J\\u202e Hà | Nam"\n  year: 2026\n'
                    'schemes:\n  mandatory: {eligible: 1000, baseline: 900, target: 950}\nunits:\n'
                    '  - {code: "1", name: "Xã \\u200bA", schemes: {mandatory: {eligible: 1000, baseline: 900, '
                    'target: 950}}}\n', encoding="utf-8")
    report = tmp_path / "r_2026-05.csv"
    report.write_text("code,name,mandatory_enrolled\n1,Xã A,920\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["gap", "-p", str(plan), "-a", str(report), "--signer", "CHỦ\tTỊCH / Nguyễn\u202eA",
                                 "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    xml = body(data)
    assert not [c for c in "\t\r\n\x1b\u202e\u200b" if c in xml]
    assert not re.search(r"<w:(tab|br|cr)\b", xml)
    read = texts(data)
    assert "-UBND\\tTỈNH\\r\\nX" in read
    assert "@Tỉnh \\x1b[2J\\u202e Hà | Nam, ngày     tháng     năm 2026" in read
    assert "CHỦ\\tTỊCH" in read and "Nguyễn\\u202eA" in read
    assert any("Xã \\u200bA" in text for text in read)
