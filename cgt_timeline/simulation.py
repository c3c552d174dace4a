"""Monte Carlo: draw every uncertain duration and risk event, many times, in bulk.

Each trial redates a pathway's milestones in dependency order, with durations drawn
from their ranges (PERT by default: a smooth distribution peaked at the likely value
that, unlike the triangular one, does not overweight the tails; ``distribution:
triangular`` is available) and risk events that happen with their probability. Dates
are held as day ordinals in numpy arrays, one element per trial; adding working days
is a binary search in the calendar's sorted working days, and adding months is done on
numpy month dates with the day clamped to the month's end (as dateutil does).

The deterministic estimate is untouched: simulation adds percentiles next to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .durations import Unit
from .engine import DatedMilestone, Estimate, Report
from .model import DurationRange, Pathway, Risk

if TYPE_CHECKING:
    import numpy as np

EPOCH = date(1970, 1, 1).toordinal()
DEFAULT_PERCENTILES = (10, 50, 90)
DEFAULT_SEED = 20261126


@dataclass
class PathwaySimulation:
    """Simulated dates of one pathway: one array of day ordinals per milestone."""

    pathway: str
    dates: dict[str, np.ndarray]
    risk_hits: dict[str, float] = field(default_factory=dict)

    def percentile(self, milestone: str, q: float) -> date:
        """The date by which ``q`` percent of the trials reached the milestone."""
        import numpy as np

        value = np.percentile(self.dates[milestone], q, method="inverted_cdf")
        return date.fromordinal(int(value))

    def probability_by(self, milestone: str, day: date) -> float:
        """Share of trials in which the milestone falls on or before ``day``."""
        return float((self.dates[milestone] <= day.toordinal()).mean())


@dataclass
class Simulation:
    """A simulation of every dated pathway of a report."""

    trials: int
    seed: int
    percentiles: tuple[float, ...]
    pathways: dict[str, PathwaySimulation]

    def quantiles(self, pathway: str, milestone: str) -> dict[str, date]:
        """``{"p10": date, ...}`` for a milestone."""
        sim = self.pathways[pathway]
        return {_key(q): sim.percentile(milestone, q) for q in self.percentiles}


def _key(q: float) -> str:
    return f"p{q:g}"


class Sampler:
    """Draws durations (in whole units) and risk hits with one seeded generator."""

    def __init__(self, trials: int, seed: int) -> None:
        import numpy as np

        self.trials = trials
        self.rng = np.random.Generator(np.random.PCG64(seed))

    def amounts(self, spec: DurationRange) -> np.ndarray:
        """Whole amounts of the spec's unit, one per trial."""
        import numpy as np

        likely = spec.likely.amount
        low = spec.low.amount if spec.low is not None else likely
        high = spec.high.amount if spec.high is not None else likely
        if low == high:
            return np.full(self.trials, likely, dtype=np.int64)
        if spec.distribution == "triangular":
            draws = self.rng.triangular(low, likely, high, self.trials)
        else:  # PERT: a beta distribution on [low, high] with its mode at likely
            alpha = 1 + 4 * (likely - low) / (high - low)
            beta = 1 + 4 * (high - likely) / (high - low)
            draws = low + (high - low) * self.rng.beta(alpha, beta, self.trials)
        if spec.at_likely:
            draws[self.rng.random(self.trials) < spec.at_likely] = likely
        return np.rint(draws).astype(np.int64)

    def hits(self, probability: float) -> np.ndarray:
        """Which trials the event happens in."""
        return self.rng.random(self.trials) < probability


