"""Backtest: estimate real review histories as they were known at submission, and score.

Cases follow the format of ``tests/data/calibration-cases.yaml``: per case a
jurisdiction, the closest pathway (``pathway_hint``) and dated milestones, each with a
``precision`` (day | derived | month | quarter) and a ``kind`` (event | announced: the
announcement comes 0-4 days after the event, an EC decision up to 5).

A date is a window: one day, the days up to an announcement, or the whole month (or
quarter) when only that is known. A case known at submission only to the month is
estimated from the first and the last day of it; the error is the distance between the
window of estimates and the window of the real date (0 where they overlap).
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .engine import estimate
from .model import DESIGNATIONS, Profile
from .rulepack import RulePack

JURISDICTION = {"FDA": "US", "EMA": "EU", "PMDA": "JP", "NMPA": "CN"}
# Precisions scored: a month is a window; a quarter or a year is too wide to say much.
SCORABLE = ("day", "derived", "month")
SCORED = {"goal_date": "goal-date", "opinion": "opinion", "approval": "approval"}


@dataclass
class Score:
    """One scored milestone of one case."""

    case: str
    jurisdiction: str
    pathway: str
    milestone: str
    estimate: date  # from the earliest possible start
    actual: date  # the real date, or the last day it can have been
    error_days: int  # estimate - actual, 0 where the two windows overlap
    p10: date | None = None
    p90: date | None = None
    estimate_latest: date | None = None  # from the latest possible start, if not the same
    actual_earliest: date | None = None  # the first day the real date can have been
    actual_precision: str = "day"
    p50: date | None = None  # the simulation's median, from the earliest possible start
    p50_latest: date | None = None  # ... and from the latest, if not the same
    # The case's date the estimate started from: "validation 2019-12-02", or a window
    # "submission 2018-10-01..2018-10-31" for one known to the month.
    started_from: str | None = None

    @property
    def covered(self) -> bool | None:
        """Whether the real date lies in [P10, P90] (None without a simulation)."""
        if self.p10 is None or self.p90 is None:
            return None
        return self.p10 <= self.actual and (self.actual_earliest or self.actual) <= self.p90

    @property
    def p50_error_days(self) -> int | None:
        """The simulation's median minus the actual date (None without a simulation).

        The median is the point that minimises the expected absolute error when the
        simulated spread is right; the estimate is the plan with every risk avoided."""
        if self.p50 is None:
            return None
        return _gap(
            self.p50,
            self.p50_latest or self.p50,
            (self.actual_earliest or self.actual, self.actual),
        )

    @property
    def windowed(self) -> bool:
        """Scored against a month: a start or a real date known only to the month."""
        return self.estimate_latest is not None or self.actual_precision != "day"

    @property
    def estimate_text(self) -> str:
        if self.estimate_latest is None:
            return self.estimate.isoformat()
        return f"{self.estimate}..{self.estimate_latest}"

    @property
    def actual_text(self) -> str:
        if self.actual_precision in ("month", "quarter"):
            return f"{self.actual_earliest}..{self.actual} ({self.actual_precision})"
        return self.actual.isoformat()


@dataclass
class Backtest:
    """Scores, and what could not be scored with the reason."""

    scores: list[Score] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (case or case/milestone, why)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (case, how it was scored)

    def windowed_note(self) -> str | None:
        """A line naming the rows scored against a month window, if any."""
        rows = [
            s.case if s.milestone == "approval" else f"{s.case}/{s.milestone}"
            for s in self.scores
            if s.windowed
        ]
        if not rows:
            return None
        return (
            "Known only to the month, so scored against the whole month (error 0 where the "
            "estimates and the month overlap): " + ", ".join(rows) + "."
        )

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
            p50 = [abs(e) for s in errs if (e := s.p50_error_days) is not None]
            rows.append(
                {
                    "jurisdiction": code,
                    "n": len(errs),
                    "median_abs_error_days": statistics.median(absolute),
                    "median_error_days": statistics.median(s.error_days for s in errs),
                    "within_5_days": sum(a <= 5 for a in absolute) / len(errs),
                    "within_30_days": sum(a <= 30 for a in absolute) / len(errs),
                    "p10_p90_coverage": sum(covered) / len(covered) if covered else None,
                    "p50_median_abs_error_days": statistics.median(p50) if p50 else None,
                    "month_windows": sum(s.windowed for s in errs),
                }
            )
        return rows


def _window(entry: dict[str, Any] | None) -> tuple[date, date, str, bool] | None:
    """(first day, last day, precision, announced) of a dated entry, or None.

    ``day`` and ``derived`` dates are one day; ``month``, ``quarter`` and ``year`` dates
    the whole period ("2018-06", "2019-Q2" or any day in it; "2018")."""
    if not isinstance(entry, dict) or "date" not in entry:
        return None
    value = entry["date"]
    announced = entry.get("kind") == "announced"
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    # Without a precision, the date's own shape says it: "2019-10" is a month.
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        shape = "month"
    elif re.fullmatch(r"\d{4}-?Q[1-4]", text):
        shape = "quarter"
    else:
        shape = "day"
    precision = str(entry.get("precision", shape))
    if precision in ("day", "derived"):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return day, day, precision, announced
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-\d{1,2})?|-?Q([1-4]))?", text)
    if m is None:
        return None
    year = int(m[1])
    if m[3]:
        month = 3 * int(m[3]) - 2
    elif m[2] and 1 <= int(m[2]) <= 12:
        month = int(m[2])
    elif m[2] or precision != "year":
        return None
    else:
        month = 1
    if precision == "month" and not m[3]:
        first, last_month = date(year, month, 1), month
    elif precision == "quarter":
        first_month = 3 * ((month - 1) // 3) + 1
        first, last_month = date(year, first_month, 1), first_month + 2
    elif precision == "year":
        first, last_month = date(year, 1, 1), 12
    else:
        return None
    end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return first, end, precision, announced


def _day(entry: dict[str, Any] | None) -> tuple[date, bool] | None:
    """A day-precision date and whether it was announced (else None)."""
    w = _window(entry)
    if w is None or w[2] not in ("day", "derived"):
        return None
    return w[0], w[3]


def _error(estimated: date, actual: date, announced: bool, milestone: str) -> int:
    """Estimate minus actual in days; 0 inside an announcement's window."""
    return _gap(estimated, estimated, _actual_window(actual, announced, milestone))


