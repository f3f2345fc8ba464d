"""Danish text analysis, identical at build time and in the browser.

Text is NFKC-normalised, words are lowercased runs of letters and digits, stop words are dropped, and each word is
reduced by the Snowball Danish stemmer (Python's `snowballstemmer` here; lunr-languages' port of
the same algorithm in the browser; a test runs a word list through both). Two small rules then
join forms Snowball keeps apart: a final `s` on a long stem (`trafiklys` and `trafiklysene` give
`trafikly` and `trafiklys`), and the unstressed `e` of `-el/-en/-er` (`cykel` and `cyklerne` give
`cykel` and `cykl`). The same rules run in `theme/assets/javascripts/smartcity/search-core.js`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_SYNCOPE = re.compile(r"^(.*[^aeiouyæøå])e([lnr])$")
_stemmer = snowballstemmer.stemmer("danish")


def _load_stop_words() -> frozenset[str]:
    text = resources.files(__package__).joinpath("stopwords_da.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS = _load_stop_words()


def words(text: str) -> list[str]:
    """Lowercased words after NFKC, as in the browser: a ligature from a PDF (`ﬁ`), fullwidth
    letters (`ＡＢＣ`) and mathematical letters (`𝔸`) read as the letters they show."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFKC", text))]


def normalise(stem: str) -> str:
    if len(stem) > 5 and stem.endswith("s"):
        stem = stem[:-1]
    match = _SYNCOPE.match(stem)
    if match and len(stem) >= 5:
        stem = match.group(1) + match.group(2)
    return stem


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """One lowercased word to its index term. Words with digits (`2030`, `eb55`) are kept as
    they are: Snowball is made for words, and its two ports disagree on digits."""
    if any(unicodedata.category(ch).startswith("N") for ch in word):
        return word
    return normalise(_stemmer.stemWord(word))


def terms(text: str) -> list[str]:
    """Index terms of a text, in order, stop words dropped."""
    return [term(w) for w in words(text) if w not in STOP_WORDS]
