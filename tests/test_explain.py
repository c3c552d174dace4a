"""``explain``: every date with its chain, calendar and sources."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cgt_timeline.cli import app

from conftest import TWO_SOURCE_CALENDAR

runner = CliRunner()


def test_nmpa_explanation_shows_holidays_makeup_days_and_sources() -> None:
    # Submission Mon 5 Jan 2026 (see test_nmpa): the 130-working-day clock from 12 Jan
    # skips Spring Festival (16-20 and 23 Feb), Qingming (6 Apr), Labour Day (1, 4, 5 May)
    # and Dragon Boat (19 Jun), and counts the make-up days 14 Feb, 28 Feb and 9 May.
    result = runner.invoke(
        app, ["explain", "-p", "nmpa-breakthrough", "--set", "submissions.CN=2026-01-05"]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "= 130 working days after nda-acceptance  [nda-acceptance 2026-01-12]" in out
    assert "skipped 11 weekday holiday(s): 2026-02-16 Chinese New Year's Eve" in out
    assert "counted make-up working day(s): 2026-02-14, 2026-02-28, 2026-05-09" in out
    assert "source order-27: Provisions for Drug Registration" in out
    assert "http://english.nmpa.gov.cn/2022-06/30/c_785628_8.htm" in out
    assert "checked 2026-11-26" in out


def test_explain_names_who_set_a_duration() -> None:
    result = runner.invoke(
        app, ["explain", "-p", "ema-prime", "--set", "ema-prime.day-120-clock-stop=2months"]
    )
    assert "duration 2 months set by --set (rule default 1 month)" in result.stdout


def test_explain_json_and_markdown_carry_the_same_chain() -> None:
    data = json.loads(runner.invoke(app, ["explain", "-p", "pmda-standard", "-f", "json"]).stdout)
    approval = next(m for m in data["milestones"] if m["id"] == "mhlw-approval")
    # The example is an orphan product: 9 months (priority review) instead of 12.
    assert approval["duration"] == {
        "from": "rule case",
        "value": "9 months",
        "case": "orphan product, priority review (9 months)",
        "rule_default": "12 months",
    }
    assert approval["counted_from"] == [
        {"id": "review-clock-start", "date": "2026-06-01", "latest": True}
    ]
    assert {s["id"] for s in approval["sources"]} == {
        "pmda-mid-term-targets",
        "pmd-act-23-25",
        "assumption-orphan-spread",  # the range's spread
        "pmda-cgt-reviews",  # later orphan reviews that check the plan
    }
    start = next(m for m in data["milestones"] if m["id"] == "review-clock-start")
    assert start["rule"] == "0 calendar days after application"  # 1 June: not a busy month
    assert data["pathway"]["files"] == ["rules/pmda-standard.yaml"]
    md = runner.invoke(app, ["explain", "-p", "pmda-standard", "-f", "markdown"]).stdout
    assert md.startswith("# Why these dates: pmda-standard")
    assert "duration 9 months from rule case (orphan product" in md


def test_explain_an_ineligible_pathway_lists_unmet_conditions(tmp_path) -> None:
    result = runner.invoke(app, ["explain", "-p", "fda-rmat", "--set", "serious_condition=false"])
    assert result.exit_code == 0
    assert "[NOT MET] serious_condition is true" in result.stdout
    assert "Not eligible" in result.stdout


def test_explain_needs_one_pathway() -> None:
    result = runner.invoke(app, ["explain"])
    assert result.exit_code == 2
    assert "--pathway" in result.output


def test_the_built_in_example_shows_makeup_days_and_holidays() -> None:
    # The example files in China on Mon 2 Mar 2026: the breakthrough request, counted
    # back 50 working days, crosses New Year and Spring Festival 2026 (make-up days
    # 4 Jan, 14 Feb, 28 Feb); the 130-day review crosses Labour Day (make-up 9 May).
    out = runner.invoke(app, ["explain", "-p", "nmpa-breakthrough"]).stdout
    assert "counted make-up working day(s): 2026-01-04, 2026-02-14, 2026-02-28" in out
    assert "counted make-up working day(s): 2026-05-09" in out
    assert "2026-02-17 Chinese New Year (Spring Festival)" in out
    assert "source btd-procedure [secondary]" in out


def test_explain_refuses_several_pathways() -> None:
    result = runner.invoke(app, ["explain", "-p", "fda-rmat", "-p", "ema-prime"])
    assert result.exit_code == 2 and "one pathway" in result.output


def test_a_date_moved_off_a_closed_day_says_which_day_it_was() -> None:
    # The example's standard goal, 31 May 2027, is Memorial Day: the approval estimate is
    # Friday 28 May, and explain says why it moved.
    result = runner.invoke(app, ["explain", "-p", "fda-standard"])
    assert result.exit_code == 0, result.output
    assert (
        "moved from 2027-05-31 by the working-day-on-or-before rule (Monday, Memorial Day)"
        in result.stdout
    )
    data = json.loads(runner.invoke(app, ["explain", "-p", "fda-standard", "-f", "json"]).stdout)
    approval = next(m for m in data["milestones"] if m["id"] == "bla-approval")
    assert approval["date"] == "2027-05-28"
    assert approval["snapped"] == {
        "rule": "working-day-on-or-before",
        "from": "2027-05-31",
        "calendar": "rule",
        "why": "Monday, Memorial Day",
        "published_in": None,
        "source_status": None,
    }


def test_a_commission_decision_on_a_sunday_moves_to_the_monday() -> None:
    # ema-standard on the example (test_ema): opinion Thursday 16 Sep 2027 + 59 days =
    # Sunday 14 Nov 2027; the Commission decides on a weekday: Monday 15 Nov. The Day 121
    # restart is timed for a plenary: 28 Apr 2027 (three months after Day 120) -> 26 Apr,
    # 59 days before the 24 Jun plenary (projected).
    data = json.loads(runner.invoke(app, ["explain", "-p", "ema-standard", "-f", "json"]).stdout)
    by = {m["id"]: m for m in data["milestones"]}
    assert by["ec-decision"]["date"] == "2027-11-15"
    assert by["ec-decision"]["snapped"] == {
        "rule": "weekday-on-or-after",
        "from": "2027-11-14",
        "calendar": "rule",
        "why": "Sunday",
        "published_in": None,
        "source_status": None,
    }
    assert by["day-120-clock-stop"]["snapped"] == {
        "rule": "chmp-restart-60",
        "from": "2027-04-28",
        "calendar": "projected",
        "why": "so that 60 active days later fall on the 2027-06-24 CHMP plenary",
        "published_in": None,  # a projected plenary
        "source_status": None,
    }


def test_a_recorded_date_is_not_said_to_have_been_moved(tmp_path) -> None:
    # A recorded clock restart (actuals) is the date; no snap moved it, and explain must
    # not invent a plenary for it (the rule would have timed an estimate for one).
    from pathlib import Path

    example = (Path(__file__).parent.parent / "examples" / "car-t.yaml").read_text()
    path = tmp_path / "p.yaml"
    path.write_text(example + "\nactuals:\n  EU:\n    day-120-clock-stop: 2027-03-10\n")
    data = json.loads(
        runner.invoke(app, ["explain", str(path), "-p", "ema-prime", "-f", "json"]).stdout
    )
    restart = next(m for m in data["milestones"] if m["id"] == "day-120-clock-stop")
    assert restart["date"] == "2027-03-10" and restart["basis"] == "actual"
    assert restart["snapped"] is None


def test_a_date_on_a_published_plenary_names_where_it_was_published(tmp_path) -> None:
    # Zynteglo's timetable: Day 1 on 4 Oct 2018, Day 120 on 31 Jan 2019, a one-month
    # stop (28 Feb) moved to the 27 Feb restart slot so that the opinion falls on the
    # 28 Mar 2019 plenary, whose dates are in the CHMP minutes cited in the calendar.
    path = tmp_path / "zynteglo.yaml"
    path.write_text(
        "name: Zynteglo\nmodality: gene\ndesignations: [prime]\nserious_condition: true\n"
        "unmet_medical_need: true\npreliminary_clinical_evidence: true\n"
        "submission: 2018-09-17\nactuals:\n  EU:\n    procedure-start: 2018-10-04\n"
    )
    # Zynteglo kept the accelerated timetable: the reversion the plan counts is set to 0.
    holds = "ema-prime.accelerated-assessment-reverts=0"
    data = json.loads(
        runner.invoke(
            app, ["explain", str(path), "-p", "ema-prime", "-f", "json", "--set", holds]
        ).stdout
    )
    by = {m["id"]: m for m in data["milestones"]}
    assert by["chmp-opinion"]["date"] == "2019-03-28"
    restart = by["day-120-clock-stop"]["snapped"]
    assert restart["from"] == "2019-02-28" and restart["calendar"] == "published"
    assert restart["published_in"].endswith("minutes-of-the-chmp-meeting-25-28-march-2019")
    # Steps that already sit on a plenary say which one, and where it was published.
    assert by["chmp-opinion"]["snapped"] is None
    assert by["chmp-opinion"]["on_calendar"] == {
        "date": "2019-03-28",
        "calendar": "published",
        "published_in": restart["published_in"],
        "source_status": "official",  # EMA's own minutes, read through a copy
    }
    assert by["day-120-list-of-questions"]["on_calendar"]["calendar"] == "projected"
    assert by["procedure-start"]["on_calendar"] is None  # recorded, not placed
    assert by["cat-draft-opinion"]["date"] == "2019-03-22"
    assert by["cat-draft-opinion"]["snapped"]["why"].startswith("the CAT adopts on the Friday")
    text = runner.invoke(app, ["explain", str(path), "-p", "ema-prime"]).stdout
    assert "published in https://docslib.org" in " ".join(text.split())


def test_explain_names_the_risks_its_dates_leave_out_with_their_sources() -> None:
    # fda-rmat: the plan takes no major amendment; the rule gives one a 25% chance
    # (an assumption, marked so in its source) of 3 more months. --set changes the odds.
    out = runner.invoke(
        app, ["explain", "-p", "fda-rmat", "--set", "fda-rmat.major-amendment=0.35"]
    ).stdout
    flat = " ".join(out.split())
    assert (
        "Not in these dates: A major amendment in the last 3 months extends the PDUFA goal "
        "by 3 months (risk major-amendment on pdufa-goal): 35%, adds 3 months; if it happens "
        "(at 3 months): approval 2027-04-30; --trials draws it" in flat
    )
    assert "source assumption-major-amendment-rate [assumption]" in flat
    data = json.loads(runner.invoke(app, ["explain", "-p", "ema-prime", "-f", "json"]).stdout)
    (risk,) = data["risks"]
    assert risk["id"] == "accelerated-assessment-reverts" and risk["probability"] == 0.75
    assert {s["id"] for s in risk["sources"]} >= {"calibration-ema", "aa-reversions-2019"}
    assert all(s["title"] for s in risk["sources"])
    md = runner.invoke(app, ["explain", "-p", "ema-standard", "-f", "markdown"]).stdout
    assert "## Not in these dates" in md
    assert "(risk extended-clock-stop on day-120-clock-stop): 42%" in md


def test_a_plenary_known_from_a_report_says_so(tmp_path) -> None:
    # EU filing 5 Mar 2018: validation + 16 days = 21 Mar, next start 29 Mar 2018
    # (projected: the March 2018 date is not in our sources); Day 120 = 29 Mar + 119 =
    # Thursday 26 Jul 2018, the July 2018 plenary, known from a trade-press report of
    # EMA's highlights (source chmp-press, secondary). The December 2018 plenary comes
    # from a copy of EMA's own agenda (official).
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2018-03-05\n"
    )
    data = json.loads(
        runner.invoke(app, ["explain", str(path), "-p", "ema-standard", "-f", "json"]).stdout
    )
    placed = {m["id"]: m["on_calendar"] for m in data["milestones"]}
    assert placed["day-120-list-of-questions"]["date"] == "2018-07-26"
    assert placed["day-120-list-of-questions"]["source_status"] == "secondary"
    assert placed["day-180-list-of-outstanding-issues"]["date"] == "2018-12-13"
    assert placed["day-180-list-of-outstanding-issues"]["source_status"] == "official"
    assert placed["procedure-start"]["source_status"] is None  # projected
    text = " ".join(runner.invoke(app, ["explain", str(path), "-p", "ema-standard"]).stdout.split())
    assert (
        "on the EMA calendar: 2018-07-26, published (as reported by https://maestrodatabase" in text
    )


def test_a_restart_timed_for_a_reported_plenary_says_so(tmp_path) -> None:
    # EU filing 15 Sep 2017: Day 120 on 22 Feb 2018; + 3 months = 22 May; the nearest
    # restart slot is 28 May (the 26 Jul 2018 plenary - 59 days), a plenary known from a
    # trade-press report of EMA's highlights.
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2017-09-15\n"
    )
    text = " ".join(runner.invoke(app, ["explain", str(path), "-p", "ema-standard"]).stdout.split())
    assert (
        "moved from 2018-05-22 by the chmp-restart-60 rule (so that 60 active days later fall "
        "on the 2018-07-26 CHMP plenary; published, as reported by https://maestrodatabase" in text
    )


def test_a_risk_counted_in_the_plan_is_shown_where_it_moves_the_date() -> None:
    # Built-in example, ema-prime: Day 150 on 25 Mar 2027; the plan counts the reversion
    # (75%, likelier than not) at 4 months: opinion 22 Jul 2027 (nearest plenary to
    # 25 Jul), decision 20 Sep; without it 24 May 2027 (test_ema).
    data = json.loads(runner.invoke(app, ["explain", "-p", "ema-prime", "-f", "json"]).stdout)
    by = {m["id"]: m for m in data["milestones"]}
    assert by["chmp-opinion"]["includes_risks"] == [
        {
            "risk": "accelerated-assessment-reverts",
            "name": "Accelerated assessment reverts to the 210-day timetable",
            "adds": "4 months",
            "from": "2027-03-25",
        }
    ]
    assert by["ec-decision"]["includes_risks"] == []
    (risk,) = data["risks"]
    assert risk["in_plan"] is True and risk["approval_if_it_does_not"] == "2027-05-24"
    text = " ".join(runner.invoke(app, ["explain", "-p", "ema-prime"]).stdout.split())
    assert (
        "+ 4 months from 2027-03-25: Accelerated assessment reverts to the 210-day "
        "timetable (risk accelerated-assessment-reverts, likelier than not, so counted in "
        "the plan at its likely size)" in text
    )
    assert "In these dates (likelier than not): Accelerated assessment reverts" in text
    assert "if it does not: approval 2027-05-24" in text
    md = runner.invoke(app, ["explain", "-p", "ema-prime", "-f", "markdown"]).stdout
    assert "## In these dates (likelier than not)" in md
    assert "## Not in these dates" not in md
    # At 30% it is left out again, and said so.
    low = runner.invoke(
        app,
        [
            "explain",
            "-p",
            "ema-prime",
            "-f",
            "markdown",
            "--set",
            "ema-prime.accelerated-assessment-reverts=0.3",
        ],
    ).stdout
    assert "## Not in these dates" in low and "likelier than not" not in low
    assert "if it happens (at 4 months): approval 2027-09-20" in low


def test_markdown_says_where_a_calendar_moved_a_date_or_placed_it() -> None:
    # Built-in example, ema-prime: the Day 120 stop (28 Feb 2027) is moved to the 24 Feb
    # restart slot so that Day 150 falls on the 25 Mar 2027 plenary (projected); the
    # Day 120 list itself sits on the 28 Jan 2027 plenary (projected), unmoved.
    md = runner.invoke(app, ["explain", "-p", "ema-prime", "-f", "markdown"]).stdout
    assert (
        "- moved from 2027-02-28 by the chmp-restart-30 rule (so that 30 active days later "
        "fall on the 2027-03-25 CHMP plenary; projected)" in md
    )
    assert "- on the EMA calendar: 2027-01-28, projected" in md


def test_a_move_and_a_counted_risk_each_cite_their_own_plenary(tmp_path) -> None:
    # ema-standard, EU filing Mon 18 Sep 2017, extended clock stop at 90% (counted): the
    # 3-month Day 120 stop (22 May 2018) is timed for Day 180 on the 26 Jul 2018 plenary,
    # known from a trade-press repost of EMA's highlights ("as reported by"); the 2
    # months the risk adds then put Day 180 on the 20 Sep 2018 plenary, from EMA's own
    # highlights page ("published"). Each line cites its own date's source.
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: gene\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2017-09-18\n"
    )
    args = [
        "explain",
        str(path),
        "-p",
        "ema-standard",
        "--set",
        "ema-standard.extended-clock-stop=0.9",
    ]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    restart = next(m for m in data["milestones"] if m["id"] == "day-120-clock-stop")
    assert restart["snapped"]["from"] == "2018-05-22"
    assert restart["snapped"]["source_status"] == "secondary"
    assert restart["snapped"]["published_in"].endswith(
        "highlights-from-the-chmp-23-26-july-2018-meeting"
    )
    assert restart["on_calendar"]["date"] == "2018-09-20"
    assert restart["on_calendar"]["source_status"] == "official"
    text = " ".join(runner.invoke(app, args).stdout.split())
    assert "2018-07-26 CHMP plenary; published, as reported by https://maestrodatabase.com" in text
    assert "on the EMA calendar: 2018-09-20, published (https://www.ema.europa.eu/" in text


def test_a_procedure_start_cites_the_timetable_not_a_plenary_source(tmp_path) -> None:
    # A calendar where 23 Feb 2023 is a procedure start (from a timetable) and a
    # plenary (from a press report): a procedure starting that day cites the timetable.
    # EU filing Mon 6 Feb 2023 (the deadline) + 16 days = 22 Feb -> the next start,
    # 23 Feb 2023.
    rules = tmp_path / "rules"
    (rules / "calendars").mkdir(parents=True)
    (rules / "calendars" / "ema.yaml").write_text(
        TWO_SOURCE_CALENDAR
        + "  - {date: 2023-06-22, source: press, url: https://example.org/june}\n"
    )
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: gene\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2023-02-06\n"
    )
    out = runner.invoke(
        app, ["explain", str(path), "-p", "ema-standard", "--rules", str(rules), "-f", "json"]
    )
    assert out.exit_code == 0, out.output
    start = next(m for m in json.loads(out.stdout)["milestones"] if m["id"] == "procedure-start")
    assert start["date"] == "2023-02-23"
    placed = start["snapped"] or {}
    cited = placed.get("published_in") or (start["on_calendar"] or {}).get("published_in")
    assert cited == "https://example.org/t"
