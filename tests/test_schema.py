"""JSON Schemas: generated from the models, shipped as files, and true to real data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cgt_timeline.cli import app
from cgt_timeline.cli.schema import schema_text
from cgt_timeline.resources import builtin_rules_dir

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def schema(which: str) -> dict:
    result = runner.invoke(app, ["schema", which])
    assert result.exit_code == 0
    return json.loads(result.stdout)


def as_json(data: object) -> object:
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("which", ["rules", "profile", "output", "batch", "explain"])
def test_shipped_schema_files_match_the_models(which: str) -> None:
    shipped = ROOT / "schemas" / f"{which}.schema.json"
    if not shipped.is_file():
        pytest.skip("schemas/ not beside the tests")
    assert shipped.read_text(encoding="utf-8") == schema_text(which), (
        f"regenerate: cgt-timeline schema {which} > schemas/{which}.schema.json"
    )


def test_every_shipped_rule_file_validates_against_the_rules_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema("rules"))
    files = sorted(builtin_rules_dir().glob("*.yaml"))
    assert len(files) == 8
    for path in files:
        data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = list(validator.iter_errors(data))
        assert not errors, (path.name, [e.message for e in errors])


def test_the_rules_schema_catches_a_misspelt_field() -> None:
    validator = jsonschema.Draft202012Validator(schema("rules"))
    data = {
        "name": "x",
        "checked_on": "2026-11-26",
        "milestones": [{"id": "a", "durration": "5 days"}],
    }
    assert not validator.is_valid(data)


def test_profiles_validate_against_the_profile_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema("profile"))
    for name in ("car-t.yaml", "profile-template.yaml"):
        path = builtin_rules_dir().parent / "examples" / name
        data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert not list(validator.iter_errors(data)), name
    assert not validator.is_valid({"name": "x", "modality": "cells"})


@pytest.mark.parametrize(
    "args",
    [
        ["estimate", "-f", "json"],
        ["estimate", "-f", "json", "--set", "ema-prime.day-120-clock-stop=2months"],
        ["estimate", "-f", "json", "--set", "serious_condition=false"],
        ["estimate", "-f", "json", "--set", "submission=2025-01-06"],
    ],
)
def test_json_output_validates_against_the_output_schema(args: list[str]) -> None:
    validator = jsonschema.Draft202012Validator(schema("output"))
    data = json.loads(runner.invoke(app, args).stdout)
    errors = list(validator.iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_simulated_busy_month_output_validates() -> None:
    validator = jsonschema.Draft202012Validator(schema("output"))
    result = runner.invoke(
        app, ["estimate", "-f", "json", "--trials", "500", "--set", "submission=2026-03-20"]
    )
    data = json.loads(result.stdout)
    pmda = next(e for e in data["estimates"] if e["pathway"] == "pmda-standard")
    start = next(m for m in pmda["milestones"] if m["id"] == "review-clock-start")
    assert start["snapped"] == {"rule": "pmda-busy-month", "from": "2026-03-20", "calendar": "rule"}
    assert not list(validator.iter_errors(data))
    comparison = json.loads(runner.invoke(app, ["compare", "-f", "json"]).stdout)
    assert not list(validator.iter_errors(comparison))


def test_batch_json_and_json_lines_validate_against_the_batch_schema(tmp_path: Path) -> None:
    # The shipped 12-product portfolio plus a bad row: rows and errors both checked.
    portfolio = tmp_path / "p.csv"
    text = (ROOT / "examples" / "portfolio.csv").read_text(encoding="utf-8")
    portfolio.write_text(text.rstrip("\n") + "\nBroken,cells,,,,,,,,\n", encoding="utf-8")
    batch = schema("batch")
    validator = jsonschema.Draft202012Validator(batch)
    result = runner.invoke(app, ["estimate", str(portfolio), "-f", "json"])
    assert result.exit_code == 1  # the bad row
    document = json.loads(result.stdout)
    assert len(document["rows"]) == 12 * 8 and document["errors"]
    assert not [e.message for e in validator.iter_errors(document)]
    rows = runner.invoke(app, ["estimate", str(ROOT / "examples" / "portfolio.csv"), "-f", "jsonl"])
    row_validator = jsonschema.Draft202012Validator(
        {**batch["$defs"]["BatchRow"], "$defs": batch["$defs"]}
    )
    lines = rows.stdout.splitlines()
    assert len(lines) == 12 * 8
    for line in lines:
        assert not [e.message for e in row_validator.iter_errors(json.loads(line))]
    # The schema is strict: an unknown field in a row is caught.
    bad = dict(document["rows"][0], extra=1)
    assert not row_validator.is_valid(bad)


@pytest.mark.parametrize(
    ("pathway", "extra"),
    [
        ("ema-prime", ["--set", "ema-prime.day-120-clock-stop=2months"]),
        ("nmpa-breakthrough", []),
        ("pmda-conditional", []),
        ("fda-rmat", ["--set", "submission=2026-05-25"]),  # approval moved off a holiday
    ],
)
def test_explain_json_validates_against_the_explain_schema(pathway: str, extra: list[str]) -> None:
    # Real explain output: a --set duration, working-day calendars with holidays and
    # make-up days, EMA snaps with published/projected dates, risks with full sources.
    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    result = CliRunner().invoke(app, ["explain", "-p", pathway, "-f", "json", *extra])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema("explain"))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors
    broken = {**data, "milestones": [{**data["milestones"][0], "relation": "sideways"}]}
    assert not validator.is_valid(broken)
