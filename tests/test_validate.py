"""Every validation rule, each shown by a fixture file with one thing wrong.

The exact lines a contributor sees are kept in `fixtures/invalid/expected.yaml`; run pytest with
`--update-goldens` after a deliberate change of wording and review the diff.
"""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import FIXTURES

from generator.content.body import scanner

EXPECTED_FILE = FIXTURES / "invalid" / "expected.yaml"
INVALID = sorted(
    p.relative_to(FIXTURES / "invalid").as_posix() for p in (FIXTURES / "invalid").glob("*/*.md")
)
VALID = sorted(
    p.relative_to(FIXTURES / "valid").as_posix() for p in (FIXTURES / "valid").glob("*/*.md")
)


def _expected() -> dict[str, list[str]]:
    return yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8")) or {}


def _diagnostics(tiny, kind: str, name: str):
    tiny.fixture("valid", "cases/minimal.md")  # a case for `based_on` to point at
    tiny.fixture(kind, name)
    result = tiny.run("validate", f"content/{name}")
    lines = result.stdout.splitlines()
    return result, lines[:-1], lines[-1]


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_passes_cleanly(tiny, name):
    result, diagnostics, summary = _diagnostics(tiny, "valid", name)
    assert diagnostics == []
    assert summary == "Tjekket 1 fil: ingen fejl."
    assert result.exit_code == 0


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_gives_exact_messages(tiny, name, request):
    result, diagnostics, summary = _diagnostics(tiny, "invalid", name)
    if request.config.getoption("--update-goldens"):
        expected = _expected()
        expected[name] = diagnostics
        EXPECTED_FILE.write_text(
            yaml.safe_dump(
                dict(sorted(expected.items())), allow_unicode=True, width=1000, sort_keys=False
            ),
            encoding="utf-8",
        )
    assert diagnostics == _expected()[name]
    errors = [line for line in diagnostics if ": fejl: " in line]
    assert result.exit_code == (1 if errors else 0)
    assert summary.startswith("Tjekket 1 fil: ")


def test_every_fixture_has_expectations_and_back():
    assert sorted(_expected()) == INVALID


def test_bundled_content_validates_cleanly(tmp_path):
    from click.testing import CliRunner
    from conftest import REPO

    from generator.cli.commands import cli

    result = CliRunner().invoke(cli, ["--root", str(REPO), "validate", "--strict"])
    assert result.stdout.splitlines()[-1].endswith(": ingen fejl."), result.stdout
    assert result.exit_code == 0


def test_whole_tree_reports_every_problem_in_one_run(tiny, base_case):
    tiny.write(
        {
            "content/cases/a.md": base_case.replace("status: pilot", "status: running"),
            "content/cases/b.md": base_case.replace("municipality: Aarhus", "municipality: Arhus"),
            "content/cases/c.md": base_case,
        }
    )
    result = tiny.run("validate")
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "content/cases/a.md",
        "content/cases/b.md",
    ]
    assert lines[-1] == "Tjekket 3 filer: 2 fejl i 2 filer."
    assert result.exit_code == 1


def test_based_on_resolves_against_the_whole_tree_when_one_file_is_named(tiny, base_case):
    tiny.write(
        {
            "content/cases/original.md": base_case,
            "content/cases/copy.md": base_case.replace(
                "published:", "based_on: [original]\npublished:"
            ),
        }
    )
    result = tiny.run("validate", "content/cases/copy.md")
    assert result.stdout == "Tjekket 1 fil: ingen fejl.\n"


def test_image_that_exists_passes(tiny, base_case):
    tiny.write(
        {
            "content/cases/with-image.md": base_case.replace(
                "published:",
                "image:\n  src: sensor.png\n  alt: En sensor i et lyskryds\npublished:",
            ),
            "content/cases/images/sensor.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
        }
    )
    assert tiny.run("validate").exit_code == 0


