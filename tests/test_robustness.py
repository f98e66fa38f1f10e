"""Whatever a user feeds in, the answer is a list of problems, never a crash: property tests that throw
arbitrary text at the plan loader and arbitrary bytes at the table reader."""

import string

import pytest
from conftest import LOADERS
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.diagnostics import InputError, UsageError
from bhxh_cli.plan.loading import parse
from bhxh_cli.plan.models import validate_document
from bhxh_cli.tables.communes import read_communes

PLAN = """version: 1
plan: {number: 1/KH, area: Xã Thọ Sơn, year: 2020}
schemes:
  mandatory: {eligible: 100, enrolled: 90}
communes:
  - {code: "1", name: A, mandatory: {eligible: 100, enrolled: 90}}
"""
YAMLISH = st.text(alphabet=string.printable + "ạệọơư&*!|>-:{}[]#'\"\u00a0", max_size=200)


def load(text, loader=None):
    try:
        doc, problems, refused = parse(text, "p.yaml", loader=loader)
        validate_document(doc, refused)
        for problem in problems:
            problem.text()
    except InputError as error:
        assert error.diagnostics and all(d.text() for d in error.diagnostics)


@pytest.mark.parametrize("loader", LOADERS)
@settings(max_examples=300, deadline=None)
@given(text=YAMLISH)
def test_arbitrary_text_never_crashes_the_loader(loader, text):
    load(text, loader)


@pytest.mark.parametrize("loader", LOADERS)
@settings(max_examples=300, deadline=None)
@given(position=st.integers(0, len(PLAN)), junk=YAMLISH)
def test_a_plan_with_junk_inserted_never_crashes(loader, position, junk):
    load(PLAN[:position] + junk + PLAN[position:], loader)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400), header=st.booleans())
def test_arbitrary_bytes_never_crash_the_table_reader(tmp_path_factory, data, header):
    path = tmp_path_factory.mktemp("t") / "c.csv"
    path.write_bytes((b"code,name,mandatory_eligible\n" if header else b"") + data)
    try:
        read_communes(str(path), required=["mandatory_eligible"], optional=["mandatory_enrolled"])
    except (InputError, UsageError):
        pass
