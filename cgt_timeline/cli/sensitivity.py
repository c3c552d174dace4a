"""``cgt-timeline sensitivity``: which uncertain inputs move the P50 approval most."""

import json
from enum import Enum
from typing import Annotated

import typer

from .common import console, handle_errors
from .options import ProfileArgument, RulesOption, SeedOption, SetOption


class SensitivityFormat(str, Enum):
    """Formats of sensitivity."""

    table = "table"
    json = "json"


@handle_errors
def sensitivity(
    profile: ProfileArgument = None,
    pathway: Annotated[
        str, typer.Option("-p", "--pathway", help="The pathway to analyse.", metavar="PATHWAY")
    ] = ...,  # type: ignore[assignment]
    trials: Annotated[
        int,
        typer.Option(
            "--trials",
            min=100,
            max=1_000_000,
            metavar="N",
            help="Trials per run (each input is run at its low and its high).",
        ),
    ] = 5000,
    seed: SeedOption = 20261126,
    fmt: Annotated[SensitivityFormat, typer.Option("--format", "-f")] = SensitivityFormat.table,
    rules: RulesOption = None,
    settings: SetOption = None,
) -> None:
    """Rank the uncertain inputs of one pathway by how far they move the P50 approval.

    Each duration with a range is pinned to its low and then its high value, and each
    risk event to "does not happen" and "happens", while everything else is drawn as
    usual; the swing is the difference of the two P50 approval dates (a tornado chart).

    Examples:

      cgt-timeline sensitivity -p ema-standard

      cgt-timeline sensitivity my-product.yaml -p fda-rmat --format json
    """
    from ..simulation import sensitivity as run
    from .estimate import load_all

    _, loaded, report = load_all(profile, rules or [], settings or [], [pathway])
    estimate = report.estimates[0]
    p50, rows = run(estimate, trials, seed, loaded.probabilities.get(pathway), report.ema)
    if fmt is SensitivityFormat.json:
        typer.echo(
            json.dumps(
                {
                    "pathway": pathway,
                    "trials": trials,
                    "seed": seed,
                    "p50_approval": p50.isoformat() if p50 else None,
                    "inputs": [
                        {
                            "input": s.input,
                            "kind": s.kind,
                            "low": s.low,
                            "high": s.high,
                            "p50_low": s.p50_low.isoformat(),
                            "p50_high": s.p50_high.isoformat(),
                            "swing_days": s.swing_days,
                        }
                        for s in rows
                    ],
                },
                indent=2,
            )
        )
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    if p50 is None:
        reasons = "; ".join(estimate.ineligible_reasons) or "no submission date"
        out.print(Text(f"{pathway}: no dates to analyse ({reasons})."))
        return
    widest = max((abs(s.swing_days) for s in rows), default=0) or 1
    t = Table(
        title=Text(
            f"{pathway}: what moves the P50 approval ({p50.isoformat()}, {trials:,} trials per run)"
        ),
        title_justify="left",
    )
    t.add_column("Input", width=26)
    t.add_column("Low -> P50", width=20)
    t.add_column("High -> P50", width=22)
    t.add_column("Swing", width=7, justify="right")
    t.add_column("", width=12, no_wrap=True)
    for s in rows:
        bar = "█" * max(1, round(abs(s.swing_days) / widest * 10)) if s.swing_days else ""
        t.add_row(
            Text(f"{s.input} ({s.kind})"),
            Text(f"{s.low}\n{s.p50_low.isoformat()}"),
            Text(f"{s.high}\n{s.p50_high.isoformat()}"),
            Text(f"{s.swing_days} d"),
            Text(bar, "yellow"),
        )
    if not rows:
        t.add_row(
            Text("no uncertain inputs (no ranges, no risk events)"),
            Text(""),
            Text(""),
            Text(""),
            Text(""),
        )
    out.print(t)
