"""Reference data the content points at: themes and Denmark's municipalities and regions."""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "ue", "ö": "oe", "ä": "ae"}
)


@lru_cache(
    maxsize=8192
)  # pure, and asked for the same few hundred keywords and names again and again
def danish_slug(text: str) -> str:
    """URL slug by Danish transliteration: `Høje-Taastrup` -> `hoeje-taastrup`."""
    text = text.lower().translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return "-".join(words)


_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def danish_sort_key(name: str) -> str:
    """Æ, Ø and Å after Z, as a Danish reader looks them up."""
    return name.lower().translate(_DANISH_ORDER)


KEYWORD_WORDS = {
    "iot": "IoT",
    "its": "ITS",
    "lar": "LAR",
    "opi": "OPI",
    "lorawan": "LoRaWAN",
    "co2": "CO2",
    "elena": "ELENA",
    "dokk1": "Dokk1",
}
"""Words of keywords that readers write in capitals (abbreviations and names)."""
KEYWORD_LABELS = {"led": "LED", "co2-neutral": "CO2-neutral"}
"""Whole keywords whose label is not made word by word (`første-og-sidste-led` is no lamp)."""


def keyword_label(tag: str) -> str:
    """A keyword as readers read it: `grøn-bølge` -> `grøn bølge`, `iot` -> `IoT`. Keywords are
    written lowercase with hyphens (`tags` in the schema); the slug stays for URLs."""
    if tag in KEYWORD_LABELS:
        return KEYWORD_LABELS[tag]
    return " ".join(KEYWORD_WORDS.get(word, word) for word in tag.split("-") if word)


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Region:
    code: int
    name: str

    @property
    def short_name(self) -> str:
        """`Region Midtjylland` -> `Midtjylland`."""
        return self.name.removeprefix("Region ")

    @property
    def slug(self) -> str:
        return danish_slug(self.short_name)


_OFFICIAL_NAMES = {
    "København": "Københavns Kommune",
    "Bornholm": "Bornholms Regionskommune",
}
"""The municipalities whose official name is not `<name> Kommune` (DAGI already writes
`Vesthimmerlands`)."""


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    region: Region

    @property
    def slug(self) -> str:
        return danish_slug(self.name)

    @property
    def official_name(self) -> str:
        """As the municipality signs itself: `Aarhus Kommune`, `Københavns Kommune`."""
        return _OFFICIAL_NAMES.get(self.name, f"{self.name} Kommune")

    @property
    def code_text(self) -> str:
        """The kommunekode as DAGI and DAWA write it, four digits: `0101`, `0751`."""
        return f"{self.code:04d}"


KL_NAMES = frozenset({"kl", "kommunernes-landsforening", "kl-kommunernes-landsforening"})
"""KL, the forum's secretariat, as partners write it (compared as `danish_slug`)."""

_ABBREVIATIONS = {"kbh": "København"}
"""Short forms that mean one municipality only (compared as `_normalise_municipality`)."""

_KOMMUNE_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?:regions)?kommune$", re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^region(?:en)?\s+(?P<name>.+)$", re.IGNORECASE)


