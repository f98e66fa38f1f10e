"""A clean version-2 plan read without pydantic (plan/plain_v2.py) gives exactly what the models give: the
same plan, the same findings, the same computations; anything the models refuse is left to them."""

from __future__ import annotations

import copy
import datetime
import glob
import math
import os
import subprocess
import sys

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bhxh_cli.diagnostics import InputError
from bhxh_cli.plan import plain_v2, v2, v2_rules
from bhxh_cli.plan.reading import read_any_plan, validate_v2

HERE = os.path.dirname(__file__)
DATA = os.path.join(HERE, "..", "data")
V2_FILES = sorted(glob.glob(os.path.join(HERE, "fixtures", "**", "*.yaml"), recursive=True)
                  + glob.glob(os.path.join(DATA, "*.yaml")))


def _text(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


V2_FILES = [path for path in V2_FILES if "version: 2" in _text(path)]
V1_FIXTURES = sorted(glob.glob(os.path.join(HERE, "fixtures", "plans", "*", "*.yaml")))
CLEAN = [os.path.join(DATA, name) for name in ("plan_2020_thanh_hoa_v2.yaml", "plan_2026_lai_chau_health.yaml",
                                               "plan_2026_lai_chau_v2.yaml", "plan_2026_lai_chau_v2_counts.yaml")]

pytestmark = pytest.mark.usefixtures("english_module")


def _dumps(plan) -> list:
    """Every dump the writers and tests use, as text: dicts compare equal in any order, their repr does not,
    and 95 is not 95.0."""
    return [repr(plan.model_dump(mode=mode, exclude_none=exclude_none))
            for mode in ("python", "json") for exclude_none in (False, True)]


def _read_both_ways(path: str, loader=None):
    """What read_any_plan gives for this file with plain_v2.clean_plan on, and with it off (the models alone)."""
    def findings():
        try:
            doc, plan, problems = read_any_plan(path, loader=loader)
        except InputError as error:
            return None, [d.text() for d in error.diagnostics]
        return (_dumps(plan) if plan is not None else None), [d.text() for d in problems]

    fast = findings()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plain_v2, "clean_plan", lambda data: None)
        slow = findings()
    return fast, slow


def test_the_plan_files_of_version_2_are_found():
    assert len(V2_FILES) >= 30 and set(CLEAN) <= set(V2_FILES)


@pytest.mark.parametrize("path", V2_FILES, ids=os.path.basename)
def test_every_v2_plan_file_reads_the_same_without_the_models(path, loader):
    fast, slow = _read_both_ways(path, loader)
    assert fast == slow


def _upgraded() -> list[tuple[str, str]]:
    """(name, text as version 2) of every v1 plan fixture that `plan upgrade` can rewrite (not the ones that are
    not UTF-8 or not YAML at all)."""
    from bhxh_cli.plan.upgrade import upgrade_text

    out = []
    for path in V1_FIXTURES:
        try:
            with open(path, encoding="utf-8") as handle:
                out.append((os.path.basename(path), upgrade_text(handle.read())))
        except Exception:  # noqa: BLE001 - the v1 tests have these
            continue
    return out


V1_UPGRADED = _upgraded()


def test_most_v1_fixtures_are_upgraded():
    assert len(V1_UPGRADED) >= 30


@pytest.mark.parametrize("name, text", V1_UPGRADED, ids=[name for name, _ in V1_UPGRADED])
def test_every_v1_fixture_upgraded_reads_the_same_without_the_models(name, text, tmp_path):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    fast, slow = _read_both_ways(str(path))
    assert fast == slow


@pytest.mark.parametrize("path", CLEAN, ids=os.path.basename)
def test_a_clean_plan_takes_the_fast_path_and_equals_the_models(path):
    from bhxh_cli.plan.loading import load_file
    from bhxh_cli.plan.view import from_v2

    doc, problems, refused = load_file(path)
    fast, slow = plain_v2.clean_plan(doc.data), v2.PlanV2.model_validate(doc.data)
    assert fast is not None and not isinstance(fast, v2.PlanV2)
    assert _dumps(fast) == _dumps(slow)
    assert v2_rules.tree_problems(fast) == v2_rules.tree_problems(slow) == []
    assert from_v2(fast) == from_v2(slow)


