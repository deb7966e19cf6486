"""Reading time of a page, computed from the words a reader actually reads."""

from __future__ import annotations

import math
import re
from pathlib import Path

from .pages import split_front_matter

WORDS_PER_MINUTE = 200

_FENCED_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]+>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(markdown: str) -> int:
    """Words of prose: front matter, fenced code, HTML tags and link targets do not count."""
    _meta, text = split_front_matter(markdown)
    text = _FENCED_CODE.sub("", text)
    text = _HTML_TAG.sub(" ", text)
    text = _LINK_TARGET.sub("]", text)
    return len(_WORD.findall(text))


def reading_minutes(markdown: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes, rounded up, never less than one."""
    if words_per_minute <= 0:
        raise ValueError(f"words_per_minute must be positive, got {words_per_minute}")
    return max(1, math.ceil(count_words(markdown) / words_per_minute))


def reading_minutes_of_page(docs_dir: Path, page: str) -> int:
    """Reading minutes of a Markdown page given by its path under docs_dir."""
    docs = Path(docs_dir)
    path = docs / page
    if not page.endswith(".md") or not path.is_file():
        known = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
        raise ValueError(f"reading_time_of({page!r}): no such page under {docs}; known pages: {known}")
    return reading_minutes(path.read_text(encoding="utf-8"))
