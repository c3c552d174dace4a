"""``compare``: side by side, days saved that agree with the estimates, scenarios."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from cgt_timeline.cli import app
from cgt_timeline.cli.compare import parse_scenario
from cgt_timeline.engine import compare
from cgt_timeline.render.compare import chunks, table

runner = CliRunner()


def test_days_saved_agree_with_the_estimates() -> None:
    result = runner.invoke(app, ["compare", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    approvals = {e["pathway"]: e["approval"] for e in data["estimates"]}
    rows = {r["pathway"]: r for j in data["comparison"]["jurisdictions"] for r in j["pathways"]}
    for fast, slow in [
        ("fda-rmat", "fda-standard"),
        ("ema-prime", "ema-standard"),
        ("nmpa-breakthrough", "nmpa-standard"),
        ("pmda-conditional", "pmda-standard"),
    ]:
        expected = (date.fromisoformat(approvals[slow]) - date.fromisoformat(approvals[fast])).days
        assert rows[fast]["days_saved"] == expected, fast
    # Worked by hand elsewhere: 119 (FDA, test_fda) and 56 (EMA, with the reversion the
    # plan counts, test_ema).
    assert rows["fda-rmat"]["days_saved"] == 119 and rows["ema-prime"]["days_saved"] == 56
    assert data["comparison"]["earliest"] == {"pathway": "fda-rmat", "approval": "2027-01-29"}


def test_table_shows_every_pathway_the_days_saved_and_the_earliest() -> None:
    out = runner.invoke(app, ["compare"]).stdout
    assert max(len(line) for line in out.splitlines()) <= 100
    for head in ("rmat", "standard", "prime", "breakthrough", "conditional"):
        assert head in out
    assert "* earliest" in out
    assert "Days saved" in out and "119" in out and "56" in out
    assert "Earliest approval: fda-rmat on 2027-01-29" in out


def test_ineligible_pathways_are_shown_with_the_reason() -> None:
    out = runner.invoke(app, ["compare", "--set", "serious_condition=false"]).stdout
    assert "not eligible" in out
    assert "fda-rmat not eligible: RMAT requires a drug intended to treat a serious" in (
        out.replace("\n", " ").replace("  ", " ")
    )


def test_more_pathways_than_fit_are_split_by_jurisdiction(pack, profile) -> None:
    estimates = compare(pack, profile()).report.estimates
    parts = chunks(estimates, 100)
    assert [[e.pathway.jurisdiction for e in p] for p in parts] == [
        ["US", "US", "EU", "EU"],
        ["CN", "CN", "JP", "JP"],
    ]
    assert len(chunks(estimates, 60)) == 4
    from rich.console import Console

    console = Console(width=60, file=io.StringIO(), no_color=True)
    console.print(table(compare(pack, profile()), 60))
    assert max(len(x) for x in console.file.getvalue().splitlines()) <= 60


def test_scenarios_side_by_side() -> None:
    # EU submission 3 months later: 1 Dec 2026 instead of 1 Sep moves ema-prime from
    # 20 Sep 2027 (test_ema) by almost four months; FDA dates do not move.
    result = runner.invoke(
        app, ["compare", "-f", "csv", "--scenario", "late-eu:submissions.EU=2026-12-01"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by = {(r["scenario"], r["pathway"]): r for r in rows}
    assert by[("example", "fda-rmat")]["approval"] == by[("late-eu", "fda-rmat")]["approval"]
    assert by[("example", "ema-prime")]["approval"] == "2027-09-20"
    # 1 Dec 2026 + 16 = 17 Dec; no procedure starts over Christmas (the April 2027
    # plenary minus 119 days would be 24 Dec), so the next start is 21 Jan 2027 (the
    # 20 May plenary minus 119); Day 120 20 May; + 1 month 20 Jun; the restart slots for
    # a Day 150 on a plenary are 26 May (24 Jun - 29, 25 days off) and 23 Jun (22 Jul -
    # 29, 3 days off) -> 23 Jun, Day 150 22 Jul. The reversion the plan counts: + 4
    # months = 22 Nov 2027, on the nearest plenary: 11 Nov 2027 (projected from
    # Thursday 13 Nov 2025; 11 days off, the December one is later); + 59 = Sunday
    # 9 Jan 2028 -> Monday 10 Jan (the Commission decides on a weekday): 112 days after
    # 20 Sep 2027.
    assert by[("late-eu", "ema-prime")]["approval"] == "2028-01-10"
    table_out = runner.invoke(app, ["compare", "--scenario", "late-eu:submissions.EU=2026-12-01"])
    assert "+112 d" in table_out.stdout


def test_scenario_values_may_hold_commas() -> None:
    assert parse_scenario("no-prime:designations=[rmat,orphan],orphan=true") == (
        "no-prime",
        ["designations=[rmat,orphan]", "orphan=true"],
    )
    result = runner.invoke(app, ["compare", "--scenario", "bad"])
    assert result.exit_code == 1 and "is not NAME:KEY=VALUE" in result.stderr


def test_several_profiles_are_scenarios(tmp_path) -> None:
    for name, day in (("early", "2026-06-01"), ("late", "2026-09-01")):
        (tmp_path / f"{name}.yaml").write_text(f"name: {name}\nmodality: gene\nsubmission: {day}\n")
    result = runner.invoke(
        app,
        [
            "compare",
            str(tmp_path / "early.yaml"),
            str(tmp_path / "late.yaml"),
            "-p",
            "fda-standard",
            "-f",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    assert [s["name"] for s in data["scenarios"]] == ["early", "late"]


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_formats_are_wired(fmt: str) -> None:
    result = runner.invoke(app, ["compare", "-f", fmt])
    assert result.exit_code == 0 and "2027-01-29" in result.stdout


def test_gantt_only_with_the_table() -> None:
    result = runner.invoke(app, ["compare", "--gantt", "-f", "json"])
    assert result.exit_code == 2


def test_the_table_can_be_written_to_a_file(tmp_path) -> None:
    target = tmp_path / "compare.txt"
    result = runner.invoke(app, ["compare", "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "Pathways compared" in text and "119" in text and "* earliest" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_the_notes_name_the_risks_each_pathway_counts_or_leaves_out() -> None:
    # ema-prime counts the reversion (75%): without it 24 May 2027 (test_ema); fda-rmat
    # leaves out the major amendment (25%): with it the goal moves 3 months, 31 Jan ->
    # 30 Apr 2027 (a Friday: the approval on the goal date); and a missed goal (14%,
    # + 11 weeks from the 31 Jan goal: Sunday 18 Apr, the working day before 16 Apr).
    # PMDA pathways have none.
    out = " ".join(runner.invoke(app, ["compare"]).stdout.split())
    assert "Risk events (the dates count those likelier than not):" in out
    assert (
        "ema-prime counts accelerated-assessment-reverts (75%, +4 months; without it "
        "2027-05-24)." in out
    )
    assert (
        "fda-rmat leaves out major-amendment (25%; with it 2027-04-30), goal-missed (14%; "
        "with it 2027-04-16)." in out
    )
    assert "pmda-conditional counts" not in out and "pmda-conditional leaves" not in out
    md = runner.invoke(app, ["compare", "-f", "markdown"]).stdout
    assert "- ema-prime counts accelerated-assessment-reverts (75%" in md
