"""Every internal link of the served site reaches a page (linkchecker), and every #fragment an id on it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import site
from tests.support.anchors import dead_anchors

CONFIG = Path(__file__).with_name("linkcheckerrc")


def run_linkchecker(url: str, config: Path = CONFIG) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(executable), "--config", str(config), "--no-status", "--output", "text", url],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )


@pytest.mark.slow
def test_site_has_no_broken_internal_links(site_url):
    result = run_linkchecker(site_url)
    assert result.returncode == 0, f"linkchecker found errors:\n{result.stdout}\n{result.stderr}"
    assert re.search(r"\b0 warnings found", result.stdout), result.stdout
    assert re.search(r"\b0 errors found", result.stdout), result.stdout


def test_every_fragment_link_lands_on_an_id(built_site):
    assert not dead_anchors(built_site)


@pytest.mark.slow
def test_linkchecker_catches_a_broken_link(tmp_path):
    """The crawl can fail: a hand-made site with one dead link is rejected, and names the link."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><body><h1 id="top">t</h1>'
        '<a href="gone.html">dead page</a> <a href="other.html">live page</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "other.html").write_text(
        '<!doctype html><html lang="en"><title>o</title><body><h1 id="here">o</h1></body></html>',
        encoding="utf-8",
    )
    os.chmod(tmp_path, 0o755)
    with site.serve(tmp_path) as url:
        result = run_linkchecker(url)
    assert result.returncode == 1, result.stdout
    assert "gone.html" in result.stdout
    assert "1 error found" in result.stdout, result.stdout


def test_the_fragment_check_catches_dead_anchors_and_accepts_live_ones(tmp_path):
    """Directory URLs, same-page links, `<a name>` and encoded fragments count; a missing id is named."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><body><h1 id="top">t</h1>\n'
        '<a href="#top">same page</a> <a href="guide/#caf%C3%A9">encoded</a>\n'
        '<a href="guide/index.html#old">named</a> <a href="guide/#nowhere">dead</a>\n'
        '<a href="#missing">dead here</a> <a href="https://example.org/#elsewhere">other site</a>\n'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "guide" / "index.html").write_text(
        '<!doctype html><html lang="en"><title>g</title><body><h1 id="café">g</h1><a name="old"></a>'
        '<a href="../#top">back</a> <a href="../#gone">dead back</a></body></html>',
        encoding="utf-8",
    )
    assert dead_anchors(tmp_path) == [
        "guide/index.html:1: ../#gone",
        "index.html:3: guide/#nowhere",
        "index.html:4: #missing",
    ]
