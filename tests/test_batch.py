"""Batch estimates: a portfolio CSV or JSONL, several files, a folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from cgt_timeline.cli import app

from conftest import SPEC_PATHWAYS

runner = CliRunner()
HEADER = (
    "name,modality,serious_condition,unmet_medical_need,preliminary_clinical_evidence,orphan,"
    "submission,submission_eu,designations\n"
)
GOOD_ROW = "Product {n},cell,true,true,true,no,2026-06-0{n},2026-09-01,rmat\n"


def portfolio(tmp_path: Path, bad_row: str | None = None) -> Path:
    rows = [GOOD_ROW.format(n=n) for n in (1, 2, 3)]
    if bad_row is not None:
        rows.insert(1, bad_row)
    path = tmp_path / "portfolio.csv"
    path.write_text(HEADER + "".join(rows))
    return path


def test_csv_portfolio_gives_one_row_per_product_and_pathway(tmp_path: Path) -> None:
    result = runner.invoke(app, ["estimate", str(portfolio(tmp_path)), "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 * 8
    first = next(r for r in rows if r["product"] == "Product 1" and r["pathway"] == "fda-rmat")
    # 1 Jun 2026 + 60 days + 6 months = 31 Jan 2027, a Sunday: approval Friday 29 Jan,
    # 119 days before the standard approval on Fri 28 May 2027 (see test_fda).
    assert first["approval"] == "2027-01-29" and first["row"] == "1"
    assert first["days_saved"] == "119"


def test_a_broken_row_is_reported_by_number_and_the_others_still_run(tmp_path: Path) -> None:
    bad = "Broken,cel,true,true,true,no,2026-02-30,,rmat\n"
    result = runner.invoke(app, ["estimate", str(portfolio(tmp_path, bad)), "-f", "jsonl"])
    assert result.exit_code == 1
    # The broken product is data row 2, on line 3 of the file (after the header).
    assert "portfolio.csv:3:2: error: row 2 modality" in result.stderr
    assert "portfolio.csv:3:7: error: row 2 submission" in result.stderr
    assert "1 of 4 products could not be estimated" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(x["product"], x["row"]) for x in lines} == {
        ("Product 1", 1),
        ("Product 2", 3),
        ("Product 3", 4),
    }
    assert len(lines) == 3 * 8


def test_json_batch_document_lists_rows_and_errors(tmp_path: Path) -> None:
    bad = "Broken,cell,maybe,true,true,no,2026-06-01,,\n"
    result = runner.invoke(
        app, ["estimate", str(portfolio(tmp_path, bad)), "-f", "json", "-p", "fda-rmat"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [r["row"] for r in data["rows"]] == [1, 3, 4]
    assert {r["pathway"] for r in data["rows"]} == {"fda-rmat"}
    # Product 1: 1 Jun 2026 + 60 days = 31 Jul (filing) + 6 months = 31 Jan 2027.
    assert data["rows"][0]["milestones"]["bla-filing"] == {
        "date": "2026-07-31",
        "kind": "filing",
        "basis": "statutory",
    }
    assert data["errors"][0]["line"] == 3 and "not true or false" in data["errors"][0]["message"]


def test_unknown_column_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,modalty\nX,cell\n")
    result = runner.invoke(app, ["estimate", str(path)])
    assert result.exit_code == 1
    assert 'p.csv:1:2: error: unknown column "modalty" (did you mean "modality"?)' in result.stderr


def test_jsonl_input_and_a_folder_of_profiles(tmp_path: Path) -> None:
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text(
        json.dumps({"name": "J1", "modality": "gene", "submission": "2026-06-01"})
        + "\n"
        + "{not json}\n"
        + json.dumps({"name": "J2", "modality": "gene", "submission": "2026-07-02"})
        + "\n"
    )
    result = runner.invoke(app, ["estimate", str(jsonl), "-f", "csv", "-p", "fda-standard"])
    assert result.exit_code == 1
    assert "p.jsonl:2:2: error: row 2: not valid JSON" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # J1: the standard approval of test_fda, 28 May 2027 (31 May is Memorial Day);
    # J2: 2 Jul 2026 + 60 days = 31 Aug; + 10 months = 30 Jun 2027 (a Wednesday).
    assert [(r["product"], r["approval"]) for r in rows] == [
        ("J1", "2027-05-28"),
        ("J2", "2027-06-30"),
    ]
    folder = tmp_path / "profiles"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"p{n}.yaml").write_text(f"name: F{n}\nmodality: cell\nsubmission: 2026-06-01\n")
    result = runner.invoke(app, ["estimate", str(folder), "-f", "jsonl", "-p", "pmda-standard"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["product"] for x in result.stdout.splitlines()] == ["F1", "F2"]


def test_batch_output_file_and_table(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = runner.invoke(
        app, ["estimate", str(portfolio(tmp_path)), "-f", "csv", "-o", str(target)]
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert len(target.read_text().splitlines()) == 1 + 3 * 8
    table = runner.invoke(app, ["estimate", str(portfolio(tmp_path)), "-p", "fda-rmat"])
    assert "Product 1 (portfolio.csv" in table.stdout and "2027-01-29" in table.stdout


def test_the_shipped_portfolio_estimates(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "portfolio.csv"
    if not example.is_file():
        return
    result = runner.invoke(app, ["estimate", str(example), "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len({r["product"] for r in rows}) == 12
    assert {r["pathway"] for r in rows} == set(SPEC_PATHWAYS)


def test_output_never_replaces_an_input(tmp_path: Path) -> None:
    source = portfolio(tmp_path)
    before = source.read_text()
    result = runner.invoke(
        app, ["estimate", str(source), "-f", "csv", "-o", str(source), "--force"]
    )
    assert result.exit_code == 1
    assert "is one of the inputs" in result.stderr
    assert source.read_text() == before


def test_long_runs_on_a_terminal_show_progress(monkeypatch) -> None:
    import io

    from cgt_timeline.cli import batch as cli_batch

    items = list(range(60))
    # Not a terminal: the items pass straight through, nothing is drawn.
    assert list(cli_batch.with_progress(items, "Estimating")) == items

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(cli_batch.sys, "stderr", screen)
    monkeypatch.setattr(
        cli_batch,
        "console",
        lambda stderr=False: __import__("rich.console").console.Console(
            file=screen, force_terminal=True, width=80
        ),
    )
    assert list(cli_batch.with_progress(items, "Estimating")) == items
    assert "Estimating" in screen.getvalue()


def test_set_applies_to_every_row(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "estimate",
            str(portfolio(tmp_path)),
            "-f",
            "csv",
            "-p",
            "fda-standard",
            "--set",
            "submission=2026-07-02",
        ],
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # Every product now submits on 2 Jul 2026: 31 Aug filing, 30 Jun 2027 goal.
    assert {r["approval"] for r in rows} == {"2027-06-30"} and len(rows) == 3


def test_portfolio_rows_say_which_risks_their_approval_counts(tmp_path: Path) -> None:
    # EU filing 1 Sep 2026: ema-prime's approval counts the reversion (75%), 20 Sep 2027
    # (test_ema); no other pathway counts a risk. The columns are appended (last); the
    # approval without it is the accelerated timetable's, 24 May 2027 (the Day 150
    # opinion on the 25 Mar 2027 plenary + 60 days, the Monday after), and a pathway
    # that counts none repeats its approval. A --set of the odds to 0 takes it out of
    # the row and the date.
    result = runner.invoke(app, ["estimate", str(portfolio(tmp_path)), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0].split(",")[-2:] == [
        "risks_in_plan",
        "approval_without_risks_in_plan",
    ]
    prime = [r for r in rows if r["pathway"] == "ema-prime"]
    assert {
        (r["approval"], r["risks_in_plan"], r["approval_without_risks_in_plan"]) for r in prime
    } == {("2027-09-20", "accelerated-assessment-reverts", "2027-05-24")}
    others = [r for r in rows if r["pathway"] != "ema-prime"]
    assert {r["risks_in_plan"] for r in others} == {""}
    assert all(r["approval_without_risks_in_plan"] == r["approval"] for r in others)
    held = runner.invoke(
        app,
        [
            "estimate",
            str(portfolio(tmp_path)),
            "-f",
            "jsonl",
            "-p",
            "ema-prime",
            "--set",
            "ema-prime.accelerated-assessment-reverts=0",
        ],
    )
    lines = [json.loads(x) for x in held.stdout.splitlines()]
    assert {
        (x["approval"], tuple(x["risks_in_plan"]), x["approval_without_risks_in_plan"])
        for x in lines
    } == {("2027-05-24", (), "2027-05-24")}
