"""Durations: parsing, printing, and calendar-month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgt_timeline.durations import Duration, DurationError, Unit


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("150 days", 150, Unit.DAYS),
        ("1 day", 1, Unit.DAYS),
        ("60 calendar days", 60, Unit.DAYS),
        ("130 working days", 130, Unit.WORKING_DAYS),
        ("5 WD", 5, Unit.WORKING_DAYS),
        ("2months", 2, Unit.MONTHS),
        ("  6   Months ", 6, Unit.MONTHS),
        ("2 weeks", 2, Unit.WEEKS),
        ("7 years", 7, Unit.YEARS),
        ("0 days", 0, Unit.DAYS),
    ],
)
def test_parses_number_and_unit(text: str, amount: int, unit: Unit) -> None:
    assert Duration.parse(text) == Duration(amount, unit)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("150 dayz", 'unknown unit "dayz"'),
        ("days", "is not a duration"),
        ("-3 days", "negative"),
        ("1.5 months", "is not a duration"),
        ("99999 days", "longer than"),
        (60, "is a number"),
        (True, "not a duration"),
        (None, "not a duration"),
    ],
)
def test_refuses_what_is_not_a_duration(value: object, phrase: str) -> None:
    with pytest.raises(DurationError, match=phrase):
        Duration.parse(value)


def test_month_end_is_clamped_like_dateutil() -> None:
    # Jan 31 + 1 month: February has no 31st, so the last day of February.
    assert Duration.parse("1 month").add_to(date(2027, 1, 31)) == date(2027, 2, 28)
    assert Duration.parse("1 month").add_to(date(2028, 1, 31)) == date(2028, 2, 29)
    # Aug 31 + 6 months = Feb 28 (2027) and + 10 months = Jun 30 (2027).
    assert Duration.parse("6 months").add_to(date(2026, 8, 31)) == date(2027, 2, 28)
    assert Duration.parse("10 months").add_to(date(2026, 8, 31)) == date(2027, 6, 30)


def test_days_weeks_and_years() -> None:
    assert Duration.parse("60 days").add_to(date(2026, 6, 1)) == date(2026, 7, 31)
    assert Duration.parse("2 weeks").add_to(date(2026, 12, 25)) == date(2027, 1, 8)
    # Feb 29 + 7 years: no Feb 29 in 2035, so Feb 28.
    assert Duration.parse("7 years").add_to(date(2028, 2, 29)) == date(2035, 2, 28)
    assert Duration.parse("60 days").subtract_from(date(2026, 6, 1)) == date(2026, 4, 2)


@given(st.sampled_from(list(Unit)), st.integers(min_value=0, max_value=20))
def test_text_round_trips(unit: Unit, amount: int) -> None:
    d = Duration(amount, unit)
    assert Duration.parse(str(d)) == d


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    st.sampled_from([Unit.DAYS, Unit.WEEKS, Unit.MONTHS, Unit.YEARS]),
    st.integers(min_value=0, max_value=100),
    st.integers(min_value=0, max_value=20),
)
def test_longer_durations_never_give_earlier_dates(
    start: date, unit: Unit, amount: int, extra: int
) -> None:
    short = Duration(min(amount, 100), unit)
    long = Duration(min(amount + extra, 100), unit)
    assert long.add_to(start) >= short.add_to(start)
