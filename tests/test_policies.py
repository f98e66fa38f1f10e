"""Policies as data: the bundled nq102, nq28 and health policies, and users' policy files."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bhxh_cli.commands.check import finding_message
from bhxh_cli.core.policies import Figures, evaluate
from bhxh_cli.diagnostics import InputError, UsageError
from bhxh_cli.plan.policy_file import bundled_names, read_policy


pytestmark = pytest.mark.usefixtures("english_module")  # these assert the English wording


def messages(findings):
    return [(f.scheme, f.severity, f.rule, finding_message(f)) for f in findings]


def test_the_bundled_policies():
    assert bundled_names() == ["health", "nq102", "nq28"]


def test_nq102_on_the_2020_plan_finds_the_unemployment_rate_below_95_before_rounding():
    figures = {"mandatory": Figures(15530, eligible=15890), "voluntary": Figures(1930, eligible=71313),
               "unemployment": Figures(13640, eligible=14360)}
    assert messages(evaluate(read_policy("nq102"), 2020, figures)) == [
        ("unemployment", "error", "nq102-floor",
         "13640/14360 = 94.986% is below the 95% floor that Resolution 102/NQ-CP sets for 2020; it prints as "
         "95.0% only after rounding; 2 more enrolled would meet it"),
        ("voluntary", "note", "nq102-growth",
         "no baseline (participants at the end of 2019) is given, so the 30-50% growth of Resolution 102/NQ-CP "
         "cannot be checked; add baseline"),
    ]


def test_a_floor_is_met_exactly_at_the_floor():
    policy = read_policy("nq102")
    assert evaluate(policy, 2020, {"mandatory": Figures(95, eligible=100)}) == []
    [finding] = evaluate(policy, 2020, {"mandatory": Figures(94, eligible=100)})
    assert finding_message(finding).endswith("1 more enrolled would meet it")


def test_years_after_the_last_take_its_floor_and_years_between_the_one_before():
    policy = read_policy("nq28")
    [after] = evaluate(policy, 2031, {"unemployment": Figures(44, labour_force=100)})
    assert "the 45% floor that Resolution 28-NQ/TW sets for 2030, the last year it sets (applied to 2031)" in finding_message(after)
    [between] = evaluate(policy, 2027, {"unemployment": Figures(34, labour_force=100)})
    assert "the 35% floor that Resolution 28-NQ/TW sets for 2025, the latest year before 2027 that it sets" in finding_message(between)


def test_nq28_sums_mandatory_and_voluntary_over_the_labour_force():
    figures = {"mandatory": Figures(40000, labour_force=100000, eligible=42000),
               "voluntary": Figures(4000, labour_force=100000, eligible=58000)}
    [finding] = evaluate(read_policy("nq28"), 2025, figures)
    assert finding_message(finding) == ("44000/100000 = 44.000% of the labour force (mandatory + voluntary) is below the "
                               "45% floor that Resolution 28-NQ/TW sets for 2025; 1000 more enrolled would meet it")
    figures["voluntary"] = Figures(5000, labour_force=100000)
    assert evaluate(read_policy("nq28"), 2025, figures) == []


def test_a_summed_floor_takes_the_labour_force_from_whichever_scheme_gives_it():
    # the labour force is the area's, one number: given on mandatory only, the sum (and voluntary alone, 2.5%)
    # are still compared with it
    figures = {"mandatory": Figures(40000, labour_force=100000), "voluntary": Figures(2000, eligible=58000)}
    found = [(f.scheme, f.key, f.values["target"], f.values["whole"]) for f in
             evaluate(read_policy("nq28"), 2025, figures)]
    assert found == [("mandatory", "floor.below", 42000, 100000), ("voluntary", "floor.below", 2000, 100000)]
    figures["voluntary"] = Figures(4000, labour_force=90000)
    assert [(f.key, f.severity) for f in evaluate(read_policy("nq28"), 2025, figures)] == [
        ("floor.counts_differ", "error")]
    figures = {"mandatory": Figures(40000, eligible=1), "voluntary": Figures(4000, eligible=2)}
    assert [f.key for f in evaluate(read_policy("nq28"), 2025, figures)] == ["floor.no_count", "floor.no_count"]
    # eligible people are each scheme's own: never taken from another scheme
    floor_of_eligible = evaluate(read_policy("nq102"), 2020, {"mandatory": Figures(10, labour_force=100)})
    assert all(f.values.get("whole") != 100 for f in floor_of_eligible)


def test_a_floor_of_a_count_the_plan_lacks_is_a_note():
    [finding] = evaluate(read_policy("nq28"), 2025, {"unemployment": Figures(10, eligible=12)})
    assert (finding.severity, finding_message(finding)) == (
        "note", "the floor of Resolution 28-NQ/TW is a share of labour force, which the plan does not give; "
                "add labour_force to check it")


def test_the_health_floor_is_exact_to_two_decimals():
    policy = read_policy("health")
    assert evaluate(policy, 2025, {"health": Figures(9515, population=10000)}) == []
    [finding] = evaluate(policy, 2025, {"health": Figures(9514, population=10000)})
    assert finding_message(finding).startswith("9514/10000 = 95.140% of the population is below the 95.15% floor")
    assert finding_message(finding).endswith("1 more enrolled would meet it")


def write(tmp_path, text):
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def problems(path):
    with pytest.raises(InputError) as error:
        read_policy(path)
    return [d.text() for d in error.value.diagnostics]


def test_a_users_policy_file_is_read(tmp_path):
    path = write(tmp_path, "policy: 1\nname: lai-chau\ndocument: Nghị quyết 12/NQ-HĐND\n"
                           "floors:\n  - {schemes: [health], of: population, percent: {2026: 96.5}}\n")
    policy = read_policy(path)
    assert (policy.name, policy.floors[0].percent) == ("lai-chau", {2026: Fraction(193, 2)})


def test_a_year_that_is_not_one_is_placed(tmp_path):
    path = write(tmp_path, "policy: 1\nname: x\ndocument: D\nfloors:\n  - {schemes: [health], percent: {twenty: 9}}\n")
    assert problems(path) == [f"{path}:5:35: floors[0].percent.twenty: 'twenty' is not a year; the keys of percent are "
                              "years, e.g. 2025 (invalid)"]


def test_an_unknown_scheme_is_placed(tmp_path):
    path = write(tmp_path, "policy: 1\nname: x\ndocument: D\nfloors:\n  - {schemes: [pension], percent: {2025: 9}}\n")
    [message] = problems(path)
    assert message == (f"{path}:5:16: floors[0].schemes[0]: 'pension' is not a value taken here; write one of: "
                       f"mandatory, voluntary, unemployment, health (invalid)")


def test_a_misspelt_scheme_or_denominator_gets_the_closest_word(tmp_path):
    path = write(tmp_path, "policy: 1\nname: x\ndocument: D\nfloors:\n"
                           "  - {schemes: [helth], of: populaton, percent: {2025: 9}}\n")
    assert problems(path) == [
        f"{path}:5:16: floors[0].schemes[0]: 'helth' is not a value taken here; did you mean health? (taken: "
        f"mandatory, voluntary, unemployment, health) (invalid)",
        f"{path}:5:28: floors[0].of: 'populaton' is not a value taken here; did you mean population? (taken: "
        f"eligible, labour_force, population) (invalid)"]


def test_an_unknown_policy_name_is_a_usage_error():
    with pytest.raises(UsageError, match=r"--policy nq99: no such policy; give one of health, nq102, nq28 or a "
                                         r"policy file \(.yaml\)"):
        read_policy("nq99")


def test_a_decimal_comma_in_a_policy_is_one_clear_problem_naming_the_number_written(tmp_path):
    path = write(tmp_path, "policy: 1\nname: x\ndocument: D\nfloors:\n  - {schemes: [health], percent: {2026: 95,25}}\n")
    assert problems(path) == [f"{path}:5:44: floors[0].percent.25: has no percentage: in YAML, 95,25 is two "
                              "entries (95, and 25 with nothing); write 95.25 (wrong-type)"]
