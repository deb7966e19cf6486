"""Reading paths: schema, cross-checks, the coverage rule, reading times and rendering."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros import paths
from macros.data import DataError
from macros.html import page_url
from macros.pages import page_title
from macros.reading_time import reading_minutes_of_page
from tests.support import site
from tests.support.site import ROOT

DATA = ROOT / "data"
DOCS = ROOT / "docs"
PATHS_FILE = DATA / "paths.yml"
AUDIENCES = [
    "data-scientist",
    "ml-engineer",
    "data-engineer",
    "platform-engineer",
    "product-owner",
    "engineering-manager",
]


@pytest.fixture(scope="module")
def reading_paths() -> paths.PathsFile:
    return paths.load_paths(PATHS_FILE, DOCS)


@pytest.fixture
def paths_copy(tmp_path) -> Path:
    target = tmp_path / "paths.yml"
    shutil.copy(PATHS_FILE, target)
    return target


def _edit(path: Path, change) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def _titles(page: str) -> str:
    return page_title(DOCS, page)


# ---- the real data ---------------------------------------------------------------------------------


def test_every_audience_has_a_path_of_six_to_nine_steps(reading_paths):
    assert [path.id for path in reading_paths.paths] == AUDIENCES
    for path in reading_paths.paths:
        assert 6 <= len(path.steps) <= 9, f"{path.id}: {len(path.steps)} steps"


@pytest.mark.parametrize("path_id", AUDIENCES)
def test_every_path_covers_why_what_when_devops_teams_and_the_assessment(reading_paths, path_id):
    gaps = paths.coverage_gaps(reading_paths.lookup(path_id))
    assert not gaps, f"data/paths.yml: path {path_id!r} has no step covering: {', '.join(gaps)}; add a step"


def test_the_coverage_rule_notices_a_missing_topic(reading_paths):
    path = reading_paths.lookup("product-owner")
    without_assessment = path.model_copy(update={"steps": [s for s in path.steps if not s.page.startswith("assess/")]})
    assert paths.coverage_gaps(without_assessment) == ["the readiness assessment"]


def test_every_path_has_its_page_in_the_nav(reading_paths):
    nav = set(site.nav_pages())
    assert {page_url(f"paths/{path.id}.md") for path in reading_paths.paths} <= nav
    assert page_url(paths.PATHS_PAGE) in nav


def test_each_path_page_renders_its_own_path():
    for path_id in AUDIENCES:
        text = (DOCS / "paths" / f"{path_id}.md").read_text(encoding="utf-8")
        assert f'reading_path("{path_id}")' in text


# ---- bad input -------------------------------------------------------------------------------------


def _step(document, path=0, step=0):
    return document["paths"][path]["steps"][step]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: _step(d, 1, 2).update(page="no-such-page.md"),
            "paths[1].steps[2].page: page 'no-such-page.md' does not exist under docs/ (path 'ml-engineer'); "
            "point it at an existing page",
        ),
        (
            lambda d: d["paths"][0]["go_deeper"][0].update(page="gone/away.md"),
            "paths[0].go_deeper[0].page: page 'gone/away.md' does not exist",
        ),
        (lambda d: d["paths"][1].update(id=d["paths"][0]["id"]), "path ids must be unique; repeated: data-scientist"),
        (
            lambda d: _step(d, 0, 1).update(page=_step(d, 0, 0)["page"]),
            "paths[0].steps: a page may appear once per path; repeated: why-mlops.md",
        ),
        (lambda d: _step(d).pop("question"), "paths[0].steps[0].question: required field is missing; add it"),
        (lambda d: _step(d).update(question=""), "question: String should have at least 1 character"),
        (lambda d: _step(d).update(colour="blue"), "paths[0].steps[0].colour: unknown field"),
        (lambda d: _step(d).update(page="why-mlops.md#pain-1"), "a step is a whole page"),
        (lambda d: _step(d).update(page="Why MLOps.md"), "paths[0].steps[0].page: String should match pattern"),
        (lambda d: d["paths"][0].update(steps=[]), "paths[0].steps: List should have at least 1 item"),
        (lambda d: d["paths"][0].update(id="Data Scientist"), "paths[0].id: String should match pattern"),
        (lambda d: d.update(schema_version=0), "schema_version: Input should be greater than or equal to 1"),
        (lambda d: d["paths"][0].update(id="new-role"), "path 'new-role' has no page; create docs/paths/new-role.md"),
    ],
)
def test_bad_path_data_is_rejected_with_file_field_and_fix(paths_copy, change, expected):
    _edit(paths_copy, change)
    with pytest.raises(DataError) as caught:
        paths.load_paths(paths_copy, DOCS)
    message = str(caught.value)
    assert expected in message
    assert "paths.yml" in message


def test_errors_name_the_line_of_the_bad_field(paths_copy):
    text = paths_copy.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: first", 1)
    paths_copy.write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "schema_version: first" in row)
    with pytest.raises(DataError) as caught:
        paths.load_paths(paths_copy, DOCS)
    assert f"paths.yml:{line}: schema_version:" in str(caught.value)
    assert "'first'" in str(caught.value)


def test_an_unknown_path_id_lists_the_known_ones(reading_paths):
    with pytest.raises(KeyError, match="unknown reading path 'nobody'; known paths: data-scientist, ml-engineer"):
        reading_paths.lookup("nobody")


# ---- reading time ----------------------------------------------------------------------------------


def test_reading_time_of_a_prose_page_is_read_from_its_words(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "prose.md").write_text("# Prose\n\n" + "word " * 401, encoding="utf-8")
    assert paths.minutes_of(docs, "prose.md") == reading_minutes_of_page(docs, "prose.md") == 3


def test_reading_time_of_a_macro_page_counts_the_rendered_words(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    source = "---\nrender_macros: true\n---\n# Widget\n\n{{ widget() }}\n"
    (docs / "widget.md").write_text(source, encoding="utf-8")
    rendered = []

    def render(markdown: str) -> str:
        rendered.append(markdown)
        return markdown.replace("{{ widget() }}", "<p>" + "statement " * 500 + "</p>")

    assert paths.minutes_of(docs, "widget.md", render) == 3
    assert rendered == ["# Widget\n\n{{ widget() }}\n"], "front matter must not reach the renderer"
    assert paths.minutes_of(docs, "widget.md") == 1


def test_a_page_that_does_not_render_macros_is_never_rendered(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plain.md").write_text("---\ntitle: Plain\n---\n# Plain\n\nShort text.\n", encoding="utf-8")
    assert paths.reader_markdown(docs, "plain.md", lambda markdown: pytest.fail("rendered")) == (
        "# Plain\n\nShort text.\n"
    )


# ---- rendering -------------------------------------------------------------------------------------


def _steps_in(html: str) -> list[tuple[str, int]]:
    return [
        (page, int(minutes))
        for page, minutes in re.findall(r'data-mrp-step="([^"]+)"[^>]*data-mrp-minutes="(\d+)"', html)
    ]


def _stub_minutes(page: str) -> int:
    """A made-up reading time per page, so that the rendering tests do not reuse the function they check."""
    return 2 + len(page) % 7


@pytest.mark.parametrize("path_id", AUDIENCES)
def test_a_path_page_shows_each_step_with_its_reading_time_and_the_total(reading_paths, path_id):
    path = reading_paths.lookup(path_id)
    asked = []

    def minutes(page: str) -> int:
        asked.append(page)
        return _stub_minutes(page)

    html = paths.render_path(reading_paths, path_id, f"paths/{path_id}.md", minutes, _titles)
    expected = [(step.page, _stub_minutes(step.page)) for step in path.steps]
    assert _steps_in(html) == expected
    assert {step.page for step in path.steps} <= set(asked), "each step's time comes from its own page"
    total = sum(minutes for _, minutes in expected)
    assert f"<strong>Total:</strong> {len(expected)} steps, {total} minutes of reading." in html
    for step in path.steps:
        assert f'href="../../{page_url(step.page)}"' in html
        assert f">{page_title(DOCS, step.page)}</a>" in html
        assert step.question.replace("'", "&#39;") in html
    for item in path.go_deeper:
        assert f">{page_title(DOCS, item.page)}</a>" in html


def test_steps_have_a_labelled_checkbox_each(reading_paths):
    html = paths.render_path(reading_paths, "ml-engineer", "paths/ml-engineer.md", _stub_minutes, _titles)
    boxes = re.findall(r'<input type="checkbox" class="mrp-step__box" id="([^"]+)"', html)
    assert len(boxes) == len(reading_paths.lookup("ml-engineer").steps)
    assert all(f'<label for="{box}">' in html for box in boxes)


def test_the_overview_totals_match_the_path_pages(reading_paths):
    html = paths.render_overview(reading_paths, paths.PATHS_PAGE, _stub_minutes)
    for path in reading_paths.paths:
        total = sum(_stub_minutes(step.page) for step in path.steps)
        row = re.search(rf'data-mrp-paths-row="{path.id}">(.*?)</tr>', html, re.DOTALL).group(1)
        assert f'href="{path.id}/"' in row
        assert f"<td>{len(path.steps)}</td>" in row
        assert f"about {total} min" in row


def test_text_from_the_data_is_escaped(reading_paths):
    step = reading_paths.paths[0].steps[0].model_copy(update={"why": "<script>alert(1)</script> & more"})
    hostile = reading_paths.paths[0].model_copy(update={"title": 'A "role" <b>', "steps": [step]})
    data = reading_paths.model_copy(update={"paths": [hostile]})
    html = paths.render_path(data, hostile.id, "paths/x.md", lambda page: 1, lambda page: "<i>Title</i>")
    assert "<script>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "&lt;i&gt;Title&lt;/i&gt;" in html
    overview = paths.render_overview(data, paths.PATHS_PAGE, lambda page: 1)
    assert "A &#34;role&#34; &lt;b&gt;" in overview


def test_the_browser_payload_is_small_and_site_relative(reading_paths):
    payload = reading_paths.to_payload(_titles)
    assert payload["storageKey"] == "mlops-readiness-playbook.paths"
    assert payload["schemaVersion"] == reading_paths.schema_version
    first = payload["paths"][0]
    assert set(first) == {"id", "title", "url", "steps"}
    assert first["url"] == "paths/data-scientist/"
    assert first["steps"][0] == {"url": "why-mlops/", "title": "Why MLOps"}


# ---- the built site --------------------------------------------------------------------------------


def _own_minutes(built_site: Path, url: str) -> int:
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    return int(re.search(r"Estimated reading time: </span>(\d+) min read", html).group(1))


@pytest.mark.parametrize("path_id", AUDIENCES)
def test_built_path_pages_match_each_pages_own_reading_time(built_site, reading_paths, path_id):
    """The build counts the words a reader reads, macros rendered, exactly as each page counts its own."""
    html = (built_site / "paths" / path_id / "index.html").read_text(encoding="utf-8")
    steps = _steps_in(html)
    assert [page for page, _ in steps] == [step.page for step in reading_paths.lookup(path_id).steps]
    for page, minutes in steps:
        assert minutes == _own_minutes(built_site, page_url(page)), f"{path_id}: {page}"
    total = sum(minutes for _, minutes in steps)
    assert f"{len(steps)} steps, {total} minutes of reading." in html
    assert "footnote" not in html, "another page's citations leaked into the path page"


def test_the_path_data_is_one_script_that_pages_do_not_carry(built_site):
    """playbook.js loads paths-data.js only where it is needed (issue 17), so pages stay light."""
    html = (built_site / "why-mlops" / "index.html").read_text(encoding="utf-8")
    assert "data-mrp-paths=" not in html
    assert '<script type="application/json"' not in html
    script = (built_site / "assets" / "javascripts" / "paths-data.js").read_text(encoding="utf-8")
    payload = json.loads(script.split("MRP.pathsPayload = ", 1)[1])
    assert [path["id"] for path in payload["paths"]] == AUDIENCES
