"""Rich tables for the terminal: a summary, then one table per pathway."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..engine import Estimate, Report
from ..simulation import Simulation, probability_lines, spread
from .text import calendar_note, counted_as, risks_note, versus_baseline

_BASIS_STYLE = {"statutory": "green", "estimated": "yellow", "actual": "cyan", "input": "bold"}


def summary(report: Report, width: int = 100, sim: Simulation | None = None) -> Table:
    """One row per pathway: submission, approval, and days saved against the baseline."""
    table = Table(
        title=Text(f"Approval estimates: {report.profile.name}"),
        title_justify="left",
        expand=False,
    )
    table.add_column("Pathway", width=18, no_wrap=True)
    table.add_column("", width=2, no_wrap=True)
    table.add_column("Submission", width=10, no_wrap=True)
    table.add_column("Approval", width=12, no_wrap=True, style="bold")
    table.add_column("Against baseline", width=width - 18 - 2 - 10 - 12 - 16)
    baselines = {e.pathway.baseline for e in report.estimates if e.pathway.baseline}
    for e in report.estimates:
        if not e.eligible:
            table.add_row(
                Text(e.pathway.id),
                Text(e.pathway.jurisdiction),
                Text(""),
                Text("not eligible", "red"),
                Text(e.ineligible_reasons[0] if e.ineligible_reasons else ""),
            )
            continue
        table.add_row(
            Text(e.pathway.id),
            Text(e.pathway.jurisdiction),
            Text(e.submission.isoformat() if e.submission else ""),
            Text(e.approval.isoformat() if e.approval else "no date"),
            Text(
                (
                    (versus_baseline(e) or ("baseline" if e.pathway.id in baselines else ""))
                    + _approval_spread(sim, e)
                )
                if e.approval
                else "no submission date in the profile",
                "dim" if e.pathway.id in baselines else "",
            ),
        )
    return table


def _approval_spread(sim: Simulation | None, e: Estimate) -> str:
    approval = next((m for m in e.milestones if m.kind == "approval"), None)
    text = spread(sim, e.pathway.id, approval.id) if approval else None
    return f"\n{text}" if text else ""


# Date (10) + Basis (9) + 5 borders + 2 spaces of padding in each of 4 columns.
_FIXED = 10 + 9 + 5 + 8


def pathway_table(e: Estimate, width: int = 100, sim: Simulation | None = None) -> RenderableType:
    """The dated milestones of one pathway, each with how its date was counted."""
    p = e.pathway
    title = f"{p.id}: {p.name}\n{p.jurisdiction}, {p.agency}"
    if not e.eligible:
        lines = Text(title + "\n", style="bold")
        lines.append("Not eligible for this profile:\n", style="red")
        for reason in e.ineligible_reasons:
            lines.append(f"  - {reason}\n")
        return lines
    if not e.milestones:
        lines = Text(title + "\n", style="bold")
        lines.append(
            f"Not dated: no planned submission date for {p.jurisdiction} in the profile.\n"
        )
        return lines
    # Titles and captions carry names from rule files and profiles: Text, never markup.
    table = Table(title=Text(title), title_justify="left", title_style="bold", expand=False)
    # Fixed column widths: Rich then skips measuring every cell, which halves the time
    # to render (start-up time is budgeted), and the table fits the console exactly.
    text_width = max(width - _FIXED, 40)
    table.add_column("Date", width=10, no_wrap=True)
    table.add_column("Milestone", width=text_width - text_width // 2)
    table.add_column("Counted as", width=text_width // 2)
    table.add_column("Basis", width=9, no_wrap=True)
    for m in e.milestones:
        how = counted_as(m)
        note = calendar_note(m)
        if note:
            how += f"\n{p.jurisdiction} calendar: {note}"
        spread_text = spread(sim, p.id, m.id)
        if spread_text:
            how += f"\n{spread_text}"
        style = "bold" if m.kind in ("approval", "submission") else ""
        table.add_row(
            Text(m.date.isoformat()),
            Text(m.name, style),
            Text(how),
            Text(m.basis, _BASIS_STYLE.get(m.basis, "")),
        )
    if e.approval:
        caption = f"Approval {e.approval.isoformat()}"
        if e.baseline is not None:
            caption += f": {versus_baseline(e)}"
        caption += f". Rules checked {p.checked_on.isoformat()}."
        risks = risks_note(e, sim)
        if risks:
            caption += "\n" + risks
        table.caption = Text(caption)
        table.caption_justify = "left"
    return table


def build(
    report: Report,
    width: int = 100,
    sim: Simulation | None = None,
    approval_by: date | None = None,
) -> Group:
    """Everything the table format shows, as one renderable for a console this wide."""
    width = min(width, 140)
    parts: list[RenderableType] = [summary(report, width, sim)]
    for e in report.estimates:
        parts.append(Text(""))
        parts.append(pathway_table(e, width, sim))
    parts.append(Text(""))
    parts.append(
        Text(
            "Basis: statutory = fixed by regulation from the inputs; estimated = depends on "
            "sponsor or agency behaviour; input = from the profile. "
            "`cgt-timeline pathways show ID` lists the sources.",
            style="dim",
        )
    )
    if sim is not None:
        parts.append(
            Text(
                f"Simulated {sim.trials:,} trials (seed {sim.seed}): durations drawn from their "
                "ranges, risk events with their probabilities; the dates above are the plan "
                "(likely values, risks likelier than not counted).",
                style="dim",
            )
        )
        if approval_by is not None:
            parts += [
                Text(line, style="bold") for line in probability_lines(sim, report, approval_by)
            ]
    for w in report.warnings:
        parts.append(Text(f"warning: {w}", style="yellow"))
    return Group(*parts)


def to_text(
    report: Report,
    *,
    width: int = 100,
    sim: Simulation | None = None,
    approval_by: date | None = None,
) -> str:
    """The table format as plain text of the given width (for files and tests)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        no_color=True,
        color_system=None,
        force_terminal=False,
        legacy_windows=False,
    )
    console.print(build(report, width, sim, approval_by))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
