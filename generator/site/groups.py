"""Working groups: municipalities that meet about a theme, and the cases of their themes.

Pure Python, no MkDocs. The Danish labels of `status` and `cadence` come from the loaded group
schema (`SchemaSet.labels`), so the schema stays their one source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..content.documents import Document
from ..content.taxonomy import Municipality, Taxonomy, Theme
from .fields import FrontMatterFields

if TYPE_CHECKING:  # the model imports this module
    from .kinds import Case

STATUS_ORDER = ("forming", "active", "closed")
"""The groups index shows groups looking for members first, closed groups last."""


@dataclass(eq=False)
class Group(FrontMatterFields):
    doc: Document
    themes: list[Theme]
    members: list[Municipality]
    """In the order the file names them."""
    status_label: str
    cadence_label: str
    published: dt.date
    reviewed: dt.date | None
    cases: list[Case] = field(default_factory=list)
    """Cases that share a theme with the group, newest first."""

    @property
    def sort_key(self):
        return (STATUS_ORDER.index(self.status), self.title.lower(), self.slug)


def build_groups(
    docs: Iterable[Document],
    taxonomy: Taxonomy,
    cases: list[Case],
    labels: dict[str, dict[str, str]],
) -> list[Group]:
    """Validated group documents as `Group`s: forming and active groups first, then by title.

    `labels` holds the schema's labels of `status` and `cadence`."""
    groups = []
    for doc in docs:
        meta = doc.meta
        themes = [taxonomy.themes[t] for t in meta["themes"]]
        groups.append(
            Group(
                doc=doc,
                themes=themes,
                members=[taxonomy.municipalities[m] for m in meta["members"]],
                status_label=labels["status"][meta["status"]],
                cadence_label=labels["cadence"][meta["cadence"]],
                published=dt.date.fromisoformat(meta["published"]),
                reviewed=dt.date.fromisoformat(meta["reviewed"]) if meta.get("reviewed") else None,
                cases=[c for c in cases if set(c.themes) & set(themes)],
            )
        )
    return sorted(groups, key=lambda g: g.sort_key)


def by_municipality(groups: Iterable[Group]) -> dict[str, list[Group]]:
    """The groups each municipality sits in, by the municipality's official name."""
    found: dict[str, list[Group]] = {}
    for group in groups:
        for member in group.members:
            found.setdefault(member.name, []).append(group)
    return found
