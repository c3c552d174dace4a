"""Words shared by the human-readable renderers (table and Markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import DatedMilestone, Estimate

if TYPE_CHECKING:
    from ..simulation import Simulation


def counted_as(m: DatedMilestone) -> str:
    """How a milestone's date was counted, e.g. ``60 calendar days after bla-submission``."""
    if m.duration is None:
        text = "from the profile" if m.basis != "actual" else "recorded date"
        return text + risks_counted(m)
    if m.basis == "actual" and m.start is None:
        return "recorded date"
    relation = f"before {m.before}" if m.before else "after " + ", ".join(m.after)
    text = f"{m.duration} {relation}"
    if m.assumption is not None:
        text += f" ({m.assumption.origin}; default {m.default_duration})"
    elif m.case is not None:
        text += f" ({m.case})"
    if m.snapped_from is not None:
        status = "" if m.snap_status in (None, "rule") else f", {m.snap_status} calendar"
        text += f"; moved from {m.snapped_from.isoformat()} ({m.snap}{status})"
    if m.basis == "actual":
        text = "recorded date (rule: " + text + ")"
    return text + risks_counted(m)


def risks_counted(m: DatedMilestone) -> str:
    """'; + 4 months from 2027-03-25 (accelerated-assessment-reverts, likelier than
    not)' for each risk event the plan counts in this date."""
    return "".join(
        f"; + {adds} from {before.isoformat()} ({rid}, likelier than not)"
        for rid, adds, before, _ in m.risk_delays
    )


def calendar_note(m: DatedMilestone) -> str | None:
    """Holidays skipped and make-up days counted by a working-day count, in words."""
    note = m.calendar
    if note is None:
        return None
    parts = []
    skipped = len(note.holidays_skipped)
    makeup = len(note.makeup_days_counted)
    if skipped:
        parts.append(f"{skipped} weekday holiday{'s' if skipped != 1 else ''} skipped")
    if makeup:
        parts.append(f"{makeup} make-up working day{'s' if makeup != 1 else ''} counted")
    text = ", ".join(parts)
    if note.provisional_years:
        years = ", ".join(map(str, note.provisional_years))
        text += ("; " if text else "") + f"{years} projected"
    return text or None


def versus_baseline(e: Estimate) -> str:
    """``120 days earlier than fda-standard`` and the like, or an empty string."""
    if e.baseline is None or e.baseline.days_saved is None:
        return ""
    saved = e.baseline.days_saved
    if saved > 0:
        return f"{saved} days earlier than {e.baseline.pathway}"
    if saved < 0:
        return f"{-saved} days later than {e.baseline.pathway}"
    return f"same as {e.baseline.pathway}"


def risks_note(e: Estimate, sim: Simulation | None = None) -> str | None:
    """The risk events that can move the dates, one clause each, or None: those
    likelier than not are in the dates (with the approval if they do not happen),
    the others are left out (with the approval if they do).

    "In these dates, as likelier than not: accelerated assessment reverts ... (75%;
    +4 months of 1 month to 16 months; if it does not, approval 2027-05-24)."
    """
    if not e.risks:
        return None
    counted, left_out = [], []
    for r, p in e.risks:
        low, likely, high = r.adds.low, r.adds.likely, r.adds.high
        spread = f"{low or likely} to {high or likely}" if low or high else None
        if r.id in e.in_plan:
            size = f"+{likely}" + (f" of {spread}" if spread else "")
            then = e.approval_unless.get(r.id)
            if then is not None:
                size += f"; if it does not, approval {then.isoformat()}"
            counted.append(f"{_lower_first(r.name)} ({p:.0%}; {size})")
            continue
        size = f"+{spread}, {likely} likely" if spread else f"+{likely}"
        odds = f"{p:.0%}" + (", an even chance" if p == 0.5 else "")
        then = e.approval_if.get(r.id)
        if then is not None:
            size += f"; at {likely}, approval {then.isoformat()}"
        left_out.append(f"{_lower_first(r.name)} ({odds}; {size})")
    text = []
    if counted:
        text.append("In these dates, as likelier than not: " + "; ".join(counted) + ".")
    if left_out:
        text.append("Not in these dates: " + "; ".join(left_out) + ".")
    if sim is None:
        text.append("Run with --trials to weigh them.")
    else:
        low_q, high_q = min(sim.percentiles), max(sim.percentiles)
        text.append(f"The P{low_q:g}-P{high_q:g} lines weigh them.")
    return " ".join(text)


def _lower_first(name: str) -> str:
    """A name in the middle of a sentence: "A major amendment" -> "a major amendment",
    but "CDE asks again" and "NMPA ..." keep their capitals."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return name
    return name[:1].lower() + name[1:]
