"""Regenerate the worked example and the accuracy tables in README.md, and the full
backtest of the later cases in docs/evidence/later-cases.md, from the real output.

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


ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = ROOT / "tests" / "data" / "calibration-cases.yaml"
LATER = ROOT / "docs" / "evidence" / "later-cases.yaml"


def backtest_markdown(cases: Path = CALIBRATION) -> str:
    """The backtest in Markdown (2,000 trials, default seed): the README's table for
    the calibration cases, docs/evidence/later-cases.md for the later ones."""
    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    result = CliRunner().invoke(app, ["backtest", str(cases), "--trials", "2000", "-f", "markdown"])
    if result.exit_code != 0:
        raise SystemExit(f"backtest {cases} failed ({result.exit_code}):\n{result.output}")
    return result.stdout


def approval_summary(markdown: str) -> str:
    """The approval table alone, from a backtest's Markdown (its first section)."""
    if not markdown.startswith("**approval**\n"):
        raise ValueError("the backtest's Markdown no longer starts with its approval table")
    head, sep, _ = markdown.partition("\n\n**")
    if not sep:
        raise ValueError("no section after the approval table: the format changed")
    return head + "\n"


def _replace(text: str, name: str, content: str) -> str:
    start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return before + start + content + end + after


def main() -> None:
    readme = ROOT / "README.md"
    with contextlib.redirect_stderr(io.StringIO()):
        _, report = load(None, [], [], ["fda-rmat", "ema-prime"])
    output = to_text(report, width=100).rstrip() + "\n"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(COMMAND, 1)
    note, rest = rest.split("\n", 1)
    _, tail = rest.split("```", 1)
    text = head + COMMAND + note + "\n" + output + "```" + tail
    text = _replace(text, "backtest", backtest_markdown())
    later = backtest_markdown(LATER)
    text = _replace(text, "later", approval_summary(later))
    doc = LATER.with_suffix(".md")
    page = _replace(doc.read_text(encoding="utf-8"), "later", later)
    readme.write_text(text, encoding="utf-8")  # both built first: all or nothing
    doc.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
