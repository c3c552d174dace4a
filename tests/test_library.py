"""The library API the CLI uses: typed results that convert to the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import cgt_timeline
from cgt_timeline import compare, estimate, load_profile, load_rules, report_dict


def test_public_names_are_exported() -> None:
    for name in (
        "load_rules",
        "load_profile",
        "estimate",
        "compare",
        "Report",
        "Estimate",
        "DatedMilestone",
        "Comparison",
        "InputError",
        "Problem",
        "__version__",
    ):
        assert hasattr(cgt_timeline, name), name


def test_readme_library_example_runs(tmp_path: Path) -> None:
    profile = tmp_path / "my-product.yaml"
    profile.write_text(
        "name: Mine\nmodality: cell\nserious_condition: true\n"
        "unmet_medical_need: true\npreliminary_clinical_evidence: true\n"
        "submission: 2026-06-01\n"
    )
    pack = load_rules()
    loaded = load_profile(
        str(profile),
        pack,
        ["submissions.EU=2026-10-01", "ema-prime.accelerated-assessment-reverts=0.5"],
    )
    report = estimate(
        pack,
        loaded.profile,
        ["fda-rmat", "ema-prime"],
        loaded.overrides,
        probabilities=loaded.probabilities,
    )
    prime = next(e for e in report.estimates if e.pathway.id == "ema-prime")
    assert [(r.id, p) for r, p in prime.risks] == [("accelerated-assessment-reverts", 0.5)]
    approvals = {e.pathway.id: e.approval.isoformat() for e in report.estimates if e.approval}
    # fda-rmat: goal Sun 31 Jan 2027, approval Fri 29 Jan (test_fda).
    # ema-prime from 1 Oct 2026: validated 17 Oct; next
    # start 29 Oct 2026 (the February 2027 plenary, Thursday 25 Feb, minus 119 days);
    # Day 120 25 Feb 2027; + 1 month 25 Mar; the nearest restart slot is 24 Mar (the
    # 22 Apr plenary - 29 days; the other, 24 Feb, is 29 days off); opinion 22 Apr;
    # + 59 days = Sunday 20 Jun -> Monday 21 Jun 2027.
    assert approvals == {"fda-rmat": "2027-01-29", "ema-prime": "2027-06-21"}
    assert report.to_dict() == report_dict(report)
    assert json.loads(json.dumps(report.to_dict()))["schema_version"] == 1


def test_compare_groups_by_jurisdiction_with_days_saved(pack, profile) -> None:
    comparison = compare(pack, profile(submission="2026-06-01", orphan=True))
    by_code = {j.jurisdiction: j for j in comparison.jurisdictions}
    assert list(by_code) == ["US", "EU", "CN", "JP"]
    us = by_code["US"]
    assert [e.pathway.id for e in us.estimates] == ["fda-rmat", "fda-standard"]
    assert us.earliest is not None and us.earliest.pathway.id == "fda-rmat"
    data = comparison.to_dict()
    rows = {r["pathway"]: r for j in data["comparison"]["jurisdictions"] for r in j["pathways"]}
    # Days saved equal the difference of the two estimates' approvals.
    fast, slow = rows["fda-rmat"], rows["fda-standard"]
    assert fast["days_saved"] == (us.estimates[1].approval - us.estimates[0].approval).days == 119
    assert fast["days_to_approval"] == 242  # 1 Jun 2026 -> 29 Jan 2027
    assert slow["days_saved"] is None
    # Earliest overall: PMDA priority review for an orphan product, 1 Mar 2027, is later
    # than fda-rmat's 29 Jan 2027.
    assert data["comparison"]["earliest"] == {"pathway": "fda-rmat", "approval": "2027-01-29"}
