"""Facts about the Markdown pages under docs/, read from their sources."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from . import engine

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A page's front matter and the Markdown after it, parsed exactly as the engine parses its pages.

    The project's one front-matter parser: macros, reading times and tests all call this.
    """
    return engine.split_front_matter(text)


@cache
def page_title(docs_dir: Path, src_path: str) -> str:
    """The title a page shows: `title` in its front matter, else its first level-one heading."""
    path = Path(docs_dir) / src_path.partition("#")[0]
    if not path.is_file():
        raise FileNotFoundError(f"no page {src_path!r} under {docs_dir}")
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    if meta.get("title"):
        return str(meta["title"])
    heading = _HEADING.search(body)
    return heading.group(1) if heading else path.stem.replace("-", " ").capitalize()
