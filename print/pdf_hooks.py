"""MkDocs hooks for the PDF build only (listed under `hooks:` in mkdocs-pdf.yml).

mkdocs-to-pdf joins every page into one HTML document, numbers its headings, writes the contents and
hands the result to WeasyPrint. Several steps of that have no plugin option, so this module replaces
or wraps three of the plugin's functions:

- Before the headings are numbered (`make_indexes`): Material's main stylesheet gives way to its
  colour variables alone (print.css and print/styles.scss set everything the book shows, and
  cascading Material's screen layout over every element of the book costs about a tenth of the
  build); the document gets its language and title; each diagram's ids and the `url(#…)` references
  that draw its arrowheads agree again after the plugin renamed the ids, and its labels take the
  book's face; a
  section whose index page repeats the section's title loses that repeated heading (the chapter
  heading stands for it); the responsibility matrix's stage names are wrapped so that print styles
  can turn them upright; the reference pages become unnumbered back matter; links to pages left out
  of the book (`exclude_pages`) point at those pages on the website instead.
- When WeasyPrint writes the file (`HTML`): the PDF is tagged and marked as PDF/UA-1, so screen
  readers get the structure, reading order, language and title. Tagging asks pydyf for the list of
  page references once per tagged box, and pydyf rebuilds that list on every call (about 35,000
  times for this book); `_cache_page_references` keeps the list until a page is added, which takes
  a few seconds off the build and changes nothing in the file.
- When a page of the website is written (`inject_link`): the page stays as MkDocs built it. The plugin
  would add a PDF button of its own to Material's header, without a text alternative, on the published
  site only, and parse every page twice more to do it (a few seconds of the build). The footer's
  "Download this version as a PDF" link and a `<link rel="alternate">` in the head (overrides/main.html)
  offer the PDF instead.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pydyf
import tinycss2
import weasyprint
from mkdocs_to_pdf import generator
from mkdocs_to_pdf.themes import material as material_theme

PDF_VARIANT = "pdf/ua-1"
# The reference section's pages, printed after the chapters without chapter numbers.
BACK_MATTER_SECTION = "reference/"

_settings: dict[str, object] = {}


def on_config(config):
    """Keep what the wrappers need from the configuration, then wrap the plugin once."""
    plugin = config["plugins"]["to-pdf"].config
    _settings.update(
        language=config["theme"]["language"] or "en",
        title=plugin["cover_title"] or config["site_name"],
        site_url=config["site_url"] or "",
        excluded=[pattern.lstrip("^") for pattern in plugin["exclude_pages"]],
    )
    if not getattr(generator.make_indexes, "wrapped_for_the_book", False):
        generator.make_indexes = _before_numbering(generator.make_indexes)
        generator.HTML = _TaggedHTML
        material_theme.inject_link = _page_as_built
    _cache_page_references()
    return config


def _page_as_built(html: str, *_link_and_page) -> str:
    return html


def _cache_page_references() -> None:
    """pydyf.PDF.page_references, computed once per page count instead of on every call."""
    compute = pydyf.PDF.page_references
    if getattr(compute.fget, "cached_for_the_book", False):
        return

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_book_page_references")
        if cached is None or cached[0] != count:
            cached = pdf.__dict__["_book_page_references"] = (count, compute.fget(pdf))
        return cached[1]

    cached_property = property(page_references, doc=compute.__doc__)
    cached_property.fget.cached_for_the_book = True
    pydyf.PDF.page_references = cached_property


def _before_numbering(make_indexes):
    @functools.wraps(make_indexes)
    def wrapper(soup, options):
        _keep_only_material_variables(soup)
        _set_language_and_title(soup)
        _repair_diagram_references(soup)
        _link_excluded_pages_to_the_website(soup)
        _drop_repeated_index_titles(soup)
        _rotate_matrix_headers(soup)
        back_matter = _promote_back_matter(soup)
        make_indexes(soup, options)
        _unnumber_back_matter(soup, back_matter)

    wrapper.wrapped_for_the_book = True
    return wrapper


MATERIAL_STYLESHEET = re.compile(r"/assets/stylesheets/main\.[0-9a-f]+\.min\.css$")


def _keep_only_material_variables(soup) -> None:
    """Replace the link to Material's main stylesheet by its custom properties (colours, shadows)."""
    link = next(
        (
            tag
            for tag in soup.head.find_all("link", rel="stylesheet")
            if MATERIAL_STYLESHEET.search(tag.get("href", ""))
        ),
        None,
    )
    if link is None:
        return
    url = urlparse(link["href"])
    if url.scheme != "file":
        return
    css = Path(unquote(url.path)).read_text(encoding="utf-8")
    style = soup.new_tag("style")
    style.string = material_variables(css)
    link.replace_with(style)


def material_variables(css: str) -> str:
    """The custom properties Material declares for the light scheme, as one `:root` rule."""
    declarations = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selectors = {part.strip() for part in tinycss2.serialize(rule.prelude).split(",")}
        if not selectors & {":root", "[data-md-color-scheme=default]"}:
            continue
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type == "declaration" and declaration.name.startswith("--"):
                value = tinycss2.serialize(declaration.value).strip()
                # Icons are masks WeasyPrint paints as solid squares; the book hides them anyway.
                if "url(" not in value:
                    declarations.append(f"{declaration.name}:{value}")
    return ":root{" + ";".join(declarations) + "}"


