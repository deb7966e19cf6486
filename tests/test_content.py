"""Consistency between the prose in docs/ and the registries in data/."""

from __future__ import annotations

import re

import pytest
import yaml

from macros.pages import page_title, split_front_matter
from macros.reading_time import count_words
from tests.support.site import ROOT, nav_pages

DOCS = ROOT / "docs"
FACTS = {fact["id"] for fact in yaml.safe_load((ROOT / "data" / "facts.yml").read_text())["facts"]}
TERMS = [term["term"] for term in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text())["terms"]]
MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What Jinja reads as its own syntax: an expression, a statement or a comment (`{#id}` attribute lists).
JINJA_SYNTAX = re.compile(r"\{\{|\{%|\{#")
RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
FENCED_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)
CITATION = re.compile(r"""\b(?:fact|cite)\(\s*["']([^"']+)["']\s*\)""")
STATISTIC = re.compile(
    r"\d+(?:[.,]\d+)?\s?%|\bper\s?cent\b|\b\d+(?:\.\d+)?x\b|\b\d+ times (?:more|less|faster|slower)\b", re.I
)
WIDGET_MACROS = ("checklist(", "readiness_report(", "team_view(", "reading_path(", "scoring_sheet(")
# Pages that are lists or generated reference rather than chapters of prose.
REFERENCE_PAGES = {"reference/glossary.md", "reference/sources.md", "reference/changelog.md"}


def _pages() -> dict[str, str]:
    return {path.relative_to(DOCS).as_posix(): path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md")}


def _renders_macros(text: str) -> bool:
    return split_front_matter(text)[0].get("render_macros") is True


def _body(text: str) -> str:
    return split_front_matter(text)[1]


def _prose(text: str) -> str:
    return MACRO_CALL.sub(" ", FENCED_CODE.sub(" ", text))


MACRO_PAGES = sorted(name for name, text in _pages().items() if _renders_macros(text))
PLAIN_PAGES = sorted(set(_pages()) - set(MACRO_PAGES))


def test_every_cited_fact_exists_and_every_fact_is_cited():
    cited = {}
    for name, text in _pages().items():
        if _renders_macros(text):
            for fact_id in CITATION.findall(FENCED_CODE.sub("", text)):
                cited.setdefault(fact_id, name)
    unknown = {fact_id: page for fact_id, page in cited.items() if fact_id not in FACTS}
    assert not unknown, f"pages cite facts missing from data/facts.yml: {unknown}"
    unused = sorted(FACTS - set(cited))
    assert not unused, f"facts defined in data/facts.yml but cited nowhere (cite them or remove them): {unused}"


@pytest.mark.parametrize("name", sorted(_pages()))
def test_no_statistic_appears_outside_a_fact(name):
    found = STATISTIC.findall(_prose(_pages()[name]))
    assert not found, f"{name}: figures must come from data/facts.yml through fact(): {found}"


@pytest.mark.parametrize("name", PLAIN_PAGES)
def test_macro_calls_only_where_macros_render(name):
    """A page without `render_macros: true` shows `{{ ... }}` as text, so a macro call there is a mistake."""
    assert not MACRO_CALL.search(FENCED_CODE.sub("", _pages()[name])), (
        f"{name} calls a macro outside a code block but lacks `render_macros: true` front matter"
    )


@pytest.mark.parametrize("name", MACRO_PAGES)
def test_macro_pages_keep_jinja_syntax_out_of_code_and_attribute_lists(name):
    """On a page that renders macros, Jinja runs code samples and reads `{#id}` as a comment opening."""
    body = RAW_BLOCK.sub(" ", _body(_pages()[name]))
    in_code = [block.group(0)[:60] for block in FENCED_CODE.finditer(body) if JINJA_SYNTAX.search(block.group(0))]
    assert not in_code, f"{name}: wrap code samples that show Jinja syntax in {{% raw %}}: {in_code}"
    # `{#id}` with no `#}` after it on the line is an attribute list that Jinja reads as an unclosed comment.
    unclosed = re.findall(r".{0,30}\{#(?![^\n]*#\}).{0,30}", FENCED_CODE.sub(" ", body))
    assert not unclosed, f"{name}: write `{{ #id }}` (with a space): `{{#` opens a Jinja comment: {unclosed}"


def test_the_page_lists_split_every_page_once():
    assert MACRO_PAGES and PLAIN_PAGES, "both kinds of page exist, so both tests above have cases"
    assert sorted(MACRO_PAGES + PLAIN_PAGES) == sorted(_pages())


@pytest.mark.parametrize("name", sorted(set(_pages()) - REFERENCE_PAGES))
def test_chapter_pages_open_with_a_purpose_and_close_with_next_steps(name):
    text = _pages()[name]
    body = _body(text)
    blocks = [block.strip() for block in body.strip().split("\n\n") if block.strip()]
    assert blocks[0].startswith("# "), f"{name}: the page must start with its title"
    assert not blocks[1].startswith(("#", "!!!", "|", "-", "{{")), f"{name}: open with a paragraph of purpose"
    if name != "index.md":
        assert "\n## Next steps\n" in body, f"{name}: end with a '## Next steps' section"
    # A tool page's substance is its widget; every other chapter must be real prose.
    if not any(widget in text for widget in WIDGET_MACROS):
        assert count_words(_prose(text)) >= 250, f"{name}: reads like a stub"


def test_every_glossary_term_appears_in_the_prose():
    prose = " ".join(_prose(text) for text in _pages().values())
    missing = [term for term in TERMS if not re.search(rf"(?<!\w){re.escape(term)}(?!\w)", prose)]
    assert not missing, f"glossary terms that no page uses (the tooltip would never show): {missing}"


def test_every_page_is_in_the_nav():
    in_nav = set(nav_pages())
    from macros.html import page_url

    assert {page_url(name) for name in _pages()} == in_nav


def test_page_titles_are_read_from_the_sources():
    assert page_title(DOCS, "how-to-use.md") == "How to use this playbook"
    assert page_title(DOCS, "index.md") == "Are we ready for MLOps?"
