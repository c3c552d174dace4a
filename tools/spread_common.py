"""What the spread tools share: a pathway simulated over many start dates, pooled."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np

from cgt_timeline.engine import estimate
from cgt_timeline.model import Profile
from cgt_timeline.rulepack import load_rules
from cgt_timeline.simulation import simulate

# What every spread profile shares: an expedited pathway's conditions met.
BASE_PROFILE: Mapping[str, Any] = {
    "name": "spread",
    "modality": "cell",
    "serious_condition": True,
    "unmet_medical_need": True,
    "preliminary_clinical_evidence": True,
}


def pooled_days(
    pathway: str,
    profile: Mapping[str, Any],
    years: Iterable[int],
    anchor_kind: str,
    trials: int = 1000,
) -> tuple[list[int], np.ndarray]:
    """For a submission on the 2nd of every other month of ``years``: the plan's days
    from the milestone of kind ``anchor_kind`` to the approval, and every trial's."""
    pack = load_rules()
    plans: list[int] = []
    pooled = []
    for year in years:
        for month in (1, 3, 5, 7, 9, 11):
            fields = {**profile, "submission": date(year, month, 2)}
            report = estimate(pack, Profile.model_validate(fields), [pathway], risk_dates=False)
            e = report.estimates[0]
            anchor = next(m.date for m in e.milestones if m.kind == anchor_kind).toordinal()
            approval = next(m for m in e.milestones if m.kind == "approval")
            plans.append(approval.date.toordinal() - anchor)
            sim = simulate(report, trials)
            pooled.append(sim.pathways[pathway].dates[approval.id] - anchor)
    return plans, np.concatenate(pooled)


def quantiles(days: np.ndarray, qs: Iterable[int]) -> tuple[int, ...]:
    """Whole-day percentiles."""
    return tuple(int(d.round()) for d in np.percentile(days, list(qs)))


def inside(cases: Mapping[str, int], low: int, high: int) -> tuple[str, ...]:
    """The cases whose days fall in [low, high]."""
    return tuple(name for name, d in cases.items() if low <= d <= high)


def median_abs_error(values: Iterable[float], estimate: float) -> float:
    """The median of |value - estimate|: the backtest's measure for one fixed estimate."""
    return float(np.median([abs(v - estimate) for v in values]))


def best_fixed(values: Iterable[float]) -> tuple[float, int, int]:
    """The lowest median absolute error any one fixed whole-day estimate achieves on
    ``values``, and the first and the last whole day that achieve it (the days between
    them need not all do: with ties far apart, look at each).

    This is the floor for every estimator that gives these cases the same number: a
    single date per pathway cannot score better on them, however it is calibrated."""
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError("best_fixed needs at least one value")
    best = (math.inf, 0, 0)
    for c in range(math.floor(min(vals)), math.ceil(max(vals)) + 1):
        err = median_abs_error(vals, c)
        if err < best[0]:
            best = (err, c, c)
        elif err == best[0]:
            best = (err, best[1], c)
    return best
