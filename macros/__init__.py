"""mkdocs-macros entry point: registers thin wrappers; the logic lives in the sibling modules."""

from __future__ import annotations

from pathlib import Path

from .project import read_project
from .reading_time import reading_minutes, reading_minutes_of_page


def define_env(env) -> None:
    root = Path(env.conf["config_file_path"]).parent
    docs_dir = Path(env.conf["docs_dir"])
    project = read_project(root)
    playbook = {
        "name": env.conf["site_name"],
        "version": project.version,
        "build_date": project.build_date.isoformat(),
    }
    env.variables["playbook"] = playbook
    # Theme templates (footer, PDF cover) read the same values through config.extra.
    env.conf["extra"]["playbook"] = playbook

    @env.macro
    def reading_time_of(page: str) -> int:
        """Minutes to read another page, given its path under docs/ (for reading paths)."""
        return reading_minutes_of_page(docs_dir, page)


def on_post_page_macros(env) -> None:
    # env.page is a shallow copy of the page, so its meta is the real page's dict and
    # overrides/main.html can show the value.
    env.page.meta["reading_minutes"] = reading_minutes(env.markdown)
