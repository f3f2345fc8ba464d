"""The `smartcity` MkDocs plugin: validates the content, then builds the site from it.

Each event delegates to the pure core (`generator.content.validate`, `generator.site.model`) or to
`pages.py`. Event order matters and is noted where it does: validation runs in `on_pre_build`,
before MkDocs cleans `site_dir`, so invalid content never reaches or damages the published site.
"""

from __future__ import annotations

import contextlib
import os
from functools import partial
from pathlib import Path

from jinja2 import ChoiceLoader
from markupsafe import Markup

from ..content.body import apply_policy, markdown_settings
from ..content.diagnostics import Severity
from ..content.documents import IMAGE_NAME
from ..content.project import Project
from ..content.schemas import SchemaSetupError
from ..content.taxonomy import danish_slug, keyword_label
from ..content.validate import ContentTree, load_tree
from ..site import bodytext, dcat, exports, mapgeometry, sanitize
from ..site.formatting import FILTERS
from ..site.guard import scan_pages, scan_site
from ..site.model import Site
from . import compiled, forked, rendered
from .backend import (
    BasePlugin,
    File,
    Files,
    InclusionLevel,
    Page,
    PluginError,
    build_command,
    event_priority,
    get_plugin_logger,
    listens_alone,
    utils,
)
from .background import Background, Batches, Pending
from .builddate import BuildDate
from .config import PluginConfig
from .context import BuildContext
from .fragments import FolderFragments, MaterialTexts, Once, add_material_prefix
from .heap import FullCollectionsPaused
from .materialsearch import silence_material_search, swap_search_worker
from .outputs import Deferred, dataset_block, static_outputs
from .pages import TEMPLATE_FOLDER, PageSpec, navigation, page_meta, page_specs
from .preview import PreviewMemory
from .progress import Progress
from .staging import Staging
from .toc import case_toc

log = get_plugin_logger(__name__)

UNSAFE_EXTENSIONS = {
    "pymdownx.snippets": "læser andre filer ind i siden",
    "attr_list": "lader teksten sætte vilkårlige HTML-attributter",
    "md_in_html": "tolker Markdown inde i rå HTML",
    "pymdownx.blocks.html": "lader teksten skrive vilkårlige HTML-elementer",
}
"""Markdown extensions that would let a contributor's body read files or write attributes; the
build refuses to run with them, because every body is untrusted."""

ROOT_TEMPLATES = frozenset({"main.html", "404.html"})
"""Templates MkDocs renders besides the pages' own."""


class SmartCityPlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.project: Project | None = None
        self.tree: ContentTree | None = None
        self.site: Site | None = None
        self.specs: dict[str, PageSpec] = {}
        self.staging: Staging | None = None
        self.site_dir: str | None = None
        """Where the finished site goes (MkDocs' `site_dir` before staging redirects it)."""
        self._progress: Progress | None = None
        self.preloaded: ContentTree | None = None
        """A tree the `smartcity` command validated just before the build, used once."""
        self.nav = None
        self.background: Background | None = None
        self._lent: Background | None = None
        """The `smartcity` command's worker, which helped validate (`prepare`); it closes it."""
        self.scans: Batches | None = None
        """The guard's scans of pages as they are rendered: `name: problem` for each problem."""
        self._scanned: set[str] = set()
        self.body_texts: Batches | None = None
        """Each case's rendered, sanitized body as `(slug, plain text)`, for the exports."""
        self.deferred: list[tuple[File, Deferred]] = []
        self.build_date = BuildDate()
        self.memory: PreviewMemory | None = None
        """Set by `smartcity serve`: what its last build made, so this one renders only the
        pages a save changed (`preview.py`)."""
        self.helper: forked.Helper | None = None
        """The process forked to render a share of the pages (`forked.py`), while it runs."""
        self._handed_over: tuple = ()
        self._forked_env = None
        self._taken_back: set[str] = set()
        """The helper's pages the build rendered itself (`forked.Queue`)."""
        self._files: Files | None = None
        self._env = None
        """MkDocs' files and environment, for the pages the build takes back."""
        self._map: Pending | None = None
        self._bodies_rendered = False
        """Whether pages may take their body's HTML from validation (`rendered.py`)."""
        self._paused: FullCollectionsPaused | None = None
        self._ahead: compiled.Ahead | None = None
        """The templates being compiled by a forked process (`compiled.py`), until `on_nav`."""

    # Every event checks `enabled` first (Material's convention): off, the site is plain MkDocs.

    def on_startup(self, *, command, dirty) -> None:
        if not self.config.enabled:
            return
        self.is_serve = command == "serve"
        if not self.is_serve:  # one build, and the process ends
            self._paused = FullCollectionsPaused().__enter__()

    def on_shutdown(self) -> None:
        if not self.config.enabled:
            return
        self.build_date.release()
        if self._paused is not None:
            self._paused, paused = None, self._paused
            paused.__exit__(None, None, None)

    # Runs before every other plugin's on_config, so that they all see the staging site_dir.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.project = Project(
            root, content=Path(config.docs_dir), schema=Path(self.config.schema_dir)
        )
        try:
            self.project.schemas  # noqa: B018 - fail fast on a broken schema
        except (SchemaSetupError, OSError, ValueError, KeyError) as exc:
            raise PluginError(
                f"Skemaet i {self.config.schema_dir} kan ikke indlæses: {exc}"
            ) from None
        for name in config.markdown_extensions:
            short = name.removeprefix("markdown.extensions.")
            if short in UNSAFE_EXTENSIONS:
                raise PluginError(
                    f"Markdown-udvidelsen '{name}' {UNSAFE_EXTENSIONS[short]} og må "
                    "ikke bruges på indhold fra kommunerne. Fjern den fra mkdocs.yml."
                )
        # Heading ids as the validator's body scanner makes them: never one of the theme's ids.
        config.mdx_configs.update(apply_policy(config.mdx_configs))
        self._bodies_rendered = rendered.same_settings(
            config, *markdown_settings(root / "mkdocs.yml")
        ) and listens_alone(config, self, rendered.MARKDOWN_EVENTS)
        if self.config.prebuilt_search:
            silence_material_search(config)
        if config.nav is None:
            config.nav = navigation(self.project.taxonomy.themes.values())
        self.build_date.pin(root)
        self.site_dir = config.site_dir
        if self.config.atomic and not self.is_serve:
            self.staging = Staging(config.site_dir, strict=config.strict)
            config.site_dir = str(self.staging.folder)
        return config

    def prepare(self, tree: ContentTree | None, background: Background | None = None) -> None:
        """Build from `tree`, which the caller validated and reported just before, once; and
        use its `background` worker instead of starting one (the caller closes it)."""
        self.preloaded, self._lent = tree, background

    def on_pre_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        self.background = self._lent or Background()
        self.scans = Batches(self.background, scan_pages)
        self.body_texts = Batches(self.background, bodytext.plain_texts)
        self._scanned = set()
        # The map's projection and simplification depend on the boundaries alone (0.2 s):
        # made beside validation, or beside MkDocs reading the files when the command validated.
        self._map = self.background.submit(
            mapgeometry.made, self.project.taxonomy.schema_dir / mapgeometry.MAP_FILE
        )
        preloaded, self.preloaded = self.preloaded, None
        if preloaded is not None and preloaded.content_dir == self.project.content_dir.resolve():
            self.tree = preloaded  # validated and reported by the `smartcity` command
        else:
            self.tree = load_tree(
                self.project, memo=self.memory and self.memory.reads, helper=self.background
            )
            result = self.tree.result
            for d in result.sorted():
                (log.error if d.severity is Severity.ERROR else log.warning)(str(d))
            if not result.ok:
                kept = "" if self.is_serve else ", og det forrige site er uændret"
                raise PluginError(
                    f"{len(result.errors)} fejl i indholdet; se ovenfor. Sitet er ikke bygget"
                    f"{kept}."
                )
        documents = sum(len(docs) for docs in self.tree.documents.values())
        if self._two_processes(config) and documents >= forked.MIN_SHARE:
            # Compiled beside MkDocs listing the files and the plugin building the model.
            self._ahead = compiled.Ahead.start(
                lambda: self._template_env(config.theme.get_env(), config), _root_templates(config)
            )

    # Before Material's plugins (search, tags) see the files, after MkDocs has collected them.
    @event_priority(50)
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        if self._map is not None:
            with contextlib.suppress(Exception):  # else made again below, where it fails
                mapgeometry.keep(*self._map.result())
            self._map = None
        self.site = Site(self.tree, self.project.schemas)
        self.specs = {spec.src_uri: spec for spec in page_specs(self.site, self.config.page_size)}
        build = self._context(config)
        for spec in self.specs.values():
            if "dataset_jsonld" in spec.context:  # the data page's Dataset block
                spec.context["dataset_jsonld"] = partial(dataset_block, build)
        inside = _Folder(config.docs_dir)
        admitted = Files([])
        for file in files:
            if file.abs_src_path and inside.holds(file.abs_src_path):
                if not self._admit(file):
                    continue  # only validated pages and case images leave content/
                if file.src_uri in self.specs:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
            admitted.append(file)
        in_nav = _nav_uris(config.nav)
        for spec in self.specs.values():
            if spec.generated and admitted.get_file_from_path(spec.src_uri) is None:
                inclusion = (
                    InclusionLevel.UNDEFINED
                    if spec.src_uri in in_nav
                    else InclusionLevel.NOT_IN_NAV
                )
                admitted.append(
                    File.generated(config, spec.src_uri, content="", inclusion=inclusion)
                )
        self.deferred = []
        for uri, content in static_outputs(build).items():
            file = File.generated(config, uri, content="" if callable(content) else content)
            if callable(content):
                self.deferred.append((file, content))
            admitted.append(file)
        if self.memory is not None:
            plan = self.memory.make_plan(self.site, self.specs, admitted)
            if plan.clean:
                utils.clean_directory(config.site_dir)  # the dirty build starts from nothing
            self._scanned.update(plan.skipped.values())  # scanned when they were written
        self._progress = Progress(len(self.specs))
        return admitted

    def _context(self, config) -> BuildContext:
        """What this build gives the output providers."""
        options = self.config
        return BuildContext(
            site=self.site,
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            licence=exports.Licence(options.data_licence.name, options.data_licence.url),
            publisher=dcat.Publisher(options.data_publisher.name, options.data_publisher.url),
            calendar_domain=options.calendar_domain,
            prebuilt_search=options.prebuilt_search,
            specs=list(self.specs.values()),
            background=self.background,
            bodies=lambda: dict(self.body_texts.results()),
        )

    def _admit(self, file: File) -> bool:
        if file.src_uri in self.specs:
            return True
        folder, _, name = file.src_uri.rpartition("/")
        return folder == "cases/images" and bool(IMAGE_NAME.match(name))

    def on_nav(self, nav, *, config, files):
        if not self.config.enabled:
            return nav
        self.nav = nav
        self.helper, self._forked_env = None, None
        self._taken_back = set()
        if self._two_processes(config):
            share = forked.choose(files, nav, self.specs)
            if len(share) >= forked.MIN_SHARE:
                env = self._template_env(config.theme.get_env(), config)
                templates = {spec.template for spec in self.specs.values()}
                ahead, self._ahead = self._ahead, None
                compiled.compile_templates(
                    env, templates | ROOT_TEMPLATES, ahead.install(env) if ahead else ()
                )
                queue = forked.Queue.make(share)
                work = partial(
                    self._help, share=share, queue=queue, env=env, config=config, files=files
                )
                self.helper = forked.Helper.start(share, work, queue)
                self._forked_env = env
        self._abandon_ahead()  # not needed: MkDocs compiles what its pages use
        return nav

    def _two_processes(self, config) -> bool:
        """Whether pages may be rendered by a forked helper too, and templates compiled ahead."""
        return (
            self.config.parallel_pages
            and self.memory is None
            and not self.is_serve
            and forked.can_fork(config, self)
        )

    def _abandon_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.abandon()
            self._ahead = None

    def _help(self, send, *, share, queue, env, config, files) -> None:
        """The helper's work (`forked.py`): read and convert the pages in `share`, render
        those the build does not take back from `queue`, and `send` the build what it needs
        of them."""
        records = forked.Records()
        records.catch_all()
        # The build's workers stay referenced, never used: their queues' locks may be held
        # by threads that did not come along into this process.
        self._handed_over = (self.background, self._lent, self.scans, self.body_texts)
        in_place = Background(in_place=True)
        self.background = self._lent = None
        self.scans = Batches(in_place, scan_pages)
        self.body_texts = Batches(in_place, list)
        self._scanned, self._progress = set(), None
        try:
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            mine = [files.get_file_from_path(uri) for uri in share]
            for file in mine:
                if file.page is None:
                    Page(None, file, config)
                build_command._populate_page(file.page, config, files)
            send(
                {
                    "bodies": self.body_texts.results(),
                    "anchors": forked.anchors(file.page for file in mine),
                    "logs": records.take(),
                }
            )
            for page in self.nav.pages:  # read by the build, not here; the navigation shows
                if page.markdown is None and page.file.src_uri in self.specs:  # their titles
                    page.markdown, page.meta = "", page_meta(self.specs[page.file.src_uri])
            count = 0
            for uri in iter(queue.next, None) if queue is not None else share:
                self._build_page(files.get_file_from_path(uri), config, doc_files, env)
                count += 1
            send(
                {
                    "scans": self.scans.results(),
                    "scanned": sorted(self._scanned),
                    "count": count,
                    "logs": records.take(),
                }
            )
        except Exception as exc:
            send({"error": str(exc), "logs": records.take()})

    def on_pre_page(self, page, *, config, files):
        if not self.config.enabled:
            return page
        if self.helper is not None and page.file.src_uri in self.helper.share:
            forked.hand_over(page)
            return page
        spec = self.specs.get(page.file.src_uri)
        if self._bodies_rendered and spec is not None and spec.document is not None:
            scan = spec.document.scan
            if scan is not None and scan.html is not None:
                rendered.take_over(page, scan)
        return page

    # MkDocs has converted every page's Markdown by now and copies static files next.
    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return env
        if self.helper is not None:
            try:
                converted = self.helper.converted()
            except forked.HelperFailed as exc:
                raise PluginError(str(exc)) from None
            for item in converted["bodies"]:
                self.body_texts.add(item)
            forked.give_anchors(files, converted["anchors"])
        if self.memory is not None:
            for uri in self.memory.plan.skipped:
                # A kept page is not read again, but the navigation shows its title.
                page = files.get_file_from_path(uri).page
                page.markdown, page.meta = "", page_meta(self.specs[uri])
                case = self.specs[uri].context.get("case")
                if case is not None:
                    self.body_texts.ready((case.slug, self.memory.kept_text(case.doc)))
            env.bytecode_cache = self.memory.bytecode
        self.body_texts.flush()  # every body is converted: their texts come before the scans
        for file, _ in self.deferred:
            # Written once the pages are: the search index and the bodies' texts come from the
            # background worker, which makes them while MkDocs renders.
            files.remove(file)
        self._files = files
        if self._forked_env is not None:  # made before the fork, its templates compiled
            env, self._forked_env = self._forked_env, None
        else:
            env = self._template_env(env, config)
        self._env = env
        return env

    def _template_env(self, env, config):
        """The project's templates, filters and fragments in MkDocs' environment."""
        add_material_prefix(env)
        env.loader = ChoiceLoader([env.loader, forked.TEMPLATES])
        env.globals["smartcity_per_folder"] = FolderFragments(self.nav)
        env.globals["smartcity_once"] = Once()
        env.globals["smartcity_material_texts"] = MaterialTexts(env, config)
        env.filters.update(FILTERS)
        env.filters["tag_slug"] = danish_slug
        env.filters["tag_label"] = keyword_label
        env.filters["smartcity_search_worker"] = (
            swap_search_worker if self.config.prebuilt_search else Markup
        )
        previous = env.autoescape

        def autoescape(name: str | None) -> bool:
            # Only the project's own templates: MkDocs builds its environment without
            # autoescape, and Material's templates print trusted HTML (page.content) raw.
            if name and name.startswith(TEMPLATE_FOLDER):
                return True
            return previous(name) if callable(previous) else bool(previous)

        env.autoescape = autoescape
        return env

    def on_page_read_source(self, *, page, config) -> str | None:
        if not self.config.enabled:
            return None
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return None
        # The leading newline keeps MkDocs from reading a body that starts with `---` or
        # `Key: value` lines as front matter a second time.
        return "\n" + spec.body

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.config.enabled or isinstance(page, forked.Elsewhere):
            return markdown
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta = page_meta(spec)
        return "" if spec.generated else markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if not self.config.enabled or isinstance(page, forked.Elsewhere):
            return html
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and not spec.generated:
            html = sanitize.clean(html)
            if "case" in spec.context:
                if page.file.src_uri not in self._taken_back:  # the helper sent its text
                    self.body_texts.add((spec.context["case"].slug, html))
                page.toc = case_toc(page.toc, spec.context["case"])
        return html

    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled or isinstance(page, forked.Elsewhere):
            return context
        spec = self.specs.get(page.file.src_uri)
        context["site_model"] = self.site
        if spec is not None:
            context.update(spec.context)
            context["og_type"] = spec.kind
        return context

    # After every other plugin has changed the page: the guard scans what MkDocs writes.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page, config) -> str:
        if not self.config.enabled or isinstance(page, forked.Elsewhere):
            return output
        if self._progress is not None:
            self._progress.step()
        if self.scans is not None:
            self.scans.add((page.file.dest_uri, output))
            self._scanned.add(page.file.dest_uri)
        return output

    # Runs after every other plugin has written its files into the staging folder.
    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        self.build_date.release()
        if self.helper is not None:
            helper, self.helper = self.helper, None
            self._take_back(helper, config)
            try:
                finished = helper.finish()
            except forked.HelperFailed as exc:
                raise PluginError(str(exc)) from None
            for problem in finished["scans"]:
                self.scans.ready(problem)
            self._scanned.update(finished["scanned"])
            if self._progress is not None:
                self._progress.step(finished["count"])
        if self._progress is not None:
            self._progress.done()
        # The worker scans the last pages and walks the site for any other HTML while the
        # data files are made; a data file that is HTML is scanned here, as it is written.
        site_dir = Path(config.site_dir)
        written = frozenset(f.dest_uri for f, _ in self.deferred if f.dest_uri.endswith(".html"))
        self._scanned.update(written)
        walked = self._walk_site(site_dir)
        for file, make in self.deferred:
            content = make()
            if file.dest_uri in written:
                text = content.decode("utf-8") if isinstance(content, bytes) else content
                for problem in scan_pages([(file.dest_uri, text)]):
                    self.scans.ready(problem)
            utils.write_file(
                content if isinstance(content, bytes) else content.encode("utf-8"),
                file.abs_dest_path,
            )
        unsafe = self._guard(walked)
        self._stop_background()  # every result is in
        if unsafe:
            for problem in unsafe:
                log.error(f"Usikker HTML i det byggede site: {problem}")
            raise PluginError(
                f"{len(unsafe)} steder i sitet kunne køre script fra indholdet eller hente "
                "noget fra en anden server; sitet er ikke lagt på plads, og det forrige site "
                "er uændret."
            )
        if self.memory is not None:
            texts = dict(self.body_texts.results())
            self.memory.succeeded({c.doc.path: texts[c.slug] for c in self.site.cases})
            kept = len(self.memory.last_plan.skipped)
            if kept:
                log.info(f"{len(self.specs) - kept} sider bygget igen; {kept} uændrede beholdt.")
        if self.staging is not None:
            if not self.staging.commit():
                log.error(
                    "Advarsler i strict-tilstand: sitet er ikke lagt på plads; det forrige "
                    "site er uændret."
                )
            self.staging = None

    def _take_back(self, helper: forked.Helper, config) -> None:
        """Render the helper's last pages, those it has not begun, in the build: its own pages
        are done. The helper read them too and sent their texts and anchors already."""
        if helper.queue is None:
            return
        files = self._files
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for uri in iter(helper.queue.last, None):
            file = files.get_file_from_path(uri)
            forked.take_back(file.page)
            self._taken_back.add(uri)
            build_command._populate_page(file.page, config, files)
            self._build_page(file, config, doc_files, self._env)

    def _build_page(self, file: File, config, doc_files, env) -> None:
        """MkDocs' own rendering of one page, as its build loop calls it."""
        build_command._build_page(
            file.page, config, doc_files, self.nav, env, excluded=file.inclusion.is_excluded()
        )

    def _walk_site(self, site_dir: Path) -> Pending:
        """The scan of every HTML file in the built site that was not scanned as it was
        written (the 404 page, anything copied in), begun in the worker after the last pages'
        scans."""
        self.scans.flush()
        return self.background.submit(scan_site, site_dir, frozenset(self._scanned))

    def _guard(self, walked: Pending) -> list[str]:
        """The guard's findings: pages as they were rendered (scanned in the background), and
        the rest of the site (`_walk_site`)."""
        return sorted(walked.result() + self.scans.results())

    def _stop_background(self) -> None:
        if self.background is not None and self.background is not self._lent:
            self.background.close()
        self.background = self._lent = None

    def on_build_error(self, *, error) -> None:
        if not self.config.enabled:
            return
        if self.helper is not None:
            self.helper.abandon()
            self.helper = None
        self._abandon_ahead()
        self.build_date.release()
        self._stop_background()
        if self.memory is not None:
            self.memory.failed()
        if self.staging is not None:
            self.staging.discard()
            self.staging = None


