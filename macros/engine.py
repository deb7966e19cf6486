"""The one module of the macros package that touches an engine: ProperDocs, MkDocs 1.x or Zensical.

Everything else in macros/ asks this module for what it needs from the engine that runs it:

- `BuildError`: the exception that stops a build with our message (the engine's `PluginError`);
- `file_url` and `relative_url`: a page's URL, and a link between two URLs, as the engine writes them;
- `split_front_matter`: a page's front matter, parsed as the engine parses it;
- `read_site_config`: the few configuration values `define_env` needs, with a clear error when the
  engine does not provide one;
- `adapt_env`: what a macros environment lacks under Zensical, added in one place;
- `makeExtension`: the step after a page's macros that Zensical's macros extension skips, as a Markdown
  extension that mkdocs-zensical.yml lists.

Under ProperDocs, `mkdocs.*` imports resolve to ProperDocs' own modules, so the engine that runs the build
answers. Where no MkDocs-compatible engine is importable (Zensical's own environment), the fallbacks
below follow MkDocs 1.6's rules; tests/test_engine_adapter.py holds them to MkDocs' answers.
"""

from __future__ import annotations

import posixpath
import re
from collections import ChainMap
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import yaml
from markdown import Extension
from markdown.preprocessors import Preprocessor

try:  # ProperDocs runs as `mkdocs` too (it aliases the name); plain MkDocs 1.x answers the same import.
    from mkdocs.exceptions import PluginError as BuildError
    from mkdocs.structure.files import File as _File
    from mkdocs.utils import get_relative_url as _get_relative_url
    from mkdocs.utils.meta import get_data as _get_data

    ENGINE = "mkdocs"
except ImportError:  # Zensical's environment: no MkDocs-compatible engine to import.
    _File = _get_relative_url = _get_data = None
    ENGINE = ""

    class BuildError(Exception):  # type: ignore[no-redef]
        """Stops the build with a message that names the file, the field and the fix."""


class ConfigError(ValueError):
    """The engine's configuration lacks a value the macros need."""


# --- URLs ------------------------------------------------------------------------------------------


def _fallback_url(path: str, directory_urls: bool) -> str:
    """MkDocs 1.6's `File.url` for a Markdown page or any other file (see mkdocs/structure/files.py)."""
    parent, filename = posixpath.split(path)
    stem, extension = posixpath.splitext(filename)
    if extension.lower() in {".md", ".markdown", ".mdown", ".mkdn", ".mkd"}:
        stem = "index" if stem == "README" else stem
        if not directory_urls or stem == "index":
            path = posixpath.join(parent, stem + ".html")
        else:
            path = posixpath.join(parent, stem, "index.html")
    dirname, filename = posixpath.split(path)
    if directory_urls and filename == "index.html":
        path = (dirname or ".") + "/"
    return quote(path)


def _norm_parts(path: str) -> list[str]:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


def _fallback_relative_url(url: str, other: str) -> str:
    """MkDocs 1.6's `get_relative_url`: `url` relative to the page at `other`."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _norm_parts(other), _norm_parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def file_url(path: str, directory_urls: bool) -> str:
    """The URL of the file at `path` (relative to docs/), relative to the site root."""
    if _File is None:
        return _fallback_url(path, directory_urls)
    return _File(path, None, "", directory_urls).url


def relative_url(url: str, other: str) -> str:
    """`url` made relative to the page whose URL is `other`."""
    return (_get_relative_url or _fallback_relative_url)(url, other)


# --- Front matter ----------------------------------------------------------------------------------

_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def _fallback_get_data(text: str) -> tuple[str, dict[str, Any]]:
    """MkDocs 1.6's YAML front matter rule; pages here use no MultiMarkdown metadata."""
    found = _YAML_FRONT_MATTER.match(text)
    if not found:
        return text, {}
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(data, dict):
        return text, {}
    return text[found.end() :].lstrip("\n"), data


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A page's front matter and the Markdown after it."""
    body, meta = (_get_data or _fallback_get_data)(text)
    return meta, body


# --- Configuration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteConfig:
    """What define_env reads from the engine's configuration."""

    root: Path
    docs_dir: Path
    site_name: str
    use_directory_urls: bool


