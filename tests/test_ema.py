"""EMA centralised procedure: standard (210 days) and PRIME with accelerated assessment.

Day 1 is the procedure start and Day N = Day 1 + (N - 1) calendar days (EMA ATMP
timetable row A1: start 19 Jan 2017, Day 120 on 18 May 2017).
"""

from __future__ import annotations

from cgt_timeline.durations import Duration
from cgt_timeline.profiles import Override

from conftest import dates


def test_standard_timetable_with_default_clock_stops(run, profile) -> None:
    # Submission 1 Sep 2026; validation 17 days -> Day 1 = 18 Sep 2026.
    # Day 120 = 18 Sep + 119 = 15 Jan 2027 (12 to 30 Sep, 31 Oct, 30 Nov, 31 Dec, 15).
    # Clock stop 3 months -> restart 15 Apr 2027; Day 180 = +59 = 13 Jun 2027.
    # Clock stop 1 month -> 13 Jul; Day 210 opinion = +29 = 11 Aug 2027.
    # Commission decision = +59 days = 9 Oct 2027.
    d = dates(run("ema-standard", profile(submission="2026-09-01")))
    assert d["procedure-start"] == "2026-09-18"
    assert d["day-120-list-of-questions"] == "2027-01-15"
    assert d["day-120-clock-stop"] == "2027-04-15"
    assert d["day-180-list-of-outstanding-issues"] == "2027-06-13"
    assert d["day-180-clock-stop"] == "2027-07-13"
    assert d["chmp-opinion"] == "2027-08-11"
    assert d["ec-decision"] == "2027-10-09"


def test_accelerated_assessment_is_120_plus_30_days(run, profile) -> None:
    # Same Day 120 (15 Jan 2027); one clock stop of 1 month -> 15 Feb 2027;
    # Day 150 opinion = +29 = 16 Mar 2027; decision +59 = 14 May 2027.
    # Against the standard 9 Oct 2027: 17 (May) + 30 + 31 + 31 + 30 + 9 = 148 days.
    est = run("ema-prime", profile(submission="2026-09-01"))
    d = dates(est)
    assert "day-180-list-of-outstanding-issues" not in d
    assert d["day-120-clock-stop"] == "2027-02-15"
    assert d["chmp-opinion"] == "2027-03-16"
    assert d["ec-decision"] == "2027-05-14"
    assert est.baseline is not None and est.baseline.days_saved == 148


def test_reproduces_the_published_2017_atmp_day_120(run, profile) -> None:
    # EMA/824993/2015 Rev.1 row A1: start 19/01/2017, CHMP Day 120 on 18/05/2017.
    d = dates(
        run(
            "ema-standard",
            profile(submission="2017-01-02", actuals={"EU": {"procedure-start": "2017-01-19"}}),
        )
    )
    assert d["day-120-list-of-questions"] == "2017-05-18"


def test_clock_stop_override_moves_only_later_dates(run, profile) -> None:
    # --set ema-prime.day-120-clock-stop=2months: restart 15 Mar 2027 instead of 15 Feb;
    # opinion 13 Apr; decision 11 Jun 2027. Dates before the stop do not move.
    prof = profile(submission="2026-09-01")
    before = dates(run("ema-prime", prof))
    override = {
        ("ema-prime", "day-120-clock-stop"): Override(
            "ema-prime", "day-120-clock-stop", Duration.parse("2 months"), "--set"
        )
    }
    after = dates(run("ema-prime", prof, override))
    assert after["day-120-clock-stop"] == "2027-03-15"
    assert after["chmp-opinion"] == "2027-04-13"
    assert after["ec-decision"] == "2027-06-11"
    for unchanged in (
        "maa-submission",
        "procedure-start",
        "day-120-list-of-questions",
        "accelerated-assessment-request",
    ):
        assert after[unchanged] == before[unchanged]


def test_prime_designation_steps_when_planned(run, profile) -> None:
    # Latest PRIME request: 40 days before the MAA on 1 Sep 2026 = 23 Jul 2026.
    d = dates(run("ema-prime", profile(submission="2026-09-01", designations=["prime"])))
    assert d["prime-request"] == "2026-07-23"
    assert d["accelerated-assessment-request"] == "2026-07-01"


def test_prime_needs_unmet_need(run, profile) -> None:
    est = run("ema-prime", profile(unmet_medical_need=False))
    assert not est.eligible
    assert any("unmet medical need" in r for r in est.ineligible_reasons)
