"""EMA calendars as data: published start dates and CHMP outcome days, projected
where nothing is published; a rule step may snap to them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from cgt_timeline.engine import estimate
from cgt_timeline.errors import InputError
from cgt_timeline.rulepack import load_ema_calendar, load_rules

from conftest import TWO_SOURCE_CALENDAR

# A pathway that starts on the next procedure start date after 16 days of validation,
# with Day 90 and Day 120 steps that fall on the next CHMP outcome day.
SNAPPING = """\
name: EMA timetable check
jurisdiction: EU
agency: EMA
checked_on: 2026-11-26
sources:
  - id: t
    title: EMA timetables
milestones:
  - id: sub
    name: Submitted on a published deadline
    kind: submission
  - id: start
    name: Day 1
    kind: review-start
    after: sub
    duration: 16 days
    snap: ema-procedure-start
    sources: t
  - id: day-90
    name: Day 90
    kind: meeting
    after: start
    duration: 89 days
    snap: chmp-plenary
    sources: t
  - id: day-120
    name: Day 120
    kind: opinion
    after: start
    duration: 119 days
    snap: chmp-plenary
    sources: t
  - id: done
    name: Decision
    kind: approval
    after: day-120
    duration: 1 day
    sources: t
"""

# agency-calendars.md 2.3: submission deadline -> start (Day 1) -> the CHMP step.
ATMP_2017 = [  # Day 120 (CHMP) from EMA/824993/2015 Rev.1 and EMA/824995/2015 Rev.1
    ("2017-01-02", "2017-01-19", "2017-05-18"),
    ("2017-02-06", "2017-02-23", "2017-06-22"),
    ("2017-03-06", "2017-03-23", "2017-07-20"),
    ("2017-04-27", "2017-05-18", "2017-09-14"),
]
STARTS_2017 = [
    ("2017-05-24", "2017-06-15"),
    ("2017-06-26", "2017-07-13"),
    ("2017-07-31", "2017-08-17"),
    ("2017-09-11", "2017-09-28"),
    ("2017-10-09", "2017-10-26"),
]
AA_2023 = [  # Day 90 (CHMP) from EMA/339594/2016 Rev.12
    ("2022-10-10", "2022-10-27", "2023-01-26"),
    ("2022-11-07", "2022-11-24", "2023-02-23"),
    ("2023-01-09", "2023-01-25", "2023-04-26"),
    ("2023-02-06", "2023-02-23", "2023-05-25"),
    ("2023-03-06", "2023-03-23", "2023-06-22"),
    ("2023-04-03", "2023-04-20", "2023-07-20"),
    ("2023-05-30", "2023-06-15", "2023-09-14"),
]


@pytest.fixture(scope="module")
def snapping(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "ema-check.yaml").write_text(SNAPPING)
    return load_rules([folder], builtin=False)


def dated(pack, submission: str, profile) -> dict[str, date]:
    e = estimate(pack, profile(submission=submission), ["ema-check"]).estimates[0]
    return {m.id: m.date for m in e.milestones}


@pytest.mark.parametrize(("deadline", "start", "day_120"), ATMP_2017)
def test_reproduces_the_2017_atmp_rows(snapping, profile, deadline, start, day_120) -> None:
    # Deadline + 16 days of validation -> the next published start; Day 120 = start + 119,
    # on the CHMP plenary.
    d = dated(snapping, deadline, profile)
    assert d["start"].isoformat() == start
    assert d["day-120"].isoformat() == day_120


# The same rows' CAT column: the CAT adopts the Day 120 questions on the Friday before.
CAT_2017 = [
    ("2017-01-02", "2017-05-12"),
    ("2017-02-06", "2017-06-16"),
    ("2017-03-06", "2017-07-14"),
    ("2017-04-27", "2017-09-08"),
]


@pytest.mark.parametrize(("deadline", "cat"), CAT_2017)
def test_reproduces_the_2017_atmp_cat_steps_with_the_shipped_rules(profile, deadline, cat) -> None:
    # ema-standard from the published deadline: the start and Day 120 as above, and the
    # CAT step on the Friday of the week before the CHMP Thursday (18 May -> 12 May).
    e = estimate(load_rules(), profile(submission=deadline), ["ema-standard"]).estimates[0]
    by = {m.id: m.date for m in e.milestones}
    assert by["cat-day-120"].isoformat() == cat
    assert (by["day-120-list-of-questions"] - by["cat-day-120"]).days == 6


def test_a_cat_step_is_on_the_friday_before_or_in_easter_week_the_wednesday(profile) -> None:
    # May 2019's plenary ended on Wednesday 29 May: the CAT step falls on Friday 24 May.
    # The April 2025 plenary ended on Friday 25 Apr (after Easter Monday); the Friday
    # before is Good Friday, 18 Apr, so the CAT adopts on Wednesday 16 Apr, as in 2017
    # (CAT 12/04/2017 before the CHMP of 21/04/2017, EMA/727192/2017).
    import numpy as np

    from cgt_timeline.agency import snap, snap_array

    assert snap("friday-on-or-before", date(2019, 5, 28), None)[0] == date(2019, 5, 24)
    assert snap("friday-on-or-before", date(2025, 4, 24), None)[0] == date(2025, 4, 16)
    assert snap("friday-on-or-before", date(2017, 4, 20), None)[0] == date(2017, 4, 12)
    days = [date(2016, 1, 1).toordinal() + i for i in range(0, 7000, 1)]
    arr = snap_array("friday-on-or-before", np.asarray(days, dtype=np.int64), None)
    assert [
        snap("friday-on-or-before", date.fromordinal(x), None)[0].toordinal() for x in days
    ] == (arr.tolist())


@pytest.mark.parametrize(("deadline", "start"), STARTS_2017)
def test_reproduces_the_other_2017_start_dates(snapping, profile, deadline, start) -> None:
    assert dated(snapping, deadline, profile)["start"].isoformat() == start


@pytest.mark.parametrize(("deadline", "start", "day_90"), AA_2023)
def test_reproduces_the_2023_accelerated_assessment_rows(
    snapping, profile, deadline, start, day_90
) -> None:
    # Day 90 = start + 89 days, then the next CHMP outcome day (e.g. 27 Oct 2022 + 89 =
    # 24 Jan 2023 -> the plenary outcome on 26 Jan 2023).
    d = dated(snapping, deadline, profile)
    assert d["start"].isoformat() == start
    assert d["day-90"].isoformat() == day_90


def test_an_opinion_is_moved_to_the_plenary_and_says_how(snapping, profile) -> None:
    # Submitted 1 Sep 2026: validation to 17 Sep; the next start is projected from the
    # January 2027 plenary (projected from 29 Jan 2026: Thursday 28 Jan 2027) minus 119
    # days = 1 Oct 2026. Day 120 then falls on 28 Jan 2027 itself.
    e = estimate(snapping, profile(submission="2026-09-01"), ["ema-check"]).estimates[0]
    by = {m.id: m for m in e.milestones}
    assert by["start"].date == date(2026, 10, 1)
    assert by["start"].snapped_from == date(2026, 9, 17)
    assert by["start"].snap_status == "projected"
    assert by["day-120"].date == date(2027, 1, 28)
    # Day 90 = 1 Oct 2026 + 89 = 29 Dec 2026 -> the next outcome day, 28 Jan 2027.
    assert by["day-90"].date == date(2027, 1, 28) and by["day-90"].snapped_from == date(
        2026, 12, 29
    )


def test_published_days_win_and_august_has_no_plenary() -> None:
    ema = load_ema_calendar()
    assert ema.next_outcome(date(2025, 6, 1)) == (date(2025, 6, 19), "published")
    assert ema.next_outcome(date(2027, 8, 1))[0].month == 9
    # Projected from the same month of the nearest year: May 2027 from 21 May 2026
    # (a Thursday) -> Thursday 20 May 2027.
    assert ema.next_outcome(date(2027, 5, 1)) == (date(2027, 5, 20), "projected")


def test_the_simulation_snaps_like_the_engine(snapping, profile) -> None:
    from cgt_timeline.simulation import simulate

    report = estimate(snapping, profile(submission="2026-09-01"), ["ema-check"])
    sim = simulate(report, 200, seed=1)
    dates = sim.pathways["ema-check"].dates
    for m in report.estimates[0].milestones:
        assert (dates[m.id] == m.date.toordinal()).all(), m.id


def test_a_broken_calendar_file_is_refused_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "ema.yaml").write_text(
        "checked_on: 2026-11-26\nsources: []\nprocedure_starts: []\n"
        "chmp_outcomes:\n  - {date: 2026-02-30, source: x}\n"
    )
    with pytest.raises(InputError) as info:
        load_ema_calendar([tmp_path])
    assert "calendars/ema.yaml:5:" in info.value.format()
    assert "is not a valid date" in info.value.format()


def test_a_clock_restart_is_timed_so_the_next_step_lands_on_a_plenary(profile) -> None:
    # Published 2025 plenaries (agency-calendars.md 1.1): 27 Feb, 27 Mar, 25 Apr 2025.
    # Day 120 recorded on the 30 Jan 2025 plenary; a one-month stop -> 28 Feb 2025. The
    # restart slots for a Day 150 (restart + 29) on a plenary are 26 Feb (27 Mar - 29,
    # 2 days off) and 27 Mar (25 Apr - 29, 27 days off): the nearest, 26 Feb, and the
    # opinion on 27 Mar 2025, exactly 30 active days later. (Zynteglo's was such a
    # case: Day 120 on 31 Jan 2019, answers after 27 days, opinion 28 Mar 2019.)
    pack = load_rules()
    prof = profile(
        submission="2024-09-16", actuals={"EU": {"day-120-list-of-questions": "2025-01-30"}}
    )
    # (The accelerated timetable itself: the reversion the plan counts is set to 0.)
    holds = {"ema-prime": {"accelerated-assessment-reverts": 0.0}}
    e = estimate(pack, prof, ["ema-prime"], probabilities=holds).estimates[0]
    by = {m.id: m for m in e.milestones}
    assert by["day-120-clock-stop"].snapped_from == date(2025, 2, 28)
    assert by["day-120-clock-stop"].date == date(2025, 2, 26)
    assert by["day-120-clock-stop"].snap_status == "published"
    assert by["chmp-opinion"].date == date(2025, 3, 27)
    assert by["chmp-opinion"].snapped_from is None  # already on the plenary


def test_a_clock_restart_never_comes_before_the_clock_stopped(profile) -> None:
    # A stop of 0 days: the restart would be 30 Jan 2025 itself. The slot for the
    # 27 Feb plenary (27 Feb - 29 = 29 Jan) is before the stop, so the next one is
    # taken: 27 Mar - 29 = 26 Feb.
    from cgt_timeline.durations import Duration
    from cgt_timeline.profiles import Override

    pack = load_rules()
    prof = profile(
        submission="2024-09-16", actuals={"EU": {"day-120-list-of-questions": "2025-01-30"}}
    )
    zero = {
        ("ema-prime", "day-120-clock-stop"): Override(
            "ema-prime", "day-120-clock-stop", Duration.parse("0 days"), "--set"
        )
    }
    e = estimate(pack, prof, ["ema-prime"], zero).estimates[0]
    by = {m.id: m for m in e.milestones}
    assert by["day-120-clock-stop"].date == date(2025, 2, 26)


@pytest.mark.parametrize("rule,offset", [("chmp-restart-30", 29), ("chmp-restart-60", 59)])
def test_restart_snaps_agree_between_engine_and_simulation(rule: str, offset: int) -> None:
    import numpy as np

    from cgt_timeline.agency import snap, snap_array

    ema = load_ema_calendar()
    days = [date(2026, 1, 1).toordinal() + i for i in range(0, 730, 3)]
    floors = [x - 20 for x in days]
    moved = snap_array(
        rule, np.asarray(days, dtype=np.int64), ema, None, np.asarray(floors, dtype=np.int64)
    )
    slots = [o - offset for o in ema.outcomes]
    for x, y, f in zip(days, moved, floors, strict=True):
        one, _ = snap(rule, date.fromordinal(x), ema, None, date.fromordinal(f))
        assert one.toordinal() == int(y)
        # a slot (30 / 60 active days before a plenary), after the floor, and no other
        # slot after the floor is nearer (a tie goes to the later one)
        assert int(y) in slots and int(y) > f
        for other in slots:
            if other > f and other != int(y):
                assert abs(other - x) > abs(int(y) - x) or (
                    abs(other - x) == abs(int(y) - x) and other < int(y)
                )


def test_projected_years_have_one_plenary_a_month_and_no_christmas_start() -> None:
    # Every non-August month of 2015-2035 has exactly one CHMP outcome day (a projection
    # never spills into the next month: January 2029 from Thursday 29 Jan 2026 would be
    # Thursday 1 Feb, so it is the Thursday before, 25 Jan 2029); no procedure starts
    # between 20 December and 5 January.
    ema = load_ema_calendar()
    ema.ensure(2015, 2035)
    per_month: dict[tuple[int, int], int] = {}
    for o in ema.outcomes:
        d = date.fromordinal(o)
        if 2015 <= d.year <= 2035:
            per_month[(d.year, d.month)] = per_month.get((d.year, d.month), 0) + 1
    for year in range(2017, 2036):
        for month in range(1, 13):
            assert per_month.get((year, month), 0) == (0 if month == 8 else 1), (year, month)
    assert ema.next_outcome(date(2029, 1, 1)) == (date(2029, 1, 25), "projected")
    for s in ema.starts:
        d = date.fromordinal(s)
        assert not ((d.month == 12 and d.day >= 20) or (d.month == 1 and d.day <= 5)), d


def test_a_restart_is_never_on_the_day_the_clock_stopped() -> None:
    # 18 Aug 2032 is itself a slot (the projected 16 Sep 2032 plenary - 29); with the
    # clock stopped that day and a 0-day stop the restart goes to the next slot.
    import numpy as np

    from cgt_timeline.agency import snap, snap_array

    ema = load_ema_calendar()
    day = date(2032, 8, 18)
    assert ema.next_outcome(day + timedelta(days=29))[0] == day + timedelta(days=29)
    moved, _ = snap("chmp-restart-30", day, ema, None, day)
    assert moved > day
    arr = snap_array(
        "chmp-restart-30",
        np.asarray([day.toordinal()], dtype=np.int64),
        ema,
        None,
        np.asarray([day.toordinal()], dtype=np.int64),
    )
    assert int(arr[0]) == moved.toordinal()


def test_dates_beyond_the_calendar_are_refused_not_clipped() -> None:
    import numpy as np

    from cgt_timeline.agency import snap_array

    ema = load_ema_calendar()
    from cgt_timeline.agency import BeyondCalendar

    with pytest.raises(BeyondCalendar, match="2135-01-01"):
        ema.next_outcome(date(2135, 1, 1))
    with pytest.raises(BeyondCalendar, match="2135-01-01"):
        snap_array("chmp-plenary", np.asarray([date(2135, 1, 1).toordinal()]), ema)


@pytest.mark.parametrize(
    ("outcomes", "phrase"),
    [
        ("chmp_outcomes: []\n", "chmp_outcomes"),
        ("chmp_outcomes:\n  - {date: 2026-01-29, source: nowhere}\n", 'unknown source "nowhere"'),
    ],
)
def test_a_calendar_without_plenaries_or_with_unknown_sources_is_refused(
    tmp_path: Path, outcomes: str, phrase: str
) -> None:
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "ema.yaml").write_text(
        "checked_on: 2026-11-26\nsources: [{id: s, title: t}]\nprocedure_starts: []\n" + outcomes
    )
    with pytest.raises(InputError) as info:
        load_ema_calendar([tmp_path])
    assert phrase in str(info.value) and "calendars/ema.yaml" in str(info.value)


def test_a_step_counted_past_the_calendar_is_bad_input_not_a_crash() -> None:
    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    result = CliRunner().invoke(
        app,
        [
            "estimate",
            "-p",
            "ema-standard",
            "--set",
            "submissions.EU=2100-12-31",
            "--set",
            "ema-standard.procedure-start=10years",
            "--set",
            "ema-standard.day-120-clock-stop=10years",
            "--set",
            "ema-standard.day-180-clock-stop=11years",
        ],
    )
    assert result.exit_code == 1
    assert "is beyond the EMA calendar this tool works out" in result.stderr
    assert "This is a bug" not in result.output


def test_a_day_that_is_both_a_start_and_a_plenary_keeps_each_source(tmp_path: Path) -> None:
    # 23 Feb 2023 is a procedure start in the 2023 timetable and a plenary outcome day;
    # cited from two different sources, each lookup names its own.
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "ema.yaml").write_text(TWO_SOURCE_CALENDAR)
    ema = load_ema_calendar([tmp_path])
    day = date(2023, 2, 23)
    assert ema.citation(day) == "https://example.org/p"
    assert ema.citation_status(day) == "secondary"
    assert ema.citation(day, start=True) == "https://example.org/t"
    assert ema.citation_status(day, start=True) == "official"
