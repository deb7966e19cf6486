"""A strict build of the real site in a temporary folder, and assertions on the HTML it produces."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from macros.reading_time import reading_minutes
from scripts.project import version
from tests.support import site


class _ResourceCollector(HTMLParser):
    """URLs the browser would fetch by itself while loading the page (not links a reader clicks)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "link" and attributes.get("href") and attributes.get("rel") not in {"canonical", "alternate"}:
            self.urls.append(attributes["href"])


def _html(built_site, page: str) -> str:
    return (built_site / page / "index.html").read_text(encoding="utf-8")


def test_every_page_in_the_nav_is_built(built_site):
    assert {"", "how-to-use/"} <= set(site.pages(built_site))
    assert (built_site / "404.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = []
    for page in [*site.pages(built_site), "404.html"]:
        path = built_site / page / "index.html" if not page.endswith(".html") else built_site / page
        collector = _ResourceCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        offenders += [f"{page}: {url}" for url in collector.urls if urlsplit(url).netloc]
    assert offenders == []


def test_no_web_fonts_and_no_analytics(built_site):
    for page in site.pages(built_site):
        html = _html(built_site, page)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        assert "googletagmanager" not in html and "__md_analytics" not in html


def test_footer_names_the_playbook_version_from_pyproject(built_site):
    html = _html(built_site, "")
    assert f'<span class="mrp-version">v{version()}</span>' in html


def test_reading_time_is_computed_from_the_page(built_site):
    # A page without macros, so that its source is the text the reader gets.
    source = (site.ROOT / "docs" / "reference" / "make-it-yours.md").read_text(encoding="utf-8")
    assert not source.startswith("---"), "the page must have no front matter, so no macros"
    html = _html(built_site, "reference/make-it-yours/")
    shown = re.search(r"(\d+) min read", html)
    assert shown, "no reading time on make-it-yours"
    assert int(shown.group(1)) == reading_minutes(source)


def test_material_storage_helpers_are_the_guarded_ones(built_site):
    html = _html(built_site, "")
    assert "__md_get = (key, storage, scope = __md_scope) => {\n  try {" in html
    assert "__md_shapes" in html
    assert "JSON.parse(_.getItem(" not in html


def test_repository_link_does_not_fetch_facts_from_the_code_host(built_site):
    html = _html(built_site, "")
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html


def test_every_checklist_on_the_scoring_sheet_is_a_real_table(built_site):
    """Markdown must not swallow a sheet's table into a paragraph (it then prints as running text)."""
    html = _html(built_site, "assess/scoring-sheet")
    tables = re.findall(r'<table class="mrp-scoring-sheet__table" id="sheet-table-([a-z-]+)"', html)
    headings = re.findall(r'<h2 id="sheet-([a-z-]+)"', html)
    assert tables and tables == [heading for heading in headings if heading != "verdict"]
    assert not re.search(r"<p[^>]*>(?:(?!</p>).)*<table", html, re.DOTALL), "a table sits inside a <p>"


class _NavLinks(HTMLParser):
    """The pages the sidebar's navigation links to (links within the page left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        href = attributes.get("href") or ""
        if tag == "a" and "md-nav__link" in (attributes.get("class") or "").split() and not href.startswith("#"):
            self.hrefs.append(href)


def test_a_reader_can_reach_every_page_through_the_navigation_from_the_home_page(built_site):
    """However much of the navigation a page draws, following its links from the home page reaches every
    page in the nav."""
    reached, queue = {""}, [""]
    while queue:
        page = queue.pop()
        links = _NavLinks()
        links.feed(_html(built_site, page))
        for href in links.hrefs:
            target = urlsplit(href).path
            resolved = posixpath.normpath(posixpath.join("/" + page, target)).lstrip("/")
            resolved = "" if resolved in {"", "."} else resolved.rstrip("/") + "/"
            if resolved not in reached:
                reached.add(resolved)
                queue.append(resolved)
    assert set(site.nav_pages()) - reached == set()
