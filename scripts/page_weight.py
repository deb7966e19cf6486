"""Page weight of a built site: which CSS and JS each page loads, and how many gzipped bytes are ours.

Used by scripts/benchmark.py. A page's assets are the local scripts and stylesheets its HTML names plus
the scripts that playbook.js's component registry adds for the widgets on the page. "Ours" means this
repository's own CSS and JS (docs/assets, or made from it by hooks/assets.py), as opposed to Material's
bundles.
"""

from __future__ import annotations

import gzip
import re
import statistics
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from hooks import assets as assets_hook
from scripts.project import ROOT

DOCS_ASSETS = ROOT / "docs" / "assets"
# Scripts of ours that only interactive pages need; a reading page should load none of them.
INTERACTIVE_SCRIPT_WORDS = ("checklist", "report", "team-view", "composition", "paths", "assessment", "action-plan")


def html_pages(site_dir: Path) -> list[Path]:
    """Every page of a built site (its index.html files), sorted."""
    return sorted(site_dir.rglob("index.html"))


class _Assets(HTMLParser):
    """The script and stylesheet URLs of a page, and each element's tag, classes and attribute names."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.elements: list[tuple[str, set[str], set[str]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, set((attributes.get("class") or "").split()), set(attributes)))
        if tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "link" and attributes.get("rel") == "stylesheet" and attributes.get("href"):
            self.urls.append(attributes["href"])


def playbook_components(source: str) -> list[dict[str, object]]:
    """The component registry of playbook.js: name, selectors and the script files each one loads.

    playbook.js adds these scripts at run time, so a page's HTML does not name them; the benchmark reads
    the registry to count them in each page's own bytes. Only the selector forms the registry uses are
    understood: `tag.class` and `[attribute]`.
    """
    shared = re.search(r"const ASSESSMENT = \[([^\]]*)\]", source)
    assessment = re.findall(r'"([^"]+\.js)"', shared.group(1)) if shared else []
    components = []
    for match in re.finditer(r'name: "([^"]+)",\s*selector: "([^"]+)",(.*?)mount:', source, re.S):
        body = match.group(3)
        scripts = re.findall(r'"([^"]+\.js)"', body.split("scripts:", 1)[1])
        if "ASSESSMENT" in body.split("scripts:", 1)[1]:
            scripts = assessment + scripts
        components.append(
            {
                "name": match.group(1),
                "selectors": [part.strip() for part in match.group(2).split(",")],
                "scripts": scripts,
            }
        )
    return components


def _matches(selector: str, element: tuple[str, set[str], set[str]]) -> bool:
    tag, classes, attributes = element
    if selector.startswith("["):
        return selector.strip("[]") in attributes
    wanted_tag, _, wanted_class = selector.partition(".")
    return tag == wanted_tag and (not wanted_class or wanted_class in classes)


def gzipped_size(path: Path) -> int:
    """The file's size in bytes after gzip at level 6 (the gzip tool's default)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def site_relative_url(site_dir: Path, page: Path) -> str:
    """'' for the home page, 'teams/roles/' for teams/roles/index.html."""
    folder = page.parent.relative_to(site_dir).as_posix()
    return "" if folder == "." else folder + "/"


def page_assets(site_dir: Path, page: Path) -> list[Path]:
    """The local CSS and JS files a page loads: named in its HTML, or added by playbook.js's registry
    for the widgets on the page (for a first-time reader: no chosen reading path)."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    page_url = "/" + page.relative_to(site_dir).as_posix()
    urls = list(parser.urls)
    entry = next((url for url in urls if urlsplit(url).path.endswith("javascripts/playbook.js")), None)
    registry = site_dir / "assets" / "javascripts" / "playbook.js"
    if entry and registry.is_file():
        for component in playbook_components(registry.read_text(encoding="utf-8")):
            if any(_matches(sel, el) for sel in component["selectors"] for el in parser.elements):
                added = [urljoin(urljoin(page_url, entry), name) for name in component["scripts"]]
                urls += [url for url in added if url not in urls]
    found = []
    for url in urls:
        if urlsplit(url).netloc:
            continue
        asset = site_dir / urljoin(page_url, urlsplit(url).path).lstrip("/")
        if asset.is_file():
            found.append(asset)
    return found


def is_ours(site_dir: Path, asset: Path) -> bool:
    """True for CSS and JS of this repository (docs/assets, or made from it by hooks/assets.py), false
    for Material's bundles."""
    relative = asset.relative_to(site_dir)
    generated = relative.as_posix() in [*assets_hook.BUNDLES] + [file for file, _ in assets_hook.DATA_SCRIPTS.values()]
    return relative.parts[0] == "assets" and ((ROOT / "docs" / relative).is_file() or generated)


def page_weights(site_dir: Path, page: Path) -> dict[str, object]:
    """One page's gzipped bytes: `total` (HTML and every asset), `own` (HTML and our assets) and
    `own_scripts`, the names of our scripts it loads."""
    assets = page_assets(site_dir, page)
    ours = [asset for asset in assets if is_ours(site_dir, asset)]
    html = gzipped_size(page)
    return {
        "total": html + sum(gzipped_size(asset) for asset in assets),
        "own": html + sum(gzipped_size(asset) for asset in ours),
        "own_scripts": sorted(asset.name for asset in ours if asset.suffix == ".js"),
    }


def site_page_weights(site_dir: Path, pages: Iterable[Path]) -> dict[str, dict]:
    """`page_weights` of each page, keyed by its site-relative URL ('' for the home page)."""
    return {site_relative_url(site_dir, page): page_weights(site_dir, page) for page in pages}


def weight_summary(weights: dict[str, dict], detailed: Iterable[str]) -> dict[str, object]:
    """Median total and own bytes over all pages, and the full weights of the `detailed` URLs that exist."""
    return {
        "median_total": int(statistics.median(w["total"] for w in weights.values())),
        "median_own": int(statistics.median(w["own"] for w in weights.values())),
        "measured_pages": {url: weights[url] for url in detailed if url in weights},
    }


def reading_pages_with_interactive_code(site_dir: Path, weights: dict[str, dict]) -> list[str]:
    """Pages whose content has no widget of ours but that still load interactive scripts."""
    offenders = []
    for url, weight in weights.items():
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        article = html[html.find("<article") : html.rfind("</article>")]
        if "data-mrp-" in article:
            continue
        loaded = [name for name in weight["own_scripts"] if any(word in name for word in INTERACTIVE_SCRIPT_WORDS)]
        if loaded:
            offenders.append(f"{url or 'home'}: {', '.join(loaded)}")
    return offenders


def own_asset_sizes() -> dict[str, int]:
    """Gzipped bytes of each of our source scripts and stylesheets under docs/assets."""
    files = sorted(DOCS_ASSETS.glob("javascripts/*.js")) + sorted(DOCS_ASSETS.glob("stylesheets/*.css"))
    return {path.relative_to(DOCS_ASSETS).as_posix(): gzipped_size(path) for path in files}
