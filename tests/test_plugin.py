"""The MkDocs plugin: validation before anything is written, and atomic replacement of the site."""

from __future__ import annotations

import inspect
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from tests_support import snapshot


def _mkdocs_build(root: Path, **options):
    config = load_config(str(root / "mkdocs.yml"), **options)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_plain_mkdocs_build_with_the_plugin(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    _mkdocs_build(tiny.root)
    assert (tiny.root / "site" / "cases" / "sensorer" / "index.html").is_file()
    assert not list(tiny.root.glob(".site.*")), "staging folders are cleaned up"


def test_invalid_content_fails_with_the_validators_message_and_keeps_the_old_site(
    tiny, base_case, caplog
):
    tiny.write({"content/cases/sensorer.md": base_case})
    _mkdocs_build(tiny.root)
    before = snapshot(tiny.root / "site")
    tiny.write({"content/cases/sensorer.md": base_case.replace("status: pilot", "status: running")})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        _mkdocs_build(tiny.root)
    assert any(
        "content/cases/sensorer.md:5:9: fejl: status: 'running' er ikke en gyldig værdi for Status."
        in r.getMessage()
        for r in caplog.records
    )
    assert snapshot(tiny.root / "site") == before
    assert not list(tiny.root.glob(".site.*"))


def test_strict_warnings_keep_the_old_site(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    _mkdocs_build(tiny.root)
    before = snapshot(tiny.root / "site")
    tiny.write({"content/cases/sensorer.md": base_case.replace("## Erfaringer", "## Læring")})
    with pytest.raises(Abort):
        _mkdocs_build(tiny.root, strict=True)
    assert snapshot(tiny.root / "site") == before


def test_smartcity_build_validates_first(tiny, base_case):
    tiny.write(
        {
            "content/cases/sensorer.md": base_case.replace(
                "municipality: Aarhus", "municipality: Aarhus Kommune"
            )
        }
    )
    result = tiny.run("build")
    assert result.exit_code == 1
    assert (
        "content/cases/sensorer.md:3:15: fejl: municipality: 'Aarhus Kommune' er ikke en "
        "gyldig værdi for Kommune. Mente du 'Aarhus'? [schema.enum]"
    ) in result.stderr
    assert "Sitet er ikke bygget; det forrige site er uændret." in result.stderr
    assert not (tiny.root / "site").exists()


def test_smartcity_build_says_where_the_site_is(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case})
    result = tiny.run("build")
    assert result.exit_code == 0, result.output
    site = tiny.root / "site"
    assert f"Sitet er bygget i {site}." in result.stdout
    assert "'smartcity serve'" in result.stdout  # not file://: see test_site.py
    assert (site / "cases" / "sensorer" / "index.html").is_file()


def test_broken_schema_is_a_plugin_error(tiny, base_case):
    tiny.write({"content/cases/sensorer.md": base_case, "schema/guide.schema.json": "[1,"})
    with pytest.raises(PluginError, match="kan ikke indlæses"):
        config = load_config(str(tiny.root / "mkdocs.yml"))
        config.plugins.on_config(config)


def test_a_disabled_plugin_leaves_every_event_alone():
    """`enabled: false` in mkdocs.yml: every event hands back what it was given, untouched."""
    from generator.engine.plugin import SmartCityPlugin

    plugin = SmartCityPlugin()
    errors, warnings = plugin.load_config({"enabled": False})
    assert not errors and not warnings
    events = [name for name in dir(plugin) if name.startswith("on_")]
    assert len(events) == 15  # the 14 build events MkDocs calls, and on_shutdown
    before = dict(vars(plugin))
    for name in events:
        method = getattr(plugin, name)
        given = {p: object() for p in inspect.signature(method).parameters}
        result = method(**given)
        first = next(iter(given.values()), None)
        assert result is None or result is first, name
        assert vars(plugin) == before, name


def test_what_lies_in_content_is_told_by_its_path_then_by_its_real_path(tmp_path):
    """The plugin lets only validated pages and case images out of `content/`: a file there is
    in it wherever a link in it points, and a link from elsewhere into it counts as inside."""
    from generator.engine.plugin import _Folder

    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    outside = tmp_path / "andet"
    outside.mkdir()
    (outside / "hemmelig.txt").write_text("x")
    (content / "cases" / "link.txt").symlink_to(outside / "hemmelig.txt")
    (tmp_path / "genvej").symlink_to(content / "cases")
    (tmp_path / "content2").mkdir()
    folder = _Folder(str(content))
    assert folder.holds(str(content / "cases" / "a.md"))
    assert folder.holds(str(content / "cases" / "link.txt"))
    assert folder.holds(str(tmp_path / "genvej" / "a.md"))
    assert not folder.holds(str(outside / "hemmelig.txt"))
    assert not folder.holds(str(content / ".." / "andet" / "hemmelig.txt"))
    assert not folder.holds(str(tmp_path / "content2" / "a.md"))
