"""Versioned releases: two versions deployed with mike into a throwaway local git repository.

Rendering the PDF is the slowest part of a release, and test_pdf.py checks the PDF itself, so only the
newer version is deployed with its PDF, and that PDF holds the glossary alone: the release still runs
the real PDF plugin, and both versions prove that their pages link to their own version's PDF.
"""

from __future__ import annotations

import json
import os
import posixpath
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


PDF = "pdf/mlops-readiness-playbook.pdf"
# Set to 1 to render the PDF; see _render_the_pdf_only_when_asked.
PDF_SWITCH = "PLAYBOOK_TEST_PDF"


def _release(repo, version: str, with_pdf: bool) -> None:
    env = {**os.environ, **IDENTITY, PDF_SWITCH: "1" if with_pdf else "0"}
    command = [sys.executable, str(ROOT / "scripts" / "release.py"), "--skip-tests", "--project-dir", str(repo)]
    result = subprocess.run([*command, "--version", version], env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


def _render_the_pdf_only_when_asked(project) -> None:
    """In this copy only, the PDF plugin renders when PDF_SWITCH is 1 (mkdocs-to-pdf's enabled_if_env),
    and it renders the glossary alone, a page that links to no other page, so the one-page book has no
    dangling links (INHERIT replaces the shipped list of pages the book leaves out).

    The release's config becomes a small file that inherits the real one, as any variant does.
    """
    (project / "mkdocs-versioned.yml").rename(project / "mkdocs-versioned-as-shipped.yml")
    (project / "mkdocs-versioned.yml").write_text(
        "INHERIT: mkdocs-versioned-as-shipped.yml\n"
        "plugins:\n"
        "  to-pdf:\n"
        f"    enabled_if_env: {PDF_SWITCH}\n"
        "    exclude_pages: ['^(?!reference/glossary/)']\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("release") / "project")
    _render_the_pdf_only_when_asked(project)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Playbook")
    _release(project, "0.1", with_pdf=False)
    _release(project, "0.2", with_pdf=True)
    return project


def _files(repo) -> set[str]:
    return set(_git(repo, "ls-tree", "-r", "--name-only", "gh-pages").split())


def test_versions_json_lists_both_versions_with_latest_on_the_newest(repo):
    versions = json.loads(_git(repo, "show", "gh-pages:versions.json"))
    by_version = {entry["version"]: entry for entry in versions}
    assert set(by_version) == {"0.1", "0.2"}
    assert by_version["0.2"]["aliases"] == ["latest"]
    assert by_version["0.1"]["aliases"] == []


def test_the_root_redirects_to_latest(repo):
    index = _git(repo, "show", "gh-pages:index.html")
    assert "url=latest/" in index and 'window.location.replace(\n      "latest/"' in index


def test_each_version_has_its_pages(repo):
    files = _files(repo)
    for version in ("0.1", "0.2"):
        for page in ("index.html", "assess/report/index.html", "why-mlops/index.html", "404.html"):
            assert f"{version}/{page}" in files, f"{version}/{page}"


@pytest.mark.parametrize("page", ["index.html", "why-mlops/index.html", "assess/report/index.html"])
def test_each_version_links_to_its_own_pdf(repo, page):
    files = _files(repo)
    assert f"0.2/{PDF}" in files, "the release with the PDF switched on ships its PDF"
    assert f"0.1/{PDF}" not in files, "the PDF switch of this test did not work: a second PDF was rendered"
    for version in ("0.1", "0.2"):
        html = _git(repo, "show", f"gh-pages:{version}/{page}")
        links = re.findall(r"<a\s([^>]*)>\s*Download this version as a PDF\s*</a>", html)
        assert links, f"{version}/{page} has no PDF link"
        href = re.search(r'href="([^"]+)"', links[0]).group(1)
        target = posixpath.normpath(posixpath.join(version, posixpath.dirname(page), href))
        assert target == f"{version}/{PDF}", f"{version}/{page} links to {target}, not to its version's PDF"


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


def test_mike_builds_each_version_with_properdocs(repo):
    """mike runs `properdocs` when ProperDocs is installed (it is, from requirements.lock), else `mkdocs`."""
    for version in ("0.1", "0.2"):
        html = _git(repo, "show", f"gh-pages:{version}/index.html")
        assert '<meta name="generator" content="mkdocs-ProperDocs ' in html, f"{version} was not built by ProperDocs"
