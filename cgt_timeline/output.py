"""Results as plain data following the JSON output contract (``schema_version`` 1)."""

from __future__ import annotations

from typing import Any

from . import __version__
from .engine import DatedMilestone, Estimate, Report

SCHEMA_VERSION = 1


def milestone_dict(m: DatedMilestone) -> dict[str, Any]:
    """One dated milestone as the contract writes it (plus additive fields)."""
    out: dict[str, Any] = {
        "id": m.id,
        "name": m.name,
        "kind": m.kind,
        "date": m.date.isoformat(),
        "after": list(m.after),
        "duration": str(m.duration) if m.duration is not None else None,
        "sources": list(m.sources),
        "basis": m.basis,
        "before": m.before,
        "counted_from": m.start.isoformat() if m.start else None,
        "assumption": None,
        "calendar": None,
    }
    if m.assumption is not None:
        out["assumption"] = {
            "value": str(m.assumption.duration),
            "from": m.assumption.origin,
            "default": str(m.default_duration) if m.default_duration else None,
        }
    if m.case is not None:
        out["case"] = m.case
    if m.snapped_from is not None:
        # Where an agency rule moved the date: the rule, and the date before the move.
        out["snapped"] = {
            "rule": m.snap,
            "from": m.snapped_from.isoformat(),
            "calendar": m.snap_status,
        }
    if m.risk_delays:
        # Risk events likelier than not, counted in this date at their likely size.
        out["includes_risks"] = [
            {"risk": rid, "adds": str(adds), "from": before.isoformat()}
            for rid, adds, before, _ in m.risk_delays
        ]
    note = m.calendar
    if note is not None:
        out["calendar"] = {
            "holidays_skipped": [
                {"date": d.isoformat(), "name": n} for d, n in note.holidays_skipped
            ],
            "makeup_days_counted": [d.isoformat() for d in note.makeup_days_counted],
            "provisional_years": list(note.provisional_years),
        }
    return out


def estimate_dict(e: Estimate) -> dict[str, Any]:
    """One pathway's estimate as the contract writes it."""
    p = e.pathway
    return {
        "pathway": p.id,
        "name": p.name,
        "jurisdiction": p.jurisdiction,
        "agency": p.agency,
        "eligible": e.eligible,
        "ineligible_reasons": list(e.ineligible_reasons),
        "milestones": [milestone_dict(m) for m in e.milestones],
        "submission": e.submission.isoformat() if e.submission else None,
        "approval": e.approval.isoformat() if e.approval else None,
        "baseline": (
            {
                "pathway": e.baseline.pathway,
                "approval": e.baseline.approval.isoformat() if e.baseline.approval else None,
                "days_saved": e.baseline.days_saved,
            }
            if e.baseline is not None
            else None
        ),
        "rules": {"file": p.file, "checked_on": p.checked_on.isoformat()},
        "sources": {
            sid: {
                "title": s.title,
                "section": s.section,
                "url": s.url,
                "status": s.status,
            }
            for sid, s in p.sources.items()
            if any(sid in m.sources for m in e.milestones)
            or any(sid in r.sources for r, _ in e.risks)
        },
        "warnings": list(e.warnings),
        # Additive: the risk events that can move the dates above: those likelier than
        # not are counted in them (in_plan), the others left out (--trials draws all).
        "risks": risk_dicts(e),
    }


def risk_dicts(e: Estimate) -> list[dict[str, Any]]:
    """The risk events that can move an estimate's dates, with the probability in force
    and whether the dates count them (likelier than not) or leave them out."""

    def iso(d: Any) -> str | None:
        return d.isoformat() if d else None

    return [
        {
            "id": r.id,
            "name": r.name,
            "milestone": r.milestone,
            "probability": probability,
            "adds": {
                "low": str(r.adds.low or r.adds.likely),
                "likely": str(r.adds.likely),
                "high": str(r.adds.high or r.adds.likely),
            },
            "sources": list(r.sources),
            "in_plan": r.id in e.in_plan,
            # The approval if this event happens at its likely size, and if it does not;
            # the other events as in the plan. One of the two is the plan's approval.
            "approval_if_it_happens": iso(e.approval_if.get(r.id)),
            "approval_if_it_does_not": iso(e.approval_unless.get(r.id)),
        }
        for r, probability in e.risks
    ]


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as the JSON contract (``schema_version`` 1)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cgt-timeline", "version": __version__},
        "profile": {"name": report.profile.name, "source": report.source},
        "rules_checked_on": (
            report.rules_checked_on.isoformat() if report.rules_checked_on else None
        ),
        "estimates": [estimate_dict(e) for e in report.estimates],
        "warnings": list(report.warnings),
    }
