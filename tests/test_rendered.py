"""Each body rendered once (generator/engine/rendered.py): a page takes the validator's HTML
where MkDocs would change nothing in it, and the built site is the same byte for byte as when
MkDocs renders every body itself."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import REPO
from tests_support import snapshot

from generator.engine import forked, rendered

WORLD_BODY = """## Udfordring

Borgere skrev "AT&T < Telia > intet" og 3 < 5 & 7 > 2 i høringen; teksten kom fra en PDF med
ﬁne ligaturer, ＦＵＬＤＢＲＥＤＥ bogstaver og emoji 🚲🌧️.

## Løsning

### Trin 1 🚦

Se [Vejdirektoratets side](https://www.vejdirektoratet.dk/?a=1&b=2) eller skriv til
<trafik@aarhus.dk>. Tabellen:

| Måned | Antal |
| --- | ---: |
| Januar | 1.200 |

```
kode < med & tegn
```

## Resultater

Der er endnu ingen målinger.

## Erfaringer

Start småt, og del data med andre kommuner.
"""


@pytest.fixture
def taken(monkeypatch) -> list[str]:
    """The pages that took their body's HTML from validation (in this process: no helper)."""
    monkeypatch.setattr(forked, "MIN_SHARE", 10**9)
    pages: list[str] = []
    take_over = rendered.take_over

    def spy(page, scan):
        pages.append(page.file.src_uri)
        take_over(page, scan)

    monkeypatch.setattr(rendered, "take_over", spy)
    return pages


def _project(tiny, base_case):
    for folder in ("cases", "guides"):
        shutil.rmtree(tiny.root / "content" / folder)
        shutil.copytree(REPO / "content" / folder, tiny.root / "content" / folder)
    head = base_case.split("---\n")[1]
    tiny.write({"content/cases/verden.md": f"---\n{head}---\n{WORLD_BODY}"})


def test_pages_take_the_validators_html_and_the_site_is_the_same(
    tiny, base_case, tmp_path, taken, monkeypatch
):
    _project(tiny, base_case)
    once = tiny.run("build", "--strict", "--site-dir", str(tmp_path / "once"))
    assert once.exit_code == 0, once.output
    # links to other pages or images in the site: MkDocs resolves them, so it renders these
    resolved = {
        "cases/aarhus-led-gadebelysning.md",
        "cases/vejle-resiliensstrategi.md",
        "guides/kom-godt-i-gang.md",
    }
    assert "cases/verden.md" in taken
    assert not resolved & set(taken)
    assert len(taken) >= 10
    count = len(taken)

    monkeypatch.setattr(rendered, "same_settings", lambda *args: False)
    twice = tiny.run("build", "--strict", "--site-dir", str(tmp_path / "twice"))
    assert twice.exit_code == 0, twice.output
    assert len(taken) == count, "with other settings every body is rendered by MkDocs"
    assert snapshot(tmp_path / "once") == snapshot(tmp_path / "twice")
    page = (tmp_path / "once" / "cases" / "verden" / "index.html").read_text(encoding="utf-8")
    assert "3 &lt; 5 &amp; 7 &gt; 2" in page
    assert "mailto:" in page  # the e-mail autolink: a link, not a validation error
    heading = re.search(r'<h3 id="([^"]+)">Trin 1 🚦</h3>', page)
    assert heading and f'href="#{heading.group(1)}"' in page  # the table of contents links it


def test_settings_the_validator_cannot_read_make_mkdocs_render_every_body(
    tiny, base_case, tmp_path, taken
):
    """An `!ENV` value in an extension's settings reads as nothing to the validator, so its
    HTML could differ from MkDocs': the pages are rendered by MkDocs."""
    _project(tiny, base_case)
    config = tiny.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      permalink: false\n" in text
    config.write_text(
        text.replace(
            "      permalink: false\n", "      permalink: !ENV [NO_SUCH_VARIABLE, false]\n"
        ),
        encoding="utf-8",
    )
    result = tiny.run("build", "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert taken == []
    assert (tmp_path / "site" / "cases" / "verden" / "index.html").is_file()
