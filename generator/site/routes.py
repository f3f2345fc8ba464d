"""Every URL the site has, in one place: pages, data files, feeds, calendars and search files.

URLs are site-relative, as MkDocs' `url` filter and `File.generated` take them: a page ends in
`/`, and MkDocs builds it from the source `source(url)`. A content type's documents are at the
URL its registry entry declares (`ContentType.url`, `cases/<slug>/`). The site model's `.url`
properties, the page list (`generator/engine/pages.py`) and the output providers all ask here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.documents import ContentType, Document

# -- pages ------------------------------------------------------------------------------------

HOME = ""
THEMES = "themes/"
MUNICIPALITIES = "municipalities/"
TAGS = "tags/"
CONTRIBUTE = "contribute/"
ACCESSIBILITY = "accessibility/"
REUSE = "reuse/"
MAP = "map/"
STATS = "stats/"
DATA = "data/"


def listing(ctype: ContentType) -> str:
    """The page listing every document of a type: `guides/`."""
    return f"{ctype.directory}/"


def document(doc: Document) -> str:
    """A document's page, at its type's URL pattern: `cases/<slug>/`."""
    return doc.type.page_url(doc.slug)


def document_source(doc: Document) -> str:
    """The document's file inside the content folder, as MkDocs names it: `cases/<slug>.md`."""
    return document(doc).removesuffix("/") + ".md"


def listing_page(base: str, number: int) -> str:
    """Page `number` of a listing whose page 1 is at `base` (`themes/klima/`): later pages are
    `themes/klima/side/2/` and on."""
    return base if number == 1 else f"{base}side/{number}/"


def cases_page(number: int) -> str:
    """Page `number` of the case list for readers without script; page 1 is the finder."""
    return listing_page("cases/", number)


def theme(theme_id: str) -> str:
    return f"themes/{theme_id}/"


def municipality(slug: str) -> str:
    return f"municipalities/{slug}/"


def tag(slug: str) -> str:
    return f"tags/{slug}/"


def map_view(theme_id: str | None) -> str:
    """The map of every theme, or of one."""
    return MAP if theme_id is None else f"{MAP}{theme_id}/"


def source(url: str) -> str:
    """The source MkDocs builds a generated page's `url` from: `themes/trafik/index.md`."""
    return f"{url}index.md"


# -- files ------------------------------------------------------------------------------------

CASES_JSON = "data/cases.json"
CASES_CSV = "data/cases.csv"
CASE_SCHEMA = "data/case.schema.json"
CATALOG = "data/catalog.jsonld"
"""The DCAT-AP-DK catalogue record."""
FEED = "feed.xml"
"""The Atom feed of the newest cases."""
CALENDAR = "events/kalender.ics"
"""Every event in one calendar to subscribe to."""


def event_calendar(doc: Document) -> str:
    """An event's own calendar file, beside its page: `events/<slug>.ics`."""
    return f"{doc.type.directory}/{doc.slug}.ics"


FINDER_DATA = "search/finder.json"
"""What the case finder filters: one compact row per case."""
SEARCH_WORDS = "search/words.json"
"""The small index of words, fetched only when a search finds nothing."""
SEARCH_MANIFEST = "search/manifest.json"
"""The split site search: which term shard holds which terms (`search/shards.py`)."""


def search_shard(number: int) -> str:
    """One shard of the search terms, with their postings."""
    return f"search/terms/{number}.json"


def search_texts(number: int) -> str:
    """The result texts (URL, title, summary) of one chunk of search documents."""
    return f"search/pages/{number}.json"


MATERIAL_SEARCH_INDEX = "search/search_index.json"
"""Where Material's own search reads its index (its configuration, here)."""
