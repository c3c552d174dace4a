"""The pure engine: (rule pack, profile, overrides) -> dated timelines.

No I/O, no clock, no printing: the same inputs always give the same dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .agency import BeyondCalendar, EmaCalendar, beyond, snap
from .calendars import Calendar, CountNote, calendar_for
from .conditions import holds
from .durations import Duration
from .errors import InputError, Problem
from .model import DurationRange, Pathway, Profile, Risk
from .profiles import Override
from .rulepack import RulePack


@dataclass(slots=True)
class DatedMilestone:
    """A milestone with its date and everything that produced the date.

    (Not frozen: a frozen dataclass's ``__init__`` is several times slower, and batch
    runs create hundreds of thousands of these. Treat it as read-only.)
    """

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
    note: str | None = None
    # The working-day calendar a count used, and the span it counted over.
    counted_on: Calendar | None = None
    # The range the duration was drawn from (uncertainty analysis); None for inputs.
    spec: DurationRange | None = None
    # An agency rule that moved the counted date, the date before the move, and whether
    # the calendar that placed it is published or projected ("rule" for a fixed rule).
    snap: str | None = None
    snapped_from: dt.date | None = None
    snap_status: str | None = None
    # Risk events the plan counts in this date (likelier than not): (risk id, what it
    # adds, the date before it, the status of the calendar date it then took: published,
    # projected, or None when no calendar placed it), in the order applied.
    risk_delays: tuple[tuple[str, Duration, dt.date, str | None], ...] = ()

    @property
    def placed_status(self) -> str | None:
        """Whether the calendar date this milestone finally rests on is published or
        projected (after any counted risk moved it), or the rule's status."""
        if self.risk_delays and self.risk_delays[-1][3] is not None:
            return self.risk_delays[-1][3]
        return self.snap_status

    @property
    def counted(self) -> dt.date:
        """The date as its rule counted and placed it, before any risk the plan counts
        here moved it (the date itself otherwise)."""
        return self.risk_delays[0][2] if self.risk_delays else self.date

    @property
    def calendar(self) -> CountNote | None:
        """Holidays skipped and make-up days counted, for working-day counts (else None).

        Worked out when asked for: batch output that does not show it never pays for it.
        The span is the rule's count, not a risk's delay after it.
        """
        if self.counted_on is None or self.start is None:
            return None
        return self.counted_on.describe_span(self.start, self.counted)


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
    # Risk probabilities set by the profile or --set (risk id -> probability); the
    # others are the rule's. The simulation draws every risk; the dates count those
    # likelier than not (``in_plan``) at their likely size and leave the others out.
    probabilities: Mapping[str, float] = field(default_factory=dict)
    # The risks these dates count (likelier than not), by id.
    in_plan: frozenset[str] = frozenset()
    # The approval if a risk happens (at its likely size) and if it does not, the
    # other risks as in the plan: risk id -> date. Worked out by estimate(); empty
    # when it was asked not to. For a risk in the plan, "happens" is the plan's
    # approval; for one left out, "does not" is.
    approval_if: Mapping[str, dt.date | None] = field(default_factory=dict)
    approval_unless: Mapping[str, dt.date | None] = field(default_factory=dict)
    # The approval if none of the risks in the plan happens (the others left out as
    # ever); the plan's approval when it counts none. Worked out by estimate().
    approval_without_plan_risks: dt.date | None = None

    @property
    def risks(self) -> tuple[tuple[Risk, float], ...]:
        """The risk events that can delay this timeline, with the probability in force.

        Left out: a risk set to probability 0; a risk whose step the approval no longer
        waits on (the step is recorded in ``actuals``, or every chain from it to the
        approval passes a recorded date, or a step counted back from it is recorded,
        other than a designation request); and a risk on a step whose duration the
        profile or --set gave (that duration says what happens there: a 6-month clock
        stop set by hand is not extended again), unless its probability was set too."""
        steps = {m.id: m for m in self.milestones}
        live = self._waited_on(steps)
        # A recorded step counted back from a risk's step (the CAT's draft opinion, the
        # Friday before the CHMP opinion) says when that step came: the risk is over.
        # (Not a designation request: "at the latest, before the MAA" is a deadline.)
        settled = {
            m.before
            for m in self.milestones
            if m.basis == "actual" and m.before and not m.kind.startswith("designation")
        }
        kept = []
        for r in self.pathway.risks:
            m = steps.get(r.milestone)
            if m is None or r.milestone not in live or r.milestone in settled:
                continue
            if m.assumption is not None and r.id not in self.probabilities:
                continue
            p = self.probabilities.get(r.id, r.probability)
            if p > 0:
                kept.append((r, p))
        return tuple(kept)

    def _waited_on(self, steps: Mapping[str, DatedMilestone]) -> set[str]:
        """The milestones whose dates the approval's date is counted from, through
        milestones that are not recorded (a recorded date stops a delay)."""
        approval = next((m for m in self.milestones if m.kind == "approval"), None)
        if approval is None or approval.basis == "actual":
            return set()
        seen: set[str] = set()
        todo = [approval.id]
        while todo:
            mid = todo.pop()
            if mid in seen or mid not in steps or steps[mid].basis == "actual":
                continue
            seen.add(mid)
            m = steps[mid]
            todo.extend(m.after)
            if m.before is not None:
                todo.append(m.before)
        return seen

    def to_dict(self) -> dict[str, Any]:
        """This estimate as the JSON output contract writes it."""
        from .output import estimate_dict

        return estimate_dict(self)

    @property
    def submission(self) -> dt.date | None:
        """The submission date the timeline starts from (the profile's, or the recorded
        one; a late filing the plan counts as a risk moves the milestone, not this)."""
        for m in self.milestones:
            if m.kind == "submission":
                return m.counted
        return None


