"""Cross-references in the book: right page numbers from as few page layouts as WeasyPrint allows.

print/pdf_hooks.py files each `target-counter()` under the anchor it points to, and writes the number
of a reference set in a box of fixed width into that box once every page is laid out. These tests
render a four-page document in WeasyPrint, with and without those changes, and count how often each
page is laid out (WeasyPrint logs every layout of a page); counts, not timings, so they hold on a busy
machine.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections import Counter

import pytest
import weasyprint
from weasyprint.css import targets

from tests.support.site import ROOT

# Page 1 points forward; page 2 points back at its own heading; page 3 points back, and forward to a
# paragraph on the same page; page 4 points back only.
DOCUMENT = """<style>
a::after { content: " p" target-counter(attr(href url), page) }
h1 { break-before: page }
</style>
<p><a href="#b">to b</a> <a href="#c">to c</a></p>
<h1 id="a">A</h1><p><a href="#a">same page a</a></p>
<h1 id="b">B</h1><p><a href="#a">back to a</a> <a href="#d">on to d</a></p><p id="d">D</p>
<h1 id="c">C</h1><p><a href="#b">back to b</a></p>
"""
# The book's way: each number in a box of its own, one line of a fixed width.
FIXED_WIDTH = "a::after { display: inline-block; width: 3em; white-space: nowrap }"
EXPECTED_PAGES = [
    ["to b p3", "to c p4"],
    ["same page a p2"],
    ["back to a p2", "on to d p3"],
    ["back to b p3"],
]


def _load_hooks():
    spec = importlib.util.spec_from_file_location("book_pdf_hooks", ROOT / "print" / "pdf_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _links_per_page(document) -> list[list[str]]:
    """Each page's links as "<link text> p<number>"; a link's text and its number are separate boxes."""

    def texts(box):
        if getattr(box, "text", None) is not None:
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    pages = []
    for page in document.pages:
        boxes = "|".join(texts(page._page_box))
        pages.append([f"{text} p{number}" for text, number in re.findall(r"([a-z][a-z ]*)\| ?p(\d+)", boxes)])
    return pages


def _render_counting_layouts(extra_style: str = ""):
    layouts: Counter[int] = Counter()

    class CountLayouts(logging.Handler):
        def emit(self, record):
            found = re.fullmatch(r"Step 5 - Creating layout - Page (\d+)", record.getMessage())
            if found:
                layouts[int(found.group(1))] += 1

    logger = logging.getLogger("weasyprint.progress")
    handler, level = CountLayouts(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        document = weasyprint.HTML(string=DOCUMENT.replace("</style>", f"{extra_style}</style>")).render()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return document, layouts


@pytest.fixture
def weasyprint_as_released(monkeypatch):
    """WeasyPrint's own target collector, whatever an earlier test patched."""
    monkeypatch.setattr(targets.TargetCollector, "check_pending_targets", _ORIGINAL_CHECK)
    monkeypatch.setattr(targets.TargetCollector, "cache_target_page_counters", _ORIGINAL_CACHE)
    monkeypatch.setattr(weasyprint.document, "layout_document", _ORIGINAL_LAYOUT)


@pytest.fixture
def weasyprint_as_the_book_uses_it(weasyprint_as_released):
    _load_hooks()._settle_page_references()


_ORIGINAL_CHECK = targets.TargetCollector.check_pending_targets
_ORIGINAL_CACHE = targets.TargetCollector.cache_target_page_counters
_ORIGINAL_LAYOUT = weasyprint.document.layout_document


@pytest.mark.parametrize("style", ["", FIXED_WIDTH], ids=["inline", "fixed width"])
def test_the_book_prints_the_same_numbers_as_weasyprint(weasyprint_as_released, style):
    released, _ = _render_counting_layouts(style)
    assert _links_per_page(released) == EXPECTED_PAGES
    _load_hooks()._settle_page_references()
    settled, _ = _render_counting_layouts(style)
    assert _links_per_page(settled) == EXPECTED_PAGES


def test_only_pages_whose_numbers_changed_are_laid_out_again(weasyprint_as_the_book_uses_it):
    _, layouts = _render_counting_layouts()
    # Page 1 and 3 point forward, page 2 at its own page: each is laid out twice. Page 4 points back
    # only, so its numbers are known before it is laid out, once.
    assert layouts == {1: 2, 2: 2, 3: 2, 4: 1}


def test_numbers_in_boxes_of_fixed_width_are_written_in_without_laying_pages_out_again(
    weasyprint_as_the_book_uses_it,
):
    _, layouts = _render_counting_layouts(FIXED_WIDTH)
    assert layouts == {1: 1, 2: 1, 3: 1, 4: 1}


def test_weasyprint_alone_still_lays_pages_out_again_and_again(weasyprint_as_released):
    """When this fails, WeasyPrint has fixed its reference lookup: drop _settle_page_references."""
    _, layouts = _render_counting_layouts()
    assert sum(layouts.values()) > 4 + 3, layouts
