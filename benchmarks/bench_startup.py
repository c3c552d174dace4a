"""Benchmark: `cgt-timeline estimate` (all pathways, built-in example) against the
time Python takes just to import the tool's dependencies, measured side by side.

The dependency floor imports every third-party module that a real `estimate` run
loads (found by running it once and listing sys.modules), so it is exactly the cost
of the code the tool borrows; the tool's own work is what the ratio measures. For
transparency the bare `import typer, rich, yaml, dateutil, holidays, pydantic` is
timed too (those packages load most of their modules lazily, so it is a lower floor
than any real use of them).

Runs are interleaved (floor, tool, floor, tool, ...) and the medians compared, so a
machine that is busier in one moment affects both sides alike.

    python benchmarks/bench_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time

BUDGET = 1.25
TOOL_ARGS = ["estimate"]

PROBE = """
import sys, io, contextlib, json
from cgt_timeline.cli import main
sys.argv = ["cgt-timeline", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
std = set(sys.stdlib_module_names)
mods = sorted(m for m, mod in sys.modules.items()
              if m.split(".")[0] not in std and not m.startswith("cgt_timeline")
              and getattr(mod, "__file__", None))
print(json.dumps(mods))
"""


def dependency_modules() -> list[str]:
    """Third-party (public) modules loaded by one real `estimate` run."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(TOOL_ARGS)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return list(json.loads(out.strip().splitlines()[-1]))


def tool_command() -> list[str]:
    script = shutil.which("cgt-timeline")
    if script:
        return [script, *TOOL_ARGS]
    return [sys.executable, "-m", "cgt_timeline", *TOOL_ARGS]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    modules = dependency_modules()
    floor_cmd = [
        sys.executable,
        "-c",
        "import importlib\n"
        f"for m in {modules!r}:\n"
        "    try:\n        importlib.import_module(m)\n    except Exception:\n        pass",
    ]
    # The tool freezes the garbage collector when it ends (see cgt_timeline.cli.main),
    # which makes interpreter shutdown cheaper; the same trick applied to the floor
    # gives the strictest comparison.
    frozen_cmd = [floor_cmd[0], "-c", floor_cmd[2] + "\nimport gc\ngc.freeze()"]
    bare_cmd = [sys.executable, "-c", "import typer, rich, yaml, dateutil, holidays, pydantic"]
    tool_cmd = tool_command()
    for cmd in (floor_cmd, frozen_cmd, bare_cmd, tool_cmd):  # warm caches and .pyc files
        wall(cmd)
    floor, frozen, bare, tool = [], [], [], []
    for _ in range(args.runs):
        floor.append(wall(floor_cmd))
        frozen.append(wall(frozen_cmd))
        bare.append(wall(bare_cmd))
        tool.append(wall(tool_cmd))
    f, z, b, t = (statistics.median(x) for x in (floor, frozen, bare, tool))
    ratio = t / f
    print(f"dependency modules imported by the floor: {len(modules)}")
    print(f"floor: import the dependencies' modules   median {f * 1000:7.1f} ms")
    print(f"floor, gc frozen at exit                  median {z * 1000:7.1f} ms")
    print(f"bare:  import the six packages            median {b * 1000:7.1f} ms")
    print(f"tool:  {' '.join(['cgt-timeline', *TOOL_ARGS]):34s} median {t * 1000:7.1f} ms")
    print(f"ratio tool / floor: {ratio:.2f} (budget {BUDGET:.2f})")
    print(f"ratio tool / floor with gc frozen at exit: {t / z:.2f}")
    print(f"ratio tool / bare:  {t / b:.2f}")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
