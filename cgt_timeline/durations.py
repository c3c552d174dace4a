"""Durations as rule files write them: "60 days", "130 working days", "6 months".

A duration is a whole number and a unit. Calendar days and weeks are plain date
arithmetic; months follow ``dateutil.relativedelta`` (Jan 31 + 1 month = Feb 28/29,
the same day of the month otherwise; years likewise); working days are counted on a jurisdiction's
calendar (see :mod:`cgt_timeline.calendars`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import cache
from typing import Protocol

from dateutil.relativedelta import relativedelta


class Unit(str, Enum):
    """The units a duration may be counted in."""

    DAYS = "days"
    WORKING_DAYS = "working days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


# Ways people write the units; keys are lower case with single spaces.
_UNIT_WORDS: dict[str, Unit] = {
    "day": Unit.DAYS,
    "days": Unit.DAYS,
    "d": Unit.DAYS,
    "calendar day": Unit.DAYS,
    "calendar days": Unit.DAYS,
    "cd": Unit.DAYS,
    "working day": Unit.WORKING_DAYS,
    "working days": Unit.WORKING_DAYS,
    "wd": Unit.WORKING_DAYS,
    "business day": Unit.WORKING_DAYS,
    "business days": Unit.WORKING_DAYS,
    "week": Unit.WEEKS,
    "weeks": Unit.WEEKS,
    "w": Unit.WEEKS,
    "month": Unit.MONTHS,
    "months": Unit.MONTHS,
    "mo": Unit.MONTHS,
    "year": Unit.YEARS,
    "years": Unit.YEARS,
    "y": Unit.YEARS,
}

# Upper bounds: a regulatory step longer than ten years is a typo, and refusing it
# keeps date arithmetic far from date.max.
_MAXIMUM: dict[Unit, int] = {
    Unit.DAYS: 3660,
    Unit.WORKING_DAYS: 2500,
    Unit.WEEKS: 522,
    Unit.MONTHS: 120,
    Unit.YEARS: 20,
}

_PATTERN = re.compile(r"^\s*([+-]?\d+)\s*([A-Za-z][A-Za-z ]*?)\s*$")

EXAMPLES = '"150 days", "130 working days", "2 weeks", "6 months", "7 years"'


@cache
def _months(n: int) -> relativedelta:
    # relativedelta normalises its arguments on every construction; batch runs add the
    # same few month counts hundreds of thousands of times.
    return relativedelta(months=n)


class DurationError(ValueError):
    """A text that is not a duration; the message says why."""


class WorkingCalendar(Protocol):
    """What a duration needs from a calendar to count working days."""

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` if 0 and working)."""
        ...

    def subtract_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day before ``start``."""
        ...


@dataclass(frozen=True, order=True)
class Duration:
    """A whole number of days, working days, weeks or months (never negative)."""

    amount: int
    unit: Unit

    @classmethod
    def parse(cls, text: object) -> Duration:
        """Read ``"150 days"``, ``"130 working days"``, ``"2months"`` and the like."""
        if isinstance(text, Duration):
            return text
        if isinstance(text, bool) or not isinstance(text, str):
            shown = "a number" if isinstance(text, (int, float)) else type(text).__name__
            raise DurationError(f"{text!r} is {shown}, not a duration (a number and a unit)")
        match = _PATTERN.match(text)
        if not match:
            raise DurationError(f'"{text}" is not a duration')
        amount = int(match.group(1))
        word = " ".join(match.group(2).lower().split())
        unit = _UNIT_WORDS.get(word)
        if unit is None:
            raise DurationError(f'"{text}": unknown unit "{match.group(2).strip()}"')
        if amount < 0:
            raise DurationError(f'"{text}" is negative; durations count forward in time')
        if amount > _MAXIMUM[unit]:
            raise DurationError(f'"{text}" is longer than {_MAXIMUM[unit]} {unit.value}')
        return cls(amount, unit)

    def __str__(self) -> str:
        if self.unit is Unit.DAYS:
            word = "calendar day" if self.amount == 1 else "calendar days"
        elif self.unit is Unit.WORKING_DAYS:
            word = "working day" if self.amount == 1 else "working days"
        else:
            word = self.unit.value[:-1] if self.amount == 1 else self.unit.value
        return f"{self.amount} {word}"

    @property
    def needs_calendar(self) -> bool:
        """Whether counting this duration needs a working-day calendar."""
        return self.unit is Unit.WORKING_DAYS

    def add_to(self, start: date, calendar: WorkingCalendar | None = None) -> date:
        """The date this duration after ``start``."""
        return self._shift(start, calendar, forward=True)

    def subtract_from(self, start: date, calendar: WorkingCalendar | None = None) -> date:
        """The date this duration before ``start``."""
        return self._shift(start, calendar, forward=False)

    def _shift(self, start: date, calendar: WorkingCalendar | None, *, forward: bool) -> date:
        sign = 1 if forward else -1
        if self.unit is Unit.DAYS:
            return start + timedelta(days=sign * self.amount)
        if self.unit is Unit.WEEKS:
            return start + timedelta(weeks=sign * self.amount)
        if self.unit is Unit.MONTHS:
            shifted: date = start + _months(sign * self.amount)
            return shifted
        if self.unit is Unit.YEARS:
            shifted = start + _months(12 * sign * self.amount)
            return shifted
        if calendar is None:
            raise ValueError("counting working days needs a calendar")
        if forward:
            return calendar.add_working_days(start, self.amount)
        return calendar.subtract_working_days(start, self.amount)

    def approx_days(self) -> float:
        """Rough length in calendar days, for ordering and sanity checks only."""
        factor = {
            Unit.DAYS: 1.0,
            Unit.WORKING_DAYS: 7 / 5,
            Unit.WEEKS: 7.0,
            Unit.MONTHS: 30.44,
            Unit.YEARS: 365.25,
        }
        return self.amount * factor[self.unit]
