"""Rules of core/periods.py that mutation testing found unstated: each way of naming a report's month or day
read to the exact date (a month named means its last day), the names that are not read (two months, a day
that does not exist, a number that is not a month), and the dates a comparison is held to. Core-level."""

from __future__ import annotations

import datetime as dt

import pytest

from bhxh_cli.core.periods import date_in_name, month_before, month_end, month_label, year_before

D = dt.date


@pytest.mark.parametrize("stem, found", [
    ("bao_cao_2026-06-15", (D(2026, 6, 15), True)),
    ("2026_6_5", (D(2026, 6, 5), True)),
    ("2026.12.31", (D(2026, 12, 31), True)),
    ("2026 02 28", (D(2026, 2, 28), True)),
    ("2024-02-29", (D(2024, 2, 29), True)),
    ("2026-10-20", (D(2026, 10, 20), True)),
    ("30.06.2026", (D(2026, 6, 30), True)),
    ("1-7-2025", (D(2025, 7, 1), True)),
    ("19_11_2026", (D(2026, 11, 19), True)),
    ("bao_cao_2026-06", (D(2026, 6, 30), False)),
    ("202602", (D(2026, 2, 28), False)),
    ("2024_2", (D(2024, 2, 29), False)),
    ("2026.1", (D(2026, 1, 31), False)),
    ("2026 11", (D(2026, 11, 30), False)),
    ("06-2026", (D(2026, 6, 30), False)),
    ("12.2025", (D(2025, 12, 31), False)),
    ("4_2026", (D(2026, 4, 30), False)),
    ("thang6_2026", (D(2026, 6, 30), False)),
    ("Tháng 9 năm 2026", (D(2026, 9, 30), False)),
    ("THÁNG 10 NĂM 2026", (D(2026, 10, 31), False)),
    ("tháng 11-2026 (bản sửa)", (D(2026, 11, 30), False)),
    ("T6-2026", (D(2026, 6, 30), False)),
    ("t02nam2026", (D(2026, 2, 28), False)),
    ("bc_T12 2025", (D(2025, 12, 31), False)),
    ("thang__3__nam__2026", (D(2026, 3, 31), False)),
])
def test_each_way_of_naming_a_date_reads_to_the_exact_day(stem, found):
    assert date_in_name(stem) == found


@pytest.mark.parametrize("stem", [
    "bao_cao", "2026", "", "2026-13", "13-2026", "2026-00", "00-2026", "1999-06", "06-1999",
    "31-06-2026", "2026-06-31", "2025-02-29", "29.02.2025", "12026-06", "2026-061",
    "106-2026", "2025-12_va_2026-01", "30-05-2026 2026-06", "Đợt 6 năm 2026", "dot6nam2026",
    "thang 13 nam 2026", "06-20261", "2026-06-32", "20261",
])
def test_names_without_one_month_are_not_read(stem):
    assert date_in_name(stem) is None


def test_a_day_named_beats_the_same_month_named():
    assert date_in_name("2026-06 bao cao ngay 15-06-2026") == (D(2026, 6, 15), True)
    assert date_in_name("15-06-2026 thang 6 2026") == (D(2026, 6, 15), True)
    assert date_in_name("2026-06_2026-06") == (D(2026, 6, 30), False)  # one month, twice


def test_a_number_read_as_part_of_one_date_is_not_read_again():
    assert date_in_name("2026-01-2027") is None  # January of 2026 or of 2027: neither is guessed
    assert date_in_name("2026-06-15-2027") == (D(2026, 6, 15), True)
    # a number read once is skipped, and the rest of the name is still read: two months, so none
    assert date_in_name("2026-06-15 va 2026-07") is None and date_in_name("15-06-2026 va 07-2026") is None
    # "6-2026" inside "thang 6-2026" is read once; the pattern goes on to July: two months, so none
    assert date_in_name("thang 6-2026 va 07-2026") is None


def test_a_letter_before_t_is_a_word_not_tháng():
    assert date_in_name("Đợt 6 năm 2026") is None  # batch 6, not month 6
    assert date_in_name("bct6nam2026") is None and date_in_name("bc t6nam2026") == (D(2026, 6, 30), False)
    assert date_in_name("1t6nam2026") is None


def test_a_month_ends_on_its_last_day():
    assert [month_end(2026, m).day for m in range(1, 13)] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert month_end(2024, 2) == D(2024, 2, 29)


def test_the_month_before_ends_the_day_before_the_first():
    assert month_before(D(2026, 3, 15)) == D(2026, 2, 28) and month_before(D(2026, 1, 31)) == D(2025, 12, 31)
    assert month_before(D(2024, 3, 1)) == D(2024, 2, 29) and month_before(D(2026, 7, 31)) == D(2026, 6, 30)


def test_a_year_before_is_the_same_day_else_the_28th_of_february():
    assert year_before(D(2026, 6, 30)) == D(2025, 6, 30) and year_before(D(2026, 1, 1)) == D(2025, 1, 1)
    assert year_before(D(2024, 2, 29)) == D(2023, 2, 28) and year_before(D(2025, 2, 28)) == D(2024, 2, 28)


def test_a_month_is_labelled_as_an_office_writes_it():
    assert month_label(D(2026, 6, 30)) == "T6/2026" and month_label(D(2025, 12, 1)) == "T12/2025"
