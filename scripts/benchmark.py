"""Measure the playbook: build time, page weight, our own bytes per page, PDF time and Lighthouse.

Usage: python scripts/benchmark.py [--runs 5] [--pdf] [--lighthouse] [--lighthouse-runs 3] [--json FILE]

Targets live here, not in unit tests: timings on shared machines are noisy, so the script reports
medians over several runs and says which targets were met. It exits 0 after measuring; it is a
measurement, not a gate.

With --lighthouse it builds a bare two-page Material site with the project's pinned Material, serves it
beside the playbook from the same gzip-serving local server, and runs Lighthouse (pinned in
scripts/lighthouse/, installed with `npm ci` on first use) against both in one run, so the playbook's
pages are compared with what Material itself costs on the same machine at the same moment.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hooks import assets as assets_hook  # noqa: E402
from scripts.serve_site import serve  # noqa: E402

DOCS_ASSETS = ROOT / "docs" / "assets"
LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PREFIX = "/playbook/"
BARE_PREFIX = "/bare/"
# The kinds of page the Lighthouse comparison covers: site-relative URL -> what it stands for.
MEASURED_PAGES = {
    "": "home",
    "assess/devops-foundations/": "checklist",
    "assess/report/": "report",
    "teams/roles/": "teams (diagrams, matrix)",
}
# Scripts of ours that only interactive pages need; a reading page should load none of them.
INTERACTIVE_SCRIPT_WORDS = ("checklist", "report", "team-view", "composition", "paths", "assessment", "action-plan")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AUDITS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "total-byte-weight": "bytes",
}
BARE_MKDOCS_YML = """site_name: Bare Material
site_url: http://127.0.0.1/bare/
theme:
  name: material
  font: false
  features: [navigation.instant]
nav:
  - Home: index.md
  - Second: second.md
"""
BARE_PAGE = """# {title}

A bare Material page, built with the playbook's pinned Material, as a yardstick for page speed.

## A section

Some text, a [link to the other page]({other}), and a list:

- one
- two
"""


def log(message: str) -> None:
    print(message, flush=True)


def mkdocs_build(config: Path, site_dir: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build of {config} failed:\n{result.stderr}")
    return elapsed


def html_pages(site_dir: Path) -> list[Path]:
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
    generated = relative.as_posix() in [assets_hook.BUNDLE] + [file for file, _ in assets_hook.DATA_SCRIPTS.values()]
    return relative.parts[0] == "assets" and ((ROOT / "docs" / relative).is_file() or generated)


def page_weights(site_dir: Path, page: Path) -> dict[str, object]:
    assets = page_assets(site_dir, page)
    ours = [asset for asset in assets if is_ours(site_dir, asset)]
    html = gzipped_size(page)
    return {
        "total": html + sum(gzipped_size(asset) for asset in assets),
        "own": html + sum(gzipped_size(asset) for asset in ours),
        "own_scripts": sorted(asset.name for asset in ours if asset.suffix == ".js"),
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
    files = sorted(DOCS_ASSETS.glob("javascripts/*.js")) + sorted(DOCS_ASSETS.glob("stylesheets/*.css"))
    return {path.relative_to(DOCS_ASSETS).as_posix(): gzipped_size(path) for path in files}


def pdf_times(runs: int) -> list[float]:
    times = []
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory() as scratch:
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "build_pdf.py"), scratch],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                sys.exit(f"PDF build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
            times.append(time.perf_counter() - started)
        log(f"pdf {run}/{runs}: {times[-1]:.1f} s")
    return times


def build_bare_site(scratch: Path, site_dir: Path) -> None:
    project = scratch / "bare-project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BARE_MKDOCS_YML, encoding="utf-8")
    (project / "docs" / "index.md").write_text(BARE_PAGE.format(title="Home", other="second.md"), encoding="utf-8")
    (project / "docs" / "second.md").write_text(BARE_PAGE.format(title="Second", other="index.md"), encoding="utf-8")
    mkdocs_build(project / "mkdocs.yml", site_dir)


def lighthouse_binary() -> Path | None:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        log("lighthouse: npm not found (apt-get install npm); skipping Lighthouse")
        return None
    log(f"lighthouse: npm ci in {LIGHTHOUSE_DIR} (versions pinned by its package-lock.json)")
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, capture_output=True, text=True
    )
    if result.returncode != 0:
        log(f"lighthouse: install failed; skipping\n{result.stderr[-2000:]}")
        return None
    return binary


def lighthouse_run(binary: Path, url: str) -> dict[str, float]:
    """One mobile Lighthouse run (its default preset: simulated throttling on an emulated phone)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
            f"--disable-component-update --disable-sync --no-first-run --user-data-dir={scratch}/profile",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(result.stderr[-2000:])
        data = json.loads(report.read_text(encoding="utf-8"))
    measures = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    for audit, name in AUDITS.items():
        measures[name] = data["audits"][audit]["numericValue"]
    measures["requests"] = len(data["audits"]["network-requests"]["details"]["items"])
    return measures


def median_run(binary: Path, url: str, runs: int) -> dict[str, float]:
    samples = [lighthouse_run(binary, url) for _ in range(runs)]
    return {name: statistics.median(sample[name] for sample in samples) for name in samples[0]}


