"""Reading the book's PDF: the text on each page with its position, size and font (PDFium, via pypdfium2).

tests/test_pdf.py builds the PDF once and checks it through these readers; no page images are needed.
Boxes follow PDF points from the page's bottom left, and a character's box spans its font's descent to
one font size above it, so that lines of one size share a bottom edge whatever letters they hold.
"""

from __future__ import annotations

import ctypes
import re
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
        char = Text(text, box.left, bottom, box.right, bottom + size, size, fontname)
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
