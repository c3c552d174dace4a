"""PMDA/MHLW: total review time targets in calendar months."""

from __future__ import annotations

from datetime import date

from conftest import dates


def test_standard_review_is_twelve_months(run, profile) -> None:
    # 1 Jun 2026 + 12 months = 1 Jun 2027; subcommittee 25 days before = 7 May 2027.
    d = dates(run("pmda-standard", profile(orphan=False)))
    assert d["mhlw-approval"] == "2027-06-01"
    assert d["pafsc-deliberation"] == "2027-05-07"


def test_orphan_products_get_priority_review_of_nine_months(run, profile) -> None:
    # 1 Jun 2026 + 9 months = 1 Mar 2027.
    est = run("pmda-standard", profile(orphan=True))
    approval = next(m for m in est.milestones if m.id == "mhlw-approval")
    assert approval.date.isoformat() == "2027-03-01"
    assert approval.case == "orphan product, priority review (9 months)"


def test_sakigake_products_have_a_six_month_target(run, profile) -> None:
    # SAKIGAKE: 6-month total review target (MHLW 2017). Filed 10 Apr 2026 (not a busy
    # month) + 6 months = 10 Oct 2026, a Saturday; Sunday 11th and Monday 12th (Sports
    # Day, 2nd Monday of October) are closed, so the approval is Tuesday 13 Oct 2026;
    # subcommittee 25 days before = 18 Sep 2026. SAKIGAKE wins over the orphan priority
    # review (9 months) when both hold.
    est = run(
        "pmda-conditional", profile(orphan=True, designations=["sakigake"], submission="2026-04-10")
    )
    d = dates(est)
    assert d["mhlw-approval"] == "2026-10-13"
    assert d["pafsc-deliberation"] == "2026-09-18"
    approval = next(m for m in est.milestones if m.id == "mhlw-approval")
    assert approval.case == "SAKIGAKE designation, 6-month review target"
    # Without the designation the same filing is a 12-month standard review: 10 Apr 2027
    # is a Saturday, so Monday 12 Apr 2027.
    plain = run("pmda-standard", profile(orphan=False, submission="2026-04-10"))
    assert plain.approval.isoformat() == "2027-04-12"


def test_an_approval_due_in_the_year_end_closure_moves_to_4_january(run, profile) -> None:
    # Filed 30 Dec 2025, a busy month: counted from 1 Jan 2026; + 12 months = 1 Jan 2027,
    # inside the government closure (29 Dec - 3 Jan; Act on the Holidays of Administrative
    # Organs). 4 Jan 2027 is a Monday and open, so the approval is estimated then.
    est = run("pmda-standard", profile(orphan=False, submission="2025-12-30"))
    assert est.approval.isoformat() == "2027-01-04"
    approval = next(m for m in est.milestones if m.id == "mhlw-approval")
    assert approval.snapped_from is not None and approval.snapped_from.isoformat() == "2027-01-01"


def test_conditional_approval_has_a_seven_year_limit(run, profile) -> None:
    # Filed 30 Jun 2026 (a busy month, on/after the 16th): counted from 1 Jul 2026;
    # + 9 months = 1 Apr 2027; the time limit 7 years later, 1 Apr 2034.
    d = dates(run("pmda-conditional", profile(orphan=True, submission="2026-06-30")))
    assert d["review-clock-start"] == "2026-07-01"
    assert d["mhlw-approval"] == "2027-04-01"
    assert d["reapplication-deadline"] == "2034-04-01"


def test_busy_month_filings_count_from_the_first_of_the_next_month(run, profile) -> None:
    # PMDA: filed on or after the 16th of March, June, September or December -> counted
    # from the 1st of the next month. 16 Mar 2026 -> 1 Apr 2026 -> + 12 months = 1 Apr 2027;
    # 15 Mar 2026 is counted as filed -> 15 Mar 2027; 20 Apr 2026 (not a busy month) too.
    late = run("pmda-standard", profile(orphan=False, submission="2026-03-16"))
    start = next(m for m in late.milestones if m.id == "review-clock-start")
    assert start.date.isoformat() == "2026-04-01"
    assert start.snapped_from is not None and start.snapped_from.isoformat() == "2026-03-16"
    assert late.approval.isoformat() == "2027-04-01"
    assert (
        run("pmda-standard", profile(orphan=False, submission="2026-03-15")).approval.isoformat()
        == "2027-03-15"
    )
    assert (
        run("pmda-standard", profile(orphan=False, submission="2026-04-20")).approval.isoformat()
        == "2027-04-20"
    )
    # December rolls into the next year: 31 Dec 2026 -> 1 Jan 2027.
    dec = run("pmda-standard", profile(orphan=False, submission="2026-12-31"))
    assert dates(dec)["review-clock-start"] == "2027-01-01"


