"""The readiness report and team view in real Chromium: verdict, moving answers, milestones, printing."""

from __future__ import annotations

import io
import json
import random

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from macros import checklists
from macros.registry import load_assessment
from tests.support.browser import axe_violations, watched_page
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ASSESSMENT = load_assessment(ROOT / "data", ROOT / "docs")
KEY = ASSESSMENT.rules.storage_key
REPORT = "assess/report/"
TEAM = "assess/team-view/"
FORMAT = checklists.EXPORT_FORMAT


def _store(page, answers: dict) -> None:
    page.evaluate("([key, answers]) => localStorage.setItem(key, JSON.stringify({schema: 1, answers}))", [KEY, answers])


def _stored(page) -> dict:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return json.loads(raw)["answers"] if raw else {}


def _answers_file(tmp_path, name: str, answers: dict, **extra) -> str:
    document = {"format": FORMAT, "schema": 1, "playbookVersion": "0.1.0", "answers": answers, **extra}
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _random_answers(seed: int) -> dict:
    chooser = random.Random(seed)
    answers = {}
    for item_id in ASSESSMENT.all_items():
        choice = chooser.choice(["yes", "yes", "na", None])
        if choice:
            answers[item_id] = choice
    return answers


def _open_report(page, site_url, answers: dict) -> None:
    page.goto(site_url + REPORT, wait_until="networkidle")
    _store(page, answers)
    page.reload(wait_until="networkidle")


def test_report_shows_the_verdict_and_next_actions_of_the_python_rules(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        for seed in (1, 2, 3):
            answers = _random_answers(seed)
            _open_report(page, site_url, answers)
            level = checklists.verdict(ASSESSMENT, answers)
            expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-level", level)
            shown = page.locator("[data-mrp-next-actions] li").evaluate_all("items => items.map(i => i.dataset.item)")
            assert shown == checklists.next_actions(ASSESSMENT, answers)
        expect(page.locator("[data-mrp-chart] svg title")).to_have_count(1)
        assert axe_violations(page) == []
        watch.assert_clean("report")


def test_gating_explanation_names_the_missing_foundation(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"model-deployment": "yes"})
        expect(page.locator("[data-mrp-gating]")).to_contain_text(
            "Before automated model deployment, put automated application deployment in place."
        )
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-level", "build-foundations")
        watch.assert_clean("gating")


def test_export_clear_import_restores_identical_answers(browser, site_url, tmp_path):
    answers = _random_answers(11)
    with watched_page(browser, site_url, accept_downloads=True) as (page, watch):
        _open_report(page, site_url, answers)
        page.locator("#mrp-label").fill("Payments ML team, Q1")
        with page.expect_download() as download:
            page.get_by_role("button", name="Export answers as a file").click()
        exported_path = tmp_path / "export.json"
        download.value.save_as(exported_path)
        exported = json.loads(exported_path.read_text(encoding="utf-8"))
        assert exported["format"] == FORMAT and exported["schema"] == 1
        assert exported["label"] == "Payments ML team, Q1" and exported["answers"] == answers
        assert exported["playbookVersion"] and exported["exportedAt"]

        page.evaluate("key => localStorage.removeItem(key)", KEY)
        page.reload(wait_until="networkidle")
        page.locator("[data-mrp-import]").set_input_files(str(exported_path))
        expect(page.locator("[data-mrp-preview]")).to_be_visible()
        assert _stored(page) == {}, "import must not change anything before the reader chooses"
        page.get_by_role("button", name="Replace all my answers").click()
        assert _stored(page) == answers
        watch.assert_clean("export and import")


def test_merge_keeps_both_and_can_be_undone(browser, site_url, tmp_path):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes", "iac": "na"})
        incoming = _answers_file(tmp_path, "theirs.json", {"vc-code": "na", "ci-build": "yes"})
        page.locator("[data-mrp-import]").set_input_files(incoming)
        expect(page.locator("[data-mrp-preview-summary]")).to_contain_text("1 new answers, 1 different")
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        assert _stored(page) == {"vc-code": "yes", "iac": "na", "ci-build": "yes"}
        page.locator("[data-mrp-tool-status]").get_by_role("button", name="Undo").click()
        assert _stored(page) == {"vc-code": "yes", "iac": "na"}
        watch.assert_clean("merge")


