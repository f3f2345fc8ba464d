"""One reading of a Markdown body, by the renderer the site uses.

The validator, `quality`, `lix`, `review` and the issue-form converter all read bodies here.
A body is rendered with the very Python-Markdown pipeline and settings MkDocs uses for the site
(`markdown_settings`: MkDocs' built-in extensions plus `markdown_extensions` from `mkdocs.yml`,
with the project's heading ids), and the checks walk the element tree that comes out, so the
gate and the page can never read a body differently: images only from
`content/cases/images/`, links only `https:`, `http:`, `mailto:`, `tel:` or pages of the site,
no raw HTML, sections from real headings. Where MkDocs' own processing would change nothing
in the HTML (no link or image for it to resolve), the scan keeps it, and the page takes it
instead of rendering the body a second time (`generator/engine/rendered.py`).

Python-Markdown keeps no source positions, so each finding is placed by looking its source
text up in the body in document order (`generator.content.bodyposition`).

Some bodies cost Python-Markdown quadratic time or deep recursion. `generator.content.bodycost` refuses
them before rendering, from the source lines alone: container nesting (lists and quotes, `- - - x`
included), bracket nesting, long runs of emphasis markers, long blocks without a blank line,
many unclosed `[`, `(` or `<` in one block, and very many headings. With those limits every body
up to the file size limit renders in well under a second (`benchmarks/bodies.py`). As a last
net, the render runs with a stack already `_STACK_MARGIN` frames deep, so a body that renders
here also renders inside MkDocs, and a `RecursionError` is a finding, never a crash.
"""

from __future__ import annotations

import functools
import html
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
import yaml
from markdown.extensions.toc import slugify as _toc_slugify
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from . import inlinepatterns
from .bodycost import MAX_CONTAINER_DEPTH, Finding, precheck
from .bodyposition import Locator
from .bodytargets import check_target
from .digests import stamp

MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always loads (`mkdocs.config.defaults`, `markdown_extensions`)."""

_STACK_MARGIN = 250

RESERVED_ID_PREFIXES = ("__", "sc-", "kommune-")
"""Ids the theme gives its own elements: Material's (`__drawer`, `__search`, `__toc`,
`__nav_1`, `__palette_0`), the project's templates (`sc-main`, `sc-facts-title`) and the
municipality rows (`kommune-aarhus`)."""

PROMPT = "Skriv her:"
"""The start of a scaffold prompt (`*Skriv her:* Hvad var problemet?`), see
`generator/scaffolds/case.md.j2`."""

_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ESCAPED = re.compile("\x02(\\d+)\x03")
_OBFUSCATED = re.compile(re.escape(AMP_SUBSTITUTE) + r"(#\d+|[A-Za-z]+);")
"""A character of an e-mail autolink (`<navn@kommune.dk>`), which Python-Markdown writes as an
entity behind its own marker in both the link's text and its `mailto:` address."""
_BLOCKS = ("ul", "ol", "pre", "p", "blockquote", "table")


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
    html: str | None = None
    """The body's HTML as MkDocs renders it for its page, where MkDocs' own tree processors would
    change nothing (no link or image for it to resolve against the site's files); the build
    uses it instead of rendering the body again (`generator/engine/rendered.py`). Else None."""
    toc_tokens: list = field(default_factory=list)
    """With `html`: the table of contents as Python-Markdown's toc extension lists it."""
    anchor_ids: frozenset[str] = frozenset()
    """With `html`: the ids a link can point to (MkDocs checks links to anchors with them)."""

    @property
    def units(self) -> list[str]:
        """The prose: paragraphs and list items as plain text, without prompts."""
        return [unit for section in self.sections for unit in section.units]

    @property
    def prompts(self) -> list[int]:
        return [line for section in self.sections for line in section.prompts]

    def section_names(self, level: int = 2) -> set[str]:
        return {h.text for h in self.headings if h.level == level}


# -- rendering --------------------------------------------------------------------------------


class _Capture(Treeprocessor):
    """Keeps the finished element tree (runs after every other tree processor)."""

    root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


class _RecordingHtml(HtmlInlineProcessor):
    """Python-Markdown's inline raw-HTML pattern, noting which stash entries it made."""

    matches_as_parent = True
    """It matches what its parent does (`inlinepatterns.needs`)."""

    def __init__(self, pattern, md, seen: set[int]) -> None:
        super().__init__(pattern, md)
        self.seen = seen

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        result = super().handleMatch(m, data)
        self.seen.add(len(self.md.htmlStash.rawHtmlBlocks) - 1)
        return result