@dataclass(frozen=True)
class Report:
    """Estimates for a profile over several pathways."""

    profile: Profile
    source: str
    estimates: tuple[Estimate, ...]
    warnings: tuple[str, ...]
    rules_checked_on: dt.date | None
    ema: EmaCalendar | None = None  # the calendar snaps used (for the simulation)

    def to_dict(self) -> dict[str, Any]:
        """The report as the JSON output contract (``schema_version`` 1)."""
        from .output import report_dict

        return report_dict(self)


LIKELIER_THAN_NOT = 0.5


def plan_risks(
    pathway: Pathway,
    probabilities: Mapping[str, float] | None,
    overrides: Mapping[tuple[str, str], Override],
) -> tuple[Risk, ...]:
    """The risks the plan counts: those likelier than not, with the probability in
    force, except on a step whose duration the profile or --set gave (that duration
    says what happens there) unless the risk's probability was set too."""
    chosen = probabilities or {}
    return tuple(
        r
        for r in pathway.risks
        if chosen.get(r.id, r.probability) > LIKELIER_THAN_NOT
        and ((pathway.id, r.milestone) not in overrides or r.id in chosen)
    )


def estimate_pathway(
    pathway: Pathway,
    profile: Profile,
    overrides: Mapping[tuple[str, str], Override] | None = None,
    ema: EmaCalendar | None = None,
    *,
    probabilities: Mapping[str, float] | None = None,
) -> Estimate:
    """Date every milestone of one pathway for one profile.

    A risk event likelier than not (with the probability in force: the rule's, or
    ``probabilities``, risk id -> probability, as the profile or --set chose) is in the
    dates: it moves its milestone later by its likely size, and so every milestone
    after it, the way it does in the simulation; a delayed CHMP step is placed on the
    plenary nearest the delay. The others are left out (Estimate.risks names them).
    """
    overrides = overrides or {}
    chosen = dict(probabilities or {})
    if any(r.when is not None for r in pathway.risks):
        # A risk for some products only (``when``): the others' timelines never see it.
        applies = tuple(r for r in pathway.risks if r.when is None or holds(r.when, profile))
        pathway = replace(pathway, risks=applies)
    planned = plan_risks(pathway, chosen, overrides) if pathway.risks else ()
    est = _date_pathway(pathway, profile, overrides, ema, planned, chosen)
    if planned:
        live = {r.id for r, _ in est.risks}
        if any(r.id not in live for r in planned):
            # A planned risk on a step the approval no longer waits on (a later date
            # is recorded): it is not counted anywhere.
            planned = tuple(r for r in planned if r.id in live)
            est = _date_pathway(pathway, profile, overrides, ema, planned, chosen)
    return est


