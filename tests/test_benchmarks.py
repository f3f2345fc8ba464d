"""A smoke run of the benchmark at 100 cases keeps the script working; figures are not asserted."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_benchmark_runs_at_100_cases():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run"), "--sizes", "100", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| cases | validate s |")
    assert any(line.startswith("| 100 |") for line in lines)
