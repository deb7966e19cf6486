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