@pytest.mark.parametrize("path", V2_FILES, ids=os.path.basename)
def test_the_writers_read_back_as_the_models_do(path):
    """reading.validate_v2 (what allocate and crosswalk check a plan with before writing it) is
    v2.validate_document."""
    from bhxh_cli.plan.loading import load_file

    try:
        doc, problems, refused = load_file(path)
    except InputError:
        return
    fast, fast_problems = validate_v2(doc, refused)
    slow, slow_problems = v2.validate_document(doc, refused)
    assert (fast is None) == (slow is None)
    assert fast is None or _dumps(fast) == _dumps(slow)
    assert [d.text() for d in fast_problems] == [d.text() for d in slow_problems]


def test_the_national_plans_read_the_same_both_ways(tmp_path):
    sys.path.insert(0, os.path.join(HERE, "..", "benchmarks"))
    from national_v2 import write_national

    for path in write_national(str(tmp_path)):
        fast, slow = _read_both_ways(path)
        assert fast == slow and fast[1] == []


_CLEAN_RUNS = [["check", CLEAN[0], CLEAN[2]], ["rates", CLEAN[2]], ["rates", CLEAN[0], "--by", "district"],
               ["allocate", "-p", CLEAN[3], "-f", "json"], ["allocate", "-p", CLEAN[3], "-o", "{out}"],
               ["gap", "-p", CLEAN[0], "-f", "csv"], ["gap", "-p", CLEAN[2], "-s", "bhyt"]]


