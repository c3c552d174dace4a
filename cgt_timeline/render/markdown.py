"""Markdown output: a summary table and one table per pathway, for documents."""

from __future__ import annotations

from ..engine import Report
from ..simulation import Simulation, spread
from .text import calendar_note, counted_as, risks_note, versus_baseline


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render(report: Report, sim: Simulation | None = None) -> str:
    """The report as GitHub-flavoured Markdown."""
    lines = [f"# Approval estimates: {_cell(report.profile.name)}", ""]
    lines += [
        "| Pathway | Jurisdiction | Submission | Approval | Against baseline |",
        "|---|---|---|---|---|",
    ]
    for e in report.estimates:
        if not e.eligible:
            lines.append(
                f"| {e.pathway.id} | {e.pathway.jurisdiction} | | not eligible | "
                f"{_cell('; '.join(e.ineligible_reasons))} |"
            )
            continue
        lines.append(
            f"| {e.pathway.id} | {e.pathway.jurisdiction} | "
            f"{e.submission.isoformat() if e.submission else ''} | "
            f"{e.approval.isoformat() if e.approval else 'no date'} | {versus_baseline(e)} |"
        )
    for e in report.estimates:
        p = e.pathway
        lines += [
            "",
            f"## {p.id}: {_cell(p.name)}",
            "",
            f"{p.jurisdiction}, {_cell(p.agency)}. Rules checked {p.checked_on.isoformat()}.",
            "",
        ]
        if not e.eligible:
            lines += ["Not eligible for this profile:", ""]
            lines += [f"- {_cell(r)}" for r in e.ineligible_reasons]
            continue
        if not e.milestones:
            lines.append(
                f"Not dated: no planned submission date for {p.jurisdiction} in the profile."
            )
            continue
        lines += ["| Date | Milestone | Counted as | Basis | Sources |", "|---|---|---|---|---|"]
        for m in e.milestones:
            how = counted_as(m)
            note = calendar_note(m)
            if note:
                how += f" ({p.jurisdiction} calendar: {note})"
            spread_text = spread(sim, p.id, m.id)
            if spread_text:
                how += f" ({spread_text})"
            lines.append(
                f"| {m.date.isoformat()} | {_cell(m.name)} | {_cell(how)} | {m.basis} | "
                f"{', '.join(m.sources)} |"
            )
        risks = risks_note(e, sim)
        if risks:
            lines += ["", risks]
    if report.warnings:
        lines += ["", "## Warnings", ""] + [f"- {_cell(w)}" for w in report.warnings]
    return "\n".join(lines) + "\n"