def test_files_that_do_not_belong_in_content(tiny, base_case, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    tiny.write(
        {
            "content/cases/ok.md": base_case,
            "content/notes.txt": "noter",
            "content/cases/sub/deep.md": base_case,
            "content/guides/script.js": "alert(1)",
            "content/.DS_Store": b"\0\1",  # dotfiles are ignored, as MkDocs never publishes them
        }
    )
    (tiny.root / "content" / "cases" / "passwd.md").symlink_to(secret)
    (tiny.root / "content" / "linked").symlink_to(tmp_path)
    result = tiny.run("validate")
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "content/cases/passwd.md: fejl: Filen er et symbolsk link, og det er ikke tilladt i "
        "content/. Læg en almindelig fil i stedet. [content.symlink]",
        "content/cases/sub/deep.md: fejl: Filen hører ikke hjemme i content/. Her må kun ligge "
        "cases (content/cases/*.md), guides (content/guides/*.md), arbejdsgrupper "
        "(content/groups/*.md), arrangementer (content/events/*.md) og billeder til cases "
        "(content/cases/images/). [content.unexpected-file]",
        "content/guides/script.js: fejl: Filen hører ikke hjemme i content/. Her må kun ligge "
        "cases (content/cases/*.md), guides (content/guides/*.md), arbejdsgrupper "
        "(content/groups/*.md), arrangementer (content/events/*.md) og billeder til cases "
        "(content/cases/images/). [content.unexpected-file]",
        "content/linked: fejl: Filen er et symbolsk link, og det er ikke tilladt i content/. "
        "Læg en almindelig fil i stedet. [content.symlink]",
        "content/notes.txt: fejl: Filen hører ikke hjemme i content/. Her må kun ligge cases "
        "(content/cases/*.md), guides (content/guides/*.md), arbejdsgrupper "
        "(content/groups/*.md), arrangementer (content/events/*.md) og billeder til cases "
        "(content/cases/images/). [content.unexpected-file]",
    ]
    assert result.exit_code == 1


def test_byte_level_problems(tiny, base_case):
    tiny.write(
        {
            "content/cases/big.md": base_case + "x" * (300 * 1024),
            "content/cases/nul.md": base_case.encode() + b"\0",
            "content/cases/latin1.md": base_case.replace("Aarhus", "Århus").encode("latin-1"),
            "content/cases/fat-front.md": base_case.replace(
                "published:", "partners:\n" + "  - Aarhus Universitet\n" * 1500 + "published:"
            ),
            "content/cases/huge-number.md": base_case.replace(
                "started: 2022", "started: " + "9" * 5000
            ),
        }
    )
    result = tiny.run("validate")
    lines = result.stdout.splitlines()
    big_size = (tiny.root / "content/cases/big.md").stat().st_size
    assert lines[:-1] == [
        f"content/cases/big.md: fejl: Filen fylder {big_size} byte, men højst 262144 byte er "
        "tilladt. Gør teksten kortere. [file.too-large]",
        "content/cases/fat-front.md:1:1: fejl: Felterne øverst i filen fylder mere end 32768 "
        "byte. Flyt lange tekster ned i selve teksten under ---. [frontmatter.too-large]",
        "content/cases/huge-number.md:6:10: fejl: started: Tallet kan ikke læses (det er for "
        "stort eller skrevet forkert). Skriv et almindeligt tal, eller sæt det i anførselstegn, "
        "hvis det er tekst. [yaml.number]",
        "content/cases/latin1.md:2:18: fejl: Filen er ikke gemt som UTF-8 (ugyldig byte ved "
        "position 21). Gem den igen med tegnsættet UTF-8 i din editor. [file.encoding]",
        "content/cases/nul.md:27:1: fejl: Filen indeholder et NUL-tegn (byte "
        f"{len(base_case.encode())}) og er derfor ikke en tekstfil. Gem den som almindelig "
        "tekst (UTF-8). [file.nul]",
    ]


