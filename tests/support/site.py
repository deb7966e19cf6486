"""Build the playbook (or a modified copy of it) and serve a built site on a free local port."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from macros.html import page_url
from scripts import project
from scripts.release import read_config, site_path
from scripts.serve_site import serve  # noqa: F401  (re-exported for the tests)

ROOT = project.ROOT
PROJECT_PARTS = (
    "mkdocs.yml",
    "mkdocs-pdf.yml",
    "mkdocs-versioned.yml",
    "mkdocs-offline.yml",
    "mkdocs-zensical.yml",
    "pyproject.toml",
    "CHANGELOG.md",
    "docs",
    "macros",
    "overrides",
    "print",
    "hooks",
    "data",
)


def build(project_dir: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """The strict build scripts use (scripts/project.py), for site_url if given, else mkdocs.yml's default."""
    return project.build(site_dir, project_dir=project_dir, timeout=600, SITE_URL=site_url or "")


def copy_project(target: Path) -> Path:
    """A disposable copy of the project's site sources, for tests that break it on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def site_prefix(project_dir: Path = ROOT) -> str:
    """The URL path the site is published under (from site_url), e.g. '/playbook/'."""
    return site_path(project_dir)


def pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to the site root ('' for the home page)."""
    found = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        found.append("" if relative == "." else relative + "/")
    return found


def nav_pages(project_dir: Path = ROOT) -> list[str]:
    """Every page in mkdocs.yml's nav, as site-relative URLs ('' for the home page)."""
    config = read_config(project_dir)

    def walk(entries) -> list[str]:
        found = []
        for entry in entries:
            values = entry.values() if isinstance(entry, dict) else [entry]
            for value in values:
                found += walk(value) if isinstance(value, list) else [value]
        return found

    return [page_url(path) for path in walk(config["nav"])]
