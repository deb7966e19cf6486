"""Build the site with the newest Zensical that installs, in its own environment, into site-zensical/.

Usage: python scripts/build_zensical.py [--project-dir DIR] [--venv DIR] [--no-upgrade]

Zensical, the successor of Material for MkDocs, reads mkdocs.yml but runs no hooks and no plugins other
than its own macros extension. This script covers what the project's hook does in a ProperDocs build:
it hands the theme the playbook's version (mkdocs-zensical.yml reads it from the environment), and after
the build it writes the joined stylesheets and the widgets' data scripts (hooks/assets.py) into the site.
The environment is .venv-zensical; pip picks the newest Zensical whose dependencies it can install.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hooks import assets  # noqa: E402
from macros.browser_model import model_json  # noqa: E402
from macros.html import use_directory_urls  # noqa: E402
from macros.pages import page_title  # noqa: E402
from macros.project import read_project  # noqa: E402
from macros.registry import load_registry  # noqa: E402
from scripts.project import ROOT, build_environment, zensical_build_command  # noqa: E402

SITE_DIR = "site-zensical"  # mkdocs-zensical.yml's site_dir
VENV = ROOT / ".venv-zensical"


def log(message: str) -> None:
    print(message, flush=True)


def ensure_zensical(venv: Path, upgrade: bool, requirement: str = "zensical") -> Path:
    """The zensical executable in `venv`, created and upgraded to the newest Zensical that installs, or to
    `requirement` when it pins a version (the test suite does, so that a new release cannot turn it red).

    The macros' own dependencies (pydantic, PyYAML) come at the versions requirements.lock pins.
    """
    zensical = venv / "bin" / "zensical"
    if not (venv / "bin" / "python").exists():
        log(f"zensical: creating {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if upgrade or not zensical.exists():
        log("zensical: installing the newest Zensical that installs here (pip may try several versions)")
        command = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        command += ["--upgrade", requirement, "pydantic", "PyYAML", "-c", str(ROOT / "requirements.lock")]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"zensical: pip could not install Zensical:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return zensical


def write_hook_files(project_dir: Path, site_dir: Path, version: str) -> list[str]:
    """What hooks/assets.py adds to a ProperDocs build: the stylesheet bundles and the data scripts."""
    docs_dir = project_dir / "docs"
    folder = docs_dir / assets.STYLESHEETS_DIR
    written = []
    for bundle, names in assets.BUNDLES.items():
        (site_dir / bundle).write_text(assets.bundle_stylesheets(folder, names), encoding="utf-8")
        written.append(bundle)
    use_directory_urls(True)
    registry = load_registry(project_dir / "data", docs_dir)
    payloads = {
        "reading_paths": registry.paths.to_payload(lambda page: page_title(docs_dir, page)),
        "assessment_model": model_json(registry.assessment, version),
    }
    for key, (file, name) in assets.DATA_SCRIPTS.items():
        (site_dir / file).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / file).write_text(assets.data_script(name, payloads[key]), encoding="utf-8")
        written.append(file)
    return written


def build_zensical(project_dir: Path, venv: Path, upgrade: bool = True, requirement: str = "zensical") -> Path:
    zensical = ensure_zensical(venv, upgrade, requirement)
    installed = subprocess.run([str(zensical), "--version"], capture_output=True, text=True, check=True)
    log(f"zensical: building {project_dir / 'mkdocs-zensical.yml'} with Zensical {installed.stdout.strip()}")
    project = read_project(project_dir)
    env = build_environment(
        PLAYBOOK_VERSION=project.version,
        # Quoted, because Zensical reads !ENV values as YAML, and a bare date becomes a date it cannot pass on.
        PLAYBOOK_BUILD_DATE=json.dumps(project.build_date.isoformat()),
        # Zensical imports the `macros.engine` Markdown extension by name, from the project folder.
        PYTHONPATH=str(project_dir),
    )
    started = time.perf_counter()
    result = subprocess.run(
        zensical_build_command(zensical, project_dir), cwd=project_dir, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"zensical: the build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    site_dir = project_dir / SITE_DIR
    written = write_hook_files(project_dir, site_dir, project.version)
    log(f"zensical: built {site_dir} in {time.perf_counter() - started:.0f} s; added {', '.join(written)}")
    return site_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="the project to build (default: this one)")
    parser.add_argument("--venv", type=Path, default=VENV, help=f"Zensical's environment (default: {VENV.name})")
    parser.add_argument("--no-upgrade", action="store_true", help="build with the Zensical already installed")
    parser.add_argument(
        "--requirement", default="zensical", help="what pip installs, e.g. 'zensical==0.0.73' (default: the newest)"
    )
    args = parser.parse_args()
    build_zensical(args.project_dir.resolve(), args.venv.resolve(), not args.no_upgrade, args.requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
