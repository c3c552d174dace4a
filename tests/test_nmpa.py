"""NMPA: working-day review clocks on the PRC calendar (Order 27, Art 95-96)."""

from __future__ import annotations

from conftest import dates, load_tool


def test_priority_review_130_working_days_across_spring_festival(run, profile) -> None:
    # Submission Mon 5 Jan 2026; acceptance 5 WD later = Mon 12 Jan.
    # 130 WD from 12 Jan 2026 (worked week by week):
    #   13-16 Jan 4; to 13 Feb 24; Sat 14 Feb make-up 25; 15-23 Feb Spring Festival;
    #   24-27 Feb 29; Sat 28 Feb make-up 30; 2 Mar-3 Apr 55; Mon 6 Apr Qingming off;
    #   7-30 Apr 73; 1-5 May off; 6-8 May 76; Sat 9 May make-up 77; to 18 Jun 106;
    #   Fri 19 Jun Dragon Boat off; 22 Jun-23 Jul 130  ->  Thu 23 Jul 2026.
    # 11 weekday holidays skipped, 3 make-up working days counted.
    est = run("nmpa-breakthrough", profile(submission="2026-01-05"))
    d = dates(est)
    assert d["nda-acceptance"] == "2026-01-12"
    assert d["supplement-notice"] == "2026-07-23"
    notice = next(m for m in est.milestones if m.id == "supplement-notice")
    assert notice.calendar is not None
    assert len(notice.calendar.holidays_skipped) == 11
    assert [x.isoformat() for x in notice.calendar.makeup_days_counted] == [
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
    ]


def test_standard_review_200_working_days(run, profile) -> None:
    # Continuing from 23 Jul 2026 (= 130): 24 Jul 131; to 18 Sep 171; Sun 20 Sep
    # make-up 172; 21-24 Sep 176; 25 Sep Mid-Autumn off; 28-30 Sep 179; 1-7 Oct off;
    # 8-9 Oct 181; Sat 10 Oct make-up 182; to 30 Oct 197; 2-4 Nov 200  ->  4 Nov 2026.
    d = dates(run("nmpa-standard", profile(submission="2026-01-05")))
    assert d["supplement-notice"] == "2026-11-04"


def test_breakthrough_designation_is_requested_50_working_days_before(run, profile) -> None:
    # 45 WD of CDE review + 5 WD of public notice before the application on Mon 2 Mar
    # 2026; the make-up Saturdays count, Spring Festival and New Year do not.
    est = run(
        "nmpa-breakthrough", profile(submission="2026-03-02", designations=["nmpa-breakthrough"])
    )
    d = dates(est)
    # Back from 2 Mar: 28 Feb(1), 27-24 Feb(5), 14 Feb(6), 13-9 Feb(11), 6-2 Feb(16),
    # 30-26 Jan(21), 23-19 Jan(26), 16-12 Jan(31), 9-5 Jan(36), Sun 4 Jan make-up(37),
    # 31-29 Dec 2025(40), 26-22 Dec(45), 19-15 Dec(50) -> Mon 15 Dec 2025.
    assert d["btd-request"] == "2025-12-15"
    assert d["btd-decision"] == "2026-03-02"


def test_2027_counts_warn_that_the_calendar_is_projected(run, profile) -> None:
    est = run("nmpa-standard", profile(submission="2027-01-15"))
    assert any("2027" in w and "projected" in w for w in est.warnings)
    # From January 2025 the whole count (about 372 working days) stays in 2025-2026,
    # whose notices are in the data: no warning.
    est_2025 = run("nmpa-standard", profile(submission="2025-01-06"))
    assert est_2025.approval is not None and est_2025.approval.year == 2026
    assert est_2025.warnings == ()