def _modules_after(args: list[str]) -> tuple[int, set[str]]:
    """(exit code, the top-level modules loaded) of a command run in a fresh interpreter."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted({m.split('.')[0] for m in "
            "sys.modules})) + '\\n'))\n"
            f"sys.argv = ['bhxh'] + {args!r}\n"
            "from bhxh_cli.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    return result.returncode, set(result.stderr.rsplit("MODULES ", 1)[1].split())


@pytest.mark.parametrize("args", _CLEAN_RUNS, ids=lambda args: " ".join(a for a in args if "/" not in a))
def test_a_command_on_a_clean_v2_plan_never_imports_pydantic(args, tmp_path):
    args = [a.replace("{out}", str(tmp_path / "out.yaml")) for a in args]
    code, modules = _modules_after(args)
    assert code == 0 and "bhxh_cli" in modules
    assert "pydantic" not in modules and "pydantic_core" not in modules
    if "-o" in args:
        assert (tmp_path / "out.yaml").exists()


def test_a_plan_with_a_problem_is_told_by_the_models():
    code, modules = _modules_after(["check", os.path.join(HERE, "fixtures", "plans_v2", "bad", "unknown_key.yaml")])
    assert code == 1 and "pydantic" in modules


def test_text_pydantic_cannot_hold_is_left_to_the_models():
    data = {"version": 2, "plan": {"number": "1/KH", "area": "Tỉnh \ud800", "year": 2026},
            "schemes": {"health": {"population": 10, "target": 9}}}
    assert plain_v2.clean_plan(data) is None
    data["plan"]["area"] = "Tỉnh Mẫu"
    assert plain_v2.clean_plan(data) is not None


def test_a_tree_deeper_than_pydantic_reads_is_left_to_the_models():
    def plan(depth: int) -> dict:
        unit = {"name": "Xã", "schemes": {}}
        top = unit
        for _ in range(depth):
            unit["units"] = [{"name": "Xã", "schemes": {}}]
            unit = unit["units"][0]
        return {"version": 2, "plan": {"number": "1", "area": "A", "year": 2026}, "schemes": {}, "units": [top]}

    assert plain_v2.clean_plan(plan(100)) is not None
    assert plain_v2.clean_plan(plan(101)) is None
    with pytest.raises(ValidationError):  # the models refuse a deep enough tree: the fast path must not take it
        v2.PlanV2.model_validate(plan(300))


# -- generated plans: the fast path gives None or what the models give ------------------------------------------

# What goes wrong in a plan, one value at a time: a wrong type (bool is not int, a float where an int is
# wanted, text to coerce), out of range (negative counts, rates above 100, NaN), text pydantic cannot hold.
_ODD_VALUES = st.one_of(
    st.sampled_from([None, -1, True, False, 0, 1, 1.5, 2.0, 95.5, 100.01, -0.0, math.nan, math.inf, "", "2", "7",
                     " 01", "\ud800", "xã", "nhóm", "population", "labour_force", "people", 10**20, [], {},
                     {"count": 1}, {"rate": 50}, [{"count": 1}], [1, 2], datetime.date(2026, 1, 1),
                     datetime.datetime(2026, 1, 1, 12)]),
    st.integers(-3, 10**6), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=3),
    st.lists(st.one_of(st.integers(-1, 101), st.floats(-1, 101)), max_size=13))
_KEYS = ["Eligible", "extra", "target", "rate", "count", "of", "minimum", "document", "increase", "units", "name",
         "code", "kind", "schemes", "health", "denominator", "other_targets", "schedule", "labour_force", 1,
         "code\u200b", "year", "title", "implements"]


def _odd_for(value) -> st.SearchStrategy:
    """A value close to this one that the models may refuse: its neighbours, in a type of their own."""
    if type(value) is bool:
        return st.sampled_from([None, 0, 1, "true", "yes"])
    if type(value) is int:
        return st.sampled_from([-1, value - 1, value + 1, -value, True, False, float(value), value + 0.5, str(value),
                                None, 10**20])
    if type(value) is float:
        whole = int(value) if math.isfinite(value) else 1
        return st.sampled_from([math.nan, math.inf, -math.inf, 100.01, -0.5, -0.0, 100, 0, whole, True, str(value),
                                None])
    if type(value) is str:
        return st.sampled_from(["", " ", value + "\ud800", value.upper(), value + " ", 1, None, [value]])
    if type(value) is list:
        return st.sampled_from([[], {}, "x", None, [True], [1.5], value[:1], value + value[-1:], [None]])
    return st.sampled_from([None, [], {}, "x", 0])


def _mappings(data, found: dict, role: str = "plan") -> dict:
    """Every mapping in the data by its role (plan, plan info, a set of schemes, figures, a target, a unit)."""
    if isinstance(data, dict):
        found.setdefault(role, []).append(data)
        for key, value in data.items():
            below = {"plan": "info", "schemes": "schemes", "target": "target", "other_targets": "target",
                     "units": "unit"}.get(key, "figures" if role == "schemes" else "other")
            _mappings(value, found, below)
    elif isinstance(data, list):
        for value in data:
            _mappings(value, found, role)
    return found


@st.composite
def _spoiled(draw, data: dict) -> dict:
    """`data` (built for this example alone) with none, one or a few mappings in it changed: a value replaced by
    an odd one, a key removed or a key added. Copied, values too: a strategy's constants are shared."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 1, 1, 1, 2, 3]))):
        found = _mappings(data, {})
        mapping = draw(st.sampled_from(found[draw(st.sampled_from(sorted(found)))]))
        change = draw(st.sampled_from(["value", "value", "remove", "add"] if mapping else ["add"]))
        if change == "value":
            key = draw(st.sampled_from(list(mapping)))
            mapping[key] = copy.deepcopy(draw(st.one_of(_odd_for(mapping[key]), _ODD_VALUES)))
        elif change == "remove":
            del mapping[draw(st.sampled_from(list(mapping)))]
        else:
            mapping[draw(st.sampled_from(_KEYS))] = copy.deepcopy(draw(st.one_of(_ODD_VALUES, st.integers(0, 100))))
    return data


_RATES = st.sampled_from([95, 95.0, 95.15, 0, 0.0, 100, 100.0, 45.5, 2.5, 60, 99.99])


