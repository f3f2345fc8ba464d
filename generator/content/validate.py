"""Validate content: every file, every rule, every problem in one run.

`load_tree` reads the whole content tree into `Document`s and a `Result`; the CLI's `validate`
and the MkDocs plugin both call it, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .body import scan_document
from .bodytargets import IMAGE_FOLDER
from .cycles import based_on_cycles
from .diagnostics import Diagnostic, Result
from .documents import (
    IMAGE_NAME,
    IMAGE_SUFFIXES,
    RESERVED_SLUGS,
    SLUG,
    SLUG_MAX,
    ContentType,
    Document,
)
from .frontmatter import MAX_FILE_BYTES, dotted, parse
from .images import check_image
from .memo import ReadMemo
from .messages import diagnostic, suggestion
from .parallel import Helper, read_all
from .project import Project, today
from .rules import check_document
from .schemaerrors import SchemaErrorExplainer, check_characters
from .taxonomy import closest, danish_slug
from .types import CONTENT_TYPES


@dataclass
class ContentTree:
    """What a run read: documents by content type, and every diagnostic."""

    documents: dict[str, list[Document]] = field(default_factory=dict)
    result: Result = field(default_factory=Result)
    content_dir: Path | None = None
    """The folder that was read, so a tree read by the CLI can be handed to the plugin."""

    def of_type(self, directory: str) -> list[Document]:
        return self.documents.get(directory, [])

    def valid(self, directory: str) -> list[Document]:
        return [d for d in self.of_type(directory) if d.valid]


def scan(project: Project) -> tuple[list[tuple[Path, ContentType]], list[Diagnostic]]:
    """Every content file under `content/`, and a diagnostic for anything that does not belong.

    Symlinks are never followed: a link to `/etc/passwd` must be an error, not a page.
    """
    found: list[tuple[Path, ContentType]] = []
    problems: list[Diagnostic] = []
    root = project.content_dir
    if not root.is_dir():
        return found, problems
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(folder)
        rel = here.relative_to(root).parts
        for name in sorted(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (here / name).is_symlink():
                problems.append(diagnostic("content.symlink", project.relative(here / name), 0, 0))
                dirnames.remove(name)
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue  # editor and OS droppings; MkDocs never publishes dotfiles either
            path = here / name
            if path.is_symlink():
                problems.append(diagnostic("content.symlink", project.relative(path), 0, 0))
            elif len(rel) == 1 and rel[0] in CONTENT_TYPES and name.endswith(".md"):
                found.append((path, CONTENT_TYPES[rel[0]]))
            elif rel == ("cases", "images") and name.lower().endswith(
                IMAGE_SUFFIXES + (".svg", ".svgz")
            ):
                problems.extend(check_image(path, project.relative(path)))
            else:
                problems.append(_unexpected(project.relative(path)))
    return found, problems


_READER_EXPLAINS = frozenset({"yaml.time-as-number", "yaml.tag", "yaml.alias"})


def _read(path: Path) -> bytes | str:
    """The file's bytes, reading no more than one byte past the size limit."""
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def _unexpected(file: str) -> Diagnostic:
    """A file in content/ that is no document of a registered type, naming every type."""
    kinds = ", ".join(f"{t.label} (content/{t.directory}/*.md)" for t in CONTENT_TYPES.values())
    return diagnostic("content.unexpected-file", file, 0, 0, kinds=kinds)


