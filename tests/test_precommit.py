"""The pre-commit hooks run and fail with file:line on a bad rule file."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

HOOKS = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"
pytestmark = pytest.mark.skipif(not HOOKS.is_file(), reason="hooks file not beside the tests")


def run_hook(hook_id: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run a hook the way pre-commit does: entry + args + the matching files."""
    hook = next(h for h in yaml.safe_load(HOOKS.read_text()) if h["id"] == hook_id)
    chosen = [str(f) for f in files if re.search(hook["files"], str(f))]
    entry = shlex.split(hook["entry"])
    exe = shutil.which(entry[0])
    command = [exe] if exe else [sys.executable, "-m", "cgt_timeline"]
    return subprocess.run(
        [*command, *entry[1:], *hook.get("args", []), *chosen],
        capture_output=True,
        text=True,
        check=False,
    )


def test_rules_hook_fails_on_a_bad_rule_file(tmp_path: Path) -> None:
    from test_rules import GOOD

    bad = tmp_path / "mine.yaml"
    bad.write_text(GOOD.replace("10 days", "10 dayz"))
    result = run_hook("cgt-timeline-rules", [bad, tmp_path / "notes.txt"])
    assert result.returncode == 1
    assert f"{bad}:16:5: error:" in result.stderr and 'unknown unit "dayz"' in result.stderr


def test_hooks_pass_on_good_files(tmp_path: Path) -> None:
    from test_rules import GOOD

    good = tmp_path / "mine.yaml"
    good.write_text(GOOD)
    assert run_hook("cgt-timeline-rules", [good]).returncode == 0
    profile = tmp_path / "p.yaml"
    profile.write_text("name: x\nmodality: cell\nsubmission: 2026-06-01\n")
    assert run_hook("cgt-timeline-profiles", [profile]).returncode == 0