# The plugin prefixes every id with its page ("teams/:diagram-x-head"), but an SVG's `url(#…)`
# references keep the bare id, so WeasyPrint found no marker and drew no arrowhead.
SVG_REFERENCE = re.compile(r"url\(#([^)]+)\)")
UNSAFE_ID_CHARACTERS = re.compile(r"[^A-Za-z0-9_-]+")
SVG_ID_LISTS = ("aria-labelledby", "aria-describedby")
# Diagrams are set in the book's face: their labels are wrapped for it (macros/teams/shapes.py), and
# `font-family="inherit"` reaches WeasyPrint's SVG renderer as its default sans-serif, which is wider.
DIAGRAM_FACE = "Charis SIL, DejaVu Serif, serif"


def _repair_diagram_references(soup) -> None:
    """Give each inline SVG's ids a plain, book-wide unique form and point its references at them."""
    for svg in soup.find_all("svg"):
        renamed = {}
        for element in svg.find_all(id=True):
            page_id = element["id"]
            renamed[page_id.rpartition(":")[2]] = element["id"] = UNSAFE_ID_CHARACTERS.sub("-", page_id)

        def point_at_renamed(found, renamed=renamed):
            return f"url(#{renamed.get(found[1], found[1])})"

        for element in (svg, *svg.find_all(True)):
            for name, value in list(element.attrs.items()):
                if isinstance(value, str) and "url(#" in value:
                    element[name] = SVG_REFERENCE.sub(point_at_renamed, value)
            for name in SVG_ID_LISTS:
                if name in element.attrs:
                    element[name] = " ".join(renamed.get(token, token) for token in element[name].split())
        if svg.get("font-family", "inherit") == "inherit":
            svg["font-family"] = DIAGRAM_FACE


def _set_language_and_title(soup) -> None:
    soup.html["lang"] = _settings["language"]
    head = soup.head
    title = head.find("title")
    if title is None:
        title = soup.new_tag("title")
        head.insert(0, title)
    title.string = str(_settings["title"])


def _link_excluded_pages_to_the_website(soup) -> None:
    site_url = str(_settings["site_url"])
    for link in soup.find_all("a", href=True):
        href = link["href"]
        for page in _settings["excluded"]:
            if href.startswith(f"#{page}:"):
                anchor = href[len(page) + 2 :]
                link["href"] = f"{site_url}{page}" + (f"#{anchor}" if anchor else "")
                break


def _text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).strip().casefold()


def _drop_repeated_index_titles(soup) -> None:
    """'4. What MLOps is' followed by '4.1 What MLOps is': keep the chapter heading only."""
    for article in soup.body.find_all("article", recursive=False):
        chapter = article.find("h1", recursive=False)
        section = chapter.find_next_sibling() if chapter else None
        if section is None or section.name != "section":
            continue
        heading = section.find("h2")
        if heading is not None and _text(heading) == _text(chapter):
            # Keep the heading's anchor for links that point at it.
            anchor = soup.new_tag("span", id=heading.get("id")) if heading.get("id") else None
            if anchor is not None:
                heading.replace_with(anchor)
            else:
                heading.decompose()


def _rotate_matrix_headers(soup) -> None:
    """Eleven stages fit beside the roles on a portrait page when their names run upwards.

    print/styles.scss turns `.mrp-rotated` a quarter; the cell itself cannot be turned.
    """
    for header in soup.select("table.mrp-matrix__table thead th[data-mrp-stage]"):
        label = soup.new_tag("span", attrs={"class": "mrp-rotated"})
        for child in list(header.contents):
            label.append(child.extract())
        header.append(label)


def _promote_back_matter(soup) -> list:
    """Turn the reference section's pages into chapters of their own, after the numbered chapters."""
    # A section's article id is an encoded path, so find the section by the pages it holds.
    section_article = next(
        (
            article
            for article in soup.body.find_all("article", recursive=False)
            if (first := article.find("section", recursive=False)) is not None
            and first.get("data-url", "").startswith(f"/{BACK_MATTER_SECTION}")
        ),
        None,
    )
    if section_article is None:
        return []
    promoted = []
    anchors = [tag.get("id") for tag in (section_article, section_article.find("h1", recursive=False)) if tag]
    place = section_article
    for page in section_article.find_all("section", recursive=False):
        page.extract()
        page.name = "article"
        page["class"] = [*page.get("class", []), "mrp-backmatter"]
        for level in range(2, 8):
            for heading in page.find_all(f"h{level}"):
                heading.name = f"h{level - 1}"
        place.insert_after(page)
        place = page
        promoted.append(page)
    # Links to the section itself land on its first page.
    if promoted:
        for anchor in filter(None, anchors):
            promoted[0].insert(0, soup.new_tag("span", id=anchor))
    section_article.decompose()
    return promoted


def _unnumber_back_matter(soup, back_matter) -> None:
    for article in back_matter:
        for number in article.select(".pdf-order"):
            number.decompose()
        heading = article.find("h1")
        if heading is None or not heading.get("id"):
            continue
        toc = soup.find("article", id="doc-toc")
        link = toc.find("a", href=f"#{heading['id']}") if toc else None
        if link is not None:
            for number in link.select(".pdf-order"):
                number.decompose()
            entry = link.parent
            entry["class"] = [*entry.get("class", []), "mrp-backmatter"]
            # The back matter lists its own entries (every source, every term): the contents name the page.
            for nested in entry.find_all("ul"):
                nested.decompose()


class _TaggedHTML(weasyprint.HTML):
    """WeasyPrint's HTML, written as tagged PDF/UA-1 (the plugin offers no option for it)."""

    def render(self, *args, **kwargs):
        document = super().render(*args, **kwargs)
        document.write_pdf = functools.partial(document.write_pdf, pdf_variant=PDF_VARIANT)
        return document
