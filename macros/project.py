"""The playbook's identity (name, version, build date), read once from pyproject.toml."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path


class ProjectMetadataError(ValueError):
    """pyproject.toml is missing or lacks what the site needs."""


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    version: str
    build_date: dt.date


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """Today in UTC, or the date of SOURCE_DATE_EPOCH when set, so that rebuilds are reproducible."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except ValueError as error:
        raise ProjectMetadataError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds; unset it or fix it"
        ) from error


def read_project(root: Path, environ: dict[str, str] | None = None) -> ProjectInfo:
    path = root / "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ProjectMetadataError(f"{path}: not found; the playbook version is read from it") from error
    except tomllib.TOMLDecodeError as error:
        raise ProjectMetadataError(f"{path}: not valid TOML ({error})") from error
    project = data.get("project", {})
    missing = [key for key in ("name", "version") if not project.get(key)]
    if missing:
        raise ProjectMetadataError(f"{path}: [project] lacks {', '.join(missing)}; add them")
    return ProjectInfo(name=project["name"], version=str(project["version"]), build_date=build_date(environ))


def minor_version(version: str) -> str:
    """The MAJOR.MINOR folder a release is published under: scripts/release.py deploys it there."""
    parts = version.split(".")
    if len(parts) < 2 or not all(part.isdigit() for part in parts[:2]):
        raise ValueError(f"version {version!r} is not MAJOR.MINOR[.PATCH]")
    return ".".join(parts[:2])