def _date_pathway(
    pathway: Pathway,
    profile: Profile,
    overrides: Mapping[tuple[str, str], Override],
    ema: EmaCalendar | None,
    planned: Sequence[Risk],
    probabilities: Mapping[str, float],
) -> Estimate:
    """The dates, with the ``planned`` risk events at their likely sizes."""
    reasons = tuple(c.reason for c in pathway.eligibility if not holds(c, profile))
    if reasons:
        return Estimate(pathway, False, reasons, (), None, None, (), probabilities)
    submitted = profile.submission_for(pathway.jurisdiction)
    actuals = profile.actuals.get(pathway.jurisdiction, {})  # type: ignore[call-overload]
    submission_id = next(m.id for m in pathway.milestones if m.kind == "submission")
    if submitted is None and submission_id not in actuals:
        warning = (
            f"{pathway.id}: no planned submission date for {pathway.jurisdiction} "
            f'(give "submission" or "submissions: {{{pathway.jurisdiction}: YYYY-MM-DD}}")'
        )
        return Estimate(pathway, True, (), (), None, None, (warning,), probabilities)

    calendar = calendar_for(pathway.jurisdiction)
    dated: dict[str, DatedMilestone] = {}
    provisional: dict[str, set[int]] = {}
    warnings_seen: list[str] = []
    # Loaded pathways keep their milestones in dependency order (see rulepack).
    for m in pathway.milestones:
        if m.when is not None and not holds(m.when, profile):
            continue
        actual: dt.date | None = actuals.get(m.id)
        if m.kind == "submission":
            day = actual or submitted
            assert day is not None
            slips: list[tuple[str, Duration, dt.date, str | None]] = []
            for r in planned:
                if r.milestone == m.id and actual is None:
                    slips.append((r.id, r.adds.likely, day, None))
                    day = r.adds.likely.add_to(day, calendar)
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
                "estimated" if slips else "actual" if actual else "input",
                note=m.note,
                risk_delays=tuple(slips),
            )
            continue
        deps = tuple(d for d in m.after if d in dated)
        if (m.after and not deps) or (m.before and m.before not in dated):
            continue  # counted from milestones that do not apply to this profile
        assert m.duration is not None
        default = m.duration.likely
        spec, case, sources = m.duration, None, m.sources
        for c in m.cases:
            if holds(c.when, profile):
                spec, case, sources = c.duration, c.reason, tuple(c.sources)
                break
        override = overrides.get((pathway.id, m.id))
        if override is not None:
            spec = override.spec or DurationRange(likely=override.duration)
        duration = spec.likely
        if deps:
            start = max(dated[d].date for d in deps)
            day = duration.add_to(start, calendar)
        else:
            assert m.before is not None
            start = dated[m.before].date
            day = duration.subtract_from(start, calendar)
        counted_on = calendar if duration.needs_calendar else None
        if counted_on is not None:
            years = calendar.provisional_years(min(start, day), max(start, day))
            if years:
                provisional.setdefault(m.id, set()).update(years)
        snapped_from, snap_status = None, None
        if m.snap is not None:
            try:
                moved, snap_status = snap(m.snap, day, ema, calendar, start if deps else None)
            except BeyondCalendar as exc:
                raise beyond(f"{pathway.id}.{m.id}", exc) from None
            if moved != day:
                snapped_from, day = day, moved
        risk_delays: list[tuple[str, Duration, dt.date, str | None]] = []
        for r in planned:
            if r.milestone != m.id or actual is not None:
                continue
            if m.before is not None and day < start:
                # A step counted back from another (FDA's action by the goal date)
                # that a risk delays goes past that step: the delay runs from it.
                day = start
            later = r.adds.likely.add_to(day, calendar)
            placed: str | None = None
            if m.snap is not None:
                try:
                    # (snap_status stays the rule's own placement, which "moved from"
                    # explains; the delayed date's status goes with the delay.)
                    later, placed = snap(m.snap, later, ema, calendar, day, nearest=True)
                except BeyondCalendar as exc:
                    raise beyond(
                        f"{pathway.id}.{r.id} (counted in the plan as likelier than not)",
                        exc,
                        "an earlier submission date, or --set "
                        f"{pathway.id}.{r.id}=0.5 or lower to leave this risk out of the plan",
                    ) from None
            risk_delays.append((r.id, r.adds.likely, day, placed))
            day = later
        basis = m.basis
        if (
            override is not None
            or risk_delays
            or any(
                dated[d].basis == "estimated" for d in (*deps, *([m.before] if m.before else []))
            )
        ):
            basis = "estimated"
        if actual is not None:
            day, basis = actual, "actual"
            snapped_from, snap_status = None, None  # a recorded date was not moved
            if deps and actual < start:
                warnings_seen.append(
                    f"{pathway.id}: the recorded {m.id} ({actual.isoformat()}) is before "
                    f"{start.isoformat()}, the date of the milestone it follows; check actuals"
                )
            elif m.before and actual > start:
                warnings_seen.append(
                    f"{pathway.id}: the recorded {m.id} ({actual.isoformat()}) is after "
                    f"{m.before} ({start.isoformat()}), which it precedes; check actuals"
                )
            elif not m.kind.startswith("designation") and actual < dated[submission_id].date:
                warnings_seen.append(
                    f"{pathway.id}: the recorded {m.id} ({actual.isoformat()}) is before the "
                    f"submission ({dated[submission_id].date.isoformat()}); check actuals"
                )
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
            m.note,
            counted_on,
            spec,
            m.snap,
            snapped_from,
            snap_status,
            tuple(risk_delays),
        )
    warnings = list(warnings_seen)
    if provisional:
        listed = ", ".join(str(y) for y in sorted(set().union(*provisional.values())))
        warnings.append(
            f"{pathway.id}: working days are counted into {listed}, for which the installed "
            f"'holidays' data has no official {pathway.jurisdiction} holiday notice yet; "
            "projected holidays without make-up working days are used "
            f"({', '.join(provisional)})"
        )
    order = {m.id: i for i, m in enumerate(pathway.milestones)}
    milestones = tuple(sorted(dated.values(), key=lambda d: (d.date, order[d.id])))
    approval = next((d.date for d in milestones if d.kind == "approval"), None)
    return Estimate(
        pathway,
        True,
        (),
        milestones,
        approval,
        None,
        tuple(warnings),
        probabilities,
        frozenset(r.id for r in planned),
    )


