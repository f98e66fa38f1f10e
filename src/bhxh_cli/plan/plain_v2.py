"""A version 2 plan that is clean, read without pydantic, as plan/plain.py reads a version 1 plan: importing
pydantic and the v2 models is a tenth of a second of every command on a v2 plan, and a model object a unit and
a scheme is most of a national plan's validation.

`clean_plan` checks loaded data against exactly the rules of the models in plan/v2.py and gives plain twins
with the models' attributes (and `model_dump`), or None at the first doubt: then the models validate the data
and say what is wrong (they stay the one source of every message and of `bhxh schema`; tests read every plan
fixture and generated plans both ways). The rules across the tree are plan/v2_rules.py's, for both.
"""

from __future__ import annotations

from bhxh_cli.core.codes import code_problem
from bhxh_cli.core.schedules import check_shares
from bhxh_cli.core.schemes import ALL_SCHEMES, DENOMINATORS
from bhxh_cli.plan import plain
from bhxh_cli.plan.plain import _Doubt, _Plain

# Kinds of unit, as Vietnamese administration names them; "nhóm" is a group that is not a level of
# government (the communes one grassroots social-insurance office serves, say).
KINDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu",
         "thôn", "ấp", "bản", "tổ dân phố", "nhóm")


class Target(_Plain):
    __slots__ = _fields = ("count", "rate", "increase", "of", "minimum", "document")

    def __init__(self, count: int | None, rate: float | None, increase: int | None, of: str | None,
                 minimum: bool, document: str | None) -> None:
        self.count, self.rate, self.increase, self.of, self.minimum, self.document = (
            count, rate, increase, of, minimum, document)


class SchemeFigures(_Plain):
    """Most figures give two or three of their ten fields: the others are the class's None, and an object is
    its checked mapping (no slots, so that it needs no field set one by one)."""

    _fields = ("eligible", "labour_force", "population", "denominator", "baseline", "enrolled", "target", "rate",
               "other_targets", "schedule")
    eligible = labour_force = population = denominator = baseline = enrolled = target = rate = None
    other_targets = schedule = None


class SchemeSet(_Plain):
    """Its `__dict__` holds every scheme of the table in order, None where not given, as the model's does
    (v2_rules.scheme_items reads it)."""

    _fields = ALL_SCHEMES


class Unit(_Plain):
    __slots__ = _fields = ("code", "name", "kind", "schemes", "units")

    def __init__(self, code: str | None, name: str, kind: str | None, schemes: SchemeSet,
                 units: list[Unit] | None) -> None:
        self.code, self.name, self.kind, self.schemes, self.units = code, name, kind, schemes, units


class PlanInfo(plain.PlanInfo):
    __slots__ = ("kind", "code")
    _fields = plain.PlanInfo._fields + ("kind", "code")


class PlanV2(_Plain):
    __slots__ = _fields = ("version", "plan", "schemes", "units")

    def __init__(self, version: int, plan: PlanInfo, schemes: SchemeSet, units: list[Unit] | None) -> None:
        self.version, self.plan, self.schemes, self.units = version, plan, schemes, units


_PLAN_KEYS = frozenset(PlanV2._fields)
_INFO_KEYS = frozenset(PlanInfo._fields)
_UNIT_KEYS = frozenset(Unit._fields)
_SCHEME_KEYS = frozenset(ALL_SCHEMES)
_TARGET_KEYS = frozenset(Target._fields)
_COUNTS = frozenset(("eligible", "labour_force", "population", "baseline", "enrolled"))
_KINDS = frozenset(KINDS)
_DENOMINATORS = frozenset(DENOMINATORS)
_DEEPEST = 100  # units within units: pydantic refuses a tree some 250 deep; the loader, one 25 deep


def _text(value, *, empty: bool = False, optional: bool = True) -> str | None:
    """A string as the models' strict str takes it, min_length=1 unless `empty` (and then read as UTF-8)."""
    if value is None and optional:
        return None
    if type(value) is not str or not (value or empty) or (not empty and not plain.utf8(value)):
        raise _Doubt
    return value


def _rate(value) -> float | None:
    if value is None:
        return None
    if type(value) is int:
        value = float(value)  # as the model's strict float takes a whole number
    if type(value) is not float or not 0 <= value <= 100:  # NaN too
        raise _Doubt
    return value


