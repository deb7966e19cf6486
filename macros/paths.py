"""Role-based reading paths: schema, cross-checks, reading times and rendering.

The data lives in data/paths.yml. The build renders each path page from it, and embeds a small copy
(ids, page URLs, titles) in every page so that docs/assets/javascripts/paths.js can show the reader's
progress and a "next in your path" link.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import Field, field_validator

from . import data
from .html import page_url, relative_url, render_template
from .models import Id, PagePath, Strict, Text, duplicates, unique_ids
from .pages import split_front_matter
from .reading_time import reading_minutes

# What every path must cover, as (what the reader learns, the page prefixes that count).
# tests/test_paths.py enforces it; a path of your own may drop a topic on purpose.
COVERAGE = (
    ("the why of MLOps", ("why-mlops.md",)),
    ("the what of MLOps", ("what-is-mlops/",)),
    ("the when of MLOps", ("when-to-adopt.md",)),
    ("the DevOps prerequisites", ("devops-prerequisites/",)),
    ("the team topology", ("teams/", "people-and-process.md")),
    ("the readiness assessment", ("assess/",)),
)
PATHS_PAGE = "paths/index.md"

# ---- schemas -------------------------------------------------------------------------------------


def _whole_page(page: str) -> str:
    if "#" in page:
        raise ValueError("a step is a whole page, so that its reading time is the page's; drop the #anchor")
    return page


class Step(Strict):
    page: PagePath = Field(description="The page to read, under docs/ (checked at build time), without an anchor.")
    why: Text = Field(description="Why this page matters to this role, in one or two sentences.")
    question: Text = Field(description="The one question the reader should be able to answer after reading.")

    is_whole_page = field_validator("page")(_whole_page)


class Further(Strict):
    page: PagePath = Field(description="A page to read when there is time, under docs/ (checked at build time).")
    why: Text = Field(description="What the reader gets from it, in one sentence.")

    is_whole_page = field_validator("page")(_whole_page)


class ReadingPath(Strict):
    id: Id = Field(description="Stable id; the path page is docs/paths/<id>.md and readers' progress uses it.")
    title: Text = Field(description="The audience as a short title, e.g. 'ML engineer'.")
    audience: Text = Field(description="Who the path is for, in one sentence.")
    steps: list[Step] = Field(min_length=1, description="The pages to read, in reading order.")
    go_deeper: list[Further] = Field(default_factory=list, description="Optional further reading, in any order.")

    @field_validator("steps")
    @classmethod
    def pages_are_unique(cls, steps: list[Step]) -> list[Step]:
        repeated = duplicates([step.page for step in steps])
        if repeated:
            raise ValueError(f"a page may appear once per path; repeated: {', '.join(repeated)}; remove the repeat")
        return steps


class PathsFile(Strict):
    storage_key: str = Field(pattern=r"^[a-z0-9.-]+$", description="The one site-wide localStorage key of progress.")
    schema_version: int = Field(ge=1, description="Schema number of the stored progress.")
    paths: list[ReadingPath] = Field(min_length=1, description="One path per audience, in the order readers see them.")

    ids_are_unique = unique_ids("paths", "path ids")

    def lookup(self, path_id: str) -> ReadingPath:
        for path in self.paths:
            if path.id == path_id:
                return path
        known = ", ".join(path.id for path in self.paths)
        raise KeyError(f"unknown reading path {path_id!r}; known paths: {known}")

    def to_payload(self, titles: Callable[[str], str]) -> dict:
        """What the browser needs on every page: ids, titles and page URLs relative to the site root."""
        return {
            "storageKey": self.storage_key,
            "schemaVersion": self.schema_version,
            "paths": [
                {
                    "id": path.id,
                    "title": path.title,
                    "url": page_url(f"paths/{path.id}.md"),
                    "steps": [{"url": page_url(step.page), "title": titles(step.page)} for step in path.steps],
                }
                for path in self.paths
            ],
        }


def load_paths(path: Path, docs_dir: Path) -> PathsFile:
    """Validate data/paths.yml and check that every page it names exists; DataError otherwise."""
    paths = data.validate(PathsFile, path)
    problems = []
    for index, reading_path in enumerate(paths.paths):
        pages = [("steps", i, step.page) for i, step in enumerate(reading_path.steps)]
        pages += [("go_deeper", i, item.page) for i, item in enumerate(reading_path.go_deeper)]
        for field, position, page in pages:
            if not (Path(docs_dir) / page).is_file():
                problems.append(
                    f"{path}: paths[{index}].{field}[{position}].page: page {page!r} does not exist under docs/ "
                    f"(path {reading_path.id!r}); point it at an existing page"
                )
        page_of_path = Path(docs_dir) / "paths" / f"{reading_path.id}.md"
        if not page_of_path.is_file():
            problems.append(
                f"{path}: paths[{index}].id: path {reading_path.id!r} has no page; "
                f"create docs/paths/{reading_path.id}.md"
            )
    data.cross_check(problems)
    return paths


def coverage_gaps(reading_path: ReadingPath) -> list[str]:
    """The topics of COVERAGE that no step of the path covers."""
    pages = [step.page for step in reading_path.steps]
    return [topic for topic, prefixes in COVERAGE if not any(page.startswith(prefixes) for page in pages)]


# ---- reading time --------------------------------------------------------------------------------


def reader_markdown(docs_dir: Path, page: str, render: Callable[[str], str] | None = None) -> str:
    """The Markdown a reader of `page` reads: without front matter, its macros rendered when it uses them.

    `render` expands macros as the build does; pages without `render_macros: true` are read as written.
    """
    meta, body = split_front_matter((Path(docs_dir) / page).read_text(encoding="utf-8"))
    return render(body) if render and meta.get("render_macros") is True else body


def minutes_of(docs_dir: Path, page: str, render: Callable[[str], str] | None = None) -> int:
    """Reading minutes of a page, counted exactly as the page counts its own reading time."""
    return reading_minutes(reader_markdown(docs_dir, page, render))


# ---- rendering -----------------------------------------------------------------------------------


def render_path(
    paths: PathsFile, path_id: str, here: str, minutes: Callable[[str], int], titles: Callable[[str], str]
) -> str:
    """A path page's plan: steps with links, reading times, why and question; total; go deeper."""
    reading_path = paths.lookup(path_id)
    steps = [
        {
            "number": number,
            "step": step,
            "title": titles(step.page),
            "link": relative_url(here, step.page),
            "url": page_url(step.page),
            "minutes": minutes(step.page),
        }
        for number, step in enumerate(reading_path.steps, start=1)
    ]
    further = [
        {"item": item, "title": titles(item.page), "link": relative_url(here, item.page), "minutes": minutes(item.page)}
        for item in reading_path.go_deeper
    ]
    return render_template(
        "path.html",
        path=reading_path,
        steps=steps,
        total=sum(step["minutes"] for step in steps),
        further=further,
        paths_link=relative_url(here, PATHS_PAGE),
    )


def render_overview(paths: PathsFile, here: str, minutes: Callable[[str], int]) -> str:
    """The paths page: one row per path with its audience, number of steps and total time."""
    rows = [
        {
            "path": reading_path,
            "link": relative_url(here, f"paths/{reading_path.id}.md"),
            "steps": len(reading_path.steps),
            "total": sum(minutes(step.page) for step in reading_path.steps),
        }
        for reading_path in paths.paths
    ]
    return render_template("paths-overview.html", rows=rows)
