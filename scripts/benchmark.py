"""Measure the playbook: build time, page weight, our own bytes per page, PDF time and Lighthouse.

Usage: python scripts/benchmark.py [--runs 5] [--pdf] [--lighthouse] [--lighthouse-runs 5]
                                   [--versus NAME=SITE_DIR ...] [--json FILE]

Targets live here, not in unit tests: timings on shared machines are noisy, so the script reports
medians over several runs and says which targets were met. It exits 0 after measuring; it is a
measurement, not a gate.

This file times the builds and prints the report. Page weight is measured by scripts/page_weight.py;
with --lighthouse, scripts/lighthouse_compare.py compares the playbook's pages with a bare Material page
served beside them from the same local server, in one run, and judges each page against its targets,
stated as ratios to the bare page (see lighthouse_compare.judge). --versus serves another build of the
playbook beside it, such as the site before a change, and measures its pages in the same rounds.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts import lighthouse_compare, page_weight  # noqa: E402
from scripts.project import ROOT, build  # noqa: E402


def log(message: str) -> None:
    print(message, flush=True)


def timed_build(site_dir: Path) -> float:
    """Seconds taken by one strict build of the playbook into `site_dir`; exits if the build fails."""
    started = time.perf_counter()
    result = build(site_dir)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build of {ROOT / 'mkdocs.yml'} failed:\n{result.stderr}")
    return elapsed


def build_times(site_dir: Path, runs: int) -> list[float]:
    """Build the playbook `runs` times into `site_dir`, printing each time; the site stays there."""
    times = []
    for run in range(1, runs + 1):
        times.append(timed_build(site_dir))
        log(f"build {run}/{runs}: {times[-1]:.2f} s")
    return times


def pdf_times(runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each of `runs` PDF builds (scripts/build_pdf.py); exits if one fails.

    CPU time is the steadier figure on a shared machine: the build runs on one core.
    """
    walls, cpus = [], []
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory() as scratch:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "build_pdf.py"), scratch],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if result.returncode != 0:
                sys.exit(f"PDF build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
            cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        log(f"pdf {run}/{runs}: {walls[-1]:.1f} s ({cpus[-1]:.1f} s CPU)")
    return walls, cpus


def build_summary(times: list[float], pages: int) -> dict[str, object]:
    """Median, fastest and slowest build in seconds, and the median per page in milliseconds."""
    median = statistics.median(times)
    return {
        "runs": len(times),
        "median_s": round(median, 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "pages": pages,
        "median_per_page_ms": round(1000 * median / pages, 1),
    }


def site_size(site_dir: Path) -> dict[str, int]:
    """How many files the built site holds, and their bytes on disk."""
    files = [path for path in site_dir.rglob("*") if path.is_file()]
    return {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}


def print_report(results: dict[str, object], checks: dict[str, bool], json_file: Path | None) -> None:
    """Print the results as JSON and each target as met or MISSED; write the JSON to `json_file` too."""
    print(json.dumps(results, indent=2))
    for name, met in checks.items():
        log(f"target {'met' if met else 'MISSED'}: {name}")
    if json_file:
        json_file.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def versus_site(spec: str) -> tuple[str, Path]:
    """NAME and folder of a --versus NAME=SITE_DIR argument; exits if the folder holds no built site."""
    name, _, folder = spec.partition("=")
    if not name.isidentifier() or not (Path(folder) / "index.html").is_file():
        sys.exit(f"--versus {spec}: expected NAME=SITE_DIR, a simple name and a built site's folder")
    return name, Path(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds to time (median reported)")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF build (3 runs, median)")
    parser.add_argument("--lighthouse", action="store_true", help="compare with a bare Material page in Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (median)")
    parser.add_argument(
        "--versus",
        action="append",
        default=[],
        metavar="NAME=SITE_DIR",
        help="with --lighthouse, also measure this built copy of the playbook in the same rounds",
    )
    parser.add_argument("--json", type=Path, help="write the results to this file too")
    args = parser.parse_args()
    variants = dict(versus_site(spec) for spec in args.versus)
    measured = lighthouse_compare.MEASURED_PAGES
    results: dict[str, object] = {}
    checks: dict[str, bool] = {}

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        site_dir = scratch / "site"
        times = build_times(site_dir, args.runs)
        pages = page_weight.html_pages(site_dir)
        results["build"] = build_summary(times, len(pages))
        results["site"] = site_size(site_dir)
        weights = page_weight.site_page_weights(site_dir, pages)
        results["page_weight_gzip_bytes"] = page_weight.weight_summary(weights, measured)
        offenders = page_weight.reading_pages_with_interactive_code(site_dir, weights)
        results["reading_pages_loading_interactive_code"] = offenders
        checks["reading pages load none of the interactive code"] = not offenders
        results["own_asset_gzip_bytes"] = page_weight.own_asset_sizes()

        if args.pdf:
            walls, cpus = pdf_times(3)
            results["pdf_s"] = {"median": round(statistics.median(walls), 1), "runs": [round(t, 1) for t in walls]}
            results["pdf_cpu_s"] = {"median": round(statistics.median(cpus), 1), "runs": [round(t, 1) for t in cpus]}
            checks["PDF builds in well under a minute (median under 50 s)"] = statistics.median(walls) < 50

        if args.lighthouse:
            lighthouse = lighthouse_compare.compare_with_bare(scratch, site_dir, args.lighthouse_runs, variants)
            if lighthouse is not None:
                results["lighthouse_mobile_medians"] = lighthouse
                own = {label: weights[url]["own"] for url, label in measured.items() if url in weights}
                lighthouse_compare.print_lighthouse_table(lighthouse, own)
                lighthouse_compare.print_target_table(lighthouse)
                checks |= lighthouse_compare.lighthouse_checks(lighthouse)

    print_report(results, checks, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
