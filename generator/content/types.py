"""The content types: what each kind of document is, in one registry.

Each type declares its folder under `content/`, its schema, its page template, its URL, its
listing page and its rules; the validator, the site model and the page list loop over
`CONTENT_TYPES`, so adding a kind of content means an entry here, a schema in `schema/` and a
template in `theme/smartcity/` (README.md, "Adding a kind of content"). Types with a model of
their own in the site (cases link municipalities, events have times) name it in
`generator/site/kinds.py`; any other type gets a plain one.
"""

from __future__ import annotations

from .documents import ContentType, Listing
from .eventrules import check_event, check_event_cases
from .rules import check_case

CASE = ContentType(
    name="case",
    directory="cases",
    schema_id="urn:smartcity:schema:case",
    template="case.html",
    label="cases",
    sections=("Udfordring", "Løsning", "Resultater", "Erfaringer"),
    rules=(check_case,),
)
GUIDE = ContentType(
    name="guide",
    directory="guides",
    schema_id="urn:smartcity:schema:guide",
    template="guide.html",
    label="guides",
    listing=Listing(
        "guides.html",
        "Guides",
        "Vejledninger i at starte, organisere og måle Smart City-projekter.",
    ),
)
GROUP = ContentType(
    name="group",
    directory="groups",
    schema_id="urn:smartcity:schema:group",
    template="group.html",
    label="arbejdsgrupper",
    listing=Listing(
        "groups.html",
        "Arbejdsgrupper",
        "Forummets arbejdsgrupper: hvem der er med, hvor ofte de mødes, og hvem man kontakter.",
    ),
)
EVENT = ContentType(
    name="event",
    directory="events",
    schema_id="urn:smartcity:schema:event",
    template="event.html",
    label="arrangementer",
    listing=Listing(
        "events.html",
        "Arrangementer",
        "Forummets årlige konference og workshops: kommende arrangementer først, "
        "som kalenderfiler til at abonnere på.",
    ),
    rules=(check_event,),
    tree_rules=(check_event_cases,),
)

CONTENT_TYPES: dict[str, ContentType] = {t.directory: t for t in (CASE, GUIDE, GROUP, EVENT)}
"""Content types by folder, in the order the site model builds them (cases first: the others
link to cases)."""
