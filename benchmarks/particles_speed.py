"""Time course_utils.particles.simulate on pid-5M's size (5 million rows); the issue asks for under 30 seconds.

Usage:
    python benchmarks/particles_speed.py              # 5,000,000 rows, best of 1 run
    python benchmarks/particles_speed.py --rows 1000000 --repeat 3
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_utils import particles  # noqa: E402

BUDGET_S = 30.0


def machine() -> str:
    """The one-line machine description of benchmarks/run.py."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    times = []
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        frame = particles.simulate(args.rows, args.seed)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(times)
    print(f"simulate({args.rows:,}) -> {len(frame):,} rows: {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"(best of {args.repeat}; budget {BUDGET_S:.0f} s for 5M rows)")
    print(f"machine: {machine()}")
    if args.rows == 5_000_000 and wall > BUDGET_S:
        raise SystemExit(f"too slow: {wall:.1f} s > {BUDGET_S:.0f} s")


if __name__ == "__main__":
    main()
