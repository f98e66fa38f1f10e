"""Rules of core/registry.py that mutation testing found unstated: a unit's period of validity at its exact
edges, names compared as names, the chain of units above a unit, the area a plan is for, and every finding
of check_units with its values. Core-level (no CLI), for mutmut's selection."""

from __future__ import annotations

import datetime as dt

from bhxh_cli.core.registry import (ERROR, WARNING, Finding, Registry, Unit, check_units, outside_area,
                                    same_name)

DAY = dt.date(2026, 1, 1)
MERGER = dt.date(2025, 7, 1)


def test_a_unit_is_valid_from_its_first_day_to_its_last_day_both_included():
    unit = Unit("1", "Xã A", valid_from=MERGER, valid_to=dt.date(2026, 12, 31))
    assert unit.valid_at(MERGER) and unit.valid_at(dt.date(2026, 12, 31))
    assert not unit.valid_at(dt.date(2025, 6, 30)) and not unit.valid_at(dt.date(2027, 1, 1))
    assert Unit("1", "Xã A", valid_to=dt.date(2025, 6, 30)).valid_at(dt.date(1900, 1, 1))  # open at its start
    assert not Unit("1", "Xã A", valid_to=dt.date(2025, 6, 30)).valid_at(MERGER)
    assert Unit("1", "Xã A", valid_from=MERGER).valid_at(dt.date(2999, 12, 31))  # still valid
    assert not Unit("1", "Xã A", valid_from=MERGER).valid_at(dt.date(2025, 6, 30))
    assert Unit("1", "Xã A").valid_at(DAY)


def test_a_finding_is_an_error_without_values_unless_said():
    finding = Finding(3, "unknown-unit", "registry.unknown_code")
    assert (finding.values, finding.severity) == ({}, ERROR) and (ERROR, WARNING) == ("error", "warning")


def test_names_compare_with_the_prefix_optional_on_either_side_but_never_two_prefixes():
    assert same_name("Xã Thọ Hoá", "XÃ  THỌ HÓA")
    assert same_name("Thọ Hoá", "Xã Thọ Hóa") and same_name("Xã Thọ Hoá", "Thọ Hóa") and same_name("Thọ", "thọ")
    assert not same_name("Xã Tân Phong", "Phường Tân Phong")
    assert not same_name("Xã Thọ Ngọc", "Xã Thọ Cường") and not same_name("Thọ Ngọc", "Thọ Cường")


def test_a_registry_keeps_its_label_units_and_areas():
    units = [Unit("1", "Xã A"), Unit("2", "Phường B")]
    areas = {"22": "Quảng Ninh"}
    registry = Registry(iter(units), "vn", areas)
    areas["92"] = "Cần Thơ"  # the registry has its own copy
    assert (registry.label, registry.units, registry.areas) == ("vn", units, {"22": "Quảng Ninh"})
    assert registry.by_code == {"1": [units[0]], "2": [units[1]]}
    assert registry.by_rest == {"a": [units[0]], "b": [units[1]]}
    assert (Registry([]).label, Registry([]).areas) == ("", {})


def test_a_reused_code_is_the_unit_valid_at_the_date():
    old = Unit("15754", "Xã Thọ Cường", valid_to=dt.date(2025, 6, 30))
    new = Unit("15754", "Xã Thọ Ngọc", valid_from=MERGER)
    registry = Registry([old, new])
    assert registry.at("15754", dt.date(2025, 6, 30)) is old and registry.at("15754", MERGER) is new
    assert registry.at("15755", MERGER) is None
    assert Registry([Unit("1", "Xã A", valid_from=MERGER)]).at("1", dt.date(2025, 6, 30)) is None


def test_a_name_finds_the_units_valid_at_the_date_with_a_prefix_that_agrees():
    a_commune, a_ward = Unit("1", "Xã Tân Phong"), Unit("2", "Phường Tân Phong", valid_from=MERGER)
    registry = Registry([a_commune, a_ward, Unit("3", "Xã Thọ Ngọc")])
    assert registry.named("tân phong", MERGER) == [a_commune, a_ward]
    assert registry.named("Phường Tân  Phong", MERGER) == [a_ward]
    assert registry.named("Tân Phong", dt.date(2025, 6, 30)) == [a_commune]
    assert registry.named("Xã Lạ", MERGER) == []


