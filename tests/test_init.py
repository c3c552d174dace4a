"""``init``: an annotated profile that validates; never clobbers."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from cgt_timeline.cli import app
from cgt_timeline.model import Profile

runner = CliRunner()


def test_init_writes_a_profile_that_validates_and_estimates(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    assert runner.invoke(app, ["estimate", str(target), "-f", "json"]).exit_code == 0


def test_every_profile_field_is_explained_in_a_comment() -> None:
    text = runner.invoke(app, ["init"]).stdout
    lines = text.splitlines()
    for field in Profile.model_fields:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
        assert lines[index - 1].startswith("#"), field
    assert set(yaml.safe_load(text)) == set(Profile.model_fields)


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious")
    refused = runner.invoke(app, ["init", str(target)])
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text() == "precious"
    assert runner.invoke(app, ["init", str(target), "--force"]).exit_code == 0
    assert target.read_text().startswith("# cgt-timeline product profile")
