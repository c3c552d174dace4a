"""Deadline checks: does the best pathway of a jurisdiction (or one pathway) approve in time?"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from .conditions import designations_in, holds
from .engine import Estimate, Report
from .errors import InputError, Problem
from .model import JURISDICTIONS, Profile
from .rulepack import RulePack

OPTION = "--approval-by"


@dataclass(frozen=True)
class Target:
    """An approval deadline for a jurisdiction (best eligible pathway) or one pathway."""

    key: str  # "US" or a pathway id
    deadline: date

    @property
    def is_jurisdiction(self) -> bool:
        """Whether the key names a jurisdiction rather than a pathway."""
        return self.key in JURISDICTIONS


@dataclass(frozen=True)
class CheckResult:
    """One deadline against one product's estimate."""

    target: Target
    pathway: str | None
    approval: date | None
    met: bool
    margin_days: int | None  # deadline - approval: positive clears, negative misses
    note: str = ""
    # Risks the plan leaves out at an even chance (or likelier, when set so) that,
    # even at their smallest, would take a met deadline away: (risk id, words).
    at_risk: tuple[tuple[str, str], ...] = ()
    # Risks the plan counts (likelier than not) without which a missed deadline would
    # be met: (risk id, words for the line).
    met_without: tuple[tuple[str, str], ...] = ()


def parse_targets(texts: Sequence[str], pack: RulePack) -> list[Target]:
    """``US=2027-06-30`` or ``fda-rmat=2027-03-01``; every bad one reported."""
    targets: list[Target] = []
    problems: list[Problem] = []
    choices = [*JURISDICTIONS, *pack.ids]
    for text in texts:
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep:
            problems.append(
                Problem(
                    OPTION, f'"{text}" is not KEY=DATE', expected="e.g. --approval-by US=2027-06-30"
                )
            )
            continue
        if key.upper() in JURISDICTIONS:
            key = key.upper()
        elif key not in pack:
            close = difflib.get_close_matches(key, choices, n=1)
            problems.append(
                Problem(
                    OPTION,
                    f'"{key}" is neither a jurisdiction nor a pathway'
                    + (f' (did you mean "{close[0]}"?)' if close else ""),
                    expected="US, EU, CN, JP or a pathway id",
                )
            )
            continue
        try:
            deadline = date.fromisoformat(value.strip())
        except ValueError:
            problems.append(
                Problem(
                    OPTION,
                    f'"{value.strip()}" is not a valid date',
                    path=key,
                    expected="a real calendar date written YYYY-MM-DD",
                )
            )
            continue
        targets.append(Target(key, deadline))
    if not texts:
        problems.append(
            Problem(OPTION, "no deadline given", expected="at least one --approval-by KEY=DATE")
        )
    if problems:
        raise InputError(problems)
    return targets


def _missing(e: Estimate, profile: Profile) -> list[str]:
    """The designations a pathway's own designation steps test for (``rmat`` for
    fda-rmat, ``prime`` for ema-prime) when the profile does not meet their ``when``;
    empty when it does (the rule's own logic decides, ``any`` and ``not`` included)."""
    found: set[str] = set()
    for m in e.pathway.milestones:
        steps = ("designation-request", "designation-decision")
        if m.kind in steps and m.when is not None and not holds(m.when, profile):
            found |= designations_in(m.when) - set(profile.designations)
    return sorted(found)


Recount = Callable[[Estimate, str], "date | None"]


def check(
    report: Report,
    targets: Sequence[Target],
    planned_only: bool = False,
    without: Recount | None = None,
) -> list[CheckResult]:
    """Each target against the report: the earliest eligible approval, or the pathway's.

    For a jurisdiction, ``planned_only`` leaves out pathways whose designation the
    profile does not list (held or planned); otherwise such a pathway may be the best,
    and the result notes the designation it assumes. ``without(estimate, risk id)``
    gives the approval if a risk the plan counts does not happen: a missed deadline
    then names the risks without which it would be met."""
    results = []
    for t in targets:
        note = ""
        if t.is_jurisdiction:
            dated = [
                e
                for e in report.estimates
                if e.pathway.jurisdiction == t.key
                and e.eligible
                and e.approval
                and not (planned_only and _missing(e, report.profile))
            ]
            if not dated:
                what = "planned " if planned_only else ""
                results.append(
                    CheckResult(
                        t,
                        None,
                        None,
                        False,
                        None,
                        f"no eligible {what}pathway in {t.key} has a date",
                    )
                )
                continue
            best = min(dated, key=lambda e: (e.approval, e.pathway.id))
            missing = _missing(best, report.profile)
            if missing:
                listed = " or ".join(missing)
                note = (
                    f"assumes the {listed} designation, which the profile does not list; "
                    "--planned-only leaves such pathways out"
                )
        else:
            best = next(e for e in report.estimates if e.pathway.id == t.key)
            if not best.eligible or best.approval is None:
                why = "; ".join(best.ineligible_reasons) or "no submission date"
                results.append(CheckResult(t, t.key, None, False, None, f"not dated: {why}"))
                continue
        assert best.approval is not None
        margin = (t.deadline - best.approval).days
        results.append(
            CheckResult(
                t,
                best.pathway.id,
                best.approval,
                margin >= 0,
                margin,
                note,
                _at_risk(best, t.deadline) if margin >= 0 else (),
                _met_without(best, t.deadline, without) if margin < 0 and without else (),
            )
        )
    return results


def _at_risk(e: Estimate, deadline: date) -> tuple[tuple[str, str], ...]:
    """The risks the plan leaves out that have an even chance or better and, even at
    their smallest, would move the approval past the deadline (counted from the
    approval: a delay at an earlier step moves it at least as much, less what
    calendars absorb)."""
    assert e.approval is not None
    found = []
    for r, p in e.risks:
        least = r.adds.low or r.adds.likely
        if r.id not in e.in_plan and p >= 0.5 and least.add_to(e.approval) > deadline:
            found.append((r.id, f"{r.id} ({p:.0%}) adds at least {least}"))
    return tuple(found)


def _met_without(e: Estimate, deadline: date, without: Recount) -> tuple[tuple[str, str], ...]:
    """The risks the plan counts without which the deadline would be met."""
    found = []
    for r, p in e.risks:
        if r.id not in e.in_plan:
            continue
        then = without(e, r.id)
        if then is not None and then <= deadline:
            found.append((r.id, f"{r.id} does not happen ({1 - p:.0%}): approval {then}"))
    return tuple(found)


def describe(result: CheckResult) -> str:
    """One line: which deadline, met or missed by how many days, and by which pathway."""
    t = result.target
    if result.approval is None:
        return f"{t.key}: MISSED {t.deadline.isoformat()}: {result.note}"
    assert result.margin_days is not None
    days = abs(result.margin_days)
    word = "day" if days == 1 else "days"
    if result.met:
        verdict = f"met {t.deadline.isoformat()} with {days} {word} to spare"
    else:
        verdict = f"MISSED {t.deadline.isoformat()} by {days} {word}"
    line = f"{t.key}: {verdict} ({result.pathway} approval {result.approval.isoformat()})"
    if result.at_risk:
        risks = "; ".join(text for _, text in result.at_risk)
        line += f"; but at even odds or more: {risks}, which would miss it (the plan assumes not)"
    if result.met_without:
        risks = "; ".join(text for _, text in result.met_without)
        line += f"; met if {risks} (the plan counts it as likelier than not)"
    return f"{line}; {result.note}" if result.note else line
