"""The layout check can fail: a page made too wide and a diagram squeezed small are both caught.

The check itself runs on every page in tests/test_browser.py (tests/support/layout.py).
"""

from __future__ import annotations

import pytest

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
