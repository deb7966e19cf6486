"""Each page loads only the code it uses (issue 17), and widgets still mount after instant navigation.

playbook.js is the one script of ours every page names; it adds a widget's scripts only on a page that
shows the widget. These tests watch the requests a real browser makes, each in a fresh tab: the
shared tab's warm cache would stand in for a first visit and hide the requests they count.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from macros.registry import load_assessment
from tests.support.browser import (
    follow_nav_link,
    mount_passes,
    navigated,
    open_page,
    put_in_storage,
    watched_page,
)
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ASSESSMENT = load_assessment(ROOT / "data", ROOT / "docs")
READING = "why-mlops/"
# A reading page in another chapter that links to the checklist from its text.
PREREQUISITES = "devops-prerequisites/"
CHECKLIST = "assess/devops-foundations/"
REPORT = "assess/report/"
PATHS_KEY = "mlops-readiness-playbook.paths"
# What every page runs: the entry point and the colour palette toggle in the header.
EVERY_PAGE = {"playbook.js", "palette-toggle.js"}
# Every other script of ours; a reading page should request none of them.
INTERACTIVE = sorted(
    path.name for path in (ROOT / "docs" / "assets" / "javascripts").glob("*.js") if path.name not in EVERY_PAGE
) + ["paths-data.js"]


def _own_requests(page, site_url: str) -> list[str]:
    """Record the file names of our own scripts and stylesheets the page requests from now on."""
    seen: list[str] = []
    prefix = urlsplit(site_url).path + "assets/"

    def record(request) -> None:
        path = urlsplit(request.url).path
        if path.startswith(prefix) and not path.startswith(prefix + "javascripts/bundle.") and "/workers/" not in path:
            name = path.rsplit("/", 1)[-1]
            if name.endswith((".js", ".css")) and not name.startswith(("main.", "palette.")):
                seen.append(name)

    page.on("request", record)
    return seen


def test_a_reading_page_requests_none_of_the_interactive_code(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        requested = _own_requests(page, site_url)
        open_page(page, site_url + READING)
        # Material asks for each stylesheet twice (the second from the memory cache), ours included.
        # print.css is fetched too, but as a print-only sheet it does not hold back the first paint.
        assert sorted(set(requested)) == ["palette-toggle.js", "playbook.js", "print.css", "site.css"], requested
        assert not set(requested) & set(INTERACTIVE)
        assert page.locator("[data-mrp-paths]").count() == 0, "the paths data is back inline in the page"
        watch.assert_clean("reading page")


def test_a_reader_with_a_chosen_path_gets_the_next_step_on_a_reading_page(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_page(page, site_url)
        put_in_storage(page, PATHS_KEY, json.dumps({"schema": 1, "chosen": "ml-engineer", "read": {}}))
        requested = _own_requests(page, site_url)
        open_page(page, site_url + READING)
        assert "paths-data.js" in requested and "paths.js" in requested, requested
        assert not {"checklist.js", "report.js", "assessment.js"} & set(requested), requested
        watch.assert_clean("reading page with a chosen path")


def test_instant_navigation_loads_and_mounts_a_checklist_then_the_report(browser, site_url):
    checklist = ASSESSMENT.checklists["devops-foundations"]
    first_item = next(iter(checklist.items())).id
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        requested = _own_requests(page, site_url)
        open_page(page, site_url + PREREQUISITES)
        page.evaluate("window.__not_reloaded = true")
        assert "checklist.js" not in requested

        # Straight from the reading page: the sidebar's way in passes the chapter's first page, which has a
        # widget of its own.
        with navigated(page, CHECKLIST):
            page.locator(f"article a[href$='{CHECKLIST}']").first.click()
        assert page.evaluate("window.__not_reloaded === true"), "the click caused a full page load"
        form = page.locator("form.mrp-checklist")
        expect(form).to_have_attribute("data-mrp-mounted", "true")
        # Loaded once: a script a widget needs is added to the page a single time.
        assert requested.count("checklist.js") == 1, requested
        assert page.locator("script[src$='/checklist.js']").count() == 1
        page.locator(f"label[for=answer-{first_item}-yes]").click()
        expect(page.locator("[data-mrp-progress-text]")).to_have_text(f"1 of {len(checklist.items())} answered")
        stored = page.evaluate("key => JSON.parse(localStorage.getItem(key))", ASSESSMENT.rules.storage_key)
        assert list(stored["answers"]) == [first_item], "mounted twice or lost the answer"

        follow_nav_link(page, REPORT)
        assert page.evaluate("window.__not_reloaded === true"), "the click caused a full page load"
        expect(page.locator("[data-mrp-report]")).to_have_attribute("data-mrp-mounted", "true")
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", re.compile(r".+"))
        assert requested.count("report.js") == 1 and requested.count("assessment.js") == 1, requested
        watch.assert_clean("instant navigation to a checklist and the report")


def test_a_page_load_and_an_instant_navigation_each_mount_the_page_once(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_page(page, site_url + CHECKLIST)
        # A second pass would finish in the same task as the first, before the page could be polled.
        assert mount_passes(page) == 1, "the load mounted the page more than once"
        follow_nav_link(page, REPORT)
        assert mount_passes(page) == 2, "the instant navigation mounted the page more than once"
        watch.assert_clean("one mount pass per page")


# Changes to <html>'s classes and to a stylesheet's address, recorded once the page has a body. The
# head sets both (overrides/main.html); made later, by Material's start-up, each restyles every element.
RESTYLING_CHANGES = """
window.__mrpRestyles = []
new MutationObserver(records => {
  for (const record of records) {
    const now = record.target.getAttribute(record.attributeName)
    const watched = record.target === document.documentElement
      ? record.attributeName === "class"
      : record.target.matches("link[rel~=stylesheet]")
    if (document.body && watched && now !== record.oldValue) {
      window.__mrpRestyles.push(`${record.target.tagName} ${record.attributeName}: ${record.oldValue} -> ${now}`)
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["class", "href"] })
"""


@pytest.mark.parametrize("url", ["", CHECKLIST, REPORT])
def test_material_starts_without_changing_what_restyles_the_whole_page(browser, site_url, url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        page.add_init_script(RESTYLING_CHANGES)
        open_page(page, site_url + url)
        # Material has made the page's links absolute: its start-up has run.
        page.wait_for_function(
            "() => /^[a-z]+:/.test(document.querySelector('.md-content a[href]').getAttribute('href'))"
        )
        assert page.evaluate("window.__mrpRestyles") == []
        assert "js-focus-visible" in page.evaluate("document.documentElement.className")
        watch.assert_clean("no restyling changes")


def _search_index_requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "search_index" in request.url else None)
    return seen


@pytest.mark.parametrize("reach", ["slash key", "click", "tap"])
def test_the_search_index_waits_until_the_reader_reaches_for_search(browser, site_url, reach):
    options = (
        {"has_touch": True, "is_mobile": True, "viewport": {"width": 390, "height": 844}} if reach == "tap" else {}
    )
    with watched_page(browser, site_url, fresh=True, **options) as (page, watch):
        index_requests = _search_index_requests(page)
        open_page(page, site_url + READING)
        page.wait_for_load_state("load")
        assert index_requests == [], "the search index was fetched before anyone searched"
        with page.expect_request(lambda request: "search_index" in request.url):
            if reach == "slash key":
                page.keyboard.press("/")
            elif reach == "click":
                page.locator(".md-search__input").click()
            else:
                page.locator("label.md-header__button[for=__search]").tap()
        expect(page.locator(".md-search__input")).to_be_focused()
        page.keyboard.type("organised")
        expect(page.locator(".md-search-result")).to_contain_text("How to use this playbook")
        assert len(index_requests) == 1, index_requests
        watch.assert_clean(f"search reached by {reach}")


def test_a_search_typed_before_the_index_arrives_still_finds_its_pages(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        held = []
        # Hold the index back at the network until the query is typed, as on a slow phone connection.
        page.route("**/search/search_index.json", lambda route: held.append(route))
        open_page(page, site_url)
        page.keyboard.press("/")
        page.keyboard.type("organised")
        expect(page.locator(".md-search__input")).to_have_value("organised")
        assert len(held) == 1, "the index was not asked for when the reader reached for search"
        held[0].continue_()
        expect(page.locator(".md-search-result")).to_contain_text("How to use this playbook")
        watch.assert_clean("search typed before the index arrived")


def test_a_shared_search_link_opens_with_its_results(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_page(page, site_url + READING + "?q=organised")
        expect(page.locator(".md-search-result")).to_contain_text("How to use this playbook")
        watch.assert_clean("shared search link")


def test_the_report_does_not_push_the_text_below_it_when_it_appears(browser, site_url):
    """The report is drawn by script; the page holds room for it, so nothing on screen jumps (CLS)."""
    with watched_page(browser, site_url, fresh=True, viewport={"width": 412, "height": 823}) as (page, watch):
        page.add_init_script(
            "window.mrpShifts = [];"
            "new PerformanceObserver(list => { for (const entry of list.getEntries())"
            " if (!entry.hadRecentInput) window.mrpShifts.push(entry.value) })"
            ".observe({ type: 'layout-shift', buffered: true })"
        )
        open_page(page, site_url + REPORT)
        expect(page.locator("[data-mrp-body]")).to_be_visible()
        # One more frame, so a shift caused by drawing the report has been reported.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        shifts = page.evaluate("window.mrpShifts")
        assert sum(shifts) < 0.01, f"layout shifts on the report page: {shifts}"
        watch.assert_clean("report layout shift")
