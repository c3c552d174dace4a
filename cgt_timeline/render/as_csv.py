"""CSV output: one row per pathway milestone (one row for a pathway without dates)."""

from __future__ import annotations

import csv as _csv
import io

from ..engine import Report
from ..simulation import Simulation

COLUMNS = (
    "profile",
    "pathway",
    "jurisdiction",
    "eligible",
    "milestone_id",
    "milestone",
    "kind",
    "date",
    "duration",
    "after",
    "before",
    "basis",
    "sources",
    "approval",
    "baseline",
    "days_saved",
    "ineligible_reasons",
)
# Added after the first release, after the percentile columns (columns are only ever
# appended): where an agency calendar or rule moved the counted date, the date before
# the move, the rule, and whether the calendar behind it is published or projected.
MOVED = ("moved_from", "moved_by", "calendar")
# Then the risk events the plan counts in a date (likelier than not), e.g.
# "accelerated-assessment-reverts +4 months" (several separated by "; ").
RISKS = ("includes_risks",)


def render(report: Report, sim: Simulation | None = None) -> str:
    """The report as CSV text with a header row (columns in :data:`COLUMNS`, one column
    per percentile when the run was simulated, then :data:`MOVED` and :data:`RISKS`)."""
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\n")
    extra = [f"p{q:g}" for q in sim.percentiles] if sim is not None else []
    header = [*COLUMNS, *extra, *MOVED, *RISKS]
    writer.writerow(header)
    for e in report.estimates:
        common = {
            "profile": report.profile.name,
            "pathway": e.pathway.id,
            "jurisdiction": e.pathway.jurisdiction,
            "eligible": str(e.eligible).lower(),
            "approval": e.approval.isoformat() if e.approval else "",
            "baseline": e.baseline.pathway if e.baseline else "",
            "days_saved": (
                "" if e.baseline is None or e.baseline.days_saved is None else e.baseline.days_saved
            ),
            "ineligible_reasons": "; ".join(e.ineligible_reasons),
        }
        rows = [
            {
                "milestone_id": m.id,
                "milestone": m.name,
                "kind": m.kind,
                "date": m.date.isoformat(),
                "duration": str(m.duration) if m.duration else "",
                "after": " ".join(m.after),
                "before": m.before or "",
                "basis": m.basis,
                "sources": " ".join(m.sources),
                "moved_from": m.snapped_from.isoformat() if m.snapped_from else "",
                "moved_by": (m.snap or "") if m.snapped_from else "",
                "calendar": (m.snap_status or "") if m.snapped_from else "",
                "includes_risks": "; ".join(f"{rid} +{adds}" for rid, adds, _, _ in m.risk_delays),
            }
            for m in e.milestones
        ] or [{}]
        for row in rows:
            merged = {**common, **row}
            if extra and sim is not None and e.pathway.id in sim.pathways and row:
                merged.update(
                    {
                        k: v.isoformat()
                        for k, v in sim.quantiles(e.pathway.id, row["milestone_id"]).items()
                    }
                )
            writer.writerow([merged.get(c, "") for c in header])
    return out.getvalue()
