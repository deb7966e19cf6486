"""Unit tests of the macro modules, without MkDocs."""

import datetime as dt

import pytest

from macros import project, reading_time


def test_reading_time_counts_prose_only():
    markdown = (
        "---\ntitle: A page with many words in its front matter\n---\n"
        "# Heading\n\nOne two three, four-five [six](http://example.org/seven/eight).\n\n"
        '```python\nnot counted at all\n```\n<span class="x">nine</span>\n'
    )
    assert reading_time.count_words(markdown) == 7  # Heading One two three four-five six nine


def test_reading_minutes_rounds_up_and_never_says_zero():
    assert reading_time.reading_minutes("") == 1
    assert reading_time.reading_minutes("word " * 200) == 1
    assert reading_time.reading_minutes("word " * 201) == 2


def test_reading_minutes_rejects_a_nonsense_speed():
    with pytest.raises(ValueError, match="words_per_minute"):
        reading_time.reading_minutes("text", words_per_minute=0)


def test_reading_minutes_of_page_names_the_known_pages_when_one_is_missing(tmp_path):
    (tmp_path / "known.md").write_text("word " * 450, encoding="utf-8")
    assert reading_time.reading_minutes_of_page(tmp_path, "known.md") == 3
    with pytest.raises(ValueError, match=r"missing\.md.*known\.md"):
        reading_time.reading_minutes_of_page(tmp_path, "missing.md")


def test_project_version_comes_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2.3.4"\n', encoding="utf-8")
    info = project.read_project(tmp_path, environ={"SOURCE_DATE_EPOCH": "0"})
    assert info.version == "2.3.4"
    assert info.build_date == dt.date(1970, 1, 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("[project\n", "not valid TOML"),
        ('[project]\nname = "x"\n', "lacks version"),
    ],
)
def test_project_metadata_errors_say_what_to_fix(tmp_path, content, message):
    if content is not None:
        (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    with pytest.raises(project.ProjectMetadataError, match=message):
        project.read_project(tmp_path, environ={})


def test_bad_source_date_epoch_is_reported():
    with pytest.raises(project.ProjectMetadataError, match="SOURCE_DATE_EPOCH"):
        project.build_date({"SOURCE_DATE_EPOCH": "yesterday"})


# ---- URLs from MkDocs' own file model, in both URL styles ----------------------------------------


@pytest.mark.parametrize(
    ("directory_urls", "source", "target", "expected"),
    [
        (
            True,
            "assess/report.md",
            "devops-prerequisites/capabilities.md#ci",
            "../../devops-prerequisites/capabilities/#ci",
        ),
        (
            False,
            "assess/report.md",
            "devops-prerequisites/capabilities.md#ci",
            "../devops-prerequisites/capabilities.html#ci",
        ),
        (True, "teams/index.md", "teams/roles.md", "roles/"),
        (False, "teams/index.md", "teams/roles.md", "roles.html"),
        (True, "assess/index.md", "index.md", "../"),
        (False, "assess/index.md", "index.md", "../index.html"),
        (True, "teams/roles.md", "teams/roles.md", "./"),
        (False, "teams/roles.md", "teams/roles.md", "roles.html"),
    ],
)
def test_links_between_pages_follow_the_url_style(directory_urls, source, target, expected):
    from macros.html import relative_url

    assert relative_url(source, target, directory_urls) == expected


def test_site_urls_are_mkdocs_own():
    from mkdocs.structure.files import File

    from macros.html import page_url

    for flag in (True, False):
        for source in ("index.md", "assess/index.md", "assess/report.md"):
            url = File(source, None, "", flag).url
            assert page_url(source, flag) == ("" if url == "./" else url)


def test_the_url_style_follows_the_site_setting():
    from macros import html

    try:
        html.use_directory_urls(False)
        assert html.relative_url("teams/index.md", "teams/roles.md#role-sre") == "roles.html#role-sre"
    finally:
        html.use_directory_urls(True)
    assert html.relative_url("teams/index.md", "teams/roles.md#role-sre") == "roles/#role-sre"


# ---- Glossary tooltips: once per page, never in headings or code ---------------------------------


def _terms():
    from macros.glossary import Term

    return [
        Term(id="mlops", term="MLOps", definition="Machine learning operations. More words."),
        Term(id="ml-product-team", term="ML product team", definition="A team that owns a model & more."),
        Term(id="quiet", term="Quiet", definition="Never shown.", tooltip=False),
    ]


def test_a_term_is_marked_at_its_first_use_only():
    from macros.glossary import mark_first_uses

    markdown = "# MLOps in a title\n\nFirst MLOps here, then MLOps again.\n\nAn ML product team, Quiet."
    marked = mark_first_uses(markdown, _terms())
    assert marked.splitlines()[0] == "# MLOps in a title"
    assert marked.count("<abbr") == 2
    assert 'First <abbr title="Machine learning operations.">MLOps</abbr> here, then MLOps again.' in marked
    assert '<abbr title="A team that owns a model &amp; more.">ML product team</abbr>' in marked
    assert "Quiet" in marked and "Never shown" not in marked


def test_code_links_and_html_are_left_alone():
    from macros.glossary import mark_first_uses

    markdown = '```\nMLOps in code\n```\n\n`MLOps` [MLOps](mlops.md#MLOps) <b title="MLOps">x</b>\n\nMLOps'
    marked = mark_first_uses(markdown, _terms())
    assert "```\nMLOps in code\n```" in marked
    assert '`MLOps` [<abbr title="Machine learning operations.">MLOps</abbr>](mlops.md#MLOps)' in marked
    assert '<b title="MLOps">x</b>' in marked
    assert marked.endswith("\n\nMLOps")


def test_a_term_split_over_two_lines_is_found():
    from macros.glossary import mark_first_uses

    marked = mark_first_uses("giving one ML product\nteam the lifecycle", _terms())
    tip = "A team that owns a model &amp; more."
    assert marked == f'giving one <abbr title="{tip}">ML product\nteam</abbr> the lifecycle'


def test_a_source_shows_the_latest_date_any_of_its_facts_was_checked():
    from macros.facts import Fact, render_sources

    def fact(fact_id, checked):
        source = {"title": "The Act", "publisher": "EU", "year": 2024, "url": "https://example.org/act"}
        return Fact.model_validate({"id": fact_id, "claim": "A claim.", "source": {**source, "checked": checked}})

    html = render_sources([fact("older", "2026-11-27"), fact("newer", "2026-12-07")])
    assert html.count('class="mrp-source"') == 1, "facts with one address share one source entry"
    assert "Last checked 2026-12-07." in html
    assert "2026-11-27" not in html