def _choice(value, choices: frozenset) -> str | None:
    if value is not None and (type(value) is not str or value not in choices):
        raise _Doubt
    return value


def _target(data) -> Target:
    if type(data) is not dict or not data.keys() <= _TARGET_KEYS:
        raise _Doubt
    count, increase, minimum = data.get("count"), data.get("increase"), data.get("minimum", False)
    if count is not None and (type(count) is not int or count < 0):
        raise _Doubt
    if increase is not None and type(increase) is not int:
        raise _Doubt
    if type(minimum) is not bool:
        raise _Doubt
    rate, of = _rate(data.get("rate")), _choice(data.get("of"), _DENOMINATORS)
    if (count is not None) + (rate is not None) + (increase is not None) != 1 or (of is not None and rate is None):
        raise _Doubt
    return Target(count, rate, increase, of, minimum, _text(data.get("document"), empty=True))


def _figures(data) -> SchemeFigures | None:
    if data is None:
        return None
    if type(data) is not dict:
        raise _Doubt
    fields = dict(data)
    for key, value in data.items():
        if value is None:
            if key not in SchemeFigures._fields:
                raise _Doubt
        elif key in _COUNTS:
            if type(value) is not int or value < 0:
                raise _Doubt
        elif key == "target":
            if type(value) is not int:
                fields[key] = _target(value)
            elif value < 0:
                raise _Doubt
        elif key == "denominator":
            _choice(value, _DENOMINATORS)
        elif key == "rate":
            fields[key] = _rate(value)
        elif key == "other_targets":
            if type(value) is not list:
                raise _Doubt
            fields[key] = [_target(target) for target in value]
        elif key == "schedule":
            if type(value) is not list or any(type(share) not in (int, float) for share in value):
                raise _Doubt
            if check_shares(value):
                raise _Doubt
            fields[key] = list(value)
        else:
            raise _Doubt
    figures = SchemeFigures()
    figures.__dict__ = fields
    return figures


def _schemes(data) -> SchemeSet:
    if type(data) is not dict or not data.keys() <= _SCHEME_KEYS:
        raise _Doubt
    schemes = SchemeSet()
    schemes.__dict__ = {key: _figures(data.get(key)) for key in ALL_SCHEMES}
    return schemes


def _units(data, depth: int) -> list[Unit] | None:
    if data is None:
        return None
    if type(data) is not list or depth > _DEEPEST:
        raise _Doubt
    units = []
    for unit in data:
        if type(unit) is not dict or not unit.keys() <= _UNIT_KEYS:
            raise _Doubt
        get = unit.get
        code = _text(get("code"))
        if code is not None and not (code.isascii() and code.isalnum()) and code_problem(code):
            raise _Doubt  # the models say what is wrong with it
        units.append(Unit(code, _text(get("name"), optional=False), _choice(get("kind"), _KINDS),
                          _schemes(get("schemes")), _units(get("units"), depth + 1)))
    return units


def _info(data) -> PlanInfo:
    if type(data) is not dict or not data.keys() <= _INFO_KEYS:
        raise _Doubt
    year, implements = data.get("year"), data.get("implements")
    if type(year) is not int or not 1990 <= year <= 2100:
        raise _Doubt
    if implements is not None:
        if type(implements) is not list:
            raise _Doubt
        implements = [_text(item, empty=True, optional=False) for item in implements]
    return PlanInfo(number=_text(data.get("number"), optional=False), title=_text(data.get("title"), empty=True),
                    issuer=_text(data.get("issuer"), empty=True), area=_text(data.get("area"), optional=False),
                    issued=plain._date(data.get("issued")), year=year, implements=implements,
                    report_due=plain._date(data.get("report_due")), kind=_choice(data.get("kind"), _KINDS),
                    code=_text(data.get("code")))


def clean_plan(data) -> PlanV2 | None:
    """The plan as plain objects when the models of plan/v2.py would accept `data` as it is, else None (the
    models then say why). The rules across the tree are not checked here: v2_rules.tree_problems does that for
    both."""
    try:
        if type(data) is not dict or not data.keys() <= _PLAN_KEYS:
            raise _Doubt
        version = data.get("version")
        if type(version) is not int or version != 2:
            raise _Doubt
        return PlanV2(2, _info(data.get("plan")), _schemes(data.get("schemes")), _units(data.get("units"), 0))
    except _Doubt:
        return None
