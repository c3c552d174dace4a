"""How fda-rmat's simulated spread around the goal date compares with real CGT approvals.

    python tools/fda_spread.py

For BLAs submitted every other month of 2017-2024, the simulated approval's days from
the PDUFA goal date the submission sets (1,000 trials each, pooled), set against 21
cell and gene therapy approvals of 2021-2025 (the ``cgt-approvals-2021-2025`` source of
rules/fda-standard.yaml: original goal and approval dates from the companies'
announcements) and the five calibration cases of 2017-2020. The rule file's
major-amendment and goal-missed risks quote this output; tests/test_fda.py checks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spread_common import BASE_PROFILE, best_fixed, inside, median_abs_error, pooled_days, quantiles

# Days from the original PDUFA goal date to approval, 2021-2025 (a 3-month extension
# after a major amendment, or for FDA's workload, shows as about +77 to +91).
RECENT = {
    "Breyanzi": 172,  # extended, then the inspection could not be done in time
    "Abecma": -1,
    "Carvykti": 91,
    "Zynteglo": 89,
    "Skysona": 91,
    "Omisirge": 77,
    "Elevidys": 24,
    "Roctavian": 90,
    "Casgevy (SCD)": 0,
    "Lyfgenia": -12,
    "Casgevy (TDT)": -74,
    "Amtagvi": 83,
    "Lenmeldy": 0,
    "Tecelra": -3,
    "Aucatzyl": -8,
    "Kebilidi": 0,
    "Ryoncil": -20,
    "Symvess": 131,
    "Encelto": 78,
    "Zevaskyn": 0,
    "Papzimeos": -13,
}
# The calibration cases (tests/data/calibration-cases.yaml), against FDA's goal dates.
CALIBRATION = {"Kymriah": -34, "Yescarta": -42, "Luxturna": -24, "Zolgensma": -7, "Tecartus": -17}
QUANTILES = (10, 50, 90)
PROFILE = {**BASE_PROFILE, "modality": "gene", "designations": ["rmat"]}


@dataclass(frozen=True)
class Spread:
    simulated: tuple[int, ...]  # days from the goal date at QUANTILES
    recent: tuple[str, ...]  # the 2021-2025 approvals inside the simulated P10-P90
    calibration: tuple[str, ...]  # the calibration cases inside it


def spread(pathway: str = "fda-rmat", trials: int = 1000) -> Spread:
    """Pooled simulated days from the goal date to approval, and what they cover."""
    _, pooled = pooled_days(pathway, PROFILE, range(2017, 2025), "goal-date", trials)
    days = quantiles(pooled, QUANTILES)
    low, high = days[0], days[-1]
    return Spread(days, inside(RECENT, low, high), inside(CALIBRATION, low, high))


def main() -> None:
    s = spread()
    print("days from the PDUFA goal date to approval (fda-rmat, pooled)")
    print("simulated P10 / P50 / P90:", " / ".join(str(d) for d in s.simulated))
    for label, cases, covered in (
        ("2021-2025 approvals", RECENT, s.recent),
        ("calibration cases", CALIBRATION, s.calibration),
    ):
        left = [f"{n} {d:+d}" for n, d in cases.items() if n not in covered]
        print(f"{label}: P10-P90 covers {len(covered)} of {len(cases)}; outside: {', '.join(left)}")
        err, low, high = best_fixed(cases.values())
        span = f"{low:+d}" if low == high else f"{low:+d} to {high:+d}"
        plan = median_abs_error(cases.values(), 0)
        print(
            f"  the plan (the goal date) is off by a median {plan:.0f} days;"
            f" the best any one offset can do: {err:.0f} (at {span} days)"
        )


if __name__ == "__main__":
    main()
