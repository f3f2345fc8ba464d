"""Reading the values of a survey export as a person would (`smartcity import`).

A questionnaire answered by 98 municipalities comes back written in every way at once:
`Kbh. Kommune`, `Københavns Kommune` and `Kobenhavn`; `I drift` and `Drift`; `2018-2020`;
`2,5 mio. kr.`; `Ja`, `x` and `Nej`. Each reader here returns a `Reading`: the value for the
front matter (or None), and a Danish note when the value was guessed rather than read as
written, so the import can tell the contributor what to check. A value that cannot be read at
all is None with a note saying what was there. Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.taxonomy import Taxonomy, danish_slug


@dataclass(frozen=True)
class Reading:
    value: object
    """The value for the front matter; None when nothing usable was there."""
    note: str = ""
    """Danish: what was guessed, or why the text could not be read; empty when read as written."""


def clean(text: object) -> str:
    """A cell as one line of text: spaces collapsed, non-breaking spaces and BOMs gone."""
    if text is None:
        return ""
    return " ".join(str(text).replace("\ufeff", "").replace("\u00a0", " ").split())


def _key(text: str) -> str:
    """Compare words as a Dane would: case, æøå written as ae/oe/aa or without, punctuation."""
    slug = danish_slug(text).replace("-", " ")
    for long, short in (("aa", "a"), ("oe", "o"), ("ae", "a")):
        slug = slug.replace(long, short)
    return slug


# -- municipalities ----------------------------------------------------------------------------

MUNICIPALITY_ALIASES = {
    "kbh": "København",
    "kbhs": "København",
    "cph": "København",
    "copenhagen": "København",
    "frb": "Frederiksberg",
    "frederiksberg c": "Frederiksberg",
    "aarhus c": "Aarhus",
    "arhus": "Aarhus",
    "aarhus": "Aarhus",
    "odense c": "Odense",
    "lyngby": "Lyngby-Taarbæk",
    "bornholm": "Bornholm",
}
"""Short forms a Dane writes that no spelling rule finds (keys as `_key` makes them)."""
_DROP = {"kommune", "kommunes", "regionskommune", "kommunen", "municipality", "of", "the"}


def municipality(text: object, taxonomy: Taxonomy) -> Reading:
    """An official name (`København`) from any common form of it."""
    raw = clean(text)
    if not raw:
        return Reading(None)
    if raw in taxonomy.municipalities:
        return Reading(raw)
    words = [w for w in _key(raw).split() if w not in _DROP]
    key = " ".join(words)
    by_key = {_key(name): name for name in taxonomy.municipalities}
    for candidate in (key, key.removesuffix("s")):
        found = by_key.get(candidate) or MUNICIPALITY_ALIASES.get(candidate)
        if found:
            return Reading(found, f"kommune '{raw}' læst som '{found}'")
    found = taxonomy.municipality_match(raw)
    if found:
        return Reading(found, f"kommune '{raw}' læst som '{found}' (nærmeste stavemåde; tjek den)")
    return Reading(None, f"kommunen '{raw}' findes ikke blandt de 98 kommuner")


# -- themes and status -------------------------------------------------------------------------

THEME_WORDS = {
    "trafik": ("trafik", "mobilitet", "parkering", "transport", "cykel", "cykling", "bus"),
    "klima": ("klima", "klimatilpasning", "miljo", "co2", "skybrud", "gron omstilling"),
    "borgerinddragelse": ("borgerinddragelse", "inddragelse", "borger", "demokrati", "citizen"),
    "energi": ("energi", "belysning", "lys", "varme", "fjernvarme", "fjernkoling", "energy"),
    "byens-drift": ("byens drift", "drift", "affald", "renhold", "vand", "veje", "vedligehold"),
    "data": ("data", "iot", "digital infrastruktur", "abne data", "sensornetvark", "lorawan"),
    "erhverv-og-kultur": ("erhverv", "kultur", "turisme", "handel", "business", "culture"),
    "velfaerd": ("velfard", "sundhed", "aldre", "omsorg", "welfare", "health"),
}
"""Words (as `_key` makes them) that name each theme in survey answers."""
MAX_THEMES = 3


def themes(text: object, taxonomy: Taxonomy) -> Reading:
    """1-3 theme ids from `Trafik og mobilitet; Klima`, `Mobilitet/Data`, ids or labels."""
    raw = clean(text)
    if not raw:
        return Reading(None)
    labels = {_key(t.label): t.id for t in taxonomy.themes.values()}
    labels.update({_key(t): t for t in taxonomy.themes})

    def exact(part: str) -> str | None:
        return labels.get(_key(part))

    parts = []
    for part in (p.strip() for p in re.split(r"[,;/+\n]", raw)):
        if part and exact(part) is None and " og " in part:
            parts += [p.strip() for p in part.split(" og ") if p.strip()]
        elif part:
            parts.append(part)
    found, guessed = [], []
    for part in parts:
        theme = exact(part)
        if theme is None:
            key = _key(part)
            theme = next(
                (
                    t
                    for t, words in THEME_WORDS.items()
                    if any(re.search(rf"\b{w}", key) for w in words)
                ),
                None,
            )
            if theme is not None:
                guessed.append(f"'{part}' → {theme}")
        if theme is not None and theme not in found:
            found.append(theme)
    if not found:
        return Reading(None, f"temaet '{raw}' passer ikke til nogen af temaerne")
    notes = [f"tema {', '.join(guessed)}"] if guessed else []
    if len(found) > MAX_THEMES:
        left_out = ", ".join(found[MAX_THEMES:])
        notes.append(f"kun de første {MAX_THEMES} temaer er taget med ({left_out} er udeladt)")
        found = found[:MAX_THEMES]
    return Reading(found, "; ".join(notes))


STATUS_WORDS = {
    "idea": ("ide", "idefase", "idea", "koncept", "planlagt", "planlagning", "forundersogelse"),
    "pilot": ("pilot", "pilotprojekt", "forsog", "test", "afprovning", "proof of concept", "poc"),
    "operation": ("i drift", "drift", "implementeret", "operation", "i brug", "permanent"),
    "scaled": ("udbredt", "skaleret", "opskaleret", "scaled", "udrullet"),
    "ended": ("afsluttet", "stoppet", "lukket", "ended", "fardig", "afviklet", "slut"),
}


def status(text: object, labels: dict[str, str]) -> Reading:
    """A status id from Danish or English words (`I drift`, `Pilotprojekt`, `Afsluttet`)."""
    raw = clean(text)
    if not raw:
        return Reading(None)
    key = _key(raw)
    if raw in labels:
        return Reading(raw)
    for status_id, label in labels.items():
        if key == _key(label):
            return Reading(status_id)
    for status_id, words in STATUS_WORDS.items():
        if key in words:
            return Reading(status_id, f"status '{raw}' læst som {status_id}")
    for status_id, words in STATUS_WORDS.items():
        if any(re.search(rf"\b{w}\b", key) for w in words):
            return Reading(status_id, f"status '{raw}' læst som {status_id} (tjek den)")
    return Reading(
        None, f"status '{raw}' passer ikke til idea, pilot, operation, scaled eller ended"
    )


# -- years, amounts, yes and no ----------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def years(text: object) -> tuple[Reading, Reading]:
    """(started, ended) from `2019`, `2018-2020`, `2018–20`, `marts 2019`, `01-03-2019`."""
    raw = clean(text)
    if not raw:
        return Reading(None), Reading(None)
    if raw.endswith(".0") and raw[:-2].isdigit():  # a year from a spreadsheet's number cell
        raw = raw[:-2]
    if re.fullmatch(r"\d{4}", raw):
        return Reading(int(raw)), Reading(None)
    short = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{2})", raw)
    if short:
        first = int(short.group(1))
        last = first // 100 * 100 + int(short.group(2))
        return Reading(first, f"perioden '{raw}' læst som {first}-{last}"), Reading(last)
    found = [int(y) for y in _YEAR.findall(raw)]
    if not found:
        return Reading(None, f"'{raw}' er ikke et årstal"), Reading(None)
    first, last = found[0], found[-1]
    note = f"'{raw}' læst som startår {first}" + (f" og slutår {last}" if last != first else "")
    return Reading(first, note), Reading(last if last != first else None)


_UNITS = (
    (r"mia\.?|milliard(?:er)?", 1_000_000_000),
    (r"mio\.?|million(?:er)?|mill\.?", 1_000_000),
    (r"t\.?\s?kr\.?|tkr\.?|tusind|k(?=\s|$)", 1_000),
)


def amount(text: object) -> Reading:
    """Whole kroner from `2,5 mio. kr.`, `2.500.000 kr.`, `kr. 45.000,-`, `350 t.kr.`, `ca. 3 mio`."""
    raw = clean(text)
    if not raw or _key(raw) in ("ukendt", "ved ikke", "vides ikke", "na", "n a", "nej", "0 kr"):
        return Reading(0 if _key(raw) == "0 kr" else None)
    low = raw.lower().replace("kr.", " kr ").replace(",-", "").replace(".-", "")
    number = re.search(r"\d[\d.\s]*(?:,\d+)?|\d+(?:\.\d+)?", low)
    if not number:
        return Reading(None, f"beløbet '{raw}' kunne ikke læses")
    digits = number.group(0).strip()
    rest = low[number.end() :].strip()
    factor = next((f for pattern, f in _UNITS if re.match(pattern, rest)), 1)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits.replace(" ", "")):  # 2.500.000
        value = float(digits.replace(" ", "").replace(".", ""))
    elif "," in digits:
        value = float(digits.replace(" ", "").replace(".", "").replace(",", "."))
    else:
        value = float(digits.replace(" ", ""))
    kroner = round(value * factor)
    if str(kroner) == raw:
        return Reading(kroner)
    approx = " (et anslået beløb)" if re.search(r"\bca\b|\bcirka\b|~|\bomkring\b", low) else ""
    return Reading(kroner, f"beløbet '{raw}' læst som {kroner} kr.{approx}")


YES = {"ja", "j", "yes", "y", "x", "1", "sand", "true", "ja tak"}
NO = {"nej", "n", "no", "0", "falsk", "false"}


def yes_no(text: object) -> Reading:
    """True from `Ja`/`x`/`1`, False from `Nej`/`0`; None from `Ved ikke` and empty cells."""
    raw = clean(text)
    key = _key(raw)
    if key in YES:
        return Reading(True)
    if key in NO:
        return Reading(False)
    if not raw or key in ("ved ikke", "vides ikke", "ukendt"):
        return Reading(None)
    if key.startswith("ja "):
        return Reading(True, f"'{raw}' læst som ja")
    if key.startswith("nej "):
        return Reading(False, f"'{raw}' læst som nej")
    return Reading(None, f"'{raw}' er hverken ja eller nej")


PROCUREMENT_WORDS = {
    "tender": ("udbud", "eu udbud", "offentligt udbud", "tender"),
    "framework": ("rammeaftale", "ski", "framework"),
    "direct-award": ("direkte kob", "direkte", "underhandsbud", "indkob under tarskel"),
    "partnership": ("innovationspartnerskab", "opi", "partnerskab", "partnership"),
    "in-house": ("egen udvikling", "selv", "internt", "in house", "udviklet af kommunen"),
    "other": ("andet", "other"),
}


def procurement(text: object, labels: dict[str, str]) -> Reading:
    raw = clean(text)
    if not raw:
        return Reading(None)
    if raw in labels:
        return Reading(raw)
    key = _key(raw)
    for proc_id, label in labels.items():
        if key == _key(label):
            return Reading(proc_id)
    for proc_id, words in PROCUREMENT_WORDS.items():
        if any(re.search(rf"\b{w}\b", key) for w in words):
            return Reading(proc_id, f"indkøb '{raw}' læst som {proc_id}")
    return Reading(None, f"indkøbsformen '{raw}' passer ikke til nogen af formerne")


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def email(text: object) -> Reading:
    """The first e-mail address in the cell (`Jens Hansen <jh@kk.dk>; mb@kk.dk`)."""
    raw = clean(text)
    found = _EMAIL.findall(raw)
    if not found:
        return Reading(None, f"'{raw}' er ikke en e-mailadresse" if raw else "")
    address = found[0]
    if address == raw:
        return Reading(address)
    return Reading(address, f"e-mail '{raw}' læst som {address}")


def phone(text: object) -> Reading:
    raw = clean(text)
    digits = re.sub(r"[^\d+]", "", raw)
    if not raw:
        return Reading(None)
    if re.fullmatch(r"\+?[0-9 ]{8,16}", raw):
        return Reading(raw)
    if re.fullmatch(r"\+?\d{8,15}", digits):
        return Reading(digits, "" if digits == raw else f"telefon '{raw}' skrevet som {digits}")
    return Reading(None, f"telefonnummeret '{raw}' kunne ikke læses")


def one_line(text: object, *, limit: int, what: str) -> Reading:
    """A one-line text field without `<` and `>` (which the schema refuses)."""
    raw = clean(text)
    if not raw:
        return Reading(None)
    value = raw.replace("<", "‹").replace(">", "›")
    notes = []
    if value != raw:
        notes.append(f"{what}: < og > skrevet som ‹ og ›")
    if len(value) > limit:
        value = value[: limit - 1].rsplit(" ", 1)[0] + "…"
        notes.append(f"{what} forkortet til {limit} tegn")
    return Reading(value, "; ".join(notes))


def summary(text: object, *, low: int, high: int) -> Reading:
    """A summary of `low`-`high` characters: `<`/`>` written as words, cut at a sentence."""
    raw = clean(text)
    if not raw:
        return Reading(None)
    value = re.sub(r"</?[A-Za-z][^<>]*>", "", raw)  # markup pasted from a web form
    value = re.sub(r"\s*<\s*", " under ", value)
    value = re.sub(r"\s*>\s*", " over ", value).strip()
    value = " ".join(value.split())
    notes = ["resumé: HTML fjernet, < og > skrevet som 'under' og 'over'"] if value != raw else []
    if len(value) > high:
        sentences = re.split(r"(?<=[.!?])\s+", value)
        short = ""
        for sentence in sentences:
            if len(short) + len(sentence) + 1 > high:
                break
            short = f"{short} {sentence}".strip()
        if len(short) < low:
            short = value[: high - 1].rsplit(" ", 1)[0] + "…"
        notes.append(f"resuméet var {len(value)} tegn og er forkortet til {len(short)}")
        value = short
    if len(value) < low:
        return Reading(None, f"resuméet er kun {len(value)} tegn; det skal være {low}-{high}")
    return Reading(value, "; ".join(notes))


def markdown_text(text: object) -> str:
    """A free-text answer as Markdown that shows exactly what was typed: paragraphs kept, and
    every character Markdown would read as markup (`<`, `*`, `_`, `[`, `#` ...) escaped:
    with a backslash where Python-Markdown has an escape for it, as an entity for `<`."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value)]
    escaped = []
    for paragraph in filter(None, paragraphs):
        paragraph = re.sub(r"&(?=#?\w+;)", "&amp;", paragraph)  # `&lt;` typed stays as typed
        paragraph = re.sub(r"([\\`*_\[\]()>#])", r"\\\1", paragraph)
        paragraph = paragraph.replace("<", "&lt;")  # Markdown has no escape for `<`
        paragraph = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", paragraph)  # `1. ` is a list
        paragraph = re.sub(r"^([-+=])", r"\\\1", paragraph)
        escaped.append(paragraph)
    return "\n\n".join(escaped)
