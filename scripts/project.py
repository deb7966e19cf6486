"""What every script and test helper needs to know about the project: its version and how to build it.

The version has one source, `version` in pyproject.toml, read by `macros.project` (the same reader the
site build uses). The strict build is written out once, here: scripts and tests build exactly as a
developer does, and nobody can add `-q` by accident (quiet mode drops warnings before strict mode
counts them, so a `--strict -q` build passes with dead links).

The engine is ProperDocs, the maintained continuation of MkDocs 1.x; both read mkdocs.yml. Set
PLAYBOOK_ENGINE=mkdocs to build with MkDocs 1.6 instead (docs/reference/engines.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # scripts run as `python scripts/<name>.py` import the project's packages
    sys.path.insert(0, str(ROOT))

from macros.project import read_project  # noqa: E402

# The engines that build this project from mkdocs.yml, by the module `python -m` runs. Zensical builds a
# preview only, from its own environment (zensical_build_command, scripts/build_zensical.py).
ENGINES = ("properdocs", "mkdocs")
DEFAULT_ENGINE = "properdocs"


def engine(environ: Mapping[str, str] | None = None) -> str:
    """The engine builds use: PLAYBOOK_ENGINE if set, else ProperDocs. An unknown name stops with the choices."""
    name = (os.environ if environ is None else environ).get("PLAYBOOK_ENGINE") or DEFAULT_ENGINE
    if name not in ENGINES:
        raise SystemExit(f"PLAYBOOK_ENGINE={name!r} is not an engine this project builds with; use one of {ENGINES}")
    return name


def version(project_dir: Path = ROOT) -> str:
    """The playbook's version, e.g. '0.1.0'."""
    return read_project(project_dir).version


def build_environment(base: Mapping[str, str] | None = None, **overrides: str) -> dict[str, str]:
    """The environment of a build: Material's MkDocs 2 banner off, this environment's tools first on PATH.

    mike runs the `properdocs` executable from PATH when ProperDocs is installed (else `mkdocs`), so PATH
    starts with the folder of this Python.
    `overrides` set variables such as SITE_URL; a value of "" removes the variable.
    """
    env = {**(os.environ if base is None else base), "NO_MKDOCS_2_WARNING": "1"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    for name, value in overrides.items():
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    return env


def build_command(
    site_dir: Path, config: str = "mkdocs.yml", project_dir: Path = ROOT, engine_name: str | None = None
) -> list[str]:
    """The strict build of `config` into `site_dir`. Never add -q: see the module's docstring.

    The configuration file is always named, so ProperDocs never falls back to looking for mkdocs.yml.
    """
    config_file = Path(project_dir) / config
    name = engine_name or engine()
    return [sys.executable, "-m", name, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]


def build(
    site_dir: Path,
    config: str = "mkdocs.yml",
    project_dir: Path = ROOT,
    timeout: float = 900,
    engine_name: str | None = None,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    """Run the strict build to the end, output captured; the caller checks returncode.

    `engine_name` picks the engine (default: `engine()`); `env` sets (or, with "", removes) environment
    variables for this build, e.g. SITE_URL=url.
    """
    return subprocess.run(
        build_command(site_dir, config, project_dir, engine_name),
        cwd=project_dir,
        env=build_environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def zensical_build_command(zensical: Path, project_dir: Path = ROOT) -> list[str]:
    """Zensical's strict build of mkdocs-zensical.yml, which names its own site folder (site-zensical).

    Zensical has no option for the output folder, and it writes only inside the project folder.
    """
    return [str(zensical), "build", "--strict", "--clean", "-f", str(Path(project_dir) / "mkdocs-zensical.yml")]
