"""The shipped rule pack, and rule packs that must be refused with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cgt_timeline.errors import InputError
from cgt_timeline.resources import builtin_rules_dir
from cgt_timeline.rulepack import load_rules

from conftest import SPEC_PATHWAYS

SPEC_IDS = set(SPEC_PATHWAYS)

GOOD = """\
name: Test pathway
jurisdiction: US
agency: Test agency
checked_on: 2026-11-26
sources:
  - id: src
    title: A source
milestones:
  - id: sub
    name: Submitted
    kind: submission
  - id: review
    name: Reviewed
    kind: goal-date
    after: sub
    duration: 10 days
    sources: src
  - id: done
    name: Approved
    kind: approval
    after: review
    duration: 5 days
    sources: src
"""


def test_ships_exactly_the_spec_pathways(pack) -> None:
    assert set(pack.ids) == SPEC_IDS


def test_every_pathway_has_one_submission_and_one_approval(pack) -> None:
    for p in pack.pathways.values():
        kinds = [m.kind for m in p.milestones]
        assert kinds.count("submission") == 1, p.id
        assert kinds.count("approval") == 1, p.id


def test_every_duration_cites_a_listed_source_and_files_are_dated(pack) -> None:
    for p in pack.pathways.values():
        assert p.checked_on.year >= 2026
        for m in p.milestones:
            if m.duration is not None:
                assert m.sources, (p.id, m.id)
                assert all(s in p.sources for s in m.sources), (p.id, m.id)


def test_expedited_pathways_name_a_baseline_in_the_same_jurisdiction(pack) -> None:
    for pid in ("fda-rmat", "ema-prime", "nmpa-breakthrough", "pmda-conditional"):
        p = pack[pid]
        assert p.baseline is not None
        assert pack[p.baseline].jurisdiction == p.jurisdiction


def test_extends_inherits_and_overrides(pack) -> None:
    rmat, std = pack["fda-rmat"], pack["fda-standard"]
    assert rmat.milestone("bla-filing") == std.milestone("bla-filing")
    assert str(rmat.milestone("pdufa-goal").duration.likely) == "6 months"
    assert "day-180-clock-stop" not in pack["ema-prime"].milestone_ids


def test_a_user_rule_folder_adds_a_pathway(tmp_path: Path) -> None:
    (tmp_path / "test-pathway.yaml").write_text(GOOD)
    pack = load_rules([tmp_path])
    assert "test-pathway" in pack
    assert len(pack.ids) == len(SPEC_IDS) + 1


BAD_RULES = [
    # (case, file text, expected line, phrase)
    ("bad-yaml", GOOD.replace("agency: Test agency", "agency: [Test"), 4, "not valid YAML"),
    (
        "unknown-field",
        GOOD.replace("    duration: 10 days", "    durattion: 10 days"),
        16,
        'unknown field "durattion" (did you mean "duration"?)',
    ),
    ("bad-duration", GOOD.replace("10 days", "10 dayz"), 16, 'unknown unit "dayz"'),
    (
        "wrong-type",
        GOOD.replace("checked_on: 2026-11-26", "checked_on: soon"),
        4,
        "is not a valid date",
    ),
    (
        "bad-date",
        GOOD.replace("checked_on: 2026-11-26", "checked_on: 2026-02-30"),
        4,
        "is not a valid date",
    ),
    (
        "unknown-reference",
        GOOD.replace("after: review", "after: reveiw"),
        21,
        'refers to unknown milestone "reveiw" (did you mean "review"?)',
    ),
    (
        "cycle",
        GOOD.replace("    after: sub\n", "    after: done\n"),
        15,
        "cycle: review -> done -> review",
    ),
    ("self-reference", GOOD.replace("after: review", "after: done"), 21, "refers to itself"),
    (
        "no-source",
        GOOD.replace("    duration: 5 days\n    sources: src\n", "    duration: 5 days\n"),
        22,
        "cites no source",
    ),
    (
        "unknown-source",
        GOOD.replace(
            "    duration: 5 days\n    sources: src", "    duration: 5 days\n    sources: srx"
        ),
        23,
        'cites unknown source "srx"',
    ),
    (
        "two-approvals",
        GOOD.replace("kind: goal-date", "kind: approval"),
        20,
        'has 2 milestones of kind "approval"',
    ),
    (
        "duplicate-key",
        GOOD.replace("agency: Test agency", "agency: A\nagency: B"),
        4,
        'duplicate key "agency"',
    ),
    (
        "duplicate-id",
        GOOD.replace("id: review", "id: done").replace("after: review", "after: sub"),
        18,
        'duplicate milestone id "done"',
    ),
    (
        "extends-unknown",
        "extends: fda-standrd\nchecked_on: 2026-11-26\n",
        1,
        'extends unknown pathway "fda-standrd" (did you mean "fda-standard"?)',
    ),
    (
        "unknown-kind",
        GOOD.replace("kind: goal-date", "kind: goal"),
        14,
        'is not allowed (did you mean "goal-date"?)',
    ),
    ("list-not-mapping", "- a\n- b\n", 1, "expected a mapping of fields, found a list"),
    ("empty", "", 1, "file is empty"),
    ("tabs", GOOD.replace("  - id: src", "\t- id: src"), 6, "tabs"),
    ("negative-duration", GOOD.replace("10 days", "-10 days"), 16, "negative"),
    ("absurd-duration", GOOD.replace("10 days", "100000 days"), 16, "longer than"),
    (
        "baseline-unknown",
        GOOD.replace("agency: Test agency", "agency: T\nbaseline: nope"),
        4,
        'baseline "nope" is not a known pathway',
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "phrase"), BAD_RULES, ids=[c[0] for c in BAD_RULES]
)
def test_broken_rule_files_are_refused_with_file_and_line(
    tmp_path: Path, case: str, text: str, line: int, phrase: str
) -> None:
    path = tmp_path / "test-pathway.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_rules([tmp_path])
    message = info.value.format()
    assert f"test-pathway.yaml:{line}" in message, message
    assert phrase in message, message


def test_all_problems_in_a_pack_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(GOOD.replace("10 days", "10 dayz"))
    (tmp_path / "two.yaml").write_text(
        GOOD.replace("    duration: 5 days\n", "    duraton: 5 days\n")
    )
    (tmp_path / "three.yaml").write_text(GOOD.replace("after: review", "after: nowhere"))
    with pytest.raises(InputError) as info:
        load_rules([tmp_path])
    text = info.value.format()
    assert "one.yaml:16" in text and "two.yaml:22" in text and "three.yaml:21" in text
    assert text.endswith("3 errors in 3 files.")


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("id: other\n" + GOOD)
    with pytest.raises(InputError, match='id "other" does not match the file name "mine"'):
        load_rules([tmp_path])


def test_missing_rule_folder_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="rule folder not found"):
        load_rules([tmp_path / "nope"])


def test_a_milestone_after_several_is_counted_from_the_latest(tmp_path: Path, profile) -> None:
    # "done" follows both "review" (sub + 10 days) and "inspection" (sub + 3 weeks):
    # counted from the later, 1 Jun + 21 days = 22 Jun, then + 5 days = 27 Jun 2026.
    text = GOOD.replace("    after: review\n", "    after: [review, inspection]\n") + (
        "  - id: inspection\n    name: Inspection\n    kind: meeting\n    after: sub\n"
        "    duration: 3 weeks\n    sources: src\n"
    )
    (tmp_path / "test-pathway.yaml").write_text(text)
    pack = load_rules([tmp_path])
    from cgt_timeline.engine import estimate

    est = estimate(pack, profile(submission="2026-06-01"), ["test-pathway"]).estimates[0]
    assert est.approval is not None and est.approval.isoformat() == "2026-06-27"
    done = next(m for m in est.milestones if m.id == "done")
    assert done.after == ("review", "inspection")
    assert done.start is not None and done.start.isoformat() == "2026-06-22"


@pytest.mark.parametrize(
    "case",
    [
        "bad-yaml",
        "unknown-field",
        "wrong-type",
        "bad-date",
        "cycle",
        "unknown-reference",
        "bad-duration",
    ],
)
def test_cli_refuses_broken_rule_folders_with_exit_1(tmp_path: Path, case: str) -> None:
    from typer.testing import CliRunner

    from cgt_timeline.cli import app

    _, text, line, phrase = next(c for c in BAD_RULES if c[0] == case)
    (tmp_path / "test-pathway.yaml").write_text(text)
    result = CliRunner().invoke(app, ["estimate", "--rules", str(tmp_path)])
    assert result.exit_code == 1
    assert f"test-pathway.yaml:{line}" in result.stderr and phrase in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_a_user_file_replaces_the_shipped_one_and_extensions_follow(
    tmp_path: Path, pack, profile
) -> None:
    # A team whose own reading is a 12-month standard goal replaces fda-standard; the
    # shipped fda-rmat extends whatever fda-standard is loaded, so its filing date is
    # unchanged and its baseline moves: 31 Jul 2026 + 12 months = 31 Jul 2027, a Saturday,
    # so the baseline approval is Friday 30 Jul 2027; fda-rmat's stays Fri 29 Jan 2027.
    shipped = (Path(pack["fda-standard"].file)).read_text(encoding="utf-8")
    (tmp_path / "fda-standard.yaml").write_text(
        shipped.replace("duration: 10 months", "duration: 12 months")
    )
    mine = load_rules([tmp_path])
    assert mine["fda-standard"].file.endswith(str(tmp_path / "fda-standard.yaml"))
    from cgt_timeline.engine import estimate

    est = estimate(mine, profile(submission="2026-06-01"), ["fda-rmat"]).estimates[0]
    assert est.baseline is not None and est.baseline.approval.isoformat() == "2027-07-30"
    assert est.approval is not None and est.approval.isoformat() == "2027-01-29"


def test_a_removed_milestone_takes_the_inherited_steps_counted_only_from_it(
    tmp_path: Path,
) -> None:
    # ema-prime removes the Day 180 list; the CAT's Day 180 step (counted back from it
    # alone) goes with it, unnamed. And a user's own ema-standard without CAT steps (a
    # copy made before they were added) still loads under the shipped ema-prime.
    pack = load_rules()
    assert "cat-day-180" not in {m.id for m in pack["ema-prime"].milestones}
    assert "cat-day-120" in {m.id for m in pack["ema-prime"].milestones}
    shipped = (builtin_rules_dir() / "ema-standard.yaml").read_text(encoding="utf-8")
    lines = shipped.splitlines(keepends=True)
    out, skip = [], False
    for line in lines:
        if line.startswith("  - id: cat-"):
            skip = True
        elif line.startswith("  - id: ") or not line.startswith(" "):
            skip = False
        if not skip:
            out.append(line)
    (tmp_path / "ema-standard.yaml").write_text("".join(out), encoding="utf-8")
    older = load_rules([tmp_path])
    assert not any(m.id.startswith("cat-") for m in older["ema-prime"].milestones)
    assert "chmp-opinion" in {m.id for m in older["ema-prime"].milestones}


def test_a_child_removes_an_inherited_risk_or_loses_it_with_its_milestone(
    tmp_path: Path,
) -> None:
    # The shipped ema-prime drops ema-standard's extended-clock-stop by name.
    pack = load_rules()
    assert "extended-clock-stop" in {r.id for r in pack["ema-standard"].risks}
    assert {r.id for r in pack["ema-prime"].risks} == {"accelerated-assessment-reverts"}
    risky = GOOD + (
        "risks:\n"
        "  - {id: slow, name: Slow, probability: 0.5, milestone: review, adds: 5 days,"
        " sources: src}\n"
        "  - {id: late, name: Late, probability: 0.5, milestone: done, adds: 5 days,"
        " sources: src}\n"
    )
    (tmp_path / "base.yaml").write_text(risky)
    child = "extends: base\nname: Child\nchecked_on: 2026-11-26\n"
    (tmp_path / "by-name.yaml").write_text(child + "remove_risks: [slow, not-in-base]\n")
    # Removing the review takes its risk with it; "done", re-anchored by the child,
    # keeps its own.
    (tmp_path / "by-step.yaml").write_text(
        child
        + "remove: [review]\n"
        + "milestones:\n  - {id: done, after: sub, duration: 20 days, sources: src}\n"
    )
    mine = load_rules([tmp_path], builtin=False)
    assert [r.id for r in mine["by-name"].risks] == ["late"]
    assert [r.id for r in mine["by-step"].risks] == ["late"]
    (tmp_path / "bad.yaml").write_text(child + "remove: [slow]\n")
    with pytest.raises(InputError) as err:
        load_rules([tmp_path], builtin=False)
    assert 'cannot remove "slow": the parent has no such milestone (it is a risk: use' in str(
        err.value
    )


def test_a_users_older_ema_standard_without_the_new_risk_still_loads(tmp_path: Path) -> None:
    # A copy of ema-standard made before extended-clock-stop existed, given with
    # --rules, replaces the shipped one: ema-prime's remove_risks names a risk it lacks,
    # which removes nothing and is no error.
    shipped = (builtin_rules_dir() / "ema-standard.yaml").read_text(encoding="utf-8")
    older = shipped.split("\nrisks:", 1)[0] + "\n"
    (tmp_path / "ema-standard.yaml").write_text(older, encoding="utf-8")
    pack = load_rules([tmp_path])
    assert pack["ema-standard"].risks == ()
    assert [r.id for r in pack["ema-prime"].risks] == ["accelerated-assessment-reverts"]


@pytest.mark.parametrize(
    ("risks", "message"),
    [
        (
            "  - {id: slow, name: A, probability: 0.5, milestone: review, adds: 5 days,"
            " sources: src}\n"
            "  - {id: slow, name: B, probability: 0.5, milestone: done, adds: 5 days,"
            " sources: src}\n",
            'duplicate risk id "slow" (first at risks[0])',
        ),
        (
            "  - {id: review, name: A, probability: 0.5, milestone: done, adds: 5 days,"
            " sources: src}\n",
            'risk id "review" is also a milestone id',
        ),
    ],
)
def test_risk_ids_are_unique_and_not_milestone_ids(
    tmp_path: Path, risks: str, message: str
) -> None:
    (tmp_path / "test-pathway.yaml").write_text(GOOD + "risks:\n" + risks)
    with pytest.raises(InputError) as err:
        load_rules([tmp_path], builtin=False)
    assert message in str(err.value)
    assert "test-pathway.yaml" in str(err.value)
