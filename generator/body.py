"""One reading of a Markdown body, by the renderer the site uses.

The validator, `quality`, `lix`, `review` and the issue-form converter all read bodies here.
A body is rendered with the very Python-Markdown pipeline and settings MkDocs uses for the site
(`markdown_settings`: MkDocs' built-in extensions plus `markdown_extensions` from `mkdocs.yml`,
with the project's heading ids), and the checks walk the element tree that comes out, so the
gate and the page can never read a body differently: images only from
`content/cases/images/`, links only `https:`, `http:`, `mailto:`, `tel:` or pages of the site,
no raw HTML, sections from real headings.

Python-Markdown keeps no source positions, so each finding is placed by looking its source
text up in the body, in document order (`_Locator`): a link or image by its target (an inline
`](target`, an autolink `<target`, else the reference definition `]: target`, which is where
the address is written), a heading or a prompt by its text, raw HTML by the markup Python-Markdown
stashed. Where text repeats, the first occurrence after the previous finding wins; where the
text cannot be found (it was changed by escapes), the previous finding's position is used.

Some bodies cost Python-Markdown quadratic time or deep recursion. `_precheck` refuses them
before rendering, from the source lines alone: container nesting (lists and quotes, `- - - x`
included), bracket nesting, long runs of emphasis markers, long blocks without a blank line,
many unclosed `[`, `(` or `<` in one block, and very many headings. With those limits every body
up to the file size limit renders in well under a second (`benchmarks/bodies.py`). As a last
net, the render runs with a stack already `_STACK_MARGIN` frames deep, so a body that renders
here also renders inside MkDocs, and a `RecursionError` is a finding, never a crash.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
import yaml
from markdown.extensions.toc import slugify as _toc_slugify
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.treeprocessors import Treeprocessor

from .content import IMAGE_NAME

MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always loads (`mkdocs.config.defaults`, `markdown_extensions`)."""

MAX_CONTAINER_DEPTH = 10
MAX_BRACKET_DEPTH = 30
MAX_MARKER_RUN = 6
MAX_BLOCK_LINES = 200
MAX_UNCLOSED = 10
MAX_BLOCK_CHARS = 6_000
MAX_HEADINGS = 150
MAX_MARKS = 15_000
"""Markup characters (`[]()<&*_`!|`), list and quote markers and heading lines in a body: what
makes Python-Markdown build elements and stash placeholders, and so what its time grows with."""
_MARK_CHARS = "[]()<&*_`!|"
LINK_SCHEMES = ("http", "https", "mailto", "tel")
IMAGE_FOLDER = "cases/images"
_STACK_MARGIN = 250

RESERVED_ID_PREFIXES = ("__", "sc-", "kommune-")
"""Ids the theme gives its own elements: Material's (`__drawer`, `__search`, `__toc`,
`__nav_1`, `__palette_0`), the project's templates (`sc-main`, `sc-facts-title`) and the
municipality rows (`kommune-aarhus`)."""

PROMPT = "Skriv her:"
"""The start of a scaffold prompt (`*Skriv her:* Hvad var problemet?`), see
`generator/scaffolds/case.md.j2`."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ESCAPED = re.compile("\x02(\\d+)\x03")
_CONTAINER = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|[ \t]{0,3}>[ \t]?")
_THEMATIC_BREAK = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BLOCKS = ("ul", "ol", "pre", "p", "blockquote", "table")
_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_MARKER_RUN = re.compile(rf"[*_~]{{{MAX_MARKER_RUN + 1},}}")


# -- the pipeline ---------------------------------------------------------------------------


def heading_id(value: str, separator: str) -> str:
    """A heading's id: Python-Markdown's own slug, never one of the theme's ids."""
    slug = _toc_slugify(value, separator).lstrip("_-")
    if not slug or slug.startswith(RESERVED_ID_PREFIXES):
        slug = f"afsnit{separator}{slug}".rstrip(separator)
    return slug


