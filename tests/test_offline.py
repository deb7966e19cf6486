"""The offline HTML bundle: a zip that works from a folder, with no network and no server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from scripts.build_offline import build_offline
from tests.support.anchors import dead_anchors
from tests.support.browser import mount_passes, wait_until_mounted, watched_page
from tests.test_linkcheck import run_linkchecker

pytestmark = [pytest.mark.slow]

OFFLINE_CONFIG = Path(__file__).with_name("linkcheckerrc-offline")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    archive = build_offline(tmp_path_factory.mktemp("dist"))
    # linkchecker, run as root, drops to `nobody`: unpack where every folder up the tree is readable.
    with tempfile.TemporaryDirectory(prefix="offline-bundle-") as target:
        os.chmod(target, 0o755)
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(target)
        (folder,) = Path(target).iterdir()
        yield folder


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def links_leaving(folder: Path) -> list[str]:
    """Relative links in the folder's pages that point outside it (linkchecker would skip them)."""
    root = folder.resolve().as_uri() + "/"
    leaving = []
    for page in sorted(folder.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.found:
            target = urljoin(page.resolve().as_uri(), link)
            if urlsplit(target).scheme == "file" and not unquote(target).startswith(root):
                leaving.append(f"{page.relative_to(folder)}: {link}")
    return leaving


def crawl_problems(folder: Path) -> str:
    """linkchecker's report over file://, fragments that land on no id, and links that leave the folder.

    Returns '' when all three are clean.
    """
    result = run_linkchecker((folder / "index.html").as_uri(), OFFLINE_CONFIG)
    clean = result.returncode == 0 and re.search(r"\b0 warnings found\. 0 errors found", result.stdout)
    problems = [] if clean else [result.stdout[-6000:], result.stderr[-2000:]]
    for heading, found in [
        ("dead anchors", dead_anchors(folder)),
        ("links that leave the bundle", links_leaving(folder)),
    ]:
        if found:
            problems.append(f"{heading}:\n" + "\n".join(found[:40]))
    return "\n".join(problems)


def test_every_link_and_anchor_in_the_bundle_works_from_the_folder(bundle):
    problems = crawl_problems(bundle)
    assert not problems, problems


def test_the_folder_crawl_catches_directory_urls_and_dead_anchors(tmp_path_factory):
    """The crawl can fail: a link written for directory URLs and a dead anchor are both reported."""
    with tempfile.TemporaryDirectory(prefix="offline-broken-") as target:
        os.chmod(target, 0o755)
        folder = Path(target) / "bundle"
        (folder / "assess").mkdir(parents=True)
        (folder / "index.html").write_text(
            '<!doctype html><html lang="en"><title>t</title><body><h1 id="top">t</h1>'
            '<a href="assess/report.html#nowhere">dead anchor</a></body></html>',
            encoding="utf-8",
        )
        (folder / "assess" / "report.html").write_text(
            '<!doctype html><html lang="en"><title>r</title><body><h1 id="here">r</h1>'
            '<a href="../../devops-prerequisites/capabilities/">climbs out</a>'
            '<a href="../teams/roles/">directory URL</a></body></html>',
            encoding="utf-8",
        )
        for path in [folder, *folder.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        problems = crawl_problems(folder)
    assert "index.html:1: assess/report.html#nowhere" in problems
    assert "teams/roles/" in problems
    assert "assess/report.html: ../../devops-prerequisites/capabilities/" in problems


def test_the_bundle_holds_the_site_a_server_and_instructions(bundle):
    for name in ("index.html", "serve.py", "README.txt", "search/search_index.js", "assess/report.html"):
        assert (bundle / name).is_file(), name
    assert "python3 serve.py" in (bundle / "README.txt").read_text(encoding="utf-8")


@pytest.mark.browser
def test_pages_work_from_the_folder_with_no_other_host(browser, bundle):
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) >= 30
    # Requests and errors do not depend on the window's height; a short one paints about a quarter as much.
    with watched_page(browser, bundle.as_uri(), viewport={"width": 1280, "height": 800}) as (page, watch):
        for path in pages:
            page.goto(path.as_uri(), wait_until="load")
        watch.assert_clean("offline pages")


@pytest.mark.browser
def test_search_and_checklists_work_offline(browser, bundle):
    with watched_page(browser, bundle.as_uri()) as (page, watch):
        page.goto((bundle / "index.html").as_uri(), wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("handover")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
        page.goto((bundle / "assess" / "devops-foundations.html").as_uri(), wait_until="load")
        wait_until_mounted(page)
        assert mount_passes(page) == 1, "a page opened from the folder mounted more or less than once"
        page.locator("label[for=answer-vc-code-yes]").click()
        page.goto((bundle / "assess" / "report.html").as_uri(), wait_until="load")
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", "not-yet")
        page.goto((bundle / "assess" / "devops-foundations.html").as_uri(), wait_until="load")
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        watch.assert_clean("offline tools")


@pytest.mark.browser
def test_the_bundle_never_offers_a_share_link_into_the_readers_own_folder(browser, bundle):
    with watched_page(browser, bundle.as_uri()) as (page, watch):
        page.goto((bundle / "assess" / "report.html").as_uri(), wait_until="load")
        wait_until_mounted(page)
        page.get_by_role("button", name="Copy a share link").click()
        status = page.locator("[data-mrp-tool-status]")
        expect(status).to_contain_text("published site")
        expect(status).to_contain_text("Export")
        offered = page.locator(".mrp-share-link")
        links = offered.evaluate_all("fields => fields.map(field => field.value)") if offered.count() else []
        assert not [link for link in links if link.startswith("file:")], links
        watch.assert_clean("offline share link")


def test_the_bundled_server_serves_the_bundle(bundle):
    server = subprocess.Popen(
        [sys.executable, str(bundle / "serve.py"), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        line = server.stdout.readline()
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        with urllib.request.urlopen(url + "index.html", timeout=10) as response:
            assert response.status == 200
            assert b"Are we ready for MLOps?" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
