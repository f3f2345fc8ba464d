"""The engine details the project leans on, checked against the installed Material and MkDocs.

Each lives in one module of `generator/engine/`; each test here fails when Material or MkDocs
changes under it, before a build quietly does the wrong thing: the search switch and worker
swap and the index format (`materialsearch.py`), the per-folder fragments (`fragments.py`), and
the build date (`builddate.py`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import material
import pytest
from conftest import REPO
from material.plugins.search.plugin import SearchIndex, SearchPlugin

from generator.engine.backend import load_config, utils
from generator.engine.builddate import BuildDate
from generator.engine.fragments import MATERIAL_TEMPLATES
from generator.engine.materialsearch import (
    MATERIAL_WORKER,
    PROJECT_WORKER,
    SEARCH_PLUGIN,
    SILENCED_EVENTS,
    material_index,
    silence_material_search,
    swap_search_worker,
)
from generator.site import routes

MATERIAL_BASE = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")


# -- the search switch -------------------------------------------------------------------------


def test_the_silenced_events_are_material_searchs_indexer():
    for event in SILENCED_EVENTS:
        assert callable(getattr(SearchPlugin, f"on_{event}", None)), f"Material has no on_{event}"


def test_silencing_keeps_the_search_plugin_enabled_but_out_of_the_page_and_build_events():
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    search = config.plugins[SEARCH_PLUGIN]
    bound = {
        e: [m for m in config.plugins.events[e] if getattr(m, "__self__", None) is search]
        for e in SILENCED_EVENTS
    }
    assert all(bound.values()), "Material's search plugin no longer listens to these events"
    silence_material_search(config)
    for event in SILENCED_EVENTS:
        assert all(getattr(m, "__self__", None) is not search for m in config.plugins.events[event])
    assert config.plugins[SEARCH_PLUGIN].config.enabled  # the search box is still shown
    assert any(getattr(m, "__self__", None) is search for m in config.plugins.events["config"])


# -- the worker swap ---------------------------------------------------------------------------


def test_materials_template_names_its_worker_as_the_swap_expects():
    [named] = re.findall(r'"(assets/javascripts/workers/search\.[^"]+)"', MATERIAL_BASE)
    assert MATERIAL_WORKER.fullmatch(named), named
    assert (MATERIAL_TEMPLATES / named).is_file()
    assert "{% block config %}" in MATERIAL_BASE  # theme/main.html swaps inside this block


def test_the_swap_points_materials_configuration_at_the_projects_worker():
    html = '{"search": "../assets/javascripts/workers/search.a7633da7.min.js"}'
    assert swap_search_worker(html) == f'{{"search": "../{PROJECT_WORKER}"}}'
    assert (REPO / "theme" / PROJECT_WORKER).is_file()


def test_the_built_pages_load_the_projects_worker(built):
    page = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert PROJECT_WORKER in page
    assert not MATERIAL_WORKER.search(page)


# -- Material's index format -------------------------------------------------------------------


def test_the_index_the_loader_fetches_has_materials_format():
    ours = json.loads(material_index()[routes.MATERIAL_SEARCH_INDEX])
    theirs = json.loads(
        SearchIndex(
            lang=["da"], separator=r"[\s\-]+", pipeline=[], fields={}
        ).generate_search_index(None)
    )
    assert ours.keys() == theirs.keys()
    assert ours["config"].keys() == theirs["config"].keys()
    assert ours == theirs


# -- the per-folder fragments ------------------------------------------------------------------


@pytest.mark.parametrize("block", ["styles", "footer", "scripts", "config"])
def test_the_blocks_rendered_once_per_folder_are_materials(block):
    assert "{% block " + block + " %}" in MATERIAL_BASE
    assert f'smartcity_per_folder("{block}", page)' in (REPO / "theme" / "main.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("partial", ["search", "nav"])
def test_the_partials_rendered_once_per_folder_are_materials(partial):
    assert (Path(material.__file__).parent / "templates" / "partials" / f"{partial}.html").is_file()
    override = (REPO / "theme" / "partials" / f"{partial}.html").read_text(encoding="utf-8")
    assert f'{{% include "material/partials/{partial}.html" %}}' in override


# -- the build date ----------------------------------------------------------------------------


def test_the_build_date_is_the_last_commits_for_mkdocs_during_the_build_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("SMARTCITY_PINNED_EPOCH", raising=False)
    git = {**os.environ, "GIT_COMMITTER_DATE": "2026-03-02T10:00:00+00:00"}
    git |= {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org"}
    git |= {"GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "commit", "-q", "--allow-empty", "-m", "x"],
        env=git,
        check=True,
    )
    date = BuildDate()
    date.pin(tmp_path)
    assert utils.get_build_date() == "2026-03-02"  # what MkDocs writes into the sitemap
    date.release()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert "SMARTCITY_PINNED_EPOCH" not in os.environ


def test_a_given_source_date_epoch_wins_over_the_commit(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    date = BuildDate()
    date.pin(tmp_path)
    assert utils.get_build_date() == "2027-01-15"
    date.release()
    assert os.environ["SOURCE_DATE_EPOCH"] == "1800000000"
