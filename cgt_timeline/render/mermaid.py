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
    """One section per dated pathway, one task per milestone (milestones for points),
    and after a milestone a risk event the plan counts moved, a critical (``crit``)
    task for the delay it adds: the rule's own count ends where that delay begins."""
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
        risks = {r.id: r for r in e.pathway.risks}
        for m in e.milestones:
            task = f"{e.pathway.id}-{m.id}"
            end = m.counted
            start = min(m.start, end) if m.start else end
            if m.kind in ("submission", "approval") or start == end:
                # A point: on its date (after any delay the plan counts, which the
                # critical task below spans).
                lines.append(f"    {_name(m.name)} :milestone, {task}, {m.date.isoformat()}, 0d")
            else:
                lines.append(f"    {_name(m.name)} :{task}, {start.isoformat()}, {end.isoformat()}")
            # Delays apply in order: each ends where the next begins, the last at the date.
            ends = [b for _, _, b, _ in m.risk_delays[1:]] + [m.date]
            for (risk, added, before, _), after in zip(m.risk_delays, ends, strict=False):
                name = f"{risks[risk].name} (+ {added}, likelier than not)"
                lines.append(
                    f"    {_name(name)} :crit, {task}-{risk}, {before.isoformat()}, "
                    f"{after.isoformat()}"
                )
    return "```mermaid\n" + "\n".join(lines) + "\n```\n"
