"""Properties of the engine over many profiles (hypothesis)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cgt_timeline.engine import estimate
from cgt_timeline.errors import InputError
from cgt_timeline.model import Profile

submission_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 30))


def make(sub: date, **extra: object) -> Profile:
    return Profile.model_validate(
        {
            "name": "p",
            "modality": "gene",
            "serious_condition": True,
            "unmet_medical_need": True,
            "preliminary_clinical_evidence": True,
            "orphan": False,
            "designations": ["rmat", "prime", "nmpa-breakthrough"],
            "submission": sub,
            **extra,
        }
    )


@settings(max_examples=40, deadline=None)
@given(submission_dates)
def test_same_input_same_output(pack, sub: date) -> None:
    first = estimate(pack, make(sub))
    second = estimate(pack, make(sub))
    assert first == second


@settings(max_examples=40, deadline=None)
@given(submission_dates, st.integers(min_value=1, max_value=90))
def test_a_later_submission_never_gives_an_earlier_date(pack, sub: date, delay: int) -> None:
    early = estimate(pack, make(sub))
    late = estimate(pack, make(sub + timedelta(days=delay)))
    for a, b in zip(early.estimates, late.estimates, strict=True):
        dates_a = {m.id: m.date for m in a.milestones}
        dates_b = {m.id: m.date for m in b.milestones}
        assert dates_a.keys() == dates_b.keys()
        for mid, when in dates_a.items():
            assert dates_b[mid] >= when, (a.pathway.id, mid)


@settings(max_examples=30, deadline=None)
@given(submission_dates)
def test_a_risk_never_brings_the_approval_earlier(pack, sub: date) -> None:
    # Counted or not, a risk can only delay: without it the approval is no later than
    # the plan's, with it no earlier; and every odds at 0 gives the earliest plan.
    report = estimate(pack, make(sub))
    zero = {e.pathway.id: {r.id: 0.0 for r in e.pathway.risks} for e in report.estimates}
    bare = {e.pathway.id: e for e in estimate(pack, make(sub), probabilities=zero).estimates}
    for e in report.estimates:
        if e.approval is None:
            continue
        for r, _ in e.risks:
            without, with_it = e.approval_unless[r.id], e.approval_if[r.id]
            assert without is not None and with_it is not None
            assert without <= e.approval <= with_it, (e.pathway.id, r.id)
        plain = bare[e.pathway.id].approval
        assert plain is not None and plain <= e.approval, e.pathway.id
        assert (plain == e.approval) == (not e.in_plan), e.pathway.id


@settings(max_examples=30, deadline=None)
@given(submission_dates)
def test_every_eligible_timeline_runs_forward_from_its_submission(pack, sub: date) -> None:
    for e in estimate(pack, make(sub)).estimates:
        assert e.submission == sub
        assert e.approval is not None and e.approval > sub
        for m in e.milestones:
            if m.kind not in ("designation-request", "designation-decision"):
                assert m.date >= sub, (e.pathway.id, m.id)


def test_unknown_pathway_is_bad_input_in_the_library(pack) -> None:
    try:
        estimate(pack, make(date(2026, 6, 1)), ["ema-primo"])
    except InputError as exc:
        assert 'unknown pathway "ema-primo" (did you mean "ema-prime"?)' in exc.format()
    else:
        raise AssertionError("expected InputError")


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    script = (
        "from cgt_timeline.cli.common import handle_errors\n"
        "@handle_errors\n"
        "def boom():\n"
        "    raise BrokenPipeError\n"
        "boom()\n"
    )
    wrapper = (
        f"import typer\ntry:\n    exec({script!r})\n"
        "except typer.Exit as e:\n    raise SystemExit(e.exit_code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 141
    assert proc.stderr == ""
