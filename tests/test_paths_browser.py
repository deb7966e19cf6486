"""Reading paths in real Chromium: ticks persist, progress shows, the next-in-your-path link follows the path."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from macros import paths
from macros.html import page_url
from macros.pages import page_title
from tests.support.answers import stored_record
from tests.support.browser import (
    CONTENT,
    axe_violations,
    block_storage,
    open_page,
    open_site_origin,
    put_in_storage,
    reload,
    set_aside_copies,
    watched_page,
)
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READING_PATHS = paths.load_paths(ROOT / "data" / "paths.yml", ROOT / "docs")
KEY = READING_PATHS.storage_key
PATH = READING_PATHS.lookup("ml-engineer")
PATH_PAGE = "paths/ml-engineer/"
STEPS = [page_url(step.page) for step in PATH.steps]
TITLES = [page_title(ROOT / "docs", step.page) for step in PATH.steps]


def _tick(page, number: int) -> None:
    page.locator(f"label[for=read-{PATH.id}-{number}]").click()


def _wait_for_page(page, path: str) -> None:
    """Wait until the page shows path, whatever fragment navigation.tracking has put after it."""
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/" + path))


def _minutes(page, numbers: list[int]) -> int:
    return sum(int(page.locator(f"#step-{number}").get_attribute("data-mrp-minutes")) for number in numbers)


def test_ticks_survive_a_reload_and_the_progress_counts_what_is_left(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        progress = page.locator("[data-mrp-path-progress]")
        total = len(STEPS)
        expect(progress).to_have_text(f"0 of {total} read, about {_minutes(page, range(1, total + 1))} minutes left.")
        for number in (1, 2, 4):
            _tick(page, number)
        left = _minutes(page, [n for n in range(1, total + 1) if n not in (1, 2, 4)])
        expect(progress).to_have_text(f"3 of {total} read, about {left} minutes left.")
        stored = stored_record(page, KEY)
        assert stored["schema"] == READING_PATHS.schema_version
        assert sorted(stored["read"][PATH.id]) == sorted(PATH.steps[n - 1].page for n in (1, 2, 4))
        reload(page)
        for number in range(1, total + 1):
            box = page.locator(f"#read-{PATH.id}-{number}")
            expect(box).to_be_checked() if number in (1, 2, 4) else expect(box).not_to_be_checked()
        expect(progress).to_have_text(f"3 of {total} read, about {left} minutes left.")
        _tick(page, 2)
        expect(progress).to_contain_text(f"2 of {total} read")
        watch.assert_clean("ticks and reload")


def test_all_steps_read_says_so(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        for number in range(1, len(STEPS) + 1):
            _tick(page, number)
        expect(page.locator("[data-mrp-path-progress]")).to_contain_text(f"All {len(STEPS)} steps read")
        watch.assert_clean("all read")


def test_my_path_links_each_page_to_the_next_step_across_instant_navigation(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        page.get_by_role("button", name="Make this my path").click()
        expect(page.locator("[data-mrp-path-chosen]")).to_contain_text("This is your path")
        assert stored_record(page, KEY)["chosen"] == PATH.id
        page.evaluate("window.__not_reloaded = true")
        page.locator("#step-1 a.mrp-step__title").click()
        _wait_for_page(page, STEPS[0])
        for index in range(len(STEPS) - 1):
            nav = page.locator("nav[data-mrp-path-next]")
            expect(nav).to_have_count(1)
            expect(nav).to_contain_text(f"Step {index + 1} of {len(STEPS)}")
            link = nav.locator("[data-mrp-path-next-link]")
            expect(link).to_have_text(TITLES[index + 1])
            expect(link).to_have_attribute("href", site_url + STEPS[index + 1])
            link.click()
            _wait_for_page(page, STEPS[index + 1])
        expect(page.locator("nav[data-mrp-path-next]")).to_contain_text("This is the last step")
        assert page.evaluate("window.__not_reloaded === true"), "navigation reloaded the page"
        watch.assert_clean("next in your path")


def test_the_next_link_shows_after_a_full_load_and_goes_when_the_path_is_dropped(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        page.get_by_role("button", name="Make this my path").click()
        open_page(page, site_url + STEPS[3])
        link = page.locator("nav[data-mrp-path-next] [data-mrp-path-next-link]")
        expect(link).to_have_attribute("href", site_url + STEPS[4])
        open_page(page, site_url + "reference/glossary/")
        expect(page.locator("nav[data-mrp-path-next]")).to_have_count(0)
        open_page(page, site_url + PATH_PAGE)
        page.get_by_role("button", name="Make this my path", pressed=True).click()
        assert stored_record(page, KEY)["chosen"] is None
        open_page(page, site_url + STEPS[3])
        expect(page.locator("nav[data-mrp-path-next]")).to_have_count(0)
        watch.assert_clean("full load")


def test_the_paths_page_marks_my_path(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        page.get_by_role("button", name="Make this my path").click()
        open_page(page, site_url + "paths/")
        expect(page.locator(f"[data-mrp-paths-row={PATH.id}] .mrp-badge")).to_have_text("your path")
        watch.assert_clean("paths page")


def test_corrupt_storage_is_set_aside_with_a_notice(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, "{broken json")
        open_page(page, site_url + STEPS[0])
        expect(page.locator("nav[data-mrp-path-next]")).to_have_count(0)
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == "{broken json", "only path pages set aside"
        open_page(page, site_url + PATH_PAGE)
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("could not be read")
        kept = set_aside_copies(page, KEY)
        assert kept == ["{broken json"], "the unreadable copy must be kept, not deleted"
        _tick(page, 1)
        assert stored_record(page, KEY)["read"] == {PATH.id: [PATH.steps[0].page]}
        watch.assert_clean("corrupt storage")


@pytest.mark.parametrize("stored", ['{"schema": 1, "chosen": 5, "read": {}}', "null", '{"schema": 1, "read": []}'])
def test_wrongly_shaped_storage_counts_as_corrupt(browser, site_url, stored):
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, stored)
        open_page(page, site_url + PATH_PAGE)
        expect(page.locator("[data-mrp-notice]")).to_contain_text("could not be read")
        kept = set_aside_copies(page, KEY)
        assert kept == [stored], "the reloaded page must have read, and set aside, exactly the injected value"
        watch.assert_clean("wrong shape")


def test_disabled_storage_shows_a_notice_and_the_page_works(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        block_storage(page, "localStorage")
        open_page(page, site_url + PATH_PAGE)
        expect(page.locator("[data-mrp-notice]")).to_contain_text("will be lost")
        _tick(page, 1)
        expect(page.locator("[data-mrp-path-progress]")).to_contain_text(f"1 of {len(STEPS)} read")
        open_page(page, site_url + STEPS[0])
        watch.assert_clean("disabled storage")


def test_progress_from_a_newer_version_is_shown_but_not_overwritten(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        newer = json.dumps({"schema": 99, "chosen": PATH.id, "read": {PATH.id: [PATH.steps[0].page]}})
        put_in_storage(page, KEY, newer)
        open_page(page, site_url + PATH_PAGE)
        expect(page.locator(f"#read-{PATH.id}-1")).to_be_checked()
        expect(page.locator("[data-mrp-notice]")).to_contain_text("newer version")
        _tick(page, 2)
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == newer
        watch.assert_clean("newer schema")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_path_pages_with_progress_have_no_axe_violations(browser, site_url, scheme):
    with watched_page(browser, site_url, color_scheme=scheme) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        _tick(page, 1)
        page.get_by_role("button", name="Make this my path").click()
        violations = axe_violations(page, within=CONTENT)
        assert not violations, f"{PATH_PAGE} ({scheme}):\n" + "\n".join(violations)
        open_page(page, site_url + STEPS[1])
        expect(page.locator("nav[data-mrp-path-next]")).to_be_visible()
        violations = axe_violations(page, within=CONTENT)
        assert not violations, f"{STEPS[1]} with the next link ({scheme}):\n" + "\n".join(violations)
        open_page(page, site_url + "paths/")
        violations = axe_violations(page, within=CONTENT)
        assert not violations, f"paths/ ({scheme}):\n" + "\n".join(violations)
        watch.assert_clean("axe")


def test_a_printed_path_is_a_reading_plan_with_empty_boxes(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        _tick(page, 1)
        page.emulate_media(media="print")
        expect(page.locator("[data-mrp-path-actions]")).to_be_hidden()
        expect(page.locator("[data-mrp-path-progress]")).to_be_hidden()
        box = page.locator(f"#read-{PATH.id}-1")
        assert box.evaluate("el => getComputedStyle(el).appearance") == "none"
        assert page.locator("#step-1").evaluate("el => getComputedStyle(el).breakInside") == "avoid"
        watch.assert_clean("print")


def test_make_this_my_path_says_whether_it_is_pressed(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PATH_PAGE)
        choose = page.locator("[data-mrp-path-choose]")
        expect(choose).to_have_attribute("aria-pressed", "false")
        choose.click()
        expect(choose).to_have_attribute("aria-pressed", "true")
        reload(page)
        expect(choose).to_have_attribute("aria-pressed", "true")
        choose.click()
        expect(choose).to_have_attribute("aria-pressed", "false")
        watch.assert_clean("aria-pressed")


def test_without_javascript_the_path_button_is_hidden(browser, site_url):
    with watched_page(browser, site_url, java_script_enabled=False) as (page, _watch):
        page.goto(site_url + PATH_PAGE)
        expect(page.locator(f"#read-{PATH.id}-1")).to_be_attached()
        expect(page.locator("[data-mrp-path-choose]")).to_be_hidden()
        expect(page.locator("[data-mrp-path-actions]")).to_be_hidden()


def test_two_tabs_on_a_path_keep_and_show_each_others_ticks(browser, site_url):
    with watched_page(browser, site_url) as (first, watch):
        open_page(first, site_url + PATH_PAGE)
        second = first.context.new_page()
        open_page(second, site_url + PATH_PAGE)
        _tick(first, 1)
        expect(second.locator(f"#read-{PATH.id}-1")).to_be_checked()
        _tick(second, 2)
        expect(first.locator(f"#read-{PATH.id}-2")).to_be_checked()
        second.get_by_role("button", name="Make this my path").click()
        expect(first.locator("[data-mrp-path-choose]")).to_have_attribute("aria-pressed", "true")
        _tick(first, 3)
        stored = stored_record(first, KEY)
        assert sorted(stored["read"][PATH.id]) == sorted(PATH.steps[n - 1].page for n in (1, 2, 3))
        assert stored["chosen"] == PATH.id
        watch.assert_clean("two tabs on a path")
