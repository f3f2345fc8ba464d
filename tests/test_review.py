"""`smartcity review`: the secretariat's report on a pull request, from a real Git history.

Also the rules it reports: quality warnings, likely duplicates, municipal mail domains and
staleness (`generator.content.staleness.stale_since`, which the case page uses too).
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from conftest import BUILD_DATE_EPOCH

from generator.content.documents import Document
from generator.content.frontmatter import parse
from generator.content.project import today
from generator.content.staleness import add_months, stale_since
from generator.content.types import CASE
from generator.contribute.duplicates import likely_duplicates, normalize, similarity
from generator.contribute.emaildomains import is_municipal
from generator.contribute.quality import check_case

TODAY = dt.date(2026, 6, 1)


def git(root, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def doc_of(text: str, slug: str = "x") -> Document:
    fm, problems = parse(text.encode(), f"content/cases/{slug}.md")
    assert fm is not None, problems
    return Document(CASE, f"content/cases/{slug}.md", slug, fm)


@pytest.fixture
def repo(tiny, base_case):
    """A tiny project in Git: `main` has one case; the branch `pr` is checked out."""
    tiny.write({"content/cases/aarhus-trafiksensorer.md": base_case})
    git(tiny.root, "init", "-q")
    git(tiny.root, "add", "-A")
    git(tiny.root, "commit", "-qm", "Første case")
    git(tiny.root, "switch", "-qc", "pr")
    return tiny


def near_copy(base_case: str) -> str:
    return (
        base_case.replace(
            "Sensorer måler trafikken i midtbyen", "Sensorer måler trafikken i Aarhus midtby"
        )
        .replace("bruger data til at styre signalerne", "bruger data til at styre lyssignalerne")
        .replace("trafik@aarhus.dk", "hans.hansen@gmail.com")
        .replace(
            "published: 2025-01-15",
            "published: 2024-01-10\nlinks:\n  - title: Rapport\n"
            "    url: http://example.dk/rapport.pdf",
        )
        .replace("Start småt", "Læs [evalueringen](https://example.dk/evaluering). Start småt")
    )


def test_report_names_duplicate_warnings_changed_fields_and_code(repo, base_case):
    repo.write(
        {
            "content/cases/aarhus-trafiksensorer.md": base_case.replace(
                "status: pilot", "status: operation"
            )
            .replace("trafik@aarhus.dk", "mobilitet@aarhus.dk")
            .replace("published: 2025-01-15", "published: 2025-01-15\nreviewed: 2026-05-01"),
            "content/cases/aarhus-sensorer-trafik.md": near_copy(base_case),
            "scripts/deploy.sh": "echo hej\n",
        }
    )
    git(repo.root, "add", "content/cases/aarhus-trafiksensorer.md")
    git(repo.root, "commit", "-qm", "Ændret case")  # the new case stays untracked: still reviewed
    result = repo.run("review", "--base", "main")
    report = result.stdout
    base = git(repo.root, "merge-base", "main", "HEAD").strip()[:7]
    assert result.exit_code == 0
    assert report.startswith(
        "<!-- smartcity-review -->\n## Gennemgang af ændringerne\n\n"
        f"Sammenlignet med `main` (commit `{base}`).\n"
        "2 filer i `content/` er tilføjet, ændret eller slettet.\n\n"
        "**✅ Ingen fejl.** 8 advarsler til overvejelse.\n"
    )
    # Code outside content/ needs a developer.
    assert (
        "> **Kræver en udviklers gennemgang.** Ændringen rører 1 fil uden for `content/`, og "
        "kode og opsætning skal gennemgås af `@smartcity-forum/udviklere`:\n"
        "> - `scripts/deploy.sh` (ny)\n"
    ) in report
    new, changed = report.split("### `content/cases/aarhus-sensorer-trafik.md` (ny)")[1].split(
        "### `content/cases/aarhus-trafiksensorer.md` (ændret)"
    )
    # The new case: its LIX, its quality warnings, the duplicate with its score, its links.
    assert "**Sensorer måler trafikken i Aarhus midtby** · Aarhus · LIX 30,3 (let)\n" in new
    assert "**Validering: ✅ ingen fejl.**\n" in new
    assert (
        "- linje 9, `contact.email`: **advarsel**: Kontaktadressen 'hans.hansen\\@gmail.com' "
        "ligner ikke en kommunal adresse. Brug helst en fælles adresse hos kommunen, fx "
        "smartcity\\@aarhus.dk, så kontakten ikke forsvinder, når en medarbejder skifter job. "
        "`quality.email-not-municipal`\n"
    ) in new
    assert (
        "- linje 10, `published`: **advarsel**: Oplysningerne er over to år gamle \\(senest "
        "bekræftet 2024-01-10\\). Tjek dem, ret det, der har ændret sig, og sæt "
        "'reviewed\\: 2026-06-01'. `quality.stale`\n"
    ) in new
    assert (
        "- hele filen: **advarsel**: Casen har ingen målte resultater. Tilføj feltet 'results' "
        "med mindst én indikator, værdi og enhed, hvis I har målt noget. "
        "`quality.results-missing`\n"
    ) in new
    assert (
        "- linje 15: **advarsel**: Teksten har kun 34 ord, men en god case har mindst 150. "
        "Fortæl mere om udfordringen, løsningen, resultaterne og erfaringerne. "
        "`quality.body-short`\n"
    ) in new
    assert (
        "| `content/cases/aarhus-trafiksensorer.md` | Sensorer måler trafikken i midtbyen | "
        "resuméet | 98 % |\n"
    ) in new
    assert (
        "**Links, der skal tjekkes:**\n"
        "- <http://example.dk/rapport.pdf> (Rapport) ⚠️ ikke https\n"
        "- <https://example.dk/evaluering> (evalueringen)\n"
    ) in new
    # The changed case: what changed in its front matter.
    assert (
        "| Felt | Før | Efter |\n| --- | --- | --- |\n"
        "| `status` | pilot | operation |\n"
        "| `contact.email` | trafik\\@aarhus.dk | mobilitet\\@aarhus.dk |\n"
        "| `reviewed` | – | 2026-05-01 |\n"
    ) in changed
    assert "quality.stale" not in changed


def test_errors_fail_the_review_and_are_listed_per_file(repo, base_case):
    repo.write(
        {
            "content/cases/aarhus-trafiksensorer.md": base_case.replace(
                "status: pilot", "status: running"
            )
        }
    )
    result = repo.run("review", "--base", "main")
    assert result.exit_code == 1
    assert (
        "**❌ 1 fejl skal rettes, før ændringen kan flettes.** 3 advarsler til overvejelse.\n"
        in result.stdout
    )
    assert "**Validering: ❌ 1 fejl.**\n" in result.stdout
    assert (
        "- linje 5, `status`: **fejl**: 'running' er ikke en gyldig værdi for Status."
    ) in result.stdout


def test_deleted_case_and_broken_reference_elsewhere(repo, base_case):
    repo.write(
        {
            "content/cases/byg-videre.md": base_case.replace(
                "published:", "based_on: [aarhus-trafiksensorer]\npublished:"
            )
        }
    )
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "Bygger videre")
    git(repo.root, "switch", "-q", "main")
    git(repo.root, "merge", "-q", "pr")
    git(repo.root, "switch", "-qc", "remove")
    git(repo.root, "rm", "-q", "content/cases/aarhus-trafiksensorer.md")
    result = repo.run("review", "--base", "main")
    assert result.exit_code == 1
    assert (
        "### `content/cases/aarhus-trafiksensorer.md` (slettet)\n\nFilen er slettet. Tjek, at "
        "ingen anden case bygger på den.\n"
    ) in result.stdout
    assert "### Fejl i andre filer\n" in result.stdout
    assert (
        "- linje 10, `based_on[0]`: **fejl**: Der findes ingen case med adressen" in result.stdout
    )


def test_report_escapes_contributors_text(repo, base_case):
    repo.write(
        {
            "content/cases/aarhus-trafiksensorer.md": base_case.replace(
                "Sensorer måler trafikken i midtbyen",
                "'Ping @smartcity-forum/sekretariat | fix #12 [x](y)'",
            )
        }
    )
    result = repo.run("review", "--base", "main")
    assert (
        "**Ping \\@smartcity-forum/sekretariat \\| fix \\#12 \\[x\\]\\(y\\)** · Aarhus"
        in result.stdout
    )


def test_report_to_file(repo, tmp_path):
    out = tmp_path / "review.md"
    result = repo.run("review", "--base", "main", "--output", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Rapporten er skrevet i {out}.\n"
    assert "Ingen cases eller guides er tilføjet eller ændret.\n" in out.read_text(encoding="utf-8")


def test_default_base_is_main_when_there_is_no_origin(repo):
    result = repo.run("review")
    assert "Sammenlignet med `main`" in result.stdout


def test_unknown_base_is_a_usage_error(repo):
    result = repo.run("review", "--base", "origin/nope")
    assert result.exit_code == 2
    assert (
        "Git kender ikke 'origin/nope'. Angiv grenen eller committen, der skal sammenlignes "
        "med, fx --base origin/main (kør evt. 'git fetch' først)."
    ) in result.stderr


def test_outside_git_is_a_setup_error(tiny):
    result = tiny.run("review")
    assert result.exit_code == 3
    assert result.stderr == (
        f"smartcity: {tiny.root} er ikke et Git-arkiv, så ændringerne kan "
        "ikke findes. Kør kommandoen i en klon af vidensbanken.\n"
    )


# -- staleness ---------------------------------------------------------------------------------


def test_review_stale_lists_every_old_case(tiny, base_case):
    tiny.write(
        {
            "content/cases/gammel.md": base_case.replace(
                "published: 2025-01-15", "published: 2024-03-01"
            ),
            "content/cases/gennemgaaet.md": base_case.replace(
                "published: 2025-01-15", "published: 2020-01-01\nreviewed: 2025-12-01"
            ),
            "content/cases/ny.md": base_case,
        }
    )
    result = tiny.run("review", "--stale")  # needs no Git
    assert result.exit_code == 0
    assert result.stdout == (
        "## Cases med oplysninger over to år gamle\n\n"
        "1 case er ikke bekræftet i de seneste 24 måneder (i dag er 2026-06-01). Bed kontakten om "
        "at tjekke oplysningerne og sætte `reviewed:` til dagens dato.\n\n"
        "| Case | Kommune | Senest bekræftet | Forældet siden | Kontakt |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `content/cases/gammel.md` | Aarhus | 2024-03-01 | 2026-03-02 | trafik\\@aarhus.dk |\n"
    )


def test_review_stale_with_nothing_old(tiny, base_case):
    tiny.write({"content/cases/ny.md": base_case})
    result = tiny.run("review", "--stale")
    assert result.stdout == (
        "## Cases med oplysninger over to år gamle\n\nIngen: alle cases er "
        "gennemgået eller udgivet inden for de seneste 24 måneder (i dag er "
        "2026-06-01).\n"
    )


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"published": "2024-06-01"}, None),  # exactly 24 months: not yet "more than"
        ({"published": "2024-05-31"}, dt.date(2026, 6, 1)),
        ({"published": "2020-01-01", "reviewed": "2025-01-01"}, None),  # reviewed counts
        ({"published": "2020-01-01", "reviewed": "2023-01-01"}, dt.date(2025, 1, 2)),
        ({"published": "2024-02-29"}, dt.date(2026, 3, 1)),  # 28 Feb 2026 is the anniversary
        ({"published": "2020-13-01"}, None),  # not a date: the validator says so
        ({"published": dt.date(2020, 1, 1)}, dt.date(2022, 1, 2)),
        ({}, None),
    ],
)
def test_stale_since(meta, expected):
    assert stale_since(meta, TODAY) == expected


def test_add_months_clamps_to_the_month():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 26) == dt.date(2027, 1, 15)


def test_today_is_pinned_for_tests():
    assert BUILD_DATE_EPOCH and today() == TODAY


# -- quality, duplicates, mail domains ---------------------------------------------------------


def test_quality_warnings_exact_messages(tiny, base_case):
    long_words = " ".join(
        [
            "Kommunalbestyrelsens infrastrukturinvesteringer forudsætter "
            "tværkommunale samarbejdsaftaler."
        ]
        * 40
    )
    text = (
        base_case.replace("trafik@aarhus.dk", "konsulent@rambøll.dk")
        .replace("published: 2025-01-15", "published: 2023-05-01")
        .replace("Start småt, og del data med andre kommuner.", long_words)
        .replace("Der er endnu ingen målinger.", "")
    )
    doc = doc_of(text)
    lines = [str(d) for d in check_case(doc, tiny.project.taxonomy, TODAY)]
    assert lines == [
        "content/cases/x.md:20:1: advarsel: Afsnittet '## Resultater' er ikke udfyldt endnu. "
        "Erstat hjælpeteksten med jeres egen tekst. [quality.section-unfilled]",
        "content/cases/x.md:12:1: advarsel: Teksten har LIX 99 (meget svær), og over 55 er svært "
        "for de fleste. Skriv kortere sætninger, og brug kortere ord, hvor det kan lade sig gøre. "
        "[quality.lix-high]",
        "content/cases/x.md: advarsel: Casen har ingen målte resultater. Tilføj feltet 'results' "
        "med mindst én indikator, værdi og enhed, hvis I har målt noget. [quality.results-missing]",
        "content/cases/x.md: advarsel: Casen fortæller ikke, hvad en anden kommune skal vide for "
        "at gøre det samme. Tilføj feltet 'reuse' med fx indkøbsform (procurement), leverandør "
        "(supplier) og driftsudgift om året (running_cost_dkk), så vises det i boksen 'Vil I "
        "gøre det samme?'. [quality.reuse-missing]",
        "content/cases/x.md:10:12: advarsel: published: Oplysningerne er over to år gamle (senest "
        "bekræftet 2023-05-01). Tjek dem, ret det, der har ændret sig, og sæt 'reviewed: "
        "2026-06-01'. [quality.stale]",
        "content/cases/x.md:9:10: advarsel: contact.email: Kontaktadressen 'konsulent@rambøll.dk' "
        "ligner ikke en kommunal adresse. Brug helst en fælles adresse hos kommunen, fx "
        "smartcity@aarhus.dk, så kontakten ikke forsvinder, når en medarbejder skifter job. "
        "[quality.email-not-municipal]",
    ]


def test_short_body_warning(tiny, base_case):
    lines = [str(d) for d in check_case(doc_of(base_case), tiny.project.taxonomy, TODAY)]
    assert (
        "content/cases/x.md:12:1: advarsel: Teksten har kun 32 ord, men en god case har "
        "mindst 150. Fortæl mere om udfordringen, løsningen, resultaterne og erfaringerne. "
        "[quality.body-short]"
    ) in lines


def test_a_near_copy_is_named_with_its_score_and_others_are_not(base_case):
    original = doc_of(base_case, "original")
    copy = doc_of(near_copy(base_case), "kopi")
    other_town = doc_of(
        near_copy(base_case).replace("municipality: Aarhus", "municipality: Odense"), "odense"
    )
    different = doc_of(
        base_case.replace(
            "Sensorer måler trafikken i midtbyen", "Borgerbudgetter i landsbyerne"
        ).replace(
            "Kommunen måler trafikken med sensorer i lyskryds og bruger data "
            "til at styre signalerne.",
            "Landsbyerne fordeler selv en pulje til lokale projekter efter "
            "afstemning blandt borgerne.",
        ),
        "anden",
    )
    [found] = likely_duplicates(copy, [original, copy, other_town, different])
    assert found.case is original
    assert (found.field, found.percent) == ("summary", 98)
    assert (
        round(
            similarity(
                normalize(copy.meta["title"], "Aarhus"), normalize(original.meta["title"], "Aarhus")
            ),
            2,
        )
        == 0.97
    )


def test_a_shorter_rewrite_of_a_bundled_case_is_found():
    """The walk in CONTRIBUTING.md: a new contributor describes a project already in the bank."""
    from conftest import REPO

    from generator.content.project import Project
    from generator.content.validate import load_tree

    existing = load_tree(Project(REPO)).of_type("cases")
    rewrite = doc_of(
        "---\ntitle: Badevandsudsigt i Silkeborg\nmunicipality: Silkeborg\n"
        "summary: En sensorbøje i Almindsø måler vandets temperatur, og en model "
        "giver en prognose for badevandet.\n---\n",
        "badevandsudsigt-i-silkeborg",
    )
    [found] = likely_duplicates(rewrite, existing)
    assert (found.case.slug, found.field, found.percent) == (
        "silkeborg-badevand-sensorer",
        "summary",
        70,
    )


@pytest.mark.parametrize(
    ("title", "percent"),
    [
        ("Nye sensorer måler trafikken i midtbyen", 95),  # a common word added
        ("Sensorer måler trafikken i hele midtbyen", 94),  # a word added
        ("Sensorer måler trafikken", 82),  # words left out
        ("Sensorer måler trafikken i midtbyen", 100),  # the same title
    ],
)
def test_titles_that_differ_by_a_word_are_near_not_equal(base_case, title, percent):
    original = doc_of(base_case, "original")
    other = doc_of(
        base_case.replace("title: Sensorer måler trafikken i midtbyen", f"title: {title}").replace(
            "Kommunen måler trafikken med sensorer i lyskryds og bruger data til at styre "
            "signalerne.",
            "Landsbyerne fordeler selv en pulje til lokale projekter efter afstemning.",
        ),
        "ny",
    )
    [found] = likely_duplicates(other, [original])
    assert (found.field, found.percent) == ("title", percent)


def test_bundled_cases_are_not_duplicates_of_each_other():
    from conftest import REPO

    from generator.content.project import Project
    from generator.content.validate import load_tree

    cases = load_tree(Project(REPO)).of_type("cases")
    assert [d for c in cases for d in likely_duplicates(c, cases)] == []


def test_normalize_ignores_case_accents_punctuation_and_the_municipality():
    assert normalize("Smart Parkering i Århus Kommune!", "Aarhus") == "smart parkering i"
    assert normalize("Smart parkering, København", "Aarhus") == "smart parkering koebenhavn"


@pytest.mark.parametrize(
    ("email", "municipal"),
    [
        ("trafik@kk.dk", True),
        ("a@tmf.kk.dk", True),
        ("a@aarhus.dk", True),
        ("a@koege.dk", True),
        ("a@sonderborg.dk", True),
        ("a@hoeje-taastrup.dk", True),
        ("a@htk.dk", True),
        ("a@vesthimmerland.dk", True),
        ("a@nordfynskommune.dk", True),
        ("a@aarhuskommune.dk", True),
        ("a@gmail.com", False),
        ("a@kl.dk", False),
        ("a@aarhus.com", False),
        ("a@rm.dk", False),
    ],
)
def test_municipal_mail_domains(tiny, email, municipal):
    assert is_municipal(email, tiny.project.taxonomy.municipalities) is municipal


def test_bundled_contacts_are_municipal():
    from conftest import REPO

    from generator.content.project import Project
    from generator.content.validate import load_tree

    project = Project(REPO)
    for doc in load_tree(project).of_type("cases"):
        assert is_municipal(doc.meta["contact"]["email"], project.taxonomy.municipalities), doc.path


def test_report_to_a_folder_that_does_not_exist(repo, tmp_path):
    result = repo.run("review", "--base", "main", "--output", str(tmp_path / "mangler" / "r.md"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        f"Fejl: Rapporten kan ikke skrives i '{tmp_path / 'mangler' / 'r.md'}': "
    )