MALFORMED = {
    "not json": ("{this is not json", "not valid JSON"),
    "wrong format": (json.dumps({"format": "something-else", "schema": 1, "answers": {}}), "not an answers file"),
    "newer schema": (json.dumps({"format": FORMAT, "schema": 99, "answers": {}}), "newer version"),
    "bad answer": (json.dumps({"format": FORMAT, "schema": 1, "answers": {"vc-code": "maybe"}}), "must be"),
    "bad id": (json.dumps({"format": FORMAT, "schema": 1, "answers": {"<script>": "yes"}}), "invalid item id"),
    "hostile label": (json.dumps({"format": FORMAT, "schema": 1, "answers": {}, "label": "<b>" * 100}), "label"),
    "huge file": (json.dumps({"format": FORMAT, "schema": 1, "answers": {}, "pad": "x" * 300_000}), "too large"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_import_explains_itself_and_changes_nothing(browser, site_url, tmp_path, case):
    content, message = MALFORMED[case]
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes"})
        page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
        page.locator("[data-mrp-import]").set_input_files(str(path))
        status = page.locator("[data-mrp-tool-status]")
        expect(status).to_contain_text("Nothing was changed")
        expect(status).to_contain_text(message)
        expect(page.locator("[data-mrp-preview]")).to_be_hidden()
        assert _stored(page) == {"vc-code": "yes"}
        watch.assert_clean(case)


def test_share_link_round_trip_and_adopt(browser, site_url):
    answers = _random_answers(5)
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, answers)
        page.get_by_role("button", name="Copy a share link").click()
        link = page.locator(".mrp-share-link").input_value()
        assert "#share=" in link and "?" not in link.split("#")[0].replace(site_url, "")
    with watched_page(browser, site_url) as (page, watch):
        page.goto(link, wait_until="networkidle")
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-level", checklists.verdict(ASSESSMENT, answers)
        )
        assert _stored(page) == {}, "viewing a shared link must not touch the reader's own answers"
        page.get_by_role("button", name="Use these answers as mine…").click()
        page.get_by_role("button", name="Replace all my answers").click()
        assert _stored(page) == answers
        watch.assert_clean("share link")


@pytest.mark.parametrize("damage", ["truncate", "tamper"])
def test_a_damaged_share_link_says_so(browser, site_url, damage):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes", "iac": "yes"})
        page.get_by_role("button", name="Copy a share link").click()
        link = page.locator(".mrp-share-link").input_value()
        head, fragment = link.split("#share=")
        middle = len(fragment) // 2
        swapped = "B" if fragment[middle] != "B" else "C"
        tampered = f"{head}#share={fragment[:middle]}{swapped}{fragment[middle + 1 :]}"
        broken = link[:-12] if damage == "truncate" else tampered
        page.goto(site_url + "how-to-use/", wait_until="networkidle")
        page.goto(broken, wait_until="networkidle")
        expect(page.locator("[data-mrp-notice]")).to_contain_text("damaged or incomplete")
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        watch.assert_clean(damage)


def test_milestones_save_and_compare(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes"})
        page.locator("#mrp-milestone-name").fill("Before the workshop")
        page.get_by_role("button", name="Save a milestone").click()
        _store(page, {"vc-code": "yes", "ci-build": "yes", "cd-deploy": "yes"})
        page.reload(wait_until="networkidle")
        page.locator("#mrp-milestone-name").fill("After the workshop")
        page.get_by_role("button", name="Save a milestone").click()
        rows = page.locator("[data-mrp-milestones] tbody tr")
        expect(rows).to_have_count(3)
        expect(page.locator("[data-mrp-trend] svg polyline")).to_have_count(len(ASSESSMENT.checklists))
        devops = ASSESSMENT.checklists["devops-foundations"]
        before = checklists.score_checklist(devops, {"vc-code": "yes"})["score"]
        expect(rows.nth(0)).to_contain_text(f"{round(before * 100)}%")
        page.get_by_role("button", name="Compare with now").first.click()
        comparison = page.locator("[data-mrp-comparison]")
        expect(comparison).to_contain_text("Continuous integration: no → yes")
        expect(comparison).to_contain_text("Automated application deployment: no → yes")
        assert axe_violations(page) == []
        watch.assert_clean("milestones")


def test_the_report_prints_with_verdict_and_next_actions(browser, site_url):
    answers = {"vc-code": "yes"}
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, answers)
        page.locator("#mrp-label").fill("Payments ML team, Q1")
        page.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        text = " ".join(p.extract_text() for p in pdf.pages)
        level = next(level for level in ASSESSMENT.rules.levels if level.id == checklists.verdict(ASSESSMENT, answers))
        assert level.title in text
        for item_id in checklists.next_actions(ASSESSMENT, answers):
            assert ASSESSMENT.all_items()[item_id].title in text
        assert "Payments ML team, Q1" in text
        assert "Export answers" not in text, "controls must not print"
        assert 1 <= len(pdf.pages) <= 3
        watch.assert_clean("print")


