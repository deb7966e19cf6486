"""Assessment v2 in the built site: schema-1 answers captured from the old site load with nothing lost,
hostile notes never run as HTML (page, report, exports), and axe finds nothing in either scheme."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros import scoring
from tests.support.answers import ASSESSMENT, KEY, stored_values
from tests.support.browser import (
    COLOUR_RULES,
    CONTENT,
    axe_violations,
    open_page,
    open_site_origin,
    put_in_storage,
    reload,
    watched_page,
)
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CAPTURES = json.loads((ROOT / "tests" / "cases" / "schema-1-captures.json").read_text(encoding="utf-8"))
HOSTILE = '<img src=x onerror="window.__pwned=1">[x](javascript:alert(1))=1+1'


# The ids of the answer radios ticked on a checklist page, sorted.
CHECKED_ANSWERS = "() => [...document.querySelectorAll('input[type=radio][id^=answer-]:checked')].map(r => r.id).sort()"


def _migrated(answers: dict) -> dict:
    """0.1 answers (schema 1) as 0.3 reads them."""
    return scoring.migrate_answers(ASSESSMENT, answers, schema=1)


@pytest.mark.parametrize("record", CAPTURES["records"], ids=lambda record: record["name"])
def test_a_schema_1_record_from_the_old_site_loses_nothing(browser, site_url, record):
    old = json.loads(record["raw"])["answers"]
    expected = _migrated(old)
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, record["raw"])
        for checklist in ASSESSMENT.ordered():
            open_page(page, site_url + f"assess/{checklist.id}/")
            # Exactly the migrated answers are ticked: every expected radio, and no other answer of any item.
            wanted = sorted(
                f"answer-{item.id}-{expected[item.id]}" for item in checklist.items() if item.id in expected
            )
            assert page.evaluate(CHECKED_ANSWERS) == wanted, checklist.id
        assert json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))["schema"] == 1, "reading never writes"
        open_page(page, site_url + "assess/report/")
        verdict = scoring.verdict(ASSESSMENT, expected)
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", verdict)
        # The first write upgrades the record to schema 2 and keeps every earlier answer.
        open_page(page, site_url + "assess/idea-stage/")
        page.locator("label[for=answer-idea-data-access-partly]").click()
        stored = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))
        assert stored["schema"] == 2
        assert stored_values(page) == {**expected, "idea-data-access": "partly"}
        watch.assert_clean("schema-1 record")


@pytest.mark.parametrize("export", CAPTURES["exports"], ids=lambda export: export["name"])
def test_a_schema_1_export_file_imports_with_nothing_lost(browser, site_url, tmp_path, export):
    file = tmp_path / export["filename"]
    file.write_text(export["text"], encoding="utf-8")
    old = json.loads(export["text"])["answers"]
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + "assess/report/")
        page.locator("[data-mrp-import]").set_input_files(str(file))
        page.locator("[data-mrp-replace]").click()
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", scoring.verdict(ASSESSMENT, _migrated(old))
        )
        assert stored_values(page) == _migrated(old)
        # Merged into schema-2 answers with evidence, the old file fills only the empty items.
        mine = {"idea-data-access": {"value": "partly", "note": "Only the sales data", "owner": "Ana"}}
        put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": mine}))
        reload(page)
        page.locator("[data-mrp-import]").set_input_files(str(file))
        page.locator("[data-mrp-merge]").click()
        stored = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))["answers"]
        assert stored["idea-data-access"] == mine["idea-data-access"], "merge keeps the reader's own entry whole"
        assert stored_values(page) == {**_migrated(old), "idea-data-access": "partly"}
        watch.assert_clean("schema-1 export")


@pytest.mark.parametrize("link", CAPTURES["share_links"], ids=lambda link: link["name"])
def test_a_schema_1_share_link_shows_every_answer(browser, site_url, link):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + "assess/report/#" + link["fragment"])
        answers = _migrated(link["answers"])
        verdict = scoring.verdict(ASSESSMENT, answers)
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", verdict)
        plan = set(
            page.locator("[data-mrp-plan] li[data-mrp-item]").evaluate_all("items => items.map(i => i.dataset.mrpItem)")
        )
        assert plan == set(scoring.action_plan(ASSESSMENT, answers)), "the plan follows the shared answers"
        watch.assert_clean("schema-1 share link")


def test_hostile_notes_never_run_as_html_and_export_safely(browser, site_url):
    with watched_page(browser, site_url, accept_downloads=True) as (page, watch):
        open_page(page, site_url + "assess/devops-foundations/")
        page.locator("label[for=answer-vc-code-partly]").click()
        page.locator("#item-vc-code .mrp-item__notes > summary").click()
        page.fill("#note-vc-code", HOSTILE)
        page.fill("#owner-vc-code", HOSTILE[:80])
        page.fill("#due-vc-code", "2027-03-31")
        expect(page.locator("#item-vc-code [data-mrp-notes-flag]")).to_have_text(" (filled in)")
        reload(page)
        page.locator("#item-vc-code .mrp-item__notes > summary").click()
        expect(page.locator("#note-vc-code")).to_have_value(HOSTILE)
        expect(page.locator("#owner-vc-code")).to_have_value(HOSTILE[:80])
        open_page(page, site_url + "assess/report/")
        page.fill("#mrp-label", HOSTILE[:120])
        entry = page.locator("[data-mrp-plan] li[data-mrp-item=vc-code]")
        expect(entry.locator(".mrp-plan__note")).to_have_text("Evidence: " + HOSTILE)
        expect(entry.locator(".mrp-plan__owner")).to_have_text("Owner: " + HOSTILE[:80])
        assert page.locator("[data-mrp-report] img").count() == 0
        assert page.locator("[data-mrp-plan] a").count() == 0
        assert page.evaluate("() => window.__pwned") is None
        with page.expect_download() as markdown_download:
            page.get_by_role("button", name="Download the plan as Markdown").click()
        markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
        assert markdown_download.value.suggested_filename.endswith(".md")
        assert not re.search(r"(?<!\\)[<\[\]()]", markdown.split("\n", 1)[1]), "reader text stays inert"
        assert 'Evidence\\: \\<img src\\=x onerror\\=\\"window\\.\\_\\_pwned\\=1\\"\\>' in markdown
        with page.expect_download() as csv_download:
            page.get_by_role("button", name="Download the plan as CSV").click()
        exported = Path(csv_download.value.path()).read_text(encoding="utf-8")
        assert csv_download.value.suggested_filename.endswith(".csv")
        assert HOSTILE.replace('"', '""') in exported, "the evidence is kept word for word, quoted"
        assert page.evaluate("() => window.__pwned") is None
        watch.assert_clean("hostile notes")


# A cell a spreadsheet would run as a formula starts with one of these; each owner starts with one.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def test_the_csv_plan_neutralises_every_formula_start_and_markdown_stays_inert(browser, site_url):
    items = ["vc-code", "ci-build", "ci-tests", "iac", "ops-monitoring", "ops-incidents"]
    answers = {
        item_id: {"value": "partly", "owner": start + 'HYPERLINK("http://evil")', "note": start + "cmd|' /C calc'!A0"}
        for item_id, start in zip(items, FORMULA_STARTS, strict=True)
    }
    answers["vc-code"]["note"] = "![pixel](http://evil/p.png) <b>x</b> [link](http://evil) `code` *em*\n# heading"
    with watched_page(browser, site_url, accept_downloads=True) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": answers}))
        open_page(page, site_url + "assess/report/")
        expect(page.locator("[data-mrp-plan] li[data-mrp-item=ci-build] .mrp-plan__owner")).to_have_text(
            'Owner: +HYPERLINK("http://evil")'
        )
        with page.expect_download() as csv_download:
            page.get_by_role("button", name="Download the plan as CSV").click()
        rows = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_bytes().decode("utf-8"), newline="")))
        header, body = rows[0], rows[1:]
        owners = {row[0]: row[header.index("Owner")] for row in body}
        for item_id, start in zip(items, FORMULA_STARTS, strict=True):
            owner = owners[ASSESSMENT.all_items()[item_id].title]
            assert owner == "'" + start + 'HYPERLINK("http://evil")', f"{start!r} must not start a formula"
        for row in body:
            assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row), row
        with page.expect_download() as markdown_download:
            page.get_by_role("button", name="Download the plan as Markdown").click()
        markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
        body_text = markdown.split("\n", 1)[1]
        assert not re.search(r"(?<!\\)[<>\[\]()!`*]", body_text), "no link, image, HTML or emphasis survives"
        assert "\\# heading" in markdown and "\n# heading" not in markdown, "a note cannot start a heading"
        assert "\\!\\[pixel\\]\\(http\\:" in markdown
        watch.assert_clean("formula starts")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checklist_report_and_sheet_pages_have_no_axe_violations(browser, site_url, scheme):
    with watched_page(browser, site_url, color_scheme=scheme) as (page, watch):
        open_site_origin(page, site_url)
        answers = {
            "vc-code": {"value": "yes", "note": "Repo audit, May", "owner": "Ana", "due": "2027-01-31"},
            "ci-build": {"value": "partly"},
            "iac": {"value": "na"},
            "idea-ml-right-tool": {"value": "no"},
        }
        put_in_storage(
            page, KEY, json.dumps({"schema": 2, "scope": ["classic-ml", "generative-ai"], "answers": answers})
        )
        found = {}
        for path in [
            "assess/",
            "assess/idea-stage/",
            "assess/devops-foundations/",
            "assess/generative-ai/",
            "assess/report/",
            "assess/scoring-sheet/",
        ]:
            open_page(page, site_url + path)
            if path.endswith("devops-foundations/"):
                page.locator("#item-vc-code .mrp-item__notes > summary").click()
                page.locator("#item-vc-code .mrp-item__details > summary").click()
                page.locator("#answer-ci-build-partly").focus()
            # The header, navigation and footer are scanned whole by test_browser.py. A colour scheme
            # changes colours only: the dark scan runs the rules that judge colours.
            violations = axe_violations(page, within=CONTENT, rules=COLOUR_RULES if scheme == "dark" else None)
            if violations:
                found[path] = violations
        assert not found, found
        watch.assert_clean("axe " + scheme)
