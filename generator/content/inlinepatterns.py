"""Only the inline patterns that can match: Python-Markdown's inline step, made cheaper.

Python-Markdown tries every inline pattern (code, escapes, links, images, autolinks, raw HTML,
entities, line breaks, emphasis) on every piece of text, one after the other, and most of a
body's text holds none of the characters those patterns start with. That trying is a third of
the time a body takes to render. Each of Python-Markdown's own patterns needs a character (or
two) that the text does not hold without: `[` for a link, `<` for raw HTML, `&` for an entity,
`*` or `_` for emphasis. So before the inline step, a converter's inline processor is given
only the patterns whose characters occur in the body: the HTML is the same, byte for byte,
as with all of them (tests/test_inlinepatterns.py).

What the inline step reads is the body after the preprocessors (tabs expanded, line ends made
`\\n`, raw HTML blocks put aside); a pattern is kept if its characters occur in that or in the
body as written. Patterns of other extensions, or Python-Markdown's own given another regular
expression, are always kept; and where an extension's tree processor runs before the inline
step (and could add text), every pattern is.
"""

from __future__ import annotations

from markdown import inlinepatterns as builtin
from markdown.preprocessors import Preprocessor
from markdown.util import Registry

_NEEDS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    # Python-Markdown's class: (its regular expression as Python-Markdown registers it, or
    # None for any; the strings of which the text must hold one for it to match anywhere).
    "BacktickInlineProcessor": ("BACKTICK_RE", ("`",)),
    "EscapeInlineProcessor": ("ESCAPE_RE", ("\\",)),
    "ReferenceInlineProcessor": ("REFERENCE_RE", ("[",)),
    "LinkInlineProcessor": ("LINK_RE", ("[",)),
    "ImageInlineProcessor": ("IMAGE_LINK_RE", ("![",)),
    "ImageReferenceInlineProcessor": ("IMAGE_REFERENCE_RE", ("![",)),
    "ShortReferenceInlineProcessor": ("REFERENCE_RE", ("[",)),
    "ShortImageReferenceInlineProcessor": ("IMAGE_REFERENCE_RE", ("![",)),
    "AutolinkInlineProcessor": ("AUTOLINK_RE", ("<",)),
    "AutomailInlineProcessor": ("AUTOMAIL_RE", ("<",)),
}
_BY_EXPRESSION: dict[str, tuple[str, ...]] = {
    # Classes Python-Markdown uses with more than one expression: by the expression.
    "HTML_RE": ("<",),
    "ENTITY_RE": ("&",),
    "LINE_BREAK_RE": ("  \n",),
    "NOT_STRONG_RE": ("*", "_"),  # Python-Markdown before 3.11
}
_LITERAL: dict[tuple[str, str], tuple[str, ...]] = {
    # Python-Markdown before 3.11: emphasis by two processors, registered with literals.
    ("AsteriskProcessor", r"\*"): ("*",),
    ("UnderscoreProcessor", r"_"): ("_",),
}


def needs(pattern) -> tuple[str, ...] | None:
    """The strings of which a text must hold one for `pattern` to match in it; None when
    that is not known (the pattern is then always tried)."""
    kind = type(pattern)
    while kind.__module__ != builtin.__name__:
        if not kind.__dict__.get("matches_as_parent"):
            return None  # another extension's: it may match anything
        kind = kind.__base__  # a subclass that only records its matches (body.py)
    expression = getattr(pattern, "pattern", None)
    name = kind.__name__
    if name == "DelimiterProcessor":  # Python-Markdown 3.11: `*`, `_` and any added since
        tokens = getattr(pattern, "tokens", None)
        return tuple(tokens) if tokens and all(tokens) else None
    if name in _NEEDS:
        constant, strings = _NEEDS[name]
        return strings if expression == getattr(builtin, constant, None) else None
    for constant, strings in _BY_EXPRESSION.items():
        if expression is not None and expression == getattr(builtin, constant, None):
            return strings
    return _LITERAL.get((name, expression or ""))


class InlineTriggers(Preprocessor):
    """The last preprocessor: gives the inline processor of `md` the patterns that can match
    in this body (`body`, set before each conversion, and the lines as preprocessed)."""

    PRIORITY = -1000

    def __init__(self, md) -> None:
        super().__init__(md)
        self.body = ""
        self.inline = md.treeprocessors["inline"]
        self.patterns = md.inlinePatterns
        self.enabled = self._safe(md)
        self.needs = [
            (item.name, item.priority, needs(self.patterns[item.name]))
            for item in self.patterns._priority
        ]
        self._registries: dict[tuple[str, ...], Registry] = {}

    @staticmethod
    def _safe(md) -> bool:
        """Whether only text of the body reaches the inline step: no tree processor of an
        extension runs before it (footnotes', for one, adds text of its own)."""
        inline = next(i for i in md.treeprocessors._priority if i.name == "inline")
        return not any(i.priority > inline.priority for i in md.treeprocessors._priority)

    def run(self, lines: list[str]) -> list[str]:
        if self.enabled:
            self.inline.inlinePatterns = self.registry("\n".join(lines))
        return lines

    def kept(self, text: str) -> tuple[str, ...]:
        """The names of the patterns tried on a body whose preprocessed text is `text`."""
        body = self.body
        return tuple(
            name
            for name, _, strings in self.needs
            if strings is None or any(s in text or s in body for s in strings)
        )

    def registry(self, text: str) -> Registry:
        kept = self.kept(text)
        registry = self._registries.get(kept)
        if registry is None:
            registry = self._registries[kept] = Registry()
            for name, priority, _ in self.needs:
                if name in kept:
                    registry.register(self.patterns[name], name, priority)
        return registry


def install(md) -> InlineTriggers:
    """Register `InlineTriggers` with `md` (once its extensions are loaded); set its `body`
    before each conversion."""
    triggers = InlineTriggers(md)
    md.preprocessors.register(triggers, "smartcity-inline-triggers", InlineTriggers.PRIORITY)
    return triggers
