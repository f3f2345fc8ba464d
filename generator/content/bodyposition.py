"""Source positions for what the renderer found in a body.

Python-Markdown keeps no source positions, so `generator.content.body` looks each finding's source text
up in the body, in document order: a link or image by its target (an inline `](target`, an
autolink `<target`, else the reference definition `]: target`, where the address is written;
backslash escapes the renderer removed are allowed for), a heading by its line (`## text` or
text over a setext underline), a prompt or raw HTML by its text. Where text repeats, the first
occurrence after the previous finding wins; where it cannot be found, the previous finding's
position is used. These patterns only place findings; they never decide what a body means.
"""

from __future__ import annotations

import re

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Locator:
    """Source positions for what the renderer found, looked up in document order."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.cursor = 0
        self.starts = [0]
        for match in re.finditer("\n", body):
            self.starts.append(match.end())

    def position(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.starts[lo] + 1

    def find(self, *needles: str | tuple[str, int], advance: bool = True) -> tuple[int, int]:
        """The position of the first needle found from the cursor (then from the start). A
        needle `(text, skip)` reports the point `skip` characters into the text."""
        for start in (self.cursor, 0):
            for needle in needles:
                text, skip = needle if isinstance(needle, tuple) else (needle, 0)
                if not text:
                    continue
                offset = self.body.find(text, start)
                if offset >= 0:
                    if advance and start == self.cursor:
                        self.cursor = offset + len(text)
                    return self.position(offset + skip)
        return self.position(self.cursor)

    def heading(self, text: str) -> tuple[int, int]:
        """An ATX (`## text`) or setext (`text` over `===`) heading's line holding `text`."""
        words = re.escape(text.split(" ")[0]) if text else ""
        pattern = re.compile(
            rf"^[ \t]{{0,3}}#{{1,6}}[ \t]+.*?{words}|^[^\n]*?{words}[^\n]*\n[ \t]{{0,3}}(?:=+|-+)[ \t]*$",
            re.M,
        )
        match = pattern.search(self.body, self.cursor)
        if match:
            self.cursor = match.end()
            return self.position(match.start())
        return self.find(text)

    def target(self, url: str) -> tuple[int, int]:
        for needle, skip in ((f"](<{url}", 3), (f"]({url}", 2), (f"<{url}", 1)):
            offset = self.body.find(needle, self.cursor)
            if offset >= 0:
                self.cursor = offset + len(needle)
                return self.position(offset + skip)
        # The target as written may carry backslash escapes (`\\\\host`) the renderer removed.
        written = "".join(
            "\\\\?" + re.escape(c) if c in _PUNCTUATION else re.escape(c) for c in url
        )
        inline = re.compile(r"\]\([ \t]*<?(" + written + ")")
        match = inline.search(self.body, self.cursor)
        if match:
            self.cursor = match.end()
            return self.position(match.start(1))
        definition = re.compile(r"\]:[ \t]*<?(" + written + ")")
        match = definition.search(self.body)
        if match:
            return self.position(match.start(1))
        return self.find(url)
