"""Deadline checks: exit 0 when met, 3 when missed, with the day count."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cgt_timeline.cli import app

runner = CliRunner()
PROFILE = """\
name: Checked product
modality: cell
serious_condition: true
unmet_medical_need: true
preliminary_clinical_evidence: true
submission: 2026-06-01
submissions:
  EU: 2026-09-01
"""


def write(tmp_path: Path) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE)
    return str(path)


def test_a_met_deadline_exits_0_with_the_margin(tmp_path: Path) -> None:
    # Best US pathway is fda-rmat, approval Fri 29 Jan 2027 (goal Sun 31 Jan): 152 days
    # before 30 Jun 2027 (2 + 28 + 31 + 30 + 31 + 30).
    result = runner.invoke(app, ["check", write(tmp_path), "--approval-by", "US=2027-06-30"])
    assert result.exit_code == 0, result.output
    # The profile lists no designations, so the line says fda-rmat assumes RMAT.
    assert result.stdout.strip() == (
        "US: met 2027-06-30 with 152 days to spare (fda-rmat approval 2027-01-29); "
        "assumes the rmat designation, which the profile does not list; "
        "--planned-only leaves such pathways out"
    )


def test_a_missed_deadline_exits_3_with_the_day_count(tmp_path: Path) -> None:
    # ema-prime approval 20 Sep 2027 (with the likelier reversion, see test_ema): 173
    # days after 31 Mar 2027 (30 + 31 + 30 + 31 + 31 + 20). Even without the reversion
    # (24 May 2027) it would be missed, so no "met if" is named.
    result = runner.invoke(
        app,
        [
            "check",
            write(tmp_path),
            "--approval-by",
            "US=2027-06-30",
            "--approval-by",
            "eu=2027-03-31",
        ],
    )
    assert result.exit_code == 3
    assert "EU: MISSED 2027-03-31 by 173 days (ema-prime approval 2027-09-20); assumes" in (
        result.stdout
    )
    assert "met if" not in result.stdout
    assert "1 deadline missed." in result.stderr


def test_one_pathway_with_p_or_as_key(tmp_path: Path) -> None:
    # fda-standard: Fri 28 May 2027 (goal on Memorial Day, 31 May), one day after 27 May.
    a = runner.invoke(
        app, ["check", write(tmp_path), "-p", "fda-standard", "--approval-by", "2027-05-27"]
    )
    b = runner.invoke(app, ["check", write(tmp_path), "--approval-by", "fda-standard=2027-05-27"])
    assert a.exit_code == b.exit_code == 3
    assert a.stdout == b.stdout
    assert "fda-standard: MISSED 2027-05-27 by 1 day" in a.stdout


def test_json_and_an_ineligible_pathway(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "check",
            write(tmp_path),
            "--set",
            "serious_condition=false",
            "--approval-by",
            "fda-rmat=2028-01-01",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["passed"] is False
    assert data["checks"][0]["met"] is False and data["checks"][0]["approval"] is None
    assert "serious or life-threatening" in data["checks"][0]["note"]


def test_bad_deadlines_are_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "check",
            write(tmp_path),
            "--approval-by",
            "UK=2027-01-01",
            "--approval-by",
            "US=2027-02-30",
        ],
    )
    assert result.exit_code == 1
    assert '"UK" is neither a jurisdiction nor a pathway' in result.stderr
    assert '"2027-02-30" is not a valid date' in result.stderr
    assert runner.invoke(app, ["check", write(tmp_path)]).exit_code == 1


def test_a_portfolio_with_a_broken_row_checks_the_rest_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "name,modality,submission\nA,cell,2026-06-01\nB,cel,2026-06-01\nC,gene,2026-07-02\n"
    )
    result = runner.invoke(app, ["check", str(path), "--approval-by", "US=2027-06-30"])
    assert result.exit_code == 1
    assert "p.csv:3:2: error: row 2 modality" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("A (p.csv row 1): US: met")
    # C: only fda-standard is eligible (no serious condition): 30 Jun 2027, met by 0 days.
    assert lines[1] == (
        "C (p.csv row 3): US: met 2027-06-30 with 0 days to spare "
        "(fda-standard approval 2027-06-30)"
    )


def test_a_pathway_whose_designation_is_not_planned_is_named_or_left_out() -> None:
    # The example without RMAT and PRIME among its designations: fda-rmat (29 Jan 2027)
    # still meets US=2027-03-01, with a note that it assumes RMAT; --planned-only counts
    # fda-standard instead (28 May 2027: missed by 88 days) and ema-standard for the EU
    # (15 Nov 2027: 46 days to spare).
    args = ["check", "--approval-by", "US=2027-03-01", "--approval-by", "EU=2027-12-31"]
    unplanned = ["--set", "designations=[orphan]"]
    loose = runner.invoke(app, [*args, *unplanned])
    assert loose.exit_code == 0, loose.output
    assert "(fda-rmat approval 2027-01-29); assumes the rmat designation" in loose.stdout
    assert "assumes the prime designation" in loose.stdout
    strict = runner.invoke(app, [*args, *unplanned, "--planned-only"])
    assert strict.exit_code == 3
    assert "US: MISSED 2027-03-01 by 88 days (fda-standard approval 2027-05-28)" in strict.stdout
    assert "EU: met 2027-12-31 with 46 days to spare (ema-standard approval 2027-11-15)" in (
        strict.stdout
    )
    # With the designations planned (the example as shipped), nothing is assumed.
    planned = runner.invoke(app, [*args, "--planned-only"])
    assert planned.exit_code == 0 and "assumes" not in planned.stdout
    assert "(fda-rmat approval 2027-01-29)" in planned.stdout


def test_planned_only_follows_the_rules_own_condition(tmp_path: Path) -> None:
    # A user's fda-rmat whose RMAT request applies with RMAT *or* breakthrough: a
    # profile listing only RMAT plans it (no note, no exclusion).
    from cgt_timeline.resources import builtin_rules_dir

    shipped = (builtin_rules_dir() / "fda-rmat.yaml").read_text(encoding="utf-8")
    assert "when: {field: designations, contains: rmat}" in shipped
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "fda-rmat.yaml").write_text(
        shipped.replace(
            "when: {field: designations, contains: rmat}",
            "when: {any: [{field: designations, contains: rmat}, "
            "{field: designations, contains: breakthrough}]}",
        ),
        encoding="utf-8",
    )
    args = ["check", "--rules", str(rules), "--approval-by", "US=2027-03-01"]
    only_rmat = runner.invoke(app, [*args, "--planned-only", "--set", "designations=[rmat]"])
    assert only_rmat.exit_code == 0, only_rmat.output
    assert "(fda-rmat approval 2027-01-29)" in only_rmat.stdout
    assert "assumes" not in only_rmat.stdout
    neither = runner.invoke(app, [*args, "--set", "designations=[orphan]"])
    assert "assumes the breakthrough or rmat designation" in neither.stdout


def test_a_met_deadline_an_even_risk_would_take_away_is_flagged_not_failed() -> None:
    # Built-in example: nmpa-breakthrough's plan approves on 30 Mar 2027, 16 days before
    # a 15 Apr 2027 deadline; its review-past-the-clock risk (50%, an even chance, so
    # left out of the plan) adds at least 2 months, past it. The check passes (the plan
    # meets it) and says so. FDA's 25% amendment is not flagged.
    result = runner.invoke(
        app, ["check", "--approval-by", "CN=2027-04-15", "--approval-by", "US=2027-03-01"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "CN: met 2027-04-15 with 16 days to spare (nmpa-breakthrough approval 2027-03-30); "
        "but at even odds or more: review-past-the-clock (50%) adds at least 2 months, "
        "which would miss it (the plan assumes not)"
    )
    assert lines[1] == "US: met 2027-03-01 with 31 days to spare (fda-rmat approval 2027-01-29)"


def test_a_missed_deadline_names_the_planned_risk_without_which_it_is_met() -> None:
    # ema-prime's plan counts the reversion (75%): approval 20 Sep 2027, 82 days after a
    # 30 Jun 2027 deadline (31 + 31 + 20). Without it the approval is 24 May 2027
    # (test_ema), in time: the check fails (exit 3) and says what it would take. A
    # 31 Mar 2027 deadline is missed either way.
    result = runner.invoke(app, ["check", "--approval-by", "EU=2027-06-30"])
    assert result.exit_code == 3
    assert result.stdout.splitlines()[0] == (
        "EU: MISSED 2027-06-30 by 82 days (ema-prime approval 2027-09-20); met if "
        "accelerated-assessment-reverts does not happen (25%): approval 2027-05-24 "
        "(the plan counts it as likelier than not)"
    )
    data = json.loads(
        runner.invoke(
            app,
            [
                "check",
                "--approval-by",
                "EU=2027-06-30",
                "--approval-by",
                "EU=2027-03-31",
                "--approval-by",
                "CN=2027-04-15",
                "-f",
                "json",
            ],
        ).stdout
    )
    assert [c["met_without"] for c in data["checks"]] == [
        ["accelerated-assessment-reverts"],
        [],
        [],
    ]
    assert [c["at_risk"] for c in data["checks"]] == [[], [], ["review-past-the-clock"]]
    assert data["passed"] is False
