"""Time `smartcity validate` on synthetic corpora: wall time (median of runs) and peak memory.

python benchmarks/validate.py            # N = 100, 1000
python benchmarks/validate.py 5000 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

MEASURE = """
import resource, sys, time
from generator.content.project import Project
from generator.content.validate import validate
start = time.perf_counter()
result = validate(Project(sys.argv[1]))
elapsed = time.perf_counter() - start
assert result.ok, [str(d) for d in result.errors[:5]]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.4f} {peak:.1f} {len(result.files)}")
"""


def measure(project: Path, runs: int) -> tuple[list[float], list[float], list[float], int]:
    cores, wall, memory = [], [], []
    files = 0
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(project)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        wall.append(time.perf_counter() - start)
        cores.append(float(out[0]))
        memory.append(float(out[1]))
        files = int(out[2])
    return cores, wall, memory, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'cases':>6} {'files':>6} {'validate s':>11} {'process s':>10} {'per file ms':>12} "
        f"{'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            project = write_corpus(Path(tmp) / f"corpus-{n}", n)
            core, wall, memory, files = measure(project, args.runs)
            median = statistics.median(core)
            print(
                f"{n:>6} {files:>6} {median:>11.3f} {statistics.median(wall):>10.3f} "
                f"{1000 * median / files:>12.2f} {max(memory):>8.0f}"
            )


if __name__ == "__main__":
    main()
