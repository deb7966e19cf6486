"""Every page in real Chromium: no console errors, no third-party requests, no axe violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support import site
from tests.support.browser import axe_violations, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _all_pages():
    # Read from the nav, not from a build, so that collection stays fast;
    # test_every_built_page_is_covered checks that the two agree.
    return [*site.nav_pages(), "no-such-page/"]


def test_every_built_page_is_covered(built_site):
    assert set(site.pages(built_site)) == set(site.nav_pages())


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_path", _all_pages())
def test_page_is_clean_and_accessible(browser, site_url, page_path, scheme):
    with watched_page(browser, site_url, color_scheme=scheme) as (page, watch):
        response = page.goto(site_url + page_path, wait_until="networkidle")
        if page_path == "no-such-page/":
            assert response.status == 404
            # Chromium logs the 404 of the document itself; that one is the point of this page.
            watch.console_errors = [e for e in watch.console_errors if site_url + page_path not in e]
        else:
            assert response.status == 200
        assert page.locator("h1").first.is_visible()
        violations = axe_violations(page)
        assert not violations, f"{page_path or 'home'} ({scheme}):\n" + "\n".join(violations)
        watch.assert_clean(page_path or "home")


def test_search_dialog_has_an_accessible_name(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url, wait_until="networkidle")
        assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
        watch.assert_clean("home")


def test_search_finds_a_page_offline(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url, wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("organised")
        result = page.locator(".md-search-result__item").first
        result.wait_for(state="visible", timeout=10_000)
        assert "How to use this playbook" in page.locator(".md-search-result").inner_text()
        watch.assert_clean("search")


def test_instant_navigation_keeps_the_page_working(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url, wait_until="networkidle")
        page.evaluate("window.__not_reloaded = true")
        page.get_by_role("link", name="how to use this playbook").first.click()
        page.wait_for_url("**/how-to-use/")
        assert page.evaluate("window.__not_reloaded === true"), "the click caused a full page load"
        expect(page.locator("h1")).to_contain_text("How to use this playbook")
        assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
        watch.assert_clean("instant navigation")


@pytest.mark.parametrize("stored", ["{not json", "null", "42", '"text"'])
def test_corrupt_theme_storage_causes_no_errors(browser, site_url, stored):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url, wait_until="networkidle")
        page.evaluate(
            """value => { for (const key of ["__palette", "__tabs", "__consent", "__announce"])
                 localStorage.setItem(new URL(__md_scope).pathname + "." + key, value) }""",
            stored,
        )
        page.reload(wait_until="networkidle")
        assert page.locator("h1").first.is_visible()
        watch.assert_clean(f"stored {stored!r}")


def test_blocked_storage_causes_no_errors(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.add_init_script("""
            for (const name of ["localStorage", "sessionStorage"]) {
              Object.defineProperty(window, name, {
                get() { throw new DOMException("blocked", "SecurityError") },
              })
            }""")
        page.goto(site_url, wait_until="networkidle")
        page.locator("label[for=__palette_1]").click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        watch.assert_clean("blocked storage")
