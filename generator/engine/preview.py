"""The preview's memory between builds: after a save, render only the pages that show it.

`smartcity serve` builds the site again after every save. A `PreviewMemory`, kept by the
server between those builds and handed to each build's plugin, makes the next build
incremental:

- validation reads again only the files whose bytes changed (`generator.content.memo.ReadMemo`);
- every page gets a fingerprint of what it shows: its template, title and body, and the bytes
  of every document reachable from its subject (a case page: the case, the cases it builds on,
  its reusers and related cases; a theme page: the cases it lists, with what makes each card).
  Which documents those are follows from the front matter alone, so after a save to a body
  the last build's answers are reused;
- MkDocs runs "dirty" and renders a page only when its fingerprint changed; the others keep
  the HTML the last build wrote;
- one background worker serves every build: it keeps the terms it analysed and the weights of
  each search index (`generator/site/search/`), so a saved body costs the body index only.

The rest of the build (site model, data files, the site-wide pages, whose subject is the whole
site) runs as always. Anything that could change more than the pages can say (a file added or
removed, mkdocs.yml, the schema or the theme, a failed build) makes the next build a full one.
`tests/test_preview.py` checks that an incremental build writes the same bytes as a full build
of the same content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..content.digests import digest as _digest
from ..content.digests import stamp
from ..content.documents import Document
from ..content.memo import ReadMemo
from ..content.project import Project, build_today
from ..content.taxonomy import Municipality, Region, Theme
from ..site.model import Site
from .backend import File
from .background import Background
from .compiled import InMemory

_WATCHED = ("mkdocs.yml",)
"""Files and folders (beside the content) whose change makes the next build a full one."""

SUBJECT_TEMPLATES = frozenset(
    f"smartcity/{name}.html"
    for name in ("case", "guide", "group", "event", "theme", "municipality", "tag", "cases_page")
)
"""Templates that show their page's subject and nothing else of the site that a save could
change (taxonomy labels come from the schema, which the preview watches). Every other page
(home, indexes, map, statistics, /cases/ with its facet counts) shows the whole site: it is
rendered again whenever any document's front matter changed."""


class _Planned(File):
    """A page file whose "modified?" answer comes from the preview's plan, not from mtimes.

    MkDocs' dirty build asks each page's file `is_modified()` before it reads and before it
    renders the page; the plan answers for every page the plugin owns.
    """

    render: bool = True

    def is_modified(self) -> bool:
        return self.render


def plan_file(file: File, render: bool) -> None:
    file.__class__ = _Planned
    file.render = render


@dataclass
class Plan:
    """What one build of the preview renders."""

    clean: bool
    """A dirty build that must start from an empty folder: pages were added or removed."""
    fingerprints: dict[str, str | None]
    shape: str
    skipped: dict[str, str] = field(default_factory=dict)
    """Pages kept from the last build: source URI -> destination URI."""


class PreviewMemory:
    """What the preview keeps between its builds (one per `smartcity serve`)."""

    def __init__(self, project: Project, watched: Iterable[Path] = ()) -> None:
        self.project = project
        self.watched = [project.root / name for name in _WATCHED] + list(watched)
        self.reads = ReadMemo()
        self.texts: dict[str, tuple[str, str]] = {}
        """Case file -> (digest of its bytes, its body as plain text, as the exports use it)."""
        self.bytecode = InMemory()
        """The theme's templates, compiled: each build has a new Jinja environment."""
        self.background = Background(lazy=True)
        """One worker for every build: it keeps what it analysed for the search index from
        one build to the next (`generator/site/search/index.py`), and is not started anew."""
        self._fingerprints: dict[str, str | None] = {}
        self._shows: dict[str, Shows | None] = {}
        self._shows_key: str | None = None
        self._shape: str | None = None
        self._setup: str | None = None
        self._ok = False
        self.dirty = False
        """Whether the build under way was started dirty (`incremental()`)."""
        self.plan: Plan | None = None
        self.last_plan: Plan | None = None
        """The plan of the last build that succeeded."""

    def close(self) -> None:
        self.background.close()

    # -- before a build --------------------------------------------------------------------

    def incremental(self) -> bool:
        """Whether the next build may keep pages: the last one succeeded and nothing but
        content changed since. Forgets everything when it may not."""
        setup = stamp(self.watched)
        if not self._ok or setup != self._setup:
            self.forget()
        self._setup = setup
        self.dirty = self._ok
        return self.dirty

    def forget(self) -> None:
        self._ok = False
        self._fingerprints = {}
        self._shows, self._shows_key = {}, None
        self._shape = None
        self.texts.clear()
        self.reads.clear()
        self.bytecode.clear()

    # -- during a build --------------------------------------------------------------------

    def make_plan(self, site: Site, specs: dict, files: Iterable[File]) -> Plan:
        """Decide which of the plugin's pages this build renders, and mark their files."""
        files = list(files)
        shape = _digest(sorted(f.dest_uri for f in files))
        reads = self.reads
        # The navigation names guides, groups and events on every page.
        common = _digest(
            [build_today().isoformat()]
            + sorted(
                f"{path}:{digest}"
                for path, digest in reads.meta_digests.items()
                if not path.startswith("content/cases/")
            )
        )
        now = site.now.isoformat()
        # Pages about the whole site show front matter (counts, cards, the map), never a body.
        everything = _digest([common, now, *sorted(map(repr, reads.meta_digests.items()))])
        # Which documents a page shows follows from the front matter alone (`everything`): after
        # a save to a body, the last build's answers hold, and finding them is most of the cost.
        known = self._shows if self._shows_key == everything else {}
        self._shows = {uri: known[uri] if uri in known else _shows(s) for uri, s in specs.items()}
        self._shows_key = everything
        fingerprints = {
            uri: _fingerprint(spec, self._shows[uri], reads, common, now, everything)
            for uri, spec in specs.items()
        }
        full = not (self.dirty and self._ok and shape == self._shape)
        plan = Plan(self.dirty and full, fingerprints, shape)
        for file in files:
            spec = specs.get(file.src_uri)
            if spec is None:
                continue
            fingerprint = fingerprints[file.src_uri]
            case = spec.context.get("case")
            keep = (
                not full
                and fingerprint is not None
                and self._fingerprints.get(file.src_uri) == fingerprint
                and (case is None or self.kept_text(case.doc) is not None)
            )
            plan_file(file, not keep)
            if keep:
                plan.skipped[file.src_uri] = file.dest_uri
        self.plan = plan
        return plan

    def kept_text(self, doc: Document) -> str | None:
        """The body of a case whose page is kept, as plain text, as the build that rendered
        it made it (the exports need every body; a kept page's is not rendered again)."""
        kept = self.texts.get(doc.path)
        if kept is not None and kept[0] == self.reads.digests.get(doc.path):
            return kept[1]
        return None

    # -- after a build ---------------------------------------------------------------------

    def succeeded(self, texts: dict[str, str]) -> None:
        """The build is in place; `texts` are the cases' bodies as plain text, by file."""
        self.last_plan = self.plan
        self.texts = {}
        for path, text in texts.items():
            digest = self.reads.digests.get(path)
            if digest is not None:
                self.texts[path] = (digest, text)
        if self.plan is not None:
            self._fingerprints = self.plan.fingerprints
            self._shape = self.plan.shape
            self._ok = True
        self.plan = None

    def failed(self) -> None:
        self.forget()
        self.plan = None