def _root_templates(config) -> list[str]:
    """Every template of the project's own (`theme/smartcity/`), and MkDocs' own: what the
    pages may render, before the page list says which (a name that is not found is skipped)."""
    names = set(ROOT_TEMPLATES)
    for folder in config.theme.dirs:
        own = Path(folder) / TEMPLATE_FOLDER
        names.update(
            TEMPLATE_FOLDER + path.relative_to(own).as_posix() for path in own.rglob("*.html")
        )
    return sorted(names)


class _Folder:
    """`holds(path)`: whether a file lies in the folder, by the path MkDocs gave it (a file in
    `content/` is, wherever a link there points), else by its real path. The written path
    decides for nearly every file; resolving one costs a system call for each folder on its
    way, 0.03 s for the files of a 1,000-case build."""

    def __init__(self, folder: str) -> None:
        self.real = Path(folder).resolve()
        self.prefixes = tuple({os.path.join(os.path.normpath(folder), ""), f"{self.real}{os.sep}"})

    def holds(self, path: str) -> bool:
        if os.path.normpath(path).startswith(self.prefixes):
            return True
        try:
            Path(path).resolve().relative_to(self.real)
            return True
        except ValueError:
            return False


def _nav_uris(nav) -> set[str]:
    found: set[str] = set()
    stack = [nav or []]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
