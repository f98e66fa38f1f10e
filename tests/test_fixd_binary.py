"""A binary file given as a table (a program, a compressed file saved as .csv) is said to be no text, not "text
that looks like UTF-16"; UTF-16 text without a byte-order mark is still read as such."""

import gzip
import os
import random
import sys

import pytest
from typer.testing import CliRunner

from bhxh_cli.cli import app

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "data", "plan_2020_communes_example.yaml")
REPORT = os.path.join(ROOT, "data", "report_2020-06_example.csv")
VI = ("tệp không phải văn bản (có các byte nhị phân như của một chương trình, ảnh hay tệp nén), nên không phải bảng "
      "CSV; hãy chọn đúng tệp báo cáo, hoặc lưu lại từ Excel dạng 'CSV UTF-8' hay .xlsx (not-text)")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _program() -> bytes:
    with open(sys.executable, "rb") as handle:  # a program (an ELF, Mach-O or PE file): NULs everywhere
        return handle.read(65536)


def _compressed() -> bytes:
    with open(REPORT, "rb") as handle:
        return gzip.compress(handle.read() * 20)


def _random() -> bytes:
    return random.Random(7).randbytes(20000)


@pytest.mark.parametrize("content", [_program, _compressed, _random], ids=["program", "gzip", "random"])
def test_a_binary_file_is_said_to_be_no_text(tmp_path, content):
    path = tmp_path / "bao_cao_2020-06.csv"
    path.write_bytes(content())
    result = run("gap", "-p", PLAN, "-a", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{path}: {VI}\n"


def test_the_same_in_english(tmp_path, english):
    path = tmp_path / "ds.csv"
    path.write_bytes(_program())
    result = run("allocate", "-c", str(path), "-p", os.path.join(ROOT, "data", "plan_2020.yaml"),
                 "-o", str(tmp_path / "o.csv"))
    assert result.exit_code == 1
    assert result.stderr == (f"{path}: the file is not text (it holds binary bytes, as a program, an image or a "
                             f"compressed file does), so it is no CSV table; choose the right report, or save it "
                             f"from Excel as 'CSV UTF-8' or .xlsx (not-text)\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_still_read(tmp_path, encoding):
    path = tmp_path / "bao_cao_2020-06.csv"
    with open(REPORT, encoding="utf-8") as handle:
        path.write_bytes(handle.read().encode(encoding))
    result = run("gap", "-p", PLAN, "-a", str(path), "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout == run("gap", "-p", PLAN, "-a", REPORT, "-f", "csv").stdout


def test_broken_utf16_is_still_said_to_be_broken_utf16(tmp_path):
    path = tmp_path / "bao_cao_2020-06.csv"
    path.write_bytes("code,name\n".encode("utf-16-le") + b"\x00\xd8\x41\x00" + "x\n".encode("utf-16-le"))
    result = run("gap", "-p", PLAN, "-a", str(path))
    assert result.exit_code == 1
    assert "tệp trông như văn bản UTF-16 nhưng không phải; hãy lưu lại từ Excel (encoding)" in result.stderr
