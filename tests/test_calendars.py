"""Working-day calendars: holidays skipped, China's make-up working days counted."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_timeline.calendars import calendar_for


def test_china_counts_makeup_saturdays_across_spring_festival_2026() -> None:
    # State Council notice of 4 Nov 2025: Spring Festival off 15-23 Feb 2026, Saturdays
    # 14 Feb and 28 Feb are working days. From Fri 6 Feb 2026, 20 working days:
    #   9-13 Feb: 5 (=5); Sat 14 Feb make-up: 6; 15-23 Feb off; 24-27 Feb: 4 (=10);
    #   Sat 28 Feb make-up: 11; 2-6 Mar: 16; 9-12 Mar: 20  ->  Thu 12 Mar 2026.
    # Without the make-up Saturdays it would be Mon 16 Mar.
    cn = calendar_for("CN")
    assert cn.add_working_days(date(2026, 2, 6), 20) == date(2026, 3, 12)
    assert cn.is_working_day(date(2026, 2, 14))  # Saturday, make-up working day
    assert not cn.is_working_day(date(2026, 2, 17))  # Spring Festival, a Tuesday
    assert not cn.is_working_day(date(2026, 2, 21))  # an ordinary Saturday


def test_china_span_reports_holidays_and_makeup_days() -> None:
    cn = calendar_for("CN")
    note = cn.describe_span(date(2026, 2, 6), date(2026, 3, 12))
    assert [d for d, _ in note.holidays_skipped] == [
        date(2026, 2, 16),
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        date(2026, 2, 23),
    ]
    assert note.makeup_days_counted == (date(2026, 2, 14), date(2026, 2, 28))
    assert note.provisional_years == ()


def test_china_2027_is_provisional_until_the_notice_is_in_the_data() -> None:
    # The 2027 holiday notice is not in holidays 0.109: no make-up days are known.
    cn = calendar_for("CN")
    assert cn.provisional_years(date(2026, 12, 1), date(2027, 3, 1)) == (2027,)
    assert cn.provisional_years(date(2026, 1, 1), date(2026, 12, 31)) == ()


def test_japan_closes_29_december_to_3_january() -> None:
    # Government offices close 29 Dec - 3 Jan; 4 Jan 2027 is a Monday and open.
    jp = calendar_for("JP")
    assert jp.add_working_days(date(2026, 12, 28), 1) == date(2027, 1, 4)


def test_us_skips_thanksgiving() -> None:
    us = calendar_for("US")
    assert us.add_working_days(date(2026, 11, 25), 1) == date(2026, 11, 27)


def test_zero_working_days_rolls_to_a_working_day() -> None:
    cn = calendar_for("CN")
    assert cn.add_working_days(date(2026, 2, 17), 0) == date(2026, 2, 24)
    assert cn.subtract_working_days(date(2026, 2, 17), 0) == date(2026, 2, 14)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["CN", "JP", "US", "EU"]),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=1, max_value=250),
)
def test_adding_then_counting_back_gives_n_and_lands_on_a_working_day(
    jurisdiction: str, start: date, n: int
) -> None:
    cal = calendar_for(jurisdiction)
    end = cal.add_working_days(start, n)
    assert cal.is_working_day(end)
    assert cal.count_working_days(start, end) == n
    assert cal.subtract_working_days(end, n) <= start
    # The day before the answer is one working day short.
    assert cal.count_working_days(start, end - timedelta(days=1)) == n - 1
