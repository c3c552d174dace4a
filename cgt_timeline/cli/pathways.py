"""``cgt-timeline pathways``: what pathways there are and what is in them."""

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .common import console, handle_errors
from .options import RulesOption

if TYPE_CHECKING:
    from ..model import DurationRange

app = typer.Typer(
    help="List the pathways, or show one with its milestones, durations and sources.",
    invoke_without_command=True,
    no_args_is_help=False,
)


class ListFormat(str, Enum):
    """Formats of pathways list/show."""

    table = "table"
    json = "json"


def _range_text(spec: "DurationRange") -> str:
    """ " (range 9-18)" for a duration with a range (and its share at the likely value)."""
    if not (spec.low or spec.high):
        return ""
    low, high = spec.low or spec.likely, spec.high or spec.likely
    at = f", {spec.at_likely:.0%} at {spec.likely.amount}" if spec.at_likely else ""
    return f" (range {low.amount}-{high.amount}{at})"


def _pack(rules: Optional[list[Path]]) -> Any:
    from ..rulepack import load_rules

    return load_rules(rules or [])


@app.callback()
def default(
    ctx: typer.Context,
    rules: RulesOption = None,
) -> None:
    """List the pathways (the same as `pathways list`)."""
    if ctx.invoked_subcommand is None:
        list_pathways(rules=rules, fmt=ListFormat.table)


@app.command("list")
@handle_errors
def list_pathways(
    rules: RulesOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List every pathway: id, jurisdiction, name, baseline, date checked."""
    pack = _pack(rules)
    if fmt is ListFormat.json:
        data = [
            {
                "id": p.id,
                "name": p.name,
                "jurisdiction": p.jurisdiction,
                "agency": p.agency,
                "baseline": p.baseline,
                "checked_on": p.checked_on.isoformat(),
                "file": p.file,
            }
            for p in pack.pathways.values()
        ]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Pathways", title_justify="left")
    for col in ("id", "", "name", "baseline", "checked"):
        table.add_column(col, no_wrap=col != "name")
    for p in pack.pathways.values():
        table.add_row(
            *map(Text, (p.id, p.jurisdiction, p.name, p.baseline or "", p.checked_on.isoformat()))
        )
    console().print(table)


@app.command("show")
@handle_errors
def show(
    pathway: Annotated[str, typer.Argument(help="Pathway id, e.g. fda-rmat.", metavar="PATHWAY")],
    rules: RulesOption = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Show a pathway: eligibility, milestones with durations, risk events (those
    likelier than not are counted in the plan), and every source."""
    from ..conditions import describe
    from ..engine import LIKELIER_THAN_NOT
    from ..errors import InputError

    pack = _pack(rules)
    if pathway not in pack:
        raise InputError.single(
            "pathways show", pack.unknown(pathway), expected="one of: " + ", ".join(pack.ids)
        )
    p = pack[pathway]
    if fmt is ListFormat.json:
        typer.echo(json.dumps(_pathway_dict(p), indent=2, ensure_ascii=False))
        return
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    head = Text()
    head.append(f"{p.id}: {p.name}\n", style="bold")
    head.append(
        f"{p.jurisdiction}, {p.agency}. Rules checked {p.checked_on.isoformat()} ({p.file})"
    )
    if p.baseline:
        head.append(f"\nBaseline: {p.baseline}")
    if p.extends:
        head.append(f"; extends {p.extends}")
    if p.summary:
        head.append(f"\n{p.summary.strip()}")
    parts: list[Any] = [head]
    if p.eligibility:
        elig = Text("\nEligibility:\n", style="bold")
        for c in p.eligibility:
            elig.append(f"  - {describe(c)}: {c.reason}\n")
        parts.append(elig)
    table = Table(title="Milestones", title_justify="left")
    for col in ("id", "kind", "counted as", "basis", "sources"):
        table.add_column(col, overflow="fold")
    for m in p.milestones:
        if m.duration is None:
            how = "date from the profile"
        else:
            how = f"{m.duration.likely} " + (
                f"before {m.before}" if m.before else "after " + ", ".join(m.after)
            )
            how += _range_text(m.duration)
            for case in m.cases:
                how += f"\nif {describe(case.when)}: {case.duration.likely}"
                how += _range_text(case.duration)
        if m.when is not None:
            how += f"\nonly if {describe(m.when)}"
        basis = "input" if m.kind == "submission" else m.basis
        table.add_row(*map(Text, (m.id, m.kind, how, basis, ", ".join(m.sources))))
    parts.append(table)
    if p.risks:
        risks = Table(title="Risk events", title_justify="left", expand=True)
        risks.add_column("id", overflow="fold", ratio=3)
        for col in ("on", "odds", "adds"):
            risks.add_column(col, overflow="fold", ratio=2)
        risks.add_column("sources", overflow="fold", ratio=3)
        for r in p.risks:
            adds = str(r.adds.likely)
            if r.adds.low or r.adds.high:
                adds = f"{r.adds.low or r.adds.likely} to {r.adds.high or r.adds.likely}"
                adds += f" ({r.adds.likely} likely)"
            odds = f"{r.probability:.0%}" + (
                "\nlikelier than not: in the plan" if r.probability > LIKELIER_THAN_NOT else ""
            )
            if r.when is not None:
                odds += f"\nonly if {describe(r.when)}"
            risks.add_row(
                *map(Text, (f"{r.id}\n{r.name}", r.milestone, odds, adds, "\n".join(r.sources)))
            )
        parts.append(risks)
    sources = Table(title="Sources", title_justify="left")
    for col in ("id", "status", "what"):
        sources.add_column(col, overflow="fold")
    for s in p.sources.values():
        what = s.title + (f"\n{s.section}" if s.section else "") + (f"\n{s.url}" if s.url else "")
        if s.note:
            what += f"\nnote: {s.note.strip()}"
        sources.add_row(*map(Text, (s.id, s.status, what)))
    parts.append(sources)
    console().print(Group(*parts))


def _pathway_dict(p: Any) -> dict[str, Any]:
    from ..conditions import describe
    from ..engine import LIKELIER_THAN_NOT

    return {
        "id": p.id,
        "name": p.name,
        "jurisdiction": p.jurisdiction,
        "agency": p.agency,
        "baseline": p.baseline,
        "extends": p.extends,
        "checked_on": p.checked_on.isoformat(),
        "summary": p.summary,
        "file": p.file,
        "eligibility": [
            {"condition": describe(c), "reason": c.reason, "sources": c.sources}
            for c in p.eligibility
        ],
        "milestones": [
            {
                "id": m.id,
                "name": m.name,
                "kind": m.kind,
                "after": list(m.after),
                "before": m.before,
                "duration": m.duration.model_dump(mode="json") if m.duration else None,
                "when": describe(m.when) if m.when else None,
                "basis": m.basis,
                "sources": list(m.sources),
            }
            for m in p.milestones
        ],
        # Additive: the pathway's risk events; those likelier than not are in the plan.
        "risks": [
            {
                "id": r.id,
                "name": r.name,
                "milestone": r.milestone,
                "probability": r.probability,
                "in_plan": r.probability > LIKELIER_THAN_NOT,
                "adds": r.adds.model_dump(mode="json"),
                "when": describe(r.when) if r.when else None,
                "sources": list(r.sources),
            }
            for r in p.risks
        ],
        "sources": {sid: s.model_dump(mode="json", exclude={"id"}) for sid, s in p.sources.items()},
    }
