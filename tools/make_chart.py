"""Regenerate docs/timeline.png, the picture in the README (needs the chart extra).

python tools/make_chart.py
"""

from __future__ import annotations

import contextlib
import io
from datetime import date
from pathlib import Path

from cgt_timeline.cli.estimate import load
from cgt_timeline.render.chart import draw


def main() -> None:
    target = Path(__file__).resolve().parent.parent / "docs" / "timeline.png"
    with contextlib.redirect_stderr(io.StringIO()):
        _, report = load(None, [], [], [])
    # A fixed "today" keeps the picture the same from one run to the next.
    draw(
        report.estimates,
        target,
        title=f"Approval timelines: {report.profile.name}",
        today=date(2026, 11, 26),
    )
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