class _TolerantLoader(yaml.SafeLoader):
    """Reads `mkdocs.yml` for its Markdown settings; tags it cannot build (`!ENV`,
    `!!python/name:`) read as None, since they never name a Markdown extension."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def markdown_settings(config_file: Path | None) -> tuple[list[str], dict[str, dict]]:
    """The extensions and their settings, as MkDocs renders pages with them."""
    names = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, dict] = {}
    listed = []
    if config_file is not None and config_file.is_file():
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        listed = data.get("markdown_extensions") or []
    for entry in listed:
        if isinstance(entry, dict):
            for name, config in entry.items():
                names.append(name)
                configs[name] = dict(config or {})
        elif isinstance(entry, str):
            names.append(entry)
    names = list(dict.fromkeys(names))
    return names, apply_policy(configs)


def apply_policy(configs: dict[str, dict]) -> dict[str, dict]:
    """The settings the project imposes whatever `mkdocs.yml` says (the plugin applies them to
    MkDocs' configuration too): heading ids that never collide with the theme's."""
    configs = dict(configs)
    configs["toc"] = {**configs.get("toc", {}), "slugify": heading_id}
    return configs


# -- what a scan finds ----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    """Line within the body, from 1."""
    column: int
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    """A link or image target as the page will have it."""

    url: str
    image: bool
    line: int
    column: int
    text: str = ""
    page: str | None = None
    """For a link or image inside the site: the content path it points at (`cases/x.md`)."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


@dataclass
class Section:
    """The part of a body under one `##` heading (`name` None before the first)."""

    name: str | None
    line: int
    units: list[str] = field(default_factory=list)
    prompts: list[int] = field(default_factory=list)
    """Lines of scaffold prompts left in the section."""


@dataclass
class BodyScan:
    findings: list[Finding] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    rendered: bool = False
    """False when the body was refused before rendering (the lists below are then empty)."""

    @property
    def units(self) -> list[str]:
        """The prose: paragraphs and list items as plain text, without prompts."""
        return [unit for section in self.sections for unit in section.units]

    @property
    def prompts(self) -> list[int]:
        return [line for section in self.sections for line in section.prompts]

    def section_names(self, level: int = 2) -> set[str]:
        return {h.text for h in self.headings if h.level == level}


# -- before rendering: bounded cost ----------------------------------------------------------


def _precheck(lines: list[str]) -> list[Finding]:
    """Constructs that would cost the renderer quadratic time or deep recursion."""
    found: list[Finding] = []
    block_start, block_lines = 0, 0
    openers: dict[str, int] = {}
    first_unclosed: dict[str, int] = {}
    headings = marks = block_chars = 0

    def close_block(end: int) -> None:
        if block_lines > MAX_BLOCK_LINES or block_chars > MAX_BLOCK_CHARS:
            found.append(
                Finding(
                    "body.block-too-long",
                    block_start + 1,
                    1,
                    {"lines": MAX_BLOCK_LINES, "chars": f"{MAX_BLOCK_CHARS:,}".replace(",", ".")},
                )
            )
        unclosed = sum(openers.values())
        if unclosed > MAX_UNCLOSED:
            line = min(first_unclosed.values())
            found.append(
                Finding("body.unclosed", line, 1, {"count": unclosed, "limit": MAX_UNCLOSED})
            )

    for index, line in enumerate(lines):
        if not line.strip():
            close_block(index)
            block_start, block_lines, block_chars = index + 1, 0, 0
            openers, first_unclosed = {}, {}
            continue
        block_lines += 1
        block_chars += len(line) + 1
        lineno = index + 1
        stripped = line.lstrip(" \t")
        line_marks = sum(line.count(char) for char in _MARK_CHARS)
        if stripped.startswith("#") or _UNDERLINE.match(line):
            headings += 1
            line_marks += 1
            if headings == MAX_HEADINGS + 1:
                found.append(Finding("body.too-many-headings", lineno, 1, {"limit": MAX_HEADINGS}))
        if not _THEMATIC_BREAK.match(line):
            depth, position = 0, len(line) - len(stripped)
            while True:
                marker = _CONTAINER.match(line, position)
                if not marker or marker.end() == position:
                    break
                depth, position = depth + 1, marker.end()
            indent = len(line[: len(line) - len(stripped)].expandtabs(4))
            line_marks += depth
            if depth and depth + indent // 4 > MAX_CONTAINER_DEPTH:
                found.append(Finding("body.too-deep", lineno, 1, {"limit": MAX_CONTAINER_DEPTH}))
                continue
        marks += line_marks
        if marks > MAX_MARKS and marks - line_marks <= MAX_MARKS:
            found.append(Finding("body.too-much-markup", lineno, 1, {"limit": MAX_MARKS}))
        run = _MARKER_RUN.search(line)
        if run:
            found.append(
                Finding("body.marker-run", lineno, run.start() + 1, {"limit": MAX_MARKER_RUN})
            )
            continue
        depth = deepest = 0
        for char in line:
            if char in "[(":
                depth += 1
                deepest = max(deepest, depth)
                openers[char] = openers.get(char, 0) + 1
                first_unclosed.setdefault(char, lineno)
            elif char in "])":
                depth = max(depth - 1, 0)
                opener = "[" if char == "]" else "("
                if openers.get(opener):
                    openers[opener] -= 1
            elif char == "<":
                openers["<"] = openers.get("<", 0) + 1
                first_unclosed.setdefault("<", lineno)
            elif char == ">" and openers.get("<"):
                openers["<"] = 0
        if deepest > MAX_BRACKET_DEPTH:
            found.append(Finding("body.too-deep", lineno, 1, {"limit": MAX_BRACKET_DEPTH}))
    close_block(len(lines))
    return found


# -- rendering --------------------------------------------------------------------------------


class _Capture(Treeprocessor):
    """Keeps the finished element tree (runs after every other tree processor)."""

    root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


class _RecordingHtml(HtmlInlineProcessor):
    """Python-Markdown's inline raw-HTML pattern, noting which stash entries it made."""

    def __init__(self, pattern, md, seen: set[int]) -> None:
        super().__init__(pattern, md)
        self.seen = seen

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        result = super().handleMatch(m, data)
        self.seen.add(len(self.md.htmlStash.rawHtmlBlocks) - 1)
        return result


class _Rendering:
    """One conversion with what it found: the element tree, the stash, raw HTML."""

    def __init__(self, names: list[str], configs: dict[str, dict], body: str) -> None:
        self.md = markdown.Markdown(extensions=names, extension_configs=configs)
        self.capture = _Capture(self.md)
        self.md.treeprocessors.register(self.capture, "smartcity-capture", -100)
        self.raw_html: set[int] = set()
        """Stash entries that hold raw HTML (the stash also holds code blocks and entities)."""
        inline = self.md.inlinePatterns["html"]
        self.md.inlinePatterns.register(
            _RecordingHtml(inline.pattern, self.md, self.raw_html), "html", 90
        )
        block = self.md.preprocessors["html_block"]
        run = block.run

        def recording_run(lines):
            before = len(self.md.htmlStash.rawHtmlBlocks)
            result = run(lines)
            self.raw_html.update(range(before, len(self.md.htmlStash.rawHtmlBlocks)))
            return result

        block.run = recording_run
        self.md.convert(body)
        self.root = self.capture.root

    def text(self, element: Element, skip: tuple[str, ...] = ()) -> str:
        """An element's text as a reader sees it (code included, images and `skip` not)."""
        parts: list[str] = []

        def walk(el: Element) -> None:
            if el.text:
                parts.append(el.text)
            for child in el:
                if child.tag not in skip and child.tag != "img":
                    walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(element)
        return self.plain("".join(parts))

    def plain(self, text: str) -> str:
        def unstash(match: re.Match) -> str:
            block = str(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))])
            return html.unescape(block) if block.startswith("&") else " "

        text = _STASH.sub(unstash, text)
        return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)


