"""``cgt-timeline compare``: pathways side by side, days saved, scenarios, Gantt."""

import json
import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..simulation import DEFAULT_SEED
from .common import (
    console,
    err,
    handle_errors,
    simulate_with_status,
    today_or,
    write_output,
)
from .estimate import load_pack
from .options import (
    ApprovalByOption,
    ForceOption,
    OutputOption,
    PathwaysOption,
    PercentilesOption,
    RulesOption,
    SeedOption,
    SetOption,
    TodayOption,
    TrialsOption,
    parse_day,
    parse_percentiles,
)


class CompareFormat(str, Enum):
    """Formats of compare."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    mermaid = "mermaid"
    ics = "ics"


# Split "NAME:KEY=VALUE,KEY=VALUE" at the commas that start a new KEY=, so that a value
# may itself hold commas (designations=[rmat,prime]).
_NEXT_KEY = re.compile(r",(?=\s*[\w.-]+\s*=)")


def parse_scenario(text: str) -> tuple[str, list[str]]:
    """``late-eu:submissions.EU=2026-12-01,orphan=false`` -> (name, settings)."""
    from ..errors import InputError

    name, sep, rest = text.partition(":")
    if not sep or not name.strip() or "=" not in rest:
        raise InputError.single(
            "--scenario",
            f'"{text}" is not NAME:KEY=VALUE[,KEY=VALUE]',
            expected="e.g. --scenario late-eu:submissions.EU=2026-12-01",
        )
    return name.strip(), [part.strip() for part in _NEXT_KEY.split(rest) if part.strip()]


@handle_errors
def compare(
    profiles: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Product profile (YAML or JSON, '-' for standard input); several profiles "
            "are compared as scenarios. Without one, the built-in example.",
            show_default=False,
            metavar="PROFILE",
        ),
    ] = None,
    pathway: PathwaysOption = None,
    scenario: Annotated[
        Optional[list[str]],
        typer.Option(
            "--scenario",
            help="A what-if variant: NAME:KEY=VALUE[,KEY=VALUE] with --set keys, e.g. "
            "no-prime:designations=[rmat] or late-eu:submissions.EU=2026-12-01. Repeatable; "
            "compared with the profile as given.",
            show_default=False,
            metavar="NAME:KEY=VALUE",
        ),
    ] = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CompareFormat.table
    ),
    gantt: Annotated[bool, typer.Option("--gantt", help="Also draw a Gantt chart.")] = False,
    today: TodayOption = None,
    rules: RulesOption = None,
    settings: SetOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    trials: TrialsOption = 0,
    seed: SeedOption = DEFAULT_SEED,
    percentiles: PercentilesOption = "10,50,90",
    approval_by: ApprovalByOption = None,
) -> None:
    """Compare pathways side by side: milestone dates, time to approval, days saved.

    Pathways are columns, grouped by jurisdiction with each expedited pathway beside its
    baseline; rows are the milestone kinds. The earliest approval is marked. Scenarios
    (--scenario, or several profiles) compare what-if variants of a product.

    Examples:

      cgt-timeline compare

      cgt-timeline compare my-product.yaml --gantt

      cgt-timeline compare --scenario late-eu:submissions.EU=2026-12-01

      cgt-timeline compare --scenario no-orphan:orphan=false --scenario no-prime:designations=[rmat]

      cgt-timeline compare --format mermaid -o timeline.md
    """
    from ..engine import compare as run_compare
    from ..profiles import load_profile
    from ..render import compare as render

    if gantt and fmt is not CompareFormat.table:
        raise typer.BadParameter(
            "--gantt draws in the terminal: use it with --format table", param_hint="--gantt"
        )
    pack = load_pack(rules or [], pathway or [])
    ids = list(dict.fromkeys(pathway or [])) or None
    base = list(settings or [])
    inputs: list[Optional[str]] = list(profiles) if profiles else [None]
    variants: list[tuple[str, Optional[str], list[str]]] = [
        (Path(p).stem if p and p != "-" else "profile" if p else "example", p, base) for p in inputs
    ]
    for spec in scenario or []:
        name, extra = parse_scenario(spec)
        variants.append((name, inputs[0], base + extra))
    if len(variants) == 1 and profiles is None:
        err("note: no PROFILE given; comparing the built-in example profile.")
    if approval_by and not trials:
        raise typer.BadParameter(
            "--approval-by needs --trials (e.g. --trials 10000)", param_hint="--approval-by"
        )
    by = parse_day("--approval-by", approval_by)
    qs = parse_percentiles(percentiles)
    day = today_or(today)
    if output is not None and str(output) == "-":
        output = None
    named = []
    sims: dict[str, Any] = {}
    for name, source, variant_settings in variants:
        loaded = load_profile(source, pack, variant_settings)
        comparison = run_compare(
            pack,
            loaded.profile,
            ids,
            loaded.overrides,
            source=loaded.source,
            probabilities=loaded.probabilities,
        )
        named.append((name, comparison))
        if trials:
            sims[name] = simulate_with_status(
                comparison.report, trials, seed, qs, loaded.probabilities
            )
    text = _render(named, fmt, day, sims, by)
    if text is None and output is not None:  # the table, as plain 100-column text
        import io

        from rich.console import Console

        buffer = io.StringIO()
        plain = Console(file=buffer, width=100, no_color=True, force_terminal=False)
        if len(named) > 1:
            plain.print(render.scenario_table(named))
        else:
            plain.print(render.table(named[0][1], 100, sims.get(named[0][0]), by))
        text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    if output is not None:
        write_output(output, text or "", force=force, inputs=[p for p in inputs if p])
        err(f"wrote {output} ({fmt.value})")
        return
    if text is not None:
        typer.echo(text, nl=False)
        return
    out = console()
    if len(named) > 1:
        out.print(render.scenario_table(named))
    else:
        out.print(render.table(named[0][1], out.width, sims.get(named[0][0]), by))
    if gantt:
        from ..render.gantt import layout
        from ..render.gantt import render as draw

        for name, comparison in named:
            chart = layout(comparison.report.estimates, width=min(out.width, 140), today=day)
            title = comparison.report.profile.name + (f" ({name})" if len(named) > 1 else "")
            out.print(draw(chart, f"Approval timelines: {title}"))


def _render(
    named: list[tuple[str, Any]], fmt: CompareFormat, day: Any, sims: dict[str, Any], by: Any
) -> Optional[str]:
    from ..render import compare as render

    if fmt is CompareFormat.json:
        if sims:
            from ..simulation import annotate

            docs = [(name, annotate(c.to_dict(), sims[name], c.report, by)) for name, c in named]
        else:
            docs = [(name, c.to_dict()) for name, c in named]
        if len(named) == 1:
            return json.dumps(docs[0][1], indent=2, ensure_ascii=False) + "\n"
        from .. import __version__

        return (
            json.dumps(
                {
                    "schema_version": 1,
                    "tool": {"name": "cgt-timeline", "version": __version__},
                    "scenarios": [{"name": name, **doc} for name, doc in docs],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    if fmt is CompareFormat.csv:
        return render.csv_text([r for name, c in named for r in render.rows(c, name)])
    if fmt is CompareFormat.markdown:
        return "\n".join(render.markdown(c) for _, c in named)
    if fmt is CompareFormat.mermaid:
        from ..render.mermaid import render as mermaid

        return "\n".join(
            mermaid(
                c.report.estimates,
                f"Approval timelines: {c.report.profile.name}"
                + (f" ({name})" if len(named) > 1 else ""),
            )
            for name, c in named
        )
    if fmt is CompareFormat.ics:
        from ..render.ics import render as ics

        first = named[0][1].report
        return ics(first.estimates, first.profile.name, day)
    return None  # table: drawn on the console
