"""The plan format: every rule a user can break, from the fixtures tree, under both YAML loaders."""

import glob
import os
import re

import pytest

from bhxh_cli.core.names import normalized_name
from bhxh_cli.diagnostics import InputError
from bhxh_cli.plan.models import (
    Plan,
    bundled_plan,
    commune_problems,
    read_plan,
)

HERE = os.path.dirname(__file__)
GOOD = sorted(glob.glob(os.path.join(HERE, "fixtures", "plans", "good", "*.yaml")))
BAD = sorted(glob.glob(os.path.join(HERE, "fixtures", "plans", "bad", "*.yaml")))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (\S+)(?: \| (.*))?$", re.M)


def problems_of(path, loader):
    try:
        return read_plan(path, loader=loader)[2]
    except InputError as error:
        return error.diagnostics


@pytest.mark.parametrize("path", GOOD, ids=os.path.basename)
def test_good_plans_have_no_problems(path, loader):
    doc, plan, problems = read_plan(path, loader=loader)
    assert problems == []
    assert isinstance(plan, Plan)


@pytest.mark.parametrize("path", BAD, ids=os.path.basename)
def test_bad_plan_reports_line_column_rule_and_message(path, loader, english):
    with open(path, "rb") as handle:
        expected = [(int(l), int(c), r.decode(), m.decode() if m else None)
                    for l, c, r, m in EXPECT.findall(handle.read())]
    assert expected, f"{path} has no '# expect:' line"
    found = problems_of(path, loader)
    assert [(d.line, d.column, d.rule) for d in found] == [(l, c, r) for l, c, r, _ in expected]
    for diagnostic, (_, _, _, message) in zip(found, expected):
        assert diagnostic.file == path
        if message is not None:  # syntax errors are worded by the parser, which differs between loaders
            text = diagnostic.text()
            assert text == f"{diagnostic.location()}: {message} ({diagnostic.rule})"


def test_bundled_plan_encodes_the_seed():
    _, plan, problems = read_plan(None)
    assert problems == []
    counts = {name: (c.eligible, c.enrolled, c.rate) for name, c in plan.schemes.items()}
    assert counts == {"mandatory": (15890, 15530, 97.7), "voluntary": (71313, 1930, 2.7),
                      "unemployment": (14360, 13640, 95.0)}
    assert plan.plan.number == "519/KH-UBND" and plan.plan.year == 2020
    assert os.path.exists(bundled_plan())


def test_unreadable_and_missing_files_are_usage_errors(tmp_path, english):
    from bhxh_cli.diagnostics import UsageError

    with pytest.raises(UsageError, match="no such file"):
        read_plan(str(tmp_path / "nope.yaml"))
    with pytest.raises(UsageError, match="is a folder"):
        read_plan(str(tmp_path))


def test_files_over_20_mb_are_refused(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(InputError) as caught:
        read_plan(str(big))
    assert caught.value.diagnostics[0].rule == "file-too-large"


def test_all_problems_of_a_file_are_reported(loader, tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("version: 1\nplan: {number: 1, area: A, year: 2020}\nschemes:\n"
                    "  mandatory: {eligible: 10, enrolled: 11}\n  voluntary: {eligible: 15.890, enrolled: 1}\n"
                    "  unemployment: {eligible: 5, enrolled: 5, rate: 90}\n", encoding="utf-8")
    rules = [(d.line, d.rule) for d in problems_of(str(path), loader)]
    assert rules == [(2, "wrong-type"), (4, "enrolled-above-eligible"), (5, "yaml-trap"), (6, "rate-mismatch")]


def test_names_compare_after_nfc_and_casefold():
    assert normalized_name("Xã Thái Hòa") == normalized_name("XÃ THÁI HO\u0300A")
    assert normalized_name(" Xã  Thọ Sơn ") == normalized_name("xã thọ sơn")
    assert normalized_name("Hóa") == normalized_name("Hoá")  # old and new tone-mark placement
    assert normalized_name("Thủy") == normalized_name("Thuỷ")
    assert normalized_name("Thọ Sơn") != normalized_name("Thổ Sơn")  # a different tone is a different name
    assert normalized_name("Hòa") != normalized_name("Hóa")


def test_commune_problems_accepts_a_consistent_split(loader):
    _, plan, _ = read_plan(os.path.join(HERE, "fixtures", "plans", "good", "with_communes.yaml"), loader=loader)
    assert commune_problems(plan) == []


def test_quoted_values_are_always_text(loader, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text('version: 1\nplan: {number: "015667", area: "yes", year: 2020, title: "1:30"}\n'
                    "schemes:\n  mandatory: {eligible: 1, enrolled: 1}\n", encoding="utf-8")
    _, plan, problems = read_plan(str(path), loader=loader)
    assert problems == []
    assert (plan.plan.number, plan.plan.area, plan.plan.title) == ("015667", "yes", "1:30")


def test_thousands_dot_in_a_rate_is_a_decimal(loader, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("version: 1\nplan: {number: A, area: A, year: 2020}\n"
                    "schemes:\n  mandatory: {eligible: 1000, enrolled: 27, rate: 2.700}\n", encoding="utf-8")
    assert read_plan(str(path), loader=loader)[2] == []
