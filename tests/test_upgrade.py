"""`upgrade`: a version 1 plan written as version 2 means the same and keeps every comment."""

from __future__ import annotations

import os
import re

import pytest

from bhxh_cli.messages import catalog
from bhxh_cli.plan import v2
from bhxh_cli.plan.loading import load_file
from bhxh_cli.plan.models import read_plan
from bhxh_cli.plan.upgrade import kind_from_name, upgrade_text

HERE = os.path.dirname(__file__)
V1_PLANS = [os.path.join(HERE, "..", "data", "plan_2020.yaml"),
            os.path.join(HERE, "..", "data", "plan_2020_communes_example.yaml"),
            os.path.join(HERE, "fixtures", "plans", "good", "with_communes.yaml"),
            os.path.join(HERE, "fixtures", "plans", "good", "minimal.yaml")]


def comments(text: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(r"#.*", text)]


@pytest.mark.parametrize("path", V1_PLANS, ids=os.path.basename)
def test_an_upgraded_plan_means_the_same_and_keeps_its_comments(path, tmp_path):
    text = open(path, encoding="utf-8").read()
    _, old, problems = read_plan(path)
    assert problems == []
    upgraded = upgrade_text(text)
    # every comment kept; an editor's schema line now names the version 2 schema
    # every comment kept; an editor's schema line now names the version 2 schema, and what allocate's comment
    # says of the keys is said in version 2's keys
    expected = text.replace("plan-v1.schema.json", "plan.schema.json")
    for lang in ("vi", "en"):
        expected = expected.replace(catalog(lang)["plan_comment.v1_keys"], catalog(lang)["plan_comment.v2_keys"])
    assert comments(upgraded) == comments(expected)
    target = tmp_path / "plan.yaml"
    target.write_text(upgraded, encoding="utf-8")
    doc, problems, refused = load_file(str(target))
    new, more = v2.validate_document(doc, refused)
    assert problems + more == []
    assert new.plan.model_dump() == {**old.plan.model_dump(), "kind": None, "code": None}
    for scheme, figures in old.schemes.items():
        upgraded_figures = getattr(new.schemes, scheme)
        assert (upgraded_figures.eligible, upgraded_figures.target, upgraded_figures.rate,
                upgraded_figures.baseline) == (figures.eligible, figures.enrolled, figures.rate, figures.baseline)
    assert len(new.units or []) == len(old.communes or [])
    for unit, commune in zip(new.units or [], old.communes or []):
        assert (unit.code, unit.name, unit.kind) == (commune.code, commune.name, kind_from_name(commune.name))
        for scheme, figures in commune.items():
            assert getattr(unit.schemes, scheme).target == figures.enrolled


def test_block_and_flow_styles_stay_as_they_were():
    text = ('version: 1\nplan: {number: 1/KH, area: A, year: 2020}\nschemes:\n  mandatory:\n'
            '    eligible: 10   # thuộc diện\n    enrolled: 6    # chỉ tiêu\ncommunes:\n'
            '  - {code: "1", name: Xã A, mandatory: {eligible: 4, enrolled: 2}}\n'
            '  - code: "2"\n    name: Làng B\n    mandatory:  # block\n      eligible: 6\n      enrolled: 4\n')
    assert upgrade_text(text) == (
        'version: 2\nplan: {number: 1/KH, area: A, year: 2020}\nschemes:\n  mandatory:\n'
        '    eligible: 10   # thuộc diện\n    target: 6      # chỉ tiêu\nunits:\n'
        '  - {code: "1", name: Xã A, kind: xã, schemes: {mandatory: {eligible: 4, target: 2}}}\n'
        '  - code: "2"\n    name: Làng B\n    schemes:\n      mandatory: # block\n        eligible: 6\n'
        '        target: 4\n')


@pytest.mark.parametrize("name, kind", [("Xã Thọ Sơn", "xã"), ("THỊ TRẤN Nưa", "thị trấn"), ("Phường 1", "phường"),
                                        ("Đặc khu Phú Quốc", "đặc khu"), ("Xãhội", None), ("Thọ Sơn", None)])
def test_the_kind_comes_from_the_name_only_when_it_says_it(name, kind):
    assert kind_from_name(name) == kind


