"""Rules of core/policies.py that mutation testing found unstated: a floor summing schemes whose counts
differ is an error naming them, and a growth range open above. Core-level, for mutmut's selection."""

from __future__ import annotations

from fractions import Fraction

from bhxh_cli.core.area import Figures
from bhxh_cli.core.policies import Finding, Floor, Growth, Policy, evaluate

SOCIAL = Floor(("mandatory", "voluntary"), "labour_force", {2025: Fraction(45)})


def test_a_floor_over_schemes_whose_counts_differ_names_the_schemes_and_the_counts():
    policy = Policy("nq28", "Resolution 28-NQ/TW", floors=[SOCIAL])
    figures = {"mandatory": Figures(40000, labour_force=100000), "voluntary": Figures(4000, labour_force=99000)}
    assert evaluate(policy, 2025, figures) == [
        Finding("mandatory", "labour_force", "error", "nq28-floor", "floor.counts_differ",
                {"schemes": "mandatory, voluntary", "of": "labour_force", "counts": "99000, 100000"})]


def test_a_growth_range_open_above_is_only_a_lower_bound():
    policy = Policy("nq102", "Resolution 102/NQ-CP", growth=[Growth("voluntary", Fraction(30), None)])
    assert evaluate(policy, 2026, {"voluntary": Figures(1000, baseline=100)}) == []
    assert evaluate(policy, 2026, {"voluntary": Figures(130, baseline=100)}) == []
    [low] = evaluate(policy, 2026, {"voluntary": Figures(129, baseline=100)})
    assert (low.key, low.values["needed"], low.values["low"]) == ("growth.low", 1, "30")
    [note] = evaluate(policy, 2026, {"voluntary": Figures(129)})
    assert (note.key, note.values) == ("growth.no_baseline", {"low": "30", "high": None, "year": 2025,
                                                              "document": "Resolution 102/NQ-CP"})


def test_an_area_count_is_taken_from_another_scheme_but_eligible_people_never_are():
    # the labour force and the population are the area's: given on another scheme, they serve this floor;
    # eligible people are each scheme's own, so a floor of them without its scheme's count is only a note
    for of in ("labour_force", "population"):
        policy = Policy("p", "D", [Floor(("unemployment",), of, {2026: Fraction(50)})])
        [finding] = evaluate(policy, 2026, {"unemployment": Figures(10), "mandatory": Figures(5, **{of: 100})})
        assert (finding.key, finding.values["whole"], finding.values["target"]) == ("floor.below", 100, 10)
    policy = Policy("p", "D", [Floor(("unemployment",), "eligible", {2026: Fraction(50)})])
    [finding] = evaluate(policy, 2026, {"unemployment": Figures(10), "mandatory": Figures(5, eligible=100)})
    assert (finding.key, finding.severity) == ("floor.no_count", "note")
