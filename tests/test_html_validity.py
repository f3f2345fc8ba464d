"""Valid HTML: the Nu Html Checker (vnu, the W3C validator) finds no error in any page of the
built bundled site, except the few that mkdocs-material writes where no override reaches, each
listed with its reason in fixtures/vnu-allowlist.yaml.

One vnu run over the whole site folder (it runs on Java; the jar comes from the npm package
`vnu-jar`, installed by `npm ci`). Failing lines name the page, the line and the message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = Path(__file__).resolve().parent / "fixtures" / "vnu-allowlist.yaml"
MATERIAL = Path(material.__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Problem:
    page: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Allowed:
    message: re.Pattern
    reason: str
    page: re.Pattern | None = None

    def matches(self, problem: Problem) -> bool:
        return bool(
            self.message.search(problem.message)
            and (self.page is None or self.page.search(problem.page))
        )


def load_allowlist() -> list[Allowed]:
    entries = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8")) or []
    return [
        Allowed(
            re.compile(e["message"]), e["reason"], re.compile(e["page"]) if e.get("page") else None
        )
        for e in entries
    ]


@pytest.fixture(scope="module")
def vnu(built) -> tuple[list[Problem], set[str], set[str]]:
    """Run vnu once over the site: (errors, pages vnu checked, HTML pages in the site)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing; vnu needs it: apt-get install default-jre-headless "
            "(bash .ci/run does it)"
        )
    if not VNU.is_file():
        pytest.fail(
            f"vnu is missing at {VNU.relative_to(REPO)}: run `npm ci` (bash .ci/run does it)"
        )
    site = built / "site"
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            "--skip-non-html",
            "--verbose",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(run.stderr)  # vnu writes its JSON report to stderr, file names to stdout
    problems = []
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        page = message.get("url", "").removeprefix("file:")
        page = Path(page).relative_to(site).as_posix() if page.startswith(str(site)) else page
        problems.append(
            Problem(page, message.get("lastLine", 0), " ".join(message["message"].split()))
        )
    checked = {
        Path(line).relative_to(site).as_posix()
        for line in run.stdout.splitlines()
        if line.startswith(str(site))
    }
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    return problems, checked, pages


def test_vnu_checked_every_page(vnu):
    _, checked, pages = vnu
    assert len(pages) > 50
    assert checked == pages


def test_every_page_is_valid_html(vnu):
    problems, _, _ = vnu
    allowed = load_allowlist()
    left = sorted({str(p) for p in problems if not any(a.matches(p) for a in allowed)})
    assert left == [], f"{len(left)} HTML errors:\n" + "\n".join(left[:60])


def test_every_allowlist_entry_still_matches_a_message(vnu):
    """A fixed problem must leave the allow-list, or the list would hide its return."""
    problems, _, _ = vnu
    stale = [a.message.pattern for a in load_allowlist() if not any(a.matches(p) for p in problems)]
    assert stale == [], (
        "allow-list entries that match nothing any more; remove them from "
        f"{ALLOWLIST.name}: {stale}"
    )


def test_every_allowlist_entry_says_why():
    for entry in load_allowlist():
        assert len(entry.reason.split()) >= 8, entry.message.pattern


# Material partials that theme/partials/ replaces with a copy and a small fix for valid HTML:
# the copy must be Material's file with exactly these replacements, so that an upgrade of
# Material which changes the partial makes this fail instead of silently keeping an old copy.
FORKED_PARTIALS = {
    "partials/toc.html": [
        (
            """    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>""",
            """    {% if page in nav.pages %}
    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>
    {% else %}
    <div class="md-nav__title">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </div>
    {% endif %}""",
        )
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>')
    ],
}
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


@pytest.mark.parametrize("name", sorted(FORKED_PARTIALS))
def test_forked_material_partials_differ_only_by_our_fix(name):
    theirs = LEADING_COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    ours = LEADING_COMMENT.sub("", (REPO / "theme" / name).read_text(encoding="utf-8"))
    for old, new in FORKED_PARTIALS[name]:
        assert old in theirs, f"Material's {name} changed: copy it again and reapply the fix"
        theirs = theirs.replace(old, new)
    assert ours == theirs, f"theme/{name} is not Material's {name} plus the fix"
