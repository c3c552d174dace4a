"""``validate``: every problem in one run, exit 1 on errors, 0 on the shipped rules."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cgt_timeline.cli import app

from test_rules import GOOD

runner = CliRunner()


def test_shipped_rules_and_example_profile_are_valid() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "8 pathways; no errors" in result.stdout
    example = Path(__file__).resolve().parent.parent / "examples" / "car-t.yaml"
    if example.is_file():
        assert runner.invoke(app, ["validate", str(example)]).exit_code == 0


def _three_mistakes(folder: Path) -> None:
    (folder / "one.yaml").write_text(GOOD.replace("10 days", "10 dayz"))
    (folder / "two.yaml").write_text(
        GOOD.replace("    duration: 5 days\n", "    duraton: 5 days\n")
    )
    (folder / "three.yaml").write_text(GOOD.replace("after: review", "after: nowhere"))


def test_three_mistakes_in_a_rule_folder_are_all_reported(tmp_path: Path) -> None:
    _three_mistakes(tmp_path)
    result = runner.invoke(app, ["validate", "--rules", str(tmp_path)])
    assert result.exit_code == 1
    err = result.stderr
    assert "one.yaml:16:5: error:" in err and 'unknown unit "dayz"' in err
    assert (
        "two.yaml:22:5: error:" in err
        and 'unknown field "duraton" (did you mean "duration"?)' in err
    )
    assert "three.yaml:21:5: error:" in err and 'unknown milestone "nowhere"' in err
    assert "3 errors in 3 files" in err


def test_files_are_classified_and_reported_as_json(tmp_path: Path) -> None:
    _three_mistakes(tmp_path)
    profile = tmp_path / "p.yaml"
    profile.write_text("name: x\nmodality: cel\nsubmission: 2026-01-01\n")
    files = sorted(str(p) for p in tmp_path.iterdir())
    result = runner.invoke(app, ["validate", *files, "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["profiles"] == [str(profile)]
    found = {(Path(p["file"]).name, p["line"]) for p in data["problems"]}
    assert found == {("one.yaml", 16), ("two.yaml", 22), ("three.yaml", 21), ("p.yaml", 2)}


def test_github_annotations(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(GOOD.replace("10 days", "10 dayz"))
    result = runner.invoke(app, ["validate", "--rules", str(tmp_path), "--format", "github"])
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if x.startswith("::error"))
    assert line.startswith(f"::error file={tmp_path / 'x.yaml'},line=16,col=5::")


def test_an_unclassifiable_file_says_how_to_fix_it(tmp_path: Path) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text("colour: blue\n")
    result = runner.invoke(app, ["validate", str(odd)])
    assert result.exit_code == 1
    assert "cannot tell whether this is a rule file or a profile" in result.stderr
    assert "--as rules" in result.stderr
    forced = runner.invoke(app, ["validate", str(odd), "--as", "profile"])
    assert forced.exit_code == 1 and 'unknown field "colour"' in forced.stderr


def test_unused_sources_are_warnings_not_errors(tmp_path: Path) -> None:
    text = GOOD.replace(
        "sources:\n  - id: src\n", "sources:\n  - id: spare\n    title: Spare\n  - id: src\n"
    )
    (tmp_path / "t.yaml").write_text(text)
    result = runner.invoke(app, ["validate", str(tmp_path / "t.yaml")])
    assert result.exit_code == 0, result.output
    assert 'warning: source "spare" is listed but not cited' in result.stdout


def test_a_folder_is_checked_file_by_file_as_rules_or_profiles(tmp_path: Path) -> None:
    # A folder given as FILE (not --rules) once made every rule file a "profile" with
    # dozens of unknown fields; now each file is read for what it is.
    _three_mistakes(tmp_path)
    (tmp_path / "p.yaml").write_text("name: x\nmodality: cel\nsubmission: 2026-01-01\n")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["profiles"] == [str(tmp_path / "p.yaml")]
    found = {(Path(p["file"]).name, p["line"]) for p in data["problems"]}
    assert found == {("one.yaml", 16), ("two.yaml", 22), ("three.yaml", 21), ("p.yaml", 2)}


def test_the_shipped_rule_folder_given_by_name_is_checked_once() -> None:
    from cgt_timeline.resources import builtin_rules_dir

    result = runner.invoke(app, ["validate", str(builtin_rules_dir())])
    assert result.exit_code == 0, result.output
    assert "checked 8 file(s): 8 rule file(s), 0 profile(s); 8 pathways" in result.stdout


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "folder has no rule files or profiles" in result.stderr
