"""Reading the book's PDF: the text on each page with its position, size and font (pdfminer.six).

tests/test_pdf.py builds the PDF once and checks it through these readers; no page images are needed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextLine

# The page geometry of print/styles.scss, in millimetres: top, right, bottom, left.
MM = 72 / 25.4
MARGINS = {"cover": (25, 30, 25, 30), "portrait": (24, 46, 26, 46), "landscape": (20, 24, 22, 24)}


@dataclass
class Line:
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
    chars: list[LTChar] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.number == 1:
            return "cover"
        return "landscape" if self.width > self.height else "portrait"

    def box(self) -> tuple[float, float, float, float]:
        """The content box as (left, bottom, right, top) in PDF points."""
        top, right, bottom, left = (value * MM for value in MARGINS[self.kind])
        return left, bottom, self.width - right, self.height - top

    def body_chars(self) -> list[LTChar]:
        left, bottom, right, top = self.box()
        return [c for c in self.chars if c.get_text().strip() and bottom - 1 <= c.y0 and c.y1 <= top + 1]

    def body_lines(self) -> int:
        """How many lines of text the text block holds: characters on one baseline (within 2 pt) are one line."""
        baselines: list[float] = []
        for y in sorted(char.y0 for char in self.body_chars()):
            if not baselines or y - baselines[-1] > 2:
                baselines.append(y)
        return len(baselines)


def collect(element, page: Page) -> None:
    """Every character of the page, and every text line with its most common size and font."""
    if isinstance(element, LTChar):
        page.chars.append(element)
        return
    if isinstance(element, LTTextLine):
        chars = [c for c in element if isinstance(c, LTChar)]
        if chars:
            size = Counter(round(c.size, 2) for c in chars).most_common(1)[0][0]
            font = Counter(c.fontname for c in chars).most_common(1)[0][0]
            page.lines.append(Line(element.get_text().strip(), *element.bbox, size=size, font=font))
    for child in getattr(element, "_objs", []):
        collect(child, page)


def read_layout(pdf: Path) -> list[Page]:
    pages = []
    for number, layout in enumerate(extract_pages(pdf, laparams=LAParams(all_texts=True)), start=1):
        page = Page(number, layout.width, layout.height)
        collect(layout, page)
        pages.append(page)
    return pages


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
    rows: list[list[Line]] = []
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
