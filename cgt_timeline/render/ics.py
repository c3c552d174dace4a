"""An iCalendar file: one all-day event per milestone, with UIDs that stay the same.

Re-importing a later estimate updates the events instead of duplicating them: the UID
is built from the profile, the pathway and the milestone, never from the date.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

from .. import __version__
from ..engine import Estimate
from .text import risks_counted

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case words joined by hyphens."""
    return _SLUG.sub("-", text.lower()).strip("-") or "product"


def uid(product: str, pathway: str, milestone: str) -> str:
    """The event's stable identifier: a readable slug and a short hash of the full name
    (so that names in any script, or differing only in punctuation, never collide)."""
    digest = hashlib.sha256(product.encode("utf-8")).hexdigest()[:10]
    return f"{slug(product)}-{digest}.{pathway}.{milestone}@cgt-timeline"


def render(estimates: Sequence[Estimate], product: str, stamp: date) -> str:
    """The calendar as text (RFC 5545). ``stamp`` is the DTSTAMP (the day it was made)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//cgt-timeline//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{product}: regulatory timelines")
    made = datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc)
    for e in estimates:
        for m in e.milestones:
            event = Event()
            event.add("uid", uid(product, e.pathway.id, m.id))
            event.add("dtstamp", made)
            event.add("dtstart", m.date)
            event.add("dtend", m.date + timedelta(days=1))
            event.add("summary", f"{e.pathway.id}: {m.name}")
            how = (
                f"{m.duration} "
                + (f"before {m.before}" if m.before else f"after {', '.join(m.after)}")
                if m.duration
                else "input"
            )
            if m.snapped_from is not None:
                how += f"; moved from {m.snapped_from.isoformat()} ({m.snap}, {m.snap_status})"
            how += risks_counted(m)
            event.add(
                "description",
                f"{e.pathway.name} ({e.pathway.jurisdiction}). "
                f"{m.kind}, {m.basis}: {how}. Sources: {', '.join(m.sources) or '-'}.",
            )
            event.add("categories", [e.pathway.jurisdiction, m.kind])
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
