"""Build the website and the whole playbook as one PDF (mkdocs-pdf.yml), offline, in one strict build.

Usage: python scripts/build_pdf.py [SITE_DIR]   (default: site)
Prints progress while WeasyPrint renders, then where the PDF is, its page count and how long it took,
both on the clock and in CPU time (the steadier figure on a busy machine: the build uses one core).
Exits non-zero when the build or the PDF fails, including any WeasyPrint error (a missing image,
a broken internal link).
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.project import ROOT, build_command, build_environment  # noqa: E402

PDF_PATH = "pdf/mlops-readiness-playbook.pdf"
# Lines worth showing while the build runs; the rest is mkdocs-macros chatter.
PROGRESS_MARKERS = ("Building documentation", "Generating", "Rendering", "Output a PDF", "took", "WARNING", "ERROR")
# The line print/pdf_hooks.py logs once WeasyPrint has laid the book out (PAGE_COUNT_MESSAGE there).
PAGE_COUNT = re.compile(r"The book has (\d+) pages\.")


def build_pdf(site_dir: Path, echo=print, html_path: str = "") -> tuple[Path, float, list[str]]:
    """Run the strict PDF build; returns the PDF path, seconds taken and the build log.

    `html_path` (relative to the site folder) keeps the combined HTML WeasyPrint rendered."""
    env = build_environment(**({"PDF_HTML_PATH": html_path} if html_path else {}))
    command = build_command(site_dir, "mkdocs-pdf.yml")
    started = time.perf_counter()
    log: list[str] = []
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        for line in process.stdout:
            log.append(line.rstrip("\n"))
            if any(marker in line for marker in PROGRESS_MARKERS):
                echo(f"pdf: {line.strip()}")
    elapsed = time.perf_counter() - started
    pdf = site_dir / PDF_PATH
    if process.returncode != 0 or not pdf.is_file():
        raise RuntimeError("the PDF build failed:\n" + "\n".join(log[-40:]))
    return pdf, elapsed, log


def page_count(log: list[str]) -> int:
    """The book's page count, as the build logged it (reading it back from the PDF takes seconds)."""
    for line in reversed(log):
        if match := PAGE_COUNT.search(line):
            return int(match.group(1))
    raise RuntimeError("the PDF build did not log its page count (print/pdf_hooks.py, PAGE_COUNT_MESSAGE)")


def main() -> int:
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site").resolve()
    print(f"pdf: building the site and the PDF into {site_dir} (WeasyPrint takes a little while)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        pdf, elapsed, log = build_pdf(site_dir)
        pages = page_count(log)
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"pdf: {pdf} ({pages} pages, {pdf.stat().st_size // 1024} KB) in {elapsed:.1f} s ({cpu:.1f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
