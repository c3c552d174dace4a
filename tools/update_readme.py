"""Regenerate the worked example in README.md from the real output.

    python tools/update_readme.py

tests/test_readme.py fails when the README and the output drift apart.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from cgt_timeline.cli.estimate import load
from cgt_timeline.render.table import to_text

COMMAND = "$ cgt-timeline estimate -p fda-rmat -p ema-prime\n"


def backtest_markdown() -> str:
    """The backtest table of the README (calibration cases, 2,000 trials, default seed)."""
    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    cases = Path(__file__).resolve().parent.parent / "tests" / "data" / "calibration-cases.yaml"
    result = CliRunner().invoke(app, ["backtest", str(cases), "--trials", "2000", "-f", "markdown"])
    return result.stdout


def main() -> None:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    with contextlib.redirect_stderr(io.StringIO()):
        _, report = load(None, [], [], ["fda-rmat", "ema-prime"])
    output = to_text(report, width=100).rstrip() + "\n"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(COMMAND, 1)
    note, rest = rest.split("\n", 1)
    _, tail = rest.split("```", 1)
    text = head + COMMAND + note + "\n" + output + "```" + tail
    start, end = "<!-- backtest:start -->\n", "<!-- backtest:end -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    text = before + start + backtest_markdown() + end + after
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
