"""Agency date rules that move a computed date: "counted from the 1st of next month".

A milestone names one with ``snap:``; the engine applies it after counting the
duration and records the date before the move, so that ``explain`` can show it.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.easter import easter

if TYPE_CHECKING:
    import numpy as np

    from .calendars import Calendar

# The snap rules a milestone may name are model.SnapRule.

# A clock restart timed so that the next step, 30 or 60 active days on (Day 121 + 29 =
# Day 150; Day 121 + 59 = Day 180; Day 181 + 29 = Day 210), falls on a CHMP plenary:
# EMA fixes the start and plenary dates and adjusts the others to them: the restart
# moves to the slot nearest the estimated one (never before the clock stopped).
RESTART_OFFSETS: dict[str, int] = {"chmp-restart-30": 29, "chmp-restart-60": 59}


def pmda_busy_month(day: date) -> date:
    """PMDA counts applications filed on or after the 16th of March, June, September or
    December from the 1st of the next month (PMDA brochure, note on review times)."""
    if day.month in (3, 6, 9, 12) and day.day >= 16:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day


def pmda_busy_month_array(ordinals: np.ndarray) -> np.ndarray:
    """The same rule over an array of day ordinals (for the simulation)."""
    import numpy as np

    epoch = date(1970, 1, 1).toordinal()
    days = (ordinals - epoch).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    day_of_month = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    month_number = months.astype(np.int64) % 12 + 1
    busy = np.isin(month_number, (3, 6, 9, 12)) & (day_of_month >= 16)
    first_of_next = (months + 1).astype("datetime64[D]").astype(np.int64) + epoch
    result: np.ndarray = np.where(busy, first_of_next, ordinals)
    return result


def snap(
    rule: str,
    day: date,
    ema: EmaCalendar | None,
    calendar: Calendar | None = None,
    floor: date | None = None,
    *,
    nearest: bool = False,
) -> tuple[date, str]:
    """The date a rule moves ``day`` to, and whether the calendar behind it is
    ``published`` or ``projected`` (``rule`` for a fixed rule such as PMDA's).

    ``nearest`` puts a ``chmp-plenary`` date on the plenary nearest it after ``floor``
    (a delay measured from plenary to plenary), as :func:`snap_array` does.

    ``working-day-on-or-before`` / ``-after`` move a date off weekends, public holidays
    and agency closures of the pathway's ``calendar`` (an agency acts on a working day).
    ``chmp-restart-30`` / ``-60`` move a clock restart to the nearest day (after
    ``floor``, the day the clock stopped) from which 30 / 60 active days end on a CHMP
    plenary: the timetable slot closest to the estimated stop.
    """
    if rule == "pmda-busy-month":
        return pmda_busy_month(day), "rule"
    if rule == "friday-on-or-before":
        # The CAT meets in the week before the CHMP and adopts on its Friday; in Easter
        # week, on the Wednesday (CAT 12/04/2017 before CHMP 21/04/2017).
        friday = day - timedelta(days=(day.weekday() - 4) % 7)
        if friday == easter(friday.year) - timedelta(days=2):
            friday -= timedelta(days=2)
        return friday, "rule"
    if rule.startswith("weekday-"):
        # Only weekends: for a body whose own holidays are not in the data.
        if day.weekday() >= 5:
            day += timedelta(
                days=4 - day.weekday() if rule.endswith("before") else 7 - day.weekday()
            )
        return day, "rule"
    if rule.startswith("working-day-"):
        if calendar is None:
            raise ValueError(f"snap {rule!r} needs the pathway's calendar")
        step = timedelta(days=-1 if rule.endswith("before") else 1)
        while not calendar.is_working_day(day):
            day += step
        return day, "rule"
    if ema is None:
        raise ValueError(f"snap {rule!r} needs the EMA calendar")
    if rule == "ema-procedure-start":
        return ema.next_start(day)
    if rule in RESTART_OFFSETS:
        return ema.nearest_restart(day, RESTART_OFFSETS[rule], floor)
    if nearest and rule == "chmp-plenary":
        return ema.nearest_restart(day, 0, floor)
    return ema.next_outcome(day)


def snap_array(
    rule: str,
    ordinals: np.ndarray,
    ema: EmaCalendar | None,
    calendar: Calendar | None = None,
    floor: np.ndarray | None = None,
    *,
    nearest: bool = False,
) -> np.ndarray:
    """The same over an array of day ordinals (for the simulation).

    ``nearest`` puts a ``chmp-plenary`` date on the nearest plenary after ``floor``
    rather than the next one: a delay measured from plenary to plenary (a reverted
    accelerated assessment) lands on the plenary it was measured to."""
    import numpy as np

    if rule == "pmda-busy-month":
        return pmda_busy_month_array(ordinals)
    if rule == "friday-on-or-before":
        fridays: np.ndarray = ordinals - ((ordinals - 1) % 7 - 4) % 7
        years = range(
            date.fromordinal(int(fridays.min())).year, date.fromordinal(int(fridays.max())).year + 1
        )
        good = np.asarray([(easter(y) - timedelta(days=2)).toordinal() for y in years])
        cat_days: np.ndarray = np.where(np.isin(fridays, good), fridays - 2, fridays)
        return cat_days
    if rule.startswith("weekday-"):
        weekday = (ordinals - 1) % 7  # date.fromordinal(1) is a Monday
        if rule.endswith("before"):
            shift = np.where(weekday >= 5, 4 - weekday, 0)
        else:
            shift = np.where(weekday >= 5, 7 - weekday, 0)
        moved: np.ndarray = ordinals + shift
        return moved
    if rule.startswith("working-day-"):
        if calendar is None:
            raise ValueError(f"snap {rule!r} needs the pathway's calendar")
        first = date.fromordinal(int(ordinals.min())).year - 1
        last = date.fromordinal(int(ordinals.max())).year + 1
        days = np.asarray(calendar.working_days(first, last), dtype=np.int64)
        if rule.endswith("before"):
            picked: np.ndarray = days[np.searchsorted(days, ordinals, side="right") - 1]
        else:
            picked = days[np.searchsorted(days, ordinals, side="left")]
        return picked
    if ema is None:
        raise ValueError(f"snap {rule!r} needs the EMA calendar")
    ema.ensure(
        date.fromordinal(int(ordinals.min())).year, date.fromordinal(int(ordinals.max())).year + 1
    )
    if rule in RESTART_OFFSETS or (nearest and rule == "chmp-plenary"):
        restarts = np.asarray(ema.outcomes, dtype=np.int64) - RESTART_OFFSETS.get(rule, 0)
        least = ordinals if floor is None else np.maximum(ordinals, floor + 1)
        later_i = np.searchsorted(restarts, least, side="left")
        if (later_i >= len(restarts)).any():
            raise BeyondCalendar(date.fromordinal(int(ordinals.max())).isoformat())
        later = restarts[later_i]
        earlier = restarts[np.maximum(later_i - 1, 0)]
        usable = later_i > 0
        if floor is not None:
            usable &= earlier > floor
        take_earlier = usable & (ordinals - earlier < later - ordinals)
        chosen: np.ndarray = np.where(take_earlier, earlier, later)
        return chosen
    table = np.asarray(ema.starts if rule == "ema-procedure-start" else ema.outcomes)
    index = np.searchsorted(table, ordinals, side="left")
    if (index >= len(table)).any():
        raise BeyondCalendar(date.fromordinal(int(ordinals.max())).isoformat())
    result: np.ndarray = table[index]
    return result


# ---------------------------------------------------------------------------------
# EMA: procedure start dates and CHMP plenary outcome days (data: rules/calendars/ema.yaml)

PUBLISHED = "published"
PROJECTED = "projected"
# Wide enough for every date a profile may give (model.EARLIEST-LATEST) plus the years a
# review can run after it; a date beyond is refused, not clipped.
FIRST_YEAR, LAST_YEAR = 1975, 2130


@dataclass
class EmaCalendar:
    """Published EMA dates, and projected ones worked out for the years asked about.

    ``outcomes`` / ``starts`` hold sorted day ordinals and a status for the years built
    so far; a lookup builds the years it needs (a whole century at start-up would cost
    more than the rest of an estimate).
    """

    published_outcomes: tuple[date, ...]
    published_starts: tuple[date, ...]
    outcomes: list[int] = field(default_factory=list)
    outcome_status: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    start_status: list[str] = field(default_factory=list)
    _years: tuple[int, int] | None = None
    # Where each published date was found (day ordinal -> URL or source title), and
    # whether that source is EMA's own ("official") or a copy or report ("secondary"):
    # plenaries and procedure starts apart (a Thursday can be both, from two sources).
    cited: dict[int, str] = field(default_factory=dict)
    cited_status: dict[int, str] = field(default_factory=dict)
    start_cited: dict[int, str] = field(default_factory=dict)
    start_cited_status: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        outcomes: Sequence[date],
        starts: Sequence[date],
        cited: dict[date, str] | None = None,
        statuses: dict[date, str] | None = None,
        start_cited: dict[date, str] | None = None,
        start_statuses: dict[date, str] | None = None,
    ) -> EmaCalendar:
        """A calendar over published dates (projections are made when needed): the
        plenaries' sources and statuses, then the procedure starts'."""

        def by_day(table: dict[date, str] | None) -> dict[int, str]:
            return {d.toordinal(): text for d, text in (table or {}).items()}

        return cls(
            tuple(sorted(outcomes)),
            tuple(sorted(starts)),
            cited=by_day(cited),
            cited_status=by_day(statuses),
            start_cited=by_day(start_cited),
            start_cited_status=by_day(start_statuses),
        )

    def citation(self, day: date, *, start: bool = False) -> str | None:
        """Where a published plenary (or, with ``start``, procedure start) was found."""
        return (self.start_cited if start else self.cited).get(day.toordinal())

    def citation_status(self, day: date, *, start: bool = False) -> str | None:
        """ "official" (EMA's own document) or "secondary" (a report of it), if published."""
        return (self.start_cited_status if start else self.cited_status).get(day.toordinal())

    def ensure(self, first_year: int, last_year: int) -> None:
        """Outcomes and starts (published and projected) for at least these years."""
        span = self._years
        if span is not None and span[0] <= first_year and last_year <= span[1]:
            return
        if span is not None:
            first_year, last_year = min(first_year, span[0]), max(last_year, span[1])
        first_year, last_year = max(first_year, FIRST_YEAR), min(last_year, LAST_YEAR)
        known = {(d.year, d.month): d for d in self.published_outcomes}
        by_month: dict[int, list[date]] = {}
        for d in known.values():
            by_month.setdefault(d.month, []).append(d)
        # One year either side, so that a start (plenary - 119 days) near the edges exists.
        all_outcomes: dict[int, str] = {d.toordinal(): PUBLISHED for d in self.published_outcomes}
        for month, templates in by_month.items():
            if month == 8:
                continue  # no plenary in August
            for year in range(first_year - 1, last_year + 2):
                if (year, month) in known:
                    continue
                template = min(templates, key=lambda t: (abs(t.year - year), -t.year))
                all_outcomes.setdefault(_same_weekday(template, year).toordinal(), PROJECTED)
        published = sorted(s.toordinal() for s in self.published_starts)
        spans = _spans(published)
        all_starts: dict[int, str] = {x: PUBLISHED for x in published}
        for outcome in all_outcomes:
            start = outcome - 119  # Day 120 on the plenary
            if _over_christmas(date.fromordinal(start)):
                continue  # the 2022-23 timetable leaves its Christmas row blank
            if not any(lo <= start <= hi for lo, hi in spans):
                all_starts.setdefault(start, PROJECTED)
        self.outcomes = sorted(all_outcomes)
        self.outcome_status = [all_outcomes[x] for x in self.outcomes]
        self.starts = sorted(all_starts)
        self.start_status = [all_starts[x] for x in self.starts]
        self._years = (first_year, last_year)

    def next_outcome(self, day: date) -> tuple[date, str]:
        """The first CHMP outcome day on or after ``day``."""
        self.ensure(day.year, day.year + 1)
        i = bisect_left(self.outcomes, day.toordinal())
        _check_within(i, self.outcomes, day)
        return date.fromordinal(self.outcomes[i]), self.outcome_status[i]

    def nearest_restart(
        self, day: date, offset: int, floor: date | None = None
    ) -> tuple[date, str]:
        """The day nearest ``day`` (a tie goes to the later; never on or before
        ``floor``) that is ``offset`` days before a CHMP outcome day, and that outcome's
        status."""
        self.ensure(day.year - 1, day.year + 1)
        x = day.toordinal()
        least = x if floor is None else max(x, floor.toordinal() + 1)
        i = bisect_left(self.outcomes, least + offset)
        _check_within(i, self.outcomes, day)
        pick = i
        if i > 0:
            earlier = self.outcomes[i - 1] - offset
            later = self.outcomes[i] - offset
            if (floor is None or earlier > floor.toordinal()) and x - earlier < later - x:
                pick = i - 1
        return date.fromordinal(self.outcomes[pick] - offset), self.outcome_status[pick]

    def next_start(self, day: date) -> tuple[date, str]:
        """The first procedure start date on or after ``day``."""
        self.ensure(day.year, day.year + 1)
        i = bisect_left(self.starts, day.toordinal())
        _check_within(i, self.starts, day)
        return date.fromordinal(self.starts[i]), self.start_status[i]


def _same_weekday(template: date, year: int) -> date:
    """The projected plenary outcome day in ``year`` and the template's month.

    The template is first moved to the Thursday of its week (a Tuesday-Friday plenary
    after Easter Monday, or a three-day one, is not the pattern); then the Thursday of
    ``year`` nearest the same day of the month, kept inside the month. Checked against
    the published days (each projected from the nearest other year): 62 of 93 exact,
    2.0 days off on average, none in another month."""
    month = template.month
    thursday = template - timedelta(days=template.weekday() - 3)
    anchor = thursday.day if thursday.month == month else template.day
    day = date(year, month, min(anchor, calendar.monthrange(year, month)[1]))
    shift = (3 - day.weekday() + 3) % 7 - 3  # -3..3 days, to a Thursday
    projected = day + timedelta(days=shift)
    if projected.month != month:
        projected += timedelta(days=-7 if projected > day else 7)
    return projected


class BeyondCalendar(ValueError):
    """A date after the last one the EMA calendar is worked out for."""


def beyond(milestone: str, day: object, expected: str | None = None) -> Exception:
    """The input error for a step counted past the EMA calendar."""
    from .errors import InputError, Problem

    return InputError(
        [
            Problem(
                "input",
                f"{milestone}: {day} is beyond the EMA calendar this tool works out "
                f"(plenaries up to about {LAST_YEAR})",
                expected=expected or "an earlier submission date or shorter --set durations",
            )
        ]
    )


def _check_within(index: int, table: Sequence[int], day: date) -> None:
    if index >= len(table):
        raise BeyondCalendar(day.isoformat())


def _over_christmas(day: date) -> bool:
    """20 December - 5 January: no procedure starts then (EMA/339594/2016 Rev.12 has
    no row for a start over Christmas)."""
    return (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 5)


def _spans(starts: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of published starts (less than three months apart) as (first, last)."""
    spans: list[tuple[int, int]] = []
    for s in starts:
        if spans and s - spans[-1][1] <= 92:
            spans[-1] = (spans[-1][0], s)
        else:
            spans.append((s, s))
    return spans