@pytest.mark.parametrize(
    ("encoding", "variant"),
    [("utf-16", "UTF-16 LE"), ("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")],
)
def test_a_file_saved_as_utf16_is_named_so(tiny, base_case, encoding, variant):
    """Notepad's 'Unicode' is UTF-16 (with a byte-order mark, or without): name it, not a NUL."""
    text = base_case.replace("midtbyen", "midtbyen i Aarhus & Århus 🚦")
    tiny.write({"content/cases/sensorer.md": text.encode(encoding)})
    result = tiny.run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"content/cases/sensorer.md: fejl: Filen er gemt som {variant}, men skal være UTF-8. "
        "Gem den igen med tegnsættet UTF-8 i din editor (i Notesblok: Filer > Gem som > "
        f"Kodning: UTF-8; i Visual Studio Code: klik på '{variant}' nederst til højre > Save "
        "with Encoding > UTF-8). [file.utf16]"
    )


def test_unreadable_file_is_reported_not_raised(tiny):
    from generator.content.types import CASE
    from generator.content.validate import Validator

    doc, problems = Validator(tiny.project).read(tiny.root / "content/cases/gone.md", CASE)
    assert doc is None
    assert [p.code for p in problems] == ["content.unreadable"]
    assert "No such file or directory" in problems[0].message


def test_json_format(tiny, base_case):
    tiny.write({"content/cases/a.md": base_case.replace("status: pilot", "status: running")})
    result = tiny.run("validate", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["status"] == "fail"
    assert payload["files"] == 1 and payload["errors"] == 1 and payload["warnings"] == 0
    assert payload["diagnostics"] == [
        {
            "file": "content/cases/a.md",
            "line": 5,
            "column": 9,
            "severity": "error",
            "code": "schema.enum",
            "field": "status",
            "message": "'running' er ikke en gyldig værdi for Status. Gyldige værdier: idea (Idé), "
            "pilot (Pilot), operation (I drift), scaled (Udbredt), ended (Afsluttet).",
        }
    ]
    assert result.exit_code == 1


def test_github_format(tiny, base_case):
    tiny.write(
        {
            "content/cases/a.md": base_case.replace(
                "municipality: Aarhus", "municipality: Hoje Taastrup"
            ).replace("## Erfaringer", "## Læring")
        }
    )
    result = tiny.run("validate", "--format", "github")
    assert result.stdout.splitlines() == [
        "::error file=content/cases/a.md,line=3,col=15,title=municipality [schema.enum]::"
        "'Hoje Taastrup' er ikke en gyldig værdi for Kommune. Mente du 'Høje-Taastrup'?",
        "::warning file=content/cases/a.md,line=12,col=1,title=body.section-missing "
        "[body.section-missing]::Afsnittet '## Erfaringer' mangler i teksten. En case har "
        "afsnittene Udfordring, Løsning, Resultater, Erfaringer.",
        "Tjekket 1 fil: 1 fejl og 1 advarsel i 1 fil.",
    ]


def test_warnings_pass_unless_strict(tiny, base_case):
    tiny.write({"content/cases/a.md": base_case.replace("## Erfaringer", "## Læring")})
    assert tiny.run("validate").exit_code == 0
    assert tiny.run("validate", "--strict").exit_code == 1


def test_usage_errors_exit_2(tiny):
    result = tiny.run("validate", "content/cases/findes-ikke.md")
    assert result.exit_code == 2
    assert "Stien 'content/cases/findes-ikke.md' findes ikke." in result.stderr
    assert tiny.run("validate", "--format", "xml").exit_code == 2


def test_broken_schema_exits_3(tiny):
    (tiny.root / "schema" / "case.schema.json").write_text("{ not json")
    result = tiny.run("validate")
    assert result.exit_code == 3
    assert result.stderr.startswith("smartcity: Skemaet i schema/ kan ikke indlæses: ")
    assert "Traceback" not in result.output


def test_no_project_exits_3(tmp_path):
    from click.testing import CliRunner

    from generator.cli.commands import cli

    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "validate"])
    assert result.exit_code == 3
    assert "Fandt ingen vidensbank" in result.stderr


