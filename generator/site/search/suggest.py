"""The words behind `Mente du ...?`: what a query with no hits is compared with in the browser.

Only words of the main index's fields (titles, summaries, keywords and facet words,
municipalities) are listed, so a suggested word finds something through the main index alone.
Most frequent first: of two words equally near a misspelling, the browser
(`theme/assets/javascripts/smartcity/suggest.js`) suggests the more common one. The file is
fetched only when a query finds nothing.
"""

from __future__ import annotations

import json
from collections import Counter

from .. import routes
from .analysis import STOP_WORDS, words

WORDS_FILE = routes.SEARCH_WORDS
MAX_WORDS = 20_000
"""Enough for every word of a few thousand titles and summaries; a misspelling of a rarer word
still finds its document through the other words of a query."""
MIN_LENGTH = 3


def vocabulary(docs, names=()) -> str:
    """`search/words.json`: `{"words": [...]}`, lowercase, most documents first.

    The municipality field holds names in several spellings (`Kobenhavn`); only their official
    forms, `names`, are offered, once each."""
    seen: Counter = Counter()
    for text in [*(" ".join((d.title, d.summary, d.tags)) for d in docs), *names]:
        seen.update(
            {
                w
                for w in words(text)
                if len(w) >= MIN_LENGTH and w not in STOP_WORDS and not w.isdigit()
            }
        )
    ranked = sorted(seen, key=lambda w: (-seen[w], w))[:MAX_WORDS]
    return json.dumps({"words": ranked}, ensure_ascii=False, separators=(",", ":"))
