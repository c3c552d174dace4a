"""A Mermaid ``gantt`` block: the timelines in Markdown documents that render Mermaid."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..engine import Estimate

_UNSAFE = re.compile(r"[:;#]")


def _name(text: str) -> str:
    # Mermaid ends a task name at ':' and treats ';' and '#' specially.
    return _UNSAFE.sub(" -", text).strip()


def render(estimates: Sequence[Estimate], title: str) -> str:
    """One section per dated pathway, one task per milestone (milestones for points)."""
    lines = [
        "gantt",
        f"    title {_name(title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
    ]
    for e in estimates:
        if not e.eligible or not e.milestones:
            continue
        lines.append(f"    section {e.pathway.id} ({e.pathway.jurisdiction})")
        for m in e.milestones:
            task = f"{e.pathway.id}-{m.id}"
            start = min(m.start, m.date) if m.start else m.date
            if m.kind in ("submission", "approval") or start == m.date:
                lines.append(f"    {_name(m.name)} :milestone, {task}, {m.date.isoformat()}, 0d")
            else:
                lines.append(
                    f"    {_name(m.name)} :{task}, {start.isoformat()}, {m.date.isoformat()}"
                )
    return "```mermaid\n" + "\n".join(lines) + "\n```\n"
