"""Words shared by the human-readable renderers (table and Markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine import DatedMilestone, Estimate

if TYPE_CHECKING:
    from ..simulation import Simulation


def counted_as(m: DatedMilestone) -> str:
    """How a milestone's date was counted, e.g. ``60 calendar days after bla-submission``."""
    if m.duration is None:
        return "from the profile" if m.basis != "actual" else "recorded date"
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
    return text


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
    """The risk events the dates leave out, one clause each, or None.

    "Not in these dates: accelerated assessment reverts ... (60%, likelier than not;
    +3 months to 9 months, 4 months likely). Run with --trials to weigh them."
    """
    if not e.risks:
        return None
    parts = []
    for r, p in e.risks:
        low, likely, high = r.adds.low, r.adds.likely, r.adds.high
        size = f"+{likely}"
        if low is not None or high is not None:
            size = f"+{low or likely} to {high or likely}, {likely} likely"
        odds = f"{p:.0%}" + (", likelier than not" if p > 0.5 else "")
        then = e.approval_if.get(r.id)
        if then is not None:
            size += f"; at {likely}, approval {then.isoformat()}"
        parts.append(f"{_lower_first(r.name)} ({odds}; {size})")
    if sim is None:
        weighed = "Run with --trials to weigh them."
    else:
        low_q, high_q = min(sim.percentiles), max(sim.percentiles)
        weighed = f"The P{low_q:g}-P{high_q:g} lines weigh them."
    return "Not in these dates: " + "; ".join(parts) + ". " + weighed


def _lower_first(name: str) -> str:
    """A name in the middle of a sentence: "A major amendment" -> "a major amendment",
    but "CDE asks again" and "NMPA ..." keep their capitals."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return name
    return name[:1].lower() + name[1:]
