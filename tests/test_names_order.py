"""Names sorted as a Vietnamese list sorts them (core/names.sort_key): the alphabet's own order of its
letters (ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u), tones only between the same letters,
numbers by their value; case, spacing and the tone mark's place in a word never change the order."""

from hypothesis import given
from hypothesis import strategies as st

from bhxh_cli.core.names import normalized_name, sort_key


def test_the_alphabet_and_tones_in_a_dictionarys_order():
    names = ["Xã Yên", "Đặc khu Cô Tô", "Phường 10", "Phường 2", "Ân", "Ăn", "An", "Bình", "Bắc", "Mạ", "Ma",
             "Mai", "Mà", "Mã", "Má", "Mả", "Đông", "Dương", "Êa", "Ea", "Ơn", "Ôn", "On", "Ưng", "Ung", "Vân"]
    assert sorted(names, key=sort_key) == [
        "An", "Ăn", "Ân", "Bắc", "Bình", "Dương", "Đặc khu Cô Tô", "Đông", "Ea", "Êa", "Ma", "Mà", "Má", "Mả",
        "Mã", "Mạ", "Mai", "On", "Ôn", "Ơn", "Phường 2", "Phường 10", "Ung", "Ưng", "Vân", "Xã Yên"]


SYLLABLE = st.text(st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊ0123456789àáảãạằếộữỳ")), min_size=1,
                   max_size=5)
NAME = st.lists(SYLLABLE, min_size=1, max_size=4).map(" ".join)


@given(NAME)
def test_case_spacing_and_tone_placement_do_not_change_the_order(name):
    spaced = "  " + name.upper().replace(" ", "   ") + " "
    assert sort_key(spaced)[:2] == sort_key(name)[:2]


@given(NAME, NAME)
def test_names_compared_as_one_name_sort_as_one(first, second):
    if normalized_name(first) == normalized_name(second):
        assert sort_key(first)[:2] == sort_key(second)[:2]


@given(st.lists(NAME, max_size=8))
def test_the_order_is_total_and_repeatable(names):
    once = sorted(names, key=sort_key)
    assert sorted(reversed(names), key=sort_key) == once


def test_a_word_comes_before_the_same_word_joined_to_another():
    # as a dictionary lists "Hòa Bình" before "Hòa-An": the end of a word comes before any other character
    assert sorted(["Xã Hòa-An", "Xã Hòa Bình"], key=sort_key) == ["Xã Hòa Bình", "Xã Hòa-An"]


def test_numbers_compare_by_their_value_whatever_their_zeros():
    assert sorted(["Phường 09", "Phường 1"], key=sort_key) == ["Phường 1", "Phường 09"]
    assert sorted(["Tổ 11", "Tổ 10A"], key=sort_key) == ["Tổ 10A", "Tổ 11"]
    assert sorted(["Khu 100", "Khu 20", "Khu 3"], key=sort_key) == ["Khu 3", "Khu 20", "Khu 100"]
