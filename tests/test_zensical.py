"""The Zensical lane: `make zensical` builds the same site, held here to the ProperDocs build.

Zensical (the successor of Material for MkDocs) builds a copy of the project with scripts/build_zensical.py,
in its own environment (.venv-zensical, created on first use). It must build every page, render every
macro with its footnotes, and show the same checklist controls as the ProperDocs build of the session.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from scripts import build_zensical
from tests.support.site import ROOT, copy_project, pages

pytestmark = pytest.mark.slow

# The blocking suite holds one known release to the ProperDocs build, in an environment of its own, so that
# a new Zensical release cannot turn CI red overnight; `make zensical` and the weekly workflow try the newest.
TESTED_ZENSICAL = "zensical==0.0.73"

CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
ANSWER_INPUT = re.compile(r'<input[^>]*class="mrp-scale__input"')
# What a page shows when a macro is left unrendered or fails, or a fact's footnote lost its definition.
LEFTOVERS = re.compile(r"\{\{|\{%|Macro (?:Rendering|Syntax) Error|\[\^[\w-]+\]")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    command = [sys.executable, str(ROOT / "scripts" / "build_zensical.py"), "--project-dir", str(project)]
    command += ["--venv", str(ROOT / ".venv-zensical-tested"), "--requirement", TESTED_ZENSICAL]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / build_zensical.SITE_DIR


def _html(site_dir, page: str) -> str:
    return (site_dir / page / "index.html").read_text(encoding="utf-8")


def test_zensical_builds_the_same_pages(zensical_site, built_site):
    assert pages(zensical_site) == pages(built_site)


def test_every_macro_is_rendered_with_its_footnotes(zensical_site):
    leftovers = {}
    for page in pages(zensical_site):
        found = LEFTOVERS.findall(CODE.sub("", _html(zensical_site, page)))
        if found:
            leftovers[page] = sorted(set(found))
    assert leftovers == {}


def test_facts_keep_their_footnotes(zensical_site, built_site):
    page = "governance/regulation/"
    footnotes = re.compile(r'<div class="footnote">.*?</div>', re.S)
    ours, theirs = footnotes.search(_html(zensical_site, page)), footnotes.search(_html(built_site, page))
    assert theirs and ours, f"{page} lost its footnotes"
    assert ours.group(0).count("<li") == theirs.group(0).count("<li")


def test_every_assessment_page_has_the_same_checklist_controls(zensical_site, built_site):
    counts = {
        page: len(ANSWER_INPUT.findall(_html(built_site, page)))
        for page in pages(built_site)
        if ANSWER_INPUT.search(_html(built_site, page))
    }
    assert len(counts) >= 2, "the ProperDocs build shows fewer checklist pages than expected"
    assert {page: len(ANSWER_INPUT.findall(_html(zensical_site, page))) for page in counts} == counts


def test_what_the_hook_writes_is_in_the_zensical_site(zensical_site, built_site):
    for file in (
        "assets/stylesheets/site.css",
        "assets/stylesheets/print.css",
        "assets/javascripts/assessment-model.js",
    ):
        assert (zensical_site / file).read_text(encoding="utf-8") == (built_site / file).read_text(encoding="utf-8")
    assert (zensical_site / "assets/javascripts/paths-data.js").is_file()


def test_every_page_keeps_its_reading_time_and_glossary_tooltips(zensical_site, built_site):
    """Both come from the step after each page's macros, which runs on pages without macros too."""
    differ = {}
    for page in pages(built_site):
        ours, theirs = _html(zensical_site, page), _html(built_site, page)
        counts = [(html.count(" min read"), len(re.findall(r"<abbr title=", html))) for html in (ours, theirs)]
        if counts[0] != counts[1]:
            differ[page] = counts
    assert differ == {}, "page: [(Zensical reading times, tooltips), (ProperDocs ...)]"