def _at_depth(depth: int, function):
    """`function()` called `depth` frames further down the stack."""
    return function() if depth <= 0 else _at_depth(depth - 1, function)


class _Locator:
    """Source positions for what the renderer found, looked up in document order."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.cursor = 0
        self.starts = [0]
        for match in re.finditer("\n", body):
            self.starts.append(match.end())

    def position(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.starts[lo] + 1

    def find(self, *needles: str | tuple[str, int], advance: bool = True) -> tuple[int, int]:
        """The position of the first needle found from the cursor (then from the start). A
        needle `(text, skip)` reports the point `skip` characters into the text."""
        for start in (self.cursor, 0):
            for needle in needles:
                text, skip = needle if isinstance(needle, tuple) else (needle, 0)
                if not text:
                    continue
                offset = self.body.find(text, start)
                if offset >= 0:
                    if advance and start == self.cursor:
                        self.cursor = offset + len(text)
                    return self.position(offset + skip)
        return self.position(self.cursor)

    def heading(self, text: str) -> tuple[int, int]:
        """An ATX (`## text`) or setext (`text` over `===`) heading's line holding `text`."""
        words = re.escape(text.split(" ")[0]) if text else ""
        pattern = re.compile(
            rf"^[ \t]{{0,3}}#{{1,6}}[ \t]+.*?{words}|^[^\n]*?{words}[^\n]*\n[ \t]{{0,3}}(?:=+|-+)[ \t]*$",
            re.M,
        )
        match = pattern.search(self.body, self.cursor)
        if match:
            self.cursor = match.end()
            return self.position(match.start())
        return self.find(text)

    def target(self, url: str) -> tuple[int, int]:
        for needle, skip in ((f"](<{url}", 3), (f"]({url}", 2), (f"<{url}", 1)):
            offset = self.body.find(needle, self.cursor)
            if offset >= 0:
                self.cursor = offset + len(needle)
                return self.position(offset + skip)
        # The target as written may carry backslash escapes (`\\\\host`) the renderer removed.
        written = "".join(
            "\\\\?" + re.escape(c) if c in _PUNCTUATION else re.escape(c) for c in url
        )
        inline = re.compile(r"\]\([ \t]*<?(" + written + ")")
        match = inline.search(self.body, self.cursor)
        if match:
            self.cursor = match.end()
            return self.position(match.start(1))
        definition = re.compile(r"\]:[ \t]*<?(" + written + ")")
        match = definition.search(self.body)
        if match:
            return self.position(match.start(1))
        return self.find(url)