class Validator:
    """Reads and checks documents for one project."""

    def __init__(self, project: Project, on: dt.date | None = None) -> None:
        self.project = project
        self.today = on or today()
        """The day the date rules check against; one for every file, whichever process reads it."""
        self.explainers = {
            t.name: SchemaErrorExplainer(
                project.schemas.documents[t.schema_id], project.schemas.registry, project.taxonomy
            )
            for t in CONTENT_TYPES.values()
        }

    def read(self, path: Path, ctype: ContentType) -> tuple[Document | None, list[Diagnostic]]:
        file = self.project.relative(path)
        problems: list[Diagnostic] = []
        slug = path.name[:-3] if path.name.endswith(".md") else path.name
        if not SLUG.match(slug) or len(slug) > SLUG_MAX:
            problems.append(
                diagnostic(
                    "content.slug",
                    file,
                    0,
                    0,
                    name=path.name,
                    suggestion=danish_slug(slug)[:SLUG_MAX] or "min-case",
                )
            )
        elif slug in RESERVED_SLUGS:
            problems.append(diagnostic("content.reserved-slug", file, 0, 0, name=path.name))
        raw = _read(path)
        if isinstance(raw, str):
            return None, [*problems, diagnostic("content.unreadable", file, 0, 0, reason=raw)]
        if len(raw) > MAX_FILE_BYTES:
            return None, [
                *problems,
                diagnostic("file.too-large", file, 0, 0, size=_size(path), limit=MAX_FILE_BYTES),
            ]
        fm, parse_problems = parse(raw, file)
        problems += parse_problems
        # A value the reader already explained (12:30, an alias, a tag) needs no second message.
        explained = {p.field for p in parse_problems if p.code in _READER_EXPLAINS}
        if fm is None:
            return None, problems
        doc = Document(ctype, file, slug, fm)
        validator = self.project.schemas.validator(ctype.schema_id)
        explainer = self.explainers[ctype.name]
        errors = list(validator.iter_errors(fm.data))
        pattern_paths = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
        for error in errors:
            if error.validator == "format" and tuple(error.absolute_path) in pattern_paths:
                continue  # one message per field: the pattern's says how to write it
            problems.extend(
                d for d in explainer.explain(error, fm, file) if d.field not in explained
            )
        problems.extend(
            d for d in check_characters(fm, file, explainer.title) if d.field not in explained
        )
        scan_document(doc, self.project.root / "mkdocs.yml")
        problems.extend(check_document(doc, self.project.taxonomy, self.today))
        return doc, problems


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return MAX_FILE_BYTES + 1


def _cross_file(
    tree: ContentTree, project: Project, image_dirs: dict[str, Path]
) -> Iterable[Diagnostic]:
    cases = {d.slug: d for d in tree.of_type("cases")}
    for doc in tree.of_type("cases"):
        meta = doc.meta
        based_on = meta.get("based_on")
        if isinstance(based_on, list):
            for index, slug in enumerate(based_on):
                if not isinstance(slug, str):
                    continue
                line, column = doc.frontmatter.position(("based_on", index))
                field_name = dotted(("based_on", index))
                if slug == doc.slug:
                    yield diagnostic("based_on.self", doc.path, line, column, field=field_name)
                elif slug not in cases:
                    yield diagnostic(
                        "based_on.missing",
                        doc.path,
                        line,
                        column,
                        field=field_name,
                        slug=slug,
                        hint=suggestion(closest(slug, cases)),
                    )
                else:
                    cases[slug].reused_by.append(doc)
        image = meta.get("image")
        if (
            isinstance(image, dict)
            and isinstance(image.get("src"), str)
            and IMAGE_NAME.match(image["src"])
        ):
            folder = image_dirs.get(doc.path, project.content_dir / "cases" / "images")
            target = folder / image["src"]
            if not target.is_file() or target.is_symlink():
                existing = sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []
                line, column = doc.frontmatter.position(("image", "src"))
                yield diagnostic(
                    "image.missing",
                    doc.path,
                    line,
                    column,
                    field="image.src",
                    src=image["src"],
                    hint=suggestion(closest(image["src"], existing)),
                )
    yield from _body_targets(tree, project, image_dirs)
    yield from _based_on_cycles(cases)
    for ctype in CONTENT_TYPES.values():
        for rule in ctype.tree_rules:
            yield from rule(tree)


def _body_targets(
    tree: ContentTree, project: Project, image_dirs: dict[str, Path]
) -> Iterable[Diagnostic]:
    """Every body link to a page of the site must find its page, every image its file."""
    pages = {
        f"{doc.type.directory}/{doc.slug}.md" for docs in tree.documents.values() for doc in docs
    }
    for docs in tree.documents.values():
        for doc in docs:
            if doc.scan is None:
                continue
            folder = image_dirs.get(doc.path, project.content_dir / IMAGE_FOLDER)
            first = doc.frontmatter.body_line - 1
            for target in doc.scan.targets:
                if target.page is None:
                    continue
                folder_name, _, name = target.page.rpartition("/")
                if folder_name == IMAGE_FOLDER:
                    path = folder / name
                    if not path.is_file() or path.is_symlink():
                        existing = (
                            sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []
                        )
                        code = "body.image-missing" if target.image else "body.link-missing"
                        hint = suggestion(closest(name, existing))
                        yield diagnostic(
                            code,
                            doc.path,
                            first + target.line,
                            target.column,
                            target=target.url,
                            hint=hint,
                        )
                elif target.page not in pages:
                    near = closest(target.page, sorted(pages))
                    hint = suggestion(posixpath.relpath(near, doc.type.directory) if near else None)
                    yield diagnostic(
                        "body.link-missing",
                        doc.path,
                        first + target.line,
                        target.column,
                        target=target.url,
                        hint=hint,
                    )


