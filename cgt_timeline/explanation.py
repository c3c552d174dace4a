"""Why each date is what it is: the chain behind every milestone, as plain data.

``explain_dict`` turns one pathway's estimate into a JSON-ready explanation (what each
milestone follows, the duration and who chose it, the calendar days skipped or
counted, the sources with their checked-as-of date). The text and Markdown renderers
print this same data, so every format says the same thing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from . import __version__
from .agency import EmaCalendar
from .calendars import calendar_for
from .conditions import describe, holds
from .engine import DatedMilestone, Estimate
from .model import Pathway, Profile
from .output import SCHEMA_VERSION, risk_dicts


def _source(pathway: Pathway, sid: str) -> dict[str, Any]:
    s = pathway.sources[sid]
    return {
        "id": sid,
        "title": s.title,
        "section": s.section,
        "url": s.url,
        "status": s.status,
        "note": s.note,
    }


def _duration_origin(m: DatedMilestone) -> dict[str, Any]:
    if m.assumption is not None:
        return {
            "from": m.assumption.origin,
            "value": str(m.assumption.duration),
            "rule_default": str(m.default_duration) if m.default_duration else None,
        }
    if m.case is not None:
        return {
            "from": "rule case",
            "value": str(m.duration),
            "case": m.case,
            "rule_default": str(m.default_duration) if m.default_duration else None,
        }
    return {"from": "rule", "value": str(m.duration) if m.duration else None}


def _calendar(pathway: Pathway, m: DatedMilestone) -> dict[str, Any] | None:
    note = m.calendar
    if note is None or m.duration is None:
        return None
    cal = calendar_for(pathway.jurisdiction)
    moved = m.duration.amount == 0 and m.start is not None and m.counted != m.start
    return {
        "jurisdiction": pathway.jurisdiction,
        "name": cal.name,
        "holidays_skipped": [{"date": d.isoformat(), "name": n} for d, n in note.holidays_skipped],
        "makeup_days_counted": [d.isoformat() for d in note.makeup_days_counted],
        "provisional_years": list(note.provisional_years),
        "moved_to_working_day": moved,
    }


def _step(
    pathway: Pathway,
    profile: Profile,
    source: str,
    m: DatedMilestone,
    dates: dict[str, DatedMilestone],
    ema: EmaCalendar | None = None,
) -> dict[str, Any]:
    if m.kind == "submission" and m.duration is None:
        if m.basis == "actual":
            how = f"actuals.{pathway.jurisdiction}.{m.id} in the profile"
        elif pathway.jurisdiction in profile.submissions:
            how = f"submissions.{pathway.jurisdiction} in the profile ({source})"
        else:
            how = f"submission in the profile ({source})"
        relation = "actual" if m.basis == "actual" else "input"
        counted_from: list[dict[str, Any]] = []
    else:
        refs = list(m.after) if m.after else [m.before] if m.before else []
        counted_from = [
            {
                "id": r,
                "date": dates[r].date.isoformat(),
                "latest": m.start is not None and dates[r].date == m.start,
            }
            for r in refs
            if r in dates
        ]
        word = "before" if m.before else "after"
        how = f"{m.duration} {word} {', '.join(refs)}"
        relation = word
        if m.basis == "actual":
            how = f"recorded in actuals.{pathway.jurisdiction}.{m.id} (the rule: {how})"
            relation = "actual"
    return {
        "id": m.id,
        "name": m.name,
        "kind": m.kind,
        "date": m.date.isoformat(),
        "basis": m.basis,
        "relation": relation,
        "rule": how,
        "counted_from": counted_from,
        "duration": _duration_origin(m) if m.duration is not None else None,
        "calendar": _calendar(pathway, m),
        "sources": [_source(pathway, sid) for sid in m.sources],
        "note": m.note,
        "snapped": (
            {
                "rule": m.snap,
                "from": m.snapped_from.isoformat(),
                "calendar": m.snap_status,
                "why": _closed_because(pathway, m),
                "published_in": _published_in(m, ema),
                # EMA's own page ("official") or a report of it ("secondary"), for the
                # date the rule used (before any risk the plan counts moved it on).
                "source_status": _published_status(m, ema),
            }
            if m.snapped_from
            else None
        ),
        "on_calendar": _on_calendar(m, ema),
        "includes_risks": [
            {
                "risk": rid,
                "name": next(r.name for r in pathway.risks if r.id == rid),
                "adds": str(adds),
                "from": before.isoformat(),
            }
            for rid, adds, before, _ in m.risk_delays
        ],
    }


def _on_calendar(m: DatedMilestone, ema: EmaCalendar | None) -> dict[str, Any] | None:
    """For a step an EMA calendar placed, moved or not: whether the date it rests on is
    published (and where) or projected."""
    from .agency import RESTART_OFFSETS

    status = m.placed_status
    if m.basis == "actual" or status not in ("published", "projected"):
        return None
    day = m.date + timedelta(days=RESTART_OFFSETS.get(m.snap or "", 0))
    start = m.snap == "ema-procedure-start"
    return {
        "date": day.isoformat(),
        "calendar": status,
        "published_in": ema.citation(day, start=start) if ema is not None else None,
        # EMA's own page or document ("official"), or a report of it ("secondary").
        "source_status": ema.citation_status(day, start=start) if ema is not None else None,
    }


def _closed_because(pathway: Pathway, m: DatedMilestone) -> str | None:
    """Why a snap moved a date: "Sunday", "Monday, Memorial Day", or the plenary a clock
    restart was timed for."""
    from .agency import RESTART_OFFSETS

    if m.snapped_from is not None and m.snap == "friday-on-or-before":
        return "the CAT adopts on the Friday of the week before the CHMP"
    if m.snapped_from is not None and m.snap in RESTART_OFFSETS:
        offset = RESTART_OFFSETS[m.snap]
        plenary = m.counted + timedelta(days=offset)
        return f"so that {offset + 1} active days later fall on the {plenary} CHMP plenary"
    if m.snapped_from is None or not (m.snap or "").startswith(("working-day-", "weekday-")):
        return None
    day = m.snapped_from
    if (m.snap or "").startswith("weekday-"):
        return f"{day:%A}"
    name = calendar_for(pathway.jurisdiction).holiday_name(day)
    return f"{day:%A}, {name}" if name else f"{day:%A}"


def _snap_target(m: DatedMilestone, ema: EmaCalendar | None) -> date | None:
    """The published EMA date a snap used (before any counted risk), else None."""
    from .agency import RESTART_OFFSETS

    if ema is None or m.snap_status != "published" or m.snap is None:
        return None
    return m.counted + timedelta(days=RESTART_OFFSETS.get(m.snap, 0))


def _published_in(m: DatedMilestone, ema: EmaCalendar | None) -> str | None:
    """Where the published EMA date a snap used was found (agenda, minutes, timetable)."""
    day = _snap_target(m, ema)
    if day is None or ema is None:
        return None
    return ema.citation(day, start=m.snap == "ema-procedure-start")


def _published_status(m: DatedMilestone, ema: EmaCalendar | None) -> str | None:
    """Whether that source is EMA's own ("official") or a report of it ("secondary")."""
    day = _snap_target(m, ema)
    if day is None or ema is None:
        return None
    return ema.citation_status(day, start=m.snap == "ema-procedure-start")


