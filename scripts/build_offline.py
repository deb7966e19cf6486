"""Build the offline HTML bundle: a zip of the site that works from a folder, with no network.

Usage: python scripts/build_offline.py [OUTPUT_DIR]   (default: dist)
Writes OUTPUT_DIR/mlops-readiness-playbook-<version>-offline.zip, holding the site (mkdocs-offline.yml),
serve.py (a tiny local server, for browsers that restrict file:// pages) and README.txt.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.project import ROOT, build, version  # noqa: E402

README = """MLOps Readiness Playbook {version}, offline edition
====================================================

Open index.html in your browser. Everything works without a network:
reading, search, the readiness checklists, the report and the team view.

Your checklist answers are kept in this browser's storage for pages opened
from this folder. They are separate from the answers you gave on the website;
use "Export answers as a file" on the report page to move them across.

If your browser restricts pages opened from files, start the bundled server
(needs Python 3) and open the address it prints:

    python3 serve.py

What does not work offline: links to other websites (the sources), and the
"edit this page" links, which point to the playbook's code host.

The PDF of this version is not in this folder. The home page (index.html) and
"How to use this playbook" give its address on the published playbook.
"""


def build_offline(output_dir: Path) -> Path:
    name = f"mlops-readiness-playbook-{version()}-offline"
    with tempfile.TemporaryDirectory() as scratch:
        bundle = Path(scratch) / name
        print(f"offline: building the site into {bundle}", flush=True)
        result = build(bundle, "mkdocs-offline.yml")
        if result.returncode != 0:
            raise RuntimeError(f"the offline build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        # A 404 page only makes sense on a web server that sends it; in a folder it has broken paths.
        (bundle / "404.html").unlink()
        shutil.copy2(ROOT / "scripts" / "serve_site.py", bundle / "serve.py")
        (bundle / "README.txt").write_text(README.format(version=version()), encoding="utf-8")
        output_dir.mkdir(parents=True, exist_ok=True)
        archive = output_dir / f"{name}.zip"
        print(f"offline: zipping {sum(1 for _ in bundle.rglob('*'))} files", flush=True)
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(bundle.rglob("*")):
                zipped.write(path, path.relative_to(bundle.parent))
    return archive


def main() -> int:
    output_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist").resolve()
    try:
        archive = build_offline(output_dir)
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"offline: {archive} ({archive.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
