"""Measure the playbook: build time, site size, page weight and (optionally) Lighthouse scores.

Usage: python scripts/benchmark.py [--runs 5] [--lighthouse] [--json results.json]

Targets live here, not in unit tests: timings on shared machines are noisy, so the script reports
medians over several runs and says which targets were met. It exits 0 after measuring; it is a
measurement, not a gate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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

from scripts.serve_site import serve  # noqa: E402

JAVASCRIPTS = ROOT / "docs" / "assets" / "javascripts"
# The checklist behaviour a reader downloads on a checklist page (target: at most 10 KB gzipped).
CHECKLIST_SCRIPTS = ["storage.js", "dom.js", "assessment.js", "checklist.js", "playbook.js"]
SYNTHETIC_ITEMS = 500
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
KEY_PAGES = ["", "how-to-use/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PREFIX = "/playbook/"


def log(message: str) -> None:
    print(message, flush=True)


def build_once(site_dir: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr}")
    return elapsed


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("index.html"))


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "link" and attributes.get("rel") == "stylesheet" and attributes.get("href"):
            self.urls.append(attributes["href"])


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(site_dir: Path, page: Path) -> int:
    """Bytes over the wire, gzipped, for the page's HTML plus the CSS and JS it loads."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    page_url = "/" + page.relative_to(site_dir).as_posix()
    total = gzipped_size(page)
    for url in parser.urls:
        if urlsplit(url).netloc:
            continue
        asset = site_dir / urljoin(page_url, urlsplit(url).path).lstrip("/")
        if asset.is_file():
            total += gzipped_size(asset)
    return total


def own_javascript_sizes() -> dict[str, int]:
    sizes = {path.name: gzipped_size(path) for path in sorted(JAVASCRIPTS.glob("*.js"))}
    sizes["checklist behaviour total"] = sum(sizes[name] for name in CHECKLIST_SCRIPTS)
    return sizes


RESCORE_SCRIPT = """
([items, rounds]) => {
  const sections = []
  for (let s = 0; s < items / 20; s++) {
    const sectionItems = []
    for (let i = 0; i < 20; i++) {
      const n = s * 20 + i
      sectionItems.push({id: "item-" + n, title: "Item " + n, weight: 1 + (n % 3), critical: n % 7 === 0,
        requires: n > 10 ? ["item-" + (n - 10)] : [], replaces: []})
    }
    sections.push({id: "section-" + s, title: "Section " + s, items: sectionItems})
  }
  const model = {checklists: [{id: "synthetic", title: "Synthetic", passScore: 0.7, sections}],
    levels: [{id: "a", conditions: []},
             {id: "b", conditions: [{checklist: "synthetic", min_score: 0.7, critical_met: true}]}],
    nextActions: 5}
  const answers = {}
  const timings = []
  for (let round = 0; round < rounds; round++) {
    answers["item-" + (round % items)] = round % 2 ? "yes" : "na"
    const started = performance.now()
    MRP.assessment.scoreChecklist(model.checklists[0], answers)
    MRP.assessment.blockedItems(model, answers)
    MRP.assessment.verdict(model, answers)
    timings.push(performance.now() - started)
  }
  timings.sort((a, b) => a - b)
  return {median: timings[Math.floor(timings.length / 2)], p95: timings[Math.floor(timings.length * 0.95)]}
}
"""


def rescoring_time(rounds: int = 200) -> dict[str, float] | None:
    """Median and 95th percentile milliseconds to re-score a synthetic checklist in Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        log("rescoring: Playwright is not installed; skipping")
        return None
    if not Path(CHROMIUM).exists():
        log(f"rescoring: no Chromium at {CHROMIUM}; skipping")
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page()
        page.set_content("<!doctype html><title>bench</title>")
        page.add_script_tag(path=str(JAVASCRIPTS / "assessment.js"))
        result = page.evaluate(RESCORE_SCRIPT, [SYNTHETIC_ITEMS, rounds])
        browser.close()
    return {name: round(value, 3) for name, value in result.items()}


def lighthouse_binary() -> Path | None:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        log("lighthouse: npm not found; skipping Lighthouse")
        return None
    log(f"lighthouse: installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR}")
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(LIGHTHOUSE_DIR),
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log(f"lighthouse: install failed; skipping\n{result.stderr[-2000:]}")
        return None
    return binary


def lighthouse_scores(binary: Path, url: str, form_factor: str) -> dict[str, int]:
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
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(result.stderr[-2000:])
        data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds to time (median reported)")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (installs it via npm)")
    parser.add_argument("--json", type=Path, help="write the results to this file too")
    args = parser.parse_args()
    results: dict[str, object] = {}

    with tempfile.TemporaryDirectory() as scratch:
        site_dir = Path(scratch) / "site"
        times = []
        for run in range(1, args.runs + 1):
            times.append(build_once(site_dir))
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
        weights = {page.parent.relative_to(site_dir).as_posix(): page_weight(site_dir, page) for page in pages}
        results["page_weight_gzip_bytes"] = {
            "median": int(statistics.median(weights.values())),
            "max": max(weights.values()),
            "by_page": weights,
        }

        results["own_javascript_gzip_bytes"] = own_javascript_sizes()
        log(f"rescoring: {SYNTHETIC_ITEMS} synthetic items in Chromium")
        results["rescore_500_items_ms"] = rescoring_time()

        if args.lighthouse:
            binary = lighthouse_binary()
            if binary is not None:
                shutil.move(str(site_dir), str(Path(scratch) / "root"))
                lighthouse = {}
                with serve(Path(scratch) / "root", PREFIX, use_gzip=True) as url:
                    for page in KEY_PAGES:
                        for form_factor in ("mobile", "desktop"):
                            log(f"lighthouse: {form_factor} {page or 'home'}")
                            try:
                                lighthouse[f"{form_factor} {page or 'home'}"] = lighthouse_scores(
                                    binary, url + page, form_factor
                                )
                            except (RuntimeError, subprocess.TimeoutExpired) as error:
                                lighthouse[f"{form_factor} {page or 'home'}"] = {"error": str(error)[-300:]}
                results["lighthouse"] = lighthouse

    print(json.dumps(results, indent=2))
    checks = {
        "checklist JavaScript <= 10 KB gzipped": results["own_javascript_gzip_bytes"]["checklist behaviour total"]
        <= 10 * 1024,
    }
    if results["rescore_500_items_ms"]:
        checks["re-scoring 500 items < 16 ms (median)"] = results["rescore_500_items_ms"]["median"] < 16
    for name, met in checks.items():
        log(f"target {'met' if met else 'MISSED'}: {name}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
