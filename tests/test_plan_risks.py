"""Risk events likelier than not are counted in the plan: the edges.

The plan counts a risk whose probability in force is over 0.5 at its likely size (see
test_ema for ema-prime's reversion worked by hand); these tests pin what must not move
with it: a working-day count's calendar note, the reason a calendar moved a date, a risk
the recorded dates have settled, and a step whose duration the user set.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from cgt_timeline.cli import app
from cgt_timeline.engine import estimate
from cgt_timeline.profiles import load_profile

from conftest import dates

runner = CliRunner()


def _milestone(data: dict, mid: str) -> dict:
    return next(m for m in data["estimates"][0]["milestones"] if m["id"] == mid)


def _late_filing_rules(tmp_path: Path) -> Path:
    """A folder with ema-late: ema-prime plus a late-filing risk (70%, + 1 month)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ema-late.yaml").write_text(
        "extends: ema-prime\nname: Late\nchecked_on: 2026-11-26\nrisks:\n"
        "  - {id: late-filing, name: Late filing, probability: 0.7,"
        " milestone: maa-submission, adds: 1 month, sources: calibration-ema}\n"
    )
    return rules


def test_a_counted_risk_does_not_add_its_months_to_the_calendar_note() -> None:
    # nmpa-standard, built-in example: the technical review ends 67 working days after
    # the supplement (23 Apr -> 30 Jul 2027), skipping Labour Day (3, 4 May) and the
    # Dragon Boat Festival (9 Jun). At 70% the plan adds 4 months after that count
    # (30 Nov 2027): the holidays of August-November are not part of the count.
    args = ["estimate", "-p", "nmpa-standard", "-f", "json"]
    plain = _milestone(json.loads(runner.invoke(app, args).stdout), "review-complete")
    odds = ["--set", "nmpa-standard.review-past-the-clock=0.7"]
    counted = _milestone(json.loads(runner.invoke(app, [*args, *odds]).stdout), "review-complete")
    assert (plain["date"], counted["date"]) == ("2027-07-30", "2027-11-30")
    assert counted["includes_risks"] == [
        {"risk": "review-past-the-clock", "adds": "4 months", "from": "2027-07-30"}
    ]
    skipped = [h["date"] for h in counted["calendar"]["holidays_skipped"]]
    assert skipped == ["2027-05-03", "2027-05-04", "2027-06-09"]
    assert counted["calendar"] == plain["calendar"]


def test_the_reason_a_calendar_moved_a_date_is_the_rules_not_the_risks() -> None:
    # ema-standard, extended clock stop at 70% (counted): the 3-month Day 120 stop
    # (28 Apr 2027) is still moved to 26 Apr so that Day 180 falls on the 24 Jun 2027
    # plenary; the 2 months the risk adds come after that, and are said so.
    out = runner.invoke(
        app, ["explain", "-p", "ema-standard", "--set", "ema-standard.extended-clock-stop=0.7"]
    ).stdout
    flat = " ".join(out.split())
    assert (
        "moved from 2027-04-28 by the chmp-restart-60 rule (so that 60 active days later "
        "fall on the 2027-06-24 CHMP plenary; projected)" in flat
    )
    assert "+ 2 months from 2027-04-26: The applicant gets an extended clock stop" in flat


def test_a_recorded_step_counted_back_from_the_risks_step_settles_it(tmp_path: Path) -> None:
    # The CAT's draft opinion recorded on Friday 19 Mar 2027 means the CHMP opinion is
    # due the next week: accelerated assessment held, so the reversion is not counted
    # (opinion 25 Mar, decision 24 May 2027, test_ema) and not listed.
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2026-09-01\n"
        "actuals: {EU: {cat-draft-opinion: 2027-03-19}}\n"
    )
    data = json.loads(
        runner.invoke(app, ["estimate", str(path), "-p", "ema-prime", "-f", "json"]).stdout
    )
    assert data["estimates"][0]["approval"] == "2027-05-24"
    assert data["estimates"][0]["risks"] == []
    assert "includes_risks" not in _milestone(data, "chmp-opinion")


