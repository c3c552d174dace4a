"""``cgt-timeline explain``: why each date of one pathway is what it is."""

import json
from enum import Enum
from typing import Annotated

import typer

from .common import console, handle_errors
from .estimate import load
from .options import ProfileArgument, RulesOption, SetOption


class ExplainFormat(str, Enum):
    """Formats of explain."""

    text = "text"
    json = "json"
    markdown = "markdown"


@handle_errors
def explain(
    profile: ProfileArgument = None,
    pathway: Annotated[
        list[str],
        typer.Option("-p", "--pathway", help="The pathway to explain (one).", metavar="PATHWAY"),
    ] = ...,  # type: ignore[assignment]
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExplainFormat.text
    ),
    rules: RulesOption = None,
    settings: SetOption = None,
) -> None:
    """Explain every date of one pathway: what it follows, the duration and who set it,
    the calendar (holidays skipped, make-up working days counted), and the sources.

    Examples:

      cgt-timeline explain -p nmpa-breakthrough

      cgt-timeline explain my-product.yaml -p ema-prime --set ema-prime.day-120-clock-stop=2months

      cgt-timeline explain -p fda-rmat --format markdown > why.md
    """
    from ..explanation import explain_dict
    from ..render import explain as render

    if len(pathway) != 1:
        raise typer.BadParameter(
            "explain takes one pathway; run it once per pathway", param_hint="--pathway"
        )
    _, report = load(profile, rules or [], settings or [], pathway)
    data = explain_dict(report.estimates[0], report.profile, report.source, report.ema)
    if fmt is ExplainFormat.json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif fmt is ExplainFormat.markdown:
        typer.echo(render.markdown(data), nl=False)
    else:
        from rich.text import Text

        out = console()
        for style, line in render.lines(data):
            out.print(Text(line, style=style))
