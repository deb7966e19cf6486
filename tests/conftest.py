from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import site

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags for a root, headless, offline machine: without the networking ones Chromium keeps dialling
# Google services that the closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


# Tests are marked by the fixtures they use, so that `-m "not site and not browser and not slow"` runs
# the unit tests in seconds, with no build, no server and no Chromium.
MARKS_BY_FIXTURE = {
    "served_site": "site",
    "built_site": "site",
    "site_url": "site",
    "browser": "browser",
}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture in sorted(set(item.fixturenames) & set(MARKS_BY_FIXTURE)):
            item.add_marker(MARKS_BY_FIXTURE[fixture])


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> tuple[Path, str]:
    """The real site, built strictly for the local address it is served at.

    The server starts first so that the build knows its port: Material's instant navigation only
    takes over links whose address matches the sitemap, port included.
    """
    site_dir = tmp_path_factory.mktemp("site")
    # Static hosts (and linkchecker dropping root privileges) need world-readable files.
    os.chmod(site_dir, 0o755)
    with site.serve(site_dir, site.site_prefix()) as url:
        result = site.build(site.ROOT, site_dir, site_url=url)
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
        yield site_dir, url


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def teams():
    """The real team topology data (data/teams/), loaded and cross-checked once."""
    from macros.teams import schema

    return schema.load_topology(site.ROOT / "data" / "teams")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file() and shutil.which(CHROMIUM) is None:
        pytest.fail(
            f"No Chromium at {CHROMIUM}. Install Debian's package (apt-get install chromium) or set "
            "CHROMIUM_PATH; `make test` installs it when run as root."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