def estimate(
    pack: RulePack,
    profile: Profile,
    pathway_ids: Sequence[str] | None = None,
    overrides: Mapping[tuple[str, str], Override] | None = None,
    *,
    source: str = "",
    probabilities: Mapping[str, Mapping[str, float]] | None = None,
    risk_dates: bool = True,
) -> Report:
    """Estimate the given pathways (all of the pack's if None) for a profile.

    Each expedited pathway is compared with its baseline, which is estimated too even
    when it was not asked for. ``probabilities`` (pathway -> risk id -> probability)
    are the risk probabilities the profile or ``--set`` chose; each estimate names its
    risks with the probability in force and, unless ``risk_dates`` is false (portfolios),
    the approval each would bring on its own.
    """
    ids = list(pathway_ids) if pathway_ids else list(pack.ids)
    unknown = [pid for pid in ids if pid not in pack]
    if unknown:
        raise InputError([Problem("pathway", pack.unknown(pid)) for pid in unknown])
    cache: dict[str, Estimate] = {}

    def get(pid: str) -> Estimate:
        if pid not in cache:
            cache[pid] = estimate_pathway(
                pack[pid],
                profile,
                overrides,
                pack.ema,
                probabilities=(probabilities or {}).get(pid),
            )
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
            est = replace(est, baseline=BaselineComparison(base_id, base.approval, saved))
        if risk_dates and est.risks:
            # The approval with each risk certain and with it ruled out, the others as
            # planned: one of the two is the plan's own approval.
            happens: dict[str, dt.date | None] = {}
            not_: dict[str, dt.date | None] = {}
            for r, _ in est.risks:
                counted = r.id in est.in_plan
                other = approval_with(pack, est, profile, overrides, r.id, 0.0 if counted else 1.0)
                happens[r.id] = est.approval if counted else other
                not_[r.id] = other if counted else est.approval
            est = replace(est, approval_if=happens, approval_unless=not_)
        if len(est.in_plan) == 1 and est.approval_unless:
            without = est.approval_unless[next(iter(est.in_plan))]
        elif est.in_plan:
            without = _approval_at(pack, est, profile, overrides, dict.fromkeys(est.in_plan, 0.0))
        else:
            without = est.approval
        results.append(replace(est, approval_without_plan_risks=without))
    warnings = tuple(w for e in results for w in e.warnings)
    return Report(profile, source, tuple(results), warnings, pack.checked_on, pack.ema)


