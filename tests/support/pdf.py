"""Reading the book's PDF: the text on each page with its position, size and font (PDFium, via pypdfium2).

tests/test_pdf.py builds the PDF once and checks it through these readers; no page images are needed.
Boxes follow PDF points from the page's bottom left, and a character's box spans its font's descent to
one font size above it, so that lines of one size share a bottom edge whatever letters they hold.
"""

from __future__ import annotations

import ctypes
import functools
import math
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# The page geometry of print/styles.scss, in millimetres: top, right, bottom, left.
MM = 72 / 25.4
MARGINS = {"cover": (25, 30, 25, 30), "portrait": (24, 46, 26, 46), "landscape": (20, 24, 22, 24)}


@dataclass(slots=True)
class Text:
    """A character, or a line of text with the most common size and font of its characters."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str
    upright: bool = True


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[Text] = field(default_factory=list)
    lines: list[Text] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.number == 1:
            return "cover"
        return "landscape" if self.width > self.height else "portrait"

    def box(self) -> tuple[float, float, float, float]:
        """The content box as (left, bottom, right, top) in PDF points."""
        top, right, bottom, left = (value * MM for value in MARGINS[self.kind])
        return left, bottom, self.width - right, self.height - top

    def body_chars(self) -> list[Text]:
        left, bottom, right, top = self.box()
        return [c for c in self.chars if c.text.strip() and bottom - 1 <= c.y0 and c.y1 <= top + 1]

    def body_lines(self) -> int:
        """How many lines of text the text block holds: characters on one baseline (within 2 pt) are one line."""
        baselines: list[float] = []
        for y in sorted(char.y0 for char in self.body_chars()):
            if not baselines or y - baselines[-1] > 2:
                baselines.append(y)
        return len(baselines)


# PDFium reports a hyphenation point as U+0002 and marks the end of each text line with CR LF.
HYPHENATION_POINT = "\x02"
LINE_ENDS = {"\r", "\n"}


def _line(chars: list[Text], text: list[str]) -> Text | None:
    """A text line from its characters, with their most common size and font; None if nothing is inked."""
    inked = [char for char in chars if char.text.strip()]
    if not inked:
        return None
    size = Counter(round(char.size, 2) for char in inked).most_common(1)[0][0]
    font = Counter(char.font for char in inked).most_common(1)[0][0]
    x0, y0 = min(char.x0 for char in inked), min(char.y0 for char in inked)
    x1, y1 = max(char.x1 for char in inked), max(char.y1 for char in inked)
    return Text("".join(text).strip(), x0, y0, x1, y1, size, font)


def read_page(number: int, pdf_page) -> Page:
    """Every character of the page, and every text line as PDFium splits them."""
    width, height = pdf_page.get_size()
    page = Page(number, width, height)
    textpage = pdf_page.get_textpage()
    handle = textpage.raw
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    x, y, descent = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    name, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    fonts: dict[int, tuple[str, float]] = {}
    line_chars: list[Text] = []
    line_text: list[str] = []
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        text = chr(pdfium_c.FPDFText_GetUnicode(handle, index))
        if text == HYPHENATION_POINT:
            continue
        if text in LINE_ENDS:
            if line := _line(line_chars, line_text):
                page.lines.append(line)
            line_chars, line_text = [], []
            continue
        line_text.append(text)
        # A space PDFium adds between words is text, not a character drawn on the page.
        if pdfium_c.FPDFText_IsGenerated(handle, index):
            continue
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
        pdfium_c.FPDFText_GetCharOrigin(handle, index, x, y)
        # The font size as set, scaled by the text matrix (WeasyPrint sets sizes in CSS pixels).
        pdfium_c.FPDFText_GetMatrix(handle, index, matrix)
        size = pdfium_c.FPDFText_GetFontSize(handle, index) * (matrix.c**2 + matrix.d**2) ** 0.5
        font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(handle, index))
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in fonts:
            pdfium_c.FPDFText_GetFontInfo(handle, index, name, len(name), flags)
            pdfium_c.FPDFFont_GetDescent(font, 1.0, descent)
            fonts[key] = (name.value.decode("latin-1"), descent.value)
        fontname, descent_per_point = fonts[key]
        bottom = y.value + descent_per_point * size
        upright = abs(matrix.b) < 0.01 and abs(matrix.c) < 0.01
        char = Text(text, box.left, bottom, box.right, bottom + size, size, fontname, upright)
        # PDFium joins text drawn on overlapping heights into one line, such as a table's header row and its
        # caption. Text that starts again to the left of the last character is a line of its own.
        if line_chars and char.x1 <= line_chars[-1].x0:
            if line := _line(line_chars, line_text[:-1]):
                page.lines.append(line)
            line_chars, line_text = [], [text]
        page.chars.append(char)
        line_chars.append(char)
    if line := _line(line_chars, line_text):
        page.lines.append(line)
    textpage.close()
    return page


def read_layout(pdf: Path) -> list[Page]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [read_page(number, document[number - 1]) for number in range(1, len(document) + 1)]
    finally:
        document.close()


def flatten(outline, depth=0):
    for item in outline:
        if isinstance(item, list):
            yield from flatten(item, depth + 1)
        else:
            yield depth, item


def unnumbered(title: str) -> str:
    return re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", title).strip()


def squash(text: str) -> str:
    """Text without spaces, line-end hyphens or soft hyphens, for matching across line breaks."""
    return re.sub(r"[\s\u00ad\u2010]+", "", re.sub(r"-\s+", "", text)).casefold()


def rows(page: Page) -> list[str]:
    """The page's text lines, top to bottom, with pieces on one baseline joined left to right."""
    rows: list[list[Text]] = []
    for line in sorted(page.lines, key=lambda line: (-round(line.y0), line.x0)):
        if rows and abs(rows[-1][0].y0 - line.y0) < 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [" ".join(line.text for line in sorted(row, key=lambda line: line.x0)) for row in rows]


