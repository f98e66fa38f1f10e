from bhxh_cli.core.policy import nq102


def test_2020_unemployment_fails_only_without_rounding():
    findings = nq102(2020, [("unemployment", 14360, 13640, None)])
    assert [(f.severity, f.rule) for f in findings] == [("error", "nq102-floor")]
    assert "only after rounding" in findings[0].message and "2 more enrolled" in findings[0].message


def test_floor_is_met_exactly_at_the_floor():
    assert nq102(2020, [("mandatory", 100, 95, None)]) == []
    assert nq102(2019, [("mandatory", 100, 90, None)]) == []
    [finding] = nq102(2019, [("mandatory", 1000, 899, None)])
    assert "90% floor" in finding.message and "it prints" not in finding.message


def test_years_before_the_resolution_are_not_checked():
    [finding] = nq102(2018, [("mandatory", 100, 1, None)])
    assert finding.severity == "note"


def test_years_after_2020_use_the_2020_floor():
    [finding] = nq102(2022, [("mandatory", 100, 94, None)])
    assert "the last year it sets (applied to 2022)" in finding.message


def test_voluntary_growth_range():
    assert nq102(2020, [("voluntary", 10**6, 130, 100)]) == []
    assert nq102(2020, [("voluntary", 10**6, 150, 100)]) == []
    [low] = nq102(2020, [("voluntary", 10**6, 129, 100)])
    assert (low.severity, low.field) == ("error", "enrolled")
    [high] = nq102(2020, [("voluntary", 10**6, 151, 100)])
    assert high.severity == "warning"
    [zero] = nq102(2020, [("voluntary", 10**6, 5, 0)])
    assert zero.severity == "note"