class BodyScanner:
    """Reads bodies with one project's Markdown settings."""

    def __init__(self, config_file: Path | None = None) -> None:
        self.names, self.configs = markdown_settings(config_file)

    def scan(self, body: str, folder: str) -> BodyScan:
        """Everything known about a body of a document in `content/<folder>/`."""
        result = BodyScan()
        result.findings = _precheck(body.split("\n"))
        if result.findings:
            return result
        try:
            rendering = _at_depth(_STACK_MARGIN, lambda: _Rendering(self.names, self.configs, body))
        except RecursionError:
            result.findings.append(Finding("body.too-deep", 1, 1, {"limit": MAX_CONTAINER_DEPTH}))
            return result
        result.rendered = True
        locate = _Locator(body)
        self._walk(rendering, locate, folder, result)
        lines = set()
        for finding in [f for f in result.findings if f.code == "body.html"]:
            if finding.line in lines:  # one finding a line: `<b>x</b>` is one mistake
                result.findings.remove(finding)
            lines.add(finding.line)
        result.findings.sort(key=lambda f: (f.line, f.column))
        return result

    def _walk(self, rendering: _Rendering, locate: _Locator, folder: str, result: BodyScan):
        current = Section(None, 1)
        result.sections.append(current)

        def visit(element: Element) -> None:
            nonlocal current
            self._raw(rendering, element.text, locate, result)
            for child in element:
                tag = child.tag
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "pre", "table"):
                    for inner in child.iter():
                        if inner is not child:
                            self._raw(rendering, inner.tail, locate, result)
                        self._raw(rendering, inner.text, locate, result)
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    text = " ".join(rendering.text(child).split())
                    line, _ = locate.heading(text)
                    level = int(tag[1])
                    result.headings.append(Heading(level, text, child.get("id", ""), line))
                    if level <= 2:
                        current = Section(text if level == 2 else None, line)
                        result.sections.append(current)
                    self._targets(rendering, child, locate, folder, result)
                elif tag in ("pre", "table"):
                    self._targets(rendering, child, locate, folder, result)
                elif tag in ("a", "img"):
                    self._target(rendering, child, locate, folder, result)
                    visit(child)
                else:
                    if tag == "p" or (tag == "li" and all(c.tag != "p" for c in child)):
                        # A paragraph, or a tight list item: one unit of prose.
                        text = " ".join(rendering.text(child, skip=_BLOCKS).split())
                        if text.startswith(PROMPT):
                            line, _ = locate.find(PROMPT)
                            current.prompts.append(line)
                        elif text:
                            current.units.append(text)
                    visit(child)
                self._raw(rendering, child.tail, locate, result)

        if rendering.root is not None:  # None for a body of only blank lines
            visit(rendering.root)

    def _raw(self, rendering, text: str | None, locate: _Locator, result: BodyScan) -> None:
        """A finding for each piece of raw HTML in `text` (a tree node's text or tail)."""
        if not text or "\x02" not in text:
            return
        for match in _STASH.finditer(text):
            index = int(match.group(1))
            if index not in rendering.raw_html:
                continue
            raw = str(rendering.md.htmlStash.rawHtmlBlocks[index]).strip()
            before = rendering.plain(_STASH.sub("", text[: match.start()]))[-20:].lstrip()
            line, column = locate.find((before + raw, len(before)), raw, raw[:20])
            result.findings.append(Finding("body.html", line, column))

    def _targets(self, rendering, element, locate, folder, result) -> None:
        """Every link and image inside `element`."""
        for child in element:
            if child.tag in ("a", "img"):
                self._target(rendering, child, locate, folder, result)
            self._targets(rendering, child, locate, folder, result)

    def _target(self, rendering, element, locate, folder, result) -> None:
        image = element.tag == "img"
        url = rendering.plain(element.get("src" if image else "href") or "")
        line, column = locate.target(element.get("src" if image else "href") or url)
        text = element.get("alt", "") if image else rendering.text(element)
        problem, page = check_target(url, image, folder)
        result.targets.append(Target(url, image, line, column, text, page))
        if problem:
            code, params = problem
            result.findings.append(Finding(code, line, column, {"target": _short(url), **params}))