def compare_with_bare(scratch: Path, site_dir: Path, runs: int) -> dict[str, object] | None:
    binary = lighthouse_binary()
    if binary is None:
        return None
    root = scratch / "served"
    shutil.move(str(site_dir), str(root / PREFIX.strip("/")))
    build_bare_site(scratch, root / BARE_PREFIX.strip("/"))
    results: dict[str, object] = {}
    with serve(root, "/", use_gzip=True) as url:
        targets = {"bare Material page": url + BARE_PREFIX.lstrip("/")}
        targets |= {label: url + PREFIX.lstrip("/") + page for page, label in MEASURED_PAGES.items()}
        for label, target in targets.items():
            log(f"lighthouse: {label} ({runs} mobile runs)")
            try:
                results[label] = median_run(binary, target, runs)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                results[label] = {"error": str(error)[-300:]}
    bare = results["bare Material page"]
    if "error" not in bare:
        for label, measures in results.items():
            if "error" in measures or label == "bare Material page":
                continue
            measures["ratio_to_bare"] = {
                name: round(measures[name] / bare[name], 2) if bare[name] else None
                for name in ("fcp_ms", "lcp_ms", "tbt_ms", "bytes", "requests")
            }
    return results


def print_lighthouse_table(results: dict[str, dict], own: dict[str, int] | None = None) -> None:
    """Medians, each with its ratio to the bare Material page measured in the same run, and our own bytes."""
    own = own or {}

    def ratio(m: dict, name: str) -> str:
        value = m.get("ratio_to_bare", {}).get(name)
        return f" (×{value:.2f})" if value is not None else ""

    log("| page | perf | a11y | best pr. | SEO | FCP | LCP | TBT | KiB | requests | own KiB (gzip) |")
    log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, m in results.items():
        if "error" in m:
            log(f"| {label} | error: {m['error'][:60]} |")
            continue
        own_kib = f"{own[label] / 1024:.1f}" if label in own else "–"
        log(
            f"| {label} | {m['performance']:.0f} | {m['accessibility']:.0f} | {m['best-practices']:.0f} "
            f"| {m['seo']:.0f} | {m['fcp_ms'] / 1000:.2f} s{ratio(m, 'fcp_ms')} "
            f"| {m['lcp_ms'] / 1000:.2f} s{ratio(m, 'lcp_ms')} | {m['tbt_ms']:.0f} ms{ratio(m, 'tbt_ms')} "
            f"| {m['bytes'] / 1024:.0f}{ratio(m, 'bytes')} | {m['requests']:.0f}{ratio(m, 'requests')} | {own_kib} |"
        )
    log("Absolute times vary with the machine's load; compare each page with the bare page of the same run.")


def lighthouse_checks(results: dict[str, dict]) -> dict[str, bool]:
    bare = results.get("bare Material page", {})
    checks = {}
    for label in MEASURED_PAGES.values():
        m = results.get(label, {})
        if "error" in m or "error" in bare or not m:
            checks[f"{label}: Lighthouse ran"] = False
            continue
        checks[f"{label}: mobile performance 100"] = m["performance"] >= 100
        checks[f"{label}: accessibility, best practices and SEO 100"] = all(
            m[name] >= 100 for name in ("accessibility", "best-practices", "seo")
        )
        checks[f"{label}: FCP and LCP within 0.2 s of bare Material"] = (
            m["fcp_ms"] - bare["fcp_ms"] <= 200 and m["lcp_ms"] - bare["lcp_ms"] <= 200
        )
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds to time (median reported)")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF build (3 runs, median)")
    parser.add_argument("--lighthouse", action="store_true", help="compare with a bare Material page in Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--json", type=Path, help="write the results to this file too")
    args = parser.parse_args()
    results: dict[str, object] = {}
    checks: dict[str, bool] = {}

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        site_dir = scratch / "site"
        times = []
        for run in range(1, args.runs + 1):
            times.append(mkdocs_build(ROOT / "mkdocs.yml", site_dir))
            log(f"build {run}/{args.runs}: {times[-1]:.2f} s")
        pages = html_pages(site_dir)
        median = statistics.median(times)
        results["build"] = {
            "runs": args.runs,
            "median_s": round(median, 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
            "pages": len(pages),
            "median_per_page_ms": round(1000 * median / len(pages), 1),
        }
        files = [path for path in site_dir.rglob("*") if path.is_file()]
        results["site"] = {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}
        weights = {site_relative_url(site_dir, page): page_weights(site_dir, page) for page in pages}
        results["page_weight_gzip_bytes"] = {
            "median_total": int(statistics.median(w["total"] for w in weights.values())),
            "median_own": int(statistics.median(w["own"] for w in weights.values())),
            "measured_pages": {url: weights[url] for url in MEASURED_PAGES if url in weights},
        }
        offenders = reading_pages_with_interactive_code(site_dir, weights)
        results["reading_pages_loading_interactive_code"] = offenders
        checks["reading pages load none of the interactive code"] = not offenders
        results["own_asset_gzip_bytes"] = own_asset_sizes()

        if args.pdf:
            pdf = pdf_times(3)
            results["pdf_s"] = {"median": round(statistics.median(pdf), 1), "runs": [round(t, 1) for t in pdf]}
            checks["PDF builds in under 60 s (median)"] = statistics.median(pdf) < 60

        if args.lighthouse:
            lighthouse = compare_with_bare(scratch, site_dir, args.lighthouse_runs)
            if lighthouse is not None:
                results["lighthouse_mobile_medians"] = lighthouse
                own = {label: weights[url]["own"] for url, label in MEASURED_PAGES.items() if url in weights}
                print_lighthouse_table(lighthouse, own)
                checks |= lighthouse_checks(lighthouse)

    print(json.dumps(results, indent=2))
    for name, met in checks.items():
        log(f"target {'met' if met else 'MISSED'}: {name}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
