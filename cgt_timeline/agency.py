"""Agency date rules that move a computed date: "counted from the 1st of next month".

A milestone names one with ``snap:``; the engine applies it after counting the
duration and records the date before the move, so that ``explain`` can show it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SNAP_RULES: tuple[str, ...] = ("pmda-busy-month",)


def pmda_busy_month(day: date) -> date:
    """PMDA counts applications filed on or after the 16th of March, June, September or
    December from the 1st of the next month (PMDA brochure, note on review times)."""
    if day.month in (3, 6, 9, 12) and day.day >= 16:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day


def pmda_busy_month_array(ordinals: np.ndarray) -> np.ndarray:
    """The same rule over an array of day ordinals (for the simulation)."""
    import numpy as np

    epoch = date(1970, 1, 1).toordinal()
    days = (ordinals - epoch).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    day_of_month = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    month_number = months.astype(np.int64) % 12 + 1
    busy = np.isin(month_number, (3, 6, 9, 12)) & (day_of_month >= 16)
    first_of_next = (months + 1).astype("datetime64[D]").astype(np.int64) + epoch
    result: np.ndarray = np.where(busy, first_of_next, ordinals)
    return result


SNAPS: dict[str, Callable[[date], date]] = {"pmda-busy-month": pmda_busy_month}
SNAP_ARRAYS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "pmda-busy-month": pmda_busy_month_array
}
