"""``cgt-timeline chart``: a Gantt picture for slides (needs the chart extra)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import err, handle_errors, set_mode, today_or
from .options import (
    ForceOption,
    PathwaysOption,
    ProfileArgument,
    RulesOption,
    SetOption,
    TodayOption,
)


@handle_errors
def chart(
    profile: ProfileArgument = None,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="FILE", help="The picture: .png, .svg or .pdf."),
    ] = ...,  # type: ignore[assignment]
    pathway: PathwaysOption = None,
    title: Annotated[
        Optional[str], typer.Option("--title", help="Title (default: the product's name).")
    ] = None,
    today: TodayOption = None,
    rules: RulesOption = None,
    settings: SetOption = None,
    force: ForceOption = False,
) -> None:
    """Draw the timelines as a Gantt picture fit for a slide: one bar per pathway, phases
    shaded, submission and approval dates marked, jurisdiction colours, today's date.

    Needs matplotlib: pip install 'cgt-timeline\\[chart]'.

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
        if not any(e.approval for e in report.estimates):
            raise OutputError(f"{output}: nothing to draw: no pathway has dates for this profile")
        draw(
            report.estimates,
            Path(tmp),
            title=title or f"Approval timelines: {report.profile.name}",
            today=today_or(today),
        )
        set_mode(Path(tmp), output)
        os.replace(tmp, output)
    except MissingMatplotlib:
        raise OutputError(
            "the chart needs matplotlib, which is not installed: pip install 'cgt-timeline[chart]'"
        ) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    err(f"wrote {output}")