def test_a_risk_the_recorded_dates_have_passed_is_not_counted(pack, profile) -> None:
    # ema-standard with the extended clock stop at 70% and the Day 180 list recorded on
    # 24 Jun 2027: whatever the Day 120 stop did is behind that date, so the risk is
    # neither counted nor listed and the dates are those at odds 0 (the further round
    # after the list, 35%, is still ahead: listed, not counted).
    prof = profile(
        submission="2026-09-01",
        actuals={"EU": {"day-180-list-of-outstanding-issues": "2027-06-24"}},
    )
    high = {"ema-standard": {"extended-clock-stop": 0.7}}
    zero = {"ema-standard": {"extended-clock-stop": 0.0}}
    counted = estimate(pack, prof, ["ema-standard"], probabilities=high).estimates[0]
    none = estimate(pack, prof, ["ema-standard"], probabilities=zero).estimates[0]
    assert counted.in_plan == frozenset()
    assert [r.id for r, _ in counted.risks] == ["further-rounds"]
    assert dates(counted) == dates(none)
    assert counted.approval == date(2027, 11, 15)
    # Without the record the same odds move the plan (the risk is counted).
    free = estimate(pack, profile(submission="2026-09-01"), ["ema-standard"], probabilities=high)
    assert free.estimates[0].in_plan == {"extended-clock-stop"}
    assert free.estimates[0].approval is not None and free.estimates[0].approval > counted.approval


def test_a_step_whose_duration_the_user_set_keeps_its_risk_out_unless_its_odds_are_set(
    pack,
) -> None:
    # --set ema-prime.chmp-opinion=29days restates the rule's own duration: it says what
    # happens at that step, so the 75% reversion on it is neither counted nor listed;
    # setting the reversion's odds too brings it back, counted (the same dates as the
    # plain plan: opinion 22 Jul 2027, decision 20 Sep).
    def run(*settings: str):
        loaded = load_profile(None, pack, list(settings))
        return estimate(
            pack,
            loaded.profile,
            ["ema-prime"],
            loaded.overrides,
            probabilities=loaded.probabilities,
        ).estimates[0]

    own = run("ema-prime.chmp-opinion=29days")
    assert own.in_plan == frozenset() and own.risks == ()
    assert own.approval == date(2027, 5, 24)
    both = run("ema-prime.chmp-opinion=29days", "ema-prime.accelerated-assessment-reverts=0.6")
    assert both.in_plan == {"accelerated-assessment-reverts"}
    assert both.approval == date(2027, 9, 20)


def test_a_recorded_designation_request_does_not_settle_a_risk_on_the_filing(
    tmp_path: Path,
) -> None:
    # A late-filing risk (70%, + 1 month) on ema-prime's MAA: the accelerated-assessment
    # request, recorded, is counted back from the MAA only as a deadline ("2-3 months
    # before"), so it says nothing about when the MAA comes: the risk stays counted.
    rules = _late_filing_rules(tmp_path)
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2026-09-01\n"
        "actuals: {EU: {accelerated-assessment-request: 2026-07-01}}\n"
    )
    out = runner.invoke(
        app, ["estimate", str(path), "-p", "ema-late", "--rules", str(rules), "-f", "json"]
    )
    assert out.exit_code == 0, out.output
    risks = {r["id"]: r["in_plan"] for r in json.loads(out.stdout)["estimates"][0]["risks"]}
    assert risks == {"late-filing": True, "accelerated-assessment-reverts": True}
    assert _milestone(json.loads(out.stdout), "maa-submission")["date"] == "2026-10-01"


def test_a_portfolio_row_gives_the_approval_without_every_risk_the_plan_counts(
    tmp_path: Path,
) -> None:
    # Two counted risks on one pathway: a late filing (70%, + 1 month) and the reversion
    # (75%, + 4 months). The row's approval without them is the accelerated timetable
    # from the profile's own filing, 24 May 2027 (test_ema), while each risk's own "if
    # it does not" keeps the other: neither is that date.
    rules = _late_filing_rules(tmp_path)
    table = tmp_path / "portfolio.csv"
    table.write_text(
        "name,modality,serious_condition,unmet_medical_need,preliminary_clinical_evidence,"
        "submission\nP,cell,true,true,true,2026-09-01\n"
    )
    args = ["estimate", "-p", "ema-late", "--rules", str(rules)]
    out = runner.invoke(app, [*args, str(table), "-f", "jsonl"])
    assert out.exit_code == 0, out.output
    row = json.loads(out.stdout)
    assert row["risks_in_plan"] == ["accelerated-assessment-reverts", "late-filing"]
    assert row["approval_without_risks_in_plan"] == "2027-05-24"
    single = tmp_path / "p.yaml"
    single.write_text(
        "name: P\nmodality: cell\nserious_condition: true\nunmet_medical_need: true\n"
        "preliminary_clinical_evidence: true\nsubmission: 2026-09-01\n"
    )
    risks = json.loads(runner.invoke(app, [*args, str(single), "-f", "json"]).stdout)
    est = risks["estimates"][0]
    assert est["approval"] == row["approval"] > "2027-09-20"
    without_each = {r["approval_if_it_does_not"] for r in est["risks"]}
    assert "2027-05-24" not in without_each and len(without_each) == 2