def explain_dict(
    estimate: Estimate, profile: Profile, source: str, ema: EmaCalendar | None = None
) -> dict[str, Any]:
    """One pathway's estimate with the reasoning behind every date."""
    p = estimate.pathway
    dates = {m.id: m for m in estimate.milestones}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cgt-timeline", "version": __version__},
        "profile": {"name": profile.name, "source": source},
        "pathway": {
            "id": p.id,
            "name": p.name,
            "jurisdiction": p.jurisdiction,
            "agency": p.agency,
            "files": list(p.files),
            "extends": p.extends,
            "baseline": p.baseline,
            "checked_on": p.checked_on.isoformat(),
        },
        "eligible": estimate.eligible,
        "eligibility": [
            {
                "condition": describe(c),
                "met": holds(c, profile),
                "reason": c.reason,
                "sources": [_source(p, s) for s in c.sources],
            }
            for c in p.eligibility
        ],
        "milestones": [_step(p, profile, source, m, dates, ema) for m in estimate.milestones],
        "approval": estimate.approval.isoformat() if estimate.approval else None,
        "baseline": (
            {
                "pathway": estimate.baseline.pathway,
                "approval": estimate.baseline.approval.isoformat()
                if estimate.baseline.approval
                else None,
                "days_saved": estimate.baseline.days_saved,
            }
            if estimate.baseline
            else None
        ),
        # The risk events these dates count (likelier than not) or leave out, each
        # with its sources in full.
        "risks": [
            {**r, "sources": [_source(p, sid) for sid in r["sources"]]}
            for r in risk_dicts(estimate)
        ],
        "warnings": list(estimate.warnings),
    }