Shows = tuple[list[str], list[str], bool]


def _shows(spec) -> Shows | None:
    """The documents a page shows in full (its own) and as front matter (cards, links), in
    order, and whether it shows an event; None for a page about the whole site."""
    if spec.template not in SUBJECT_TEMPLATES or not spec.context:
        return None
    own: set[str] = set()
    shown: set[str] = set()
    for value in spec.context.values():
        _subject_paths(value, own, shown)
    events = any(path.startswith("content/events/") for path in own | shown)
    return sorted(own), sorted(shown), events


def _fingerprint(
    spec, shows: Shows | None, reads: ReadMemo, common: str, now: str, everything: str
) -> str | None:
    """What the page shows, as one digest (None: render it anyway).

    A document's own page shows all of it (its file's bytes count); other pages show what its
    front matter says (a card, a link, a count), never its body.
    """
    parts = [spec.template, spec.title, spec.description, repr(spec.hide), spec.body]
    if shows is None:
        return _digest([everything, *parts])
    own, shown, events = shows
    parts.append(common)
    if events:
        parts.append(now)  # past and upcoming events are told apart by the build's moment
    for paths, digests in ((own, reads.digests), (shown, reads.meta_digests)):
        for path in paths:
            digest = digests.get(path)
            if digest is None:
                return None  # something unread: render to be safe
            parts.append(f"{path}:{digest}")
    return _digest(parts)


def _subject_paths(value, own: set[str], shown: set[str]) -> None:
    """The documents a page shows of its subject: a document's own page shows the document
    and those its model object points at (based on, reused by, related, its reuse tree); a
    listing shows its items as cards."""
    doc = _document(value)
    if doc is not None:
        own.add(doc.path)
        tree = getattr(value, "reuse_tree", None)
        for item in _walk([vars(value), tree], depth=3):
            shown |= _card_paths(item)
        return
    for item in _walk(value, depth=3):
        shown |= _card_paths(item)


def _card_paths(value) -> set[str]:
    """A document as a card or a link: its own file, and those that decide whether it counts
    as reused (`Case.reusable`)."""
    doc = _document(value)
    found = {doc.path}
    for name in ("based_on", "reused_by"):
        others = value.__dict__.get(name) if hasattr(value, "__dict__") else None
        for other in others or ():
            other_doc = _document(other)
            if other_doc is not None:
                found.add(other_doc.path)
    return found


def _document(value) -> Document | None:
    if isinstance(value, Document):
        return value
    doc = value.__dict__.get("doc") if hasattr(value, "__dict__") else None
    return doc if isinstance(doc, Document) else None


_LEAVES = (type(None), str, bytes, int, float, dt.date, Site, Municipality, Region, Theme)
"""What holds no document: plain values, the taxonomy, and the whole site."""


def _walk(value, depth: int) -> Iterator:
    """Every model object with a document under `value`, through lists, dicts and the fields
    of plain model objects (a theme page's cases, a municipality page's groups), `depth`
    levels down; never into the site as a whole."""
    stack = [(value, depth)]
    while stack:
        value, depth = stack.pop()
        if depth < 0 or isinstance(value, _LEAVES):
            continue
        if _document(value) is not None:
            yield value
            continue
        if isinstance(value, dict):
            items = value.values()
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = value
        elif hasattr(value, "__dict__"):
            items = vars(value).values()
        else:
            continue
        stack.extend((item, depth - 1) for item in items)