def test_a_registry_covers_a_date_when_any_unit_is_valid_then():
    registry = Registry([Unit("1", "Xã A", valid_to=dt.date(2020, 12, 31)), Unit("2", "Xã B", valid_from=MERGER)])
    assert registry.covers(dt.date(2020, 12, 31)) and registry.covers(MERGER)
    assert not registry.covers(dt.date(2021, 1, 1)) and not registry.covers(dt.date(2025, 6, 30))
    assert not Registry([]).covers(DAY)


def test_two_registries_merge_their_units_labels_and_areas():
    one = Registry([Unit("1", "Xã A")], "vn", {"22": "Quảng Ninh", "92": "Cần Thơ"})
    other = Registry([Unit("2", "Xã B")], "old", {"92": "Thành phố Cần Thơ"})
    merged = one.merged(other)
    assert [u.code for u in merged.units] == ["1", "2"] and merged.label == "vn, old"
    assert merged.areas == {"22": "Quảng Ninh", "92": "Thành phố Cần Thơ"}  # the later list's name wins
    assert merged.at("2", DAY).name == "Xã B"
    assert Registry([], "vn").merged(Registry([], "")).label == "vn"
    assert Registry([], "").merged(Registry([], "old")).label == "old"


def test_the_units_above_a_unit_nearest_first_as_far_as_the_list_knows():
    registry = Registry([Unit("3", "Xã C", parent="2"), Unit("2", "Huyện B", parent="1"),
                         Unit("1", "Tỉnh A", parent="0")], "", {"0": "Vùng", "9": "Tỉnh Chín"})
    commune = registry.at("3", DAY)
    assert registry.ancestors(commune, DAY) == [("2", "Huyện B"), ("1", "Tỉnh A"), ("0", "Vùng")]
    assert registry.ancestors(Unit("4", "Xã D", parent="9"), DAY) == [("9", "Tỉnh Chín")]
    assert registry.ancestors(Unit("4", "Xã D", parent="8"), DAY) == []  # a parent nobody knows
    assert registry.ancestors(Unit("4", "Xã D"), DAY) == []


def test_the_chain_above_stops_at_a_parent_the_list_does_not_know():
    registry = Registry([Unit("3", "Xã C", parent="2")], "", {"1": "Tỉnh A"})
    assert registry.ancestors(Unit("4", "Xã D", parent="3"), DAY) == [("3", "Xã C")]  # "2" is not known


def test_the_units_above_are_the_ones_valid_at_the_date():
    registry = Registry([Unit("2", "Huyện Cũ", valid_to=dt.date(2025, 6, 30)),
                         Unit("2", "Huyện Mới", parent="1", valid_from=MERGER), Unit("1", "Tỉnh A")])
    unit = Unit("3", "Xã C", parent="2")
    assert registry.ancestors(unit, MERGER) == [("2", "Huyện Mới"), ("1", "Tỉnh A")]
    assert registry.ancestors(unit, dt.date(2025, 6, 30)) == [("2", "Huyện Cũ")]


def test_a_loop_of_parents_ends():
    registry = Registry([Unit("1", "A", parent="2"), Unit("2", "B", parent="1")])
    assert registry.ancestors(registry.at("1", DAY), DAY) == [("2", "B")]
    looped = Registry([Unit("1", "A", parent="2"), Unit("2", "B", parent="3"), Unit("3", "C", parent="2")])
    assert looped.ancestors(looped.at("1", DAY), DAY) == [("2", "B"), ("3", "C")]


# -- outside_area --------------------------------------------------------------------------------------------

def _provinces():
    return Registry([Unit("00001", "Xã A", "xã", "22"), Unit("00002", "Xã B", "xã", "92"),
                     Unit("00003", "Xã C", "xã", "30", valid_from=MERGER), Unit("30", "Tỉnh Hải Dương"),
                     Unit("00004", "Xã D", "xã", "40"),
                     Unit("40", "Tỉnh Cũ", valid_to=dt.date(2025, 6, 30))], "t",
                    {"22": "Quảng Ninh", "92": "Thành phố Cần Thơ"})