def _actual_window(actual: date, announced: bool, milestone: str) -> tuple[date, date]:
    # An announced event happened on one of the days up to the announcement.
    window = (5 if milestone == "approval" else 4) if announced else 0
    return actual - timedelta(days=window), actual


def _gap(early: date, late: date, actual: tuple[date, date]) -> int:
    """Signed distance between the estimates [early, late] and the real window."""
    if early > actual[1]:
        return (early - actual[1]).days
    if late < actual[0]:
        return (late - actual[0]).days
    return 0


# Phrases in a case's free text -> profile designations (in this order of checks).
_DESIGNATION_WORDS: tuple[tuple[str, str], ...] = (
    ("regenerative medicine advanced therapy", "rmat"),
    ("rmat", "rmat"),
    ("breakthrough", "breakthrough"),
    ("fast track", "fast-track"),
    ("fast-track", "fast-track"),
    ("priority medicines", "prime"),
    ("priority medicine", "prime"),
    ("prime", "prime"),
    ("accelerated assessment", "accelerated-assessment"),
    ("sakigake", "sakigake"),
    ("pioneering", "sakigake"),
    ("priority review", "priority-review"),
    ("conditional approval", "conditional-approval"),
    ("conditional marketing authorisation", "conditional-ma"),
    ("conditional ma", "conditional-ma"),
    ("orphan", "orphan"),
)


# An item saying a designation was not held ("not SAKIGAKE", "PRIME request declined").
_NEGATION = re.compile(r"\b(not|no|denied|declined|rejected|refused|withdrawn|rescinded)\b")


def _designations(code: str, listed: Sequence[str]) -> list[str]:
    """Profile designations from a case's free text ("SAKIGAKE (10 Feb 2016)" -> sakigake,
    "Regenerative Medicine Advanced Therapy" -> rmat, "RMAT and Breakthrough Therapy" ->
    both; NMPA's get their ``nmpa-`` ids). An item with a negation counts for nothing."""
    found: list[str] = []
    for text in listed:
        lowered = " ".join(text.lower().replace("_", " ").split())
        if _NEGATION.search(lowered):
            continue
        for phrase, word in _DESIGNATION_WORDS:
            if not re.search(rf"\b{re.escape(phrase)}\b", lowered):
                continue
            # "Priority Medicines" is PRIME, not also priority review
            lowered = lowered.replace(phrase, " ")
            if code == "NMPA" and word in (
                "breakthrough",
                "priority-review",
                "conditional-approval",
            ):
                word = f"nmpa-{word}"
            if word in DESIGNATIONS and word not in found:
                found.append(word)
    return found


# Free text that says a thing was not had: "not (yet) granted", "refused", "non-priority".
_REFUSED = re.compile(
    r"\b(not|never|non)[\s-]+(yet\s+|been\s+|a\s+)?(granted|conditional|priority)\b"
    r"|\b(denied|declined|rejected|refused|withdrawn)\b"
)


