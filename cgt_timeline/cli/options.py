"""Options and arguments shared by several commands, declared once."""

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

PROFILE_HELP = (
    "Product profile, YAML or JSON; '-' reads standard input. "
    "Without one, the built-in example profile is used."
)
PROFILES_HELP = (
    PROFILE_HELP + " Several profiles, a folder, or a CSV or JSONL portfolio (one product "
    "per row) estimate every product: one row per product and pathway."
)
PATHWAY_HELP = "Pathway id to estimate (repeat for several). Default: every pathway."
RULES_HELP = (
    "Folder of extra rule files (repeatable); a file named like a shipped pathway replaces it."
)
SET_HELP = (
    "Override for this run: PATHWAY.MILESTONE=DURATION (e.g. "
    "ema-prime.day-120-clock-stop=2months) or a profile field (e.g. submission=2026-07-01, "
    "submissions.EU=2026-10-01, orphan=false). Repeatable."
)
TODAY_HELP = (
    "The date marked as today on Gantt charts and stamped in ICS files (default: the system date)."
)

ProfileArgument = Annotated[
    Optional[str], typer.Argument(help=PROFILE_HELP, show_default=False, metavar="PROFILE")
]
ProfilesArgument = Annotated[
    Optional[list[str]],
    typer.Argument(help=PROFILES_HELP, show_default=False, metavar="PROFILE"),
]
PathwaysOption = Annotated[
    Optional[list[str]],
    typer.Option("-p", "--pathway", help=PATHWAY_HELP, show_default=False, metavar="PATHWAY"),
]
RulesOption = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", help=RULES_HELP, show_default=False, metavar="DIR"),
]
SetOption = Annotated[
    Optional[list[str]],
    typer.Option("--set", help=SET_HELP, show_default=False, metavar="KEY=VALUE"),
]
TodayOption = Annotated[
    Optional[str], typer.Option("--today", help=TODAY_HELP, metavar="DATE", show_default=False)
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to this file (atomically) instead of standard output.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the output file if it exists.")
]

TrialsOption = Annotated[
    int,
    typer.Option(
        "--trials",
        min=0,
        max=1_000_000,
        metavar="N",
        help="Monte Carlo trials: adds P10/P50/P90 (see --percentiles) to every milestone. "
        "0 (default): deterministic only.",
    ),
]
SeedOption = Annotated[
    int,
    typer.Option("--seed", min=0, help="Random seed: the same seed gives the same percentiles."),
]
PercentilesOption = Annotated[
    str,
    typer.Option(
        "--percentiles", metavar="LIST", help="Percentiles to report, e.g. 10,50,90 or 20,50,80."
    ),
]
ApprovalByOption = Annotated[
    Optional[str],
    typer.Option(
        "--approval-by",
        metavar="DATE",
        show_default=False,
        help="With --trials: the probability of approval by this date, per pathway.",
    ),
]


def parse_percentiles(text: str) -> tuple[float, ...]:
    """``10,50,90`` -> (10.0, 50.0, 90.0): sorted, each between 0 and 100."""
    from ..errors import InputError

    try:
        values = tuple(sorted({float(p) for p in text.split(",") if p.strip()}))
    except ValueError:
        values = ()
    if not values or not all(0 < v < 100 for v in values):
        raise InputError.single(
            "--percentiles",
            f'"{text}" is not a list of percentiles',
            expected="numbers greater than 0 and less than 100, e.g. 10,50,90",
        )
    return values


def parse_day(option: str, text: Optional[str]) -> Optional[date]:
    """A YYYY-MM-DD option value, or None."""
    from ..errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.single(
            option,
            f'"{text}" is not a valid date',
            expected="a real calendar date written YYYY-MM-DD",
        ) from None
