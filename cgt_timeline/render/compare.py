"""``compare``: pathways side by side (rows are milestone kinds, columns pathways)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..engine import Comparison, Estimate
from ..simulation import Simulation, approval_quantiles

# Rows of the comparison: a label and the milestone kinds it shows.
ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Designation request", ("designation-request",)),
    ("Designation decision", ("designation-decision",)),
    ("Submission", ("submission",)),
    ("Filing / validation", ("filing",)),
    ("Review start", ("review-start",)),
    ("Clock stops", ("clock-stop",)),
    ("Clock restarts", ("clock-restart",)),
    ("Meetings", ("meeting",)),
    ("Opinion", ("opinion",)),
    ("Goal date", ("goal-date",)),
    ("Post-approval", ("post-approval",)),
)
LABEL_WIDTH = 20
CELL_WIDTH = 12  # a date plus room for a marker


def cell(e: Estimate, kinds: tuple[str, ...]) -> str:
    """The dates of an estimate's milestones of these kinds, one per line."""
    return "\n".join(m.date.isoformat() for m in e.milestones if m.kind in kinds)


def days_to_approval(e: Estimate) -> int | None:
    """Calendar days from submission to approval."""
    if e.approval is None or e.submission is None:
        return None
    return (e.approval - e.submission).days


def chunks(estimates: Sequence[Estimate], width: int) -> list[list[Estimate]]:
    """Split the pathways into tables that fit the width, keeping jurisdictions together."""
    fit = max(1, (width - LABEL_WIDTH - 4) // (CELL_WIDTH + 3))
    groups: list[list[Estimate]] = []
    for e in estimates:
        if groups and groups[-1][0].pathway.jurisdiction == e.pathway.jurisdiction:
            groups[-1].append(e)
        else:
            groups.append([e])
    out: list[list[Estimate]] = []
    for group in groups:
        for start in range(0, len(group), fit):
            part = group[start : start + fit]
            if out and len(out[-1]) + len(part) <= fit:
                out[-1].extend(part)
            else:
                out.append(list(part))
    return out


def table(
    comparison: Comparison,
    width: int = 100,
    sim: Simulation | None = None,
    approval_by: date | None = None,
) -> RenderableType:
    """Rich tables (as many as the width needs) and the notes below them."""
    report = comparison.report
    best = comparison.earliest
    ordered = [e for j in _in_pack_order(comparison) for e in j]
    parts: list[RenderableType] = []
    for part in chunks(ordered, width):
        t = Table(title=Text(f"Pathways compared: {report.profile.name}"), title_justify="left")
        t.add_column("", width=LABEL_WIDTH, no_wrap=True)
        for e in part:
            head = f"{e.pathway.id.replace('-', '-' + chr(10), 1)}\n{e.pathway.jurisdiction}"
            t.add_column(Text(head), width=CELL_WIDTH, no_wrap=True)
        for label, kinds in ROWS:
            cells = [cell(e, kinds) for e in part]
            if any(cells):
                t.add_row(Text(label), *(Text(c) for c in cells))
        t.add_section()
        approvals = []
        for e in part:
            if not e.eligible:
                approvals.append(Text("not eligible", "red"))
            elif e.approval is None:
                approvals.append(Text("no date"))
            elif best is not None and e is best:
                approvals.append(Text(f"{e.approval.isoformat()}\n* earliest", "bold green"))
            else:
                approvals.append(Text(e.approval.isoformat(), "bold"))
        t.add_row(Text("Approval", "bold"), *approvals)
        t.add_row(
            Text("Days to approval"),
            *(Text(str(d) if (d := days_to_approval(e)) is not None else "") for e in part),
        )
        t.add_row(Text("Days saved"), *(Text(_saved(e)) for e in part))
        if sim is not None:
            lo, hi = f"p{sim.percentiles[0]:g}", f"p{sim.percentiles[-1]:g}"
            spreads: list[Text] = []
            for e in part:
                q = approval_quantiles(sim, e)
                spreads.append(Text(f"{q[lo].isoformat()}\n{q[hi].isoformat()}" if q else ""))
            t.add_row(
                Text(f"Approval P{sim.percentiles[0]:g} / P{sim.percentiles[-1]:g}"), *spreads
            )
            if approval_by is not None:
                chances: list[Text] = []
                for e in part:
                    ps = sim.pathways.get(e.pathway.id)
                    chance = ps.probability_by(_approval(e), approval_by) if ps else None
                    chances.append(Text("" if chance is None else f"{chance:.0%}"))
                t.add_row(Text(f"P(by {approval_by.isoformat()})"), *chances)
        parts += [t, Text("")]
    notes = Text("Days saved: the baseline's approval minus this pathway's, in days.\n", "dim")
    risks = risk_lines(ordered)
    if risks:
        notes.append("Risk events (the dates count those likelier than not):\n", "dim")
    for line in risks:
        notes.append(line + "\n")
    for e in ordered:
        if not e.eligible:
            notes.append(f"{e.pathway.id} not eligible: {'; '.join(e.ineligible_reasons)}\n", "red")
        elif e.approval is None:
            notes.append(
                f"{e.pathway.id}: no planned submission date for {e.pathway.jurisdiction}\n"
            )
    if best is not None and best.approval is not None:
        notes.append(
            f"Earliest approval: {best.pathway.id} on {best.approval.isoformat()} (marked *).\n",
            "bold",
        )
    for w in report.warnings:
        notes.append(f"warning: {w}\n", "yellow")
    parts.append(notes)
    return Group(*parts)


def risk_lines(estimates: Sequence[Estimate]) -> list[str]:
    """One line per pathway with risk events: which the dates count (likelier than not)
    and the approval without each, which they leave out and the approval with each.

    "ema-prime counts accelerated-assessment-reverts (75%, +4 months; without it
    2027-05-24)."
    """
    lines = []
    for e in estimates:
        if not e.eligible or e.approval is None or not e.risks:
            continue
        counted, left = [], []
        for r, p in e.risks:
            if r.id in e.in_plan:
                then = e.approval_unless.get(r.id)
                tail = f"; without it {then.isoformat()}" if then else ""
                counted.append(f"{r.id} ({p:.0%}, +{r.adds.likely}{tail})")
            else:
                then = e.approval_if.get(r.id)
                tail = f"; with it {then.isoformat()}" if then else ""
                left.append(f"{r.id} ({p:.0%}{tail})")
        parts = []
        if counted:
            parts.append("counts " + ", ".join(counted))
        if left:
            parts.append("leaves out " + ", ".join(left))
        lines.append(f"{e.pathway.id} {'; '.join(parts)}.")
    return lines


def _approval(e: Estimate) -> str:
    return next(m.id for m in e.milestones if m.kind == "approval")


def _saved(e: Estimate) -> str:
    """Days saved against the baseline; "baseline" for a baseline itself."""
    if e.baseline is None or e.baseline.days_saved is None:
        return "baseline" if e.eligible and e.pathway.baseline is None and e.approval else ""
    return str(e.baseline.days_saved)


def _in_pack_order(comparison: Comparison) -> list[list[Estimate]]:
    # The report keeps the pack's order: each expedited pathway beside its baseline.
    by_jurisdiction: dict[str, list[Estimate]] = {}
    for e in comparison.report.estimates:
        by_jurisdiction.setdefault(e.pathway.jurisdiction, []).append(e)
    return list(by_jurisdiction.values())


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Comparison rows as CSV."""
    columns = [
        "scenario",
        "pathway",
        "jurisdiction",
        "eligible",
        "submission",
        "approval",
        "days_to_approval",
        "baseline",
        "days_saved",
        "earliest",
        "ineligible_reasons",
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: (
                    "; ".join(v)
                    if isinstance(v, list)
                    else str(v).lower()
                    if isinstance(v, bool)
                    else ""
                    if v is None
                    else v
                )
                for k, v in row.items()
            }
        )
    return out.getvalue()


def rows(comparison: Comparison, scenario: str = "") -> list[dict[str, Any]]:
    """One flat row per pathway of a comparison."""
    best = comparison.earliest
    return [
        {
            "scenario": scenario,
            "pathway": e.pathway.id,
            "jurisdiction": e.pathway.jurisdiction,
            "eligible": e.eligible,
            "submission": e.submission.isoformat() if e.submission else None,
            "approval": e.approval.isoformat() if e.approval else None,
            "days_to_approval": days_to_approval(e),
            "baseline": e.baseline.pathway if e.baseline else None,
            "days_saved": e.baseline.days_saved if e.baseline else None,
            "earliest": best is not None and e is best,
            "ineligible_reasons": list(e.ineligible_reasons),
        }
        for e in comparison.report.estimates
    ]


def markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown table (pathways as columns)."""
    estimates = list(comparison.report.estimates)
    best = comparison.earliest
    head = (
        "| | " + " | ".join(f"{e.pathway.id} ({e.pathway.jurisdiction})" for e in estimates) + " |"
    )
    lines = [
        f"# Pathways compared: {comparison.report.profile.name}",
        "",
        head,
        "|---|" + "---|" * len(estimates),
    ]
    for label, kinds in ROWS:
        cells = [cell(e, kinds).replace("\n", "<br>") for e in estimates]
        if any(cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    approvals = [
        "not eligible"
        if not e.eligible
        else "no date"
        if e.approval is None
        else f"**{e.approval.isoformat()}** (earliest)"
        if e is best
        else e.approval.isoformat()
        for e in estimates
    ]
    lines.append("| **Approval** | " + " | ".join(approvals) + " |")
    lines.append(
        "| Days to approval | "
        + " | ".join(str(d) if (d := days_to_approval(e)) is not None else "" for e in estimates)
        + " |"
    )
    lines.append(
        "| Days saved vs baseline | "
        + " | ".join(
            f"{_saved(e)} ({e.baseline.pathway})"
            if e.baseline and e.baseline.days_saved is not None
            else _saved(e)
            for e in estimates
        )
        + " |"
    )
    risks = risk_lines(estimates)
    if risks:
        lines.append("")
        lines += [f"- {line}" for line in risks]
    ineligible = [e for e in estimates if not e.eligible]
    if ineligible:
        lines.append("")
        lines += [
            f"- {e.pathway.id} not eligible: {'; '.join(e.ineligible_reasons)}" for e in ineligible
        ]
    return "\n".join(lines) + "\n"


def scenario_table(named: Sequence[tuple[str, Comparison]]) -> Table:
    """What-if variants side by side: approval per pathway and the change from the first."""
    t = Table(title="Scenarios compared (approval dates)", title_justify="left")
    t.add_column("Pathway", width=18, no_wrap=True)
    for i, (name, _) in enumerate(named):
        t.add_column(name, width=12, no_wrap=True)
        if i:
            t.add_column("vs first", width=9, no_wrap=True, justify="right")
    first = named[0][1].report.estimates
    for index, base in enumerate(first):
        cells: list[Text] = [Text(base.pathway.id)]
        for i, (_, comparison) in enumerate(named):
            e = comparison.report.estimates[index]
            shown = (
                "not eligible"
                if not e.eligible
                else e.approval.isoformat()
                if e.approval
                else "no date"
            )
            cells.append(Text(shown))
            if i:
                delta = (e.approval - base.approval).days if e.approval and base.approval else None
                cells.append(
                    Text(
                        "" if delta is None else f"{delta:+d} d",
                        "red" if delta and delta > 0 else "green" if delta else "",
                    )
                )
        t.add_row(*cells)
    return t