def read_site_config(conf: Any) -> SiteConfig:
    """The project folder, docs folder, site name and URL style, from any engine's configuration.

    MkDocs and ProperDocs give `config_file_path` and an absolute `docs_dir`; Zensical's macros
    extension gives `root_dir` and may give `docs_dir` relative to it.
    """
    try:
        keys = set(conf.keys())
    except AttributeError as error:
        raise ConfigError(f"the macros received no configuration mapping but {type(conf).__name__}") from error
    if conf.get("config_file_path"):
        root = Path(conf["config_file_path"]).resolve().parent
    elif conf.get("root_dir"):
        root = Path(conf["root_dir"]).resolve()
    else:
        raise ConfigError(
            "the engine's configuration has neither 'config_file_path' (MkDocs, ProperDocs) nor 'root_dir' "
            f"(Zensical), so the macros cannot find data/ and pyproject.toml; keys given: {sorted(keys)}"
        )
    docs_dir = Path(conf.get("docs_dir") or "docs")
    docs_dir = docs_dir if docs_dir.is_absolute() else root / docs_dir
    if not docs_dir.is_dir():
        raise ConfigError(f"docs_dir {str(docs_dir)!r} is not a folder; set docs_dir in mkdocs.yml")
    site_name = conf.get("site_name")
    if not isinstance(site_name, str) or not site_name:
        raise ConfigError("the configuration has no site_name; set it in mkdocs.yml")
    return SiteConfig(root, docs_dir, site_name, bool(conf.get("use_directory_urls", True)))


# --- The macros environment ------------------------------------------------------------------------


def adapt_env(env: Any) -> None:
    """Give a Zensical macros environment what the macros read from an mkdocs-macros one.

    Zensical's page has `path` where MkDocs' has `file.src_path`, its environment has no Jinja
    environment (`env.env`) and no `extra` in a configuration without one. mkdocs-macros environments
    are left as they are.
    """
    if not type(env).__module__.startswith("zensical."):
        return
    page = getattr(env, "page", None)
    if page is not None and not hasattr(page, "file"):
        page.file = SimpleNamespace(src_path=page.path)
        _zensical_envs[page.path] = env
    env.conf.setdefault("extra", {})
    if not hasattr(env, "env"):
        import jinja2

        jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        # Macros registered after this call are found too: the globals read env.macros when rendering.
        jinja.globals = ChainMap(env.macros, dict(jinja.globals))
        env.env = jinja


# --- Zensical: the step after a page's macros ------------------------------------------------------

# The macros environment of each page Zensical renders, by page path, until the step below takes it.
_zensical_envs: dict[str, Any] = {}
# Zensical's macros preprocessor runs at priority 35; this one runs next, before the fenced code blocks (25).
AFTER_MACROS = 34


class _AfterMacros(Preprocessor):
    """Runs the package's `on_post_page_macros` on every page, after its macros.

    mkdocs-macros calls that function after each page; Zensical's macros extension does not call it, so
    without this step facts would lose their footnotes, and glossary terms their tooltips. On a page
    without macros, Zensical never loads the package, so this step sets up its environment itself.
    """

    def run(self, lines: list[str]) -> list[str]:
        from zensical.extensions.context import ContextPreprocessor
        from zensical.extensions.macros import MacroEnv

        import macros

        context = ContextPreprocessor.from_markdown(self.md)
        if context is None or context.page is None:
            return lines
        env = _zensical_envs.pop(context.page.path, None)
        if env is None:  # a page without `render_macros: true`
            env = MacroEnv(conf=context.config, page=context.page)
            macros.define_env(env)
            _zensical_envs.pop(context.page.path, None)
        env.markdown = "\n".join(lines)
        macros.on_post_page_macros(env)
        if context.page.path == "index.md":
            # Zensical's pages have no `is_homepage` in theme templates, so overrides/main.html cannot tell
            # the home page, which shows no reading time, from the others.
            context.page.meta.pop("reading_minutes", None)
        return env.markdown.split("\n")


class _AfterMacrosExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_AfterMacros(md), "playbook_after_macros", AFTER_MACROS)


def makeExtension(**kwargs: Any) -> Extension:
    """Python-Markdown's entry point, for `markdown_extensions: [macros.engine]` in mkdocs-zensical.yml."""
    return _AfterMacrosExtension(**kwargs)
