"""Facts about the Markdown pages under docs/, read from their sources."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@cache
def page_title(docs_dir: Path, src_path: str) -> str:
    """The title a page shows: `title` in its front matter, else its first level-one heading."""
    path = Path(docs_dir) / src_path.partition("#")[0]
    if not path.is_file():
        raise FileNotFoundError(f"no page {src_path!r} under {docs_dir}")
    text = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    if front:
        meta = yaml.safe_load(front.group(1)) or {}
        if isinstance(meta, dict) and meta.get("title"):
            return str(meta["title"])
        text = text[front.end() :]
    heading = _HEADING.search(text)
    return heading.group(1) if heading else path.stem.replace("-", " ").capitalize()
