"""The layout check can fail: a page made too wide and a diagram squeezed small are both caught.

The check itself runs on every page in tests/test_browser.py (tests/support/layout.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import open_page, watched_page
from tests.support.layout import DIAGRAM_TEXT, NARROWEST, OVERFLOW, WIDTHS, layout_problems, small_diagram_text

pytestmark = [pytest.mark.browser]


def test_the_checks_see_a_wide_page_and_small_diagram_text(browser, site_url):
    with watched_page(browser, site_url, viewport={"width": NARROWEST, "height": 800}) as (page, _):
        page.goto(site_url + "teams/before-and-after/", wait_until="load")
        assert page.evaluate(OVERFLOW) is None
        page.evaluate("document.querySelector('.md-typeset p').style.minWidth = '30rem'")
        assert page.evaluate(OVERFLOW)["width"] > NARROWEST
        assert not small_diagram_text(page.evaluate(DIAGRAM_TEXT))
        page.evaluate("document.querySelector('.mrp-diagram svg').style.cssText = 'width: 120px'")
        assert small_diagram_text(page.evaluate(DIAGRAM_TEXT))


def test_a_page_opened_wide_and_resized_is_judged_at_each_width(browser, site_url):
    """The walk in test_browser.py resizes pages it opened at desktop width: the problems still show."""
    with watched_page(browser, site_url) as (page, _):
        open_page(page, site_url + "teams/before-and-after/")
        assert layout_problems(page) == []
        page.evaluate("document.querySelector('.md-typeset p').style.minWidth = '30rem'")
        # Squeezed to 120 px, the diagram's text is too small at every width it is measured at.
        page.evaluate("document.querySelector('.mrp-diagram svg').style.cssText = 'width: 120px'")
        problems = layout_problems(page)
        assert problems[0].startswith(f"wider than {NARROWEST} px")
        assert [problem.split(" wide:")[0] for problem in problems[1:]] == [
            f"diagram text below 12 px at {width} px" for width in WIDTHS
        ]


# ---- Phones and typography ----

# Words of four letters or more, in the given elements, that the browser set over more than one line.
SPLIT_WORDS = """selector => {
  const split = []
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[A-Za-z]{4,}/g)) {
        const range = document.createRange()
        range.setStart(node, match.index)
        range.setEnd(node, match.index + match[0].length)
        const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)))
        if (lines.size > 1) split.push(match[0])
      }
    }
  }
  return split
}"""


@pytest.mark.parametrize("width", [NARROWEST, 390])
def test_no_word_in_the_reading_paths_or_the_matrix_is_split_across_lines(browser, site_url, width):
    with watched_page(browser, site_url, viewport={"width": width, "height": 800}) as (page, watch):
        for path, selector in [
            ("paths/", ".mrp-paths-overview tbody"),
            ("teams/roles/", ".mrp-matrix__table, .mrp-role-card"),
            ("", ".mrp-routes"),
        ]:
            open_page(page, site_url + path)
            assert page.locator(selector).count()
            assert page.evaluate(SPLIT_WORDS, selector) == [], f"{path or 'home'} at {width} px"
        watch.assert_clean("split words")


def test_the_reading_paths_are_cards(browser, site_url):
    with watched_page(browser, site_url, viewport={"width": 1280, "height": 900}) as (page, watch):
        open_page(page, site_url + "paths/")
        rows = page.locator(".mrp-paths-overview tbody tr")
        tops = rows.evaluate_all("rows => rows.map(r => Math.round(r.getBoundingClientRect().top))")
        assert len(set(tops)) < len(tops), "several path cards share a row on a desktop"
        assert page.locator(".mrp-paths-overview thead").bounding_box()["width"] <= 1, "the header row is hidden"
        # The table keeps its header cells for screen readers.
        expect(page.get_by_role("columnheader", name="Reading time")).to_have_count(1)
        watch.assert_clean("path cards")


def test_the_lifecycle_loop_fits_the_narrowest_phone(browser, site_url):
    with watched_page(browser, site_url, viewport={"width": NARROWEST, "height": 800}) as (page, watch):
        open_page(page, site_url + "what-is-mlops/lifecycle/")
        box = page.locator("#diagram-lifecycle .mrp-scroll")
        assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), "the loop scrolls sideways"
        last = page.locator("#diagram-lifecycle svg text").filter(has_text="11.")
        assert last.evaluate("e => e.getBoundingClientRect().right") <= NARROWEST
        watch.assert_clean("lifecycle at 320 px")


def test_headings_terms_and_the_glossary_read_at_a_glance(browser, site_url):
    with watched_page(browser, site_url, viewport={"width": 390, "height": 800}) as (page, watch):
        open_page(page, site_url + "reference/glossary/")
        letters = page.locator("nav.mrp-az a")
        assert letters.count() >= 10
        for index in range(letters.count()):
            target = "#" + letters.nth(index).get_attribute("href").split("#", 1)[1]
            assert page.locator(target).count() == 1, target
            initial = letters.nth(index).inner_text()
            first_term = page.locator(f"{target} + dl.mrp-glossary dt").first.inner_text()
            assert first_term[:1].upper() == initial or initial == "#"
        term = page.locator("dl.mrp-glossary dt").first
        definition = page.locator("dl.mrp-glossary dd").first
        assert int(term.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
        assert int(definition.evaluate("e => getComputedStyle(e).fontWeight")) < 700
        letters.filter(has_text="M").click()
        page.wait_for_function("location.hash === '#glossary-m'")
        watch.assert_clean("glossary")

        open_page(page, site_url + "people-and-process/")
        h2 = page.locator(".md-content h2").first
        h3 = page.locator(".md-content h3").first
        sizes = [locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") for locator in (h2, h3)]
        assert sizes[0] >= sizes[1] * 1.25, f"H2 {sizes[0]} px against H3 {sizes[1]} px"
        assert int(h3.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
        watch.assert_clean("headings")


# The heading's own text ends on its last line: no line below it holds only the hidden permalink.
EMPTY_LAST_LINE = """() => [...document.querySelectorAll(".md-content h2")].filter(heading => {
  const range = document.createRange()
  range.selectNodeContents(heading)
  const link = heading.querySelector(".headerlink")
  if (link) range.setEndBefore(link)
  const rects = [...range.getClientRects()]
  const textBottom = Math.max(...rects.map(rect => rect.bottom))
  const style = getComputedStyle(heading)
  const contentBottom = heading.getBoundingClientRect().bottom - parseFloat(style.paddingBottom)
  return contentBottom - textBottom > parseFloat(style.lineHeight) / 2
}).map(heading => heading.textContent.trim())"""


@pytest.mark.parametrize("width", [NARROWEST, 390, 1280])
def test_a_long_heading_leaves_no_line_for_its_permalink(browser, site_url, width):
    with watched_page(browser, site_url, viewport={"width": width, "height": 800}) as (page, watch):
        for path in ["why-mlops/", "teams/roles/", "people-and-process/", "when-to-adopt/"]:
            open_page(page, site_url + path)
            assert page.evaluate(EMPTY_LAST_LINE) == [], f"{path} at {width} px"
        watch.assert_clean("permalinks")


def test_the_home_page_has_a_title_block_icons_and_aligned_calls_to_action(browser, site_url):
    with watched_page(browser, site_url, viewport={"width": 1280, "height": 900}) as (page, watch):
        open_page(page, site_url)
        expect(page.locator("h1.mrp-hero__title")).to_contain_text("Are we ready for MLOps?")
        expect(page.locator("h1.mrp-hero__title + p.mrp-hero__lead")).to_be_visible()
        icons = page.locator(".mrp-routes .mrp-routes__icon svg")
        expect(icons).to_have_count(3)
        buttons = page.locator(".mrp-routes .md-button")
        expect(buttons).to_have_count(3)
        tops = buttons.evaluate_all("links => links.map(l => Math.round(l.getBoundingClientRect().top))")
        assert len(set(tops)) == 1, f"the calls to action line up: {tops}"
        watch.assert_clean("home")
