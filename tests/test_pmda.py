"""PMDA/MHLW: total review time targets in calendar months."""

from __future__ import annotations

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


def test_conditional_approval_has_a_seven_year_limit(run, profile) -> None:
    # Approval 30 Mar 2027 (30 Jun 2026 + 9 months); limit 7 years later, 30 Mar 2034.
    d = dates(run("pmda-conditional", profile(orphan=True, submission="2026-06-30")))
    assert d["mhlw-approval"] == "2027-03-30"
    assert d["reapplication-deadline"] == "2034-03-30"


def test_conditional_approval_is_for_regenerative_products(run, profile) -> None:
    est = run("pmda-conditional", profile(modality="other"))
    assert not est.eligible
    assert est.ineligible_reasons
