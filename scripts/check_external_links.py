"""Check the external links of a built site with linkchecker (needs internet; not part of `make test`).

Usage: python scripts/check_external_links.py [SITE_DIR]   (default: site)
Exits non-zero when linkchecker reports a broken link or anchor, internal or external.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.serve_site import serve  # noqa: E402

CONFIG = Path(__file__).resolve().parents[1] / "tests" / "linkcheckerrc"


def main() -> int:
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if not (site_dir / "index.html").is_file():
        print(f"error: {site_dir} has no index.html; run `make build` first", file=sys.stderr)
        return 2
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with serve(site_dir) as url:
        print(f"checking {url} and every external link it points to")
        command = [str(linkchecker), "--config", str(CONFIG), "--check-extern", "--no-status", url]
        return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
