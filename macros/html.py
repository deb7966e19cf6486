"""HTML through autoescaping Jinja2 templates (one small template per widget), and page URLs."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).with_name("templates")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_template(name: str, **context) -> str:
    # Markdown would treat indented lines inside the HTML as code; flush every line left.
    html = _environment().get_template(name).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def page_url(src_path: str) -> str:
    """The URL path (relative to the site root) MkDocs gives a page with directory URLs."""
    path, _, anchor = src_path.partition("#")
    stem = path.removesuffix(".md")
    url = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return url + (f"#{anchor}" if anchor else "")


def relative_url(from_src_path: str, to_src_path: str) -> str:
    """A link from one page to another that works wherever the site is hosted (and offline)."""
    here = page_url(from_src_path).partition("#")[0] or "./"
    target, _, anchor = page_url(to_src_path).partition("#")
    relative = posixpath.relpath("/" + (target or ""), "/" + here)
    if relative == ".":
        relative = "./"
    elif not relative.endswith("/") and target.endswith("/"):
        relative += "/"
    return relative + (f"#{anchor}" if anchor else "")


def relative_source_path(from_src_path: str, to_src_path: str) -> str:
    """A Markdown link target between two pages under docs/; MkDocs then checks and converts it."""
    target, _, anchor = to_src_path.partition("#")
    relative = posixpath.relpath(target, posixpath.dirname(from_src_path) or ".")
    return relative + (f"#{anchor}" if anchor else "")
