"""Output for many products: one row per product and pathway."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from ..engine import Report
from ..output import SCHEMA_VERSION

COLUMNS = (
    "product",
    "source",
    "row",
    "pathway",
    "jurisdiction",
    "eligible",
    "submission",
    "approval",
    "baseline",
    "baseline_approval",
    "days_saved",
    "ineligible_reasons",
    "warnings",
    # Appended: the risk events the approval counts (likelier than not), by id, and
    # the approval if none of them happens.
    "risks_in_plan",
    "approval_without_risks_in_plan",
)


def rows(report: Report, source: str, row: int | None) -> Iterator[dict[str, Any]]:
    """One flat record per pathway of a product's report (the batch row)."""
    for e in report.estimates:
        yield {
            "product": report.profile.name,
            "source": source,
            "row": row,
            "pathway": e.pathway.id,
            "jurisdiction": e.pathway.jurisdiction,
            "eligible": e.eligible,
            "submission": e.submission.isoformat() if e.submission else None,
            "approval": e.approval.isoformat() if e.approval else None,
            "baseline": e.baseline.pathway if e.baseline else None,
            "baseline_approval": (
                e.baseline.approval.isoformat() if e.baseline and e.baseline.approval else None
            ),
            "days_saved": e.baseline.days_saved if e.baseline else None,
            "ineligible_reasons": list(e.ineligible_reasons),
            "warnings": list(e.warnings),
            "risks_in_plan": sorted(e.in_plan),
            "approval_without_risks_in_plan": (
                e.approval_without_plan_risks.isoformat() if e.approval_without_plan_risks else None
            ),
        }


def records(report: Report, source: str, row: int | None) -> Iterator[dict[str, Any]]:
    """Batch rows with every milestone's date and basis (JSON Lines and batch JSON)."""
    for record, e in zip(rows(report, source, row), report.estimates, strict=True):
        record["milestones"] = {
            m.id: {"date": m.date.isoformat(), "kind": m.kind, "basis": m.basis}
            for m in e.milestones
        }
        yield record


def jsonl_lines(report: Report, source: str, row: int | None) -> Iterator[str]:
    """JSON Lines: one product and pathway per line (dates of every milestone included)."""
    for record in records(report, source, row):
        yield json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def csv_header() -> str:
    """The CSV header line."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(COLUMNS)
    return out.getvalue()


def csv_lines(report: Report, source: str, row: int | None) -> str:
    """CSV rows of one product (lists joined with '; ')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for record in rows(report, source, row):
        writer.writerow(
            [
                "; ".join(v)
                if isinstance(v, list)
                else ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                for v in (record[c] for c in COLUMNS)
            ]
        )
    return out.getvalue()


def json_document(rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> str:
    """The batch JSON document: the rows of every product and every input error."""
    from .. import __version__

    # Compact (no indentation): the C encoder writes thousands of products quickly.
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cgt-timeline", "version": __version__},
        "rows": rows,
        "errors": errors,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
