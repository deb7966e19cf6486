"""Release a version of the playbook: test it, then deploy it with mike to the gh-pages branch.

Usage: python scripts/release.py [--version 1.2] [--push] [--skip-tests] [--project-dir DIR]

Deploys the site (with its PDF) as version MAJOR.MINOR of pyproject.toml's version, points the
`latest` alias and the default redirect at it, and adds a root 404 page that sends readers to the
latest version. Nothing leaves this machine unless --push is given.
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.project import minor_version  # noqa: E402
from scripts import project  # noqa: E402
from scripts.project import ROOT, build_environment  # noqa: E402

CONFIG = "mkdocs-versioned.yml"
BRANCH = "gh-pages"

NOT_FOUND = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · MLOps Readiness Playbook</title>
<style>
body {{ max-width: 36rem; margin: 4rem auto; padding: 0 1rem; font: 1rem/1.5 system-ui, sans-serif; }}
a {{ color: #1a237e; }}
</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>This page does not exist in any version of the MLOps Readiness Playbook. It may have moved.</p>
<p><a href="{latest}">Go to the latest version of the playbook</a></p>
</main>
</body>
</html>
"""


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    print("release: " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: !ENV [NAME, default] gives its default, other MkDocs tags give None."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
# Python objects named in markdown_extensions (pymdownx.emoji's index and generator) are not needed here.
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(project_dir: Path) -> dict:
    """mkdocs.yml as plain data, with environment overrides replaced by their defaults."""
    return yaml.load((project_dir / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def site_path(project_dir: Path) -> str:
    """The URL path the site lives under, from site_url's default in mkdocs.yml, e.g. '/playbook/'."""
    path = urlsplit(read_config(project_dir)["site_url"]).path or "/"
    return path if path.endswith("/") else path + "/"


def add_root_not_found_page(project_dir: Path, latest_url: str) -> None:
    """Commit 404.html at the root of gh-pages with git plumbing, leaving the work tree alone."""
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "404.html"
        page.write_text(NOT_FOUND.format(latest=html.escape(latest_url, quote=True)), encoding="utf-8")
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        blob = run(["git", "hash-object", "-w", str(page)], project_dir).strip()
        run(["git", "read-tree", BRANCH], project_dir, env)
        run(["git", "update-index", "--add", "--cacheinfo", f"100644,{blob},404.html"], project_dir, env)
        tree = run(["git", "write-tree"], project_dir, env).strip()
        if tree == run(["git", "rev-parse", f"{BRANCH}^{{tree}}"], project_dir).strip():
            return
        commit = run(["git", "commit-tree", tree, "-p", BRANCH, "-m", "Add the root 404 page"], project_dir).strip()
        run(["git", "update-ref", f"refs/heads/{BRANCH}", commit], project_dir)


def release(project_dir: Path, version: str, push: bool, skip_tests: bool) -> None:
    if not skip_tests:
        run([sys.executable, "-m", "pytest", "-q"], project_dir)
    # mike runs `properdocs` (or `mkdocs` without ProperDocs) from PATH; build_environment puts this
    # environment's first.
    env = build_environment()
    mike = [str(Path(sys.executable).with_name("mike"))]
    title = f"v{version}"
    run(
        [*mike, "deploy", "--config-file", CONFIG, "--update-aliases", "--title", title, version, "latest"],
        project_dir,
        env,
    )
    run([*mike, "set-default", "--config-file", CONFIG, "latest"], project_dir, env)
    add_root_not_found_page(project_dir, site_path(project_dir) + "latest/")
    if push:
        run(["git", "push", "origin", BRANCH], project_dir)
    print(f"release: version {version} deployed to the {BRANCH} branch" + (" and pushed" if push else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", help="version to deploy (default: MAJOR.MINOR from pyproject.toml)")
    parser.add_argument("--push", action="store_true", help="push the gh-pages branch to origin")
    parser.add_argument("--skip-tests", action="store_true", help="deploy without running the test suite first")
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="the project (a git repository)")
    args = parser.parse_args()
    try:
        deployed = args.version or minor_version(project.version(args.project_dir))
        release(args.project_dir.resolve(), deployed, args.push, args.skip_tests)
    except (RuntimeError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
