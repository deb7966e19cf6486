"""Every page in real Chromium: no console errors, no third-party requests, no axe violations, and a layout
that fits every screen from the narrowest phone up."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scripts.release import read_config
from tests.support import site
from tests.support.browser import (
    COLOUR_RULES,
    CONTENT,
    axe_violations,
    block_storage,
    follow_nav_link,
    navigated,
    open_page,
    reload,
    wait_until_mounted,
    watched_page,
)
from tests.support.layout import layout_problems

ROOT = site.ROOT

NOT_FOUND = "no-such-page/"
# Pages scanned whole, header, navigation, search and footer included, in each colour scheme: the home
# page (navigation hidden), a top-level page, nested pages with an open section (a widget page and a
# diagram page) and the 404 page. Everywhere else only what changes from page to page is scanned.
WHOLE_PAGE_SCANS = ["", "how-to-use/", "assess/report/", "teams/roles/", NOT_FOUND]


def _all_pages():
    # Read from the nav, not from a build, so that collection stays fast;
    # test_every_built_page_is_covered checks that the two agree.
    return [*site.nav_pages(), NOT_FOUND]


def test_every_built_page_is_covered(built_site):
    assert set(site.pages(built_site)) == set(site.nav_pages())


def test_the_whole_page_scans_are_real_pages():
    assert set(WHOLE_PAGE_SCANS) <= set(_all_pages()), "a page named in WHOLE_PAGE_SCANS left the nav"


def _scan(page, page_path: str, scheme: str) -> list[str]:
    if page_path in WHOLE_PAGE_SCANS:
        return axe_violations(page)
    # A colour scheme changes colours only, not the page's structure: the light scan runs every rule
    # on the content, the dark scan the rules that judge colours.
    return axe_violations(page, within=CONTENT, rules=COLOUR_RULES if scheme == "dark" else None)


@pytest.mark.parametrize("page_path", _all_pages())
def test_page_is_clean_accessible_and_fits_every_width(browser, site_url, page_path):
    """Each page opens in the light scheme and is scanned, then the reader's toggle turns it dark; then
    it is narrowed to the smallest phone and widened step by step (tests/support/layout.py).

    One page load serves both scans and the layout check; test_the_dark_preference_opens_the_dark_scheme
    checks that a reader who prefers dark gets it without touching the toggle.
    """
    with watched_page(browser, site_url, color_scheme="light") as (page, watch):
        response = open_page(page, site_url + page_path)
        if page_path == NOT_FOUND:
            assert response.status == 404
            # Chromium logs the 404 of the document itself; that one is the point of this page.
            watch.console_errors = [e for e in watch.console_errors if site_url + page_path not in e]
        else:
            assert response.status == 200
        assert page.locator("h1").first.is_visible()
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        violations = _scan(page, page_path, "light")
        assert not violations, f"{page_path or 'home'} (light):\n" + "\n".join(violations)
        # The toggle's own click, without a pointer resting on it: a hovered toggle shows a tooltip
        # that is still fading in when axe measures its contrast.
        page.locator("label[for=__palette_1]").evaluate("label => label.click()")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        violations = _scan(page, page_path, "dark")
        assert not violations, f"{page_path or 'home'} (dark):\n" + "\n".join(violations)
        problems = layout_problems(page)
        assert not problems, f"{page_path or 'home'}:\n" + "\n".join(problems)
        watch.assert_clean(page_path or "home")


def test_the_dark_preference_opens_the_dark_scheme(browser, site_url):
    with watched_page(browser, site_url, color_scheme="dark") as (page, watch):
        open_page(page, site_url + "why-mlops/")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        # The toggle offers the way back to light.
        expect(page.locator("label[for=__palette_0]")).to_be_visible()
        watch.assert_clean("dark preference")


# Whether <body> ever carried Material's switching attribute, which restyles every element of the page.
WATCH_SWITCHING = """new MutationObserver(records => {
  if (records.some(record => record.target.hasAttribute("data-md-color-switching"))) window.__switching = true
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-md-color-switching"] })"""


def test_the_palette_toggle_switches_and_the_choice_lasts_without_restyling_the_page_on_load(browser, site_url):
    """The toggle keeps Material's labels and its stored `__palette` preference, which Material's own inline
    script applies on the next page, but a page load never sets the switching attribute."""
    light, dark = (option["toggle"]["name"] for option in read_config(ROOT)["theme"]["palette"])
    toggle = "form[data-mrp-palette] label:visible"

    def shows_toggle(name: str, target: str) -> None:
        """The one visible toggle switches to `target` and is described by the option's toggle name (Material's
        tooltips turn the label's title into a description)."""
        expect(page.locator(toggle)).to_have_attribute("for", target)
        expect(page.locator(toggle)).to_have_accessible_description(name)

    with watched_page(browser, site_url, fresh=True, color_scheme="light") as (page, watch):
        page.add_init_script(WATCH_SWITCHING)
        open_page(page, site_url)
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        shows_toggle(light, "__palette_1")
        assert page.evaluate("window.__switching") is None, "the page load set data-md-color-switching"

        page.locator(toggle).click()
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        shows_toggle(dark, "__palette_0")
        expect(page.get_by_role("radio", name=dark)).to_be_attached()
        expect(body).not_to_have_attribute("data-md-color-switching", "")
        stored = page.evaluate("""JSON.parse(localStorage.getItem(new URL(__md_scope).pathname + ".__palette"))""")
        assert stored["index"] == 1 and stored["color"]["scheme"] == "slate", stored
        assert page.evaluate("""__md_get("__palette")""") == stored  # what Material's inline script reads

        reload(page)
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        shows_toggle(dark, "__palette_0")
        assert page.evaluate("window.__switching") is None, "the reload set data-md-color-switching"
        follow_nav_link(page, "how-to-use/")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        shows_toggle(dark, "__palette_0")

        # From the keyboard: Tab reaches the option in use, Enter moves on to the next one.
        page.locator("#__palette_1").focus()
        page.keyboard.press("Enter")
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        shows_toggle(light, "__palette_1")
        expect(page.locator("#__palette_0")).to_be_focused()
        assert page.evaluate("""__md_get("__palette").color.scheme""") == "default"
        watch.assert_clean("palette toggle")


# The browser's colour metas and what the header shows: [theme-color, color-scheme, header colour, header scheme].
METAS = """() => {
  const header = getComputedStyle(document.querySelector("[data-md-component=header]"))
  const channels = header.backgroundColor.match(/\\d+/g).slice(0, 3)
  const hex = "#" + channels.map(v => (+v).toString(16).padStart(2, "0")).join("")
  const metas = name => Array.from(document.querySelectorAll(`meta[name="${name}"]`), meta => meta.content)
  return { theme: metas("theme-color"), scheme: metas("color-scheme"), header: [hex, header.colorScheme] }
}"""

# The color-scheme meta as the parser reaches the page's main content, below the header.
EARLY_SCHEME = """new MutationObserver((records, observer) => {
  if (!document.querySelector("main")) return
  const meta = document.querySelector('meta[name="color-scheme"]')
  window.__early_scheme = meta ? meta.content : null
  observer.disconnect()
}).observe(document, { childList: true, subtree: true })"""


def test_the_browser_colours_follow_the_scheme_from_the_first_paint(browser, site_url):
    """Issue 29: the theme-color and color-scheme metas are set while the page is still only its header, so
    they restyle nothing later; they follow the stored choice on load and each switch, one of each."""

    def metas_follow(scheme: str) -> None:
        found = page.evaluate(METAS)
        assert found["header"][1] == scheme, found
        assert found["theme"] == [found["header"][0]] and found["scheme"] == [scheme], found

    with watched_page(browser, site_url, fresh=True, color_scheme="light") as (page, watch):
        page.add_init_script(EARLY_SCHEME)
        open_page(page, site_url + "assess/devops-foundations/")
        assert page.evaluate("window.__early_scheme") == "light", "set before the page below the header is parsed"
        metas_follow("light")
        light_colour = page.evaluate(METAS)["theme"]
        page.locator("form[data-mrp-palette] label:visible").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        metas_follow("dark")
        reload(page)
        metas_follow("dark")
        follow_nav_link(page, "assess/report/")
        metas_follow("dark")
        page.locator("form[data-mrp-palette] label:visible").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        metas_follow("light")
        assert page.evaluate(METAS)["theme"] == light_colour
        watch.assert_clean("colour metas")


def test_search_dialog_has_an_accessible_name(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url)
        assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
        watch.assert_clean("home")


def test_search_finds_a_page_offline(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url)
        page.keyboard.press("/")
        expect(page.locator(".md-search__input")).to_be_focused()
        page.keyboard.type("organised")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        expect(page.locator(".md-search-result")).to_contain_text("How to use this playbook")
        watch.assert_clean("search")


def test_instant_navigation_keeps_the_page_working(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_page(page, site_url)
        page.evaluate("window.__not_reloaded = true")
        sheets = page.evaluate("[...document.querySelectorAll('link[rel~=stylesheet]')].map(link => link.href)")
        requested = []
        page.on("request", lambda request: requested.append(request))
        with navigated(page, "how-to-use/"):
            page.get_by_role("link", name="how to use this playbook").first.click()
        assert page.evaluate("window.__not_reloaded === true"), "the click caused a full page load"
        # The head's stylesheets stay as they are: none is replaced, added or fetched again.
        assert page.evaluate("[...document.querySelectorAll('link[rel~=stylesheet]')].map(link => link.href)") == sheets
        assert [request.url for request in requested if request.resource_type == "stylesheet"] == []
        expect(page.locator("h1")).to_contain_text("How to use this playbook")
        assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")
        watch.assert_clean("instant navigation")


@pytest.mark.parametrize("stored", ["{not json", "null", "42", '"text"'])
def test_corrupt_theme_storage_causes_no_errors(browser, site_url, stored):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url)
        page.evaluate(
            """value => { for (const key of ["__palette", "__tabs", "__consent", "__announce"])
                 localStorage.setItem(new URL(__md_scope).pathname + "." + key, value) }""",
            stored,
        )
        page.reload()
        wait_until_mounted(page)
        assert page.locator("h1").first.is_visible()
        watch.assert_clean(f"stored {stored!r}")


def test_blocked_storage_causes_no_errors(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        block_storage(page, "localStorage", "sessionStorage")
        open_page(page, site_url)
        page.locator("label[for=__palette_1]").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        watch.assert_clean("blocked storage")


def test_the_watch_catches_a_foreign_request_and_a_console_error(browser, site_url):
    """The checks above can fail: a request to another host is refused and recorded, and so are an error
    and a widget's failure to mount."""
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url)
        with page.expect_event("requestfailed") as refused, page.expect_console_message() as message:
            page.evaluate("""() => { fetch("http://example.invalid/tracker.js").catch(() => {})
                                     console.error("planted error") }""")
        assert refused.value.url == "http://example.invalid/tracker.js"
        assert message.value.text == "planted error"
        assert watch.foreign_requests == ["http://example.invalid/tracker.js"]
        assert any("planted error" in error for error in watch.console_errors)
        # A widget that failed to mount is only a warning in the page, but an error to the tests.
        with page.expect_console_message(lambda message: message.text.startswith("playbook:")):
            page.evaluate("""() => { console.warn("an unrelated warning")
                                     console.warn("playbook: planted failed to mount") }""")
        assert any("playbook: planted failed to mount" in error for error in watch.console_errors)
        assert not any("unrelated" in error for error in watch.console_errors)


def test_axe_catches_planted_violations_on_a_second_scan_too(browser, site_url):
    """The scans can fail: an image without a text alternative and faint text are both reported."""
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + "why-mlops/")
        assert axe_violations(page, within=CONTENT) == []
        page.evaluate(
            """() => document.querySelector(".md-content article").insertAdjacentHTML("beforeend",
                 '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                 + '<p style="color: #eee; background: #fff">faint words</p>')"""
        )
        found = " ".join(axe_violations(page, within=CONTENT))
        assert "image-alt" in found and "color-contrast" in found, found
        assert axe_violations(page, within=CONTENT, rules=COLOUR_RULES)[0].startswith("color-contrast")
        watch.assert_clean("planted violations")
