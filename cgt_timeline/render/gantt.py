"""A Gantt chart in the terminal: one bar per pathway on a shared month axis.

``layout`` is pure arithmetic (which column each phase starts and ends in), so that
tests can check bar positions against dates; ``render`` turns it into Rich text that
reads the same with or without colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.text import Text

from ..engine import Estimate

CHARS = {
    "designation": "·",
    "review": "█",
    "clock-stop": "░",
    "decision": "▓",
    "risk": "▒",
    "approval": "◆",
}
STYLES = {
    "designation": "cyan",
    "review": "blue",
    "clock-stop": "yellow",
    "decision": "magenta",
    "risk": "red",
    "approval": "bold green",
}
LABEL_WIDTH = 19
LEGEND = (
    "· designation  █ review  ░ clock stopped  ▓ decision (after the opinion)  ◆ approval  | today"
)
# Added to the legend when a bar shows a risk event the plan counts.
RISK_LEGEND = "\n▒ a risk event the plan counts (likelier than not): its delay"


@dataclass
class Segment:
    """One phase of a pathway's bar, by date and by column (both ends included)."""

    phase: str
    start: date
    end: date
    first_col: int = 0
    last_col: int = 0


@dataclass
class Row:
    """A pathway's bar."""

    pathway: str
    segments: list[Segment] = field(default_factory=list)
    approval: date | None = None
    approval_col: int | None = None
    note: str = ""


@dataclass
class Layout:
    """Where everything goes on a chart of ``bar_width`` columns from ``first`` to ``last``."""

    first: date
    last: date
    bar_width: int
    rows: list[Row]
    ticks: list[tuple[int, str]]
    today: date | None
    today_col: int | None

    def column(self, day: date) -> int:
        """The column of a date on the axis (0 = ``first``, bar_width-1 = ``last``)."""
        span = max((self.last - self.first).days, 1)
        col = round((day - self.first).days / span * (self.bar_width - 1))
        return min(max(col, 0), self.bar_width - 1)


def phases(e: Estimate) -> list[Segment]:
    """The phases of an estimate: designation, review, clock stops, decision, and the
    delay each risk event the plan counts adds (last, so that it is drawn on top)."""
    ms = [m for m in e.milestones if m.kind != "post-approval"]
    if not ms or e.submission is None or e.approval is None:
        return []
    submission, approval = e.submission, e.approval
    out: list[Segment] = []
    designations = [m.date for m in ms if m.kind.startswith("designation")]
    if designations and min(designations) < submission:
        out.append(Segment("designation", min(designations), submission))
    opinion = next((m.date for m in ms if m.kind == "opinion"), None)
    out.append(Segment("review", submission, opinion or approval))
    restarts = sorted(m.date for m in ms if m.kind == "clock-restart")
    for stop in sorted(m.date for m in ms if m.kind == "clock-stop"):
        end = next((r for r in restarts if r >= stop), None)
        if end is not None:
            out.append(Segment("clock-stop", stop, end))
    if opinion is not None and opinion < approval:
        out.append(Segment("decision", opinion, approval))
    out.extend(Segment("risk", m.counted, m.date) for m in ms if m.counted < m.date)
    return out


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def layout(estimates: Sequence[Estimate], *, width: int = 100, today: date | None = None) -> Layout:
    """Columns for every phase of every pathway on one axis that fits ``width``."""
    rows = []
    for e in estimates:
        row = Row(e.pathway.id, phases(e), e.approval)
        if not e.eligible:
            row.note = "not eligible"
        elif e.approval is None:
            row.note = "no submission date"
        rows.append(row)
    dated = [s for r in rows for s in r.segments]
    if dated:
        first = _month_start(min(s.start for s in dated))
        last = _next_month(max(s.end for s in dated))
    else:
        first = _month_start(today or date(2026, 1, 1))
        last = _next_month(first)
    bar_width = max(width - LABEL_WIDTH - 1, 20)
    chart = Layout(first, last, bar_width, rows, [], today, None)
    for r in rows:
        for s in r.segments:
            s.first_col, s.last_col = chart.column(s.start), chart.column(s.end)
        if r.approval is not None and r.segments:
            r.approval_col = chart.column(r.approval)
    if today is not None and first <= today <= last:
        chart.today_col = chart.column(today)
    # Month ticks, as many as fit without their labels ("2026-06") touching.
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = _next_month(month)
    per_month = bar_width / max(len(months) - 1, 1)
    # A label is 7 characters and needs a space after it; 9 columns of slack survive
    # the rounding of both ends to whole columns.
    step = max(1, math.ceil(9 / per_month))
    chart.ticks = [
        (chart.column(m), m.strftime("%Y-%m"))
        for m in months[::step]
        if chart.column(m) + 7 <= bar_width
    ]
    return chart


def render(chart: Layout, title: str = "") -> Text:
    """The chart as Rich text: an axis, one bar per pathway, and a legend."""
    out = Text()
    if title:
        out.append(title + "\n", "bold")
    axis = [" "] * chart.bar_width
    for col, label in chart.ticks:
        axis[col : col + len(label)] = list(label)
    out.append(" " * LABEL_WIDTH + " " + "".join(axis).rstrip() + "\n", "dim")
    marks = [" "] * chart.bar_width
    for col, _ in chart.ticks:
        marks[col] = "┆"
    if chart.today_col is not None:
        marks[chart.today_col] = "▼"
    label = (
        f"today {chart.today.isoformat()}" if chart.today and chart.today_col is not None else ""
    )
    out.append(f"{label:<{LABEL_WIDTH}} " + "".join(marks).rstrip() + "\n", "dim")
    for r in chart.rows:
        out.append(f"{r.pathway:<{LABEL_WIDTH}} ")
        if not r.segments:
            out.append(f"({r.note})\n", "dim")
            continue
        cells: list[tuple[str, str]] = [(" ", "")] * chart.bar_width
        for s in r.segments:  # later phases (stops, decision) drawn over the review
            for col in range(s.first_col, s.last_col + 1):
                cells[col] = (CHARS[s.phase], STYLES[s.phase])
        if r.approval_col is not None:
            cells[r.approval_col] = (CHARS["approval"], STYLES["approval"])
        if chart.today_col is not None and cells[chart.today_col][0] == " ":
            cells[chart.today_col] = ("|", "dim")
        end = max(i for i, (ch, _) in enumerate(cells) if ch != " ") + 1
        for ch, style in cells[:end]:
            out.append(ch, style)
        if r.approval is not None:
            after = f" {r.approval.isoformat()}"
            if end + len(after) <= chart.bar_width:
                out.append(after, "bold")
        out.append("\n")
    out.append(LEGEND, "dim")
    if any(s.phase == "risk" for r in chart.rows for s in r.segments):
        out.append(RISK_LEGEND, "dim")
    return out