class Taxonomy:
    """Themes, municipalities and the UN Sustainable Development Goals, loaded once from
    `schema/`."""

    def __init__(self, schema_dir: Path) -> None:
        self.schema_dir = Path(schema_dir)
        with open(self.schema_dir / "themes.yaml", encoding="utf-8") as fh:
            self.themes: dict[str, Theme] = {t["id"]: Theme(**t) for t in yaml.safe_load(fh)}
        regions: dict[int, Region] = {}
        self.municipalities: dict[str, Municipality] = {}
        with open(self.schema_dir / "municipalities.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code = int(row["region_code"])
                region = regions.setdefault(code, Region(code, row["region_name"]))
                self.municipalities[row["name"]] = Municipality(
                    int(row["code"]), row["name"], region
                )
        self.regions: dict[int, Region] = dict(sorted(regions.items()))
        with open(self.schema_dir / "sdgs.yaml", encoding="utf-8") as fh:
            self.sdgs: dict[int, str] = {int(k): v for k, v in yaml.safe_load(fh).items()}
            """The 17 goals' Danish names by number."""
        self._matches: dict[str, str | None] = {}

    @cached_property
    def _normalised_names(self) -> dict[str, str]:
        return {_normalise_municipality(name): name for name in self.municipalities}

    def municipality_match(self, text: str) -> str | None:
        """The official name a contributor most likely meant (`Aarhus Kommune` -> `Aarhus`)."""
        if not isinstance(text, str) or not text.strip():
            return None
        # Partner names (companies, universities) repeat across cases; each costs a fuzzy
        # comparison with all 98 names.
        if text not in self._matches:
            self._matches[text] = self._match(text)
        return self._matches[text]

    def municipality_named(self, text: object) -> Municipality | None:
        """The municipality a name means without doubt, as people write it.

        `Aarhus`, `Aarhus Kommune`, `Københavns Kommune` (genitive), `Bornholms Regionskommune`,
        and the same with `Århus`/`Aarhus` or `Høje Taastrup`/`Høje-Taastrup` spellings. Near
        misses (`Arhus`, `Lyngby`) are not meant without doubt: see `municipality_match`.
        """
        if not isinstance(text, str):
            return None
        text = " ".join(text.split())
        if text in self.municipalities:
            return self.municipalities[text]
        suffixed = _KOMMUNE_SUFFIX.match(text)
        name = suffixed.group("name") if suffixed else text
        key = _normalise_municipality(name)
        official = self._normalised_names.get(key) or _ABBREVIATIONS.get(key)
        if official is None and suffixed and key.endswith("s"):  # `Københavns Kommune`
            official = self._normalised_names.get(key[:-1])
        return self.municipalities[official] if official else None

    def region_named(self, text: object) -> Region | None:
        """The region `Region Midtjylland` (or `Region Midt`, `Regionen Nordjylland`) means."""
        if not isinstance(text, str):
            return None
        prefixed = _REGION_PREFIX.match(" ".join(text.split()))
        if not prefixed:
            return None
        key = danish_slug(prefixed.group("name"))
        if len(key) < 3:
            return None
        found = [r for r in self.regions.values() if r.slug.startswith(key)]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def is_kl(text: object) -> bool:
        """`KL` or `Kommunernes Landsforening`, the forum's secretariat."""
        return isinstance(text, str) and danish_slug(text) in KL_NAMES

    def _match(self, text: str) -> str | None:
        key = _normalise_municipality(text)
        if key in self._normalised_names:
            return self._normalised_names[key]
        prefixed = [n for k, n in self._normalised_names.items() if k.startswith(key + "-")]
        if len(prefixed) == 1:  # `Lyngby` -> `Lyngby-Taarbæk`
            return prefixed[0]
        close = difflib.get_close_matches(key, self._normalised_names, n=1, cutoff=0.8)
        return self._normalised_names[close[0]] if close else None


def _normalise_municipality(text: str) -> str:
    """Compare names as a Dane would: ignore case, 'Kommune', genitive -s, å/aa and æ/ae."""
    words = danish_slug(text).split("-")
    words = [w for w in words if w not in ("kommune", "kommunes", "regionskommune")]
    key = "-".join(words)
    return key.replace("aa", "a")


def closest(value: object, choices, *, cutoff: float = 0.75) -> str | None:
    """The choice nearest to `value` by spelling, for a `Mente du ...?` hint."""
    if not isinstance(value, str) or not value:
        return None
    choices = [str(c) for c in choices]
    prefixed = [c for c in choices if len(value) >= 3 and c.lower().startswith(value.lower())]
    if len(prefixed) == 1:  # `budget` -> `budget_dkk`
        return prefixed[0]
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return lowered[value.lower()]
    slugged = {danish_slug(c): c for c in choices}
    if danish_slug(value) in slugged:
        return slugged[danish_slug(value)]
    match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None
