"""The offline HTML bundle: a zip that works from a folder, with no network and no server."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
import zipfile

import pytest
from playwright.sync_api import expect

from scripts.build_offline import build_offline
from tests.support.browser import watched_page

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    archive = build_offline(tmp_path_factory.mktemp("dist"))
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
    (folder,) = target.iterdir()
    return folder


def test_the_bundle_holds_the_site_a_server_and_instructions(bundle):
    for name in ("index.html", "serve.py", "README.txt", "search/search_index.js", "assess/report.html"):
        assert (bundle / name).is_file(), name
    assert "python3 serve.py" in (bundle / "README.txt").read_text(encoding="utf-8")


@pytest.mark.browser
def test_pages_work_from_the_folder_with_no_other_host(browser, bundle):
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) >= 30
    with watched_page(browser, bundle.as_uri()) as (page, watch):
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
        page.locator("label[for=answer-vc-code]").click()
        page.goto((bundle / "assess" / "report.html").as_uri(), wait_until="load")
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-level", "build-foundations")
        page.goto((bundle / "assess" / "devops-foundations.html").as_uri(), wait_until="load")
        expect(page.locator("#answer-vc-code")).to_be_checked()
        watch.assert_clean("offline tools")


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