def shift(
    ordinals: np.ndarray, amounts: np.ndarray, unit: Unit, pathway: Pathway, *, forward: bool = True
) -> np.ndarray:
    """Dates moved by per-trial amounts of a unit (forward, or back)."""
    import numpy as np

    sign = 1 if forward else -1
    result: np.ndarray
    if unit is Unit.DAYS:
        result = ordinals + sign * amounts
        return result
    if unit is Unit.WEEKS:
        result = ordinals + sign * 7 * amounts
        return result
    if unit in (Unit.MONTHS, Unit.YEARS):
        months = amounts * (12 if unit is Unit.YEARS else 1) * sign
        day = (ordinals - EPOCH).astype("datetime64[D]")
        month = day.astype("datetime64[M]")
        offset = (day - month.astype("datetime64[D]")).astype(np.int64)
        target = month + months.astype("timedelta64[M]")
        length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
            np.int64
        )
        moved = target.astype("datetime64[D]") + np.minimum(offset, length - 1)
        result = moved.astype(np.int64) + EPOCH
        return result
    from .calendars import calendar_for

    cal = calendar_for(pathway.jurisdiction)
    first = date.fromordinal(int(ordinals.min())).year - 2
    last = date.fromordinal(int(ordinals.max())).year + 12
    work = np.asarray(cal.working_days(first, last), dtype=np.int64)
    if forward:
        index = np.searchsorted(work, ordinals, side="right") + amounts - 1
        zero = np.searchsorted(work, ordinals, side="left")
    else:
        index = np.searchsorted(work, ordinals, side="left") - amounts
        zero = np.searchsorted(work, ordinals, side="right") - 1
    index = np.where(amounts == 0, zero, index)
    result = work[np.clip(index, 0, len(work) - 1)]
    return result


def simulate_estimate(
    estimate: Estimate,
    sampler: Sampler,
    *,
    probabilities: Mapping[str, float] | None = None,
    fixed: Mapping[str, int] | None = None,
    ema: Any = None,
) -> PathwaySimulation | None:
    """Redate one estimate ``sampler.trials`` times; None if it has no dates.

    ``probabilities`` overrides risk probabilities by risk id; ``fixed`` pins durations
    (milestone id -> amount in its unit), as the sensitivity analysis needs.
    """
    import numpy as np

    if not estimate.eligible or not estimate.milestones:
        return None
    pathway = estimate.pathway
    dated: dict[str, DatedMilestone] = {m.id: m for m in estimate.milestones}
    # The estimate's risks, with the probability in force (rule, profile or --set);
    # ``probabilities`` overrides those again (sensitivity pins them to 0 and 1).
    risks: dict[str, list[tuple[Risk, float]]] = {}
    for r, p in estimate.risks:
        risks.setdefault(r.milestone, []).append((r, p))
    out: dict[str, np.ndarray] = {}
    hits: dict[str, float] = {}
    n = sampler.trials
    for m in pathway.milestones:  # dependency order
        d = dated.get(m.id)
        if d is None:
            continue
        if d.spec is None or d.basis == "actual":
            # (A planned risk on an input, a late filing, is drawn below, not kept.)
            fixed_day = d.counted
            out[m.id] = np.full(n, fixed_day.toordinal(), dtype=np.int64)
        else:
            if d.before is not None:
                start = out[d.before]
            else:
                start = (
                    np.maximum.reduce([out[x] for x in d.after])
                    if len(d.after) > 1
                    else out[d.after[0]]
                )
            amounts = (
                np.full(n, fixed[m.id], dtype=np.int64)
                if fixed and m.id in fixed
                else sampler.amounts(d.spec)
            )
            out[m.id] = shift(start, amounts, d.spec.likely.unit, pathway, forward=d.before is None)
            if m.snap is not None:
                out[m.id] = _snap(
                    m.snap,
                    out[m.id],
                    ema,
                    pathway,
                    start if d.before is None else None,
                    f"{pathway.id}.{m.id}",
                )
        for r, in_force in risks.get(m.id, []):
            p = (probabilities or {}).get(r.id, in_force)
            hit = sampler.hits(p)
            hits[r.id] = float(hit.mean())
            base = out[m.id]
            if d.before is not None:
                # A step counted back from another goes past it when delayed: the
                # delay runs from the later of the two (a missed goal date, not an
                # early action that did not happen), as in the plan.
                base = np.maximum(base, out[d.before])
            extra = shift(base, sampler.amounts(r.adds), r.adds.likely.unit, pathway)
            if m.snap is not None and hit.any():
                # The later date keeps the step's calendar: a reverted opinion still
                # comes at a CHMP plenary, the one nearest the delay (delays are
                # measured plenary to plenary), after the date the risk moved. Only
                # the trials the event hit are placed (the others keep their date).
                extra[hit] = _snap(
                    m.snap,
                    extra[hit],
                    ema,
                    pathway,
                    base[hit],
                    f"{pathway.id}.{r.id}",
                    nearest=True,
                    expected=(
                        "an earlier submission date, or --set "
                        f"{pathway.id}.{r.id}=0 to leave this risk out"
                    ),
                )
            out[m.id] = np.where(hit, extra, out[m.id])
    return PathwaySimulation(pathway.id, out, hits)