def test_busy_month_rule_in_the_simulation_matches_the_engine(pack, profile) -> None:
    import numpy as np

    from cgt_timeline.agency import pmda_busy_month, pmda_busy_month_array

    days = np.arange(date(2025, 1, 1).toordinal(), date(2027, 12, 31).toordinal(), dtype=np.int64)
    moved = pmda_busy_month_array(days)
    assert [date.fromordinal(int(x)) for x in moved] == [
        pmda_busy_month(date.fromordinal(int(x))) for x in days
    ]


def test_conditional_approval_is_for_regenerative_products(run, profile) -> None:
    est = run("pmda-conditional", profile(modality="other"))
    assert not est.eligible
    assert est.ineligible_reasons


def test_an_orphan_product_has_a_spread_under_trials(pack, profile) -> None:
    # The orphan case (9 months) carries PERT 6 / 9 / 14 months: P10 before and P90
    # after the 9-month estimate, all within 6-14 months of the 1 Jun 2026 filing.
    # Alofisel's 7.5 months (docs/evidence/later-cases.yaml) is inside P10-P90: P10
    # (lo) falls in the first week of January 2027, about 7.1 months after filing
    # (under 7 months 18 days, Alofisel's 229 days); with the old 7-month low end it
    # came about three weeks later, after Alofisel.
    from datetime import date

    from cgt_timeline.engine import estimate
    from cgt_timeline.simulation import simulate

    report = estimate(pack, profile(submission="2026-06-01", orphan=True), ["pmda-standard"])
    plan = report.estimates[0].approval
    assert plan == date(2027, 3, 1)  # 1 Jun 2026 + 9 months (Monday)
    q = simulate(report, 4000, seed=5).quantiles("pmda-standard", "mhlw-approval")
    lo, hi = q[min(q)], q[max(q)]
    assert date(2027, 1, 1) <= lo <= date(2027, 1, 8) and plan < hi <= date(2027, 8, 6)


def test_a_risk_for_sakigake_products_only(pack, profile) -> None:
    # sakigake-review-runs-long has `when: designations contains sakigake`: a SAKIGAKE
    # product's estimate carries it (40%, less likely than not, so the plan stays on
    # the 6-month target: 1 Jun 2026 + 6 months = Tue 1 Dec 2026), an orphan one's does
    # not. Its likely 10 months more: 1 Oct 2027 (a Friday).
    from datetime import date

    from cgt_timeline.engine import estimate

    sakigake = estimate(
        pack, profile(submission="2026-06-01", designations=["sakigake"]), ["pmda-standard"]
    )
    est = sakigake.estimates[0]
    assert est.approval == date(2026, 12, 1)
    assert [(r.id, p) for r, p in est.risks] == [("sakigake-review-runs-long", 0.4)]
    assert "sakigake-review-runs-long" not in est.in_plan
    assert est.approval_if["sakigake-review-runs-long"] == date(2027, 10, 1)
    orphan = estimate(pack, profile(submission="2026-06-01", orphan=True), ["pmda-standard"])
    assert orphan.estimates[0].risks == ()
    # pmda-conditional inherits it, for its SAKIGAKE products too.
    cond = estimate(
        pack, profile(submission="2026-06-01", designations=["sakigake"]), ["pmda-conditional"]
    )
    assert [r.id for r, _ in cond.estimates[0].risks] == ["sakigake-review-runs-long"]


def test_pathways_show_says_whom_a_risk_is_for() -> None:
    import json

    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    out = CliRunner().invoke(app, ["pathways", "show", "pmda-standard", "-f", "json"])
    assert out.exit_code == 0
    (risk,) = json.loads(out.stdout)["risks"]
    assert risk["id"] == "sakigake-review-runs-long"
    assert risk["when"] == "designations includes sakigake"
    table = CliRunner().invoke(app, ["pathways", "show", "pmda-standard"]).stdout
    risk_rows = table.split("Risk events", 1)[1].split("Sources", 1)[0].splitlines()
    odds = " ".join(r.split("│")[3].strip() for r in risk_rows if r.count("│") == 6).strip()
    assert odds == "40% only if designations includes sakigake"


def test_a_risk_condition_on_an_unknown_field_is_an_error(tmp_path) -> None:
    # `when` is checked like a milestone's: a misspelt field is reported with its line.
    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "jp-test.yaml").write_text(
        """id: jp-test
extends: pmda-standard
name: test
checked_on: 2026-11-26
risks:
  - id: extra
    name: extra risk
    when: {field: desigations, contains: sakigake}
    probability: 0.2
    milestone: mhlw-approval
    adds: 1 month
    sources: [calibration-pmda]
""",
        encoding="utf-8",
    )
    out = CliRunner().invoke(app, ["validate", str(rules / "jp-test.yaml")])
    assert out.exit_code == 1
    assert "jp-test.yaml:8:" in out.output and "desigations" in out.output
