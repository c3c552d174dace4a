"""Working-day calendars of the agencies' countries, from the ``holidays`` package.

A working day is a weekday that is not a public holiday, plus (in China) the
weekend days the State Council declares working days to make up for long holidays
(调休). Japan adds the government's year-end closure, 29 December to 3 January
(Act on Holidays of Administrative Organs, Art. 1(1)(iii)), which is not a public
holiday in the ``holidays`` data.

Each year is built on first use and kept, so that a run touches only the years it
counts through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

Year = tuple[dict[date, str], frozenset[date]]


@dataclass(frozen=True)
class CountNote:
    """What a working-day count passed over: holidays skipped, make-up days counted."""

    holidays_skipped: tuple[tuple[date, str], ...] = ()
    makeup_days_counted: tuple[date, ...] = ()
    provisional_years: tuple[int, ...] = ()


@dataclass
class Calendar:
    """A national working-day calendar, built a year at a time."""

    jurisdiction: str
    name: str
    source: str
    build_year: Callable[[int], Year]
    # China publishes each year's holidays and make-up working days in a State Council
    # notice, normally in November of the year before. The ``holidays`` package projects
    # later years from the rules, without make-up days: a year with no make-up working
    # day is taken as one whose notice the installed package does not know yet.
    needs_notice: bool = False
    _years: dict[int, Year] = field(default_factory=dict, repr=False)

    def _year(self, year: int) -> Year:
        data = self._years.get(year)
        if data is None:
            data = self._years[year] = self.build_year(year)
        return data

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday or closure on ``day``, if any."""
        return self._year(day.year)[0].get(day)

    def is_makeup_day(self, day: date) -> bool:
        """Whether ``day`` is a weekend day declared a working day."""
        return day in self._year(day.year)[1]

    def is_working_day(self, day: date) -> bool:
        """Weekdays that are not holidays, and declared make-up working days."""
        holidays_, makeup = self._year(day.year)
        if day in makeup:
            return True
        return day.weekday() < 5 and day not in holidays_

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (0: ``start`` or the next working day)."""
        day = start
        if count == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        counted = 0
        while counted < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def subtract_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day before ``start`` (0: ``start`` or the one before)."""
        day = start
        if count == 0:
            while not self.is_working_day(day):
                day -= timedelta(days=1)
            return day
        counted = 0
        while counted < count:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def count_working_days(self, start: date, end: date) -> int:
        """Working days in the half-open span (start, end]; negative if end < start."""
        if end < start:
            return -self.count_working_days(end, start)
        day, counted = start, 0
        while day < end:
            day += timedelta(days=1)
            counted += self.is_working_day(day)
        return counted

    def describe_span(self, start: date, end: date) -> CountNote:
        """The holidays skipped and make-up days counted between two dates (either order)."""
        low, high = (start, end) if start <= end else (end, start)
        skipped: list[tuple[date, str]] = []
        makeup: list[date] = []
        day = low
        while day < high:
            day += timedelta(days=1)
            holidays_, extra = self._year(day.year)
            if day in extra:
                makeup.append(day)
            elif day.weekday() < 5 and day in holidays_:
                skipped.append((day, holidays_[day]))
        return CountNote(tuple(skipped), tuple(makeup), self.provisional_years(low, high))

    def provisional_years(self, start: date, end: date) -> tuple[int, ...]:
        """Years in [start, end] whose official calendar the installed data does not know."""
        if not self.needs_notice:
            return ()
        return tuple(y for y in range(start.year, end.year + 1) if not self._year(y)[1])


def _china_year(year: int) -> Year:
    import holidays

    cn = holidays.country_holidays("CN", years=year)
    makeup = frozenset(d for d in cn.weekend_workdays if d.year == year)
    return dict(cn.items()), makeup


def _japan_year(year: int) -> Year:
    import holidays

    days: dict[date, str] = dict(holidays.country_holidays("JP", years=year).items())
    # Government offices close 29 Dec - 3 Jan (行政機関の休日に関する法律 Art. 1(1)(iii)).
    for month, day in ((1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31)):
        days.setdefault(date(year, month, day), "Year-end closure of government offices")
    return days, frozenset()


def _us_year(year: int) -> Year:
    import holidays

    return dict(holidays.country_holidays("US", years=year).items()), frozenset()


def _eu_year(year: int) -> Year:
    import holidays

    # The EMA sits in Amsterdam; Dutch public holidays stand in for its closures.
    return dict(holidays.country_holidays("NL", years=year).items()), frozenset()


@cache
def calendar_for(jurisdiction: str) -> Calendar:
    """The working-day calendar of a jurisdiction code (``US``, ``EU``, ``CN``, ``JP``)."""
    if jurisdiction == "CN":
        return Calendar(
            "CN",
            "PRC working days (State Council holiday notices, with make-up working days)",
            "holidays.China",
            _china_year,
            needs_notice=True,
        )
    if jurisdiction == "JP":
        return Calendar(
            "JP",
            "Japanese government working days (national holidays and 29 Dec-3 Jan closure)",
            "holidays.Japan",
            _japan_year,
        )
    if jurisdiction == "US":
        return Calendar("US", "US federal working days", "holidays.US", _us_year)
    if jurisdiction == "EU":
        return Calendar("EU", "EMA working days (Dutch public holidays)", "holidays.NL", _eu_year)
    raise KeyError(jurisdiction)
