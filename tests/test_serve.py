"""`smartcity serve`: validates, serves on 127.0.0.1, and rebuilds when a case changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from htmltree import parse


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


def _serve(tiny, port: int) -> subprocess.Popen:
    return subprocess.Popen(
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


def _stop(process: subprocess.Popen) -> str:
    process.terminate()
    return process.communicate(timeout=20)[0]


ENGLISH_FROM_MKDOCS = (
    "Aborted with",
    "The server will appear stuck",
    "Building documentation",
    "Documentation built",
    "Serving on",
    "Watching paths",
    "INFO",
    "WARNING",
    "ERROR",
    "end of life",
    "Traceback",
)


def test_serve_on_a_busy_port_is_a_usage_error_naming_dev_addr(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(
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
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert time.monotonic() - started < 20  # before any build
    assert result.stderr.splitlines()[-1] == (
        f"Fejl: Et andet program bruger allerede 127.0.0.1:{port}, måske en anden "
        "'smartcity serve'. Stop det, eller vælg en anden port med --dev-addr, fx "
        "'smartcity serve --dev-addr 127.0.0.1:8001'."
    )
    assert "Intern fejl" not in result.stderr


def _timed_get(url: str) -> tuple[str | None, float]:
    started = time.monotonic()
    return _get(url), time.monotonic() - started


def test_a_broken_case_shows_a_danish_page_and_the_preview_recovers(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    port = _free_port()
    process = _serve(tiny, port)
    url = f"http://127.0.0.1:{port}/cases/sensorer/"
    try:
        assert _wait_for(lambda: "Sensorer måler trafikken" in (_get(url) or ""), 60)
        broken = base_case.replace("status: pilot", "status: færdig").replace(
            "title: Sensorer måler trafikken i midtbyen",
            "title: Sensorer <måler> trafikken & lyset i Aarhus 🚦",
        )
        tiny.write({"content/cases/sensorer.md": broken})
        assert _wait_for(lambda: "Sitet kan ikke bygges" in (_get(url) or ""), 30)
        page, seconds = _timed_get(url)
        assert seconds < 1
        items = [" ".join(li.text.split()) for li in parse(page).find_all("li")]
        assert items == [
            "content/cases/sensorer.md:5: fejl: status: 'færdig' er ikke en gyldig værdi for "
            "Status. Gyldige værdier: idea (Idé), pilot (Pilot), operation (I drift), scaled "
            "(Udbredt), ended (Afsluttet)."
        ]
        assert "/livereload/" in page  # the page reloads itself once the site builds again
        other, seconds = _timed_get(f"http://127.0.0.1:{port}/")
        assert seconds < 1 and "Sitet kan ikke bygges" in other
        tiny.write(
            {"content/cases/sensorer.md": base_case.replace("status: pilot", "status: scaled")}
        )
        assert _wait_for(lambda: "Sitet kan ikke bygges" not in (_get(url) or "Sitet"), 30)
        assert "Udbredt" in _get(url)
    finally:
        output = _stop(process)
    assert "Forhåndsvisningen kører på http://127.0.0.1:" in output
    assert "\ncontent/cases/sensorer.md:5:9: fejl: status: 'færdig' er ikke en gyldig" in output
    assert (
        "\nfejl: 1 fejl i indholdet; se ovenfor. Sitet er ikke bygget.\n"
        "Sitet kan ikke bygges; browseren viser problemerne. Ret filen, og gem den, så bygges "
        "sitet igen.\n"
    ) in output
    assert [w for w in ENGLISH_FROM_MKDOCS if w in output] == [], output


def test_serve_starts_with_a_broken_case_and_shows_it(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case.replace("status: pilot", "status: færdig")})
    port = _free_port()
    process = _serve(tiny, port)
    try:
        assert _wait_for(
            lambda: "Sitet kan ikke bygges" in (_get(f"http://127.0.0.1:{port}/") or ""), 60
        )
    finally:
        _stop(process)


def test_the_browser_follows_the_preview_to_the_error_page_and_back(tiny, base_case, browser):
    """In Chromium, with no reload by hand: the open page turns into the list of problems when
    a save breaks the case, and back into the case when the next save fixes it."""
    tiny.write({"content/cases/sensorer.md": base_case})
    port = _free_port()
    process = _serve(tiny, port)
    url = f"http://127.0.0.1:{port}/cases/sensorer/"
    try:
        assert _wait_for(lambda: "Sensorer måler trafikken" in (_get(url) or ""), 60)
        page = browser.new_page()
        page.goto(url)
        assert page.locator("h1").first.inner_text() == "Sensorer måler trafikken i midtbyen"
        tiny.write(
            {"content/cases/sensorer.md": base_case.replace("status: pilot", "status: stoppet")}
        )
        page.wait_for_function("document.title.startsWith('Sitet kan ikke bygges')", timeout=30_000)
        assert (
            "status: 'stoppet' er ikke en gyldig værdi"
            in page.locator("main li").first.inner_text()
        )
        tiny.write(
            {
                "content/cases/sensorer.md": base_case.replace(
                    "title: Sensorer måler trafikken i midtbyen", "title: Sensorer & lys i Aarhus"
                )
            }
        )
        page.wait_for_function(
            "document.querySelector('h1')?.textContent.trim() === 'Sensorer & lys i Aarhus'",
            timeout=30_000,
        )
        page.close()
    finally:
        _stop(process)


def test_a_broken_mkdocs_yml_while_serving_is_shown_and_recovers(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    config = (tiny.root / "mkdocs.yml").read_text(encoding="utf-8")
    port = _free_port()
    process = _serve(tiny, port)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: "Sitet kan ikke" not in (_get(url) or "Sitet kan ikke"), 60)
        tiny.write({"mkdocs.yml": config + "\nsite_name: [\n"})
        assert _wait_for(lambda: "Sitet kan ikke bygges" in (_get(url) or ""), 30)
        items = [" ".join(li.text.split()) for li in parse(_get(url)).find_all("li")]
        assert items[0].startswith("mkdocs.yml: fejl: Filen kan ikke bruges:"), items
        tiny.write({"mkdocs.yml": config})
        assert _wait_for(lambda: "Sitet kan ikke" not in (_get(url) or "Sitet kan ikke"), 30)
    finally:
        output = _stop(process)
    assert "Traceback" not in output and "appear stuck" not in output
