"""Benchmark: 100,000 Monte Carlo trials of every shipped pathway.

Budget (issue 6): under 2 s on a 2-core machine. The baseline, measured in the same
run, is one deterministic estimate of all pathways (the work a trial repeats), so the
ratio says what a trial costs relative to the plain estimate.

    python benchmarks/bench_montecarlo.py [--trials 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from cgt_timeline import estimate, load_profile, load_rules
from cgt_timeline.simulation import simulate

BUDGET_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pack = load_rules()
    loaded = load_profile(None, pack)
    report = estimate(pack, loaded.profile, None, loaded.overrides)
    simulate(report, 1000)  # warm: numpy imported, calendars built

    def timed(fn: object) -> float:
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        return time.perf_counter() - start

    baseline = statistics.median(
        timed(lambda: estimate(pack, loaded.profile, None, loaded.overrides)) for _ in range(20)
    )
    took = statistics.median(
        timed(lambda: simulate(report, args.trials, seed=args.trials)) for _ in range(args.runs)
    )
    pathways = sum(1 for e in report.estimates if e.approval)
    print(f"baseline: one deterministic estimate of {pathways} pathways  {baseline * 1000:7.2f} ms")
    print(
        f"{args.trials:,} trials of {pathways} pathways:            {took:7.3f} s "
        f"({took / baseline:,.0f} x baseline, {took / args.trials * 1e6:.1f} us per trial)"
    )
    verdict = "ok" if took < BUDGET_S else "OVER BUDGET"
    print(f"budget {BUDGET_S:.0f} s: {verdict}")
    return 0 if took < BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