def _says(value: object, words: str) -> bool | None:
    """True if a case field says it had one of ``words`` (a regex alternation; or a YAML
    true), False if it says it did not, None if it says nothing."""
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if not text or text in ("null", "none", "unknown"):
        return None
    if _REFUSED.search(text) or text in ("no", "false"):
        return False
    return text in ("yes", "true") or bool(re.search(rf"\b({words})\b", text))


def closest_pathway(
    code: str, facts: dict[str, Any], listed: Sequence[str] | str
) -> tuple[str, str]:
    """The shipped pathway closest to a case's facts, and why (for a case without a
    usable ``pathway_hint``): the expedited pathway where the case had what it needs."""
    held = set(_designations(code, [listed] if isinstance(listed, str) else listed))
    if code == "FDA":
        if _says(facts.get("review"), "priority") or held & {"rmat", "breakthrough"}:
            return "fda-rmat", "priority review, RMAT or breakthrough"
        return "fda-standard", "no priority review, RMAT or breakthrough named"
    if code == "EMA":
        # Accelerated assessment decides: "granted, then reverted" was granted; "not
        # granted" or "refused" means the 210-day timetable, PRIME or not. Without a
        # word on it, PRIME (which makes a product a candidate for it) stands in.
        aa = _says(facts.get("accelerated_assessment"), "granted")
        if aa is None:
            aa = bool(_says(facts.get("prime"), "granted|prime")) or bool(
                held & {"prime", "accelerated-assessment"}
            )
        if aa:
            return "ema-prime", "PRIME or accelerated assessment granted"
        return "ema-standard", "no accelerated assessment granted"
    if code == "PMDA":
        if _says(facts.get("approval_type"), "conditional"):
            return "pmda-conditional", "conditional and time-limited approval"
        return "pmda-standard", "regular approval"
    if "nmpa-breakthrough" in held:
        return "nmpa-breakthrough", "breakthrough therapy designation"
    return "nmpa-standard", "no breakthrough therapy designation named"


def _modality(text: str) -> str:
    lowered = text.lower()
    if "gene" in lowered or "plasmid" in lowered or "aav" in lowered:
        return "gene"
    if "sheet" in lowered or "tissue" in lowered:
        return "tissue"
    return "cell"


def _anchor(
    code: str, dates: dict[str, Any], pack: RulePack
) -> tuple[date, date, str | None, int, str] | None:
    """The window of what was known at submission: (first, last, the milestone id it
    records, or None for the submission itself, its days after the submission, and the
    case's date key it came from).

    A day-precision date wins over one known only to the month; between two of the same
    precision, the date the agency's clock counts from: EMA's procedure start (the
    validation) and NMPA's acceptance before the sponsor's submission (a submission a
    day after a deadline starts a month later), the FDA submission (the goal counts
    from receipt) before the announced filing."""
    known: list[tuple[tuple[date, date, str, bool], str | None, int, str]] = []
    candidates = [
        ("submission", None, 0),
        # Day 1 about 17 days after the submission deadline.
        ("validation", "procedure-start", 17) if code == "EMA" else ("", None, 0),
        # FDA announces acceptance at the day-60 filing review.
        ("acceptance", "bla-filing", 60) if code == "FDA" else ("", None, 0),
        ("acceptance", "nda-acceptance", 7) if code == "NMPA" else ("", None, 0),
    ]
    if code in ("EMA", "NMPA"):
        candidates = candidates[1:] + candidates[:1]
    for key, milestone, lead in candidates:
        w = _window(dates.get(key)) if key else None
        if w is not None and w[2] in SCORABLE:
            known.append((w, milestone, lead, key))
    if not known:
        return None
    (first, last, precision, announced), milestone, lead, key = min(
        known, key=lambda k: k[0][2] not in ("day", "derived")
    )
    exact = precision in ("day", "derived")
    if milestone == "procedure-start" and exact and announced and pack.ema is not None:
        # Announced up to 4 days after the fact: procedures start on calendar start
        # dates, so take the last one in that window.
        start, _ = pack.ema.next_start(last - timedelta(days=4))
        first = last = start if start <= last else last
    return first, last, milestone, lead, key


def _report(
    pack: RulePack,
    case: dict[str, Any],
    pathway: str,
    listed: list[str],
    day: date,
    lead: int,
    actual_id: str | None,
) -> Any:
    """The estimate of one case as known at submission, anchored on ``day``."""
    code = str(case["jurisdiction"])
    profile: dict[str, Any] = {
        "name": str(case.get("product", case.get("id", "?"))),
        "modality": _modality(str(case.get("modality", ""))),
        "serious_condition": True,
        "unmet_medical_need": True,
        "preliminary_clinical_evidence": True,
        "orphan": "orphan" in _designations(code, listed),
        "designations": _designations(code, listed),
        "submission": day - timedelta(days=lead),
    }
    if actual_id is not None:
        profile["actuals"] = {JURISDICTION[code]: {actual_id: day}}
    return estimate(pack, Profile.model_validate(profile), [pathway], risk_dates=False)


