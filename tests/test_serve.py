"""`smartcity serve`: validates, serves on 127.0.0.1, and rebuilds when a case changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_when_a_case_changes(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(tiny.root),
            "serve",
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/cases/sensorer/"
    try:
        assert _wait_for(lambda: "Sensorer måler trafikken" in (_get(url) or ""), 60)
        tiny.write(
            {
                "content/cases/sensorer.md": base_case.replace(
                    "title: Sensorer måler trafikken i midtbyen", "title: Nye sensorer i midtbyen"
                )
            }
        )
        assert _wait_for(lambda: "Nye sensorer i midtbyen" in (_get(url) or ""), 60)
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "Traceback" not in output
