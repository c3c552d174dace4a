"""Hostile and broken input: a clear message with file and line, the right exit code,
no traceback, quickly, and never a changed output file.

Each case writes its input, runs the command with ``-o OUT --force`` where OUT already
holds a file the user cares about, and checks that OUT is untouched after the refusal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgt_timeline.cli import app

from test_rules import GOOD

PROFILE = """\
name: Test
modality: cell
serious_condition: true
unmet_medical_need: true
preliminary_clinical_evidence: true
submission: 2026-06-01
"""


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def big_file(path: Path) -> None:
    with path.open("w") as handle:
        handle.write(PROFILE + "notes: |\n")
        line = "  " + "x" * 98 + "\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))


@dataclass
class Case:
    name: str
    args: list[str]  # "{p}" = the profile path, "{r}" = the rule folder
    code: int
    phrases: list[str]
    profile: str | bytes | Callable[[Path], None] | None = None
    rule: str | None = None
    stdin: bytes | None = None
    output: bool = True  # run with -o OUT --force and check OUT is unchanged
    extra: dict[str, str] = field(default_factory=dict)


CASES = [
    # Profiles
    Case("empty-file", ["estimate", "{p}"], 1, ["p.yaml:1:1: error: file is empty"], ""),
    Case("not-yaml", ["estimate", "{p}"], 1, ["p.yaml:2", "not valid YAML"], "name: [x\n"),
    Case("tabs", ["estimate", "{p}"], 1, ["p.yaml:2", "tab"], "name: x\n\tmodality: cell\n"),
    Case(
        "list-not-mapping",
        ["estimate", "{p}"],
        1,
        ["p.yaml:1:1", "expected a mapping"],
        "- name: x\n",
    ),
    Case(
        "unknown-field",
        ["estimate", "{p}"],
        1,
        ["p.yaml:7:1", 'unknown field "orphn" (did you mean "orphan"?)'],
        PROFILE + "orphn: true\n",
    ),
    Case(
        "wrong-type",
        ["estimate", "{p}"],
        1,
        ["p.yaml:3:20", "is not true or false"],
        PROFILE.replace("serious_condition: true", "serious_condition: 3"),
    ),
    Case(
        "impossible-date",
        ["estimate", "{p}"],
        1,
        ["p.yaml:6:13", '"2026-02-30" is not a valid date'],
        PROFILE.replace("2026-06-01", "2026-02-30"),
    ),
    Case(
        "date-far-past",
        ["estimate", "{p}"],
        1,
        ["p.yaml:6:13", "between 1980-01-01 and 2100-12-31"],
        PROFILE.replace("2026-06-01", "1850-06-01"),
    ),
    Case(
        "date-beyond-holiday-data",
        ["estimate", "{p}"],
        1,
        ["p.yaml:6:13", "outside the dates"],
        PROFILE.replace("2026-06-01", "2300-06-01"),
    ),
    Case(
        "duplicate-key",
        ["estimate", "{p}"],
        1,
        ["p.yaml:7:1", 'duplicate key "modality"'],
        PROFILE + "modality: gene\n",
    ),
    Case("billion-laughs", ["estimate", "{p}"], 1, ["p.yaml:2:8", "aliases"], billion_laughs()),
    Case("50-mb-file", ["estimate", "{p}"], 1, ["p.yaml", "too large"], big_file),
    Case(
        "deep-nesting",
        ["estimate", "{p}"],
        1,
        ["p.yaml:1", "nesting"],
        "name: " + "[" * 5000 + "]" * 5000 + "\n",
    ),
    Case(
        "non-utf8",
        ["estimate", "{p}"],
        1,
        ["p.yaml:1:7: error: byte 0xe9 is not valid UTF-8"],
        "name: \xe9t\xe9\nmodality: cell\n".encode("latin-1"),
    ),
    Case(
        "binary-stdin",
        ["estimate", "-"],
        1,
        ["<stdin>:3: error: contains NUL bytes"],
        stdin=b"\x89PNG\r\n\x1a\n\x00\x00binary",
    ),
    Case(
        "negative-assumption",
        ["estimate", "{p}"],
        1,
        ["p.yaml:8:24", "negative"],
        PROFILE + "assumptions:\n  fda-rmat.bla-filing: -5 days\n",
    ),
    # Rule files
    Case(
        "rule-cycle",
        ["estimate", "--rules", "{r}"],
        1,
        ["t.yaml:15", "cycle: review -> done -> review"],
        rule=GOOD.replace("    after: sub\n", "    after: done\n"),
    ),
    Case(
        "rule-self-reference",
        ["estimate", "--rules", "{r}"],
        1,
        ["t.yaml:21", "refers to itself"],
        rule=GOOD.replace("after: review", "after: done"),
    ),
    Case(
        "rule-duplicate-ids",
        ["estimate", "--rules", "{r}"],
        1,
        ["t.yaml:18", 'duplicate milestone id "done"'],
        rule=GOOD.replace("id: review", "id: done").replace("after: review", "after: sub"),
    ),
    Case(
        "rule-negative-duration",
        ["estimate", "--rules", "{r}"],
        1,
        ["t.yaml:16", "negative"],
        rule=GOOD.replace("10 days", "-10 days"),
    ),
    Case(
        "rule-absurd-duration",
        ["estimate", "--rules", "{r}"],
        1,
        ["t.yaml:16", "longer than 3660 days"],
        rule=GOOD.replace("10 days", "99999 days"),
    ),
    Case(
        "rule-unknown-reference",
        ["estimate", "--rules", "{r}"],
        1,
        ["t.yaml:21", 'unknown milestone "revew"'],
        rule=GOOD.replace("after: review", "after: revew"),
    ),
    Case(
        "rule-bad-yaml",
        ["validate", "--rules", "{r}"],
        1,
        ["t.yaml:", "not valid YAML"],
        rule=GOOD.replace("kind: approval", "kind: [approval"),
        output=False,
    ),
    # --set values
    Case(
        "set-negative",
        ["estimate", "--set", "ema-prime.day-120-clock-stop=-2months"],
        1,
        ["--set: error: ema-prime.day-120-clock-stop", "negative"],
    ),
    Case(
        "set-bad-date",
        ["estimate", "--set", "submission=2026-02-30"],
        1,
        ["--set: error: submission", "not a valid date"],
    ),
    Case(
        "set-no-equals", ["estimate", "--set", "submission"], 1, ['"submission" is not KEY=VALUE']
    ),
    Case(
        "set-unknown-milestone",
        ["estimate", "--set", "fda-rmat.bla-filling=3 days"],
        1,
        ['has no milestone "bla-filling" (did you mean "bla-filing"?)'],
    ),
    Case(
        "set-unknown-field",
        ["estimate", "--set", "colour=red"],
        1,
        ["--set: error: colour: unknown field"],
    ),
    # Command-line arguments
    Case(
        "unknown-pathway",
        ["estimate", "-p", "nmpa-breakthru"],
        1,
        ['unknown pathway "nmpa-breakthru" (did you mean "nmpa-breakthrough"?)'],
    ),
    Case("unknown-option", ["estimate", "--colour"], 2, ["No such option"]),
    Case("bad-format", ["estimate", "--format", "pdf"], 2, ["pdf"]),
    Case(
        "output-missing-folder",
        ["estimate", "-o", "{t}/nope/out.json"],
        1,
        ["does not exist"],
        output=False,
    ),
    Case(
        "output-unwritable",
        ["estimate", "-o", "/proc/cgt-timeline-test.json"],
        1,
        ["cannot write"],
        output=False,
    ),
    Case("output-is-a-folder", ["estimate", "-o", "{t}"], 1, ["is a folder"], output=False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(tmp_path: Path, case: Case) -> None:
    profile = tmp_path / "p.yaml"
    if callable(case.profile):
        case.profile(profile)
    elif isinstance(case.profile, bytes):
        profile.write_bytes(case.profile)
    elif case.profile is not None:
        profile.write_text(case.profile)
    rules = tmp_path / "rules"
    rules.mkdir()
    if case.rule is not None:
        (rules / "t.yaml").write_text(case.rule)
    args = [a.format(p=profile, r=rules, t=tmp_path) for a in case.args]
    out = tmp_path / "out.json"
    out.write_text("precious: the user's earlier output\n")
    if case.output:
        args += ["-o", str(out), "--force"]
    start = time.perf_counter()
    result = CliRunner().invoke(app, args, input=case.stdin)
    elapsed = time.perf_counter() - start
    assert result.exit_code == case.code, result.output
    for phrase in case.phrases:
        assert phrase in result.output, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert elapsed < 5, f"{case.name} took {elapsed:.1f} s"
    assert out.read_text() == "precious: the user's earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["rules", "out.json"] + (["p.yaml"] if profile.exists() else [])
    )


def test_there_are_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20