def approval_with(
    pack: RulePack,
    est: Estimate,
    profile: Profile,
    overrides: Mapping[tuple[str, str], Override] | None,
    risk: str,
    probability: float,
) -> dt.date | None:
    """The approval with one risk certain (1.0: at its likely size) or ruled out (0.0),
    the others as in the plan; None if that runs past the EMA calendar (the plan itself
    did not: the risk is then shown without a date)."""
    return _approval_at(pack, est, profile, overrides, {risk: probability})


def _approval_at(
    pack: RulePack,
    est: Estimate,
    profile: Profile,
    overrides: Mapping[tuple[str, str], Override] | None,
    chosen: Mapping[str, float],
) -> dt.date | None:
    """The approval with the probabilities ``chosen`` (risk id -> probability) in force
    over the estimate's own; None if that runs past the EMA calendar."""
    try:
        return estimate_pathway(
            pack[est.pathway.id],
            profile,
            overrides,
            pack.ema,
            probabilities={**est.probabilities, **chosen},
        ).approval
    except InputError:
        return None


@dataclass(frozen=True)
class JurisdictionComparison:
    """The pathways of one jurisdiction side by side, earliest approval first."""

    jurisdiction: str
    estimates: tuple[Estimate, ...]

    @property
    def earliest(self) -> Estimate | None:
        """The eligible pathway with the earliest approval, if any has a date."""
        dated = [e for e in self.estimates if e.eligible and e.approval is not None]
        return min(dated, key=lambda e: (e.approval, e.pathway.id)) if dated else None


@dataclass(frozen=True)
class Comparison:
    """Pathways compared per jurisdiction, with the earliest approval overall."""

    report: Report
    jurisdictions: tuple[JurisdictionComparison, ...]

    @property
    def earliest(self) -> Estimate | None:
        """The eligible pathway with the earliest approval in any jurisdiction."""
        firsts = [j.earliest for j in self.jurisdictions if j.earliest is not None]
        return min(firsts, key=lambda e: (e.approval, e.pathway.id)) if firsts else None

    def to_dict(self) -> dict[str, Any]:
        """The report's JSON contract plus a ``comparison`` section."""
        data = self.report.to_dict()
        best = self.earliest
        data["comparison"] = {
            "earliest": (
                {
                    "pathway": best.pathway.id,
                    "approval": best.approval.isoformat() if best.approval else None,
                }
                if best
                else None
            ),
            "jurisdictions": [
                {
                    "jurisdiction": j.jurisdiction,
                    "earliest": j.earliest.pathway.id if j.earliest else None,
                    "pathways": [
                        {
                            "pathway": e.pathway.id,
                            "eligible": e.eligible,
                            "submission": e.submission.isoformat() if e.submission else None,
                            "approval": e.approval.isoformat() if e.approval else None,
                            "days_to_approval": (
                                (e.approval - e.submission).days
                                if e.approval and e.submission
                                else None
                            ),
                            "baseline": e.baseline.pathway if e.baseline else None,
                            "days_saved": e.baseline.days_saved if e.baseline else None,
                        }
                        for e in j.estimates
                    ],
                }
                for j in self.jurisdictions
            ],
        }
        return data


def compare(
    pack: RulePack,
    profile: Profile,
    pathway_ids: Sequence[str] | None = None,
    overrides: Mapping[tuple[str, str], Override] | None = None,
    *,
    source: str = "",
    probabilities: Mapping[str, Mapping[str, float]] | None = None,
) -> Comparison:
    """Estimate the pathways and group them by jurisdiction, earliest approval first."""
    report = estimate(
        pack, profile, pathway_ids, overrides, source=source, probabilities=probabilities
    )
    groups: dict[str, list[Estimate]] = {}
    for e in report.estimates:
        groups.setdefault(e.pathway.jurisdiction, []).append(e)
    far = dt.date.max
    return Comparison(
        report,
        tuple(
            JurisdictionComparison(
                j,
                tuple(sorted(es, key=lambda e: (not e.eligible, e.approval or far, e.pathway.id))),
            )
            for j, es in groups.items()
        ),
    )