@pytest.mark.parametrize("path", V1_PLANS, ids=os.path.basename)
def test_a_v1_plan_and_its_upgrade_are_the_same_plan_to_every_computation(path, tmp_path):
    import dataclasses

    from bhxh_cli.plan.view import from_v1, from_v2

    _, old, _ = read_plan(path)
    target = tmp_path / "plan.yaml"
    target.write_text(upgrade_text(open(path, encoding="utf-8").read()), encoding="utf-8")
    doc, _, refused = load_file(str(target))
    new, _ = v2.validate_document(doc, refused)
    assert dataclasses.replace(from_v2(new), version=1) == from_v1(old)


# -- the command ---------------------------------------------------------------------------------------------

def run(*args):
    from typer.testing import CliRunner

    from bhxh_cli.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_plan_upgrade_prints_the_version_2_plan_with_its_comments():
    result = run("plan", "upgrade", V1_PLANS[0])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3:6] == ["# yaml-language-server: $schema=../schema/plan.schema.json",
                                               "version: 2", "plan:"]
    assert "    target: 15530     # số người tham gia (chỉ tiêu)" in result.stdout


def test_plan_upgrade_writes_a_file_that_check_passes(tmp_path, english):
    out = tmp_path / "v2.yaml"
    result = run("plan", "upgrade", V1_PLANS[1], "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out}: plan format version 2, 34 communes as units\n"
    assert run("check", str(out)).exit_code == 0
    assert run("plan", "upgrade", V1_PLANS[1], "-o", str(out)).exit_code == 2  # never over a file without --force


def test_a_version_2_plan_is_not_upgraded_again(tmp_path, english):
    out = tmp_path / "v2.yaml"
    assert run("plan", "upgrade", V1_PLANS[0], "-o", str(out)).exit_code == 0
    result = run("plan", "upgrade", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{out}:5:10: version: is already plan format version 2; there is nothing to upgrade (already-v2)\n"


def test_an_invalid_plan_is_not_upgraded(tmp_path):
    bad = os.path.join(HERE, "fixtures", "plans", "bad", "sum_mismatch.yaml")
    result = run("plan", "upgrade", bad)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "sum-mismatch" in result.stderr


def split_and_upgrade(tmp_path, baseline: str = "", *options: str):
    """A two-commune v1 plan split by allocate (-o split.yaml, with `options`), then upgraded (v2.yaml)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("version: 1\nplan: {number: 1/KH, area: Huyện X, year: 2026}\nschemes:\n"
                    f"  mandatory: {{eligible: 400, enrolled: 300{baseline}}}\n", encoding="utf-8")
    table = tmp_path / "communes.csv"
    table.write_text("code,name,mandatory_eligible,mandatory_enrolled\n1,Xã A,100,50\n2,Xã B,300,120\n",
                     encoding="utf-8")
    split, upgraded = tmp_path / "split.yaml", tmp_path / "v2.yaml"
    assert run("allocate", "-p", str(plan), "-c", str(table), "-o", str(split), *options).exit_code == 0
    assert run("plan", "upgrade", str(split), "-o", str(upgraded)).exit_code == 0
    return split, upgraded


def test_a_plan_split_by_allocate_upgrades_to_a_plan_check_passes(tmp_path):
    # allocate writes each commune's enrolment now as its v1 `baseline`; the district's baseline is last year's
    _, upgraded = split_and_upgrade(tmp_path, ", baseline: 180")
    assert run("check", str(upgraded)).exit_code == 0
    assert "mandatory: {eligible: 100, target: 75, enrolled: 50}" in upgraded.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_comment_allocate_wrote_says_the_keys_of_version_2_after_upgrade(tmp_path, lang):
    words = catalog(lang)
    assert words["plan_comment.v1_keys"] in words["plan_comment.allocate"]  # what upgrade looks for is written
    split, upgraded = split_and_upgrade(tmp_path, "", "--lang", lang)
    assert words["plan_comment.v1_keys"] in split.read_text(encoding="utf-8")
    text = upgraded.read_text(encoding="utf-8")
    assert words["plan_comment.v2_keys"] in text and words["plan_comment.v1_keys"] not in text
