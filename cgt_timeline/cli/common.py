"""What every command shares: the error boundary, consoles, and safe output files."""

import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from .. import __version__
from ..errors import CgtError, InputError, OutputError

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """Global options set on the root command."""

    debug: bool = False


class Format(str, Enum):
    """Output formats of estimate."""

    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"
    markdown = "markdown"
    jsonl = "jsonl"
    mermaid = "mermaid"
    ics = "ics"


def err(message: str) -> None:
    """Write a message to standard error (plain text, never coloured markup)."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def handle_errors(func: F) -> F:
    """Turn cgt-timeline errors into messages and exit codes; no tracebacks for users."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CgtError as exc:
            if State.debug:
                traceback.print_exc()
            message = exc.format() if isinstance(exc, InputError) else str(exc)
            err(message)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise  # Typer's own exits and usage errors (exit code 2)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly, as if killed by SIGPIPE.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(141) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # the last line of defence: report, don't dump
            if State.debug:
                traceback.print_exc()
            else:
                err(
                    f"cgt-timeline {__version__}: unexpected error: {type(exc).__name__}: {exc}\n"
                    "This is a bug. Please report it on the project's issue tracker with the "
                    "output of the same command run with --debug."
                )
            raise typer.Exit(70) from None

    return wrapper  # type: ignore[return-value]


def console(*, stderr: bool = False) -> Any:
    """A Rich console: colour on a terminal unless NO_COLOR; 100 columns when not a terminal."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    return Console(
        file=stream,
        width=None if terminal else 100,
        no_color=bool(os.environ.get("NO_COLOR")) or not terminal,
        force_terminal=None if terminal else False,
        highlight=False,
    )


def write_output(
    path: Path, text: str, *, force: bool, inputs: "Sequence[str | Path]" = ()
) -> None:
    """Write text to a file atomically; refuse to replace an existing file unless forced,
    and never replace one of the command's own inputs."""
    target = Path(path)
    for item in inputs:
        if (
            str(item) != "-"
            and Path(item).exists()
            and target.exists()
            and (target.resolve() == Path(item).resolve())
        ):
            raise OutputError(f"{target}: is one of the inputs; write the output elsewhere")
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name for -o")
    if not parent.is_dir():
        raise OutputError(f"{target}: the folder {parent} does not exist")
    if target.exists() and not force:
        raise OutputError(f"{target}: file exists; use --force to overwrite it")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {parent} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        set_mode(Path(tmp), target)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write the file ({exc.strerror})") from None


def today_or(value: "str | None") -> "date":
    """The --today date, or the system date (the CLI's only use of the clock)."""
    from datetime import date

    from ..errors import InputError

    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError.single(
            "--today",
            f'"{value}" is not a valid date',
            expected="a real calendar date written YYYY-MM-DD",
        ) from None


def simulate_with_status(
    report: Any, trials: int, seed: int, percentiles: Any, probabilities: Any
) -> Any:
    """Run the simulation; a spinner on standard error for long runs on a terminal."""
    from ..simulation import simulate

    if trials < 200_000 or not sys.stderr.isatty():
        return simulate(report, trials, seed, percentiles, probabilities)
    with console(stderr=True).status(f"Simulating {trials:,} trials..."):
        return simulate(report, trials, seed, percentiles, probabilities)


def set_mode(tmp: Path, target: Path) -> None:
    """Give a temporary file the mode the target has, or a new file's (umask honoured):
    mkstemp creates files readable by their owner only."""
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
