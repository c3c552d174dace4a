"""The command line: a thin Typer layer over the library.

One module per command; every command goes through ``handle_errors`` so that a user
error is a message and an exit code, never a traceback.
"""

import gc
from typing import Annotated

import typer

from .. import __version__
from . import pathways
from .backtest import backtest
from .chart import chart
from .check import check
from .common import State
from .compare import compare
from .estimate import estimate
from .explain import explain
from .init import init
from .schema import schema
from .sensitivity import sensitivity
from .validate import validate

app = typer.Typer(
    name="cgt-timeline",
    help=(
        "Estimate when a cell or gene therapy can be approved under each regulatory "
        "pathway (FDA RMAT, EMA PRIME, NMPA breakthrough, PMDA conditional, and their "
        "standard baselines), with the reasoning and sources behind every date.\n\n"
        "Start with `cgt-timeline estimate` (runs on a built-in example profile)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cgt-timeline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """cgt-timeline: regulatory approval timelines for cell and gene therapies."""
    State.debug = debug


app.command("estimate")(estimate)
app.command("compare")(compare)
app.command("explain")(explain)
app.command("check")(check)
app.command("chart")(chart)
app.command("sensitivity")(sensitivity)
app.command("backtest")(backtest)
app.command("validate")(validate)
app.command("schema")(schema)
app.command("init")(init)
app.add_typer(pathways.app, name="pathways")


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="cgt-timeline")
    finally:
        # The process is about to end: move every object to the permanent generation so
        # that the collections at interpreter shutdown skip them (about 20 ms on exit;
        # atexit handlers and stream flushing still run as usual).
        gc.freeze()