def scheme(target: str) -> str | None:
    """The URL scheme as a browser reads it: entities decoded, invisible characters gone."""
    cleaned = _INVISIBLE.sub("", html.unescape(html.unescape(target))).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def check_target(target: str, image: bool, folder: str) -> tuple[tuple | None, str | None]:
    """`((code, params) or None, content path inside the site or None)` for a target in a
    document in `content/<folder>/`."""
    if not target.strip():
        return ("body.link-empty", {}), None
    if target.startswith("#"):
        return (("body.image-path", {}) if image else None), None
    found = scheme(target)
    if found is not None:
        if image:
            return ("body.image-remote", {}), None
        if found not in LINK_SCHEMES:
            return ("body.link-scheme", {"scheme": found}), None
        return None, None
    cleaned = _INVISIBLE.sub("", html.unescape(target))
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return ("body.image-remote" if image else "body.link-no-scheme", {}), None
    path = cleaned.split("#", 1)[0].split("?", 1)[0]
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved.startswith("..") or path.startswith("/") or "\\" in path:
        return ("body.link-outside", {}), None
    if image:
        directory, _, name = resolved.rpartition("/")
        if directory != IMAGE_FOLDER or not IMAGE_NAME.match(name):
            return ("body.image-path", {}), None
    return None, resolved


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.lru_cache(maxsize=8)
def scanner(config_file: Path | None = None) -> BodyScanner:
    """The scanner for a project's `mkdocs.yml` (one per file, kept)."""
    return BodyScanner(config_file)


def scan_document(doc, config_file: Path | None = None) -> BodyScan:
    """A document's scan, made once and kept on the document."""
    if doc.scan is None:
        doc.scan = scanner(config_file).scan(doc.body, doc.type.directory)
    return doc.scan
