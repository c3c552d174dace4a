"""``cgt-timeline validate``: check rule files and profiles, every problem in one run."""

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import err, handle_errors
from .options import RulesOption


class ValidateFormat(str, Enum):
    """Formats of validate."""

    text = "text"
    json = "json"
    github = "github"


class Kind(str, Enum):
    """What the files are."""

    auto = "auto"
    rules = "rules"
    profile = "profile"


def _github(p: object) -> str:
    from ..errors import Problem

    assert isinstance(p, Problem)
    where = f"file={p.file}"
    if p.line is not None:
        where += f",line={p.line}"
        if p.column is not None:
            where += f",col={p.column}"
    text = (f"{p.path}: " if p.path else "") + p.message
    if p.expected:
        text += f" (expected: {p.expected})"
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{p.level} {where}::{text}"


@handle_errors
def validate(
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="Rule files and profiles to check. Default: the rules in use.",
            show_default=False,
            metavar="FILE...",
        ),
    ] = None,
    rules: RulesOption = None,
    kind: Annotated[Kind, typer.Option("--as", help="What the files are.")] = Kind.auto,
    fmt: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="Output format; github prints workflow annotations."),
    ] = ValidateFormat.text,
) -> None:
    """Check rule files and profiles without estimating anything.

    Reports every problem found, each as file:line:column with what was expected, and
    exits 1 if there is any error (warnings alone exit 0). With no FILE, checks the
    shipped rules and any --rules folders. Which files are rules and which are
    profiles is read from their fields, or given with --as.

    Examples:

      cgt-timeline validate

      cgt-timeline validate --rules my-rules/

      cgt-timeline validate my-rules/*.yaml my-product.yaml --format github
    """
    from ..validation import validate as run

    result = run(files or [], rule_dirs=rules or [], kind=None if kind is Kind.auto else kind.value)
    errors = result.errors
    if fmt is ValidateFormat.json:
        typer.echo(
            json.dumps(
                {
                    "valid": not errors,
                    "rule_files": result.rule_files,
                    "profiles": result.profiles,
                    "pathways": result.pathways,
                    "problems": [
                        {
                            "file": p.file,
                            "line": p.line,
                            "column": p.column,
                            "level": p.level,
                            "path": p.path,
                            "message": p.message,
                            "expected": p.expected,
                            "hint": p.hint,
                        }
                        for p in result.problems
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    elif fmt is ValidateFormat.github:
        for p in result.problems:
            typer.echo(_github(p))
    else:
        for p in result.problems:
            (err if p.level == "error" else typer.echo)(p.format())
        files_checked = len(result.rule_files) + len(result.profiles)
        summary = (
            f"checked {files_checked} file(s): {len(result.rule_files)} rule file(s), "
            f"{len(result.profiles)} profile(s)"
        )
        if errors:
            n = len(errors)
            nfiles = len({p.file for p in errors})
            err(
                f"{n} error{'s' if n != 1 else ''} in {nfiles} file{'s' if nfiles != 1 else ''} "
                f"({summary})."
            )
        else:
            typer.echo(f"ok: {summary}; {result.pathways} pathways; no errors.")
    if errors:
        raise typer.Exit(1)