CONTENTS_ENTRY = re.compile(r"^(\d+(?:\.\d+)*\.?\s+)?(?P<title>.+?)\s*(?:\.\s*){3,}(?P<page>\d+)$")


def contents(pages: list[Page]) -> list[tuple[str, int]]:
    """(title, page number) of every contents entry, from the pages after the colophon."""
    entries = []
    for page in pages[2:12]:
        found, pending = [], ""
        for row in rows(page):
            # A long title wraps: its first line has no page number.
            match = CONTENTS_ENTRY.match(f"{pending} {row}".strip())
            if match:
                found.append((match["title"], int(match["page"])))
                pending = ""
            elif not row.startswith(("MLOps Readiness Playbook ·", "Contents")) and not row.isdigit():
                pending = f"{pending} {row}".strip()
        if not found and entries:
            break
        entries += found
    return entries


@dataclass(slots=True)
class Shape:
    """A path drawn on a page: its bounds in PDF points, whether it is filled or stroked, its corners."""

    left: float
    bottom: float
    right: float
    top: float
    filled: bool
    stroked: bool
    corners: int
    curves: int

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _shapes(objects, found: list[Shape]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            _shapes([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)], found)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
            pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            kinds = [
                pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(obj, i))
                for i in range(pdfium_c.FPDFPath_CountSegments(obj))
            ]
            corners = sum(kind in (pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO) for kind in kinds)
            curves = sum(kind == pdfium_c.FPDF_SEGMENT_BEZIERTO for kind in kinds)
            bounds = (left.value, bottom.value, right.value, top.value)
            found.append(Shape(*bounds, bool(fill.value), bool(stroke.value), corners, curves))


def shapes(pdf: Path, page_numbers: list[int]) -> dict[int, list[Shape]]:
    """Every path drawn on the given pages (1-based), forms included."""
    document = pdfium.PdfDocument(pdf)
    try:
        result = {}
        for number in page_numbers:
            page = document[number - 1]
            count = pdfium_c.FPDFPage_CountObjects(page.raw)
            result[number] = []
            _shapes([pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(count)], result[number])
        return result
    finally:
        document.close()


def arrowheads(found: list[Shape]) -> list[Shape]:
    """Filled, unstroked three-cornered paths (closed or not) smaller than a letter: a diagram's arrowheads."""
    return [
        shape
        for shape in found
        if shape.filled
        and not shape.stroked
        and shape.corners in (3, 4)
        and not shape.curves
        and shape.width < 12
        and shape.height < 12
    ]


def tick_boxes(found: list[Shape]) -> list[Shape]:
    """Square frames about the size of a letter: boxes to tick by pen.

    WeasyPrint paints a border as one filled path of two rectangles, the outer and the inner edge."""
    return [
        shape
        for shape in found
        if shape.filled
        and shape.corners == 10
        and not shape.curves
        and 5 <= shape.width <= 14
        and abs(shape.width - shape.height) < 1.5
    ]


