"""Backtest: estimate real review histories as they were known at submission, and score.

Cases follow the format of ``tests/data/calibration-cases.yaml``: per case a
jurisdiction, the closest pathway (``pathway_hint``) and dated milestones, each with a
``precision`` (day | derived | month | quarter) and a ``kind`` (event | announced: the
announcement comes 0-4 days after the event, an EC decision up to 5). Only day-precision
(or derived) dates are scored; an announced date stands for the days before it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .engine import estimate
from .model import DESIGNATIONS, Profile
from .rulepack import RulePack

JURISDICTION = {"FDA": "US", "EMA": "EU", "PMDA": "JP", "NMPA": "CN"}
SCORED = {"goal_date": "goal-date", "opinion": "opinion", "approval": "approval"}


@dataclass
class Score:
    """One scored milestone of one case."""

    case: str
    jurisdiction: str
    pathway: str
    milestone: str
    estimate: date
    actual: date
    error_days: int  # estimate - actual, 0 when the estimate falls in an announced window
    p10: date | None = None
    p90: date | None = None

    @property
    def covered(self) -> bool | None:
        """Whether the actual date lies in [P10, P90] (None without a simulation)."""
        if self.p10 is None or self.p90 is None:
            return None
        return self.p10 <= self.actual <= self.p90


@dataclass
class Backtest:
    """Scores, and what could not be scored with the reason."""

    scores: list[Score] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (case or case/milestone, why)

    def summary(self, milestone: str = "approval") -> list[dict[str, object]]:
        """Per jurisdiction: n, median absolute error, share within 5 and 30 days, coverage."""
        rows: list[dict[str, object]] = []
        for code in ("FDA", "EMA", "NMPA", "PMDA"):
            errs = [s for s in self.scores if s.jurisdiction == code and s.milestone == milestone]
            if not errs:
                rows.append({"jurisdiction": code, "n": 0})
                continue
            absolute = [abs(s.error_days) for s in errs]
            covered = [s.covered for s in errs if s.covered is not None]
            rows.append(
                {
                    "jurisdiction": code,
                    "n": len(errs),
                    "median_abs_error_days": statistics.median(absolute),
                    "median_error_days": statistics.median(s.error_days for s in errs),
                    "within_5_days": sum(a <= 5 for a in absolute) / len(errs),
                    "within_30_days": sum(a <= 30 for a in absolute) / len(errs),
                    "p10_p90_coverage": sum(covered) / len(covered) if covered else None,
                }
            )
        return rows


def _day(entry: dict[str, Any] | None) -> tuple[date, bool] | None:
    """A day-precision date and whether it was announced (else None)."""
    if not entry or entry.get("precision") not in ("day", "derived"):
        return None
    value = entry["date"]
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return day, entry.get("kind") == "announced"


def _error(estimated: date, actual: date, announced: bool, milestone: str) -> int:
    if not announced:
        return (estimated - actual).days
    # The event happened on one of the days up to the announcement.
    window = 5 if milestone == "approval" else 4
    earliest = actual - timedelta(days=window)
    if earliest <= estimated <= actual:
        return 0
    return (estimated - actual).days if estimated > actual else (estimated - earliest).days


def _designations(code: str, listed: Sequence[str]) -> list[str]:
    """Profile designations from a case's free text ("SAKIGAKE (10 Feb 2016)" -> sakigake)."""
    found: list[str] = []
    for text in listed:
        word = text.lower().split(" (")[0].strip().replace(" ", "-")
        word = {"breakthrough-therapy": "breakthrough"}.get(word, word)
        if code == "NMPA" and word in ("breakthrough", "priority-review", "conditional-approval"):
            word = f"nmpa-{word}"
        if word in DESIGNATIONS and word not in found:
            found.append(word)
    return found


def _modality(text: str) -> str:
    lowered = text.lower()
    if "gene" in lowered or "plasmid" in lowered or "aav" in lowered:
        return "gene"
    if "sheet" in lowered or "tissue" in lowered:
        return "tissue"
    return "cell"


def run(
    cases: Sequence[dict[str, Any]], pack: RulePack, *, trials: int = 0, seed: int = 20261126
) -> Backtest:
    """Estimate and score every case that can be scored."""
    result = Backtest()
    for case in cases:
        cid = str(case.get("id", "?"))
        code = str(case.get("jurisdiction", ""))
        pathway = str(case.get("pathway_hint", ""))
        if code not in JURISDICTION or pathway not in pack:
            result.skipped.append((cid, f"unknown jurisdiction {code!r} or pathway {pathway!r}"))
            continue
        dates = case.get("dates") or {}
        listed = [str(d) for d in (case.get("pathway") or {}).get("designations") or []]
        designations = " ".join(listed)
        profile: dict[str, Any] = {
            "name": str(case.get("product", cid)),
            "modality": _modality(str(case.get("modality", ""))),
            "serious_condition": True,
            "unmet_medical_need": True,
            "preliminary_clinical_evidence": True,
            "orphan": "orphan" in designations.lower(),
            "designations": _designations(code, listed),
        }
        actuals: dict[str, date] = {}
        submitted = _day(dates.get("submission"))
        if submitted is not None:
            profile["submission"] = submitted[0]
        elif code == "EMA" and _day(dates.get("validation")):
            start = _day(dates.get("validation"))
            assert start is not None
            day = start[0]
            if start[1] and pack.ema is not None:
                # Announced up to 4 days after the fact: procedures start on calendar
                # start dates, so take the last one in that window.
                first, _ = pack.ema.next_start(day - timedelta(days=4))
                day = first if first <= day else day
            profile["submission"] = day - timedelta(days=17)
            actuals["procedure-start"] = day
        elif code == "FDA" and _day(dates.get("acceptance")):
            accepted = _day(dates.get("acceptance"))
            assert accepted is not None
            # Acceptance is announced at the day-60 filing review.
            profile["submission"] = accepted[0] - timedelta(days=60)
            actuals["bla-filing"] = accepted[0]
        elif code == "NMPA" and _day(dates.get("acceptance")):
            accepted = _day(dates.get("acceptance"))
            assert accepted is not None
            profile["submission"] = accepted[0] - timedelta(days=7)
            actuals["nda-acceptance"] = accepted[0]
        else:
            result.skipped.append((cid, "no day-precision submission, validation or acceptance"))
            continue
        if actuals:
            profile["actuals"] = {JURISDICTION[code]: actuals}
        report = estimate(pack, Profile.model_validate(profile), [pathway])
        e = report.estimates[0]
        sim = None
        if trials:
            from .simulation import simulate

            sim = simulate(report, trials, seed)
        for key, kind in SCORED.items():
            actual = _day(dates.get(key))
            milestone = next((m for m in e.milestones if m.kind == kind), None)
            if key in dates and actual is None:
                result.skipped.append((f"{cid}/{key}", "known only to the month or quarter"))
            if actual is None or milestone is None:
                continue
            q = sim.quantiles(pathway, milestone.id) if sim and pathway in sim.pathways else {}
            keys = sorted(q)
            result.scores.append(
                Score(
                    cid,
                    code,
                    pathway,
                    key,
                    milestone.date,
                    actual[0],
                    _error(milestone.date, actual[0], actual[1], key),
                    q[keys[0]] if q else None,
                    q[keys[-1]] if q else None,
                )
            )
    return result
