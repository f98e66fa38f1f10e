"""`allocate -o PLAN.yaml` on a version 2 plan writes the layout the fast reader of plan/loading.py takes
(`_written_units`), and on whatever it writes the fast and the careful readers give the same plan."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhxh_cli.plan import loading
from bhxh_cli.plan.planfile import v2_plan_text
from tests.test_allocate_v2 import plan, run
from tests.test_fast_paths import _findings_v2

pytestmark = pytest.mark.usefixtures("english_module")  # _findings_v2 compares the English wording

_HEAD = {"version": 2, "plan": {"number": "1/KH", "area": "Tỉnh Mẫu", "year": 2026}}


def _fast(text: str) -> dict | None:
    return loading._written_units(text, loading._DEFAULT_LOADER)


def _careful(text: str):
    parser = loading._DEFAULT_LOADER(text)
    try:
        return loading._fast_build(parser.get_event)
    finally:
        parser.dispose()


def test_a_plan_allocate_wrote_is_read_on_the_fast_path(tmp_path):
    units = "".join(
        f'  - code: "{d:02d}"\n    name: Huyện {d}\n    kind: huyện\n    schemes:\n'
        f"      mandatory: {{eligible: {300 * 4}}}\n      health: {{population: {900 * 4}}}\n    units:\n" + "".join(
            f'      - {{code: "{d:02d}{c}", name: Xã {d}-{c}, kind: xã, schemes: {{mandatory: {{eligible: 300, '
            f"enrolled: 200}}, health: {{population: 900, enrolled: 800}}}}}}\n" for c in range(4))
        for d in range(30))
    source = plan(tmp_path, "version: 2\nplan: {number: 1/KH, area: Tỉnh Mẫu, year: 2026}\nschemes:\n"
                            f"  mandatory: {{eligible: {300 * 120}, target: 30000}}\n"
                            f"  health: {{population: {900 * 120}, target: {{rate: 95.0}}}}\nunits:\n" + units)
    out = tmp_path / "out.yaml"
    result = run("allocate", "-p", source, "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    text = out.read_text(encoding="utf-8")
    assert len(text) > loading._WRITTEN_MIN  # long enough that reading it tries the fast path
    data = _fast(text)
    assert data is not None  # taken
    assert data == _careful(text)
    assert data["units"][0]["units"][0] == {"code": "000", "name": "Xã 0-0", "kind": "xã", "schemes": {
        "mandatory": {"eligible": 300, "enrolled": 200, "target": 250},
        "health": {"population": 900, "enrolled": 800, "target": 855}}}
    assert _findings_v2(str(out), written=True) == _findings_v2(str(out), written=False)
    assert (run("check", str(out)).exit_code, run("check", str(out)).stdout) == (0, "")


def test_the_units_are_written_last_whatever_the_source_s_order(tmp_path):
    text = v2_plan_text({"version": 2, "units": [{"name": "Xã A", "schemes": {"mandatory": {"eligible": 1}}}],
                         "plan": _HEAD["plan"], "schemes": {"mandatory": {"eligible": 1}}}, "made by a test")
    assert text.splitlines()[0] == "# made by a test"
    assert text.splitlines()[-4:] == ["units:", '  - name: "Xã A"', "    schemes:", "      mandatory: {eligible: 1}"]
    assert _fast(text) == _careful(text)


# Names as offices write them, and what YAML writes otherwise (quotes, backslashes, line breaks of every kind,
# a BOM, controls, words YAML 1.1 reads as something else): the writer escapes or quotes them, and the fast
# reader either reads exactly what YAML reads or leaves the file to YAML.
_CLEAN = list("Xã Thọ Hóa-0123 ’#:{}',.()") + ["Phường", "Đặc khu", "thị trấn"]
_ODD = _CLEAN + ['"', "\\", "\t", "\x85", "\u2028", "\ufeff", "\x7f", "\x00", "\r", "\n", "\u0301", "\U0001f3e0",
                 "yes", "No", "null", "~", "007", "1.5", "2026-01-01", " "]
_KINDS = st.sampled_from([None, "xã", "phường", "thị trấn", "huyện", "nhóm", "đặc khu", "thôn"])
_FIELDS = st.sampled_from(["eligible", "labour_force", "population", "enrolled", "baseline", "target"])


def _units(alphabet: list[str]):
    text = st.lists(st.sampled_from(alphabet), min_size=1, max_size=6).map("".join)
    figures = st.dictionaries(_FIELDS, st.integers(0, 10**9), min_size=1, max_size=4)
    schemes = st.dictionaries(st.sampled_from(["mandatory", "voluntary", "unemployment", "health"]), figures,
                              min_size=1, max_size=4)

    def unit(children):
        return st.fixed_dictionaries({"name": text, "schemes": schemes},
                                     optional={"code": text, "kind": _KINDS.filter(bool), "units": children})

    leaf = unit(st.nothing())
    return st.lists(st.recursive(leaf, lambda below: unit(st.lists(below, min_size=1, max_size=3)), max_leaves=8),
                    min_size=1, max_size=4)


def _ordered(unit: dict) -> dict:
    """A unit's keys in the order the writer gives them (code, name, kind, schemes, units)."""
    out = {key: unit[key] for key in ("code", "name", "kind", "schemes") if key in unit}
    if "units" in unit:
        out["units"] = [_ordered(child) for child in unit["units"]]
    return out


@settings(max_examples=200, deadline=None)
@given(_units(_CLEAN))
def test_every_plan_of_office_names_is_written_for_the_fast_reader(units):
    units = [_ordered(u) for u in units]
    text = v2_plan_text({**_HEAD, "schemes": {"mandatory": {"eligible": 1}}, "units": units}, "made by a test")
    data = _fast(text)
    assert data is not None  # taken
    assert data == _careful(text)
    assert data["units"] == units


@settings(max_examples=200, deadline=None)
@given(_units(_ODD))
def test_the_fast_and_careful_readers_give_the_same_plan_on_any_written_plan(units):
    text = v2_plan_text({**_HEAD, "schemes": {"mandatory": {"eligible": 1}}, "units": [_ordered(u) for u in units]},
                        "made by a test")
    data = _fast(text)
    if data is not None:  # taken: exactly what YAML reads
        assert data == _careful(text)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plan.yaml")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        assert _findings_v2(path, written=True) == _findings_v2(path, written=False)