@st.composite
def _target_data(draw) -> dict:
    form = draw(st.sampled_from(["count", "rate", "increase"]))
    value = {"count": st.integers(0, 3000), "rate": _RATES, "increase": st.integers(-50, 500)}[form]
    data = {form: draw(value)}
    if form == "rate" and draw(st.booleans()):
        data["of"] = draw(st.sampled_from(["eligible", "labour_force", "population"]))
    if draw(st.integers(0, 3)) == 0:
        data["minimum"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        data["document"] = draw(st.sampled_from(["45/KH-UBND", "", "546/QĐ-TTg"]))
    return data


@st.composite
def _figures_data(draw, scheme: str) -> dict:
    whole = draw(st.integers(0, 3000))
    data = {"population" if scheme == "health" else "eligible": whole}
    for name in ("labour_force", "population", "eligible", "baseline", "enrolled"):
        if name not in data and draw(st.integers(0, 3)) == 0:
            data[name] = draw(st.integers(0, whole + 5))
    if draw(st.integers(0, 4)) == 0:
        data["denominator"] = draw(st.sampled_from(["eligible", "labour_force", "population"]))
    target = draw(st.sampled_from(["count", "count", "none", "mapping"]))
    if target == "count":
        data["target"] = draw(st.integers(0, whole + 2))
    elif target == "mapping":
        data["target"] = draw(_target_data())
    if draw(st.integers(0, 4)) == 0:
        data["rate"] = draw(_RATES)
    if draw(st.integers(0, 5)) == 0:
        data["other_targets"] = draw(st.lists(_target_data(), max_size=2))
    if draw(st.integers(0, 6)) == 0:
        data["schedule"] = draw(st.sampled_from([[8 * i for i in range(1, 12)] + [100], [50] * 11 + [100],
                                                 [100.0] * 12, [8.5 * i for i in range(1, 12)] + [100]]))
    return data


@st.composite
def _schemes_data(draw, schemes: list[str]) -> dict:
    data = {scheme: draw(st.one_of(_figures_data(scheme), st.none()) if draw(st.integers(0, 9)) == 0
                         else _figures_data(scheme)) for scheme in schemes}
    return data


@st.composite
def _unit_data(draw, schemes: list[str], depth: int, index: int) -> dict:
    data = {"name": draw(st.sampled_from([f"Xã {index}"] * 4 + ["Xã A", "XÃ A", "Phường Một"]))}
    if draw(st.booleans()):
        data["code"] = draw(st.sampled_from([f"{depth}{index:02d}"] * 4 + ["01", " 01", "0\u200b1"]))
    if draw(st.booleans()):
        data["kind"] = draw(st.sampled_from(["xã", "phường", "huyện", "đặc khu", "nhóm", "tổ dân phố"]))
    data["schemes"] = draw(_schemes_data(schemes))
    if depth < 2 and draw(st.booleans()):
        data["units"] = [draw(_unit_data(schemes, depth + 1, i)) for i in range(draw(st.integers(0, 3)))]
    return data


@st.composite
def _plan_data(draw) -> dict:
    info = {"number": "1/KH", "area": "Tỉnh Mẫu",
            "year": draw(st.sampled_from([2026] * 4 + [1990, 2100]))}
    for key, value in (("title", "Kế hoạch"), ("issuer", "UBND"), ("issued", datetime.date(2026, 3, 15)),
                       ("implements", ["102/NQ-CP", "28-NQ/TW"]), ("report_due", datetime.date(2026, 12, 15)),
                       ("kind", "tỉnh"), ("code", "12")):
        if draw(st.booleans()):
            info[key] = value
    schemes = draw(st.lists(st.sampled_from(["mandatory", "voluntary", "unemployment", "health"]), max_size=4,
                            unique=True))
    data = {"version": 2,
            "plan": info, "schemes": draw(_schemes_data(schemes))}
    if draw(st.integers(0, 4)):  # mostly a tree
        data["units"] = [draw(_unit_data(schemes, 0, i)) for i in range(draw(st.sampled_from([0, 1, 2, 2, 3])))]
    return draw(_spoiled(data))


@settings(max_examples=1000, deadline=None)
@given(_plan_data())
def test_the_plain_reading_accepts_exactly_what_the_models_accept(data):
    from bhxh_cli.plan.view import from_v2

    fast = plain_v2.clean_plan(data)
    try:
        slow = v2.PlanV2.model_validate(data)
    except ValidationError:
        slow = None
    event("the models accept it" if slow is not None else "the models refuse it")
    if slow is None:
        assert fast is None
        return
    if fast is None:  # left to the models: only forms they take that a plan is not written in (version: 2.0)
        assert type(data["version"]) is not int
        return
    assert _dumps(fast) == _dumps(slow)
    problems = v2_rules.tree_problems(fast)
    event("with findings" if problems else "without findings")
    assert problems == v2_rules.tree_problems(slow)
    assert from_v2(fast) == from_v2(slow)
    for (scheme, figures), (same, model) in zip(v2_rules.scheme_items(fast.schemes),
                                                v2_rules.scheme_items(slow.schemes), strict=True):
        assert scheme == same and v2_rules.target_count(scheme, figures) == v2_rules.target_count(scheme, model)


def test_a_rate_written_whole_is_a_float_as_the_models_make_it():
    data = {"version": 2, "plan": {"number": "1", "area": "A", "year": 2026},
            "schemes": {"health": {"population": 100, "target": {"rate": 95}, "rate": 95}}}
    fast = plain_v2.clean_plan(data)
    assert type(fast.schemes.health.rate) is float and type(fast.schemes.health.target.rate) is float
    assert _dumps(fast) == _dumps(v2.PlanV2.model_validate(data))


def test_a_twin_holds_no_list_of_the_loaded_data():
    """As the models copy lists: the writers change a copy of the loaded data, never the plan read from it."""
    shares = [8 * i for i in range(1, 12)] + [100]
    units = [{"name": "Xã Một", "schemes": {"mandatory": {"eligible": 10, "target": 5, "schedule": shares}}}]
    data = {"version": 2, "plan": {"number": "1", "area": "A", "year": 2026, "implements": ["45/KH-UBND"]},
            "schemes": {"mandatory": {"eligible": 10, "target": 5, "other_targets": [{"count": 6}]}}, "units": units}
    fast = plain_v2.clean_plan(data)
    assert [unit.name for unit in fast.units] == ["Xã Một"] and fast.units is not units
    schedule = fast.units[0].schemes.mandatory.schedule
    assert schedule == shares and schedule is not shares
    assert fast.plan.implements is not data["plan"]["implements"]
    assert fast.schemes.mandatory.other_targets is not data["schemes"]["mandatory"]["other_targets"]


# -- one value at a time: each rule of the models, refused by both; edge values the models take, taken by both -----

def _base() -> dict:
    shares = [8 * i for i in range(1, 12)] + [100]
    return {"version": 2,
            "plan": {"number": "45/KH-UBND", "title": "Kế hoạch", "issuer": "UBND tỉnh", "area": "Tỉnh Mẫu",
                     "issued": datetime.date(2026, 3, 1), "year": 2026, "implements": ["102/NQ-CP"],
                     "report_due": datetime.date(2026, 12, 15), "kind": "tỉnh", "code": "12"},
            "schemes": {"mandatory": {"eligible": 100, "labour_force": 300, "denominator": "eligible", "target": 80,
                                      "rate": 80.0, "baseline": 60, "enrolled": 70, "schedule": shares},
                        "health": {"population": 1000, "enrolled": 900,
                                   "target": {"rate": 95.0, "of": "population", "minimum": True, "document": "546"},
                                   "other_targets": [{"count": 960, "document": "45/KH"}, {"increase": 20}]}},
            "units": [{"code": "01", "name": "Xã Một", "kind": "xã",
                       "schemes": {"mandatory": {"eligible": 100, "target": 80},
                                   "health": {"population": 1000, "enrolled": 900, "target": 950}},
                       "units": [{"name": "Thôn Một", "kind": "thôn",
                                  "schemes": {"mandatory": {"eligible": 100, "target": 80},
                                              "health": {"population": 1000, "target": 950}}}]}]}


_GONE = object()
_FIGURES = ("schemes", "mandatory")
_TARGET = ("schemes", "health", "target")
_UNIT = ("units", 0)
_REFUSED = [
    (("version",), 1), (("version",), True), (("version",), "2"), (("version",), _GONE), (("extra",), 1),
    (("plan", "number"), ""), (("plan", "number"), 45), (("plan", "area"), _GONE), (("plan", "year"), 1989),
    (("plan", "year"), 2101), (("plan", "year"), True), (("plan", "year"), "2026"),
    (("plan", "issued"), "2026-03-01"), (("plan", "issued"), datetime.datetime(2026, 3, 1, 8)),
    (("plan", "implements"), "102/NQ-CP"), (("plan", "implements"), [102]),
    (("plan", "title"), 1), (("plan", "issuer"), []), (("plan", "kind"), "Tỉnh"), (("plan", "kind"), 1),
    (("plan", "code"), ""), (("plan", "code"), 12), (("plan", "area"), "Tỉnh \ud800"), (("plan", "Year"), 2026),
    (("schemes",), _GONE), (("schemes",), None), (("schemes", "social"), {"eligible": 1}),
    (("schemes", "mandatory"), []),
    (_FIGURES + ("eligible",), -1), (_FIGURES + ("eligible",), True), (_FIGURES + ("eligible",), 100.0),
    (_FIGURES + ("eligible",), "100"), (_FIGURES + ("labour_force",), -1), (_FIGURES + ("baseline",), False),
    (_FIGURES + ("enrolled",), 70.5), (_FIGURES + ("denominator",), "people"), (_FIGURES + ("denominator",), 1),
    (_FIGURES + ("rate",), 100.5), (_FIGURES + ("rate",), -0.1), (_FIGURES + ("rate",), True),
    (_FIGURES + ("rate",), "80"), (_FIGURES + ("rate",), math.nan), (_FIGURES + ("rate",), math.inf),
    (_FIGURES + ("Eligible",), 1), (_FIGURES + ("extra",), None), (_FIGURES + ("schedule",), [1, 2]),
    (_FIGURES + ("schedule",), [True] * 12), (_FIGURES + ("schedule",), "monthly"),
    (_FIGURES + ("target",), -1), (_FIGURES + ("target",), True), (_FIGURES + ("target",), 80.0),
    (_FIGURES + ("target",), "80"), (_FIGURES + ("target",), []), (_FIGURES + ("target",), {}),
    (("schemes", "health", "other_targets"), {"count": 1}), (("schemes", "health", "other_targets"), [1]),
    (("schemes", "health", "other_targets", 0, "rate"), 95.0), (("schemes", "health", "other_targets", 1), {}),
    (_TARGET + ("count",), 950), (_TARGET + ("rate",), 101), (_TARGET + ("rate",), _GONE),
    (_TARGET + ("rate",), "95"), (_TARGET + ("of",), "people"), (_TARGET + ("minimum",), None),
    (_TARGET + ("minimum",), 1), (_TARGET + ("minimum",), "yes"), (_TARGET + ("document",), 546),
    (_TARGET + ("extra",), 1), (("schemes", "health", "other_targets", 1, "increase"), 2.0),
    (("schemes", "health", "other_targets", 1, "increase"), True),
    (("schemes", "health", "other_targets", 0, "count"), -1),
    (_UNIT + ("extra",), 1), (_UNIT + ("name",), ""), (_UNIT + ("name",), _GONE), (_UNIT + ("name",), 1),
    (_UNIT + ("code",), ""), (_UNIT + ("code",), 1), (_UNIT + ("code",), " 01"), (_UNIT + ("code",), "0\u200b1"),
    (_UNIT + ("code",), "1\u0663"), (_UNIT + ("kind",), "Xã"), (_UNIT + ("schemes",), _GONE),
    (_UNIT + ("schemes",), None), (_UNIT + ("units",), {}), (_UNIT + ("units",), [1]),
    (_UNIT + ("units", 0, "name"), "Thôn \ud800"), (("units",), {}), (("units",), "Xã Một"),
]
_TAKEN = [
    (_TARGET + ("minimum",), False), (_TARGET + ("minimum",), _GONE), (_TARGET + ("document",), ""),
    (_TARGET + ("rate",), 95), (_TARGET + ("rate",), 0), (_TARGET + ("of",), _GONE), (_TARGET + ("of",), None),
    (("schemes", "health", "other_targets", 1, "increase"), -5), (("schemes", "health", "other_targets"), []),
    (("schemes", "health", "other_targets"), None), (_FIGURES + ("rate",), 80), (_FIGURES + ("rate",), None),
    (_FIGURES + ("schedule",), [50.0] * 11 + [100]), (_FIGURES + ("eligible",), 0), (_FIGURES + ("eligible",), 10**20),
    (("plan", "title"), ""), (("plan", "implements"), []), (("plan", "kind"), None), (("plan", "code"), " 1"),
    (("plan", "year"), 1990), (("plan", "year"), 2100), (("schemes", "voluntary"), None), (("schemes",), {}),
    (_UNIT + ("code",), None), (_UNIT + ("units",), []), (_UNIT + ("units",), None),
    (("units",), []), (("units",), None), (("units",), _GONE), (_UNIT + ("name",), "Xã Hai"),
    (("plan", "implements"), ["102/NQ-CP \ud800"]), (("plan", "title"), "Kế hoạch \ud800"),
    (_TARGET + ("document",), "546 \ud800"),  # a str without a length to check is kept as it is
]


def _with(path: tuple, value) -> dict:
    data = _base()
    place = data
    *above, last = path
    for step in above:
        place = place[step]
    if value is _GONE:
        del place[last]
    else:
        place[last] = value
    return data


def _case_id(case) -> str:
    path, value = case
    return ".".join(map(str, path)) + "=" + ("(removed)" if value is _GONE else repr(value))


@pytest.mark.parametrize("case", _REFUSED, ids=_case_id)
def test_what_the_models_refuse_the_plain_reading_leaves_to_them(case):
    data = _with(*case)
    with pytest.raises(ValidationError):
        v2.PlanV2.model_validate(data)
    assert plain_v2.clean_plan(data) is None


@pytest.mark.parametrize("case", [((), None)] + _TAKEN, ids=_case_id)
def test_what_the_models_take_the_plain_reading_takes_alike(case):
    from bhxh_cli.plan.view import from_v2

    data = _base() if not case[0] else _with(*case)
    fast, slow = plain_v2.clean_plan(data), v2.PlanV2.model_validate(data)
    assert fast is not None and _dumps(fast) == _dumps(slow)
    assert v2_rules.tree_problems(fast) == v2_rules.tree_problems(slow)
    assert from_v2(fast) == from_v2(slow)


@pytest.mark.parametrize("place, value, taken", [
    (("plan", "number"), "1\ud800", False), (("plan", "area"), "Huyện \ud800", False),
    (("communes", 0, "name"), "Xã \ud800", False), (("communes", 0, "code"), "0\ud800", False),
    (("plan", "title"), "Kế hoạch \ud800", True), (("communes", 0, "name"), "Xã Một", True)],
    ids=["number", "area", "name", "code", "title", "plain"])
def test_the_v1_plain_reading_leaves_text_pydantic_cannot_read_to_the_models(place, value, taken):
    from bhxh_cli.plan import models, plain

    data = {"version": 1, "plan": {"number": "1/KH", "area": "Huyện Mẫu", "year": 2020},
            "schemes": {"mandatory": {"eligible": 5, "enrolled": 3}},
            "communes": [{"code": "01", "name": "Xã Một", "mandatory": {"eligible": 5, "enrolled": 3}}]}
    *above, last = place
    where = data
    for step in above:
        where = where[step]
    where[last] = value
    fast = plain.clean_plan(data)
    if taken:
        assert fast is not None and fast.model_dump() == models.Plan.model_validate(data).model_dump()
    else:
        with pytest.raises(ValidationError):
            models.Plan.model_validate(data)
        assert fast is None