def _snap(
    rule: str,
    days: np.ndarray,
    ema: Any,
    pathway: Pathway,
    floor: np.ndarray | None,
    what: str,
    *,
    nearest: bool = False,
    expected: str | None = None,
) -> np.ndarray:
    """Per-trial dates moved by a milestone's snap rule (see agency.snap_array)."""
    from .agency import BeyondCalendar, beyond, snap_array
    from .calendars import calendar_for

    try:
        return snap_array(
            rule, days, ema, calendar_for(pathway.jurisdiction), floor, nearest=nearest
        )
    except BeyondCalendar as exc:
        raise beyond(f"{what} (a simulated trial)", exc, expected) from None


def simulate(
    report: Report,
    trials: int,
    seed: int = DEFAULT_SEED,
    percentiles: Sequence[float] = DEFAULT_PERCENTILES,
    probabilities: Mapping[str, Mapping[str, float]] | None = None,
) -> Simulation:
    """Simulate every dated pathway of a report (same seed, same result)."""
    sampler = Sampler(trials, seed)
    sims = {}
    for e in report.estimates:
        sim = simulate_estimate(
            e, sampler, probabilities=(probabilities or {}).get(e.pathway.id), ema=report.ema
        )
        if sim is not None:
            sims[e.pathway.id] = sim
    return Simulation(trials, seed, tuple(percentiles), sims)


def simulation_dict(sim: Simulation, report: Report, approval_by: date | None) -> dict[str, Any]:
    """The ``simulation`` block of the JSON output."""
    block: dict[str, Any] = {
        "trials": sim.trials,
        "seed": sim.seed,
        "percentiles": [_key(q) for q in sim.percentiles],
        "distribution": "PERT unless a range says triangular; durations in whole units",
        "risk_hit_rates": {pid: s.risk_hits for pid, s in sim.pathways.items() if s.risk_hits},
    }
    if approval_by is not None:
        block["approval_by"] = {
            "date": approval_by.isoformat(),
            "probability": {
                e.pathway.id: round(
                    sim.pathways[e.pathway.id].probability_by(_approval_id(e), approval_by), 4
                )
                for e in report.estimates
                if e.pathway.id in sim.pathways
            },
        }
    return block


def _approval_id(e: Estimate) -> str:
    return next(m.id for m in e.milestones if m.kind == "approval")


def approval_quantiles(sim: Simulation, e: Estimate) -> dict[str, date] | None:
    """P10/P50/P90 (or the chosen percentiles) of a pathway's approval."""
    if e.pathway.id not in sim.pathways:
        return None
    return sim.quantiles(e.pathway.id, _approval_id(e))


