"""What every content type's model shares: its front matter read as attributes, its URL."""

from __future__ import annotations

from . import routes


class FrontMatterFields:
    """Plain front-matter fields read as attributes (`case.title`, `guide.summary`); optional
    fields that are absent read as None, or as an empty list for list fields."""

    _optional_lists = ("tags", "results", "links")

    def __getattr__(self, name):
        meta = self.__dict__["doc"].meta
        if name in meta:
            return meta[name]
        if name in self._optional_lists:
            return []
        if name.startswith("_"):
            raise AttributeError(name)
        return None

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def url(self) -> str:
        return routes.document(self.doc)