def test_a_unit_under_another_area_is_found_with_the_farthest_unit_above():
    registry = Registry([Unit("3", "Xã C", parent="2"), Unit("2", "Huyện B", parent="92")], "",
                        {"92": "Thành phố Cần Thơ", "22": "Quảng Ninh"})
    found = outside_area(registry, [("3", "Xã C")], DAY, "Tỉnh Quảng Ninh")
    assert found == [Finding(0, "unit-outside-area", "registry.outside_area",
                             {"code": "3", "known": "Xã C", "above": "Thành phố Cần Thơ", "area": "Tỉnh Quảng Ninh"})]
    assert found[0].severity == ERROR
    assert outside_area(registry, [("3", "Xã C")], DAY, "Cần Thơ") == []  # the area is its farthest unit above


def test_the_area_is_matched_without_the_word_for_its_kind_or_its_points():
    registry = _provinces()
    both = [("00001", "Xã A"), ("00002", "Xã B")]
    assert [f.index for f in outside_area(registry, both, DAY, "Tỉnh Quảng Ninh")] == [1]
    assert [f.index for f in outside_area(registry, both, DAY, "quảng  ninh")] == [1]
    assert [f.index for f in outside_area(registry, both, DAY, "TP. Cần Thơ")] == [0]
    assert [f.index for f in outside_area(registry, both, DAY, "TP Cần Thơ")] == [0]
    assert [f.index for f in outside_area(registry, both, DAY, "Thành phố Cần Thơ")] == [0]
    assert [f.index for f in outside_area(registry, both, DAY, "Cần Thơ")] == [0]
    assert outside_area(registry, both, DAY, "Tỉnh Lạ") == []  # an area the list does not know: nothing said
    assert outside_area(registry, both, DAY, "Tỉnh") == []  # the word alone is a name, not a kind
    kinds_only = Registry([Unit("1", "Xã A", parent="7")], "", {"5": "Huyện", "7": "Lai Châu"})
    assert outside_area(kinds_only, [("1", "Xã A")], DAY, "Tỉnh") == []  # "tỉnh" is not "huyện"


def test_every_word_for_an_areas_kind_is_dropped():
    for kind in ("Thành phố", "Tỉnh", "TP", "Huyện", "Quận", "Thị xã"):
        registry = Registry([Unit("1", "Xã A", parent="9"), Unit("2", "Xã B", parent="8")], "",
                            {"9": f"{kind} Đông", "8": "Tây"})
        assert [f.index for f in outside_area(registry, [("1", "Xã A"), ("2", "Xã B")], DAY, "Đông")] == [1], kind
        assert [f.index for f in outside_area(registry, [("1", "Xã A"), ("2", "Xã B")], DAY, f"{kind} Tây")] == [0]


def test_an_area_listed_as_a_unit_counts_only_while_valid():
    registry = _provinces()
    units = [("00003", "Xã C"), ("00004", "Xã D"), ("00001", "Xã A")]
    assert [f.index for f in outside_area(registry, units, DAY, "Tỉnh Hải Dương")] == [2]
    assert [f.values["above"] for f in outside_area(registry, units, DAY, "Hải Dương")] == ["Quảng Ninh"]
    assert outside_area(registry, units, DAY, "Tỉnh Cũ") == []  # no longer a unit on that date: not known


def test_units_the_list_lacks_or_names_otherwise_are_left_to_check_units():
    registry = _provinces()
    units = [("99999", "Xã Lạ"), ("00002", "Xã A"), (" 00002 ", " "), (None, "Xã B"), ("00002", "xã  b")]
    assert [f.index for f in outside_area(registry, units, DAY, "Quảng Ninh")] == [2, 4]
    assert outside_area(registry, units, DAY, "Quảng Ninh")[0].values["code"] == "00002"


def test_a_unit_with_nothing_above_it_is_not_outside():
    registry = Registry([Unit("1", "Xã A"), Unit("2", "Xã B", parent="22")], "", {"22": "Quảng Ninh"})
    assert outside_area(registry, [("1", "Xã A"), ("2", "Xã B")], DAY, "Quảng Ninh") == []


def test_a_unit_under_the_area_at_any_level_is_inside():
    registry = Registry([Unit("3", "Xã C", parent="2"), Unit("2", "Huyện B", parent="22"),
                         Unit("4", "Xã D", parent="5"), Unit("5", "Huyện E", parent="92")], "",
                        {"22": "Quảng Ninh", "92": "Cần Thơ"})
    assert [f.index for f in outside_area(registry, [("3", "Xã C"), ("4", "Xã D")], DAY, "Quảng Ninh")] == [1]
    assert [f.index for f in outside_area(registry, [("3", "Xã C"), ("4", "Xã D")], DAY, "Huyện B")] == [1]