def char_lines(page: Page) -> list[list[Text]]:
    """The page's upright inked characters in lines (one baseline, within 2 pt), each left to right.

    Pieces of text on one baseline in two columns make one line; callers that care split on gaps."""
    lines: list[list[Text]] = []
    for char in sorted((c for c in page.chars if c.text.strip() and c.upright), key=lambda c: (-c.y0, c.x0)):
        if lines and abs(lines[-1][0].y0 - char.y0) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda char: char.x0) for line in lines]


def overlapping_glyphs(page: Page, share: float = 0.5) -> tuple[Text, Text] | None:
    """Two upright characters whose boxes cover each other by more than `share` of the smaller one.

    Neighbours in the text (an italic f leaning over the next letter) do not count."""
    cell = 12.0
    grid: dict[tuple[int, int], list[tuple[int, Text]]] = {}
    for index, char in enumerate(page.chars):
        if not char.text.strip() or not char.upright or char.x1 - char.x0 < 0.5:
            continue
        column, row = int(char.x0 // cell), int(char.y0 // cell)
        for near in ((column + dx, row + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            for other_index, other in grid.get(near, ()):
                if index - other_index == 1:
                    continue
                width = min(char.x1, other.x1) - max(char.x0, other.x0)
                height = min(char.y1, other.y1) - max(char.y0, other.y0)
                # A ligature's letters share one glyph box.
                same_glyph = abs(char.x0 - other.x0) < 0.05 and abs(char.x1 - other.x1) < 0.05
                if width <= 0 or height <= 0 or same_glyph:
                    continue
                smaller = min((char.x1 - char.x0) * (char.y1 - char.y0), (other.x1 - other.x0) * (other.y1 - other.y0))
                if width * height > share * smaller:
                    return other, char
        grid.setdefault((column, row), []).append((index, char))
    return None


# ---------------------------------------------------------------- diagram labels in the book's face


@functools.cache
def _face(weight: str, style: str):
    """Advance widths (per em) of Charis SIL in one weight and style, found through fontconfig."""
    from fontTools.ttLib import TTFont

    pattern = "Charis SIL" + (":bold" if weight == "bold" else "") + (":italic" if style == "italic" else "")
    path = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=True).stdout
    font = TTFont(path)
    cmap, metrics, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return lambda text: sum(metrics[cmap.get(ord(c), cmap[ord("M")])][0] for c in text) / units


def _outline(element) -> list[tuple[float, float]] | None:
    """A rect's or polygon's corners in viewBox units (a rounded rect's corners are cut like an octagon)."""
    if element.name == "polygon":
        numbers = [float(n) for n in re.split(r"[\s,]+", element["points"].strip())]
        return list(zip(numbers[::2], numbers[1::2], strict=True))
    if element.name == "rect":
        x, y, w, h = (float(element[name]) for name in ("x", "y", "width", "height"))
        r = min(float(element.get("rx", 0)), w / 2, h / 2) * (1 - math.sqrt(0.5))
        return [
            *((x + r, y), (x + w - r, y), (x + w, y + r), (x + w, y + h - r)),
            *((x + w - r, y + h), (x + r, y + h), (x, y + h - r), (x, y + r)),
        ]
    return None


def _span_at(outline, y: float) -> tuple[float, float] | None:
    """Where a horizontal line at `y` enters and leaves a convex outline."""
    crossings = []
    for (x1, y1), (x2, y2) in zip(outline, outline[1:] + outline[:1], strict=True):
        if min(y1, y2) <= y <= max(y1, y2) and y1 != y2:
            crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return (min(crossings), max(crossings)) if crossings else None


def _contains(outline, x: float, y: float) -> bool:
    span = _span_at(outline, y)
    return span is not None and span[0] <= x <= span[1]


def labels_outside_their_shapes(svg, stroke: float = 1.5) -> list[str]:
    """Every label line of a diagram (set in Charis SIL) that runs over the edge of the shape it sits in."""
    shapes = [outline for element in svg.find_all(["rect", "polygon"]) if (outline := _outline(element))]
    problems = []
    for text in svg.find_all("text"):
        size = float(text.get("font-size", 14))
        width_of = _face(text.get("font-weight", "normal"), text.get("font-style", "normal"))
        baseline = float(text["y"])
        for number, line in enumerate(text.find_all("tspan")):
            baseline += float(line.get("dy", 0)) if number else 0
            x, words = float(line.get("x", text["x"])), line.get_text()
            width = width_of(words) * size
            left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
            top, bottom = baseline - 0.7 * size, baseline + 0.2 * size
            inside = [o for o in shapes if _contains(o, x, baseline - 0.3 * size)]
            if not inside:
                continue
            # The innermost shape holding the label: the one with the narrowest span at its baseline.
            outline = min(inside, key=lambda o: (lambda s: s[1] - s[0])(_span_at(o, baseline - 0.3 * size)))
            for y in (top, bottom):
                span = _span_at(outline, y)
                if span is None or left < span[0] + stroke or left + width > span[1] - stroke:
                    title = svg.find("title").get_text(strip=True)
                    problems.append(f"{title}: {words!r} ({width:.0f} units wide) at y={baseline:.0f}")
                    break
    return problems


# ---------------------------------------------------------------- links


@dataclass(slots=True)
class Link:
    """An internal link: the page it sits on, the text under it and the page it jumps to (1-based)."""

    page: int
    text: str
    target: int


def internal_links(pdf: Path) -> list[Link]:
    """Every link that jumps within the document, with the text its box covers."""
    document = pdfium.PdfDocument(pdf)
    links = []
    rect = pdfium_c.FS_RECTF()
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for number in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
                annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, number)
                try:
                    link = pdfium_c.FPDFAnnot_GetLink(annotation)
                    if not link:
                        continue
                    destination = pdfium_c.FPDFLink_GetDest(document.raw, link)
                    if not destination and (action := pdfium_c.FPDFLink_GetAction(link)):
                        destination = pdfium_c.FPDFAction_GetDest(document.raw, action)
                    if not destination:
                        continue
                    target = pdfium_c.FPDFDest_GetDestPageIndex(document.raw, destination) + 1
                    pdfium_c.FPDFAnnot_GetRect(annotation, rect)
                    text = textpage.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)
                    links.append(Link(index + 1, re.sub(r"\s+", " ", text.replace("\x02", "")).strip(), target))
                finally:
                    pdfium_c.FPDFPage_CloseAnnot(annotation)
            textpage.close()
    finally:
        document.close()
    return links


