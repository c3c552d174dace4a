"""``cgt-timeline backtest``: how far the estimates were from real approvals."""

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import console, handle_errors
from .options import RulesOption, SeedOption


class BacktestFormat(str, Enum):
    """Formats of backtest."""

    table = "table"
    json = "json"
    markdown = "markdown"


def _summary_rows(bt: Any, milestone: str) -> list[list[str]]:
    rows = []
    for r in bt.summary(milestone):
        if not r["n"]:
            rows.append([r["jurisdiction"], "0", "", "", "", "", "", ""])
            continue
        cov = r["p10_p90_coverage"]
        p50 = r["p50_median_abs_error_days"]
        rows.append(
            [
                r["jurisdiction"],
                str(r["n"]),
                f"{r['median_abs_error_days']:g}",
                f"{r['median_error_days']:+g}",
                f"{r['within_5_days']:.0%}",
                f"{r['within_30_days']:.0%}",
                "" if cov is None else f"{cov:.0%}",
                "" if p50 is None else f"{p50:g}",
            ]
        )
    return rows


HEAD = [
    "",
    "n",
    "median abs error (days)",
    "median error",
    "within 5 d",
    "within 30 d",
    "P10-P90 coverage",
    "P50 median abs error",
]


def _head(bt: Any) -> list[str]:
    """The summary columns: the P50 column only when a simulation ran."""
    simulated = any(s.p50 is not None for s in bt.scores)
    return HEAD if simulated else HEAD[:-1]


def _p50_error(s: Any) -> str:
    return "" if s.p50_error_days is None else f"{s.p50_error_days:+d}"


