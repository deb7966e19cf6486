"""Layout on real screens: nothing scrolls sideways on a phone, and diagram text stays readable.

One browser tab walks every page of the site once and measures it at each width in turn, so the
whole check costs one page load per page.
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


@pytest.fixture(scope="module")
def layout_problems(browser, site_url) -> dict[str, dict[str, object]]:
    """Walk every page once: load it at the narrowest width, then widen the same tab step by step.

    Returns the problems found, keyed by check ("overflow" or the width) and then by page.
    """
    problems: dict[str, dict[str, object]] = {"overflow": {}, **{str(width): {} for width in WIDTHS}}
    with watched_page(browser, site_url, viewport={"width": NARROWEST, "height": 800}) as (page, watch):
        for path in site.nav_pages():
            page.set_viewport_size({"width": NARROWEST, "height": 800})
            page.goto(site_url + path, wait_until="load")
            page.locator("h1").first.wait_for()
            name = path or "home"
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                problems["overflow"][name] = overflow
            # Pages without diagram text have nothing to measure at any width (the DOM is the same at each).
            if not page.locator(".md-typeset svg text").count():
                continue
            for width in WIDTHS:
                # Evaluating forces a layout at the new size, so the measurements below see it.
                page.set_viewport_size({"width": width, "height": 800})
                small = _small_diagram_text(page.evaluate(DIAGRAM_TEXT))
                if small:
                    problems[str(width)][name] = small
        watch.assert_clean("every page at every width")
    return problems


def _small_diagram_text(drawn: list[dict]) -> list[str]:
    small = [item for item in drawn if item["px"] < MIN_DIAGRAM_TEXT_PX - 0.05]
    return [f"{item['text']!r} at {item['px']:.1f} px" for item in small[:4]]


def test_no_page_scrolls_sideways_on_the_narrowest_phone(layout_problems):
    problems = layout_problems["overflow"]
    assert not problems, f"pages wider than {NARROWEST} px: {problems}"


@pytest.mark.parametrize("width", WIDTHS)
def test_diagram_text_is_never_smaller_than_12_px(layout_problems, width):
    problems = layout_problems[str(width)]
    assert not problems, f"diagram text below {MIN_DIAGRAM_TEXT_PX} px at {width} px wide: {problems}"


def test_the_checks_see_a_wide_page_and_small_diagram_text(browser, site_url):
    """The checks can fail: a page made too wide and a diagram squeezed small are both caught."""
    with watched_page(browser, site_url, viewport={"width": NARROWEST, "height": 800}) as (page, _):
        page.goto(site_url + "teams/before-and-after/", wait_until="load")
        assert page.evaluate(OVERFLOW) is None
        page.evaluate("document.querySelector('.md-typeset p').style.minWidth = '30rem'")
        assert page.evaluate(OVERFLOW)["width"] > NARROWEST
        assert not _small_diagram_text(page.evaluate(DIAGRAM_TEXT))
        page.evaluate("document.querySelector('.mrp-diagram svg').style.cssText = 'width: 120px'")
        assert _small_diagram_text(page.evaluate(DIAGRAM_TEXT))
