"""The release check: what must be true before the site is published (`smartcity build --release`).

The bundled project is a working example: its `site_url`, the accessibility statement's
address and e-mail, the events' sign-up links and the groups' contact addresses are
`example.org` placeholders, and every event and group is marked `(eksempel)`. All of that builds
cleanly, so nothing but this check stops a site whose canonical links, sitemap, feed and
calendars point at example.org from being published. It refuses:

- a placeholder address (`example.org`, `example.com`, `example.net`, `example.dk`, any host
  under the reserved names `.example`, `.invalid` and `.localhost`, `localhost`, `127.0.0.1`)
  anywhere in `mkdocs.yml` or in any file under `content/`;
- example content: an event, group, case or guide whose title says `(eksempel)` or whose summary
  begins `Eksempel:` (that is how the bundled examples are marked);
- `mkdocs.yml` without `site_url`, `repo_url`, `extra.accessibility.statement_url`,
  `extra.accessibility.email`, or an explicit `data_licence` (`name` and `url`) under the
  `smartcity` plugin: the plugin's default licence lets a development build run, but the
  secretariat must choose the open data's licence itself;
- in GitHub Actions, a `repo_url` that is not the repository the workflow runs in.

Every finding is a `Diagnostic` with file, line and column, rendered by `reporters`. The codes
are the check's own (`release.*`): they are about the project's settings, not a contributor's
file, so they are not in `messages.CATALOG` and never appear in `validate`. Pure Python: the
settings are read from `mkdocs.yml` with PyYAML's composer, which keeps every value's position
and constructs nothing (so `!ENV` and other tags are harmless here).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..content.diagnostics import Diagnostic, Result, Severity
from ..content.frontmatter import FrontMatter, decode, dotted, parse
from ..content.project import Project
from ..content.types import CONTENT_TYPES

MESSAGES: dict[str, str] = {
    "release.placeholder": "'{value}' er en pladsholder, ikke en rigtig adresse. Skriv den "
    "rigtige adresse, før sitet udgives.",
    "release.example-content": "Filen er eksempelindhold ({mark}). Erstat den med rigtige "
    "oplysninger, og fjern mærket, eller slet filen, før sitet udgives.",
    "release.site-url-missing": "site_url mangler i mkdocs.yml. Skriv sitets offentlige adresse, "
    "fx site_url: https://smartcity.kl.dk/, så kanoniske links, sitemap, feed og kalendere "
    "peger det rigtige sted hen.",
    "release.repo-url-missing": "repo_url mangler i mkdocs.yml. Skriv adressen på vidensbankens "
    "GitHub-arkiv, så 'Ret denne case'-links virker.",
    "release.repo-url-mismatch": "repo_url er '{value}', men sitet bygges fra {expected}. Skriv "
    "arkivets rigtige adresse.",
    "release.statement-missing": "Adressen på tilgængelighedserklæringen mangler i mkdocs.yml "
    "(extra.accessibility.statement_url). Et offentligt websted skal have en; den laves med "
    "Digitaliseringsstyrelsens værktøj (www.was.digst.dk).",
    "release.accessibility-email-missing": "E-mailadressen til henvendelser om tilgængelighed "
    "mangler i mkdocs.yml (extra.accessibility.email).",
    "release.licence-missing": "Licensen for de åbne data er ikke valgt i mkdocs.yml. Skriv den "
    "under plugins: - smartcity: data_licence: med name og url, fx name: CC BY 4.0 og url: "
    "https://creativecommons.org/licenses/by/4.0/deed.da.",
}
"""Every release-check code and its Danish message."""

_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
PLACEHOLDER_HOST = re.compile(
    rf"(?<![\w.-])(?:(?:{_LABEL}\.)*(?:example\.(?:org|com|net|dk)|{_LABEL}\.(?:example|invalid"
    rf"|localhost))|localhost|127\.0\.0\.1)(?![\w-]|\.[a-z0-9])",
    re.IGNORECASE,
)
"""Hosts reserved for examples and tests (RFC 2606, RFC 6761) and the usual stand-ins."""
_TOKEN_STOP = set(" \t\n\"'`()<>[]{}|,")
EXAMPLE_TITLE = re.compile(r"\(\s*eksempel\s*\)", re.IGNORECASE)
EXAMPLE_SUMMARY = re.compile(r"^\s*eksempel\s*:", re.IGNORECASE)
CONFIG_FILE = "mkdocs.yml"


def check(project: Project, *, environ: dict[str, str] | None = None) -> Result:
    """Everything that stops a release, over `mkdocs.yml` and every file under `content/`."""
    environ = os.environ if environ is None else environ
    result = Result()
    result.files.append(CONFIG_FILE)
    result.extend(_check_config(project.root / CONFIG_FILE, environ))
    for path in _content_files(project.content_dir):
        rel = project.relative(path)
        result.files.append(rel)
        result.extend(_check_content(path, rel))
    return result


def _diagnostic(code: str, file: str, line: int, column: int, field: str = "", **params):
    return Diagnostic(
        file, line, column, code, field, MESSAGES[code].format(**params), Severity.ERROR
    )


# -- addresses anywhere in a text ----------------------------------------------------------------


def placeholders(text: str) -> Iterator[tuple[int, int, str]]:
    """`(offset, column offset of the token, token)` for each placeholder address in `text`;
    the token is the whole URL or e-mail address the host stands in."""
    for match in PLACEHOLDER_HOST.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and text[start - 1] not in _TOKEN_STOP:
            start -= 1
        while end < len(text) and text[end] not in _TOKEN_STOP:
            end += 1
        token = text[start:end].rstrip(".,;:!?*_")
        yield start, end, token


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- mkdocs.yml ---------------------------------------------------------------------------------


def _walk(node, path=()) -> Iterator[tuple[tuple, yaml.Node]]:
    """Every node of a composed YAML tree with its path, iteratively."""
    stack = [(path, node)]
    while stack:
        path, node = stack.pop()
        yield path, node
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append(((*path, str(key.value)), value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in reversed(list(enumerate(node.value))):
                stack.append(((*path, index), value))


def _check_config(path: Path, environ) -> Iterator[Diagnostic]:
    text, problems = decode(path.read_bytes(), CONFIG_FILE)
    if text is None:
        yield from problems
        return
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    nodes = dict(_walk(root)) if root is not None else {}

    def where(path: tuple) -> tuple[int, int]:
        while path and path not in nodes:
            path = path[:-1]
        node = nodes.get(path)
        if node is None or not path:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def value(path: tuple) -> str:
        node = nodes.get(path)
        return node.value.strip() if isinstance(node, yaml.ScalarNode) else ""

    for node_path, node in nodes.items():
        if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            for offset, _, token in placeholders(node.value):
                line = node.start_mark.line + 1 + node.value.count("\n", 0, offset)
                yield _diagnostic(
                    "release.placeholder",
                    CONFIG_FILE,
                    line,
                    node.start_mark.column + 1,
                    _dotted_path(node_path),
                    value=token,
                )
    for key, code in (
        ("site_url", "release.site-url-missing"),
        ("repo_url", "release.repo-url-missing"),
    ):
        if not value((key,)):
            yield _diagnostic(code, CONFIG_FILE, *where((key,)), key)
    expected = _workflow_repository(environ)
    repo_url = value(("repo_url",))
    if (
        expected
        and repo_url
        and repo_url.rstrip("/").removesuffix(".git").lower() != expected.lower()
    ):
        yield _diagnostic(
            "release.repo-url-mismatch",
            CONFIG_FILE,
            *where(("repo_url",)),
            "repo_url",
            value=repo_url,
            expected=expected,
        )
    accessibility = ("extra", "accessibility")
    for key, code in (
        ("statement_url", "release.statement-missing"),
        ("email", "release.accessibility-email-missing"),
    ):
        if not value((*accessibility, key)):
            yield _diagnostic(
                code,
                CONFIG_FILE,
                *where((*accessibility, key)),
                _dotted_path((*accessibility, key)),
            )
    licence = _plugin_path(nodes)
    if licence is None or not all(value((*licence, "data_licence", k)) for k in ("name", "url")):
        spot = (*licence, "data_licence") if licence else ("plugins",)
        yield _diagnostic(
            "release.licence-missing", CONFIG_FILE, *where(spot), "plugins.smartcity.data_licence"
        )


def _plugin_path(nodes: dict) -> tuple | None:
    """The path of the `smartcity` plugin's settings in `plugins:`, or None if it has none."""
    for path in nodes:
        if len(path) == 3 and path[0] == "plugins" and path[2] == "smartcity":
            return path
    return None


