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

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
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
    _span: tuple[int, int] | None = field(default=None, repr=False)
    _lists: dict[int, tuple[list[int], list[int], list[int]]] = field(
        default_factory=dict, repr=False
    )
    _work: list[int] = field(default_factory=list, repr=False)
    _skipped: list[int] = field(default_factory=list, repr=False)
    _makeup: list[int] = field(default_factory=list, repr=False)

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

    # Working days, weekday holidays and make-up days of a span of years as sorted day
    # ordinals: adding N working days is then a binary search, not a walk over days.
    def _ensure(self, first: int, last: int) -> None:
        span = self._span
        if span is not None and span[0] <= first and last <= span[1]:
            return
        if span is not None:
            first, last = min(first, span[0]), max(last, span[1])
        if first < 1900 or last > 2200:
            raise ValueError(
                f"working days are counted only between 1900 and 2200 ({first}-{last})"
            )
        work: list[int] = []
        skipped: list[int] = []
        makeup: list[int] = []
        for year in range(first, last + 1):
            w, s, m = self._year_lists(year)
            work += w
            skipped += s
            makeup += m
        self._work, self._skipped, self._makeup = work, skipped, makeup
        self._span = (first, last)

    def _year_lists(self, year: int) -> tuple[list[int], list[int], list[int]]:
        cached = self._lists.get(year)
        if cached is not None:
            return cached
        holidays_, extra = self._year(year)
        work, skipped, makeup = [], [], []
        for ordinal in range(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1):
            day = date.fromordinal(ordinal)
            if day in extra:
                work.append(ordinal)
                makeup.append(ordinal)
            elif day.weekday() < 5:
                if day in holidays_:
                    skipped.append(ordinal)
                else:
                    work.append(ordinal)
        self._lists[year] = (work, skipped, makeup)
        return work, skipped, makeup

    def working_days(self, first_year: int, last_year: int) -> list[int]:
        """Sorted day ordinals of the working days of at least these years."""
        self._ensure(first_year, last_year)
        return self._work

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (0: ``start`` or the next working day)."""
        origin = start.toordinal()
        self._ensure(start.year, start.year)
        while True:
            if count == 0:
                pos = bisect_left(self._work, origin)
            else:
                pos = bisect_right(self._work, origin) + count - 1
            if pos < len(self._work):
                return date.fromordinal(self._work[pos])
            assert self._span is not None
            self._ensure(self._span[0], self._span[1] + 1)

    def subtract_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day before ``start`` (0: ``start`` or the one before)."""
        origin = start.toordinal()
        self._ensure(start.year, start.year)
        while True:
            if count == 0:
                pos = bisect_right(self._work, origin) - 1
            else:
                pos = bisect_left(self._work, origin) - count
            if pos >= 0:
                return date.fromordinal(self._work[pos])
            assert self._span is not None
            self._ensure(self._span[0] - 1, self._span[1])

    def count_working_days(self, start: date, end: date) -> int:
        """Working days in the half-open span (start, end]; negative if end < start."""
        if end < start:
            return -self.count_working_days(end, start)
        self._ensure(start.year, end.year)
        return bisect_right(self._work, end.toordinal()) - bisect_right(
            self._work, start.toordinal()
        )

    def describe_span(self, start: date, end: date) -> CountNote:
        """The holidays skipped and make-up days counted between two dates (either order)."""
        low, high = (start, end) if start <= end else (end, start)
        self._ensure(low.year, high.year)
        lo, hi = low.toordinal(), high.toordinal()
        skipped = self._skipped[bisect_right(self._skipped, lo) : bisect_right(self._skipped, hi)]
        makeup = self._makeup[bisect_right(self._makeup, lo) : bisect_right(self._makeup, hi)]
        return CountNote(
            tuple((d, self._year(d.year)[0][d]) for d in map(date.fromordinal, skipped)),
            tuple(map(date.fromordinal, makeup)),
            self.provisional_years(low, high),
        )

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
