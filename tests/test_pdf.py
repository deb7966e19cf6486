"""The whole playbook as one PDF book: structure, typography, nothing cut off, no empty pages, tagging.

The PDF is built once per test session. Layout checks read text positions and sizes from the PDF
(PDFium); no page images are needed.
"""

from __future__ import annotations

import math
import re
import statistics
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scripts.build_pdf import PDF_PATH, build_pdf, page_count
from tests.support import pdf as book
from tests.support.site import ROOT, nav_pages

pytestmark = pytest.mark.slow

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
PDF_CONFIG = yaml.load((ROOT / "mkdocs-pdf.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXCLUDED = PDF_CONFIG["plugins"]["to-pdf"]["exclude_pages"]
# The single HTML document WeasyPrint turned into the book, kept for the tests.
COMBINED_HTML = "pdf/combined.html"

# Running heads and feet live in the margins, in small type, close to the text block.
HEAD_BAND_MM = 14
MARGIN_TYPE_PT = 9.5
TOLERANCE_PT = 1.5

BODY_SIZE_PT = (10.0, 10.5)
CHARACTERS_PER_LINE = (60, 75)
# A page whose text block holds fewer lines than this is a near-empty page; a full page holds about 45.
FEWEST_LINES = 5


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One PDF build for the whole session, read once: its structure with pypdf, its text with PDFium.

    `texts` holds each page's text (its lines top to bottom, spaces normalised) and `text` the whole
    book's, taken from the text lines PDFium finds, so no test reads the PDF again."""
    site_dir = tmp_path_factory.mktemp("pdf-site")
    pdf, _, log = build_pdf(site_dir, echo=lambda line: None, html_path=COMBINED_HTML)
    pages = book.read_layout(pdf)
    texts = [re.sub(r"\s+", " ", " ".join(book.rows(page))).strip() for page in pages]
    return {
        "site": site_dir,
        "pdf": pdf,
        "combined": BeautifulSoup((site_dir / COMBINED_HTML).read_text(encoding="utf-8"), "html.parser"),
        "reader": PdfReader(pdf),
        "log": "\n".join(log),
        "pages": pages,
        "texts": texts,
        "text": "\n".join(texts),
    }


def _book_pages() -> list[str]:
    """Site-relative URLs of the nav pages the book prints (mkdocs-pdf.yml leaves some out)."""
    return [url for url in nav_pages() if not any(re.match(pattern, url) for pattern in EXCLUDED)]


def _page_heading(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    heading = BeautifulSoup(html, "html.parser").select_one("article h1")
    for permalink in heading.select(".headerlink"):
        permalink.decompose()
    return re.sub(r"\s+", " ", heading.get_text()).strip()


# ---------------------------------------------------------------- structure


def test_cover_names_the_playbook_and_its_version(built):
    cover = built["texts"][0]
    assert "MLOps Readiness Playbook" in cover
    assert f"Version {VERSION}" in cover


def test_colophon_gives_version_date_licence_and_the_live_site(built):
    colophon = built["texts"][1]
    assert f"version {VERSION}" in colophon
    assert re.search(r"built on \d{4}-\d{2}-\d{2}", colophon)
    assert "CC BY 4.0" in colophon and "MIT" in colophon
    assert "https://" in colophon, "the colophon should say where the live site is"


def test_contents_list_chapters_with_rising_page_numbers(built):
    numbered = [number for _, number in book.contents(built["pages"])]
    assert len(numbered) >= 30, f"expected contents entries with page numbers, found {len(numbered)}"
    assert numbered == sorted(numbered), "page numbers in the contents must rise"
    assert max(numbered) <= len(built["reader"].pages)


def test_every_book_page_is_named_in_the_contents(built):
    contents = book.squash("\n".join(title for title, _ in book.contents(built["pages"])))
    for url in _book_pages():
        title = _page_heading(built["site"], url)
        assert book.squash(title) in contents, f"{title!r} ({url or 'home'}) is missing from the contents"


def test_pages_that_need_javascript_and_maintainer_pages_are_left_out(built):
    titles = [book.unnumbered(item.title) for _, item in book.flatten(built["reader"].outline)]
    for url in EXCLUDED:
        title = _page_heading(built["site"], url)
        assert title not in titles, f"{title!r} should not be in the book"
    assert "Unreleased" not in built["text"], "the changelog is maintainer material"


def test_paper_readers_get_paper_instructions_not_screen_ones(built):
    """Widgets that need JavaScript print a paper exercise instead of saying they need it."""
    text = built["text"]
    assert "needs JavaScript" not in text
    # The composition check: a list of roles to tick, then the matrix.
    assert book.squash("On paper: tick each role that someone in your team covers") in book.squash(text)
    # Every checklist ends with the paper scoring sheet's totals line.
    checklists = sum(
        len(re.findall(r'<form [^>]*class="mrp-checklist"', (built["site"] / url / "index.html").read_text("utf-8")))
        for url in _book_pages()
    )
    assert checklists >= 5
    assert text.count("Add up your points Earned:") == checklists


def test_glossary_sources_and_index_close_the_book_as_back_matter(built):
    top = [book.unnumbered(item.title) for depth, item in book.flatten(built["reader"].outline) if depth == 0]
    assert top[-3:] == ["Glossary", "Sources", "Index"], f"the book should end with the back matter: {top[-4:]}"
    raw = [item.title for depth, item in book.flatten(built["reader"].outline) if depth == 0]
    assert raw[-3:] == ["Glossary", "Sources", "Index"], "back matter is not numbered"


def test_bookmarks_name_every_chapter_and_section(built):
    outline = list(book.flatten(built["reader"].outline))
    titles = {book.unnumbered(item.title) for _, item in outline}
    for chapter in ["Why MLOps", "What MLOps is", "DevOps prerequisites", "People and process", "Teams"]:
        assert chapter in titles, f"no bookmark for the chapter {chapter}"
    for url in _book_pages():
        heading = _page_heading(built["site"], url)
        assert heading in titles, f"no bookmark for {heading!r} ({url or 'home'})"
    assert any(depth >= 1 for depth, _ in outline), "sections should nest under their chapter"


def test_the_build_logs_the_page_count_of_the_pdf_it_wrote(built):
    assert page_count(built["log"].splitlines()) == len(built["reader"].pages)


def test_document_title_and_language_are_set(built):
    reader = built["reader"]
    assert reader.metadata.title == "MLOps Readiness Playbook"
    assert reader.trailer["/Root"].get("/Lang") == "en"


def test_the_pdf_is_tagged_as_pdf_ua(built):
    root = built["reader"].trailer["/Root"]
    assert "/StructTreeRoot" in root, "a tagged PDF carries a structure tree"
    assert root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp), "the XMP metadata should declare PDF/UA-1"


def test_running_footer_carries_the_version(built):
    body = built["texts"][6]
    assert f"MLOps Readiness Playbook · Version {VERSION}" in body


def test_internal_links_jump_within_the_pdf(built):
    internal = 0
    for page in built["reader"].pages:
        for annotation in page.get("/Annots") or []:
            target = annotation.get_object()
            action = target.get("/A")
            if "/Dest" in target or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal >= 50, f"only {internal} internal links"


def test_checklists_print_as_boxes_not_form_fields(built):
    assert not built["reader"].get_fields(), "the PDF must not contain interactive form fields"
    text = built["text"]
    assert book.squash("All application and pipeline code lives in version control") in book.squash(text)
    assert "Not applicable to us" not in text, "the not-applicable control makes no sense on paper"
    assert "Reset answers" not in text


def test_external_links_are_printed_for_paper_readers(built):
    assert "(https://dora.dev/" in re.sub(r"\s+", "", built["text"])


def test_the_build_had_no_missing_images_or_render_errors(built):
    log = built["log"]
    for problem in ("Failed to load", "No anchor", "ERROR"):
        assert problem not in log, f"{problem!r} in the PDF build log"
    diagrams = sum(
        len(re.findall(r'<svg[^>]*role="img"', path.read_text(encoding="utf-8")))
        for path in (built["site"] / "teams").rglob("*.html")
    )
    assert diagrams >= 5, "the team pages should carry their diagrams into the PDF build"


def test_the_site_links_to_its_pdf_from_the_footer_the_head_and_the_pages_that_say_how_to_get_it(built):
    """The plugin's own header button (an icon without a text alternative) stays off the published site."""
    for url, in_page in [("", 1), ("how-to-use/", 1), ("assess/devops-foundations/", 0)]:
        soup = BeautifulSoup((built["site"] / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = [link for link in soup.find_all(["a", "link"]) if link.get("href", "").endswith(PDF_PATH)]
        told = [link for link in links if link.find_parent(class_="mrp-pdf-download")]
        assert len(told) == in_page and all(link.has_attr("download") for link in told), told
        links = [link for link in links if link not in told]
        assert [link.name for link in links] == ["link", "a"], links
        assert links[0]["rel"] == ["alternate"] and links[0]["type"] == "application/pdf"
        assert links[0].find_parent("head") is not None
        assert links[1].get_text(strip=True) == "Download this version as a PDF"
        assert links[1].find_parent("footer") is not None
        assert not soup.select(".md-header a[title=PDF]")
    assert (built["site"] / PDF_PATH).is_file()


# ---------------------------------------------------------------- layout


def test_no_text_lies_outside_the_page_content_box(built):
    problems = []
    for page in built["pages"]:
        left, bottom, right, top = page.box()
        band = HEAD_BAND_MM * book.MM
        for char in page.chars:
            if not char.text.strip():
                continue
            outside_sideways = char.x0 < left - TOLERANCE_PT or char.x1 > right + TOLERANCE_PT
            in_head = char.y0 > top - TOLERANCE_PT
            in_foot = char.y1 < bottom + TOLERANCE_PT
            margin_type = char.size <= MARGIN_TYPE_PT and (
                (in_head and char.y1 <= top + band) or (in_foot and char.y0 >= bottom - band)
            )
            if outside_sideways or ((in_head or in_foot) and not margin_type):
                problems.append(f"page {page.number}: {char.text!r} at x={char.x0:.0f}-{char.x1:.0f}, y={char.y0:.0f}")
                break
    assert not problems, "text outside the content box:\n" + "\n".join(problems)


def test_no_page_is_nearly_empty(built):
    """Every page but the cover and the colophon on its back holds at least FEWEST_LINES lines of text.

    Sections flow on, so only a chapter's last page can run short. One that carries a few stranded
    lines (the end of a list, a last footnote) is a defect even when the lines would not fit on the
    page before: the print styles keep a chapter's closing blocks together, so its last page always
    carries several of them. Running heads and page numbers do not count.
    """
    sparse = [
        f"page {page.number}: {page.body_lines()} lines"
        for page in built["pages"][2:]
        if page.body_lines() < FEWEST_LINES
    ]
    assert not sparse, "near-empty pages:\n" + "\n".join(sparse)


def _find_caption(page: book.Page, caption: str) -> tuple[list[book.Text], int] | None:
    """The page's lines top to bottom and the index of the caption's last line, if it is on the page."""
    start, end = book.squash(caption)[:30], book.squash(caption)[-20:]
    lines = sorted(page.lines, key=lambda line: -line.y1)
    # A caption's link prints the page it points to; the HTML caption does not say it.
    text = [book.squash(PAGE_REFERENCE.sub("", line.text)) for line in lines]
    for first, line in enumerate(text):
        if line[:10] == start[:10] and start.startswith(line[: len(start)]):
            following = range(first, min(first + 4, len(text)))
            last = next((i for i in following if end in "".join(text[first : i + 1])), first)
            return lines, last
    return None


def test_table_captions_stay_on_the_page_of_their_table(built):
    captions = []
    for url in _book_pages():
        html = (built["site"] / url / "index.html").read_text(encoding="utf-8")
        for caption in BeautifulSoup(html, "html.parser").select("article table > caption"):
            # Tables inside a diagram's text alternative (a closed <details>) do not print, nor do
            # captions written for screen readers only.
            if caption.find_parent("details") is None and "mrp-visually-hidden" not in caption.get("class", []):
                captions.append(re.sub(r"\s+", " ", caption.get_text(" ", strip=True)))
    assert captions, "the book has captioned tables"
    for caption in captions:
        for page in built["pages"]:
            found = _find_caption(page, caption)
            if found is None:
                continue
            lines, last = found
            bottom = page.box()[1]
            below = [line for line in lines[last + 1 :] if line.y1 < lines[last].y0 and line.y0 > bottom - 1]
            assert below, f"the caption {caption[:60]!r} ends page {page.number}; its table starts on the next page"
            break
        else:
            pytest.fail(f"the caption {caption[:60]!r} is not in the PDF")


def test_body_text_is_a_book_face_at_book_size(built):
    sizes = Counter()
    fonts = Counter()
    for page in built["pages"][2:]:
        for char in page.body_chars():
            sizes[round(char.size, 1)] += 1
            fonts[char.font.split("+")[-1]] += 1
    body_size = sizes.most_common(1)[0][0]
    assert BODY_SIZE_PT[0] <= body_size <= BODY_SIZE_PT[1], f"body text is set at {body_size} pt"
    assert "Charis" in fonts.most_common(1)[0][0], f"body text is set in {fonts.most_common(3)}"


def test_lines_of_body_text_hold_60_to_75_characters(built):
    full_lines = []
    for page in built["pages"][2:]:
        if page.kind != "portrait":
            continue
        left, _, right, _ = page.box()
        for line in page.lines:
            if BODY_SIZE_PT[0] <= line.size <= BODY_SIZE_PT[1] and line.x1 - line.x0 >= 0.97 * (right - left):
                full_lines.append(len(line.text))
    assert len(full_lines) > 500
    median = statistics.median(full_lines)
    assert CHARACTERS_PER_LINE[0] <= median <= CHARACTERS_PER_LINE[1], f"full lines hold {median} characters"


# ---------------------------------------------------------------- diagrams and paper widgets


def _pages_showing(built, text: str) -> list[int]:
    """Page numbers (1-based) whose text holds `text`, compared without spaces or hyphenation."""
    wanted = book.squash(text)
    return [number for number, page in enumerate(built["texts"], 1) if wanted in book.squash(page)]


def test_every_diagram_reference_points_at_an_element_of_the_book(built):
    """The plugin renames ids per page; a marker reference left behind means a line without its arrowhead."""
    soup = built["combined"]
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    references = []
    for svg in soup.find_all("svg"):
        for element in (svg, *svg.find_all(True)):
            for name, value in element.attrs.items():
                if isinstance(value, str):
                    references += [(name, target) for target in re.findall(r"url\(#([^)]+)\)", value)]
            for name in ("aria-labelledby", "aria-describedby"):
                references += [(name, target) for target in element.get(name, "").split()]
    assert sum(name == "marker-end" for name, _ in references) >= 10, "the diagrams should draw arrows"
    missing = sorted({f"{name}: #{target}" for name, target in references if target not in ids})
    assert not missing, "diagram references that point nowhere:\n" + "\n".join(missing)


def test_diagrams_draw_their_arrowheads(built):
    """Each diagram prints as many arrowheads as it has lines that end in one."""
    soup = built["combined"]
    checked = 0
    for svg in soup.select("figure.mrp-diagram svg"):
        heads = len(svg.select("[marker-end]"))
        title = svg.find("title").get_text(strip=True)
        if not heads:
            continue
        pages = _pages_showing(built, title)
        assert pages, f"the diagram {title!r} is not in the PDF"
        drawn = sum(len(book.arrowheads(found)) for found in book.shapes(built["pdf"], pages[:2]).values())
        assert drawn >= heads, f"{title!r} should draw {heads} arrowheads; page {pages[0]} shows {drawn}"
        checked += 1
    assert checked >= 3


def test_diagram_labels_are_set_in_the_book_face_and_fit_their_shapes(built):
    soup = built["combined"]
    svgs = soup.select("figure.mrp-diagram svg")
    assert svgs
    assert all("Charis SIL" in svg.get("font-family", "") for svg in svgs), "diagrams print in the book's face"
    problems = [problem for svg in svgs for problem in book.labels_outside_their_shapes(svg)]
    assert not problems, "diagram labels wider than their shapes:\n" + "\n".join(problems)
    # The PDF really uses the face: the hexagon's label is Charis, not a wider sans-serif.
    fonts = {char.font.split("+")[-1] for page in built["pages"] for char in page.chars if char.size < 9.5}
    assert not any("DejaVuSans" in font and "Mono" not in font for font in fonts), fonts


def test_reading_path_steps_print_a_tick_box_with_its_label(built):
    soup = built["combined"]
    steps = soup.select("li.mrp-step")
    assert steps, "the book prints the reading paths"
    pages = [number for number, text in enumerate(built["texts"], 1) if "I have read it" in text]
    printed = sum(built["texts"][number - 1].count("I have read it") for number in pages)
    assert printed == len(steps), f"{len(steps)} steps, but 'I have read it' is printed {printed} times"
    boxes = sum(len(book.tick_boxes(found)) for found in book.shapes(built["pdf"], pages).values())
    assert boxes >= len(steps), f"{len(steps)} steps but only {boxes} boxes to tick"


def test_no_glyphs_are_printed_over_each_other(built):
    """Text meant for screen readers only, or a cell too narrow for its word, shows as overlapping glyphs."""
    problems = []
    for page in built["pages"]:
        if overlap := book.overlapping_glyphs(page):
            first, second = overlap
            where = f"x={first.x0:.0f}, y={first.y0:.0f}"
            problems.append(f"page {page.number}: {first.text!r} and {second.text!r} at {where}")
    assert not problems, "glyphs printed over each other:\n" + "\n".join(problems[:20])


# ---------------------------------------------------------------- cross-references and paper wording

PAGE_REFERENCE = re.compile(r"\(page\s(\d+)\)")


def _links_after_the_contents(built) -> list[book.Link]:
    last_contents_page = max(number for number, text in enumerate(built["texts"][:12], 1) if ". . ." in text)
    return [link for link in book.internal_links(built["pdf"]) if link.page > last_contents_page]


def test_cross_references_print_the_page_they_point_to(built):
    """'(page N)' after a link is the page the link jumps to, after the numbers themselves moved the text."""
    links = _links_after_the_contents(built)
    numbered = [(link, int(found[-1])) for link in links if (found := PAGE_REFERENCE.findall(link.text))]
    assert len(numbered) >= 200, f"only {len(numbered)} cross-references print a page number"
    wrong = [f"page {link.page}: {link.text!r} jumps to {link.target}" for link, at in numbered if at != link.target]
    assert not wrong, "cross-references that print the wrong page:\n" + "\n".join(wrong[:20])


def test_every_cross_reference_prints_a_page_number(built):
    """A link broken over two lines prints its page once, at its end; footnote markers are numbers already."""
    unnumbered, pending = [], None
    for link in _links_after_the_contents(built):
        if pending is not None and pending.target != link.target:
            unnumbered.append(pending)
            pending = None
        if PAGE_REFERENCE.search(link.text):
            pending = None
        elif not re.fullmatch(r"[\d,\s]*", link.text):
            pending = pending or link
    unnumbered += [pending] if pending else []
    problems = [f"page {link.page}: {link.text!r}" for link in unnumbered]
    assert not problems, "cross-references without a page number:\n" + "\n".join(problems[:20])


def test_links_print_in_the_book_colour_not_underlined(built):
    assert built["combined"].select("article.md-typeset a[href^='http']"), "the book has external links"
    pages = list(range(6, 41))
    colours = book.link_colours(built["pdf"], pages)
    assert colours, "no link text found"
    underlines = book.underlined_links(built["pdf"], pages)
    assert not underlines, f"{len(underlines)} underlined links, the first on page {underlines[0][0]}"
    # Link text in the book's indigo; its page reference or printed address in the book's grey.
    assert book.BOOK_LINK_COLOUR in colours
    assert colours <= {book.BOOK_LINK_COLOUR, book.BOOK_GREY}, f"links printed in {colours}"


SCREEN_ONLY = [
    "Make this my path",
    "Open Why it matters",
    "in this browser",
    "browser's print command",
    "Your choice is kept with your answers",
    "never leave your browser",
    "Open this team's answers",
    "Download version",
]


def test_screen_instructions_have_paper_wording_in_the_book(built):
    text = book.squash(built["text"])
    found = [phrase for phrase in SCREEN_ONLY if book.squash(phrase) in text]
    assert not found, f"screen-only wording printed in the book: {found}"
    for phrase in [
        "Tick the box next to each step you finish",
        "On paper, your answers stay on the sheets you fill in",
        "On paper, tick what you run",
    ]:
        assert book.squash(phrase) in text, f"the paper wording {phrase!r} is missing"


# ---------------------------------------------------------------- a designed book


def _chapter_pages(built, title: str) -> range:
    """The pages (1-based) of the top-level chapter or back-matter part with this title."""
    reader = built["reader"]
    top = [(book.unnumbered(item.title), item) for depth, item in book.flatten(reader.outline) if depth == 0]
    for position, (name, item) in enumerate(top):
        if name == title:
            start = reader.get_destination_page_number(item) + 1
            following = top[position + 1][1] if position + 1 < len(top) else None
            end = reader.get_destination_page_number(following) + 1 if following else len(reader.pages) + 1
            return range(start, end)
    raise AssertionError(f"no part titled {title!r} in the bookmarks")


def _contents_pages(built) -> list[book.Page]:
    return [page for page in built["pages"][2:12] if ". . ." in built["texts"][page.number - 1]]


def test_contents_numbers_never_touch_their_titles(built):
    """'7.10' and its title keep a clear space apart, and the contents run to two-digit section numbers."""
    checked, problems = 0, []
    for page in _contents_pages(built):
        for line in book.char_lines(page):
            text = "".join(char.text for char in line)
            number = re.match(r"\d+(?:\.\d+)*\.?(?=[A-Za-z])", text)
            if not number:
                continue
            checked += 1
            gap = line[number.end()].x0 - line[number.end() - 1].x1
            if gap < 3:
                problems.append(f"page {page.number}: {text[:40]!r} has {gap:.1f} pt after its number")
    assert checked >= 30
    assert any(re.search(r"\d+\.\d\d\s", text) for text in built["texts"][2:12]), "expected a section 7.10"
    assert not problems, "contents numbers touching their titles:\n" + "\n".join(problems)


def test_contents_never_leave_leader_dots_on_a_line_of_their_own(built):
    orphans = [
        f"page {page.number}: {row!r}"
        for page in _contents_pages(built)
        for row in book.rows(page)
        if re.fullmatch(r"(?:\.\s*)+\d+", row.strip())
    ]
    assert not orphans, "leader lines without their title:\n" + "\n".join(orphans)


def test_chapters_open_with_their_number_set_apart(built):
    reader = built["reader"]
    chapters = [item for depth, item in book.flatten(reader.outline) if depth == 0 and re.match(r"\d+ ", item.title)]
    assert len(chapters) >= 10
    for item in chapters:
        number = item.title.split()[0]
        page = built["pages"][reader.get_destination_page_number(item)]
        lines = sorted(page.lines, key=lambda line: -line.y1)
        figure = next((line for line in lines if line.text == number), None)
        assert figure is not None, f"chapter {number} opens without its number on a line of its own"
        assert figure.size >= 3 * BODY_SIZE_PT[0], f"chapter {number}'s number is set at {figure.size:.1f} pt"
        above = [book.squash(line.text) for line in lines if line.y0 > figure.y0 + figure.size / 2]
        assert "chapter" in above, f"chapter {number}'s number has no 'Chapter' label above it"


def test_table_headers_are_never_hyphenated(built):
    soup = built["combined"]
    labels = {
        word
        for cell in soup.select("table thead th, table tbody th[scope=row]")
        for word in re.findall(r"[A-Za-z]{5,}", cell.get_text(" "))
    }
    assert "Component" in labels
    broken = []
    for page in built["pages"]:
        for line in page.lines:
            # Table text is set smaller than the body; a bold run-in heading in the body may hyphenate.
            if line.size > 9.5 or "Bold" not in line.font or not re.search(r"[A-Za-z][\u2010-]$", line.text):
                continue
            start = re.findall(r"[A-Za-z]+", line.text)[-1]
            if any(word.startswith(start) and word != start for word in labels):
                broken.append(f"page {page.number}: {line.text!r}")
    assert not broken, "table headers broken by a hyphen:\n" + "\n".join(broken[:20])


def test_scoring_sheet_keeps_group_headers_with_their_rows_and_has_write_in_boxes(built):
    soup = built["combined"]
    tables = soup.select("table.mrp-scoring-sheet__table")
    assert tables
    groups = {book.squash(row.get_text(" ", strip=True)) for row in soup.select(".mrp-scoring-sheet__section")}
    pages = _pages_showing(built, "Critical items all Yes: yes / no")
    assert pages
    for number in range(pages[0] - 1, pages[-1] + 1):
        rows = [row for row in book.rows(built["pages"][number - 1]) if not row.startswith("MLOps Readiness Playbook")]
        if rows and book.squash(rows[-1]) in groups:
            pytest.fail(f"the group heading {rows[-1]!r} is stranded at the foot of page {number}")
    boxes = [
        shape
        for found in book.shapes(built["pdf"], pages).values()
        for shape in found
        if shape.filled and shape.corners == 10 and 30 <= shape.width <= 45 and 15 <= shape.height <= 25
    ]
    # Earned, possible and score for each checklist.
    assert len(boxes) >= 3 * len(tables), f"{len(boxes)} write-in boxes for {len(tables)} checklists"


def test_paper_checklists_have_lines_for_evidence_owner_and_date(built):
    items = len(built["combined"].select(".mrp-checklist .mrp-item"))
    assert items >= 50
    text = built["text"]
    for label in ("Evidence", "Owner", "Target date"):
        assert text.count(label) >= items, f"{label!r} is printed {text.count(label)} times for {items} items"
    pages = _pages_showing(built, "Target date")
    # A field's rule is the bottom border of its label's box: WeasyPrint paints it as a frame as wide as
    # the field and a line of writing high.
    rules = [
        shape
        for found in book.shapes(built["pdf"], pages).values()
        for shape in found
        if shape.filled and shape.corners == 10 and not shape.curves and shape.width >= 80 and 12 <= shape.height <= 30
    ]
    assert len(rules) >= 3 * items, f"{len(rules)} lines to write on for {items} items"


def test_glossary_sets_bold_terms_in_two_columns(built):
    pages = [built["pages"][number - 1] for number in _chapter_pages(built, "Glossary")]
    terms = [entry["term"] for entry in yaml.safe_load((ROOT / "data/glossary.yml").read_text("utf-8"))["terms"]]
    bold = book.squash(" ".join(line.text for page in pages for line in page.lines if "Bold" in line.font))
    missing = [term for term in terms if book.squash(term) not in bold]
    assert not missing, f"glossary terms not set in bold: {missing[:10]}"
    for page in pages[1:-1]:
        left, _, right, _ = page.box()
        middle = (left + right) / 2
        body = [line for line in page.lines if line.size < 9.5 and line.y0 > page.box()[1]]
        assert any(line.x0 > middle for line in body), f"glossary page {page.number} has one column"
    # In one column it set about seven terms a page (74 terms on ten pages); two columns must do better.
    assert len(pages) <= math.ceil(len(terms) / 9), f"the glossary runs to {len(pages)} pages for {len(terms)} terms"


def test_sources_are_set_ragged_right(built):
    """No stretched word spaces: a justified line of long titles and addresses opens gaps a word wide."""
    gappy = []
    for number in _chapter_pages(built, "Sources"):
        page = built["pages"][number - 1]
        for line in book.char_lines(page):
            # A list's bullet stands apart from its text on purpose.
            gaps = [b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False) if a.text not in "•\u2022"]
            if line and max(gaps, default=0) > 0.9 * line[0].size and len(line) > 30:
                gappy.append(f"page {number}: {''.join(char.text for char in line)[:50]!r}")
    assert not gappy, "stretched lines in the sources:\n" + "\n".join(gappy[:10])


def test_colophon_sits_at_the_foot_of_its_page(built):
    page = built["pages"][1]
    left, bottom, right, top = page.box()
    lines = [line for line in page.lines if line.text.strip()]
    assert lines
    assert min(line.y0 for line in lines) < bottom + 25 * book.MM, "the colophon should end near the foot"
    assert max(line.y1 for line in lines) < (bottom + top) / 2, "the colophon should sit in the lower half"


# ---------------------------------------------------------------- the index

# "term 12, 45": a line may hold the entries of both columns, one after the other.
INDEX_ENTRY = re.compile(r"(?P<term>[^\d,]+?)\s+(?P<pages>\d+(?:,\s*\d+)*)(?=\s|$)")


def _index_entries(built) -> dict[str, list[int]]:
    entries, pending = {}, ""
    for number in _chapter_pages(built, "Index"):
        for line in built["pages"][number - 1].lines:
            # A long entry runs on: its first line ends with a comma.
            text = f"{pending} {line.text.strip()}".strip()
            if text.endswith(","):
                pending = text
                continue
            pending = ""
            for found in INDEX_ENTRY.finditer(text):
                entries[found["term"].strip()] = [int(page) for page in re.findall(r"\d+", found["pages"])]
    return entries


def test_index_lists_every_glossary_term_and_key_concept(built):
    entries = {book.squash(term) for term in _index_entries(built)}
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text("utf-8"))["terms"]
    concepts = yaml.safe_load((ROOT / "print/index-concepts.yml").read_text("utf-8"))["concepts"]
    wanted = [entry["term"] for entry in glossary] + [entry["term"] for entry in concepts]
    missing = [term for term in wanted if book.squash(term) not in entries]
    assert not missing, f"terms missing from the index: {missing}"


def test_index_page_numbers_show_their_term(built):
    """Every page the index gives for a term holds that term, and its number is the page a link reaches."""
    entries = _index_entries(built)
    assert len(entries) >= 60
    concepts = yaml.safe_load((ROOT / "print/index-concepts.yml").read_text("utf-8"))["concepts"]
    spellings = {entry["term"]: [entry["term"], *entry.get("also", [])] for entry in concepts}
    for term, pages in entries.items():
        for number in pages:
            # The page's lines in the order they were drawn, so a table cell's lines stay together.
            # A line may also break after a hyphen of the term itself (X-as- / a-service): compare without them.
            page = book.squash(" ".join(line.text for line in built["pages"][number - 1].lines)).replace("-", "")
            found = any(book.squash(spelling).replace("-", "") in page for spelling in spellings.get(term, [term]))
            assert found, f"the index sends {term!r} to page {number}, which does not mention it"
    index_pages = set(_chapter_pages(built, "Index"))
    links = [link for link in book.internal_links(built["pdf"]) if link.page in index_pages]
    assert links
    assert all(link.text.isdigit() and int(link.text) == link.target for link in links), [
        link for link in links if not (link.text.isdigit() and int(link.text) == link.target)
    ][:5]
