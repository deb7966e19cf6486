"""Compare the playbook's pages with a bare Material page in Lighthouse, on the same machine, in one run.

Used by `scripts/benchmark.py --lighthouse`. It builds a bare two-page Material site with the project's
pinned Material, serves it beside the playbook from the same gzip-serving local server, and runs
Lighthouse (pinned in scripts/lighthouse/, installed with `npm ci` on first use) against both, so each
page is judged against what Material itself costs at the same moment.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.project import ROOT, build
from scripts.serve_site import serve

LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PREFIX = "/playbook/"
BARE_PREFIX = "/bare/"
BARE_LABEL = "bare Material page"
# The kinds of page the Lighthouse comparison covers: site-relative URL -> what it stands for.
MEASURED_PAGES = {
    "": "home",
    "assess/devops-foundations/": "checklist",
    "assess/report/": "report",
    "teams/roles/": "teams (diagrams, matrix)",
}
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


def build_bare_site(scratch: Path, site_dir: Path) -> None:
    """Write the bare two-page Material project under `scratch` and build it strictly into `site_dir`."""
    project = scratch / "bare-project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(BARE_MKDOCS_YML, encoding="utf-8")
    (project / "docs" / "index.md").write_text(BARE_PAGE.format(title="Home", other="second.md"), encoding="utf-8")
    (project / "docs" / "second.md").write_text(BARE_PAGE.format(title="Second", other="index.md"), encoding="utf-8")
    result = build(site_dir, project_dir=project)
    if result.returncode != 0:
        sys.exit(f"build of {project / 'mkdocs.yml'} failed:\n{result.stderr}")


def lighthouse_binary() -> Path | None:
    """The pinned Lighthouse, installed with `npm ci` if missing; None (and a message) if it cannot be."""
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


def median_run(binary: Path, url: str, runs: int) -> dict[str, object]:
    """The median of each measure over `runs` Lighthouse runs of one URL, and the ranges of its
    performance score and its FCP.

    Lighthouse estimates FCP from the trace of one real load, and the estimate jumps by about half a
    second depending on whether that load painted before or after Material's bundle ran: the range
    shows when a median sits between the two. The score's range shows how far one page moves between
    runs on this machine, the bare Material page included.
    """
    samples = [lighthouse_run(binary, url) for _ in range(runs)]
    medians: dict[str, object] = {name: statistics.median(sample[name] for sample in samples) for name in samples[0]}
    scores = [sample["performance"] for sample in samples]
    fcps = [sample["fcp_ms"] for sample in samples]
    medians["performance_range"] = [min(scores), max(scores)]
    medians["fcp_range_ms"] = [min(fcps), max(fcps)]
    return medians


def compare_with_bare(scratch: Path, site_dir: Path, runs: int) -> dict[str, object] | None:
    """Lighthouse medians for the bare Material page and each of MEASURED_PAGES, keyed by label, each
    playbook page with its `ratio_to_bare`; None if Lighthouse is unavailable.

    The built playbook is moved from `site_dir` into `scratch`, where it is served beside the bare site.
    A page whose runs fail gets {"error": ...} instead of measures.
    """
    binary = lighthouse_binary()
    if binary is None:
        return None
    root = scratch / "served"
    shutil.move(str(site_dir), str(root / PREFIX.strip("/")))
    build_bare_site(scratch, root / BARE_PREFIX.strip("/"))
    results: dict[str, object] = {}
    with serve(root, "/", use_gzip=True) as url:
        targets = {BARE_LABEL: url + BARE_PREFIX.lstrip("/")}
        targets |= {label: url + PREFIX.lstrip("/") + page for page, label in MEASURED_PAGES.items()}
        for label, target in targets.items():
            log(f"lighthouse: {label} ({runs} mobile runs)")
            try:
                results[label] = median_run(binary, target, runs)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                results[label] = {"error": str(error)[-300:]}
    bare = results[BARE_LABEL]
    if "error" not in bare:
        for label, measures in results.items():
            if "error" in measures or label == BARE_LABEL:
                continue
            measures["ratio_to_bare"] = {
                name: round(measures[name] / bare[name], 2) if bare[name] else None
                for name in ("fcp_ms", "lcp_ms", "tbt_ms", "bytes", "requests")
            }
    return results


def print_lighthouse_table(results: dict[str, dict], own: dict[str, int] | None = None) -> None:
    """Medians, each with its ratio to the bare Material page measured in the same run, the range of the
    performance score and of FCP over the runs, and our own bytes."""
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
        low, high = m["fcp_range_ms"]
        fcp_runs = f"runs {low / 1000:.2f}–{high / 1000:.2f}"
        worst, best = m["performance_range"]
        perf_runs = f", runs {worst:.0f}–{best:.0f}" if worst != best else ""
        log(
            f"| {label} | {m['performance']:.0f}{perf_runs} | {m['accessibility']:.0f} | {m['best-practices']:.0f} "
            f"| {m['seo']:.0f} | {m['fcp_ms'] / 1000:.2f} s{ratio(m, 'fcp_ms')}, {fcp_runs} "
            f"| {m['lcp_ms'] / 1000:.2f} s{ratio(m, 'lcp_ms')} | {m['tbt_ms']:.0f} ms{ratio(m, 'tbt_ms')} "
            f"| {m['bytes'] / 1024:.0f}{ratio(m, 'bytes')} | {m['requests']:.0f}{ratio(m, 'requests')} | {own_kib} |"
        )
    log("Absolute times vary with the machine's load; compare each page with the bare page of the same run.")


def lighthouse_checks(results: dict[str, dict]) -> dict[str, bool]:
    """The Lighthouse targets, each named, for every page of MEASURED_PAGES: met (True) or missed."""
    bare = results.get(BARE_LABEL, {})
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
