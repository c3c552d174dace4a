"""Output for many products: one row per product and pathway."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from ..engine import Report
from ..output import SCHEMA_VERSION, estimate_dict, report_dict

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
)


def rows(report: Report, source: str, row: int | None) -> Iterator[dict[str, Any]]:
    """One flat record per pathway of a product's report."""
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
        }


def jsonl_lines(report: Report, source: str, row: int | None) -> Iterator[str]:
    """JSON Lines: the product, then the full estimate of one pathway, per line."""
    for e in report.estimates:
        record = {"product": report.profile.name, "source": source, "row": row, **estimate_dict(e)}
        yield json.dumps(record, ensure_ascii=False)


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


def product_dict(report: Report, source: str, row: int | None) -> dict[str, Any]:
    """A product's report for the batch JSON document."""
    data = report_dict(report)
    return {
        "profile": {**data["profile"], "source": source, "row": row},
        "estimates": data["estimates"],
        "warnings": data["warnings"],
    }


def json_document(products: list[dict[str, Any]], errors: list[dict[str, Any]]) -> str:
    """The batch JSON document: every product's report and every input error."""
    from .. import __version__

    return (
        json.dumps(
            {
                "schema_version": SCHEMA_VERSION,
                "tool": {"name": "cgt-timeline", "version": __version__},
                "products": products,
                "errors": errors,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
