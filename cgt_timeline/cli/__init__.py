"""The command line: a thin Typer layer over the library.

One module per command; every command goes through ``handle_errors`` so that a user
error is a message and an exit code, never a traceback.
"""

import gc
import inspect
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


def reflow(doc: str | None) -> str:
    """A docstring as help text: the lines of a paragraph joined, so that the terminal
    wraps them at its width (Typer keeps the docstring's own line breaks, which come out
    ragged in an 80-column terminal). Indented paragraphs (examples) keep their lines."""
    paragraphs = inspect.cleandoc(doc or "").split("\n\n")
    return "\n\n".join(
        p if all(line.startswith(" ") for line in p.splitlines()) else " ".join(p.split())
        for p in paragraphs
    )


for _name, _command in (
    ("estimate", estimate),
    ("compare", compare),
    ("explain", explain),
    ("check", check),
    ("chart", chart),
    ("sensitivity", sensitivity),
    ("backtest", backtest),
    ("validate", validate),
    ("schema", schema),
    ("init", init),
):
    app.command(_name, help=reflow(_command.__doc__))(_command)
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
