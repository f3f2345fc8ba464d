#!/usr/bin/env python3
"""How long a saved edit takes to show in the browser under `smartcity serve`.

Makes a synthetic corpus of N cases, starts `smartcity serve` on it, opens a case page in
headless Chromium, then saves an edit to that case's body several times; each time it waits
until the page, reloaded by the preview's live-reload script, shows the new sentence. Prints
the first (full) build and each save-to-visible time. Figures are reported, never asserted.

    python benchmarks/preview.py               # 1,000 cases, 5 saves
    python benchmarks/preview.py --cases 5000 --saves 3
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import write_corpus  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()

    from browser import chromium

    with tempfile.TemporaryDirectory(prefix="smartcity-preview-") as temp:
        project = Path(temp) / "project"
        write_corpus(project, args.cases)
        case = sorted((project / "content" / "cases").glob("*.md"))[args.cases // 2]
        port = _free_port()
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}
        log = open(Path(temp) / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115
        started = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--root",
                str(project),
                "serve",
                "-a",
                f"127.0.0.1:{port}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            url = f"http://127.0.0.1:{port}/cases/{case.stem}/"
            with chromium() as browser:
                page = browser.new_page()
                while True:
                    try:
                        page.goto(url, timeout=600_000)
                        break
                    except Exception:  # noqa: BLE001 - the server is not up yet
                        if server.poll() is not None:
                            log.seek(0)
                            raise SystemExit(log.read()[-3000:]) from None
                        time.sleep(0.2)
                first = time.perf_counter() - started
                print(f"{args.cases} cases: first build and page {first:.1f} s")
                times = []
                text = case.read_text(encoding="utf-8")
                for n in range(1, args.saves + 1):
                    time.sleep(1.5)  # a writer between saves; lets the watcher settle
                    sentence = f"Redaktionens tilføjelse nummer {n}."
                    saved = time.perf_counter()
                    case.write_text(
                        text.replace("## Løsning\n", f"## Løsning\n\n{sentence}\n", 1),
                        encoding="utf-8",
                    )
                    page.wait_for_function(
                        "s => document.body && document.body.innerText.includes(s)",
                        arg=sentence,
                        timeout=120_000,
                        polling=50,
                    )
                    times.append(time.perf_counter() - saved)
                    print(f"  save {n}: visible after {times[-1]:.2f} s")
                print(
                    f"save to visible: median {statistics.median(times):.2f} s, "
                    f"worst {max(times):.2f} s (target: 2 s at 1,000 cases)"
                )
        finally:
            server.terminate()
            server.wait(30)
            log.close()


if __name__ == "__main__":
    main()
