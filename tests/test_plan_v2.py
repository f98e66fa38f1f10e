"""Plan format version 2: every rule a user can break, from the fixtures tree, under both YAML loaders."""

from __future__ import annotations

import glob
import os
import re

import pytest

from bhxh_cli.diagnostics import InputError
from bhxh_cli.plan import v2
from bhxh_cli.plan.loading import load_file

HERE = os.path.dirname(__file__)
GOOD = sorted(glob.glob(os.path.join(HERE, "fixtures", "plans_v2", "good", "*.yaml"))
              + glob.glob(os.path.join(HERE, "..", "data", "plan_*_v2*.yaml")))
BAD = sorted(glob.glob(os.path.join(HERE, "fixtures", "plans_v2", "bad", "*.yaml")))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (\S+)(?: \| (.*))?$", re.M)


def read_v2(path, loader):
    try:
        doc, problems, refused = load_file(path, loader=loader)
    except InputError as error:
        return None, error.diagnostics
    plan, more = v2.validate_document(doc, refused)
    return plan, sorted(problems + more, key=lambda d: (d.line or 0, d.column or 0))


@pytest.mark.parametrize("path", GOOD, ids=os.path.basename)
def test_good_plans_have_no_problems(path, loader):
    plan, problems = read_v2(path, loader)
    assert problems == []
    assert isinstance(plan, v2.PlanV2)


@pytest.mark.parametrize("path", BAD, ids=os.path.basename)
def test_bad_plan_reports_line_column_rule_and_message(path, loader, english):
    with open(path, "rb") as handle:
        expected = [(int(l), int(c), r.decode(), m.decode() if m else None)
                    for l, c, r, m in EXPECT.findall(handle.read())]
    assert expected, f"{path} has no '# expect:' line"
    _, found = read_v2(path, loader)
    assert [(d.line, d.column, d.rule) for d in found] == [(l, c, r) for l, c, r, _ in expected]
    for diagnostic, (_, _, _, message) in zip(found, expected):
        assert diagnostic.text() == f"{diagnostic.location()}: {message} ({diagnostic.rule})"


def figures(**values):
    return v2.SchemeFigures.model_validate(values)


def test_a_rate_target_is_the_smallest_count_that_reaches_it():
    health = figures(population=14361, target={"rate": 95.0})
    assert v2.target_count("health", health) == 13643
    assert v2.denominator_of("health", health) == "population"


def test_the_denominator_defaults_per_scheme_and_can_be_declared():
    mandatory = figures(eligible=20000, labour_force=40000, target={"rate": 45.0})
    assert v2.denominator_of("mandatory", mandatory) == "eligible"
    assert v2.target_count("mandatory", mandatory) == 9000
    declared = figures(eligible=20000, labour_force=40000, denominator="labour_force", target={"rate": 45.0})
    assert v2.target_count("mandatory", declared) == 18000
    own = figures(eligible=20000, labour_force=40000, target={"rate": 45.0, "of": "labour_force"})
    assert v2.target_count("mandatory", own) == 18000


def test_an_increase_is_added_to_the_baseline():
    voluntary = figures(eligible=70000, baseline=1500, target={"increase": 430})
    assert v2.target_count("voluntary", voluntary) == 1930
    assert v2.target_count("voluntary", figures(eligible=70000, target={"increase": 430})) is None


def test_other_documents_targets_are_kept_beside_the_one_measured_against():
    health = figures(population=1000, target={"rate": 95.15, "document": "546/QĐ-TTg"},
                     other_targets=[{"rate": 96.0, "document": "12/NQ-HĐND", "minimum": True}])
    assert v2.target_count("health", health) == 952
    assert v2.target_count("health", health, health.other_targets[0]) == 960
    assert health.other_targets[0].minimum is True


def test_every_scheme_of_the_table_is_a_key_of_a_plan():
    from bhxh_cli.core.schemes import SCHEME_TABLE

    assert list(v2.SchemeSet.model_fields) == [s.key for s in SCHEME_TABLE]
