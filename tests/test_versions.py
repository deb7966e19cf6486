"""Versioned releases: two versions deployed with mike into a throwaway local git repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.support.site import ROOT, copy_project

pytestmark = pytest.mark.slow

IDENTITY = {
    "GIT_AUTHOR_NAME": "Release test",
    "GIT_AUTHOR_EMAIL": "release-test@example.invalid",
    "GIT_COMMITTER_NAME": "Release test",
    "GIT_COMMITTER_EMAIL": "release-test@example.invalid",
}


def _git(repo, *args) -> str:
    env = {**os.environ, **IDENTITY}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def _release(repo, version: str) -> None:
    env = {**os.environ, **IDENTITY}
    command = [sys.executable, str(ROOT / "scripts" / "release.py"), "--skip-tests", "--project-dir", str(repo)]
    result = subprocess.run([*command, "--version", version], env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("release") / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Playbook")
    _release(project, "0.1")
    _release(project, "0.2")
    return project


def test_versions_json_lists_both_versions_with_latest_on_the_newest(repo):
    versions = json.loads(_git(repo, "show", "gh-pages:versions.json"))
    by_version = {entry["version"]: entry for entry in versions}
    assert set(by_version) == {"0.1", "0.2"}
    assert by_version["0.2"]["aliases"] == ["latest"]
    assert by_version["0.1"]["aliases"] == []


def test_the_root_redirects_to_latest(repo):
    index = _git(repo, "show", "gh-pages:index.html")
    assert "url=latest/" in index and 'window.location.replace(\n      "latest/"' in index


def test_each_version_has_its_pages_and_its_pdf(repo):
    files = set(_git(repo, "ls-tree", "-r", "--name-only", "gh-pages").split())
    for version in ("0.1", "0.2"):
        for page in ("index.html", "assess/report/index.html", "why-mlops/index.html", "404.html"):
            assert f"{version}/{page}" in files, f"{version}/{page}"
        assert f"{version}/pdf/mlops-readiness-playbook.pdf" in files


def test_latest_is_an_alias_of_the_newest_version(repo):
    entry = _git(repo, "ls-tree", "gh-pages", "latest")
    assert entry.startswith("120000"), "latest should be a symbolic link"
    assert _git(repo, "show", "gh-pages:latest").strip() == "0.2"


def test_canonical_urls_point_at_latest(repo):
    page = _git(repo, "show", "gh-pages:0.1/why-mlops/index.html")
    canonical = re.search(r'<link[^>]*rel="canonical"[^>]*>', page).group(0)
    assert 'href="https://mlops-readiness-playbook.github.io/playbook/latest/why-mlops/"' in canonical


def test_the_root_404_page_sends_readers_to_latest(repo):
    page = _git(repo, "show", "gh-pages:404.html")
    assert 'href="/playbook/latest/"' in page
    assert "<script" not in page and "http" not in page.split("<body>")[1]
