"""Layout on real screens: nothing scrolls sideways on a phone, and diagram text stays readable.

One browser page per width walks every page of the site, so the whole check costs one pass.
"""

from __future__ import annotations

import pytest

from tests.support import site
from tests.support.browser import watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NARROWEST = 320
WIDTHS = [NARROWEST, 390, 768, 1280]
MIN_DIAGRAM_TEXT_PX = 12

# What sticks out past the right edge of the viewport, to name the culprit in a failure.
OVERFLOW = """() => {
  const root = document.documentElement
  if (root.scrollWidth <= root.clientWidth) return null
  const culprits = []
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect()
    if (box.width && box.right > root.clientWidth + 1 && !element.closest("[data-mrp-scroll], .md-sidebar")) {
      const name = element.tagName.toLowerCase() + "." + [...element.classList].join(".")
      culprits.push(`${name} (right ${Math.round(box.right)})`)
    }
  }
  return { width: root.scrollWidth, culprits: culprits.slice(0, 5) }
}"""

# The size each diagram's text is drawn at on screen: its font size times the SVG's scale.
DIAGRAM_TEXT = """() => [...document.querySelectorAll(".md-typeset svg text")]
  .filter(text => text.getClientRects().length)
  .map(text => {
    const scale = Math.hypot(text.getScreenCTM().a, text.getScreenCTM().b)
    return { px: parseFloat(getComputedStyle(text).fontSize) * scale, text: text.textContent.trim().slice(0, 40) }
  })"""


def _pages() -> list[str]:
    return site.nav_pages()


def _walk(browser, site_url, width, check) -> dict[str, object]:
    """Open every page at `width` in one tab; `check(page)` returns a problem or None."""
    problems = {}
    with watched_page(browser, site_url, viewport={"width": width, "height": 800}) as (page, watch):
        for path in _pages():
            page.goto(site_url + path, wait_until="load")
            page.locator("h1").first.wait_for()
            problem = check(page)
            if problem:
                problems[path or "home"] = problem
        watch.assert_clean(f"pages at {width} px")
    return problems


def test_no_page_scrolls_sideways_on_the_narrowest_phone(browser, site_url):
    problems = _walk(browser, site_url, NARROWEST, lambda page: page.evaluate(OVERFLOW))
    assert not problems, f"pages wider than {NARROWEST} px: {problems}"


@pytest.mark.parametrize("width", WIDTHS)
def test_diagram_text_is_never_smaller_than_12_px(browser, site_url, width):
    def small_text(page):
        drawn = page.evaluate(DIAGRAM_TEXT)
        small = [item for item in drawn if item["px"] < MIN_DIAGRAM_TEXT_PX - 0.05]
        return [f"{item['text']!r} at {item['px']:.1f} px" for item in small[:4]] or None

    problems = _walk(browser, site_url, width, small_text)
    assert not problems, f"diagram text below {MIN_DIAGRAM_TEXT_PX} px at {width} px wide: {problems}"


def test_the_checks_see_a_wide_page_and_small_diagram_text(browser, site_url):
    """The checks can fail: a page made too wide and a diagram squeezed small are both caught."""
    with watched_page(browser, site_url, viewport={"width": NARROWEST, "height": 800}) as (page, _):
        page.goto(site_url + "teams/before-and-after/", wait_until="load")
        assert page.evaluate(OVERFLOW) is None
        page.evaluate("document.querySelector('.md-typeset p').style.minWidth = '30rem'")
        assert page.evaluate(OVERFLOW)["width"] > NARROWEST
        page.evaluate("document.querySelector('.mrp-diagram svg').style.cssText = 'width: 120px'")
        assert min(item["px"] for item in page.evaluate(DIAGRAM_TEXT)) < MIN_DIAGRAM_TEXT_PX
