"""Is a contact address a municipality's own? A heuristic for a review warning, never an error.

A case outlives the employee who wrote it, so the contact should be an address the municipality
owns (ideally a team's), not a private or a consultant's one. Denmark has no published list of
municipal mail domains, so the rule is derived from the official municipality names in
`schema/municipalities.csv`:

- the domain's name under `.dk` is the municipality's name written the Danish way (`æ ø å` as
  `ae oe aa`: `koege.dk`) or the plain way (`a o a`: `sonderborg.dk`), with or without hyphens,
  with or without the genitive `s` (`vesthimmerland.dk`), and optionally with `kommune` before
  or after it (`nordfynskommune.dk`, `aeroekommune.dk`); subdomains count (`x@tmf.kk.dk`);
- or it is one of the short forms in `SHORT_DOMAINS`, the municipalities whose address is an
  abbreviation (`kk.dk` for København).

A miss only means the review report asks the secretariat to have a look.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..content.taxonomy import danish_slug

SHORT_DOMAINS: dict[str, str] = {
    "kk.dk": "København",
    "htk.dk": "Høje-Taastrup",
    "holb.dk": "Holbæk",
    "ltk.dk": "Lyngby-Taarbæk",
    "brk.dk": "Bornholm",
    "fmk.dk": "Faaborg-Midtfyn",
    "rksk.dk": "Ringkøbing-Skjern",
    "rk.dk": "Rødovre",
    "balk.dk": "Ballerup",
    "mors.dk": "Morsø",
}
"""Official short domains that no spelling rule derives, with the municipality they belong to."""

_PLAIN = str.maketrans({"æ": "a", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def domain_of(email: str) -> str:
    """The lowercased part after the last `@`, without a trailing dot."""
    return email.rpartition("@")[2].strip().rstrip(".").lower()


def name_variants(name: str) -> set[str]:
    """Domain labels a municipality's name may be written as: `Høje-Taastrup` gives
    `hoeje-taastrup`, `hojetaastrup`, `hoeje-taastrupkommune` and so on."""
    bases = {danish_slug(name), danish_slug(name.lower().translate(_PLAIN))}
    variants: set[str] = set()
    for base in bases:
        for joined in (base, base.replace("-", "")):
            stems = {joined, joined.removesuffix("s")} if len(joined) > 4 else {joined}
            for stem in stems:
                variants |= {stem, stem + "kommune", stem + "-kommune", "kommune" + stem}
    return variants


@lru_cache(maxsize=4)
def _labels(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v for name in names for v in name_variants(name))


def is_municipal(email: str, municipalities: Iterable[str]) -> bool:
    """True when `email`'s domain belongs to one of `municipalities` by the rules above."""
    domain = domain_of(email)
    labels = domain.split(".")
    if len(labels) < 2 or labels[-1] != "dk":
        return False
    registrable = ".".join(labels[-2:])
    if registrable in SHORT_DOMAINS:
        return True
    return labels[-2] in _labels(tuple(municipalities))
