"""MkDocs hooks for the PDF build only (listed under `hooks:` in mkdocs-pdf.yml).

mkdocs-to-pdf joins every page into one HTML document, numbers its headings, writes the contents and
hands the result to WeasyPrint. Several steps of that have no plugin option, so this module replaces
or wraps three of the plugin's functions and a few of WeasyPrint's and pydyf's:

- Before the headings are numbered (`make_indexes`): each section of the navigation gets its title as
  a heading above its pages, whose headings move down a level (the plugin's `heading_shift`, turned
  off in mkdocs-pdf.yml because it searched the section from the top for every heading it moved);
  Material's main stylesheet gives way to its colour variables alone (print.css and
  print/styles.scss set everything the book shows, and cascading Material's screen layout over every
  element of the book costs about a tenth of the build); the document gets its language and title;
  each diagram's ids and the `url(#…)` references that draw its arrowheads agree again after the
  plugin renamed the ids, and its labels take the book's face; a section whose index page repeats the
  section's title loses that repeated heading (the chapter heading stands for it); the responsibility
  matrix's stage names are wrapped so that print styles can turn them upright; the reference pages
  become unnumbered back matter; links to pages left out of the book (`exclude_pages`) point at those
  pages on the website instead.
- After the headings are numbered: the back matter loses its numbers; each chapter's number is set
  apart above its title; the glossary falls into letter groups; an index of the glossary terms and the
  key concepts (print/index-concepts.yml) is built from anchors placed where each chapter explains
  them, and joins the contents; each contents entry's last word is tied to its leader dots.
- When WeasyPrint writes the file (`HTML`): the PDF is tagged and marked as PDF/UA-1, so screen
  readers get the structure, reading order, language and title, and the build log gives its page
  count (scripts/build_pdf.py reports it). Tagging asks pydyf for the list of
  page references once per tagged box, and pydyf rebuilds that list on every call (about 35,000
  times for this book); `_cache_page_references` keeps the list until a page is added, which takes
  a few seconds off the build and changes nothing in the file.
- While WeasyPrint lays out pages (`TargetCollector`, `layout_document`): a cross-reference's page
  number is filled in as soon as its target's page is known. WeasyPrint 70 files each
  `target-counter()` under no anchor at all and, through the same slip, as a counter of the referring
  page itself, so it lays out every page holding a reference three more times before the numbers
  settle; `_settle_page_references` files each reference under its anchor. A reference that points
  forward prints its number in a box of fixed width, so once every page is laid out its number is
  written into that box, and only the contents pages, whose leader dots make room for their numbers,
  are laid out again: this book takes 328 page layouts instead of 1,062 and prints the same numbers.
- When a page of the website is written (`inject_link`): the page stays as MkDocs built it. The plugin
  would add a PDF button of its own to Material's header, without a text alternative, on the published
  site only, and parse every page twice more to do it (a few seconds of the build). The footer's
  "Download this version as a PDF" link and a `<link rel="alternate">` in the head (overrides/main.html)
  offer the PDF instead.
"""

from __future__ import annotations

import copy
import functools
import logging
import math
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pydyf
import tinycss2
import weasyprint
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Section
from mkdocs_to_pdf import generator
from mkdocs_to_pdf.themes import material as material_theme
from weasyprint import document as weasyprint_document
from weasyprint.css.targets import CounterLookupItem, TargetCollector
from weasyprint.formatting_structure import boxes
from weasyprint.text.line_break import split_first_line

PDF_VARIANT = "pdf/ua-1"
# scripts/build_pdf.py reads the page count from this line of the build log.
PAGE_COUNT_MESSAGE = "The book has %d pages."
log = logging.getLogger("mkdocs.to-pdf")
# The reference section's pages, printed after the chapters without chapter numbers.
BACK_MATTER_SECTION = "reference/"

_settings: dict[str, object] = {}


