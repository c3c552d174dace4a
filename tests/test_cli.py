"""The command line: exit codes, stdout purity, the JSON contract, safe output files."""

from __future__ import annotations

import csv
import io
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cgt_timeline import __version__
from cgt_timeline.cli import app

from conftest import SPEC_PATHWAYS

runner = CliRunner()
ALL = list(SPEC_PATHWAYS)

PROFILE = """\
name: Test CAR-T
modality: cell
serious_condition: true
unmet_medical_need: true
orphan: false
preliminary_clinical_evidence: true
designations: [rmat]
submission: 2026-06-01
"""


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_estimate_with_no_profile_uses_the_example_and_says_so() -> None:
    result = invoke("estimate")
    assert result.exit_code == 0, result.output
    for pid in ALL:
        assert pid in result.stdout
    assert "built-in example" in result.stderr
    assert "built-in example" not in result.stdout


def test_json_follows_the_contract() -> None:
    result = invoke("estimate", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)  # nothing but JSON on stdout
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "cgt-timeline", "version": __version__}
    assert data["profile"]["source"] == "examples/car-t.yaml"
    assert [e["pathway"] for e in data["estimates"]] == ALL
    assert isinstance(data["warnings"], list)
    for e in data["estimates"]:
        assert {
            "pathway",
            "name",
            "jurisdiction",
            "eligible",
            "ineligible_reasons",
            "milestones",
            "approval",
            "baseline",
        } <= set(e)
        kinds = [m["kind"] for m in e["milestones"]]
        assert kinds.count("submission") == 1 and kinds.count("approval") == 1
        assert e["approval"] == next(m["date"] for m in e["milestones"] if m["kind"] == "approval")
        for m in e["milestones"]:
            assert {"id", "name", "kind", "date", "after", "duration", "sources"} <= set(m)
    rmat = data["estimates"][0]
    assert rmat["baseline"] == {
        "pathway": "fda-standard",
        "approval": "2027-05-28",  # goal 31 May 2027 is Memorial Day (test_fda)
        "days_saved": 119,
    }
    filing = next(m for m in rmat["milestones"] if m["id"] == "bla-filing")
    assert filing == {
        **filing,
        "name": "BLA filed (day 60)",
        "kind": "filing",
        "date": "2026-07-31",
        "after": ["bla-submission"],
        "duration": "60 calendar days",
        "sources": ["pdufa-goals"],
    }


@pytest.mark.parametrize("fmt", ["yaml", "csv", "markdown", "table"])
def test_every_format_renders_the_same_dates(fmt: str) -> None:
    result = invoke("estimate", "-p", "fda-rmat", "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "yaml":
        # Goal Sun 31 Jan 2027 -> approval Fri 29 Jan (test_fda).
        assert yaml.safe_load(out)["estimates"][0]["approval"] == "2027-01-29"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["pathway"] for r in rows} == {"fda-rmat"}
        assert {r["date"] for r in rows if r["kind"] == "approval"} == {"2027-01-29"}
    else:
        assert "2027-01-29" in out and "119 days earlier than fda-standard" in out


def test_table_fits_100_columns() -> None:
    from cgt_timeline.cli.estimate import load
    from cgt_timeline.render.table import to_text

    _, report = load(None, [], [], [])
    text = to_text(report, width=100)
    assert max(len(line) for line in text.splitlines()) <= 100


def test_profile_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE)
    from_file = invoke("estimate", str(path), "-p", "fda-rmat", "-f", "json")
    from_stdin = invoke("estimate", "-", "-p", "fda-rmat", "-f", "json", input=PROFILE)
    assert from_file.exit_code == from_stdin.exit_code == 0
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    assert a["estimates"] == b["estimates"]
    assert b["profile"]["source"] == "-"
    ids = [m["id"] for m in a["estimates"][0]["milestones"]]
    assert "rmat-request" in ids


