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


def main() -> None:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    with contextlib.redirect_stderr(io.StringIO()):
        _, report = load(None, [], [], ["fda-rmat", "ema-prime"])
    output = to_text(report, width=100).rstrip() + "\n"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(COMMAND, 1)
    note, rest = rest.split("\n", 1)
    _, tail = rest.split("```", 1)
    readme.write_text(head + COMMAND + note + "\n" + output + "```" + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
