"""Defects found by trying the tool as a demanding user would."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from cgt_timeline.cli import app

runner = CliRunner()
BASE = """\
name: Checked
modality: cell
serious_condition: true
unmet_medical_need: true
preliminary_clinical_evidence: true
submission: 2026-06-01
"""


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_misspelt_actual_milestones_are_refused_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "actuals:\n  US:\n    bla-filling: 2026-07-31\n")
    for command in (["estimate", path], ["validate", path]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        assert 'no US pathway has a milestone "bla-filling" (did you mean "bla-filing"?)' in (
            result.stderr
        )
        assert "p.yaml:9:5" in result.stderr


def test_contradicting_actuals_are_warned_about(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        BASE + "actuals:\n  US:\n    bla-submission: 2026-07-01\n"
        "    bla-filing: 2026-06-15\n    bla-approval: 2026-03-01\n",
    )
    data = json.loads(
        runner.invoke(app, ["estimate", path, "-p", "fda-standard", "-f", "json"]).stdout
    )
    warnings = " ".join(data["warnings"])
    assert "the recorded bla-filing (2026-06-15) is before 2026-07-01" in warnings
    assert "the recorded bla-approval (2026-03-01) is before the submission" in warnings


def test_negative_seeds_are_usage_errors() -> None:
    for command in (
        ["estimate", "--trials", "10", "--seed", "-5"],
        ["sensitivity", "-p", "fda-rmat", "--seed", "-1"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output


def test_one_product_formats_are_refused_for_batches(tmp_path: Path) -> None:
    a, b = write(tmp_path, BASE, "a.yaml"), write(tmp_path, BASE, "b.yaml")
    result = runner.invoke(app, ["estimate", a, b, "-f", "ics"])
    assert result.exit_code == 2 and "draws one product" in result.output
    assert runner.invoke(app, ["estimate", "-", "-"], input=BASE).exit_code == 2


def test_ics_uids_differ_for_names_in_other_scripts() -> None:
    from cgt_timeline.render.ics import uid

    assert uid("细胞疗法", "fda-rmat", "bla-filing") != uid("基因疗法", "fda-rmat", "bla-filing")
    assert uid("A-1", "p", "m") != uid("A 1", "p", "m")


def test_output_files_get_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    old = os.umask(0o022)
    try:
        assert runner.invoke(app, ["estimate", "-f", "json", "-o", str(target)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o600)
    assert (
        runner.invoke(app, ["estimate", "-f", "json", "-o", str(target), "--force"]).exit_code == 0
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # an existing file keeps its mode


def test_dash_output_is_standard_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["estimate", "-f", "json", "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["schema_version"] == 1
    assert not Path("-").exists()


def test_bad_today_is_refused_before_any_output() -> None:
    result = runner.invoke(app, ["estimate", "--today", "yesterday", "--gantt"])
    assert result.exit_code == 1 and result.stdout == ""


def test_validate_checks_portfolios_and_folders(tmp_path: Path) -> None:
    csv_path = write(
        tmp_path, "name,modality,submission\nA,cell,2026-06-01\nB,cel,2026-06-01\n", "p.csv"
    )
    result = runner.invoke(app, ["validate", csv_path])
    assert result.exit_code == 1 and "p.csv:3:2: error: row 2 modality" in result.stderr
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "one.yaml").write_text(BASE)
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0


def test_messages_name_the_real_culprit() -> None:
    unknown = runner.invoke(app, ["estimate", "--set", "submissions.XX=2026-01-01"])
    assert unknown.exit_code == 1 and unknown.stderr.startswith("--set: error:")
    bad_range = runner.invoke(
        app, ["estimate", "--set", "fda-rmat.pdufa-goal=3 months..1 month..6 months"]
    )
    assert bad_range.exit_code == 1
    assert "type=value_error" not in bad_range.stderr
    assert 'low "3 months" is longer than likely "1 month"' in bad_range.stderr


def test_datetimes_are_shown_as_dates(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("2026-06-01", "2026-06-01T10:00:00"))
    result = runner.invoke(app, ["estimate", path])
    assert result.exit_code == 1
    assert "2026-06-01T10:00:00 is not a valid date" in result.stderr
    assert "datetime.datetime" not in result.stderr


def test_nothing_to_draw_is_an_error(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("matplotlib")
    path = write(tmp_path, BASE.replace("submission: 2026-06-01", "submissions:\n  US: 2026-06-01"))
    result = runner.invoke(app, ["chart", path, "-p", "ema-prime", "-o", str(tmp_path / "c.png")])
    assert result.exit_code == 1 and "nothing to draw" in result.stderr
    assert not (tmp_path / "c.png").exists()