def on_config(config):
    """Keep what the wrappers need from the configuration, then wrap the plugin once."""
    plugin = config["plugins"]["to-pdf"].config
    _settings.update(
        index_terms=index_terms(root := Path(config["config_file_path"]).parent),
        index_concepts=index_concepts(root),
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
    _settle_page_references()
    return config


def on_nav(nav, **_):
    """Keep the navigation: its sections are the chapters whose headings `_shift_section_headings` moves."""
    _settings["nav"] = nav
    return nav


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


def _settle_page_references() -> None:
    """Make WeasyPrint find each `target-counter()` by its anchor, and fill it in before its page is laid out.

    WeasyPrint 70 keys a reference's missing counters by the unresolved `attr(href)` token, which names
    no anchor (None), and hands the same list on as the box's own page counters. The pages then settle
    only by laying out every referring page again and again. Here each reference is filed under the id
    its link points to once the document's boxes are built; when a target's page becomes known, the
    references not yet laid out take the number at once. A reference already laid out is finished in
    place once every page is laid out (`_fill_in_references`) when its number sits in a box of its own,
    one line of a fixed width, as the book's "(page N)" does: the number cannot move anything else on
    the page. Any other reference (the contents, whose leader dots give way to the number) has its page
    laid out again.
    """
    if getattr(TargetCollector.check_pending_targets, "settled_for_the_book", False):
        return
    check_pending_targets = TargetCollector.check_pending_targets
    weasyprint_document.layout_document = _fill_in_references(weasyprint_document.layout_document)

    def file_references_by_anchor(collector):
        check_pending_targets(collector)
        by_anchor: dict[str, list] = {}
        for (box, token), lookup in collector.counter_lookup_items.items():
            wanted = lookup.missing_target_counters
            if token != "content" or None not in wanted:
                continue
            counters = wanted.pop(None)
            if lookup.missing_counters is counters:
                lookup.missing_counters = []
            href = box.element.get("href", "") if box.element is not None else ""
            if href.startswith("#"):
                wanted[unquote(href[1:])] = counters
                lookup.__class__ = _Reference
                lookup.refreshed_on = None
                lookup.fills_in_place = _keeps_its_size(box)
                by_anchor.setdefault(unquote(href[1:]), []).append(lookup)
        collector.references_by_anchor = by_anchor

    def cache_target_page_counters(collector, anchor, page_counters, page_index, page_maker):
        if collector.collecting:
            return
        target = collector.target_lookup_items.get(anchor)
        if target is None or target.state != "up-to-date":
            return
        target.page_maker_index = page_index
        # Only the page number matters to a reference; the page total is known only after a full pass.
        if _without_total(target.cached_page_counter_values) == _without_total(page_counters):
            return
        target.cached_page_counter_values = copy.deepcopy(page_counters)
        for reference in getattr(collector, "references_by_anchor", {}).get(anchor, ()):
            reference.parse_again(reference.cached_page_counter_values)
            if reference.fills_in_place:
                continue
            if reference.page_maker_index is not None and reference.page_maker_index < len(page_maker):
                page_maker[reference.page_maker_index][-1]["content_changed"] = True
            else:
                # Not laid out in this pass yet, unless it sits on the target's own page, which is
                # laid out already: then that page is redone (see _Reference.pending).
                reference.refreshed_on = page_index

    file_references_by_anchor.settled_for_the_book = True
    TargetCollector.check_pending_targets = file_references_by_anchor
    TargetCollector.cache_target_page_counters = cache_target_page_counters


def _keeps_its_size(box) -> bool:
    """True when a reference's text sits in an inline block of a fixed width, on one line."""
    style = box.style
    return isinstance(box, boxes.InlineBlockBox) and style["width"] != "auto" and style["white_space"] == "nowrap"


def _fill_in_references(layout_document):
    """WeasyPrint's `layout_document`, handing on each page with its references' numbers filled in."""
    if getattr(layout_document, "fills_in_references", False):
        return layout_document

    @functools.wraps(layout_document)
    def wrapper(html, root_box, context, *args, **kwargs):
        lookups = context.target_collector.counter_lookup_items
        for page in layout_document(html, root_box, context, *args, **kwargs):
            for box in page.descendants():
                reference = lookups.get((box.missing_link, "content")) if box.missing_link else None
                if getattr(reference, "fills_in_place", False):
                    _print_current_text(box, context)
            yield page

    wrapper.fills_in_references = True
    return wrapper


def _print_current_text(laid_out, context) -> None:
    """Set the text of a laid-out reference box to its source box's current text (its number now known).

    The box is one line of a fixed width (`_keeps_its_size`), so the text is shaped again in place and
    nothing around it moves."""
    printed = [box for box in laid_out.descendants() if isinstance(box, boxes.TextBox)]
    wanted = "".join(box.text for box in laid_out.missing_link.descendants() if isinstance(box, boxes.TextBox))
    if len(printed) != 1:
        raise PluginError(
            f"a cross-reference to be numbered in place was laid out as {len(printed)} pieces of text; "
            "check its ::after style in print/_book-pages.scss (one line, a fixed width)"
        )
    text = printed[0]
    if text.text == wanted:
        return
    layout, _, _, width, _, _ = split_first_line(wanted, text.style, context, math.inf, text.justification_spacing)
    text.text, text.pango_layout, text.width = layout.text, layout, width


class _Reference(CounterLookupItem):
    """A cross-reference whose number was filled in when its target's page became known.

    WeasyPrint asks `pending` of each reference on the page it has just laid out, and lays that page
    out again when it is True. Only a reference on its target's own page was laid out before its
    number was known; one on a later page already shows the right number.
    """

    refreshed_on: int | None = None
    fills_in_place = False

    @property
    def pending(self) -> bool:
        return (
            self.refreshed_on is not None
            and self.page_maker_index is not None
            and (self.page_maker_index <= self.refreshed_on)
        )

    @pending.setter
    def pending(self, value: bool) -> None:
        if not value:
            self.refreshed_on = None


def _without_total(page_counters: dict) -> dict:
    return {name: value for name, value in page_counters.items() if name != "pages"}


def _before_numbering(make_indexes):
    @functools.wraps(make_indexes)
    def wrapper(soup, options):
        _shift_section_headings(soup)
        _keep_only_material_variables(soup)
        _drop_screen_only(soup)
        _set_language_and_title(soup)
        _repair_diagram_references(soup)
        _link_excluded_pages_to_the_website(soup)
        _drop_repeated_index_titles(soup)
        _rotate_matrix_headers(soup)
        back_matter = _promote_back_matter(soup)
        make_indexes(soup, options)
        _unnumber_back_matter(soup, back_matter)
        _set_chapter_numbers_apart(soup)
        _group_glossary_by_letter(soup)
        _add_index(soup)
        _tie_contents_leaders_to_their_titles(soup)

    wrapper.wrapped_for_the_book = True
    return wrapper


HEADINGS = [f"h{level}" for level in range(1, 8)]


def _shift_section_headings(soup) -> None:
    """Give each section of the navigation its title as a heading one level above its pages' headings.

    This is the plugin's `heading_shift` (turned off in mkdocs-pdf.yml), in one pass over each section
    instead of one search from the top of the section for every heading it moves: a section's pages
    move down a level once for every section that holds them, and each section's own title joins them.
    """
    articles: dict[str, object] = {}
    for tag in soup.body.find_all(["article", "section"], id=True):
        articles.setdefault(tag["id"], tag)  # the outermost, should a page share its section's address

    def shift(item) -> None:
        if not isinstance(item, Section):
            return
        for child in item.children:
            shift(child)
        path = generator.Generator._page_path_for_id(item)
        article = articles.get(f"{path}:")
        if article is None:
            return
        for heading in article.find_all(HEADINGS):
            heading.name = f"h{int(heading.name[1]) + 1}"
        title = soup.new_tag("h1", id=path)
        title.append(BeautifulSoup(str(item.title), "html.parser"))
        article.insert(0, title)

    for item in _settings["nav"]:
        shift(item)


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


def _drop_screen_only(soup) -> None:
    """Leave out what only makes sense on a screen (`.mrp-screen-only`), links included: paper has no use
    for a download button or a link into the browser-only report."""
    for element in soup.select(".mrp-screen-only"):
        element.decompose()


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


def _set_chapter_numbers_apart(soup) -> None:
    """A chapter opens with its number on a line of its own ("Chapter 7" over "Teams"), as a handbook does.

    The plugin writes "7. " before the title; the number loses its full stop, and print/styles.scss sets
    it apart. Bookmarks and running heads read "7 Teams"."""
    for number in soup.select("body > article > h1 > span.pdf-order"):
        number.string = number.get_text().strip().rstrip(".") + " "
        number["class"] = [*number.get("class", []), "mrp-chapter-number"]


def _tie_contents_leaders_to_their_titles(soup) -> None:
    """Wrap the last word of each contents entry with its leader dots (print/_book-pages.scss), so that
    a title that fills its line takes its last word down with the dots instead of leaving them alone."""
    for link in soup.select("article#doc-toc li > a"):
        text = next((node for node in reversed(link.find_all(string=True)) if node.strip()), None)
        if text is None or text.find_parent(class_="pdf-order") is not None:
            continue
        head, _, last = str(text).rstrip().rpartition(" ")
        end = soup.new_tag("span", attrs={"class": "mrp-toc-end"})
        end.string = last
        text.replace_with(end)
        if head:
            end.insert_before(head + " ")


def _initial(term: str) -> str:
    return _sort_key(term)[:1].upper()


def _letter_heading(soup, letter: str):
    heading = soup.new_tag("h2", attrs={"class": "mrp-letter"})
    heading.string = letter
    return heading


def _two_columns(soup, entries: list, make_list):
    """Entries split into two columns of about the same length of text, left then right.

    The book balances the columns here rather than with CSS columns: WeasyPrint lays out a
    multi-column box again, in full, for every page it fills and every try at balancing it, which
    cost several seconds for the glossary and the index alone."""
    sizes = [sum(len(part.get_text()) + 60 for part in parts) for parts in entries]
    half, running, split = sum(sizes) / 2, 0, len(entries)
    for position, size in enumerate(sizes):
        if running + size / 2 > half:
            split = position
            break
        running += size
    row = soup.new_tag("div", attrs={"class": "mrp-two-columns"})
    for chunk in (entries[:split], entries[split:]):
        column = soup.new_tag("div", attrs={"class": "mrp-column"})
        items = make_list()
        for parts in chunk:
            items.extend(parts)
        column.append(items)
        row.append(column)
    return row


def _group_glossary_by_letter(soup) -> None:
    """The glossary in letter groups, each set in two columns."""
    for glossary in soup.select("article.mrp-backmatter dl.mrp-glossary"):
        groups: dict[str, list] = {}
        for term in glossary.find_all("dt", recursive=False):
            definition = term.find_next_sibling("dd")
            groups.setdefault(_initial(term.get_text()), []).append([term.extract(), definition.extract()])
        place = glossary
        for letter, entries in groups.items():
            heading = _letter_heading(soup, letter)
            group = _two_columns(soup, entries, lambda: soup.new_tag("dl", attrs={"class": "mrp-glossary"}))
            place.insert_after(heading)
            heading.insert_after(group)
            place = group
        glossary.decompose()


# ---------------------------------------------------------------- the index

GLOSSARY_FILE = "data/glossary.yml"
CONCEPTS_FILE = "print/index-concepts.yml"
INDEX_ID = "mrp-index:"
# At most this many chapters are named per entry: the index points to where a term is explained.
MOST_LOCATORS = 6
# Text that does not print, or prints elsewhere, never holds an index mark.
UNPRINTED = {
    "mrp-screen-only",
    "mrp-visually-hidden",
    "mrp-diagram__text",
    "mrp-table-alternative",
    "mrp-path__actions",
    "mrp-notice",
    "mrp-item__notes",
}
UNMARKED_TAGS = {"a", "script", "style", "code", "pre", "svg", "title", "summary", "caption", "label", "legend"}


def index_concepts(root: Path) -> dict[str, list[str]]:
    """The key concepts of print/index-concepts.yml, checked: each has a `term` and maybe other spellings."""
    concepts = (yaml.safe_load((root / CONCEPTS_FILE).read_text(encoding="utf-8")) or {}).get("concepts") or []
    for number, entry in enumerate(concepts):
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str):
            raise PluginError(f"{CONCEPTS_FILE}: concepts[{number}] needs a `term` (a string); got {entry!r}")
        also = entry.get("also", [])
        if not isinstance(also, list) or not all(isinstance(spelling, str) for spelling in also):
            raise PluginError(f"{CONCEPTS_FILE}: concepts[{number}].also must be a list of strings; got {also!r}")
    return {entry["term"]: entry.get("also", []) for entry in concepts}