def test_team_view_compares_three_files_like_python(browser, site_url, tmp_path):
    people = [_random_answers(21), _random_answers(22), _random_answers(23)]
    files = [
        _answers_file(tmp_path, f"person-{n}.json", answers, label=f"Person {n}") for n, answers in enumerate(people)
    ]
    expected = checklists.team_summary(ASSESSMENT, people)
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + TEAM, wait_until="networkidle")
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-verdict]")).to_have_attribute("data-level", expected["verdict"])
        flagged = page.locator("[data-mrp-team-disagreements] li").evaluate_all(
            "items => items.map(i => i.dataset.item)"
        )
        assert set(flagged) == {item_id for item_id, item in expected["items"].items() if item["disagreement"]}
        rows = page.locator("[data-mrp-team-table] tbody tr")
        items = list(ASSESSMENT.all_items().values())
        for index in (0, 7, len(items) - 1):
            counts = expected["items"][items[index].id]
            cells = rows.nth(index).locator("td").all_inner_texts()
            assert cells[:3] == [str(counts["yes"]), str(counts["no"]), str(counts["na"])]
        assert axe_violations(page) == []
        watch.assert_clean("team view")


def test_team_view_shows_hostile_labels_as_text(browser, site_url, tmp_path):
    hostile = '<img src=x onerror="document.title=1">'
    files = [
        _answers_file(tmp_path, "a.json", {"vc-code": "yes"}, label=hostile),
        _answers_file(tmp_path, "b.json", {}),
    ]
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + TEAM, wait_until="networkidle")
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-table] caption")).to_contain_text(hostile)
        assert page.locator("[data-mrp-team] img").count() == 0
        watch.assert_clean("hostile label")


def test_merging_a_shared_link_shows_the_merged_own_answers(browser, site_url):
    shared = {"ci-build": "yes", "cd-deploy": "yes", "vc-code": "na"}
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, shared)
        page.get_by_role("button", name="Copy a share link").click()
        link = page.locator(".mrp-share-link").input_value()
        _store(page, {"vc-code": "yes"})
        page.goto(link, wait_until="networkidle")
        page.reload(wait_until="networkidle")
        page.get_by_role("button", name="Use these answers as mine…").click()
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        merged = {"vc-code": "yes", "ci-build": "yes", "cd-deploy": "yes"}
        assert _stored(page) == merged
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        shown = page.locator("[data-mrp-next-actions] li").evaluate_all("items => items.map(i => i.dataset.item)")
        assert shown == checklists.next_actions(ASSESSMENT, merged), "the report must show the merged own answers"
        assert "#share=" not in page.url
        watch.assert_clean("merge shared")


def test_team_view_refuses_the_same_answers_twice(browser, site_url, tmp_path):
    first = _answers_file(tmp_path, "a.json", {"vc-code": "yes"}, label="Ana")
    copy = _answers_file(tmp_path, "a-copy.json", {"vc-code": "yes"}, label="Ana")
    other = _answers_file(tmp_path, "b.json", {}, label="Bo")
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + TEAM, wait_until="networkidle")
        page.locator("[data-mrp-team-files]").set_input_files([first, copy, other])
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("already loaded")
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("2 answer files loaded")
        watch.assert_clean("duplicate files")
