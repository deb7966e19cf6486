"""Every #fragment link in a built site must name an id on the page it points to.

linkchecker checks that every link reaches a page. Its AnchorCheck plugin would check fragments too,
but it fetches and parses a page once per distinct fragment: about 700 extra page loads on this site,
ten times the cost of the crawl itself. This check reads each page once, for the served site and for
the offline bundle alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    # (line, href) of every link that carries a fragment
    links: list[tuple[int, str]] = field(default_factory=list)


class _Reader(HTMLParser):
    """Ids (and the old `<a name>`) a fragment can land on, and the links that name a fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.page = _Page()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            elif name in ("href", "xlink:href") and "#" in value:
                self.page.links.append((self.getpos()[0], value))


def _read(path: Path) -> _Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def dead_anchors(folder: Path) -> list[str]:
    """Fragment links in the folder's pages whose target page has no such id, as 'page:line: href'.

    Links are resolved as a browser would from the page's own file, so this serves a site built with
    directory URLs (`a/` means `a/index.html`) and the offline bundle alike. Links that leave the folder
    or reach no HTML file are linkchecker's business and are skipped here.
    """
    root = folder.resolve()
    base = root.as_uri() + "/"
    pages = {path: _read(path) for path in sorted(root.rglob("*.html"))}
    dead = []
    for path, page in pages.items():
        for line, href in page.links:
            target = urljoin(path.as_uri(), href)
            parts = urlsplit(target)
            if parts.scheme != "file" or not target.startswith(base) or not parts.fragment:
                continue
            # A `#share=…` fragment carries answers for the report's script (the worked examples link
            # to it); it names state, not an element, and no id here contains "=".
            if parts.fragment.startswith("share="):
                continue
            file = Path(unquote(parts.path))
            if file.is_dir():
                file = file / "index.html"
            if file not in pages:
                continue
            if unquote(parts.fragment) not in pages[file].ids:
                dead.append(f"{path.relative_to(root)}:{line}: {href}")
    return dead