class _Rendering:
    """A converter with the project's settings and what its last conversion found: the
    element tree, the stash, raw HTML. Reused body after body (`Markdown.reset()` between):
    making a converter costs as much as converting a short body."""

    def __init__(self, names: list[str], configs: dict[str, dict]) -> None:
        self.root: Element | None = None
        self.html = ""
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
        self.triggers = inlinepatterns.install(self.md)

    def convert(self, body: str) -> _Rendering:
        self.md.reset()
        self.raw_html.clear()
        self.capture.root = None
        self.triggers.body = body
        self.html = self.md.convert(body)
        self.root = self.capture.root
        return self

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
        if "\x02" not in text:  # every marker below starts with Python-Markdown's STX
            return text

        def unstash(match: re.Match) -> str:
            block = str(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))])
            return html.unescape(block) if block.startswith("&") else " "

        text = _STASH.sub(unstash, text)
        text = _OBFUSCATED.sub(lambda m: html.unescape(f"&{m.group(1)};"), text)
        return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)


def _at_depth(depth: int, function):
    """`function()` called `depth` frames further down the stack."""
    return function() if depth <= 0 else _at_depth(depth - 1, function)


class BodyScanner:
    """Reads bodies with one project's Markdown settings."""

    def __init__(self, config_file: Path | None = None) -> None:
        self.names, self.configs = markdown_settings(config_file)
        self._local = threading.local()

    def _rendering(self) -> _Rendering:
        """This thread's converter (the preview builds in a thread of its own)."""
        rendering = getattr(self._local, "rendering", None)
        if rendering is None:
            rendering = self._local.rendering = _Rendering(self.names, self.configs)
        return rendering

    def scan(self, body: str, folder: str) -> BodyScan:
        """Everything known about a body of a document in `content/<folder>/`."""
        result = BodyScan()
        result.findings = precheck(body.split("\n"))
        if result.findings:
            return result
        try:
            rendering = _at_depth(_STACK_MARGIN, lambda: self._rendering().convert(body))
        except RecursionError:
            self._local.rendering = None  # a parser left half-way holds state: start anew
            result.findings.append(Finding("body.too-deep", 1, 1, {"limit": MAX_CONTAINER_DEPTH}))
            return result
        result.rendered = True
        locate = Locator(body)
        self._walk(rendering, locate, folder, result)
        page = _as_page(rendering)
        if page is not None:
            result.html, result.toc_tokens, result.anchor_ids = page
        lines = set()
        for finding in [f for f in result.findings if f.code == "body.html"]:
            if finding.line in lines:  # one finding a line: `<b>x</b>` is one mistake
                result.findings.remove(finding)
            lines.add(finding.line)
        result.findings.sort(key=lambda f: (f.line, f.column))
        return result

    def _walk(self, rendering: _Rendering, locate: Locator, folder: str, result: BodyScan):
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

    def _raw(self, rendering, text: str | None, locate: Locator, result: BodyScan) -> None:
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


def _as_page(rendering: _Rendering) -> tuple[str, list, frozenset[str]] | None:
    """The HTML, table of contents and anchors MkDocs' `Page.render` makes of the body just
    rendered, or None where its tree processors would change the HTML: they rewrite every link
    and image that is not external (another page's `.md`, an image in the site, `#anchor`)."""
    ids: set[str] = set()
    if rendering.root is not None:
        for element in rendering.root.iter():
            if element.tag in ("a", "img"):
                url = element.get("href" if element.tag == "a" else "src")
                if url is None or not _external(url):
                    return None
            if found := element.get("id"):
                ids.add(found)
            if element.tag == "a" and (name := element.get("name")):
                ids.add(name)
    return rendering.html, list(getattr(rendering.md, "toc_tokens", [])), frozenset(ids)


def _external(url: str) -> bool:
    """A URL MkDocs leaves as it is (`_RelativePathTreeprocessor.path_to_url`)."""
    if AMP_SUBSTITUTE in url:  # an e-mail address, obfuscated by Python-Markdown
        return True
    try:
        scheme, netloc, *_ = urlsplit(url)
    except ValueError:
        return False
    return bool(scheme or netloc)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scanner(config_file: Path | None = None) -> BodyScanner:
    """The scanner for a project's `mkdocs.yml` (one per file and version of it, kept: the
    preview's processes outlive an edit of its Markdown settings)."""
    return _scanner(config_file, stamp([config_file]) if config_file else "")


@functools.lru_cache(maxsize=8)
def _scanner(config_file: Path | None, version: str) -> BodyScanner:
    return BodyScanner(config_file)


def scan_document(doc, config_file: Path | None = None) -> BodyScan:
    """A document's scan, made once and kept on the document."""
    if doc.scan is None:
        doc.scan = scanner(config_file).scan(doc.body, doc.type.directory)
    return doc.scan
