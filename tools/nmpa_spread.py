"""How NMPA priority review's simulated spread compares with real CGT reviews in China.

    python tools/nmpa_spread.py

For applications accepted every other month of 2020-2024, the plan's and the simulated
approval's days from acceptance (1,000 trials each, pooled) under priority review,
set against seven cell and gene therapies reviewed with priority, from their announced
acceptance to approval (the ``nmpa-cgt-reviews`` source of rules/nmpa-standard.yaml).
The rule file's supplement and past-the-clock ranges quote this output;
tests/test_nmpa.py checks it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np
from spread_common import BASE_PROFILE, best_fixed, inside, median_abs_error, pooled_days, quantiles

# Days from the announced acceptance to approval, priority review (2020-2025).
REVIEWS = {
    "axi-cel (Yikaida)": 484,  # 24 Feb 2020 -> 22 Jun 2021 (the calibration case)
    "relma-cel": 448,  # June 2020 (mid-month) -> 6 Sep 2021
    "eque-cel": 393,  # 2 Jun 2022 -> 30 Jun 2023
    "zevor-cel": 493,  # 18 Oct 2022 -> 23 Feb 2024
    "inati-cel": 328,  # 15 Dec 2022 -> 8 Nov 2023
    "amimestrocel": 189,  # 27 Jun 2024 -> 2 Jan 2025 (conditional approval)
    "BBM-H901": 260,  # 24 Jul 2024 -> 10 Apr 2025
}
QUANTILES = (10, 50, 90)
PROFILE = {**BASE_PROFILE, "designations": ["nmpa-priority-review"]}


@dataclass(frozen=True)
class Spread:
    plan_median: float
    simulated: tuple[int, ...]  # days from acceptance at QUANTILES
    covered: tuple[str, ...]  # the reviews inside the simulated P10-P90


def spread(pathway: str = "nmpa-standard", trials: int = 1000) -> Spread:
    """Pooled days from acceptance to approval: the plan's median and the simulation's."""
    plans, pooled = pooled_days(pathway, PROFILE, range(2020, 2025), "filing", trials)
    days = quantiles(pooled, QUANTILES)
    return Spread(statistics.median(plans), days, inside(REVIEWS, days[0], days[-1]))


def main() -> None:
    s = spread()
    real = np.percentile(list(REVIEWS.values()), QUANTILES)
    print("days from acceptance to approval, NMPA priority review (pooled)")
    print(f"plan median {s.plan_median:.0f}")
    print("simulated P10 / P50 / P90:", " / ".join(str(d) for d in s.simulated))
    print("the seven reviews P10 / P50 / P90:", " / ".join(f"{d:.0f}" for d in real))
    left = [f"{n} {d}" for n, d in REVIEWS.items() if n not in s.covered]
    print(f"P10-P90 covers {len(s.covered)} of {len(REVIEWS)}; outside: {', '.join(left)}")
    err = median_abs_error(REVIEWS.values(), s.plan_median)
    print(f"the plan's median is off by a median {err:.0f} days")
    err, low, high = best_fixed(REVIEWS.values())
    span = f"{low}" if low == high else f"{low}-{high}"
    print(f"best any one duration can do on the seven: {err:.0f} days (at {span} days)")


if __name__ == "__main__":
    main()