def markdown(bt: Any) -> str:
    """The backtest as Markdown: summaries per milestone, then every score."""
    out = []
    head = _head(bt)
    for milestone in ("approval", "goal_date", "opinion"):
        rows = _summary_rows(bt, milestone)
        if not any(r[1] != "0" for r in rows):
            continue
        out += [
            f"**{milestone.replace('_', ' ')}**",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        out += ["| " + " | ".join(r[: len(head)]) + " |" for r in rows if r[1] != "0"]
        out.append("")
    note = bt.windowed_note()
    if note:
        out += [note, ""]
    if bt.notes:
        out += [f"- {case}: {how}" for case, how in bt.notes] + [""]
    simulated = len(head) == len(HEAD)
    columns = ["case", "pathway", "milestone", "estimate", "actual", "error (days)"]
    columns += ["in P10-P90", "P50 error (days)"] if simulated else ["in P10-P90"]
    out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for s in bt.scores:
        cov = "" if s.covered is None else ("yes" if s.covered else "no")
        cells = [s.case, s.pathway, s.milestone, s.estimate_text, s.actual_text]
        cells += [f"{s.error_days:+d}", cov] + ([_p50_error(s)] if simulated else [])
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


@handle_errors
def backtest(
    cases: Annotated[
        Path,
        typer.Argument(
            help="Cases file (the calibration-cases.yaml format).", metavar="CASES.yaml"
        ),
    ],
    trials: Annotated[
        int,
        typer.Option(
            "--trials",
            min=0,
            max=200_000,
            metavar="N",
            help="Also simulate: P10-P90 coverage and the error of the P50 (Monte Carlo).",
        ),
    ] = 0,
    seed: SeedOption = 20261126,
    fmt: Annotated[BacktestFormat, typer.Option("--format", "-f")] = BacktestFormat.table,
    rules: RulesOption = None,
) -> None:
    """Estimate real review histories as known at submission and score the errors.

    For each case: the closest pathway's estimate from the best-known start (a date known
    to the day before one known to the month; then the start the agency counts from:
    EMA validation, NMPA acceptance, else the submission; FDA filing when that is all
    there is), the signed error of the goal date, opinion and
    approval (estimate minus actual, in days), and with --trials whether the actual date
    fell between P10 and P90 and the error of the simulated P50. The estimate is the plan
    (every uncertain step at its likely value, risk events likelier than not at their
    likely size, the others left out); the P50 weighs them all.
    A date known only to the month counts as the whole month (a start known to the month
    is estimated from its first and last day; the error is 0 where the estimates and the
    real month overlap), and an announced date counts the days before it. Then, per
    jurisdiction: n, median absolute error, share within 5 and 30 days, and with --trials
    P10-P90 coverage and the P50's median absolute error.

    Examples:

      cgt-timeline backtest tests/data/calibration-cases.yaml --trials 2000
    """
    from ..backtest import run
    from ..errors import InputError
    from ..loading import load_document
    from ..rulepack import load_rules

    doc = load_document(cases)
    if not isinstance(doc.data, list):
        raise InputError(
            [
                doc.problem(
                    (), "expected a list of cases", expected="the format of calibration-cases.yaml"
                )
            ]
        )
    bt = run(doc.data, load_rules(rules or []), trials=trials, seed=seed)
    if fmt is BacktestFormat.json:
        typer.echo(
            json.dumps(
                {
                    "cases": str(cases),
                    "trials": trials,
                    "seed": seed,
                    "summary": {m: bt.summary(m) for m in ("approval", "goal_date", "opinion")},
                    "scores": [
                        {
                            "case": s.case,
                            "jurisdiction": s.jurisdiction,
                            "pathway": s.pathway,
                            "milestone": s.milestone,
                            # The case's date the estimate started from (additive).
                            "started_from": s.started_from,
                            "estimate": s.estimate.isoformat(),
                            "estimate_latest": (
                                s.estimate_latest.isoformat() if s.estimate_latest else None
                            ),
                            "actual": s.actual.isoformat(),
                            "actual_earliest": (
                                s.actual_earliest.isoformat() if s.actual_earliest else None
                            ),
                            "actual_precision": s.actual_precision,
                            "error_days": s.error_days,
                            "p10": s.p10.isoformat() if s.p10 else None,
                            "p90": s.p90.isoformat() if s.p90 else None,
                            "covered": s.covered,
                            "p50": s.p50.isoformat() if s.p50 else None,
                            "p50_latest": s.p50_latest.isoformat() if s.p50_latest else None,
                            "p50_error_days": s.p50_error_days,
                        }
                        for s in bt.scores
                    ],
                    "skipped": [{"what": w, "why": y} for w, y in bt.skipped],
                    "notes": [{"case": c, "note": n} for c, n in bt.notes],
                },
                indent=2,
            )
        )
        _fail_if_nothing_scored(bt, cases)
        return
    if fmt is BacktestFormat.markdown:
        typer.echo(markdown(bt), nl=False)
        _fail_if_nothing_scored(bt, cases)
        return
    from rich.table import Table
    from rich.text import Text

    out = console()
    for milestone in ("approval", "goal_date", "opinion"):
        rows = [r for r in _summary_rows(bt, milestone) if r[1] != "0"]
        if not rows:
            continue
        t = Table(
            title=Text(f"Backtest: {milestone.replace('_', ' ')} ({cases.name})"),
            title_justify="left",
        )
        head = _head(bt)
        for h in head:
            t.add_column(h, justify="right" if h else "left")
        for r in rows:
            t.add_row(*(Text(c) for c in r[: len(head)]))
        out.print(t)
    detail = Table(title="Every scored date", title_justify="left")
    simulated = any(s.p50 is not None for s in bt.scores)
    heads = ("case", "milestone", "estimate", "actual", "error", "in P10-P90", "P50 error")
    for h in heads if simulated else heads[:-1]:
        # Case ids and milestones are names to look up: never cut them short; a date
        # range folds onto a second line rather than losing its end.
        detail.add_column(h, no_wrap=h in ("case", "milestone"), overflow="fold")
    for s in bt.scores:
        cov = "" if s.covered is None else ("yes" if s.covered else "no")
        detail.add_row(
            Text(s.case),
            Text(s.milestone),
            Text(s.estimate_text.replace("..", " .. ")),  # wraps between the dates
            Text(s.actual_text.replace("..", " .. ")),
            Text(f"{s.error_days:+d} d"),
            Text(cov),
            *([Text(_p50_error(s) and f"{_p50_error(s)} d")] if simulated else []),
        )
    out.print(detail)
    note = bt.windowed_note()
    if note:
        out.print(Text(note))
    for case, how in bt.notes:
        out.print(Text(f"note: {case}: {how}"))
    for what, why in bt.skipped:
        out.print(Text(f"not scored: {what}: {why}", style="dim"))
    _fail_if_nothing_scored(bt, cases)


def _fail_if_nothing_scored(bt: Any, cases: Path) -> None:
    if not bt.scores:
        typer.echo(
            f"error: {cases}: no case could be scored (the reasons are listed above)", err=True
        )
        raise typer.Exit(1)
