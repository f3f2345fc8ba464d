"""Write a synthetic, realistic corpus of N valid cases (plus guides) into a project folder.

Deterministic by seed: the same N and seed give byte-identical files. Used by the benchmarks and
by tests that need many cases.

    python benchmarks/corpus.py 1000 /tmp/corpus-1000
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SUBJECTS = [
    "Sensorer",
    "Data",
    "En digital platform",
    "Borgerne",
    "Et nyt system",
    "Kommunen",
    "Projektgruppen",
    "Driften",
    "Forvaltningen",
    "Partnerskabet",
]
VERBS = [
    "måler",
    "styrer",
    "viser",
    "samler",
    "forbedrer",
    "deler",
    "planlægger",
    "reducerer",
    "overvåger",
    "prioriterer",
]
OBJECTS = [
    "trafikken i midtbyen",
    "vandstanden i kloakken",
    "energiforbruget i skolerne",
    "parkeringen ved stationen",
    "affaldet i containerne",
    "luftkvaliteten på vejene",
    "cyklisternes ruter",
    "belysningen om natten",
    "borgernes forslag",
    "bussernes rejsetid",
    "varmeforbruget i boligerne",
    "støjen fra motorvejen",
]
TAILS = [
    "så ressourcerne bruges bedre.",
    "og resultaterne deles med andre kommuner.",
    "hvilket giver færre klager.",
    "i tæt samarbejde med borgerne.",
    "med åbne standarder og åbne data.",
    "uden at det kræver flere medarbejdere.",
    "og erfaringerne er samlet i en rapport.",
    "så beslutningerne bygger på data.",
]
TITLES = [
    "Smart parkering",
    "Sensorer i kloakken",
    "Intelligent gadebelysning",
    "Digital borgerinddragelse",
    "Grøn bølge for cyklister",
    "Affaldsspande med sensorer",
    "Energistyring i skoler",
    "Klimatilpasning med data",
    "Luftkvalitet i realtid",
    "Åben dataplatform",
    "Trafiktælling med kameraer",
    "Varslingssystem for skybrud",
]
TAGS = [
    "sensorer",
    "lorawan",
    "open-data",
    "iot",
    "parkering",
    "skybrud",
    "cykler",
    "belysning",
    "affald",
    "energi",
    "luftkvalitet",
    "dataplatform",
    "kunstig-intelligens",
    "borgerpanel",
]
THEMES = [
    "trafik",
    "klima",
    "borgerinddragelse",
    "energi",
    "byens-drift",
    "data",
    "erhverv-og-kultur",
    "velfaerd",
]
STATUSES = ["idea", "pilot", "operation", "scaled", "ended"]
SECTIONS = ["Udfordring", "Løsning", "Resultater", "Erfaringer"]


def _real_sentences() -> list[str]:
    """Sentences from the bundled cases and guides: real Danish vocabulary for the bodies."""
    sentences = []
    for path in sorted((REPO / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in body.splitlines():
            if line.startswith(("#", "-", "*", "|", ">", "[")) or "](" in line:
                continue
            sentences += [s.strip() + "." for s in line.split(". ") if len(s.split()) >= 6]
    return sorted(set(sentences))


REAL_SENTENCES = _real_sentences()


def _sentence(rng: random.Random) -> str:
    if REAL_SENTENCES and rng.random() < 0.8:
        return rng.choice(REAL_SENTENCES).rstrip(".") + "."
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def _summary(rng: random.Random) -> str:
    text = _sentence(rng)
    while len(text) < 60:
        text += " " + _sentence(rng)
    text = text.replace("<", "").replace(">", "")
    return text if len(text) <= 300 else text[:296].rsplit(" ", 1)[0] + " …"


def _body(rng: random.Random) -> str:
    words_wanted = rng.randint(300, 900)
    parts, words = [], 0
    per_section = words_wanted // 4
    for section in SECTIONS:
        parts.append(f"## {section}\n")
        written = 0
        while written < per_section:
            paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
            parts.append(paragraph + "\n")
            written += len(paragraph.split())
        words += written
    return "\n".join(parts)


def _case(rng: random.Random, index: int, municipalities: list[str], slugs: list[str]) -> str:
    municipality = rng.choice(municipalities)
    title = f"{rng.choice(TITLES)} i {municipality} {index}"
    themes = rng.sample(THEMES, rng.randint(1, 3))
    status = rng.choice(STATUSES)
    started = rng.randint(2012, 2025)
    lines = [
        "---",
        f"title: {title}",
        f"municipality: {municipality}",
        f"themes: [{', '.join(themes)}]",
        f"status: {status}",
        f"started: {started}",
    ]
    if status == "ended":
        lines.append(f"ended: {rng.randint(started, 2026)}")
    lines += [
        f"summary: {json.dumps(_summary(rng), ensure_ascii=False)}",
        "contact:",
        f"  email: smartcity{index}@example.dk",
        f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 4)))}]",
        f"sdgs: [{', '.join(str(n) for n in sorted(rng.sample(range(1, 18), 2)))}]",
    ]
    if rng.random() < 0.5:
        partner = rng.choice([m for m in municipalities if m != municipality])
        lines += ["partners:", f"  - {partner}", "  - Aalborg Universitet"]
    if rng.random() < 0.6:
        lines.append(f"budget_dkk: {rng.randint(1, 200) * 25000}")
    if rng.random() < 0.5:
        lines += [
            "results:",
            "  - indicator: Målt ændring",
            f"    value: {rng.randint(-40, 40)}",
            "    unit: procent",
            f"    year: {min(started + 1, 2026)}",
        ]
    if slugs and rng.random() < 0.2:  # reuse chains: a case builds on an earlier one
        lines.append(f"based_on: [{rng.choice(slugs[-50:])}]")
    lines += [
        "links:",
        "  - title: Kommunens projektside",
        f"    url: https://www.example.dk/projekter/{index}",
        f"published: {rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "---",
        "",
    ]
    return "\n".join(lines) + _body(rng)


def _guide(rng: random.Random, index: int) -> str:
    return "\n".join(
        [
            "---",
            f"title: Guide nummer {index} om Smart City",
            f"summary: {json.dumps(_summary(rng), ensure_ascii=False)}",
            "published: 2024-01-15",
            f"themes: [{rng.choice(THEMES)}]",
            "---",
            "",
            _body(rng),
        ]
    )


def write_corpus(target: Path, cases: int, *, seed: int = 1, guides: int = 5) -> Path:
    """A complete project at `target`: the repository's schema, theme and config, synthetic content."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    for folder in ("schema", "theme"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    (target / "content" / "cases").mkdir(parents=True)
    (target / "content" / "guides").mkdir(parents=True)
    with open(REPO / "schema" / "municipalities.csv", encoding="utf-8") as fh:
        municipalities = [row["name"] for row in csv.DictReader(fh)]
    rng = random.Random(seed)
    slugs: list[str] = []
    for index in range(cases):
        slug = f"case-{index:05d}"
        text = _case(rng, index, municipalities, slugs)
        (target / "content" / "cases" / f"{slug}.md").write_text(text, encoding="utf-8")
        slugs.append(slug)
    for index in range(guides):
        (target / "content" / "guides" / f"guide-{index:02d}.md").write_text(
            _guide(rng, index), encoding="utf-8"
        )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.target, args.cases, seed=args.seed)
    print(f"{args.cases} cases in {args.target}")


if __name__ == "__main__":
    main()
