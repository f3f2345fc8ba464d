"""The message catalog: every diagnostic code and its Danish text for contributors.

Messages say what is wrong and how to fix it, in plain Danish. Placeholders are filled with
`str.format`. A code's severity lives here too, so that whether something blocks a pull request
is decided in one place.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, Severity

CATALOG: dict[str, str] = {
    # The file as bytes and text.
    "file.too-large": "Filen fylder {size} byte, men højst {limit} byte er tilladt. Gør teksten kortere.",
    "file.empty": "Filen er tom. En fil begynder med en linje med ---, derefter felterne "
    "(fx 'title: ...') og så en linje med --- igen; teksten følger efter.",
    "file.nul": "Filen indeholder et NUL-tegn (byte {offset}) og er derfor ikke en tekstfil. "
    "Gem den som almindelig tekst (UTF-8).",
    "file.utf16": "Filen er gemt som {variant}, men skal være UTF-8. Gem den igen med "
    "tegnsættet UTF-8 i din editor (i Notesblok: Filer > Gem som > Kodning: UTF-8; i Visual "
    "Studio Code: klik på '{variant}' nederst til højre > Save with Encoding > UTF-8).",
    "file.encoding": "Filen er ikke gemt som UTF-8 (ugyldig byte ved position {offset}). "
    "Gem den igen med tegnsættet UTF-8 i din editor.",
    # The front matter block.
    "frontmatter.missing": "Filen skal begynde med en linje med tre bindestreger (---), derefter "
    "felterne og så en linje med --- igen.",
    "frontmatter.unclosed": "Forsiden (felterne øverst) er ikke afsluttet. Tilføj en linje med --- "
    "efter det sidste felt.",
    "frontmatter.unclosed-before": "Forsiden (felterne øverst) er ikke afsluttet. Tilføj en linje "
    "med --- før denne linje.",
    "frontmatter.too-large": "Felterne øverst i filen fylder mere end {limit} byte. Flyt lange "
    "tekster ned i selve teksten under ---.",
    "frontmatter.not-mapping": "Felterne øverst skal stå som 'navn: værdi' på hver sin linje, "
    "fx 'title: Smart parkering i Aarhus'.",
    # YAML.
    "yaml.syntax": "{explanation}. (YAML: {problem})",
    "yaml.tab": "Der står et tabulatortegn i indrykningen, og det tillader YAML ikke. Erstat det "
    "med mellemrum.",
    "yaml.duplicate-key": "Feltet '{key}' står to gange (første gang i linje {first_line}). Slet "
    "den ene.",
    "yaml.alias": "Ankre og henvisninger (&navn og *navn) er ikke tilladt. Skriv værdien ud hvert "
    "sted, den skal bruges.",
    "yaml.tag": "YAML-mærket '{tag}' er ikke tilladt. Fjern det, eller sæt værdien i "
    "anførselstegn, hvis den skal begynde med !.",
    "yaml.too-deep": "Felterne er indlejret i mere end {limit} niveauer, og det bruger skemaet "
    "aldrig. Tjek indrykningen.",
    "yaml.key": "Et feltnavn skal være almindelig tekst, fx 'title'.",
    "yaml.number": "Tallet kan ikke læses (det er for stort eller skrevet forkert). Skriv et "
    "almindeligt tal, eller sæt det i anførselstegn, hvis det er tekst.",
    "yaml.bool-as-text": "YAML læser {text} som sandhedsværdien {value}, ikke som tekst. Sæt "
    'anførselstegn om teksten: {key}: "{text}".',
    "yaml.time-as-number": "YAML læser {text} som et tal i sekstalssystemet, fordi tal med kolon "
    'uden anførselstegn læses sådan (12:30 bliver til 750). Sæt anførselstegn: "{text}".',
    "field.empty": "Feltet er tomt. Skriv en værdi efter kolonet, eller slet linjen, hvis feltet "
    "er valgfrit.",
    # The schema. {title} is the field's Danish title from the schema.
    "schema.required": "Feltet '{key}' ({title}) mangler. {description}",
    "schema.additionalProperties": "'{key}' er ikke et felt, skemaet kender.{hint}",
    "schema.type": "{title} skal være {expected}, men er {actual}.{hint}",
    "schema.enum": "'{value}' er ikke en gyldig værdi for {title}.{hint}",
    "schema.minLength": "{title} er for kort: {length} tegn, men mindst {limit} kræves.",
    "schema.maxLength": "{title} er for lang: {length} tegn, men højst {limit} er tilladt.",
    "schema.minItems": "{title} skal have mindst {limit} {noun}.",
    "schema.maxItems": "{title} må højst have {limit} {noun}, men har {count}.",
    "schema.uniqueItems": "{title} indeholder '{duplicate}' mere end én gang. Slet gentagelsen.",
    "schema.minimum": "{title} skal være mindst {limit}, men er {value}.",
    "schema.maximum": "{title} må højst være {limit}, men er {value}.",
    "schema.pattern": "{title} har ikke den rigtige form: {hint}",
    "schema.format": "{title} er ikke gyldig: {hint}",
    "schema.other": "{title} er ikke gyldig: {detail}",
    "text.newline": "{title} skal stå på én linje, men der er et linjeskift {where}. Skriv det "
    "hele på én linje.",
    "text.character": "{title} indeholder tegnet {character} {where}. Det kan ikke ses, men "
    "kan vende teksten eller ødelægge sitets feeds og kalendere; det følger ofte med, når "
    "tekst kopieres fra et andet program. Slet tegnet, eller skriv teksten igen.",
    # Rules across fields.
    "case.started-future": "Startåret {value} ligger for langt ude i fremtiden; højst {limit} er "
    "tilladt.",
    "case.ended-before-started": "Slutåret {ended} ligger før startåret {started}.",
    "case.ended-missing": "Status er 'ended' (afsluttet), men slutåret mangler. Tilføj fx "
    "'ended: {year}'.",
    "date.reviewed-before-published": "Datoen for gennemgang ({reviewed}) ligger før "
    "udgivelsesdatoen ({published}).",
    "date.reviewed-future": "Datoen for gennemgang ({reviewed}) ligger i fremtiden; i dag er "
    "{today}.",
    "date.published-future": "Udgivelsesdatoen ({published}) ligger i fremtiden; i dag er {today}.",
    "body.html": "HTML er ikke tilladt her; brug Markdown: **fed**, *kursiv*, [linktekst](https://...) "
    "og lister med - i starten af linjen.",
    "body.too-deep": "Teksten er indlejret i mere end {limit} niveauer (lister, citater eller "
    "parenteser). Gør strukturen fladere.",
    "body.link-scheme": "Linket '{target}' bruger '{scheme}:', som ikke er tilladt. Brug en adresse, "
    "der begynder med https://, http://, mailto: eller tel:.",
    "body.link-no-scheme": "Linket '{target}' begynder med // og mangler https: foran. Skriv hele "
    "adressen, fx 'https://www.kommune.dk/side'.",
    "body.link-empty": "Linket har ingen adresse. Skriv adressen i parentesen, fx "
    "'[linktekst](https://www.kommune.dk)'.",
    "body.link-missing": "Linket '{target}' peger på en side, der ikke findes i vidensbanken.{hint} "
    "Link til en anden case med fx '../cases/andet-slug.md'.",
    "body.image-missing": "Billedet '{target}' findes ikke i content/cases/images/.{hint} Læg "
    "billedfilen dér, eller ret filnavnet.",
    "body.block-too-long": "Afsnittet, der begynder her, har over {lines} linjer eller {chars} "
    "tegn uden en tom linje imellem. Del det op med tomme linjer, så siden kan vises hurtigt.",
    "body.too-much-markup": "Teksten har mere opmærkning (tegnene [ ] ( ) < & * _ ` ! |, "
    "punkter og overskrifter), end siden kan vise hurtigt: over {limit} i alt. Dette er linjen, "
    "hvor grænsen nås. Gør teksten kortere, eller del den i flere cases.",
    "body.unclosed": "Afsnittet har {count} '[', '(' eller '<' uden en afslutning (højst {limit} "
    "er tilladt), og det gør siden langsom at vise. Luk dem med ']', ')' eller '>', eller skriv "
    "en skråstreg foran, fx '\\['.",
    "body.too-many-headings": "Teksten har over {limit} overskrifter. Saml indholdet under færre "
    "overskrifter.",
    "body.marker-run": "Her står over {limit} tegn af '*', '_' eller '~' i træk. Brug højst tre, "
    "fx ***fed kursiv***.",
    "body.prompt-unfilled": "Afsnittet '## {section}' er ikke udfyldt endnu: hjælpeteksten 'Skriv "
    "her:' står her stadig. Erstat den med jeres egen tekst.",
    "body.link-outside": "Linket '{target}' peger uden for vidensbanken. Link til andre cases med "
    "fx '../cases/andet-slug.md', eller brug en fuld https://-adresse.",
    "body.image-remote": "Billedet '{target}' hentes fra en anden server, og det er ikke tilladt. Læg "
    "billedet i content/cases/images/, og skriv fx '![beskrivelse](images/filnavn.jpg)'.",
    "body.image-path": "Billedet '{target}' skal ligge i content/cases/images/ og hedde noget med "
    "små bogstaver, tal og bindestreger, fx '![beskrivelse](images/sensor.jpg)'.",
    "body.section-missing": "Afsnittet '## {section}' mangler i teksten. En case har afsnittene "
    "{sections}.",
    "partner.municipality-name": "Partneren '{value}' ligner kommunen '{name}'. Skriv "
    "'{name}' eller '{name} Kommune', så partneren linker til kommunens side.",
    "partner.is-lead": "'{value}' er allerede den ledende kommune og skal ikke også stå som partner.",
    # Files and the tree.
    "content.slug": "Filnavnet '{name}' kan ikke bruges som adresse. Brug små bogstaver a-z, tal "
    "og bindestreger (højst 80 tegn) og endelsen .md, fx '{suggestion}.md'.",
    "content.reserved-slug": "Filnavnet '{name}' er forbeholdt sidens egne sider. Giv filen et andet "
    "navn.",
    # {kinds}: every content type, `cases (content/cases/*.md), guides (content/guides/*.md), ...`
    "content.unexpected-file": "Filen hører ikke hjemme i content/. Her må kun ligge {kinds} og "
    "billeder til cases (content/cases/images/).",
    "content.symlink": "Filen er et symbolsk link, og det er ikke tilladt i content/. Læg en "
    "almindelig fil i stedet.",
    "content.unreadable": "Filen kan ikke læses ({reason}).",
    "image.svg": "SVG-billeder er ikke tilladt, fordi de kan indeholde script. Gem billedet som PNG, "
    "JPEG eller WebP.",
    "image.name": "Billedfilen '{name}' skal hedde noget med små bogstaver a-z, tal og bindestreger og "
    "endelsen .png, .jpg, .jpeg eller .webp.",
    "image.too-large": "Billedet fylder {size} byte, men højst {limit} byte er tilladt. Gør det mindre "
    "(fx 1600 pixel bredt).",
    "image.type": "Filen er hverken et PNG-, JPEG- eller WebP-billede, uanset hvad den hedder.",
    "image.suffix": "Filen er et {kind}-billede og skal derfor ende på {suffix}.",
    "based_on.missing": "Der findes ingen case med adressen '{slug}' i content/cases/.{hint}",
    "based_on.self": "En case kan ikke bygge på sig selv.",
    "based_on.cycle": "Genbruget går i ring: {cycle}. En case kan ikke bygge på en case, der "
    "selv bygger på den (direkte eller via andre). Fjern '{slug}' her, eller ret den case, "
    "der står forkert.",
    # Events (`generator/site/events.py`). Times are Danish time, Europe/Copenhagen.
    "event.time-invalid": "'{value}' er ikke et tidspunkt, der findes. Skriv dato og klokkeslæt "
    "i dansk tid som ÅÅÅÅ-MM-DD, et T og TT:MM, fx 2026-09-24T09:00.",
    "event.time-gap": "Klokken {time} findes ikke den {date}: uret stilles en time frem til "
    "sommertid den nat. Vælg et andet tidspunkt, fx {suggestion}.",
    "event.end-before-start": "Sluttidspunktet ({end}) skal ligge efter starttidspunktet ({start}).",
    "event.place-missing": "Arrangementet mangler et sted. Skriv fx 'place: Aarhus Rådhus, "
    "Rådhuspladsen 2, 8000 Aarhus C', eller 'online: true', hvis det kun foregår online.",
    "event.case-missing": "Der findes ingen case med adressen '{slug}' i content/cases/.{hint}",
    "image.missing": "Billedet '{src}' findes ikke i content/cases/images/.{hint}",
    "case.slug-taken": "Der findes allerede en case med adressen '{slug}' (content/cases/{slug}.md). "
    "Giv casen en anden titel, eller ret den eksisterende case.",
    # Quality: what the review report asks the secretariat to look at (`generator/contribute/quality.py`).
    "quality.section-unfilled": "Afsnittet '## {section}' er ikke udfyldt endnu. Erstat "
    "hjælpeteksten med jeres egen tekst.",
    "quality.body-short": "Teksten har kun {words} ord, men en god case har mindst {limit}. Fortæl "
    "mere om udfordringen, løsningen, resultaterne og erfaringerne.",
    "quality.results-missing": "Casen har ingen målte resultater. Tilføj feltet 'results' med "
    "mindst én indikator, værdi og enhed, hvis I har målt noget.",
    "quality.reuse-missing": "Casen fortæller ikke, hvad en anden kommune skal vide for at gøre "
    "det samme. Tilføj feltet 'reuse' med fx indkøbsform (procurement), leverandør (supplier) og "
    "driftsudgift om året (running_cost_dkk), så vises det i boksen 'Vil I gøre det samme?'.",
    "quality.stale": "Oplysningerne er over to år gamle (senest bekræftet {date}). Tjek dem, ret "
    "det, der har ændret sig, og sæt 'reviewed: {today}'.",
    "quality.email-not-municipal": "Kontaktadressen '{email}' ligner ikke en kommunal adresse. "
    "Brug helst en fælles adresse hos kommunen, fx smartcity@{domain}, så kontakten ikke "
    "forsvinder, når en medarbejder skifter job.",
    "quality.lix-high": "Teksten har LIX {lix} ({level}), og over {limit} er svært for de fleste. "
    "Skriv kortere sætninger, og brug kortere ord, hvor det kan lade sig gøre.",
}

WARNINGS = frozenset(
    {
        "case.ended-missing",
        "date.published-future",
        "body.section-missing",
        "body.prompt-unfilled",
        "partner.municipality-name",
        "partner.is-lead",
        "quality.section-unfilled",
        "quality.body-short",
        "quality.results-missing",
        "quality.reuse-missing",
        "quality.stale",
        "quality.email-not-municipal",
        "quality.lix-high",
    }
)


def diagnostic(
    code: str, file: str, line: int, column: int, *, field: str = "", **params
) -> Diagnostic:
    """Make a diagnostic from the catalog. Unknown codes are a programming error."""
    template = CATALOG[code]
    severity = Severity.WARNING if code in WARNINGS else Severity.ERROR
    return Diagnostic(file, line, column, code, field, template.format(**params), severity)


def suggestion(match: str | None) -> str:
    """The near-miss hint appended to messages: ` Mente du 'Aarhus'?`."""
    return f" Mente du '{match}'?" if match else ""