def test_files_outside_content_are_typed_by_their_folder(tiny, tmp_path, base_case):
    outside = tmp_path / "elsewhere" / "cases" / "x.md"
    outside.parent.mkdir(parents=True)
    outside.write_text(base_case.replace("status: pilot", "status: nope"))
    stray = tmp_path / "elsewhere" / "y.md"
    stray.write_text(base_case)
    result = tiny.run("validate", str(outside), str(stray))
    assert f"{outside.as_posix()}:5:9: fejl: status:" in result.stdout
    assert f"{stray.as_posix()}: fejl: Filen hører ikke hjemme i content/." in result.stdout
    assert result.exit_code == 1


def test_folder_argument_checks_everything_under_it(tiny, base_case):
    tiny.write({"content/cases/a.md": base_case, "content/guides/b.md": "---\ntitle: x\n---\n"})
    result = tiny.run("validate", "content/cases")
    assert result.stdout == "Tjekket 1 fil: ingen fejl.\n"


def test_validate_1000_files_reads_each_once(tiny, base_case):
    """A correctness guard for the benchmark: many files, one run, no cross-talk."""
    tiny.write({f"content/cases/case-{i}.md": base_case for i in range(200)})
    result = tiny.run("validate")
    assert result.stdout == "Tjekket 200 filer: ingen fejl.\n"


def test_case_images_are_checked_by_their_bytes(tiny, base_case):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    tiny.write(
        {
            "content/cases/ok.md": base_case,
            "content/cases/images/real.png": png,
            "content/cases/images/fake.jpg": b"<html><script>alert(1)</script></html>",
            "content/cases/images/renamed.jpg": png,
            "content/cases/images/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "content/cases/images/Stort_Billede.png": png,
            "content/cases/images/huge.webp": b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * (2 * 1024 * 1024),
        }
    )
    result = tiny.run("validate")
    assert result.stdout.splitlines()[:-1] == [
        "content/cases/images/Stort_Billede.png: fejl: Billedfilen 'Stort_Billede.png' skal hedde "
        "noget med små bogstaver a-z, tal og bindestreger og endelsen .png, .jpg, .jpeg eller "
        ".webp. [image.name]",
        "content/cases/images/fake.jpg: fejl: Filen er hverken et PNG-, JPEG- eller WebP-billede, "
        "uanset hvad den hedder. [image.type]",
        "content/cases/images/huge.webp: fejl: Billedet fylder 2097168 byte, men højst 2097152 "
        "byte er tilladt. Gør det mindre (fx 1600 pixel bredt). [image.too-large]",
        "content/cases/images/logo.svg: fejl: SVG-billeder er ikke tilladt, fordi de kan indeholde "
        "script. Gem billedet som PNG, JPEG eller WebP. [image.svg]",
        "content/cases/images/renamed.jpg: fejl: Filen er et PNG-billede og skal derfor ende på "
        ".png. [image.suffix]",
    ]
    assert result.exit_code == 1


def test_an_email_address_in_angle_brackets_is_a_mail_link(tiny, base_case):
    """`<navn@kommune.dk>` is Markdown's e-mail link; its address is written as entities behind
    Python-Markdown's own marker, which the checks read as the address it is."""
    body = "\n\nSkriv til <trafik@aarhus.dk> eller [Jens](mailto:jens@aarhus.dk).\n"
    tiny.write({"content/cases/mail.md": base_case.replace("\n## Løsning", body + "\n## Løsning")})
    result = tiny.run("validate")
    assert result.exit_code == 0, result.output
    scan = scanner().scan(body, "cases")
    assert [(t.url, t.text) for t in scan.targets] == [
        ("mailto:trafik@aarhus.dk", "trafik@aarhus.dk"),
        ("mailto:jens@aarhus.dk", "Jens"),
    ]