def test_priority_review_without_breakthrough_uses_the_130_day_clock(run, profile) -> None:
    # A product with priority review but no breakthrough designation (Yikaida's route):
    # nmpa-standard counts 130 working days (Art 96(2)), hand-worked above: submission
    # Mon 5 Jan 2026 -> acceptance 12 Jan -> supplement notice Thu 23 Jul 2026; the
    # review after the supplement is extended by a quarter (33 WD), as in
    # nmpa-breakthrough, so every later date equals the breakthrough chain.
    prio = run(
        "nmpa-standard", profile(submission="2026-01-05", designations=["nmpa-priority-review"])
    )
    d = dates(prio)
    assert d["supplement-notice"] == "2026-07-23"
    fast = dates(run("nmpa-breakthrough", profile(submission="2026-01-05")))
    for m in ("supplement-response", "review-complete", "nda-approval"):
        assert d[m] == fast[m], m
    notice = next(m for m in prio.milestones if m.id == "supplement-notice")
    assert notice.case == "priority review (130 working days)"
    # Conditional approval is reviewed under priority review too; without either, 200.
    cond = dates(
        run(
            "nmpa-standard",
            profile(submission="2026-01-05", designations=["nmpa-conditional-approval"]),
        )
    )
    assert cond["nda-approval"] == d["nda-approval"]
    assert dates(run("nmpa-standard", profile(submission="2026-01-05")))["supplement-notice"] == (
        "2026-11-04"
    )


def test_nmpa_dates_now_carry_a_spread(pack, profile) -> None:
    # The review-past-the-clock risk (probability 0.5, 2-4-8 months) and the clocks'
    # ranges (CDE can act sooner, the applicant answer sooner) give NMPA a P10-P90 band
    # on both sides of the statutory plan; with the risk at 0 and the ranges pinned to
    # their likely values (the statutory clocks) the band collapses onto the plan.
    from cgt_timeline.engine import estimate
    from cgt_timeline.simulation import simulate

    report = estimate(pack, profile(submission="2026-01-05"), ["nmpa-standard"])
    plan = report.estimates[0].approval
    q = simulate(report, 4000, seed=7).quantiles("nmpa-standard", "nda-approval")
    lo, hi = q[min(q)], q[max(q)]
    assert (plan - lo).days >= 30 and (hi - plan).days >= 60
    from cgt_timeline.simulation import Sampler, simulate_estimate

    pinned = simulate_estimate(
        report.estimates[0],
        Sampler(1000, 7),
        probabilities={"review-past-the-clock": 0.0},
        fixed={"supplement-notice": 200, "supplement-response": 80},
        ema=report.ema,
    )
    assert pinned is not None
    assert set(pinned.dates["nda-approval"].tolist()) == {plan.toordinal()}


def test_nmpa_priority_review_spreads_as_real_cgt_reviews_do() -> None:
    # rules/nmpa-standard.yaml quotes tools/nmpa_spread.py: pooled over 2020-2024
    # applications, priority review's plan comes 384 days after acceptance (the seven
    # reviews' median: 393) and the simulation spans 297-493 days (P10-P90), covering
    # five of the seven (not amimestrocel, 189, nor BBM-H901, 260).
    tool = load_tool("nmpa_spread")
    s = tool.spread()
    assert s.plan_median == 384
    p10, p50, p90 = s.simulated
    assert 280 <= p10 <= 310 and 360 <= p50 <= 390 and 480 <= p90 <= 510
    assert len(s.covered) == 5
    assert {"amimestrocel", "BBM-H901"}.isdisjoint(s.covered)


def test_no_single_duration_scores_within_45_days_on_the_nmpa_reviews() -> None:
    # The seven reviews sorted: 189 260 328 393 448 484 493 days. A median error needs
    # 4 within it; the tightest 4 in a row span 393-493 (100 days): 50 at best, at 443.
    # The plan's 384 days is off by |189-384|=195, 124, 56, 9, 64, 100, 109: median 100.
    tool = load_tool("nmpa_spread")
    assert tool.best_fixed(tool.REVIEWS.values()) == (50.0, 443, 443)
    assert tool.median_abs_error(tool.REVIEWS.values(), 384) == 100.0