# -- check_units ---------------------------------------------------------------------------------------------

def _reform():
    return Registry([Unit("15754", "Xã Thọ Cường", "xã", valid_to=dt.date(2025, 6, 30)),
                     Unit("15754", "Xã Thọ Ngọc", "xã", valid_from=MERGER),
                     Unit("15751", "Xã Thọ Ngọc", "xã", valid_to=dt.date(2025, 6, 30)),
                     Unit("03408", "Phường Tân Phong", "phường", valid_from=MERGER),
                     Unit("00010", "Xã Không Loại"),
                     Unit("00020", "Xã Hai", "xã"), Unit("00021", "Phường Hai", "phường")])


def test_units_that_agree_with_the_list_give_nothing():
    registry = _reform()
    units = [("15754", "Xã Thọ Ngọc"), (" 03408 ", " tân  phong "), ("03408", ""), ("03408", None), ("", ""),
             (None, None), ("", "Xã Thọ Ngọc"), ("", "  ")]
    assert check_units(registry, units, MERGER) == []


def test_a_unit_without_a_code_is_looked_up_by_its_name_and_a_name_nobody_has_is_a_warning():
    found = check_units(_reform(), [("", "Xã Lạ"), ("  ", " Xã  Thọ   Cường "), ("", "Xã Thọ Cường")], MERGER)
    assert found == [Finding(0, "unknown-unit", "registry.unknown_name", {"name": "Xã Lạ"}, WARNING),
                     Finding(1, "unknown-unit", "registry.unknown_name", {"name": "Xã Thọ Cường"}, WARNING),
                     Finding(2, "unknown-unit", "registry.unknown_name", {"name": "Xã Thọ Cường"}, WARNING)]


def test_a_name_that_is_not_the_codes_suggests_the_unit_the_name_means():
    registry = _reform()
    found = check_units(registry, [("15754", "Xã Thọ Ngọc"), ("15754", " Xã  Lạ ")], dt.date(2025, 6, 30))
    assert found == [
        Finding(0, "unit-name-mismatch", "registry.name_mismatch",
                {"code": "15754", "name": "Xã Thọ Ngọc", "known": "Xã Thọ Cường",
                 "suggested_code": "15751", "suggested_name": "Xã Thọ Ngọc"}),
        Finding(1, "unit-name-mismatch", "registry.name_mismatch",
                {"code": "15754", "name": "Xã Lạ", "known": "Xã Thọ Cường"})]
    assert found[0].severity == ERROR


def test_no_suggestion_when_the_name_means_several_units_or_only_the_code_itself():
    registry = _reform()
    found = check_units(registry, [("00010", "Hai"), ("00020", "Xã Không Loại")], MERGER)
    assert [f.values for f in found] == [
        {"code": "00010", "name": "Hai", "known": "Xã Không Loại"},  # a commune and a ward: two units
        {"code": "00020", "name": "Xã Không Loại", "known": "Xã Hai", "suggested_code": "00010",
         "suggested_name": "Xã Không Loại"}]
    one = Registry([Unit("1", "Xã A"), Unit("2", "Xã B")])
    assert check_units(one, [("1", "Xã B")], DAY)[0].values["suggested_code"] == "2"
    twice = Registry([Unit("1", "Xã A"), Unit("2", "Xã B"), Unit("3", "Xã B")])
    assert "suggested_code" not in check_units(twice, [("1", "Xã B")], DAY)[0].values


def test_a_kind_that_is_not_the_lists_is_a_warning_with_the_kind_as_written():
    registry = _reform()
    units = [("03408", "Phường Tân Phong"), ("15754", "Xã Thọ Ngọc"), ("00010", "Xã Không Loại"),
             ("00020", "Xã Hai"), ("03408", "Tân Phong")]
    kinds = [" xã ", "XÃ", "phường", "", "Phường"]
    assert check_units(registry, units, MERGER, kinds) == [
        Finding(0, "unit-kind-mismatch", "registry.kind_mismatch",
                {"code": "03408", "known": "Phường Tân Phong", "kind": "xã", "known_kind": "phường"}, WARNING)]
    assert check_units(registry, units, MERGER) == [] and check_units(registry, units, MERGER, []) == []


