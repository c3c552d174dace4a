"""``cgt-timeline chart``: a Gantt picture for slides (needs the chart extra)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import TODAY_HELP, err, handle_errors, today_or
from .estimate import PATHWAY_HELP, PROFILE_HELP, RULES_HELP, SET_HELP


@handle_errors
def chart(
    profile: Annotated[
        Optional[str], typer.Argument(help=PROFILE_HELP, show_default=False, metavar="PROFILE")
    ] = None,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="FILE", help="The picture: .png, .svg or .pdf."),
    ] = ...,  # type: ignore[assignment]
    pathway: Annotated[
        Optional[list[str]],
        typer.Option("-p", "--pathway", help=PATHWAY_HELP, show_default=False, metavar="PATHWAY"),
    ] = None,
    title: Annotated[
        Optional[str], typer.Option("--title", help="Title (default: the product's name).")
    ] = None,
    today: Annotated[
        Optional[str], typer.Option("--today", help=TODAY_HELP, metavar="DATE", show_default=False)
    ] = None,
    rules: Annotated[
        Optional[list[Path]],
        typer.Option("--rules", help=RULES_HELP, show_default=False, metavar="DIR"),
    ] = None,
    settings: Annotated[
        Optional[list[str]],
        typer.Option("--set", help=SET_HELP, show_default=False, metavar="KEY=VALUE"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Draw the timelines as a Gantt picture fit for a slide: one bar per pathway, phases
    shaded, submission and approval dates marked, jurisdiction colours, today's date.

    Needs matplotlib: pip install 'cgt-timeline[chart]'.

    Examples:

      cgt-timeline chart -o timeline.png

      cgt-timeline chart my-product.yaml -p fda-rmat -p ema-prime -o timeline.svg
    """
    import os
    import tempfile

    from ..errors import InputError, OutputError
    from ..render.chart import FORMATS, MissingMatplotlib, draw
    from .estimate import load

    if output.suffix.lower() not in FORMATS:
        raise InputError.single(
            str(output),
            f'"{output.suffix or output.name}" is not a picture format',
            expected="a file name ending in .png, .svg or .pdf",
        )
    if output.exists() and not force:
        raise OutputError(f"{output}: file exists; use --force to overwrite it")
    if not output.parent.is_dir():
        raise OutputError(f"{output}: the folder {output.parent} does not exist")
    _, report = load(profile, rules or [], settings or [], pathway or [])
    fd, tmp = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=output.suffix, dir=output.parent)
    os.close(fd)
    try:
        draw(
            report.estimates,
            Path(tmp),
            title=title or f"Approval timelines: {report.profile.name}",
            today=today_or(today),
        )
        os.replace(tmp, output)
    except MissingMatplotlib:
        raise OutputError(
            "the chart needs matplotlib, which is not installed: pip install 'cgt-timeline[chart]'"
        ) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    err(f"wrote {output}")
