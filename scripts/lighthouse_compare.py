"""Compare the playbook's pages with a bare Material page in Lighthouse, on the same machine, in one run.

Used by `scripts/benchmark.py --lighthouse`. It builds a bare two-page Material site with the project's
pinned Material, serves it beside the playbook from the same gzip-serving local server, and runs
Lighthouse (pinned in scripts/lighthouse/, installed with `npm ci` on first use) against both, so each
page is judged against what Material itself costs at the same moment. The pages are taken in turns, round
after round, and each page's targets are stated as ratios to the bare page's medians (`judge`).
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
# The target every measured page is judged by, relative to the bare Material page measured in the same run
# (medians of the runs, 5 by default), because absolute scores move with the machine's load.
PERF_POINTS_BEHIND_BARE = 3  # performance at most this many points below the bare page's median
TBT_RATIO_TO_BARE = 2.0  # total blocking time at most this multiple of the bare page's median
OTHER_CATEGORIES = ("accessibility", "best-practices", "seo")  # each must score 100
CATEGORIES = ["performance", *OTHER_CATEGORIES]
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


def summarise(samples: list[dict[str, float]]) -> dict[str, object]:
    """The median of each measure over Lighthouse runs of one URL, and the ranges of its performance
    score and its FCP.

    Lighthouse estimates FCP from the trace of one real load, and the estimate jumps by about half a
    second depending on whether that load painted before or after Material's bundle ran: the range
    shows when a median sits between the two. The score's range shows how far one page moves between
    runs on this machine, the bare Material page included.
    """
    medians: dict[str, object] = {name: statistics.median(sample[name] for sample in samples) for name in samples[0]}
    scores = [sample["performance"] for sample in samples]
    fcps = [sample["fcp_ms"] for sample in samples]
    medians["performance_range"] = [min(scores), max(scores)]
    medians["fcp_range_ms"] = [min(fcps), max(fcps)]
    return medians


def median_run(binary: Path, url: str, runs: int) -> dict[str, object]:
    """`summarise` over `runs` Lighthouse runs of one URL, one after the other."""
    return summarise([lighthouse_run(binary, url) for _ in range(runs)])


def alternating_runs(binary: Path, targets: dict[str, str], runs: int) -> dict[str, object]:
    """`summarise` for each labelled URL of `targets`, measured in `runs` rounds that visit every URL once
    in turn, so a burst of load on a shared machine falls on all pages alike, not on one page's runs.

    A URL whose run fails gets {"error": ...} and is left out of the later rounds.
    """
    samples: dict[str, list] = {label: [] for label in targets}
    errors: dict[str, dict] = {}
    for round_number in range(1, runs + 1):
        log(f"lighthouse: round {round_number}/{runs} over {len(targets) - len(errors)} pages")
        for label, target in targets.items():
            if label in errors:
                continue
            try:
                samples[label].append(lighthouse_run(binary, target))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                errors[label] = {"error": str(error)[-300:]}
    return {label: errors.get(label) or summarise(samples[label]) for label in targets}


def with_ratios(results: dict[str, dict]) -> dict[str, dict]:
    """Give every page but the bare one its `ratio_to_bare` for the timing and weight measures."""
    bare = results.get(BARE_LABEL, {})
    if "error" in bare or not bare:
        return results
    for label, measures in results.items():
        if "error" in measures or label == BARE_LABEL:
            continue
        measures["ratio_to_bare"] = {
            name: round(measures[name] / bare[name], 2) if bare[name] else None
            for name in ("fcp_ms", "lcp_ms", "tbt_ms", "bytes", "requests")
        }
    return results


def compare_with_bare(
    scratch: Path, site_dir: Path, runs: int, variants: dict[str, Path] | None = None
) -> dict[str, object] | None:
    """Lighthouse medians for the bare Material page and each of MEASURED_PAGES, keyed by label, each
    playbook page with its `ratio_to_bare`; None if Lighthouse is unavailable.

    The built playbook is moved from `site_dir` into `scratch`, where it is served beside the bare site.
    `variants` are other built copies of the playbook (name -> folder, e.g. the site before a change),
    served beside it; their pages are measured in the same rounds and labelled "name: page".
    A page whose runs fail gets {"error": ...} instead of measures.
    """
    binary = lighthouse_binary()
    if binary is None:
        return None
    root = scratch / "served"
    shutil.move(str(site_dir), str(root / PREFIX.strip("/")))
    build_bare_site(scratch, root / BARE_PREFIX.strip("/"))
    for name, folder in (variants or {}).items():
        shutil.copytree(folder, root / "variant" / name)
    with serve(root, "/", use_gzip=True) as url:
        targets = {BARE_LABEL: url + BARE_PREFIX.lstrip("/")}
        for page, label in MEASURED_PAGES.items():
            for name in variants or {}:
                targets[f"{name}: {label}"] = f"{url}variant/{name}/{page}"
            targets[label] = url + PREFIX.lstrip("/") + page
        log(f"lighthouse: {runs} rounds of mobile runs over {len(targets)} pages, taken in turns")
        results = alternating_runs(binary, targets, runs)
    return with_ratios(results)


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


def judge(page: dict, bare: dict) -> dict[str, bool]:
    """Whether one page's medians meet each target, judged against the bare page's medians of the same run.

    Performance may be up to PERF_POINTS_BEHIND_BARE points below the bare page (a page above it meets
    the target); total blocking time may be up to TBT_RATIO_TO_BARE times the bare page's, so a bare page
    that blocks for 0 ms leaves the page no blocking time at all; every other category must be 100.
    """
    return {
        f"performance within {PERF_POINTS_BEHIND_BARE} points of bare": (
            page["performance"] >= bare["performance"] - PERF_POINTS_BEHIND_BARE
        ),
        f"TBT at most {TBT_RATIO_TO_BARE:g}× bare": page["tbt_ms"] <= TBT_RATIO_TO_BARE * bare["tbt_ms"],
        "accessibility, best practices and SEO 100": all(page[name] >= 100 for name in OTHER_CATEGORIES),
    }


def verdict(met: bool) -> str:
    return "met" if met else "missed"


def print_target_table(results: dict[str, dict]) -> None:
    """Each page's targets as ratios to the bare page of the same run, with met or missed for each."""
    bare = results.get(BARE_LABEL, {})
    if "error" in bare or not bare:
        log("targets: not judged, the bare Material page has no measures in this run")
        return
    log(
        f"Targets, against the bare page of this run (perf {bare['performance']:.0f}, TBT {bare['tbt_ms']:.0f} ms): "
        f"perf at most {PERF_POINTS_BEHIND_BARE} points behind, TBT at most ×{TBT_RATIO_TO_BARE:g}, "
        "accessibility, best practices and SEO 100."
    )
    log("| page | perf (vs bare) | perf target | TBT (×bare) | TBT target | a11y / BP / SEO | 100s target |")
    log("| --- | --- | --- | --- | --- | --- | --- |")
    for label, m in results.items():
        if label == BARE_LABEL:
            continue
        if "error" in m:
            log(f"| {label} | error | missed | | missed | | missed |")
            continue
        perf_met, tbt_met, others_met = judge(m, bare).values()
        tbt_ratio = m.get("ratio_to_bare", {}).get("tbt_ms")
        tbt = f"{m['tbt_ms']:.0f} ms (×{tbt_ratio:.2f})" if tbt_ratio is not None else f"{m['tbt_ms']:.0f} ms"
        others = " / ".join(f"{m[name]:.0f}" for name in OTHER_CATEGORIES)
        log(
            f"| {label} | {m['performance']:.0f} ({m['performance'] - bare['performance']:+.0f}) | {verdict(perf_met)} "
            f"| {tbt} | {verdict(tbt_met)} | {others} | {verdict(others_met)} |"
        )


def lighthouse_checks(results: dict[str, dict]) -> dict[str, bool]:
    """The Lighthouse targets, each named, for every page of MEASURED_PAGES: met (True) or missed."""
    bare = results.get(BARE_LABEL, {})
    checks = {}
    for label in MEASURED_PAGES.values():
        m = results.get(label, {})
        if "error" in m or "error" in bare or not m or not bare:
            checks[f"{label}: Lighthouse ran"] = False
            continue
        checks |= {f"{label}: {target}": met for target, met in judge(m, bare).items()}
    return checks