def _based_on_cycles(cases: dict[str, Document]) -> Iterable[Diagnostic]:
    """A cycle (a -> b -> a, or longer) is reported at the `based_on` entry that closes it."""
    graph = {
        slug: [s if isinstance(s, str) else "" for s in doc.meta["based_on"]]
        if isinstance(doc.meta.get("based_on"), list)
        else []
        for slug, doc in cases.items()
    }  # "" keeps the other entries' positions
    for cycle in based_on_cycles(graph):
        doc = cases[cycle.slug]
        path = ("based_on", cycle.index)
        line, column = doc.frontmatter.position(path)
        yield diagnostic(
            "based_on.cycle",
            doc.path,
            line,
            column,
            field=dotted(path),
            cycle=" → ".join(cycle.path),
            slug=cycle.path[-1],
        )


def load_tree(
    project: Project,
    extra: Iterable[Path] = (),
    memo: ReadMemo | None = None,
    helper: Helper | None = None,
) -> ContentTree:
    """Read and validate the whole content tree, plus any `extra` files named from outside it.

    `memo` (the preview's) hands back files whose bytes have not changed since its last run.
    `helper`, a second process, reads a share of the files (`parallel.py`); not with `memo`,
    whose files are mostly unchanged and cheap.
    """
    tree = ContentTree(content_dir=project.content_dir.resolve())
    validator = Validator(project)
    files, problems = scan(project)
    tree.result.extend(problems)
    known = {p.resolve() for p, _ in files}
    image_dirs: dict[str, Path] = {}
    for path in extra:
        if path.resolve() in known:
            continue
        ctype = CONTENT_TYPES.get(path.parent.name)
        if ctype is None or not path.name.endswith(".md") or path.is_symlink():
            if path.is_symlink():
                tree.result.add(diagnostic("content.symlink", project.relative(path), 0, 0))
            else:
                tree.result.add(_unexpected(project.relative(path)))
            continue
        files.append((path, ctype))
        image_dirs[project.relative(path)] = path.parent / "images"
    if memo is None:
        reads = read_all(validator, files, helper)
    else:
        reads = [memo.read(validator, path, ctype) for path, ctype in files]
    for (path, ctype), (doc, problems) in zip(files, reads):
        tree.result.files.append(project.relative(path))
        tree.result.extend(problems)
        if doc is not None:
            tree.documents.setdefault(ctype.directory, []).append(doc)
    tree.result.extend(_cross_file(tree, project, image_dirs))
    invalid = set(tree.result.invalid_files)
    for docs in tree.documents.values():
        docs.sort(key=lambda d: d.slug)
        for doc in docs:
            doc.valid = doc.path not in invalid
    return tree


def validate(
    project: Project, paths: Iterable[Path] | None = None, helper: Helper | None = None
) -> Result:
    """Check the files at `paths` (files or folders; default all of `content/`).

    Cross-file rules always see the whole tree, so a `based_on` pointing at a case outside
    `paths` still resolves. `helper` reads a share of the files (`load_tree`).
    """
    if not paths:
        return load_tree(project, helper=helper).result
    selected: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            selected.extend(sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink()))
        else:
            selected.append(path)
    content = project.content_dir.resolve()
    outside = [p for p in selected if not p.resolve().is_relative_to(content)]
    tree = load_tree(project, extra=outside, helper=helper)
    wanted = {project.relative(p) for p in selected}
    result = Result(files=[f for f in tree.result.files if f in wanted])
    result.extend(d for d in tree.result.diagnostics if d.file in wanted)
    return result
