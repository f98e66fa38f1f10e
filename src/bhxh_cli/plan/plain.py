"""A version 1 plan that is clean, read without pydantic (issue 14): importing pydantic and building the
models is most of a command's start-up, and a model object a commune most of a large plan's validation.

`clean_plan` checks loaded data against exactly the rules of the models in plan/models.py and gives plain
objects with the models' attributes, or None at the first doubt: then the models validate the data and say
what is wrong (the models stay the one source of every message and of `bhxh schema`; tests read every plan
fixture and generated plans both ways). The rules across communes (`commune_problems`) live here, for both.
"""

from __future__ import annotations

import datetime as dt

from bhxh_cli.core import rates
from bhxh_cli.core.codes import code_problem
from bhxh_cli.core.names import name_key, normalized_name
from bhxh_cli.core.schedules import check_shares
from bhxh_cli.core.schemes import SCHEMES
from bhxh_cli.diagnostics import Diagnostic, InputError
from bhxh_cli.messages import tr

Path = tuple  # a place in the plan: keys and list indexes (plan/loading.Path)


class _Plain:
    """A model's plain twin: the same attributes, `model_dump` as the writers use it. Not frozen as the models
    are (setting a slot is what makes these cheap to build), and nothing changes a plan once read."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()  # the model's fields, in its order

    def model_dump(self, *, exclude_none: bool = False, mode: str = "python") -> dict:
        """As the model's model_dump (the fields in the model's order), for the writers that use it."""
        out = {}
        for name in self._fields:
            value = getattr(self, name)
            if value is None and exclude_none:
                continue
            out[name] = _dumped(value, exclude_none, mode)
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"


def _dumped(value, exclude_none: bool, mode: str):
    if isinstance(value, _Plain):
        return value.model_dump(exclude_none=exclude_none, mode=mode)
    if isinstance(value, list):
        return [_dumped(item, exclude_none, mode) for item in value]
    if mode == "json" and isinstance(value, dt.date):
        return value.isoformat()
    return value


class SchemeCounts(_Plain):
    __slots__ = _fields = ("eligible", "enrolled", "rate", "baseline", "schedule")

    def __init__(self, eligible: int, enrolled: int, rate: float | None = None, baseline: int | None = None,
                 schedule: list | None = None) -> None:
        self.eligible, self.enrolled, self.rate, self.baseline, self.schedule = (
            eligible, enrolled, rate, baseline, schedule)


class _SchemeSet(_Plain):
    __slots__ = ("mandatory", "voluntary", "unemployment")

    def items(self) -> list[tuple[str, SchemeCounts]]:
        """(scheme, counts) for the schemes present, in the fixed order mandatory, voluntary, unemployment."""
        return [(name, getattr(self, name)) for name in SCHEMES if getattr(self, name) is not None]


class Schemes(_SchemeSet):
    __slots__ = ()
    _fields = ("mandatory", "voluntary", "unemployment")

    def __init__(self, mandatory: SchemeCounts | None, voluntary: SchemeCounts | None,
                 unemployment: SchemeCounts | None) -> None:
        self.mandatory, self.voluntary, self.unemployment = mandatory, voluntary, unemployment


class Commune(_SchemeSet):
    __slots__ = ("code", "name")
    _fields = ("mandatory", "voluntary", "unemployment", "code", "name")

    def __init__(self, mandatory: SchemeCounts | None, voluntary: SchemeCounts | None,
                 unemployment: SchemeCounts | None, code: str | None, name: str) -> None:
        self.mandatory, self.voluntary, self.unemployment = mandatory, voluntary, unemployment
        self.code, self.name = code, name


class PlanInfo(_Plain):
    __slots__ = _fields = ("number", "title", "issuer", "area", "issued", "year", "implements", "report_due")

    def __init__(self, **values) -> None:
        for name in self._fields:
            setattr(self, name, values.get(name))


class Plan(_Plain):
    __slots__ = _fields = ("version", "plan", "schemes", "communes")

    def __init__(self, version: int, plan: PlanInfo, schemes: Schemes, communes: list[Commune] | None) -> None:
        self.version, self.plan, self.schemes, self.communes = version, plan, schemes, communes


class _Doubt(Exception):
    """Anything the models might judge otherwise: they validate the data instead."""


_COUNT_KEYS = frozenset(SchemeCounts._fields)
_SCHEME_KEYS = frozenset(SCHEMES)
_COMMUNE_KEYS = _SCHEME_KEYS | {"code", "name"}
_INFO_KEYS = frozenset(PlanInfo._fields)
_PLAN_KEYS = frozenset(Plan._fields)


def _text(value, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if type(value) is not str or not value or (not optional and not utf8(value)):
        raise _Doubt
    return value


def utf8(text: str) -> bool:
    """Whether pydantic reads this str where it checks a length (min_length): as UTF-8, which a lone surrogate
    is not (YAML's Python loader lets one through; a plain str field keeps it as it is)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _date(value) -> dt.date | None:
    if value is not None and type(value) is not dt.date:
        raise _Doubt
    return value


def _counts(data, check_rates: bool) -> SchemeCounts | None:
    if data is None:
        return None
    if type(data) is not dict:
        raise _Doubt
    eligible, enrolled = data.get("eligible"), data.get("enrolled")
    if type(eligible) is not int or type(enrolled) is not int or not 0 <= enrolled <= eligible:
        raise _Doubt
    if len(data) == 2:  # eligible and enrolled alone: most counts of a large plan
        return SchemeCounts(eligible, enrolled)
    if not data.keys() <= _COUNT_KEYS:
        raise _Doubt
    rate, baseline, schedule = data.get("rate"), data.get("baseline"), data.get("schedule")
    if rate is not None:
        if type(rate) is int:
            rate = float(rate)  # as the model's strict float takes a whole number
        if type(rate) is not float or not 0 <= rate <= 100:
            raise _Doubt
        if check_rates and (eligible == 0 or not rates.rate_agrees(rate, enrolled, eligible)):
            raise _Doubt
    if baseline is not None and (type(baseline) is not int or not 0 <= baseline <= eligible):
        raise _Doubt
    if schedule is not None:
        if type(schedule) is not list or any(type(share) not in (int, float) for share in schedule):
            raise _Doubt
        if check_shares(schedule):
            raise _Doubt
        schedule = list(schedule)
    return SchemeCounts(eligible, enrolled, rate, baseline, schedule)


def _commune(data, check_rates: bool) -> Commune:
    if type(data) is not dict or not data.keys() <= _COMMUNE_KEYS:
        raise _Doubt
    code, name = data.get("code"), data.get("name")
    if code is not None and (type(code) is not str or not code or (
            not (code.isascii() and code.isalnum()) and (code_problem(code) or not utf8(code)))):
        raise _Doubt
    if type(name) is not str or not name or not utf8(name):
        raise _Doubt
    get = data.get
    return Commune(_counts(get("mandatory"), check_rates), _counts(get("voluntary"), check_rates),
                   _counts(get("unemployment"), check_rates), code, name)


def _info(data) -> PlanInfo:
    if type(data) is not dict or not data.keys() <= _INFO_KEYS:
        raise _Doubt
    year, implements = data.get("year"), data.get("implements")
    if type(year) is not int or not 1990 <= year <= 2100:
        raise _Doubt
    if implements is not None:
        if type(implements) is not list or any(type(item) is not str for item in implements):
            raise _Doubt
        implements = list(implements)
    return PlanInfo(number=_text(data.get("number")), title=_text(data.get("title"), optional=True),
                    issuer=_text(data.get("issuer"), optional=True), area=_text(data.get("area")),
                    issued=_date(data.get("issued")), year=year, implements=implements,
                    report_due=_date(data.get("report_due")))


def clean_plan(data, *, check_rates: bool = True) -> Plan | None:
    """The plan as plain objects when the models would accept `data` as it is, else None (the models then say
    why). The rules across communes are not checked here: `commune_problems` does that for both."""
    try:
        if type(data) is not dict or not data.keys() <= _PLAN_KEYS:
            raise _Doubt
        version, schemes, communes = data.get("version"), data.get("schemes"), data.get("communes")
        if type(version) is not int or version != 1:
            raise _Doubt
        if type(schemes) is not dict or not schemes.keys() <= _SCHEME_KEYS:
            raise _Doubt
        district = Schemes(*(_counts(schemes.get(scheme), check_rates) for scheme in SCHEMES))
        if not district.items():
            raise _Doubt
        if communes is not None:
            if type(communes) is not list:
                raise _Doubt
            communes = [_commune(commune, check_rates) for commune in communes]
        return Plan(1, _info(data.get("plan")), district, communes)
    except _Doubt:
        return None


def _who(commune) -> str:
    """A commune as messages name it: its code and name, or its name alone when the plan has no codes."""
    return f"{commune.code} ({commune.name})" if commune.code is not None else f"'{commune.name}'"


def commune_problems(plan) -> list[tuple[Path, str, str]]:
    """Rules across communes: unique codes and names, the district's schemes, sums equal to the district's
    (of a plan as the models give it or as `clean_plan` does)."""
    problems: list[tuple[Path, str, str]] = []
    if not plan.communes:
        return problems
    communes = plan.communes
    district = dict(plan.schemes.items())
    codes: dict[str, int] = {}
    # Names are compared by normalized_name, which is slow; a coarser key (the same letters without tone
    # marks) tells most names apart, and normalized_name is asked only where two names share that key.
    by_key: dict[str, int] = {}
    names: dict[str, int] = {}
    complete = {scheme: True for scheme in district}
    totals = {scheme: [0, 0] for scheme in district}  # eligible, enrolled
    for index, commune in enumerate(communes):
        where: Path = ("communes", index)
        if commune.code is not None:
            first = codes.setdefault(commune.code, index)
            if first != index:
                problems.append((where + ("code",), tr("plan.duplicate_code", code=commune.code, first=first,
                                                        name=communes[first].name), "duplicate-code"))
        key = name_key(commune.name)
        first = by_key.setdefault(key, index)
        if first != index:
            if first >= 0:  # the first name with this key: compare it by its normalized name from now on
                names.setdefault(normalized_name(communes[first].name), first)
                by_key[key] = -1
            first = names.setdefault(normalized_name(commune.name), index)
        if first != index:
            other = communes[first]
            if other.code is not None:
                message = tr("plan.duplicate_name.code", name=commune.name, first=first, code=other.code)
            else:  # without codes, the name is all that tells two communes apart
                message = tr("plan.duplicate_name", name=commune.name, first=first)
            problems.append((where + ("name",), message, "duplicate-name"))
        for scheme in district:
            counts = getattr(commune, scheme)
            if counts is None:
                complete[scheme] = False
                problems.append((where, tr("plan.missing_scheme", commune=_who(commune),
                                           scheme=tr(f"scheme.{scheme}")), "missing-scheme"))
            else:
                total = totals[scheme]
                total[0] += counts.eligible
                total[1] += counts.enrolled
        for scheme in SCHEMES:
            if scheme not in district and getattr(commune, scheme) is not None:
                problems.append((where + (scheme,), tr("plan.unknown_scheme", scheme=tr(f"scheme.{scheme}")),
                                 "unknown-scheme"))
    for scheme, counts in district.items():
        if not complete[scheme]:
            continue
        for field, total in zip(("eligible", "enrolled"), totals[scheme]):
            expected = getattr(counts, field)
            if total != expected:
                diff = total - expected
                problems.append((("schemes", scheme, field),
                                 tr(f"plan.sum_mismatch.{'more' if diff > 0 else 'fewer'}", field=field,
                                    total=total, difference=abs(diff), expected=expected), "sum-mismatch"))
    return problems


def bundled_plan() -> str:
    """Path of the bundled 2020 plan (data/plan_2020.yaml, packaged into bhxh_cli/data at build time)."""
    import os

    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the bhxh_cli package
    packaged = os.path.join(here, "data", "plan_2020.yaml")
    if os.path.exists(packaged):
        return packaged
    # An editable install or a source checkout: the package data is the repository's data/ itself.
    return os.path.normpath(os.path.join(here, "..", "..", "data", "plan_2020.yaml"))


def _refuse_workbook(path: str) -> None:
    from bhxh_cli.core.formats import KINDS, workbook_kind
    from bhxh_cli.sources import read_bytes

    kind = workbook_kind(read_bytes(path, limit=200 * 1024 * 1024, what="plan files"))
    if kind == "ods":
        raise InputError([Diagnostic(path, None, None, "", tr("plan.workbook.ods", what=tr(KINDS[kind][0])),
                                     "workbook-not-plan")])
    if kind is not None and not path.lower().endswith(KINDS[kind][1]):
        raise InputError([Diagnostic(path, None, None, "", tr("plan.workbook.rename", what=tr(KINDS[kind][0]),
                                                             extension=KINDS[kind][1]), "workbook-not-plan")])
    if kind is not None:
        raise InputError([Diagnostic(path, None, None, "", tr("plan.workbook", what=tr(KINDS[kind][0]), file=path),
                                     "workbook-not-plan")])


def load_plan_document(path: str, *, loader: type | None = None):
    """(document, problems, refused) of a plan file of any version; a workbook given as a plan is named as
    one, with what to do."""
    from bhxh_cli.plan.loading import load_file

    try:
        return load_file(path, loader=loader)
    except InputError as error:
        if not any(d.rule == "file-too-large" for d in error.diagnostics):
            _refuse_workbook(path)  # only when it cannot be read: say that it is a workbook, and what to do
        raise