def annotate(
    data: dict[str, Any], sim: Simulation, report: Report, approval_by: date | None
) -> dict[str, Any]:
    """Add percentiles to every simulated milestone of a JSON report, and the
    ``simulation`` block (additive to the schema_version 1 contract)."""
    for e, out in zip(report.estimates, data["estimates"], strict=True):
        if e.pathway.id not in sim.pathways:
            continue
        for m in out["milestones"]:
            m.update({k: v.isoformat() for k, v in sim.quantiles(e.pathway.id, m["id"]).items()})
    data["simulation"] = simulation_dict(sim, report, approval_by)
    return data


def spread(sim: Simulation | None, pathway: str, milestone: str) -> str | None:
    """``P10-P90 2027-01-03 to 2027-03-05`` when the trials spread, else None."""
    if sim is None or pathway not in sim.pathways:
        return None
    q = sim.quantiles(pathway, milestone)
    low, high = q[_key(sim.percentiles[0])], q[_key(sim.percentiles[-1])]
    if low == high:
        return None
    return (
        f"P{sim.percentiles[0]:g}-P{sim.percentiles[-1]:g} {low.isoformat()} to {high.isoformat()}"
    )


def probability_lines(sim: Simulation, report: Report, approval_by: date) -> list[str]:
    """``P(approval by 2027-06-30): fda-rmat 100%`` per simulated pathway."""
    lines = []
    for e in report.estimates:
        if e.pathway.id in sim.pathways:
            p = sim.pathways[e.pathway.id].probability_by(_approval_id(e), approval_by)
            lines.append(f"P(approval by {approval_by.isoformat()}) {e.pathway.id}: {p:.0%}")
    return lines


@dataclass(frozen=True)
class Sensitivity:
    """How far one uncertain input moves the P50 approval, from its low to its high."""

    input: str  # milestone id or risk id
    kind: str  # "duration" or "risk"
    low: str
    high: str
    p50_low: date
    p50_high: date

    @property
    def swing_days(self) -> int:
        """Days between the P50 approvals at the input's low and high."""
        return (self.p50_high - self.p50_low).days


def sensitivity(
    estimate: Estimate,
    trials: int,
    seed: int = DEFAULT_SEED,
    probabilities: Mapping[str, float] | None = None,
    ema: Any = None,
) -> tuple[date | None, list[Sensitivity]]:
    """The P50 approval, and every uncertain input ranked by its swing (a tornado).

    Each input is pinned to its low and then its high value while everything else is
    drawn as usual; the same seed for every run keeps the comparison fair.
    """
    approval = next((m.id for m in estimate.milestones if m.kind == "approval"), None)
    base = simulate_estimate(estimate, Sampler(trials, seed), probabilities=probabilities, ema=ema)
    if base is None or approval is None:
        return None, []
    rows: list[Sensitivity] = []

    def p50(**kwargs: Any) -> date:
        sim = simulate_estimate(estimate, Sampler(trials, seed), ema=ema, **kwargs)
        assert sim is not None
        return sim.percentile(approval, 50)

    for m in estimate.milestones:
        spec = m.spec
        if spec is None or m.basis == "actual" or (spec.low is None and spec.high is None):
            continue
        low = spec.low or spec.likely
        high = spec.high or spec.likely
        if low == high:
            continue
        rows.append(
            Sensitivity(
                m.id,
                "duration",
                str(low),
                str(high),
                p50(fixed={m.id: low.amount}, probabilities=probabilities),
                p50(fixed={m.id: high.amount}, probabilities=probabilities),
            )
        )
    for r, _ in estimate.risks:
        rows.append(
            Sensitivity(
                r.id,
                "risk",
                "does not happen",
                (
                    f"happens (+{r.adds.low or r.adds.likely} to {r.adds.high or r.adds.likely})"
                    if r.adds.low is not None or r.adds.high is not None
                    else f"happens (+{r.adds.likely})"
                ),
                p50(probabilities={**(probabilities or {}), r.id: 0.0}),
                p50(probabilities={**(probabilities or {}), r.id: 1.0}),
            )
        )
    rows.sort(key=lambda s: (-abs(s.swing_days), s.input))
    return base.percentile(approval, 50), rows