def index_terms(root: Path) -> dict[str, list[str]]:
    """Each index entry with the spellings that locate it: every glossary term, then the key concepts.

    A glossary term the chapters never use points to its entry in the glossary; a key concept must
    appear in the chapters (the build stops otherwise)."""
    glossary = yaml.safe_load((root / GLOSSARY_FILE).read_text(encoding="utf-8"))
    terms = {entry["term"]: [entry["term"]] for entry in glossary["terms"]}
    for term, also in index_concepts(root).items():
        terms.setdefault(term, [term]).extend(also)
    return terms


def _printed_strings(article):
    """The article's text nodes that print as prose or headings, in document order."""
    for string in article.find_all(string=True):
        parents = list(string.parents)
        if any(parent.name in UNMARKED_TAGS for parent in parents):
            continue
        if any(parent.has_attr("hidden") or UNPRINTED.intersection(parent.get("class") or []) for parent in parents):
            continue
        yield string


def _add_index(soup) -> None:
    """An index after the back matter: each term with the pages of the chapters that explain it.

    In each chapter, a term's first use in a heading, or else its first use in the text, gets an anchor;
    the index lists those anchors and WeasyPrint prints their page numbers (print/_book-pages.scss), so
    the index is made again with every build and cannot drift from the text."""
    terms: dict[str, list[str]] = _settings["index_terms"]
    spellings = {spelling.casefold(): term for term, others in terms.items() for spelling in others}
    # Longest spelling first, whole words only, with a plural ending allowed.
    alternatives = "|".join(re.escape(spelling) for spelling in sorted(spellings, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE)
    chapters = [
        article
        for article in soup.body.find_all("article", recursive=False)
        if "mrp-backmatter" not in (article.get("class") or []) and article.get("id", "").endswith(":")
    ]
    chosen: dict[str, list[tuple]] = {term: [] for term in terms}
    for chapter in chapters:
        first: dict[str, tuple] = {}
        for string in _printed_strings(chapter):
            in_heading = any(parent.name in {"h1", "h2", "h3", "h4"} for parent in string.parents)
            for found in pattern.finditer(str(string)):
                term = spellings[found[1].casefold()]
                if term not in first or (in_heading and not first[term][2]):
                    first[term] = (string, found.span(1), in_heading)
        for term, place in first.items():
            if len(chosen[term]) < MOST_LOCATORS:
                chosen[term].append(place)
    unused = sorted(term for term, places in chosen.items() if not places and term in _settings["index_concepts"])
    # A book that leaves pages out by a pattern, not by name, is an excerpt (the release test prints the
    # glossary alone); only the whole book must hold every concept.
    excerpt = any(re.search(r"[(?*|\[]", pattern) for pattern in _settings["excluded"])
    if unused and not excerpt:
        raise PluginError(f"{CONCEPTS_FILE}: these index concepts appear nowhere in the book: {', '.join(unused)}")
    anchors = _mark(soup, chosen)
    glossary = {tag.get_text(" ", strip=True): tag["id"] for tag in soup.select("article.mrp-backmatter dl dt[id]")}
    for term in terms:
        if not anchors[term] and term in glossary:
            anchors[term] = [glossary[term]]
    _render_index(soup, anchors)


def _mark(soup, chosen) -> dict[str, list[str]]:
    """Wrap each chosen use in an anchored span; returns the anchor ids of each term in book order."""
    by_string: dict[int, list] = {}
    for term, places in chosen.items():
        for string, span, _ in places:
            by_string.setdefault(id(string), [string, []])[1].append((span, term))
    anchors: dict[str, list[str]] = {term: [] for term in chosen}
    number = 0
    for string, marks in by_string.values():
        text, pieces, at = str(string), [], 0
        for (start, end), term in sorted(marks):
            if start < at:
                continue
            number += 1
            anchor = f"mrp-index-{number}"
            mark = soup.new_tag("span", attrs={"class": "mrp-index-mark", "id": anchor})
            mark.string = text[start:end]
            pieces += [text[at:start], mark]
            anchors[term].append(anchor)
            at = end
        pieces.append(text[at:])
        for piece in pieces:
            string.insert_before(piece)
        string.extract()
    # Anchors were made string by string: put each term's pages in book order.
    order = {tag["id"]: position for position, tag in enumerate(soup.select("span.mrp-index-mark"))}
    return {term: sorted(ids, key=order.get) for term, ids in anchors.items()}


def _sort_key(term: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", term.casefold())


def _render_index(soup, anchors: dict[str, list[str]]) -> None:
    index = soup.new_tag("article", attrs={"id": INDEX_ID, "class": "mrp-backmatter mrp-index"})
    heading = soup.new_tag("h1", attrs={"id": f"{INDEX_ID}index"})
    heading.string = "Index"
    index.append(heading)
    groups: dict[str, list] = {}
    for term in sorted(anchors, key=_sort_key):
        if not anchors[term]:
            continue
        entry = soup.new_tag("li", attrs={"class": "mrp-index__entry"})
        name = soup.new_tag("span", attrs={"class": "mrp-index__term"})
        name.string = term
        entry.append(name)
        for position, anchor in enumerate(anchors[term]):
            entry.append(", " if position else " ")
            entry.append(soup.new_tag("a", attrs={"class": "mrp-index__page", "href": f"#{anchor}"}))
        groups.setdefault(_initial(term), []).append([entry])
    for letter, entries in groups.items():
        index.append(_letter_heading(soup, letter))
        index.append(_two_columns(soup, entries, lambda: soup.new_tag("ul", attrs={"class": "mrp-index__group"})))
    soup.body.append(index)
    toc = soup.select_one("article#doc-toc > ul")
    if toc is not None:
        item = soup.new_tag("li", attrs={"class": "mrp-backmatter"})
        link = soup.new_tag("a", attrs={"href": f"#{INDEX_ID}index"})
        link.string = "Index"
        item.append(link)
        toc.append(item)


class _TaggedHTML(weasyprint.HTML):
    """WeasyPrint's HTML, written as tagged PDF/UA-1 (the plugin offers no option for it)."""

    def render(self, *args, **kwargs):
        document = super().render(*args, **kwargs)
        log.info(PAGE_COUNT_MESSAGE, len(document.pages))
        document.write_pdf = functools.partial(document.write_pdf, pdf_variant=PDF_VARIANT)
        return document