def test_json_profiles_work_too(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    data = yaml.safe_load(PROFILE)
    data["submission"] = "2026-06-01"
    path.write_text(json.dumps(data, indent="\t"))  # tab-indented JSON is fine
    result = invoke("estimate", str(path), "-p", "fda-standard", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["estimates"][0]["approval"] == "2027-05-28"


def test_set_changes_one_date_and_only_those_after_it() -> None:
    base = json.loads(invoke("estimate", "-p", "ema-prime", "-f", "json").stdout)
    moved = json.loads(
        invoke(
            "estimate",
            "-p",
            "ema-prime",
            "-f",
            "json",
            "--set",
            "ema-prime.day-120-clock-stop=2months",
        ).stdout
    )
    old = {m["id"]: m for m in base["estimates"][0]["milestones"]}
    new = {m["id"]: m for m in moved["estimates"][0]["milestones"]}
    assert new["day-120-clock-stop"]["date"] == "2027-03-24"
    assert new["day-120-clock-stop"]["assumption"] == {
        "value": "2 months",
        "from": "--set",
        "default": "1 month",
    }
    changed = {k for k in old if old[k]["date"] != new[k]["date"]}
    # The CAT draft opinion is counted back from the CHMP opinion, so it moves with it.
    assert changed == {"day-120-clock-stop", "cat-draft-opinion", "chmp-opinion", "ec-decision"}


def test_set_a_profile_field() -> None:
    result = invoke(
        "estimate", "-p", "fda-standard", "-f", "json", "--set", "submission=2026-07-02"
    )
    assert json.loads(result.stdout)["estimates"][0]["approval"] == "2027-06-30"


def test_profile_assumptions_override_rule_defaults(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE + "assumptions:\n  ema-standard.day-120-clock-stop: 6 months\n")
    data = json.loads(invoke("estimate", str(path), "-p", "ema-standard", "-f", "json").stdout)
    stop = next(m for m in data["estimates"][0]["milestones"] if m["id"] == "day-120-clock-stop")
    assert stop["duration"] == "6 months" and stop["assumption"]["from"] == "profile"


def test_output_file_is_written_and_never_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    assert invoke("estimate", "-f", "json", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["schema_version"] == 1
    target.write_text("precious")
    refused = invoke("estimate", "-f", "json", "-o", str(target))
    assert refused.exit_code == 1
    assert "exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text() == "precious"
    assert invoke("estimate", "-f", "json", "-o", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())["schema_version"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]  # no temp files left


def test_output_into_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    result = invoke("estimate", "-o", str(tmp_path / "nope" / "t.json"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


BAD_PROFILES = [
    # (case, text, expected "file:line", phrase)
    ("bad-yaml", "name: [x\n", ":2", "not valid YAML"),
    (
        "unknown-field",
        PROFILE.replace("submission:", "submision:"),
        ":8:1",
        'unknown field "submision" (did you mean "submission"?)',
    ),
    ("wrong-type", PROFILE.replace("orphan: false", "orphan: maybe"), ":5:9", "not true or false"),
    ("yes-no", PROFILE.replace("orphan: false", "orphan: no"), ":5:9", "write true or false"),
    ("bad-date", PROFILE.replace("2026-06-01", "2026-02-30"), ":8:13", "not a valid date"),
    (
        "unknown-designation",
        PROFILE.replace("[rmat]", "[rmta]"),
        ":7:16",
        'unknown designation "rmta" (did you mean "rmat"?)',
    ),
    (
        "unknown-modality",
        PROFILE.replace("modality: cell", "modality: cells"),
        ":2:11",
        'did you mean "cell"',
    ),
    (
        "no-submission",
        PROFILE.replace("submission: 2026-06-01\n", ""),
        ":1:1",
        "no submission date",
    ),
    (
        "bad-assumption",
        PROFILE + "assumptions:\n  ema-prime.day-120-clockstop: 2 months\n",
        ":10:3",
        'has no milestone "day-120-clockstop" (did you mean "day-120-clock-stop"?)',
    ),
    (
        "bad-assumption-pathway",
        PROFILE + "assumptions:\n  ema-prim.day-120-clock-stop: 2 months\n",
        ":10:3",
        'unknown pathway "ema-prim"',
    ),
    ("duplicate-key", PROFILE + "orphan: true\n", ":9:1", 'duplicate key "orphan"'),
    ("a-list", "- name: x\n", ":1:1", "expected a mapping"),
    ("empty", "", ":1:1", "file is empty"),
    ("alias-bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", ":2:8", "aliases"),
    ("nested", "name: " + "[" * 60 + "]" * 60 + "\n", ":1", "nested deeper"),
    ("python-tag", "name: !!python/object:os.system x\n", ":1:7", "tag"),
]


@pytest.mark.parametrize(
    ("case", "text", "where", "phrase"), BAD_PROFILES, ids=[c[0] for c in BAD_PROFILES]
)
def test_bad_profiles_exit_1_with_file_line_and_no_traceback(
    tmp_path: Path, case: str, text: str, where: str, phrase: str
) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    result = invoke("estimate", str(path))
    assert result.exit_code == 1, result.output
    assert f"profile.yaml{where}" in result.stderr, result.stderr
    assert phrase in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "code", "phrase"),
    [
        (
            ["estimate", "-p", "fda-rmta"],
            1,
            'unknown pathway "fda-rmta" (did you mean "fda-rmat"?)',
        ),
        (["estimate", "missing.yaml"], 1, "missing.yaml: error: file not found"),
        (["estimate", "--format", "xml"], 2, "xml"),
        (["estimate", "--set", "nonsense"], 1, "is not KEY=VALUE"),
        (["estimate", "--set", "ema-prime.day-120-clock-stop=2 dayz"], 1, 'unknown unit "dayz"'),
        (["estimate", "--set", "orphan=perhaps"], 1, "--set: error: orphan"),
        (["estimate", "--rules", "no-such-folder"], 1, "rule folder not found"),
        (["pathways", "show", "ema-prme"], 1, 'did you mean "ema-prime"'),
        (["frobnicate"], 2, "No such command"),
    ],
)
def test_bad_arguments(args: list[str], code: int, phrase: str) -> None:
    result = invoke(*args)
    assert result.exit_code == code, result.output
    assert phrase in result.output
    assert "Traceback" not in result.output


def test_binary_on_stdin_is_refused() -> None:
    result = invoke("estimate", "-", input=b"\x00\x01\x02binary")
    assert result.exit_code == 1
    assert "<stdin>:1: error: contains NUL bytes" in result.stderr


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(PROFILE.replace("Test CAR-T", "Tést").encode("latin-1"))
    result = invoke("estimate", str(path))
    assert result.exit_code == 1
    assert "latin1.yaml:1:8: error: byte 0xe9 is not valid UTF-8" in result.stderr


def test_a_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w") as handle:
        handle.write("name: x\nnotes: |\n")
        line = "  " + "x" * 98 + "\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))
    result = invoke("estimate", str(path))
    assert result.exit_code == 1
    assert "too large" in result.stderr


def test_pathways_list_and_show() -> None:
    listed = invoke("pathways")
    assert listed.exit_code == 0 and all(pid in listed.stdout for pid in ALL)
    as_json = json.loads(invoke("pathways", "list", "--format", "json").stdout)
    assert [p["id"] for p in as_json] == ALL
    shown = invoke("pathways", "show", "nmpa-breakthrough")
    assert shown.exit_code == 0
    assert "130 working days" in shown.stdout and "btd-procedure" in shown.stdout
    data = json.loads(invoke("pathways", "show", "fda-rmat", "-f", "json").stdout)
    assert data["baseline"] == "fda-standard"
    assert data["sources"]["pdufa-goals"]["url"].startswith("https://")
    # Risk events are shown with their odds; one over 50% is said to be in the plan.
    assert [(r["id"], r["probability"], r["in_plan"]) for r in data["risks"]] == [
        ("major-amendment", 0.25, False),
        ("goal-missed", 0.14, False),
    ]
    prime = json.loads(invoke("pathways", "show", "ema-prime", "-f", "json").stdout)
    assert [(r["id"], r["in_plan"], r["adds"]["high"]) for r in prime["risks"]] == [
        ("accelerated-assessment-reverts", True, "16 months")
    ]
    table = invoke("pathways", "show", "ema-prime").stdout
    assert "Risk events" in table and "75%" in table and "likelier than" in table
    # A range with a share on its likely value says so (FDA acting on the goal date).
    fda = json.loads(invoke("pathways", "show", "fda-standard", "-f", "json").stdout)
    approval = next(m for m in fda["milestones"] if m["id"] == "bla-approval")
    assert approval["duration"]["at_likely"] == 0.4
    table = invoke("pathways", "show", "fda-standard").stdout  # the cell wraps
    assert "pdufa-goal (range 0-75," in table and "40% at 0)" in table


def test_version_and_module_entry_point() -> None:
    assert invoke("--version").stdout.strip() == f"cgt-timeline {__version__}"
    proc = subprocess.run(
        [sys.executable, "-m", "cgt_timeline", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"cgt-timeline {__version__}"


def test_help_teaches_with_examples() -> None:
    result = invoke("estimate", "--help")
    assert result.exit_code == 0
    assert "--set" in result.stdout and "ema-prime.day-120-clock-stop" in result.stdout
    assert "Examples" in result.stdout


@pytest.mark.parametrize("command", ["backtest", "estimate", "check", "explain", "sensitivity"])
def test_help_paragraphs_wrap_at_the_terminal_width(command: str) -> None:
    # The docstrings are wrapped at 88 characters; in an 80-column terminal Typer kept
    # those breaks and wrapped again, leaving a short line after every long one. A
    # paragraph now flows: only its last line may be short, examples keep their lines.
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0
    body = result.stdout.split("╭")[0].splitlines()[3:]  # after "Usage:" and the summary
    prose = [line.strip() for line in body if line.strip() and not line.startswith("   ")]
    for line, following in itertools.pairwise(prose):
        if line.endswith(":") or following.startswith(("cgt-timeline",)):
            continue
        assert len(line) >= 50 or line.endswith((".", ")", ":")), (command, line, following)


def test_reflow_joins_prose_and_keeps_indented_examples() -> None:
    from cgt_timeline.cli import reflow

    doc = """First line.

        A paragraph
        broken in two.

        Examples:

          cgt-timeline estimate
          cgt-timeline estimate -p fda-rmat
        """
    assert reflow(doc) == (
        "First line.\n\nA paragraph broken in two.\n\nExamples:\n\n"
        "  cgt-timeline estimate\n  cgt-timeline estimate -p fda-rmat"
    )


def test_ineligible_pathways_are_shown_with_reasons_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("serious_condition: true", "serious_condition: false"))
    table = invoke("estimate", str(path))
    assert table.exit_code == 0
    assert "not eligible" in table.stdout
    assert "serious or life-threatening condition" in table.stdout
    data = json.loads(invoke("estimate", str(path), "-f", "json").stdout)
    rmat = next(e for e in data["estimates"] if e["pathway"] == "fda-rmat")
    assert rmat["eligible"] is False and rmat["approval"] is None and rmat["milestones"] == []
    assert any("serious" in r for r in rmat["ineligible_reasons"])
    assert len(data["estimates"]) == 8


def test_a_jurisdiction_without_a_submission_date_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("submission: 2026-06-01", "submissions:\n  US: 2026-06-01"))
    data = json.loads(invoke("estimate", str(path), "-f", "json").stdout)
    by_id = {e["pathway"]: e for e in data["estimates"]}
    assert by_id["fda-rmat"]["approval"] == "2027-01-29"
    assert by_id["ema-prime"]["approval"] is None and by_id["ema-prime"]["eligible"] is True
    assert any("no planned submission date for EU" in w for w in data["warnings"])
    csv_run = invoke("estimate", str(path), "-f", "csv")
    assert "warning: ema-prime: no planned submission date for EU" in csv_run.stderr
    assert "warning" not in csv_run.stdout


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_undated_pathways_say_why_in_human_formats(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("submission: 2026-06-01", "submissions:\n  US: 2026-06-01"))
    out = invoke("estimate", str(path), "-p", "pmda-standard", "-f", fmt).stdout
    assert "no planned submission date for JP" in out


def test_an_unexpected_crash_is_one_short_message_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cgt_timeline.engine
    from cgt_timeline.cli.common import State

    monkeypatch.setattr(State, "debug", False)  # restored after the --debug run below

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(cgt_timeline.engine, "estimate", boom)
    result = invoke("estimate")
    assert result.exit_code == 70
    assert "unexpected error: RuntimeError: something nobody expected" in result.stderr
    assert "This is a bug" in result.stderr and "--debug" in result.stderr
    assert "Traceback" not in result.output
    debug = invoke("--debug", "estimate")
    assert debug.exit_code == 70
    assert "Traceback" in debug.stderr and "something nobody expected" in debug.stderr


def test_csv_says_where_a_calendar_moved_a_date() -> None:
    from cgt_timeline.render.as_csv import COLUMNS

    # Built-in example, EU filing Tuesday 1 Sep 2026, accelerated assessment holding
    # (reversion odds set to 0): the EC decision is counted 59 days after the 25 Mar
    # 2027 opinion = Sunday 23 May 2027, moved to Monday 24 May by the weekday rule; the
    # procedure start is validation + 16 days = 17 Sep 2026, moved to the next
    # (projected) start date. Unmoved dates leave the three columns empty.
    out = invoke(
        "estimate",
        "-p",
        "ema-prime",
        "-f",
        "csv",
        "--set",
        "ema-prime.accelerated-assessment-reverts=0",
    ).stdout
    rows = {r["milestone_id"]: r for r in csv.DictReader(io.StringIO(out))}
    ec = rows["ec-decision"]
    assert (ec["date"], ec["moved_from"], ec["moved_by"], ec["calendar"]) == (
        "2027-05-24",
        "2027-05-23",
        "weekday-on-or-after",
        "rule",
    )
    start = rows["procedure-start"]
    assert (start["moved_from"], start["moved_by"], start["calendar"]) == (
        "2026-09-17",
        "ema-procedure-start",
        "projected",
    )
    assert rows["maa-submission"]["moved_from"] == rows["maa-submission"]["moved_by"] == ""
    header = out.splitlines()[0].split(",")
    # appended, not inserted
    assert header[-4:] == ["moved_from", "moved_by", "calendar", "includes_risks"]
    assert header[:17] == list(COLUMNS) and header[16] == "ineligible_reasons"
    assert {r["includes_risks"] for r in rows.values()} == {""}  # odds set to 0
    # With --trials the percentile columns keep their place (18-20), the new ones follow.
    # The plan counts the reversion (likelier than not) in the opinion's date.
    simulated = invoke("estimate", "-p", "ema-prime", "-f", "csv", "--trials", "50").stdout
    header = simulated.splitlines()[0].split(",")
    assert header[17:] == ["p10", "p50", "p90", "moved_from", "moved_by", "calendar"] + [
        "includes_risks"
    ]
    planned = {r["milestone_id"]: r for r in csv.DictReader(io.StringIO(simulated))}
    assert planned["chmp-opinion"]["includes_risks"] == "accelerated-assessment-reverts +4 months"
    assert planned["ec-decision"]["includes_risks"] == ""