# The book's link colour and its grey for page references and addresses (print/styles.scss).
BOOK_LINK_COLOUR = (0x30, 0x3F, 0x9F)
BOOK_GREY = (0x5F, 0x63, 0x68)


def link_colours(pdf: Path, page_numbers: list[int]) -> set[tuple[int, int, int]]:
    """The colours of the letters under every link on these pages (1-based), internal and external."""
    document = pdfium.PdfDocument(pdf)
    colours = set()
    rect, box = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    try:
        for number in page_numbers:
            page = document[number - 1]
            textpage = page.get_textpage()
            rects = []
            for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
                annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
                if pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_LINK:
                    pdfium_c.FPDFAnnot_GetRect(annotation, rect)
                    low, high = sorted((rect.bottom, rect.top))
                    rects.append((rect.left, low, rect.right, high))
                pdfium_c.FPDFPage_CloseAnnot(annotation)
            for index in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
                if not chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index)).strip():
                    continue
                pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, box)
                x, y = (box.left + box.right) / 2, (box.bottom + box.top) / 2
                if any(left <= x <= right and bottom <= y <= top for left, bottom, right, top in rects):
                    pdfium_c.FPDFText_GetFillColor(textpage.raw, index, r, g, b, a)
                    colours.add((r.value, g.value, b.value))
            textpage.close()
    finally:
        document.close()
    return colours


def underlined_links(pdf: Path, page_numbers: list[int]) -> list[tuple[int, float]]:
    """(page, y) of every thin horizontal rule drawn inside a link's box: an underline."""
    found = []
    rect = pdfium_c.FS_RECTF()
    drawn = shapes(pdf, page_numbers)
    document = pdfium.PdfDocument(pdf)
    try:
        for number in page_numbers:
            page = document[number - 1]
            for index in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
                annotation = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
                if pdfium_c.FPDFAnnot_GetSubtype(annotation) == pdfium_c.FPDF_ANNOT_LINK:
                    pdfium_c.FPDFAnnot_GetRect(annotation, rect)
                    low, high = sorted((rect.bottom, rect.top))
                    for shape in drawn[number]:
                        middle = (shape.bottom + shape.top) / 2
                        inside = rect.left - 1 <= shape.left and shape.right <= rect.right + 1 and low <= middle <= high
                        if inside and shape.height < 1.5 and shape.width > 3:
                            found.append((number, middle))
                pdfium_c.FPDFPage_CloseAnnot(annotation)
    finally:
        document.close()
    return found
