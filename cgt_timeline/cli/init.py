"""``cgt-timeline init``: an annotated example profile to start from."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import err, handle_errors, write_output
from .options import ForceOption


@handle_errors
def init(
    file: Annotated[
        Optional[Path],
        typer.Argument(
            help="Where to write the profile. Default: standard output.",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Write an annotated example profile, every field explained in a comment.

    Examples:

      cgt-timeline init my-product.yaml

      cgt-timeline init > my-product.yaml
    """
    from ..resources import profile_template_path

    text = profile_template_path().read_text(encoding="utf-8")
    if file is None:
        typer.echo(text, nl=False)
        return
    write_output(file, text, force=force)
    err(
        f"wrote {file}: edit it, then run `cgt-timeline validate {file}` and "
        f"`cgt-timeline estimate {file}`"
    )