def _workflow_repository(environ) -> str:
    """`https://github.com/owner/name` when running in GitHub Actions, else empty."""
    repository = environ.get("GITHUB_REPOSITORY", "")
    server = environ.get("GITHUB_SERVER_URL", "https://github.com")
    return f"{server.rstrip('/')}/{repository}" if repository else ""


def _dotted_path(path: tuple) -> str:
    return dotted(path) if path else ""


# -- content ------------------------------------------------------------------------------------


def _content_files(content_dir: Path) -> list[Path]:
    files = []
    for directory in CONTENT_TYPES:
        folder = content_dir / directory
        if folder.is_dir():
            files += sorted(p for p in folder.glob("*.md") if p.is_file() and not p.is_symlink())
    return files


def _check_content(path: Path, rel: str) -> Iterator[Diagnostic]:
    raw = path.read_bytes()
    text, _ = decode(raw, rel)
    if text is None:
        return  # `validate` says why; there is nothing to read here
    fm, _ = parse(raw, rel)
    fields = _fields_by_line(fm) if fm is not None else {}
    for offset, _, token in placeholders(text):
        line, column = _line_column(text, offset)
        yield _diagnostic(
            "release.placeholder", rel, line, column, fields.get(line, ""), value=token
        )
    if fm is None:
        return
    title, summary = fm.data.get("title"), fm.data.get("summary")
    if isinstance(title, str) and EXAMPLE_TITLE.search(title):
        yield _diagnostic(
            "release.example-content",
            rel,
            *fm.position(("title",)),
            "title",
            mark=f"'{EXAMPLE_TITLE.search(title).group(0)}' i titlen",
        )
    elif isinstance(summary, str) and EXAMPLE_SUMMARY.search(summary):
        yield _diagnostic(
            "release.example-content",
            rel,
            *fm.position(("summary",)),
            "summary",
            mark="resuméet begynder med 'Eksempel:'",
        )


def _fields_by_line(fm: FrontMatter) -> dict[int, str]:
    """File line -> the front-matter field whose value starts on it (the deepest one)."""
    fields: dict[int, tuple] = {}
    for path, (line, _) in fm.values.items():
        if path and (line not in fields or len(path) > len(fields[line])):
            fields[line] = path
    return {line: dotted(path) for line, path in fields.items()}
