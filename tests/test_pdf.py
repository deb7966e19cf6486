"""The whole playbook as one PDF: cover, contents with page numbers, bookmarks, links, footer."""

from __future__ import annotations

import re
import tomllib

import pytest
from pypdf import PdfReader

from scripts.build_pdf import PDF_PATH, build_pdf
from tests.support.site import ROOT, nav_pages

pytestmark = pytest.mark.slow

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("pdf-site")
    pdf, _, log = build_pdf(site_dir, echo=lambda line: None)
    return {"site": site_dir, "reader": PdfReader(pdf), "log": "\n".join(log)}


def _text(reader, first: int, last: int) -> str:
    # Layout mode keeps a contents line's title and page number apart.
    return "\n".join(reader.pages[index].extract_text(extraction_mode="layout") for index in range(first, last))


def test_cover_names_the_playbook_and_its_version(built):
    cover = built["reader"].pages[0].extract_text()
    assert "MLOps Readiness Playbook" in cover
    assert f"Version {VERSION}" in cover


def test_contents_list_chapters_with_page_numbers(built):
    contents = _text(built["reader"], 1, 4)
    assert "Contents" in contents
    numbered = re.findall(r"^\s*\d+(?:\.\d+)?\.?\s+\S.*?\s{2,}(\d+)\s*$", contents, re.MULTILINE)
    assert len(numbered) >= 30, f"expected numbered contents entries with page numbers, found {len(numbered)}"
    pages = [int(page) for page in numbered]
    assert pages == sorted(pages), "page numbers in the contents must rise"
    assert max(pages) <= len(built["reader"].pages)


def test_bookmarks_mirror_the_nav(built):
    titles = [item.title for item in built["reader"].outline if not isinstance(item, list)]
    for chapter in ["Why MLOps", "What MLOps is", "DevOps prerequisites", "People and process", "Teams"]:
        assert any(chapter in title for title in titles), f"no bookmark for {chapter}: {titles}"
    assert len(titles) >= 10


def test_every_page_in_the_nav_is_in_the_pdf(built):
    # Each page becomes a numbered chapter or section, so the contents name every page title.
    contents = _text(built["reader"], 1, 4)
    assert len(re.findall(r"^\s*\d+(?:\.\d+)?\.?\s", contents, re.MULTILINE)) >= len(nav_pages()) - 1


def test_running_footer_carries_the_version(built):
    body = built["reader"].pages[6].extract_text()
    assert f"MLOps Readiness Playbook · Version {VERSION}" in body


def test_internal_links_jump_within_the_pdf(built):
    internal = 0
    for page in built["reader"].pages:
        for annotation in page.get("/Annots") or []:
            target = annotation.get_object()
            action = target.get("/A")
            if "/Dest" in target or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal >= 50, f"only {internal} internal links"


def test_checklists_print_as_boxes_not_form_fields(built):
    assert not built["reader"].get_fields(), "the PDF must not contain interactive form fields"
    text = "\n".join(page.extract_text() for page in built["reader"].pages)
    assert "All application and pipeline code lives in version control" in text
    assert "Not applicable" not in text, "the not-applicable control makes no sense on paper"
    assert "Reset answers" not in text


def test_external_links_are_printed_for_paper_readers(built):
    text = "\n".join(page.extract_text() for page in built["reader"].pages)
    assert "(https://dora.dev/" in text.replace("\n", "")


def test_the_build_had_no_missing_images_or_render_errors(built):
    log = built["log"]
    for problem in ("Failed to load", "No anchor", "ERROR"):
        assert problem not in log, f"{problem!r} in the PDF build log"
    diagrams = sum(
        len(re.findall(r'<svg[^>]*role="img"', path.read_text(encoding="utf-8")))
        for path in (built["site"] / "teams").rglob("*.html")
    )
    assert diagrams >= 5, "the team pages should carry their diagrams into the PDF build"


def test_the_site_links_to_its_pdf(built):
    home = (built["site"] / "index.html").read_text(encoding="utf-8")
    assert "Download this version as a PDF" in home
    assert f'href="{PDF_PATH}"' in home
    assert (built["site"] / PDF_PATH).is_file()
