"""Build the playbook (or a modified copy of it) and serve a built site on a free local port."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from macros.html import page_url
from scripts.release import read_config, site_path
from scripts.serve_site import serve  # noqa: F401  (re-exported for the tests)

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = (
    "mkdocs.yml",
    "mkdocs-pdf.yml",
    "mkdocs-versioned.yml",
    "mkdocs-offline.yml",
    "pyproject.toml",
    "CHANGELOG.md",
    "docs",
    "macros",
    "overrides",
    "print",
    "data",
)


def build(project_dir: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """A strict build exactly as a developer runs it. Never add -q: quiet mode hides strict warnings."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project_dir / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


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
