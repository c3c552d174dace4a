"""The pure engine: (rule pack, profile, overrides) -> dated timelines.

No I/O, no clock, no printing: the same inputs always give the same dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .calendars import CountNote, calendar_for
from .conditions import holds
from .durations import Duration
from .errors import InputError, Problem
from .model import Milestone, Pathway, Profile
from .profiles import Override
from .rulepack import RulePack


@dataclass(frozen=True)
class DatedMilestone:
    """A milestone with its date and everything that produced the date."""

    id: str
    name: str
    kind: str
    date: dt.date
    start: dt.date | None
    after: tuple[str, ...]
    before: str | None
    duration: Duration | None
    default_duration: Duration | None
    sources: tuple[str, ...]
    basis: str
    assumption: Override | None = None
    case: str | None = None
    calendar: CountNote | None = None
    note: str | None = None


@dataclass(frozen=True)
class BaselineComparison:
    """An expedited pathway's approval against its baseline's."""

    pathway: str
    approval: dt.date | None
    days_saved: int | None


@dataclass(frozen=True)
class Estimate:
    """One pathway's timeline for one profile (or why there is none)."""

    pathway: Pathway
    eligible: bool
    ineligible_reasons: tuple[str, ...]
    milestones: tuple[DatedMilestone, ...]
    approval: dt.date | None
    baseline: BaselineComparison | None
    warnings: tuple[str, ...] = ()

    @property
    def submission(self) -> dt.date | None:
        """The submission date the timeline starts from."""
        for m in self.milestones:
            if m.kind == "submission":
                return m.date
        return None


@dataclass(frozen=True)
class Report:
    """Estimates for a profile over several pathways."""

    profile: Profile
    source: str
    estimates: tuple[Estimate, ...]
    warnings: tuple[str, ...]
    rules_checked_on: dt.date | None


def topological_order(pathway: Pathway) -> list[Milestone]:
    """Milestones so that each comes after those it is counted from (file order otherwise)."""
    placed: set[str] = set()
    order: list[Milestone] = []
    pending = list(pathway.milestones)
    while pending:
        progressed = False
        for m in list(pending):
            if all(d in placed for d in m.depends_on):
                order.append(m)
                placed.add(m.id)
                pending.remove(m)
                progressed = True
        if not progressed:  # a cycle: refused at load time, so unreachable for loaded packs
            raise ValueError(f"dependency cycle in {pathway.id}")
    return order


def estimate_pathway(
    pathway: Pathway,
    profile: Profile,
    overrides: Mapping[tuple[str, str], Override] | None = None,
) -> Estimate:
    """Date every milestone of one pathway for one profile."""
    overrides = overrides or {}
    reasons = tuple(c.reason for c in pathway.eligibility if not holds(c, profile))
    if reasons:
        return Estimate(pathway, False, reasons, (), None, None)
    submitted = profile.submission_for(pathway.jurisdiction)
    actuals = profile.actuals.get(pathway.jurisdiction, {})  # type: ignore[call-overload]
    if submitted is None and not actuals:
        warning = (
            f"{pathway.id}: no planned submission date for {pathway.jurisdiction} "
            f'(give "submission" or "submissions: {{{pathway.jurisdiction}: YYYY-MM-DD}}")'
        )
        return Estimate(pathway, True, (), (), None, None, (warning,))

    calendar = calendar_for(pathway.jurisdiction)
    dated: dict[str, DatedMilestone] = {}
    provisional: dict[str, set[int]] = {}
    for m in topological_order(pathway):
        if m.when is not None and not holds(m.when, profile):
            continue
        actual: dt.date | None = actuals.get(m.id)
        if m.kind == "submission":
            day = actual or submitted
            assert day is not None
            dated[m.id] = DatedMilestone(
                m.id,
                m.name,
                m.kind,
                day,
                None,
                (),
                None,
                None,
                None,
                m.sources,
                "actual" if actual else "input",
                note=m.note,
            )
            continue
        deps = tuple(d for d in m.after if d in dated)
        if (m.after and not deps) or (m.before and m.before not in dated):
            continue  # counted from milestones that do not apply to this profile
        assert m.duration is not None
        default = m.duration.likely
        duration, case, sources = default, None, m.sources
        for c in m.cases:
            if holds(c.when, profile):
                duration, case, sources = c.duration.likely, c.reason, tuple(c.sources)
                break
        override = overrides.get((pathway.id, m.id))
        if override is not None:
            duration = override.duration
        if deps:
            start = max(dated[d].date for d in deps)
            day = duration.add_to(start, calendar)
        else:
            assert m.before is not None
            start = dated[m.before].date
            day = duration.subtract_from(start, calendar)
        note = calendar.describe_span(start, day) if duration.needs_calendar else None
        if note is not None and note.provisional_years:
            provisional.setdefault(m.id, set()).update(note.provisional_years)
        basis = m.basis
        if override is not None or any(
            dated[d].basis == "estimated" for d in (*deps, *([m.before] if m.before else []))
        ):
            basis = "estimated"
        if actual is not None:
            day, basis = actual, "actual"
        dated[m.id] = DatedMilestone(
            m.id,
            m.name,
            m.kind,
            day,
            start,
            tuple(deps),
            m.before,
            duration,
            default,
            sources,
            basis,
            override,
            case,
            note,
            m.note,
        )
    warnings = []
    if provisional:
        years = ", ".join(str(y) for y in sorted(set().union(*provisional.values())))
        warnings.append(
            f"{pathway.id}: working days are counted into {years}, for which the installed "
            f"'holidays' data has no official {pathway.jurisdiction} holiday notice yet; "
            "projected holidays without make-up working days are used "
            f"({', '.join(provisional)})"
        )
    order = {m.id: i for i, m in enumerate(pathway.milestones)}
    milestones = tuple(sorted(dated.values(), key=lambda d: (d.date, order[d.id])))
    approval = next((d.date for d in milestones if d.kind == "approval"), None)
    return Estimate(pathway, True, (), milestones, approval, None, tuple(warnings))


def estimate(
    pack: RulePack,
    profile: Profile,
    pathway_ids: Sequence[str] | None = None,
    overrides: Mapping[tuple[str, str], Override] | None = None,
    *,
    source: str = "",
) -> Report:
    """Estimate the given pathways (all of the pack's if None) for a profile.

    Each expedited pathway is compared with its baseline, which is estimated too even
    when it was not asked for.
    """
    ids = list(pathway_ids) if pathway_ids else list(pack.ids)
    unknown = [pid for pid in ids if pid not in pack]
    if unknown:
        raise InputError([Problem("pathway", pack.unknown(pid)) for pid in unknown])
    cache: dict[str, Estimate] = {}

    def get(pid: str) -> Estimate:
        if pid not in cache:
            cache[pid] = estimate_pathway(pack[pid], profile, overrides)
        return cache[pid]

    results = []
    for pid in ids:
        est = get(pid)
        base_id = pack[pid].baseline
        if base_id and base_id in pack and est.eligible:
            base = get(base_id)
            saved = (
                (base.approval - est.approval).days
                if base.approval is not None and est.approval is not None
                else None
            )
            est = Estimate(
                est.pathway,
                est.eligible,
                est.ineligible_reasons,
                est.milestones,
                est.approval,
                BaselineComparison(base_id, base.approval, saved),
                est.warnings,
            )
        results.append(est)
    warnings = tuple(w for e in results for w in e.warnings)
    return Report(profile, source, tuple(results), warnings, pack.checked_on)
