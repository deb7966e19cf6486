"""The engines that build the playbook from mkdocs.yml: ProperDocs (the default) and MkDocs 1.6.

The session's site (the `built_site` fixture) is built by ProperDocs through scripts/project.py. MkDocs 1.6
must still build the same pages strictly, so that a fork can move back with one variable
(docs/reference/engines.md).
"""

from __future__ import annotations

import re
import subprocess
from importlib.metadata import version as installed_version

import pytest

from scripts import project
from tests.support import site

GENERATOR = re.compile(r'<meta name="generator" content="([^"]+)"')


def _generator(site_dir) -> str:
    found = GENERATOR.search((site_dir / "index.html").read_text(encoding="utf-8"))
    assert found, "the home page names no generator"
    return found.group(1)


def test_properdocs_builds_the_site_strictly_with_every_nav_page(built_site):
    # Material names the engine that rendered the page; ProperDocs calls itself ProperDocs there.
    assert _generator(built_site).startswith(f"mkdocs-ProperDocs {installed_version('properdocs')},")
    assert set(site.nav_pages()) <= set(site.pages(built_site)), "ProperDocs left out pages of the nav"


@pytest.mark.slow
def test_mkdocs_1_6_still_builds_the_same_pages_strictly(built_site, tmp_path):
    command = project.build_command(tmp_path / "site", engine_name="mkdocs")
    assert command[1:5] == ["-m", "mkdocs", "build", "--strict"]
    assert not {"-q", "--quiet"} & set(command), "quiet mode drops warnings before strict mode counts them"
    result = subprocess.run(
        command, cwd=project.ROOT, env=project.build_environment(), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"MkDocs 1.6 strict build failed:\n{result.stdout}\n{result.stderr}"
    assert installed_version("mkdocs").startswith("1.6.")
    theme = _generator(built_site).split(", ", 1)[1]
    assert _generator(tmp_path / "site") == f"mkdocs-{installed_version('mkdocs')}, {theme}", "not built by MkDocs"
    assert site.pages(tmp_path / "site") == site.pages(built_site), "the engines built different page sets"
