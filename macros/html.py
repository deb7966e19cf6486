"""HTML through autoescaping Jinja2 templates (one small template per widget), and page URLs."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .engine import file_url
from .engine import relative_url as _engine_relative_url

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


# MkDocs' own setting, read for every page: the offline plugin turns directory URLs off after the macros
# load, so the value at start-up is not the one pages are built with (see macros/__init__.py).
_directory_urls = True


def use_directory_urls(enabled: bool) -> None:
    """Make every URL below follow the site's `use_directory_urls` setting."""
    global _directory_urls
    _directory_urls = bool(enabled)


def _file_url(path: str, directory_urls: bool | None) -> str:
    return file_url(path, _directory_urls if directory_urls is None else directory_urls)


def page_url(src_path: str, directory_urls: bool | None = None) -> str:
    """A page's URL relative to the site root, as MkDocs' `Page.url` gives it ('' for the home page
    with directory URLs, 'index.html' without), keeping any #anchor."""
    path, _, anchor = src_path.partition("#")
    url = _file_url(path, directory_urls)
    return ("" if url == "./" else url) + (f"#{anchor}" if anchor else "")


def relative_url(from_src_path: str, to_src_path: str, directory_urls: bool | None = None) -> str:
    """A link from one page to another as MkDocs writes it (`File.url` made relative to the page),
    so it works with or without directory URLs, under any path and from a folder."""
    target, _, anchor = to_src_path.partition("#")
    here = _file_url(from_src_path.partition("#")[0], directory_urls)
    return _engine_relative_url(_file_url(target, directory_urls), here) + (f"#{anchor}" if anchor else "")


def relative_source_path(from_src_path: str, to_src_path: str) -> str:
    """A Markdown link target between two pages under docs/; MkDocs then checks and converts it."""
    target, _, anchor = to_src_path.partition("#")
    relative = posixpath.relpath(target, posixpath.dirname(from_src_path) or ".")
    return relative + (f"#{anchor}" if anchor else "")
