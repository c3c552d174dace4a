"""``cgt-timeline estimate``: dated milestones for every pathway."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..simulation import DEFAULT_SEED
from .common import (
    Format,
    console,
    err,
    handle_errors,
    simulate_with_status,
    today_or,
    write_output,
)
from .options import (
    ApprovalByOption,
    ForceOption,
    OutputOption,
    PathwaysOption,
    PercentilesOption,
    ProfilesArgument,
    RulesOption,
    SeedOption,
    SetOption,
    TodayOption,
    TrialsOption,
    parse_day,
    parse_percentiles,
)

if TYPE_CHECKING:
    from ..engine import Report
    from ..profiles import LoadedProfile
    from ..rulepack import RulePack


def load_pack(rules: list[Path], pathways: list[str]) -> "RulePack":
    """The rule pack, with every unknown -p pathway reported."""
    from ..errors import InputError, Problem
    from ..rulepack import load_rules

    pack = load_rules(rules)
    unknown = [
        Problem("-p", pack.unknown(p), expected="one of: " + ", ".join(pack.ids))
        for p in pathways
        if p not in pack
    ]
    if unknown:
        raise InputError(unknown)
    return pack


def load(
    profile: Optional[str],
    rules: list[Path],
    settings: list[str],
    pathways: list[str],
) -> "tuple[RulePack, Report]":
    """Load rules and profile and run the engine (shared with other commands)."""
    pack, _, report = load_all(profile, rules, settings, pathways)
    return pack, report


def load_all(
    profile: Optional[str],
    rules: list[Path],
    settings: list[str],
    pathways: list[str],
) -> "tuple[RulePack, LoadedProfile, Report]":
    """Rules, the loaded profile (with its overrides) and the report."""
    from ..engine import estimate as run_estimate
    from ..profiles import load_profile

    pack = load_pack(rules, pathways)
    loaded = load_profile(profile, pack, settings)
    if profile is None:
        err(
            f'note: no PROFILE given; using the built-in example "{loaded.profile.name}" '
            f"({loaded.source}). Pass a profile file to estimate your own product."
        )
    ids = list(dict.fromkeys(pathways)) or None
    report = run_estimate(
        pack,
        loaded.profile,
        ids,
        loaded.overrides,
        source=loaded.source,
        probabilities=loaded.probabilities,
    )
    return pack, loaded, report


@handle_errors
def estimate(
    profiles: ProfilesArgument = None,
    pathway: PathwaysOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    rules: RulesOption = None,
    settings: SetOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    gantt: Annotated[
        bool,
        typer.Option("--gantt", help="Also draw a Gantt chart of the pathways (table format)."),
    ] = False,
    today: TodayOption = None,
    trials: TrialsOption = 0,
    seed: SeedOption = DEFAULT_SEED,
    percentiles: PercentilesOption = "10,50,90",
    approval_by: ApprovalByOption = None,
) -> None:
    """Estimate dated milestones and approval for each regulatory pathway.

    Every date says how it was counted (duration, from which milestone, on which
    calendar) and whether it is fixed by regulation or an estimate.

    Examples:

      cgt-timeline estimate

      cgt-timeline estimate my-product.yaml -p fda-rmat -p ema-prime

      cgt-timeline estimate my-product.yaml --format json -o timeline.json

      cgt-timeline estimate --set ema-prime.day-120-clock-stop=2months

      cgt-timeline estimate portfolio.csv --format csv -o estimates.csv
    """
    from ..batch import is_batch

    inputs = profiles or []
    if gantt and fmt is not Format.table:
        raise typer.BadParameter(
            "--gantt draws in the terminal: use it with --format table "
            "(--format mermaid exports a Gantt chart)",
            param_hint="--gantt",
        )
    if len([i for i in inputs if i == "-"]) > 1:
        raise typer.BadParameter("standard input ('-') can be read only once", param_hint="PROFILE")
    if output is not None and str(output) == "-":
        output = None  # "-o -": standard output
    if is_batch(inputs):
        if fmt in (Format.ics, Format.mermaid):
            raise typer.BadParameter(
                f"--format {fmt.value} draws one product; for several use csv, jsonl or json",
                param_hint="--format",
            )
        from .batch import run_batch

        run_batch(inputs, rules or [], settings or [], pathway or [], fmt, output, force)
        return
    from ..render import render_text

    if (trials or approval_by) and is_batch(inputs):
        raise typer.BadParameter(
            "--trials simulates one product; run it per profile", param_hint="--trials"
        )
    if approval_by and not trials:
        raise typer.BadParameter(
            "--approval-by needs --trials (e.g. --trials 10000)", param_hint="--approval-by"
        )
    by = parse_day("--approval-by", approval_by)
    qs = parse_percentiles(percentiles)
    day = today_or(today)
    _, loaded, report = load_all(
        inputs[0] if inputs else None, rules or [], settings or [], pathway or []
    )
    sim = None
    if trials:
        sim = simulate_with_status(report, trials, seed, qs, loaded.probabilities)
    if fmt is Format.jsonl:
        from ..render.batch import jsonl_lines

        text = "".join(line + "\n" for line in jsonl_lines(report, report.source, None))
    elif fmt is Format.mermaid:
        from ..render.mermaid import render as mermaid

        text = mermaid(report.estimates, f"Approval timelines: {report.profile.name}")
    elif fmt is Format.ics:
        from ..render.ics import render as ics

        text = ics(report.estimates, report.profile.name, day)
    elif fmt is Format.table and output is None:
        from ..render.table import build

        out = console()
        out.print(build(report, out.width, sim, by))
        if gantt:
            from ..render.gantt import layout, render

            chart = layout(report.estimates, width=min(out.width, 140), today=day)
            out.print(render(chart, f"Approval timelines: {report.profile.name}"))
        return
    else:
        text = render_text(report, fmt.value, sim, by)
    if output is not None:
        write_output(output, text, force=force, inputs=inputs)
        err(f"wrote {output} ({fmt.value})")
        return
    typer.echo(text, nl=False)
    if fmt is Format.csv:
        # CSV has no place for them; JSON, YAML and Markdown carry them in the output.
        for warning in report.warnings:
            err(f"warning: {warning}")
