"""linkchecker crawls the served site: every internal link and anchor must resolve."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import site

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
def test_site_has_no_broken_internal_links_or_anchors(site_url):
    result = run_linkchecker(site_url)
    assert result.returncode == 0, f"linkchecker found errors:\n{result.stdout}\n{result.stderr}"
    assert re.search(r"\b0 warnings found", result.stdout), result.stdout
    assert re.search(r"\b0 errors found", result.stdout), result.stdout


@pytest.mark.slow
def test_linkchecker_catches_a_broken_link_and_a_broken_anchor(tmp_path):
    """The check can fail: a hand-made site with one dead link and one dead anchor is rejected."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><body><h1 id="top">t</h1>'
        '<a href="gone.html">dead page</a> <a href="other.html#nowhere">dead anchor</a>'
        '<a href="other.html#here">live anchor</a></body></html>',
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
    assert "nowhere" in result.stdout
    assert "1 warning found" in result.stdout and "1 error found" in result.stdout, result.stdout
