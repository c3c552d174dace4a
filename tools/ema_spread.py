"""How ema-standard's simulated spread compares with real ATMP reviews at the EMA.

    python tools/ema_spread.py [PATHWAY ...]

For procedures starting every other month of 2017-2023, the plan's days from procedure
start to Commission decision and the simulated range (1,000 trials each, pooled), set
against the 17 ATMPs timed the same way in Rivetti di Val Cervo et al., BioDrugs 2024,
Table 2 (the ``atmp-review-times`` source of rules/ema-standard.yaml). The rule file's
further-rounds risk quotes this output; tests/test_ema.py checks it still holds.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass

import numpy as np
from spread_common import inside, pooled_days, quantiles

# Days from procedure start to Commission decision (BioDrugs 2024, Table 2).
ATMP_DAYS = {
    "Holoclar": 692,
    "Strimvelis": 364,
    "Spherox": 1656,
    "Kymriah": 273,
    "Yescarta": 371,
    "Luxturna": 462,
    "Alofisel": 729,
    "Zolgensma": 564,
    "Tecartus": 321,
    "Libmeldy": 385,
    "Abecma": 454,
    "Upstaza": 902,
    "Carvykti": 370,
    "Breyanzi": 627,
    "Roctavian": 405,
    "Hemgenix": 333,
    "Ebvallo": 386,
}
QUANTILES = (10, 25, 50, 75, 90)
PROFILE = {
    "name": "spread",
    "modality": "cell",
    "serious_condition": True,
    "unmet_medical_need": True,
    "preliminary_clinical_evidence": True,
}


@dataclass(frozen=True)
class Spread:
    pathway: str
    plan_median: float
    simulated: tuple[int, ...]  # days at QUANTILES
    covered: tuple[str, ...]  # the ATMPs inside the simulated P10-P90


def spread(pathway: str, trials: int = 1000) -> Spread:
    """The plan's median and the pooled simulated quantiles, start to decision."""
    plans, pooled = pooled_days(pathway, PROFILE, range(2017, 2024), "review-start", trials)
    days = quantiles(pooled, QUANTILES)
    return Spread(pathway, statistics.median(plans), days, inside(ATMP_DAYS, days[0], days[-1]))


def main(pathways: list[str]) -> None:
    real = np.percentile(list(ATMP_DAYS.values()), QUANTILES)
    print("days from procedure start to Commission decision")
    print(f"{'':14} {'plan':>5}  " + "  ".join(f"P{q:<3}" for q in QUANTILES))
    print(f"{'17 real ATMPs':14} {'':>5}  " + "  ".join(f"{d:4.0f}" for d in real))
    for pid in pathways:
        s = spread(pid)
        print(f"{pid:14} {s.plan_median:5.0f}  " + "  ".join(f"{d:4d}" for d in s.simulated))
        left = sorted(set(ATMP_DAYS) - set(s.covered), key=ATMP_DAYS.__getitem__)
        print(f"{'':14} P10-P90 covers {len(s.covered)} of {len(ATMP_DAYS)}; outside: ", end="")
        print(", ".join(f"{n} {ATMP_DAYS[n]}" for n in left))


if __name__ == "__main__":
    main(sys.argv[1:] or ["ema-standard", "ema-prime"])
