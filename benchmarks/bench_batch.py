"""Benchmark: 10,000 generated profiles through all pathways, against a one-profile run.

Budget (issue 5): under 10 s on a 2-core machine. The baseline, measured in the same
run, is `cgt-timeline estimate` of one profile (start-up and one estimate), so the
ratio and the per-product cost show what the batch adds.

    python benchmarks/bench_batch.py [--products 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_S = 10.0
MODALITIES = ["cell", "gene", "gene-editing", "tissue", "other"]
DESIGNATIONS = ["rmat", "orphan", "prime", "nmpa-breakthrough", "sakigake", ""]


def generate(path: Path, n: int) -> None:
    """n varied profiles (seeded): modalities, flags, designations, dates in 2026-2028."""
    rng = random.Random(20261126)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "name",
                "modality",
                "serious_condition",
                "unmet_medical_need",
                "orphan",
                "preliminary_clinical_evidence",
                "designations",
                "submission",
                "submission_eu",
                "submission_cn",
            ]
        )
        for i in range(n):
            year, month, day = (
                rng.choice([2026, 2027, 2028]),
                rng.randint(1, 12),
                rng.randint(1, 28),
            )
            writer.writerow(
                [
                    f"Product {i}",
                    rng.choice(MODALITIES),
                    rng.choice(["true", "false"]),
                    rng.choice(["true", "false"]),
                    rng.choice(["yes", "no"]),
                    rng.choice(["1", "0"]),
                    " ".join(rng.sample(DESIGNATIONS, 2)).strip(),
                    f"{year}-{month:02d}-{day:02d}",
                    f"{year}-{month % 12 + 1:02d}-{day:02d}",
                    f"{year + 1}-{month:02d}-{day:02d}",
                ]
            )


def command() -> list[str]:
    script = shutil.which("cgt-timeline")
    return [script] if script else [sys.executable, "-m", "cgt_timeline"]


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        portfolio = Path(tmp) / "portfolio.csv"
        single = Path(tmp) / "one.yaml"
        generate(portfolio, args.products)
        single.write_text(
            "name: one\nmodality: cell\nserious_condition: true\n"
            "unmet_medical_need: true\npreliminary_clinical_evidence: true\n"
            "submission: 2027-03-01\n"
        )
        base = command()
        one = [*base, "estimate", str(single), "-f", "csv"]
        wall(one)
        baseline = statistics.median(wall(one) for _ in range(5))
        print(f"baseline: one profile, all pathways      {baseline * 1000:8.0f} ms")
        for fmt in ("csv", "jsonl", "json"):
            out = Path(tmp) / f"out.{fmt}"
            run = [*base, "estimate", str(portfolio), "-f", fmt, "-o", str(out), "--force"]
            took = statistics.median(wall(run) for _ in range(args.runs))
            per = (took - baseline) / args.products * 1e6
            verdict = "ok" if took < BUDGET_S else "OVER BUDGET"
            ok &= took < BUDGET_S
            print(
                f"{args.products} products, --format {fmt:5s}     {took:8.2f} s  "
                f"({took / baseline:5.1f} x baseline, {per:5.0f} us per product; "
                f"budget {BUDGET_S:.0f} s: {verdict})"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
