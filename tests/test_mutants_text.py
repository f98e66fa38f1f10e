"""The core's text rules and plain data, stated where mutation testing found no core-level test: the cheap name
key and the name index (core/names.py), the rule for codes (core/codes.py), what a workbook's bytes are
(core/formats.py), and the plan as the computations see it (core/area.py)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from bhxh_cli.core.area import AreaPlan, AreaUnit, Figures
from bhxh_cli.core.codes import code_problem, invisible_character
from bhxh_cli.core.formats import misnamed, workbook_kind
from bhxh_cli.core import names
from bhxh_cli.core.names import NameIndex, name_key, normalized_name, scheme_of, split_prefix

# -- names -------------------------------------------------------------------------------------------


def test_the_name_key_drops_each_of_the_five_tone_marks_and_keeps_the_other_marks():
    # huyền, sắc, ngã, hỏi, nặng on one letter each; the circumflex of "â" and the horn of "ư" stay
    name = "  Xà   Xá\tXã Xả XẠ  Âu Ưng "
    assert name_key(name) == unicodedata.normalize("NFD", "xa xa xa xa xa âu ưng")
    assert name_key(name) == name_key(normalized_name(name))


def test_a_prefix_is_split_only_from_a_longer_name():
    town = normalized_name("Thị trấn")
    assert split_prefix(normalized_name("Thị trấn Nưa")) == (town, normalized_name("Nưa"))
    assert split_prefix(town) == ("", town)  # a prefix alone is no prefix
    assert split_prefix("ba đình") == ("", "ba đình")


def test_a_name_with_one_prefix_of_the_plan_and_one_without():
    index = NameIndex({"1": "Xã Ba Đình", "2": "Ba Đình"})
    assert index.matches("Xã Ba Đình") == ["1"]  # the exact one of two candidates
    assert index.matches("Ba Đình") == ["2"]
    assert index.matches("Phường Ba Đình") == ["2"]  # a different prefix never matches; no prefix may
    assert NameIndex({"1": "Xã Ba Đình"}).matches("Ba Đình") == ["1"]  # one candidate, prefix or not
    assert index.names == {"1": "Xã Ba Đình", "2": "Ba Đình"}


def test_the_nearest_names_compare_without_any_marks_or_prefix():
    index = NameIndex({"1": "Xã Đông Hòa", "2": "Phường Tây Sơn", "3": "Xã Đồng Hỷ", "4": "Xã A", "5": "Xã B"})
    assert index.nearest("dong hoa", 1) == ["Xã Đông Hòa"]
    assert index.nearest("Phường Dong-Hy", 1) == ["Xã Đồng Hỷ"]
    assert len(index.nearest("x")) == 3  # three by default


def test_the_fold_reads_đ_as_d():
    assert names._fold("Đồng ĐỘI, đông") == "dong doi dong"


@pytest.mark.parametrize(("text", "scheme"), [
    ("BHXH_bắt-buộc", "mandatory"), ("bhxh.tu/nguyen", "voluntary"), ("Bảo hiểm y tế", "health"),
    ("BHYT", "health"), ("bao  hiem,that nghiep", "unemployment"), ("bắt buộc x", None), ("", None)])
def test_scheme_names_without_marks_case_or_punctuation(text, scheme):
    assert scheme_of(text) == scheme

# -- codes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("01\u200b", "U+200B (ZERO WIDTH SPACE)"), ("\ufeff01", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ("0\x071", "U+0007"),  # a control character has no name
    ("01\t", None), ("0 1\n", None),  # spaces, which a strip removes, are not invisible characters
    ("\u00a001", None),  # no-break space: a space, not printable, and no format or control character
    ("01", None)])
def test_invisible_characters_are_named(text, found):
    assert invisible_character(text) == found


@pytest.mark.parametrize(("code", "problem"), [
    ("01\u200b", ("invisible", {"hidden": "U+200B (ZERO WIDTH SPACE)"}, "invisible-character")),
    ("   ", ("only_spaces", {}, "missing-value")),
    (" 01", ("spaces", {"code": " 01", "stripped": "01"}, "code-spaces")),
    ("01", None), ("0 1", None)])
def test_the_rule_for_codes(code, problem):
    assert code_problem(code) == problem

# -- formats -----------------------------------------------------------------------------------------


ODS = b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


@pytest.mark.parametrize(("raw", "kind"), [
    (b"PK\x03\x04" + b"x" * 5000 + b"xl/workbook.xml" + b"y" * 100, "xlsx"),  # named in the directory at the end
    (b"PK\x03\x04" + b"xl/workbook.xml" + b"y" * 2_000_000, "xlsx"),  # or near the start
    (b"PK\x03\x04" + b"y" * 5000 + b"xl/workbook.xml" + b"y" * 1_000_000, None),  # in neither place
    # exactly at the edges: the last 1,000,000 bytes and the first 4,096 must hold all of the name
    (b"PK\x03\x04" + b"y" * 5000 + b"xl/workbook" + b"y" * (1_000_000 - 10), None),
    (b"PK\x03\x04" + b"y" * 5000 + b"xl/workbook" + b"y" * (1_000_000 - 11), "xlsx"),
    (b"PK\x03\x04" + b"y" * (4096 - 4 - 10) + b"xl/workbook" + b"y" * 1_000_000, None),
    (b"PK\x03\x04" + b"y" * (4096 - 4 - 11) + b"xl/workbook" + b"y" * 1_000_000, "xlsx"),
    (b"PK\x03\x04" + b"\0" * (200 - 4 - 54 + 1) + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet", None),
    (b"PK\x03\x04" + b"\0" * (200 - 4 - 54) + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet", "ods"),
    (b"PK\x03\x04word/document.xml", None),
    (ODS, "ods"),
    (b"PK\x03\x04" + b"\0" * 200 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet", None),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "xls"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Book".encode("utf-16-le"), "xls"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), None),
    (b"code,name\n", None)])
def test_a_workbook_is_known_by_its_bytes(raw, kind):
    assert workbook_kind(raw) == kind


def test_a_misnamed_workbook_is_told_what_to_do():
    # the message's key and values (worded from the catalogs by the reader): what the bytes are, the name's
    # extension ("" for none, even with a dot in a folder's name), the extension to rename to
    assert misnamed("data/xa.csv", "xlsx") == ("rename", {"what": "kind.xlsx", "name_ext": ".csv", "extension": ".xlsx"})
    assert misnamed("dữ liệu/v1.2/bang", "xls") == ("rename", {"what": "kind.xls", "name_ext": "", "extension": ".xls"})
    assert misnamed("v1.2/bang.csv", "xlsx")[1]["name_ext"] == ".csv"
    assert misnamed("bang.xlsx", "ods") == ("ods", {"what": "kind.ods", "name_ext": ".xlsx", "extension": ".ods"})

# -- area --------------------------------------------------------------------------------------------


def test_figures_name_their_counts():
    figures = Figures(100, eligible=200, labour_force=300, population=400)
    assert [figures.count(n) for n in ("eligible", "labour_force", "population")] == [200, 300, 400]
    assert figures.whole == 200
    assert Figures(100, denominator="population", population=400).whole == 400


def test_the_plan_identity_and_its_units_parents_first():
    c1, c2, c3 = (AreaUnit(f"0{i}", f"Xã {i}", "xã", {}) for i in (1, 2, 3))
    d1 = AreaUnit("D1", "Huyện 1", "huyện", {}, [c1, c2])
    d2 = AreaUnit("D2", "Huyện 2", "huyện", {}, [c3])
    plan = AreaPlan(2, "12/KH-UBND", "Tỉnh X", 2026, {"health": Figures(1), "mandatory": Figures(2)}, [d1, d2],
                    title="Kế hoạch", issuer="UBND", kind="tỉnh", code="11", issued=dt.date(2026, 1, 5),
                    implements=("102/NQ-CP",), report_due=dt.date(2026, 7, 1))
    assert plan.plan is plan
    assert plan.schemes() == ["health", "mandatory"]
    assert list(plan.walk()) == [(1, None, d1), (2, d1, c1), (2, d1, c2), (1, None, d2), (2, d2, c3)]
    assert plan.identity() == {"number": "12/KH-UBND", "title": "Kế hoạch", "issuer": "UBND", "area": "Tỉnh X",
                               "kind": "tỉnh", "code": "11", "issued": "2026-01-05", "year": 2026,
                               "implements": ["102/NQ-CP"], "report_due": "2026-07-01"}
    bare = AreaPlan(1, "1", "Huyện Y", 2025, {})
    assert bare.identity() == {"number": "1", "title": None, "issuer": None, "area": "Huyện Y", "kind": None,
                               "code": None, "issued": None, "year": 2025, "implements": None, "report_due": None}
    assert list(bare.walk()) == []
