"""The whole playbook as one PDF book: structure, typography, nothing cut off, no empty pages, tagging.

The PDF is built once per test session. Layout checks read text positions and sizes from the PDF
(PDFium); no page images are needed.
"""

from __future__ import annotations

import re
import statistics
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scripts.build_pdf import PDF_PATH, build_pdf
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


def test_glossary_and_sources_close_the_book_as_back_matter(built):
    top = [book.unnumbered(item.title) for depth, item in book.flatten(built["reader"].outline) if depth == 0]
    assert top[-2:] == ["Glossary", "Sources"], f"the book should end with the back matter: {top[-4:]}"
    raw = [item.title for depth, item in book.flatten(built["reader"].outline) if depth == 0]
    assert raw[-1] == "Sources", "back matter is not numbered"


def test_bookmarks_name_every_chapter_and_section(built):
    outline = list(book.flatten(built["reader"].outline))
    titles = {book.unnumbered(item.title) for _, item in outline}
    for chapter in ["Why MLOps", "What MLOps is", "DevOps prerequisites", "People and process", "Teams"]:
        assert chapter in titles, f"no bookmark for the chapter {chapter}"
    for url in _book_pages():
        heading = _page_heading(built["site"], url)
        assert heading in titles, f"no bookmark for {heading!r} ({url or 'home'})"
    assert any(depth >= 1 for depth, _ in outline), "sections should nest under their chapter"


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


def test_the_site_links_to_its_pdf_from_the_footer_and_the_head_only(built):
    """The plugin's own header button (an icon without a text alternative) stays off the published site."""
    for url in ["", "assess/devops-foundations/"]:
        soup = BeautifulSoup((built["site"] / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        links = [link for link in soup.find_all(["a", "link"]) if link.get("href", "").endswith(PDF_PATH)]
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
    text = [book.squash(line.text) for line in lines]
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
