"""Backtest on the shipped calibration cases: scores, what is skipped, and why."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml
from typer.testing import CliRunner

from cgt_timeline.backtest import _designations, _error, run
from cgt_timeline.cli import app

CASES = Path(__file__).parent / "data" / "calibration-cases.yaml"
runner = CliRunner()


def test_fda_goal_dates_with_a_day_precision_start_are_within_5_days(pack) -> None:
    bt = run(yaml.safe_load(CASES.read_text(encoding="utf-8")), pack)
    goals = [s for s in bt.scores if s.milestone == "goal_date"]
    # Kymriah (from its day-60 acceptance), Yescarta, Luxturna, Tecartus; Zolgensma's goal
    # is known only to the month (May 2019): its estimate, 3 Jun 2019 (accepted 3 Dec
    # 2018 + 6 months), is 3 days after that month.
    assert {s.case for s in goals} == {
        "fda-kymriah-ball",
        "fda-yescarta",
        "fda-luxturna",
        "fda-tecartus",
        "fda-zolgensma",
    }
    assert all(abs(s.error_days) <= 5 for s in goals)
    zolgensma = next(s for s in goals if s.case == "fda-zolgensma")
    assert zolgensma.actual_precision == "month" and zolgensma.error_days == 3
    assert zolgensma.actual_text == "2019-05-01..2019-05-31 (month)"
    # FDA approvals: the estimate is the goal date; the real ones came 10-43 days early.
    approvals = [s for s in bt.scores if s.case.startswith("fda-") and s.milestone == "approval"]
    assert len(approvals) == 5 and all(10 <= s.error_days <= 43 for s in approvals)


def test_cases_that_cannot_be_scored_say_why(pack) -> None:
    bt = run(yaml.safe_load(CASES.read_text(encoding="utf-8")), pack)
    skipped = dict(bt.skipped)
    assert (
        skipped["nmpa-relma-cel"]
        == "no submission, validation or acceptance dated to the day or month"
    )
    assert "ema-tecartus" in skipped and "nmpa-yikaida" not in skipped
    summary = {r["jurisdiction"]: r for r in bt.summary()}
    assert summary["FDA"]["n"] == 5 and summary["EMA"]["n"] == 5 and summary["PMDA"]["n"] == 5
    assert summary["NMPA"]["n"] == 1


def test_pmda_p10_p90_covers_the_three_regular_reviews(pack) -> None:
    # PMDA approval range PERT(9, 12, 18 months): P10-P90 about 10.5-15 months. The cases
    # took 10.6 (HeartSheet), 11 (Kymriah) and 14 months (Collategene): all inside.
    # SAKIGAKE: PERT(4, 6, 10 months) and a 40% risk of 4-26 months more (10 likely):
    # P10-P90 about 5.2-21 months, so Zolgensma's 16.5 months (sponsor delays) is
    # inside, as is Stemirac (filed June 2018, approved 28 Dec 2018). Seeded, so fixed.
    bt = run(yaml.safe_load(CASES.read_text(encoding="utf-8")), pack, trials=2000)
    pmda = {s.case: s.covered for s in bt.scores if s.jurisdiction == "PMDA"}
    assert pmda == {
        "pmda-heartsheet": True,
        "pmda-kymriah": True,
        "pmda-collategene": True,
        "pmda-zolgensma": True,
        "pmda-stemirac": True,
    }


def test_case_designations_become_profile_designations(pack) -> None:
    # Free text in the case file -> the profile's designation ids, per jurisdiction.
    assert _designations("PMDA", ["SAKIGAKE (10 Feb 2016)"]) == ["sakigake"]
    assert _designations("NMPA", ["breakthrough therapy (FL, Sep 2020)", "National X"]) == [
        "nmpa-breakthrough"
    ]
    assert _designations("EMA", ["orphan (DLBCL 2014)", "PRIME (May 2016)"]) == ["orphan", "prime"]
    # Zolgensma in Japan was designated SAKIGAKE: estimated on the 6-month target,
    # 1 Nov 2018 + 6 months = 1 May 2019, inside the 2019 imperial-accession holidays
    # (27 Apr - 6 May), so Tuesday 7 May 2019 (it took until 19 Mar 2020).
    bt = run(yaml.safe_load(CASES.read_text(encoding="utf-8")), pack)
    zolgensma = next(s for s in bt.scores if s.case == "pmda-zolgensma")
    assert zolgensma.estimate == date(2019, 5, 7)


def test_an_announced_date_counts_the_days_before_it() -> None:
    announced = date(2019, 6, 3)  # EC decision announced; the event up to 5 days before
    assert _error(date(2019, 5, 30), announced, True, "approval") == 0
    assert _error(date(2019, 5, 29), announced, True, "approval") == 0  # 5 days before
    assert _error(date(2019, 5, 28), announced, True, "approval") == -1
    assert _error(date(2019, 6, 5), announced, True, "approval") == 2
    assert _error(date(2019, 5, 30), announced, False, "approval") == -4


def test_backtest_command_formats() -> None:
    table = runner.invoke(app, ["backtest", str(CASES), "--trials", "500"])
    assert table.exit_code == 0, table.output
    assert "Backtest: approval" in table.stdout and "not scored: nmpa-relma-cel" in table.stdout
    data = json.loads(runner.invoke(app, ["backtest", str(CASES), "-f", "json"]).stdout)
    assert data["summary"]["goal_date"][0]["jurisdiction"] == "FDA"
    assert len(data["scores"]) == 26
    yikaida = next(s for s in data["scores"] if s["case"] == "nmpa-yikaida")
    assert yikaida["estimate_latest"] is not None and yikaida["actual_precision"] == "day"
    # Each score says which of the case's dates it started from: Yikaida's acceptance,
    # known to the month (the whole month); Libmeldy's announced validation (2 Dec 2019),
    # read as the procedure start before it (28 Nov).
    started = {s["case"]: s["started_from"] for s in data["scores"]}
    assert started["nmpa-yikaida"] == "acceptance 2020-02-01..2020-02-29"
    assert started["ema-libmeldy"] == "validation 2019-11-28"
    assert started["ema-yescarta"] == "submission 2017-08-31"
    md = runner.invoke(app, ["backtest", str(CASES), "-f", "markdown"]).stdout
    assert md.startswith("**approval**")
    bad = runner.invoke(
        app, ["backtest", str(Path(__file__).parent.parent / "examples" / "car-t.yaml")]
    )
    assert bad.exit_code == 1 and "expected a list of cases" in bad.stderr


def test_an_announced_validation_is_the_calendar_start_before_it(pack, profile) -> None:
    # Libmeldy: validation announced Monday 2 Dec 2019. EMA procedures start on calendar
    # dates: the start before the March 2020 plenary (Thursday 26 Mar 2020, published:
    # CHMP agenda of 23-26 March 2020) is 26 Mar - 119 days = Thursday 28 Nov 2019,
    # within the 4 days before the announcement. Day 120 then falls on that plenary.
    from cgt_timeline.engine import estimate

    assert pack.ema.next_outcome(date(2020, 3, 1)) == (date(2020, 3, 26), "published")
    cases = [
        c for c in yaml.safe_load(CASES.read_text(encoding="utf-8")) if c["id"] == "ema-libmeldy"
    ]
    bt = run(cases, pack)
    opinion = next(s for s in bt.scores if s.milestone == "opinion")
    # Day 120 26 Mar 2020; one month -> 26 Apr; + 29 = 25 May, before the 28 May
    # plenary (published), so the restart is 29 Apr and Day 150 is 28 May 2020. The plan
    # counts the reversion (75%, likelier than not): + 4 months = 28 Sep 2020, on the
    # nearest plenary, 17 Sep (11 days off; 15 Oct is 17). The real opinion (reverted to
    # the 210-day timetable) came on 15 Oct 2020: -28 days.
    assert opinion.estimate == date(2020, 9, 17)
    assert opinion.error_days == -28
    prof = profile(submission="2019-11-11", actuals={"EU": {"procedure-start": "2019-11-28"}})
    d = {m.id: m.date for m in estimate(pack, prof, ["ema-prime"]).estimates[0].milestones}
    assert d["day-120-list-of-questions"] == date(2020, 3, 26)


def test_a_start_known_to_the_month_is_estimated_from_both_ends(pack) -> None:
    # Stemirac: filed June 2018 (month only), SAKIGAKE (6-month target), pmda-conditional.
    # From 1 Jun: + 6 months = Saturday 1 Dec 2018 -> Monday 3 Dec (the next open day).
    # From 30 Jun: filed after the 16th of a busy month, so counted from 1 Jul; + 6
    # months = 1 Jan 2019, in the year-end closure (29 Dec - 3 Jan) -> Friday 4 Jan 2019.
    # Approved Friday 28 Dec 2018: inside the window, error 0.
    cases = [
        c for c in yaml.safe_load(CASES.read_text(encoding="utf-8")) if c["id"] == "pmda-stemirac"
    ]
    score = run(cases, pack).scores[0]
    assert (score.estimate, score.estimate_latest) == (date(2018, 12, 3), date(2019, 1, 4))
    assert score.error_days == 0 and score.estimate_text == "2018-12-03..2019-01-04"
    bt = run(cases, pack)
    assert bt.summary()[3]["month_windows"] == 1  # PMDA
    assert "against the whole month" in (bt.windowed_note() or "")
    assert "pmda-stemirac" in (bt.windowed_note() or "")


def test_the_error_is_the_gap_between_two_windows() -> None:
    from cgt_timeline.backtest import _gap

    real = (date(2019, 5, 1), date(2019, 5, 31))  # known to the month
    assert _gap(date(2019, 6, 3), date(2019, 6, 3), real) == 3  # after the month
    assert _gap(date(2019, 4, 20), date(2019, 4, 25), real) == -6  # before it
    assert _gap(date(2019, 4, 20), date(2019, 5, 2), real) == 0  # overlapping


def test_case_text_and_date_formats_a_cases_file_may_use(pack) -> None:
    from cgt_timeline.backtest import _window

    # Designations as written in press releases map to profile designations.
    assert _designations(
        "FDA", ["Regenerative Medicine Advanced Therapy (RMAT)", "Orphan Drug", "Fast Track"]
    ) == ["rmat", "orphan", "fast-track"]
    assert _designations("NMPA", ["Priority review", "Breakthrough Therapy (2020)"]) == [
        "nmpa-priority-review",
        "nmpa-breakthrough",
    ]
    # A month as "2018-06" or as a day in it; a quarter as "2019-Q2" or a month in it.
    assert _window({"date": "2018-06", "precision": "month"})[:2] == (
        date(2018, 6, 1),
        date(2018, 6, 30),
    )
    assert _window({"date": date(2018, 6, 17), "precision": "month"})[:2] == (
        date(2018, 6, 1),
        date(2018, 6, 30),
    )
    assert _window({"date": "2019-05", "precision": "quarter"})[:2] == (
        date(2019, 4, 1),
        date(2019, 6, 30),
    )
    assert _window({"date": "2018-13", "precision": "month"}) is None
    # Without a precision the shape says it: "2019-10" is a month, a full date a day.
    assert _window({"date": "2019-10"})[:3] == (date(2019, 10, 1), date(2019, 10, 31), "month")
    assert _window({"date": date(2019, 10, 7)})[:3] == (date(2019, 10, 7), date(2019, 10, 7), "day")
    assert _window({"date": "soon", "precision": "day"}) is None
    # Quarters and years are not scored, and say so; a garbled date says so too.
    case = {
        "id": "x",
        "jurisdiction": "FDA",
        "pathway_hint": "fda-rmat",
        "dates": {
            "submission": {"date": "2017-03-31", "precision": "day", "kind": "event"},
            "goal_date": {"date": "2017-Q4", "precision": "quarter", "kind": "event"},
            "approval": {"date": "2017-31-10", "precision": "day", "kind": "event"},
        },
    }
    bt = run([case], pack)
    assert bt.scores == []
    assert dict(bt.skipped) == {
        "x/goal_date": "known only to the quarter",
        "x/approval": "date not understood",
    }


def test_a_cases_file_with_nothing_scorable_says_why_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text(
        "- 5\n"
        "- {id: a, jurisdiction: FDA, pathway_hint: fda-rmat, dates: [1, 2]}\n"
        "- {id: b, jurisdiction: EMA, pathway_hint: ema-standard, dates: {submission: x}}\n"
        "- {id: c, jurisdiction: MHRA, pathway_hint: mhra-150}\n"
    )
    result = runner.invoke(app, ["backtest", str(path)])
    assert result.exit_code == 1
    assert "not scored: case 1: not a mapping of case fields" in result.stdout
    assert "not scored: a: dates and pathway must be mappings" in result.stdout
    assert "not scored: c: unknown jurisdiction 'MHRA'" in result.stdout
    assert "no case could be scored" in result.stderr
    assert "Traceback" not in result.output


def test_a_pathway_that_does_not_apply_to_a_case_is_listed_with_the_reason(tmp_path: Path) -> None:
    from cgt_timeline.rulepack import load_rules

    (tmp_path / "fda-small.yaml").write_text(
        "name: Small molecules only\njurisdiction: US\nagency: FDA\nchecked_on: 2026-11-26\n"
        "sources: [{id: s, title: t}]\n"
        "eligibility:\n  - {field: modality, in: [other], reason: only for other products, "
        "sources: s}\n"
        "milestones:\n  - {id: sub, name: Submitted, kind: submission}\n"
        "  - {id: ok, name: Approved, kind: approval, after: sub, duration: 10 days, "
        "sources: s}\n"
    )
    pack = load_rules([tmp_path])
    case = {
        "id": "x",
        "jurisdiction": "FDA",
        "pathway_hint": "fda-small",
        "modality": "autologous CAR-T",
        "dates": {"submission": {"date": "2020-01-06", "precision": "day", "kind": "event"}},
    }
    bt = run([case], pack)
    assert bt.scores == []
    assert bt.skipped == [("x", "fda-small does not apply: only for other products")]


def test_the_documented_case_format_runs(pack) -> None:
    # docs/backtest.md's example case is Zynteglo, which kept the accelerated timetable:
    # Day 150 on the real plenary, 28 Mar 2019, but the plan counts the likelier
    # reversion: + 4 months = 28 Jul, on the nearest plenary, 25 Jul 2019: +119 days.
    # Decision + 59 = Sunday 22 Sep -> Monday 23 Sep 2019, against the announcement of
    # 3 Jun 2019 (window 29 May - 3 Jun): +112.
    text = (Path(__file__).parent.parent / "docs" / "backtest.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    bt = run(yaml.safe_load(block), pack)
    assert {s.milestone: s.error_days for s in bt.scores} == {"opinion": 119, "approval": 112}


def test_designation_text_with_several_designations_or_a_negation(pack) -> None:
    assert _designations("NMPA", ["Breakthrough Therapy and Priority Review"]) == [
        "nmpa-breakthrough",
        "nmpa-priority-review",
    ]
    assert _designations("PMDA", ["Orphan, SAKIGAKE"]) == ["sakigake", "orphan"]
    assert _designations("EMA", ["Priority Medicines (PRIME)"]) == ["prime"]
    assert _designations("PMDA", ["not SAKIGAKE (request declined)"]) == []
    assert _designations("EMA", ["primary endpoint met"]) == []
    # A pathway of another jurisdiction is not scored; a quarter without precision is
    # read as a quarter (and not scored).
    from cgt_timeline.backtest import _window

    assert _window({"date": "2019-Q2"})[2] == "quarter"
    case = {
        "id": "x",
        "jurisdiction": "FDA",
        "pathway_hint": "ema-standard",
        "dates": {"submission": {"date": "2019-01-07", "precision": "day"}},
    }
    bt = run([case], pack)
    assert bt.scores == [] and bt.skipped == [("x", "ema-standard is for EU, not FDA")]


def test_the_simulated_median_is_scored_next_to_the_estimate() -> None:
    from cgt_timeline.backtest import Score

    # An EC decision announced on 3 Jun 2019 (the event on 29 May - 3 Jun): a median of
    # 10 Jun is 7 days late, one of 20 May 9 days early, one inside the window 0; the
    # plan's own error is kept apart. Without a simulation there is no P50 error.
    def score(p50: date | None) -> Score:
        return Score(
            "c",
            "EMA",
            "ema-prime",
            "approval",
            date(2019, 5, 27),
            date(2019, 6, 3),
            -2,
            date(2019, 5, 20),
            date(2019, 9, 1),
            None,
            date(2019, 5, 29),
            "day",
            p50,
        )

    assert score(date(2019, 6, 10)).p50_error_days == 7
    assert score(date(2019, 5, 20)).p50_error_days == -9
    assert score(date(2019, 5, 31)).p50_error_days == 0
    assert score(None).p50_error_days is None
    assert score(date(2019, 6, 10)).error_days == -2


def test_the_backtest_reports_the_p50_error_only_with_a_simulation() -> None:
    plain = json.loads(runner.invoke(app, ["backtest", str(CASES), "-f", "json"]).stdout)
    assert all(s["p50"] is None and s["p50_error_days"] is None for s in plain["scores"])
    assert plain["summary"]["approval"][0]["p50_median_abs_error_days"] is None
    table = runner.invoke(app, ["backtest", str(CASES)]).stdout
    assert "P50 median" not in table
    sim = json.loads(
        runner.invoke(app, ["backtest", str(CASES), "-f", "json", "--trials", "300"]).stdout
    )
    for s in sim["scores"]:
        assert s["p10"] <= s["p50"] <= (s["p50_latest"] or s["p50"]) <= s["p90"]
        assert isinstance(s["p50_error_days"], int)
    fda = sim["summary"]["approval"][0]
    errors = [
        abs(s["p50_error_days"])
        for s in sim["scores"]
        if s["jurisdiction"] == "FDA" and s["milestone"] == "approval"
    ]
    assert fda["p50_median_abs_error_days"] == sorted(errors)[len(errors) // 2]
    md = runner.invoke(app, ["backtest", str(CASES), "-f", "markdown", "--trials", "300"]).stdout
    assert "P50 median abs error" in md and "| P50 error (days) |" in md


def test_a_case_without_a_usable_hint_is_scored_on_the_closest_pathway(
    pack, tmp_path: Path
) -> None:
    # Without pathway_hint, the case's own facts pick the pathway: every shipped case
    # comes out on the pathway its hint names (priority review -> fda-rmat; PRIME or
    # accelerated assessment granted -> ema-prime; conditional and time-limited ->
    # pmda-conditional; breakthrough -> nmpa-breakthrough), with the same scores.
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    hinted = run(cases, pack)
    bare = [{k: v for k, v in c.items() if k != "pathway_hint"} for c in cases]
    inferred = run(bare, pack)
    key = [(s.case, s.pathway, s.milestone, s.estimate, s.error_days) for s in hinted.scores]
    assert key == [
        (s.case, s.pathway, s.milestone, s.estimate, s.error_days) for s in inferred.scores
    ]
    assert hinted.notes == []
    notes = dict(inferred.notes)
    assert notes["ema-libmeldy"] == (
        "no pathway_hint: scored as ema-prime (PRIME or accelerated assessment granted)"
    )
    assert notes["pmda-kymriah"] == "no pathway_hint: scored as pmda-standard (regular approval)"
    future = [{**c, "pathway_hint": "pmda-sakigake"} for c in cases if c["id"] == "pmda-stemirac"]
    result = run(future, pack)
    assert result.notes == [
        (
            "pmda-stemirac",
            "pathway_hint 'pmda-sakigake' is not a shipped pathway: scored as "
            "pmda-conditional (conditional and time-limited approval)",
        )
    ]
    assert len(result.scores) == 1
    table = runner.invoke(app, ["backtest", str(CASES)]).stdout
    assert "note:" not in table
    # The notes reach every format.
    path = tmp_path / "bare.yaml"
    path.write_text(yaml.safe_dump(bare[:1], sort_keys=False), encoding="utf-8")
    first = bare[0]["id"]
    shown = runner.invoke(app, ["backtest", str(path)]).stdout
    assert f"note: {first}: no pathway_hint: scored as fda-rmat" in " ".join(shown.split())
    md = runner.invoke(app, ["backtest", str(path), "-f", "markdown"]).stdout
    assert f"- {first}: no pathway_hint: scored as fda-rmat" in md
    data = json.loads(runner.invoke(app, ["backtest", str(path), "-f", "json"]).stdout)
    assert data["notes"][0]["case"] == first
    assert data["notes"][0]["note"].startswith("no pathway_hint: scored as fda-rmat")
    odd = [{**bare[0], "pathway_hint": ["fda-rmat"]}]
    assert run(odd, pack).notes[0][1].startswith("pathway_hint is not a pathway id")


def test_closest_pathway_reads_negations_and_standard_cases() -> None:
    from cgt_timeline.backtest import closest_pathway

    assert closest_pathway("EMA", {"accelerated_assessment": "not granted"}, [])[0] == (
        "ema-standard"
    )
    assert closest_pathway("EMA", {"accelerated_assessment": "request rejected"}, [])[0] == (
        "ema-standard"
    )
    assert closest_pathway("EMA", {}, ["PRIME (2019)"])[0] == "ema-prime"
    assert closest_pathway("FDA", {"review": "standard"}, [])[0] == "fda-standard"
    assert closest_pathway("FDA", {"review": "standard"}, ["RMAT"])[0] == "fda-rmat"
    assert closest_pathway("NMPA", {"review": "priority review"}, [])[0] == "nmpa-standard"
    assert closest_pathway("PMDA", {"approval_type": "not conditional"}, [])[0] == "pmda-standard"
    # Refusals and odd shapes: an explicit "not granted" beats PRIME; a YAML true
    # counts; "non-priority", "non-conditional", "not yet granted" do not.
    ema = {"prime": True, "accelerated_assessment": "requested, not granted"}
    assert closest_pathway("EMA", ema, [])[0] == "ema-standard"
    assert closest_pathway("EMA", {"accelerated_assessment": True}, [])[0] == "ema-prime"
    not_yet = {"accelerated_assessment": "not yet granted"}
    assert closest_pathway("EMA", not_yet, [])[0] == "ema-standard"
    prime_yes = {"accelerated_assessment": None, "prime": "yes"}
    assert closest_pathway("EMA", prime_yes, [])[0] == "ema-prime"
    assert closest_pathway("FDA", {"review": "non-priority"}, [])[0] == "fda-standard"
    denied = {"review": "standard (priority review denied)"}
    assert closest_pathway("FDA", denied, [])[0] == "fda-standard"
    assert closest_pathway("PMDA", {"approval_type": "non-conditional"}, [])[0] == "pmda-standard"
    not_a = {"approval_type": "not a conditional approval"}
    assert closest_pathway("PMDA", not_a, [])[0] == "pmda-standard"
    assert closest_pathway("NMPA", {}, "breakthrough therapy")[0] == "nmpa-breakthrough"


def test_the_agency_clock_start_wins_over_the_sponsor_submission(pack) -> None:
    # An EMA case with both dated to the day, the submission (Sunday 1 Sep 2019) earlier
    # than the validation (announced Monday 2 Dec 2019) implies. From the validation:
    # Libmeldy's timetable (test above), Day 150 on 28 May 2020 and, with the reversion
    # the plan counts, the opinion on 17 Sep 2020. From the submission: + 16 days =
    # 17 Sep 2019, start 3 Oct, Day 120 on the 30 Jan 2020 plenary, Day 150 on 26 Mar,
    # + 4 months = 26 Jul -> the 23 Jul 2020 plenary. The agency's start is used.
    case = {
        "id": "x",
        "jurisdiction": "EMA",
        "pathway_hint": "ema-prime",
        "modality": "gene",
        "dates": {
            "submission": {"date": "2019-09-01", "precision": "day", "kind": "event"},
            "validation": {"date": "2019-12-02", "precision": "day", "kind": "announced"},
            "opinion": {"date": "2020-10-15", "precision": "derived", "kind": "event"},
        },
    }
    assert run([case], pack).scores[0].estimate == date(2020, 9, 17)
    dates = {k: v for k, v in case["dates"].items() if k != "validation"}
    assert run([dict(case, dates=dates)], pack).scores[0].estimate == date(2020, 7, 23)


def test_an_nmpa_acceptance_wins_over_the_submission(pack) -> None:
    # Yikaida's approval (22 Jun 2021) on nmpa-standard with priority review, both dates
    # known to the day: the acceptance (the NMPA clock's start) is used, not the
    # submission, here given three months earlier. Counted from the submission the
    # estimate comes about three months earlier.
    case = {
        "id": "y",
        "jurisdiction": "NMPA",
        "pathway_hint": "nmpa-standard",
        "modality": "autologous CAR-T",
        "pathway": {"review": "priority review"},
        "dates": {
            "submission": {"date": "2019-11-15", "precision": "day", "kind": "event"},
            "acceptance": {"date": "2020-02-24", "precision": "day", "kind": "announced"},
            "approval": {"date": "2021-06-22", "precision": "day", "kind": "event"},
        },
    }
    both = run([case], pack).scores[0].estimate
    only_acceptance = dict(
        case, dates={k: v for k, v in case["dates"].items() if k != "submission"}
    )
    only_submission = dict(
        case, dates={k: v for k, v in case["dates"].items() if k != "acceptance"}
    )
    assert both == run([only_acceptance], pack).scores[0].estimate
    assert (both - run([only_submission], pack).scores[0].estimate).days > 60
