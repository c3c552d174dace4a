"""The README stays true: its Quickstart, its commands and its options exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgt_timeline.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
pytestmark = pytest.mark.skipif(not README.is_file(), reason="README.md not beside the tests")


def test_quickstart_is_two_commands_install_and_run_then_test() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    assert len(lines) == 2
    assert "pip install ." in lines[0] and lines[0].endswith("cgt-timeline estimate")
    assert lines[1] == "pip install '.[test]' && pytest"
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci


def test_every_option_in_the_readme_table_exists() -> None:
    text = README.read_text(encoding="utf-8")
    runner = CliRunner()
    checked = 0
    for command, helps in (
        ("estimate", [["estimate"]]),
        ("pathways", [["pathways"], ["pathways", "list"], ["pathways", "show"]]),
        ("explain", [["explain"]]),
        ("validate", [["validate"]]),
        ("init", [["init"]]),
        ("check", [["check"]]),
        ("compare", [["compare"]]),
        ("chart", [["chart"]]),
        ("sensitivity", [["sensitivity"]]),
    ):
        help_text = "".join(runner.invoke(app, [*args, "--help"]).stdout for args in helps)
        row = next(
            line for line in text.splitlines() if line.startswith(f"| `cgt-timeline {command}")
        )
        usage = re.match(r"\| `(.+?)` \|", row)
        assert usage is not None
        for option in re.findall(r"--[a-z][a-z-]+", usage.group(1)):
            assert option in help_text, (command, option)
            checked += 1
    assert checked >= 12


def test_the_worked_example_is_real_output() -> None:
    from cgt_timeline.cli.estimate import load
    from cgt_timeline.render.table import to_text

    text = README.read_text(encoding="utf-8")
    block = text.split("$ cgt-timeline estimate -p fda-rmat -p ema-prime\n", 1)[1].split("```", 1)[
        0
    ]
    shown = block.split("\n", 1)[1]  # after the note on standard error
    _, report = load(None, [], [], ["fda-rmat", "ema-prime"])
    assert shown.rstrip() == to_text(report, width=100).rstrip()


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    help_text = CliRunner().invoke(app, ["--help"]).stdout
    for command in (
        "estimate",
        "compare",
        "check",
        "explain",
        "validate",
        "pathways",
        "schema",
        "init",
        "chart",
        "sensitivity",
    ):
        assert command in help_text
        assert f"| `cgt-timeline {command}" in text, command


def test_the_accuracy_table_is_the_backtest_output() -> None:
    text = README.read_text(encoding="utf-8")
    shown = text.split("<!-- backtest:start -->\n", 1)[1].split("<!-- backtest:end -->", 1)[0]
    cases = README.parent / "tests" / "data" / "calibration-cases.yaml"
    result = CliRunner().invoke(app, ["backtest", str(cases), "--trials", "2000", "-f", "markdown"])
    assert shown == result.stdout, "regenerate: python tools/update_readme.py"


def test_the_later_reviews_table_is_the_backtest_output() -> None:
    # The README shows the approval table of the later cases; their page carries the
    # whole output. Both from the same run as `cgt-timeline backtest ... --trials 2000`,
    # cut as tools/update_readme.py cuts it (its first section, checked here too).
    from conftest import load_tool

    tool = load_tool("update_readme")
    later = README.parent / "docs" / "evidence" / "later-cases.yaml"
    result = CliRunner().invoke(app, ["backtest", str(later), "--trials", "2000", "-f", "markdown"])
    assert result.exit_code == 0
    summary = tool.approval_summary(result.stdout)
    assert summary.startswith("**approval**") and "| PMDA | 11 |" in summary
    assert "**opinion**" not in summary and "| case |" not in summary
    text = README.read_text(encoding="utf-8")
    shown = text.split("<!-- later:start -->\n", 1)[1].split("<!-- later:end -->", 1)[0]
    assert shown == summary, "run tools/update_readme.py"
    page = later.with_suffix(".md").read_text(encoding="utf-8")
    full = page.split("<!-- later:start -->\n", 1)[1].split("<!-- later:end -->", 1)[0]
    assert full == result.stdout, "run tools/update_readme.py"
    with pytest.raises(ValueError, match="approval table"):
        tool.approval_summary("**opinion**\n\n| x |\n")
