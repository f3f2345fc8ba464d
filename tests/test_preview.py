"""The preview's incremental builds: after each save, the site is byte for byte the one a full
build of the same content makes, while only the pages that show the change are rendered."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.content.project import Project
from generator.engine.backend import load_config
from generator.engine.build import preview_build
from generator.engine.preview import PreviewMemory

URL = "http://127.0.0.1:8765/"
REPO = Path(__file__).resolve().parent.parent


class Preview:
    """`smartcity serve`'s builds without its server: one memory, a build after each save."""

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root, self.site_dir = root, site_dir
        self.memory: PreviewMemory | None = None

    def _config(self):
        config = load_config(
            config_file=str(self.root / "mkdocs.yml"),
            site_dir=str(self.site_dir),
            dev_addr="127.0.0.1:8765",
        )
        config.site_url = URL
        return config

    def build(self) -> bool:
        """One build; False when it failed (as the preview, which then shows the problems)."""
        config = self._config()
        if self.memory is None:
            config.plugins.on_startup(command="serve", dirty=False)
            self.memory = PreviewMemory(Project(self.root), [Path(w) for w in config.watch])
        try:
            preview_build(config, self.memory, URL)
        except Exception:  # noqa: BLE001 - as the preview: a failed build is shown, not raised
            self.memory.forget()
            return False
        return True

    def close(self) -> None:
        if self.memory is not None:
            self.memory.close()  # its worker, kept from one build to the next

    @property
    def kept(self) -> set[str]:
        """The pages the last build kept from the one before."""
        plan = self.memory.last_plan
        return set(plan.skipped) if plan else set()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _assert_same_as_full(project: Path, incremental: Path, tmp_path: Path) -> None:
    full_dir = tmp_path / "full"
    shutil.rmtree(full_dir, ignore_errors=True)
    full_build = Preview(project, full_dir)
    try:
        assert full_build.build()
    finally:
        full_build.close()
    full, made = _files(full_dir), _files(incremental)
    assert sorted(made) == sorted(full), "the incremental build wrote other files"
    differing = [name for name in full if full[name] != made[name]]
    assert not differing, f"differs from a full build: {differing[:10]}"


@pytest.fixture
def closing():
    """Previews made in a test, closed after it."""
    made: list[Preview] = []
    yield lambda preview: made.append(preview) or preview
    for preview in made:
        preview.close()


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    for folder in ("content", "schema", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _sub(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert n == 1, f"{pattern!r} not in {path.name}"
    path.write_text(changed, encoding="utf-8")


def test_each_save_builds_what_a_full_build_builds(project, tmp_path, closing):
    site = tmp_path / "served"
    preview = closing(Preview(project, site))
    assert preview.build()
    assert preview.kept == set(), "the first build renders everything"
    cases = project / "content" / "cases"
    case = cases / "aarhus-led-gadebelysning.md"
    page = site / "cases" / "aarhus-led-gadebelysning" / "index.html"

    # A sentence in the body: its page shows it, the other case pages are kept.
    _edit(case, "## Løsning\n", "## Løsning\n\nLyset dæmpes til < 5 lux & slukkes aldrig helt.\n")
    assert preview.build()
    assert "Lyset dæmpes til &lt; 5 lux &amp; slukkes aldrig helt." in page.read_text()
    assert set(preview.memory.last_plan.fingerprints) - preview.kept == {f"cases/{case.name}"}, (
        "a body is shown on its own page only"
    )
    _assert_same_as_full(project, site, tmp_path)

    # The title: every listing, related case and reuse box that names it changes with it.
    _sub(case, r"^title: .*$", "title: Nyt navn til LED-gadelyset i Aarhus")
    assert preview.build()
    assert "Nyt navn til LED-gadelyset i Aarhus" in page.read_text()
    _assert_same_as_full(project, site, tmp_path)

    # Keywords and themes: tag pages, theme pages and other cases' related lists move.
    _sub(case, r"^tags:.*$", "tags: [belysning, energi, sensorer]")
    assert preview.build()
    _assert_same_as_full(project, site, tmp_path)
    _sub(case, r"^themes:.*$", "themes: [klima, trafik]")
    assert preview.build()
    _assert_same_as_full(project, site, tmp_path)

    # A guide, which the navigation names on every page.
    guide = next((project / "content" / "guides").glob("*.md"))
    _sub(guide, r"^title: .*$", "title: En guide med en ny titel")
    assert preview.build()
    _assert_same_as_full(project, site, tmp_path)


def test_reuse_and_failures_and_removals(project, tmp_path, closing):
    site = tmp_path / "served"
    preview = closing(Preview(project, site))
    assert preview.build()
    cases = project / "content" / "cases"
    reuser = cases / "aalborg-foererloese-busser.md"

    # Building on another case: its reuse box and the cards that say "reused" change.
    text = reuser.read_text(encoding="utf-8")
    assert "based_on:" not in text
    reuser.write_text(
        text.replace("\n---\n", "\nbased_on: [aarhus-city-lab]\n---\n", 1), encoding="utf-8"
    )
    assert preview.build()
    _assert_same_as_full(project, site, tmp_path)

    # A save with an error: the build fails and the next one starts over.
    broken = reuser.read_text(encoding="utf-8")
    reuser.write_text(broken.replace("title:", "titel:", 1), encoding="utf-8")
    assert not preview.build()
    reuser.write_text(broken, encoding="utf-8")
    assert preview.build()
    assert preview.kept == set()
    _assert_same_as_full(project, site, tmp_path)

    # A case removed and another added: pages come and go.
    (cases / "holbaek-giv-et-praj.md").unlink()
    assert preview.build()
    assert not (site / "cases" / "holbaek-giv-et-praj").exists()
    _assert_same_as_full(project, site, tmp_path)
    shutil.copy(reuser, cases / "en-ny-case.md")
    assert preview.build()
    assert (site / "cases" / "en-ny-case" / "index.html").is_file()
    _assert_same_as_full(project, site, tmp_path)


def _worker_state() -> tuple[int, int]:
    """In the worker: its process and how many texts it keeps analysed from the last index."""
    from generator.site.search import index

    return os.getpid(), sum(len(recent.last) for recent in index._RECENT.values())


def test_one_worker_serves_every_build(project, tmp_path, closing):
    """The worker that builds the search index outlives each build, so that it keeps what it
    analysed (a new one per build would start from nothing after every save)."""
    preview = closing(Preview(project, tmp_path / "served"))
    assert preview.build()
    worker, analysed = preview.memory.background.submit(_worker_state).result()
    assert analysed > 0, "the build's index was made by another process"
    case = project / "content" / "cases" / "aarhus-led-gadebelysning.md"
    _edit(case, "## Løsning\n", "## Løsning\n\nEn ny sætning.\n")
    assert preview.build()
    assert preview.memory.background.submit(_worker_state).result()[0] == worker
    if (os.cpu_count() or 1) > 1:
        assert worker != os.getpid()  # a process of its own, not the build's
