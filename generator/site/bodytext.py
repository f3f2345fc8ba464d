"""A case's rendered body as plain text, for `cases.json`: no markup, paragraphs, list items and
table rows kept apart. The build's worker runs `plain_texts` on batches of rendered pages."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "hr",
    "tr",
}
_SKIP = {"script", "style"}


class _TextExtractor(HTMLParser):
    """HTML to text that keeps paragraphs, list items and table rows apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(" ".join(data.split("\n")))

    def text(self) -> str:
        lines = [
            " ".join(line.replace("\t", " ").split()) for line in "".join(self.parts).split("\n")
        ]
        paragraphs, current = [], []
        for line in lines:
            if line:
                current.append(line)
            elif current:
                paragraphs.append("\n".join(current))
                current = []
        if current:
            paragraphs.append("\n".join(current))
        return "\n\n".join(paragraphs)


def plain_texts(bodies: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`(slug, rendered body)` -> `(slug, plain text)`: a batch for the build's worker."""
    return [(slug, plain_text(html)) for slug, html in bodies]


def plain_text(html: str) -> str:
    """A rendered body as plain text: no markup, paragraphs separated by a blank line."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.text()