def run(
    cases: Sequence[dict[str, Any]], pack: RulePack, *, trials: int = 0, seed: int = 20261126
) -> Backtest:
    """Estimate and score every case that can be scored."""
    result = Backtest()
    for number, case in enumerate(cases, 1):
        if not isinstance(case, dict):
            result.skipped.append((f"case {number}", "not a mapping of case fields"))
            continue
        cid = str(case.get("id", f"case {number}"))
        code = str(case.get("jurisdiction", ""))
        raw_hint = case.get("pathway_hint")
        hint = raw_hint.strip() if isinstance(raw_hint, str) else ""
        if code not in JURISDICTION:
            result.skipped.append((cid, f"unknown jurisdiction {code!r}"))
            continue
        dates = case.get("dates") or {}
        facts = case.get("pathway") or {}
        if not isinstance(dates, dict) or not isinstance(facts, dict):
            result.skipped.append((cid, "dates and pathway must be mappings"))
            continue
        raw = facts.get("designations") or []
        listed = [str(d) for d in (raw if isinstance(raw, list) else [raw])]
        pathway = hint
        if hint not in pack:
            # No hint, or one this pack does not ship: the closest shipped pathway by
            # the case's own facts, said so under the table.
            pathway, why = closest_pathway(code, facts, listed)
            if pathway not in pack:
                result.skipped.append((cid, f"no pathway_hint, and no {pathway} in the rules"))
                continue
            if hint:
                told = f"pathway_hint {hint!r} is not a shipped pathway"
            elif raw_hint is not None:
                told = "pathway_hint is not a pathway id"
            else:
                told = "no pathway_hint"
            result.notes.append((cid, f"{told}: scored as {pathway} ({why})"))
        if pack[pathway].jurisdiction != JURISDICTION[code]:
            result.skipped.append(
                (cid, f"{pathway} is for {pack[pathway].jurisdiction}, not {code}")
            )
            continue
        if code == "NMPA" and "priority" in str(facts.get("review", "")).lower():
            listed.append("priority review")  # requested with the application
        anchor = _anchor(code, dates, pack)
        if anchor is None:
            result.skipped.append(
                (cid, "no submission, validation or acceptance dated to the day or month")
            )
            continue
        first, last, actual_id, lead, started = anchor
        started_from = f"{started} {first}" + (f"..{last}" if last != first else "")

        reports = [
            _report(pack, case, pathway, listed, day, lead, actual_id)
            for day in ((first, last) if last != first else (first,))
        ]
        if not reports[0].estimates[0].eligible:
            why = "; ".join(reports[0].estimates[0].ineligible_reasons)
            result.skipped.append((cid, f"{pathway} does not apply: {why}"))
            continue
        sims = []
        if trials:
            from .simulation import simulate

            sims = [simulate(r, trials, seed) for r in reports]
        for key, kind in SCORED.items():
            real = _window(dates.get(key))
            if key in dates and real is None:
                result.skipped.append((f"{cid}/{key}", "date not understood"))
            elif real is not None and real[2] not in SCORABLE:
                result.skipped.append((f"{cid}/{key}", f"known only to the {real[2]}"))
                real = None
            found = [
                next((m for m in r.estimates[0].milestones if m.kind == kind), None)
                for r in reports
            ]
            if real is None or found[0] is None or found[-1] is None:
                continue
            if real[2] in ("day", "derived"):
                window = _actual_window(real[1], real[3], key)
            else:
                window = (real[0], real[1])
            early, late = found[0].date, found[-1].date
            p10 = p90 = p50 = p50_late = None
            if sims:
                q_early = (
                    sims[0].quantiles(pathway, found[0].id) if pathway in sims[0].pathways else {}
                )
                q_late = (
                    sims[-1].quantiles(pathway, found[-1].id)
                    if pathway in sims[-1].pathways
                    else {}
                )
                if q_early and q_late:
                    p10, p90 = q_early[min(q_early)], q_late[max(q_late)]
                    p50, p50_late = q_early.get("p50"), q_late.get("p50")
            result.scores.append(
                Score(
                    cid,
                    code,
                    pathway,
                    key,
                    early,
                    window[1],
                    _gap(early, late, window),
                    p10,
                    p90,
                    late if late != early else None,
                    window[0] if window[0] != window[1] else None,
                    real[2] if real[2] in ("month", "quarter") else "day",
                    p50,
                    p50_late if p50_late != p50 else None,
                    started_from,
                )
            )
    return result
