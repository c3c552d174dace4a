"""EMA centralised procedure: standard (210 days) and PRIME with accelerated assessment.

Day 1 is the procedure start and Day N = Day 1 + (N - 1) calendar days (EMA ATMP
timetable row A1: start 19 Jan 2017, Day 120 on 18 May 2017).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from cgt_timeline.durations import Duration
from cgt_timeline.profiles import Override

from conftest import dates, load_tool

CASES = Path(__file__).resolve().parent / "data" / "calibration-cases.yaml"


def test_standard_timetable_with_default_clock_stops(run, profile) -> None:
    # Submission 1 Sep 2026; 16 days of validation -> 17 Sep; the next procedure start is
    # projected from the January 2027 plenary (29 Jan 2026 was a Thursday -> Thursday
    # 28 Jan 2027) minus 119 days = 1 Oct 2026 (Day 1).
    # Day 120 = 1 Oct + 119 = 28 Jan 2027, on that plenary.
    # Clock stop 3 months -> 28 Apr 2027. The restart is timed so that Day 180
    # (restart + 59) falls on a plenary, in the slot nearest 28 Apr: projected plenaries
    # 20 May, 24 Jun, 22 Jul 2027 give restarts 22 Mar, 26 Apr, 24 May -> 26 Apr
    # (2 days off), Day 180 on 24 Jun 2027.
    # Clock stop 1 month -> 24 Jul; restarts for Day 210 (restart + 29) on the 22 Jul or
    # the 16 Sep plenary (from 17 Sep 2026: Thursday 16 Sep 2027; none in August) are
    # 23 Jun (31 days off) and 18 Aug (25 days off) -> 18 Aug, opinion 16 Sep 2027.
    # Commission decision + 59 days = Sunday 14 Nov 2027 -> Monday 15 Nov (weekday).
    d = dates(run("ema-standard", profile(submission="2026-09-01")))
    assert d["procedure-start"] == "2026-10-01"
    assert d["day-120-list-of-questions"] == "2027-01-28"
    assert d["day-120-clock-stop"] == "2027-04-26"
    assert d["day-180-list-of-outstanding-issues"] == "2027-06-24"
    assert d["day-180-clock-stop"] == "2027-08-18"
    assert d["chmp-opinion"] == "2027-09-16"
    assert d["ec-decision"] == "2027-11-15"


HOLDS = {"accelerated-assessment-reverts": 0.0}  # as --set ema-prime.<risk>=0 gives


def test_accelerated_assessment_is_120_plus_30_days(run, profile) -> None:
    # With the reversion odds set to 0 (the timetable when accelerated assessment holds):
    # Same Day 120 (28 Jan 2027); one clock stop of 1 month -> 28 Feb 2027. Restarts
    # for Day 150 (restart + 29) on the March plenary (from 27 Mar 2025: Thursday
    # 25 Mar 2027) or the April one (from Friday 25 Apr 2025, a Tuesday-Friday plenary
    # after Easter Monday, taken as its Thursday 24 Apr: Thursday 22 Apr 2027) are
    # 24 Feb (4 days off) and 24 Mar (24 days off) -> 24 Feb, opinion 25 Mar 2027;
    # decision + 59 = Sunday 23 May -> Monday 24 May 2027. Against the standard
    # Monday 15 Nov 2027: 7 + 30 + 31 + 31 + 30 + 31 + 15 = 175.
    est = run("ema-prime", profile(submission="2026-09-01"), odds=HOLDS)
    d = dates(est)
    assert "day-180-list-of-outstanding-issues" not in d
    assert d["day-120-clock-stop"] == "2027-02-24"
    assert d["chmp-opinion"] == "2027-03-25"
    assert d["ec-decision"] == "2027-05-24"
    assert est.baseline is not None and est.baseline.days_saved == 175
    assert est.in_plan == frozenset()


def test_the_plan_counts_the_likely_reversion(run, profile) -> None:
    # The rule's odds of reverting are 75%, likelier than not, so the plan counts it at
    # its likely size: the Day 150 opinion of 25 Mar 2027 + 4 months = 25 Jul 2027, on
    # the plenary nearest it: 22 Jul 2027 (3 days off; the next is 16 Sep, none in
    # August). Decision + 59 = Sunday 19 Sep -> Monday 20 Sep 2027. Against the
    # standard 15 Nov 2027: 10 + 31 + 15 = 56 days. If it holds: 24 May 2027.
    est = run("ema-prime", profile(submission="2026-09-01"))
    d = dates(est)
    assert d["day-120-clock-stop"] == "2027-02-24"
    assert d["chmp-opinion"] == "2027-07-22"
    assert d["ec-decision"] == "2027-09-20"
    assert est.baseline is not None and est.baseline.days_saved == 56
    assert est.in_plan == {"accelerated-assessment-reverts"}
    opinion = next(m for m in est.milestones if m.id == "chmp-opinion")
    assert opinion.basis == "estimated"
    assert [(r, str(a), f.isoformat(), s) for r, a, f, s in opinion.risk_delays] == [
        ("accelerated-assessment-reverts", "4 months", "2027-03-25", "projected")
    ]
    assert str(est.approval_unless["accelerated-assessment-reverts"]) == "2027-05-24"
    assert est.approval_if["accelerated-assessment-reverts"] == est.approval
    # At 50% it is no longer likelier than not: the dates leave it out again.
    even = run("ema-prime", profile(submission="2026-09-01"), odds={HOLDS_ID: 0.5})
    assert dates(even)["ec-decision"] == "2027-05-24" and not even.in_plan
    assert str(even.approval_if[HOLDS_ID]) == "2027-09-20"


HOLDS_ID = "accelerated-assessment-reverts"


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
    # --set ema-prime.day-120-clock-stop=2months: 28 Mar 2027 instead of 28 Feb; the
    # nearest restart slot is 24 Mar (4 days off; 22 Apr plenary - 29), not 21 Apr
    # (20 May - 29, 24 days off): opinion 22 Apr 2027, decision + 59 = Sunday 20 Jun
    # -> Monday 21 Jun.
    # Dates before the stop do not move.
    # (Reversion odds 0: the accelerated timetable itself.)
    prof = profile(submission="2026-09-01")
    before = dates(run("ema-prime", prof, odds=HOLDS))
    override = {
        ("ema-prime", "day-120-clock-stop"): Override(
            "ema-prime", "day-120-clock-stop", Duration.parse("2 months"), "--set"
        )
    }
    after = dates(run("ema-prime", prof, override, HOLDS))
    assert after["day-120-clock-stop"] == "2027-03-24"
    assert after["chmp-opinion"] == "2027-04-22"
    assert after["ec-decision"] == "2027-06-21"
    for unchanged in (
        "maa-submission",
        "procedure-start",
        "day-120-list-of-questions",
        "accelerated-assessment-request",
    ):
        assert after[unchanged] == before[unchanged]
    # With the reversion the plan counts (75%): 22 Apr + 4 months = 22 Aug 2027, nearer
    # the 16 Sep plenary (25 days) than 22 Jul (31): opinion 16 Sep, decision + 59 =
    # Sunday 14 Nov -> Monday 15 Nov 2027 (the README's example).
    planned = dates(run("ema-prime", prof, override))
    assert (planned["chmp-opinion"], planned["ec-decision"]) == ("2027-09-16", "2027-11-15")


def test_prime_designation_steps_when_planned(run, profile) -> None:
    # Latest PRIME request: 40 days before the MAA on 1 Sep 2026 = 23 Jul 2026.
    d = dates(run("ema-prime", profile(submission="2026-09-01", designations=["prime"])))
    assert d["prime-request"] == "2026-07-23"
    assert d["accelerated-assessment-request"] == "2026-07-01"


def test_prime_needs_unmet_need(run, profile) -> None:
    est = run("ema-prime", profile(unmet_medical_need=False))
    assert not est.eligible
    assert any("unmet medical need" in r for r in est.ineligible_reasons)


def test_ema_standard_spreads_as_real_atmp_reviews_do() -> None:
    # rules/ema-standard.yaml's further-rounds risk quotes tools/ema_spread.py: over
    # procedures starting in 2017-2023, the simulated P10-P90 from start to Commission
    # decision covers 12 of the 17 ATMP reviews timed in BioDrugs 2024 (median 405
    # days), where the range without the further round and the stops' low ends
    # (383-487 days) covered 5. The plan itself stays on the default stops (396 days).
    tool = load_tool("ema_spread")
    s = tool.spread("ema-standard")
    assert s.plan_median == 396
    p10, _, p50, _, p90 = s.simulated
    assert 350 <= p10 <= 375 and 430 <= p50 <= 460 and 750 <= p90 <= 800
    assert len(s.covered) == 12
    assert {"Kymriah", "Spherox"}.isdisjoint(s.covered)


def test_no_single_duration_scores_within_45_days_on_the_ema_cases() -> None:
    # The floor for any one start-to-decision duration (docs/backtest.md). The 17
    # BioDrugs ATMP times sorted: 273 321 333 364 370 371 385 386 405 454 462 564 ...;
    # a median error needs 9 within it, and the tightest 9 in a row span 333-462 (129
    # days), so no duration gets under 64.5 (whole days: 65, at 397-398). The plan's
    # 396 days is off by a median 66. The five calibration cases, 241 273 371 385 564:
    # the tightest 3 span 273-385 (112), so 56 at best, at 329: above the 45.
    tool = load_tool("ema_spread")
    assert tool.best_fixed(tool.ATMP_DAYS.values()) == (65.0, 397, 398)
    assert tool.median_abs_error(tool.ATMP_DAYS.values(), 396) == 66.0
    assert tool.best_fixed(tool.CALIBRATION.values()) == (56.0, 329, 329)
    # From the starts the backtest uses (announced: Yescarta 28 Sep 2017, six weeks
    # late, 329 days; Kymriah 30 Nov, 265; Zynteglo 4 Oct, 242; Libmeldy 28 Nov, 389):
    # 242-329 span 87, so 44 at about 285 days: under 45, but only by fitting
    # Yescarta's late start (docs/backtest.md); the engine's sweep below gets 56.
    assert tool.best_fixed([242, 265, 329, 389, 564]) == (44.0, 285, 286)
    # The two timed from their validation agree with the case file.
    cases = {c["id"]: c["dates"] for c in yaml.safe_load(CASES.read_text(encoding="utf-8"))}
    for name, cid in (("Zynteglo", "ema-zynteglo"), ("Libmeldy", "ema-libmeldy")):
        d = cases[cid]
        start = date.fromisoformat(str(d["validation"]["date"]))
        days = (date.fromisoformat(str(d["approval"]["date"])) - start).days
        assert days == tool.CALIBRATION[name], name


def test_no_size_of_reversion_brings_the_ema_cases_within_45_days() -> None:
    # The one number that could move all five EMA cases together is how much reverting
    # adds. The backtest with it at 0-20 weeks likely (0-69 weeks around it): Kymriah's
    # late reversion wants little, Libmeldy's and Yescarta's want 3-4 months, and the
    # plenary calendar moves them a month at a time. At best 56 days (7-10 weeks),
    # never 45; 89 at 15-17 weeks (the evidence's 4 months is about 17), 112 from 18:
    # the plan sits a week below a 23-day jump, as plenaries fall.
    tool = load_tool("ema_spread")
    sweep = tool.reversion_sweep(range(0, 21))
    assert min(sweep.values()) == 56
    assert [w for w, e in sweep.items() if e == 56] == [7, 8, 9, 10]
    assert sweep[0] == 59 and sweep[15] == sweep[16] == sweep[17] == 89 and sweep[18] == 112