def test_a_wrong_name_is_said_before_a_wrong_kind():
    found = check_units(_reform(), [("03408", "Xã Thọ Ngọc")], MERGER, ["xã"])
    assert [f.rule for f in found] == ["unit-name-mismatch"]


def test_a_code_not_valid_at_the_date_names_the_unit_nearest_in_time():
    registry = Registry([Unit("7", "Xã Xưa", valid_to=dt.date(2020, 12, 31)),
                         Unit("7", "Xã Mới", valid_from=dt.date(2030, 1, 1)), Unit("8", "Xã Tám")])
    near_old = check_units(registry, [("7", "Xã Tám")], dt.date(2021, 1, 10))
    assert near_old == [Finding(0, "unit-not-valid-at-date", "registry.not_valid",
                                {"code": "7", "name": "Xã Tám", "known": "Xã Xưa", "valid_from": None,
                                 "valid_to": dt.date(2020, 12, 31), "suggested_code": "8",
                                 "suggested_name": "Xã Tám"})]
    near_new = check_units(registry, [("7", "")], dt.date(2029, 12, 1))
    assert near_new[0].values == {"code": "7", "name": "", "known": "Xã Mới", "valid_from": dt.date(2030, 1, 1),
                                  "valid_to": None}


def test_the_nearest_unit_in_time_is_measured_from_its_start_else_its_end():
    registry = Registry([Unit("7", "Xã Một", valid_from=dt.date(2010, 1, 1), valid_to=dt.date(2011, 1, 1)),
                         Unit("7", "Xã Hai", valid_from=dt.date(2013, 1, 1), valid_to=dt.date(2014, 1, 1))])
    # 1 July 2012: 912 days after Một's start, 184 before Hai's (but 547 after Một's end, 549 before Hai's)
    assert check_units(registry, [("7", "")], dt.date(2012, 7, 1))[0].values["known"] == "Xã Hai"
    # 1 June 2011: 516 days after Một's start, 580 before Hai's
    assert check_units(registry, [("7", "")], dt.date(2011, 6, 1))[0].values["known"] == "Xã Một"


def test_a_code_the_list_does_not_have():
    registry = _reform()
    found = check_units(registry, [(" 99999 ", "Xã  Thọ Ngọc"), ("99998", "")], MERGER)
    assert found == [Finding(0, "unknown-unit", "registry.unknown_code",
                             {"code": "99999", "name": "Xã Thọ Ngọc", "suggested_code": "15754",
                              "suggested_name": "Xã Thọ Ngọc"}),
                     Finding(1, "unknown-unit", "registry.unknown_code", {"code": "99998", "name": ""})]
    assert found[0].severity == ERROR


def test_a_name_mismatch_never_suggests_the_code_itself():
    # a list giving one code two units at once (overlapping periods): the first is the code's, and the name
    # that finds the second does not suggest the same code back
    registry = Registry([Unit("1", "Xã A"), Unit("1", "Xã B", valid_from=MERGER)])
    [finding] = check_units(registry, [("1", "Xã B")], DAY)
    assert finding.values == {"code": "1", "name": "Xã B", "known": "Xã A"}


def test_every_unit_is_checked_after_one_not_valid_at_the_date():
    registry = Registry([Unit("7", "Xã Xưa", valid_to=dt.date(2020, 12, 31)), Unit("8", "Xã Tám")])
    found = check_units(registry, [("7", "Xã Xưa"), ("9", "Xã Chín"), ("8", "Xã Tám")], DAY)
    assert [(f.index, f.rule) for f in found] == [(0, "unit-not-valid-at-date"), (1, "unknown-unit")]


def test_a_code_not_valid_at_the_date_suggests_only_a_unit_valid_then():
    registry = Registry([Unit("7", "Xã Xưa", valid_to=dt.date(2020, 12, 31)),
                         Unit("9", "Xã Chín", valid_from=dt.date(2030, 1, 1))])
    [finding] = check_units(registry, [("7", "Xã Chín")], DAY)
    assert finding.values == {"code": "7", "name": "Xã Chín", "known": "Xã Xưa", "valid_from": None,
                              "valid_to": dt.date(2020, 12, 31)}
