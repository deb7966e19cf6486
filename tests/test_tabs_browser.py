"""Zero lost answers, in real Chromium: several tabs, shared views, the team view and import messages.

Each test reproduces one way the assessment used to lose or misreport answers (issue 13); the ways
storage itself fails (full, blocked, unreadable) are in test_storage_browser.py. Tests with
two tabs open two pages on one browser context, so they share localStorage and the `storage` event.
Stored answers are compared by value, so the tests hold for schema 1 ("yes") and schema 2
({"value": "yes", ...}) records alike.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from macros import scoring
from tests.support.answers import ASSESSMENT, FORMAT, KEY, answers_file, share_link, store, stored_values, value
from tests.support.browser import open_page, open_site_origin, reload, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MILESTONES = ASSESSMENT.rules.milestones_key
REPORT = "assess/report/"
TEAM = "assess/team-view/"
DEVOPS = "assess/devops-foundations/"
MLOPS = "assess/mlops-capabilities/"
TITLES = {item_id: item.title for item_id, item in ASSESSMENT.all_items().items()}


def _sees(page, item_id: str, present: bool = True) -> None:
    """Wait until this tab's localStorage shows (or no longer shows) an answer for item_id."""
    page.wait_for_function(
        """([key, id, present]) => {
             const raw = localStorage.getItem(key)
             const answers = raw ? JSON.parse(raw).answers || {} : {}
             return Object.hasOwn(answers, id) === present }""",
        arg=[KEY, item_id, present],
    )


def _yes(page, item_id: str) -> None:
    """Answer Yes: a radio button in the four-level scale, or a checkbox in the older two-level one."""
    page.locator(f"label[for=answer-{item_id}-yes], label[for=answer-{item_id}]").first.click()


def _share_link(site_url: str, document: dict) -> str:
    return share_link(site_url + REPORT, document)


# ---- 1. A report tab writes stale answers ----


def _report_and_checklist(context, site_url, own: dict):
    report = context.pages[0]
    open_page(report, site_url + REPORT)
    store(report, own)
    reload(report)
    checklist = context.new_page()
    open_page(checklist, site_url + MLOPS)
    return report, checklist


def test_merge_in_a_report_tab_keeps_ticks_made_in_another_tab(browser, site_url, tmp_path):
    with watched_page(browser, site_url) as (page, watch):
        report, checklist = _report_and_checklist(page.context, site_url, {"vc-code": "yes"})
        _yes(checklist, "data-versioned")
        _sees(report, "data-versioned")
        report.locator("[data-mrp-import]").set_input_files(answers_file(tmp_path, "a.json", {"ci-build": "yes"}))
        report.get_by_role("button", name="Merge: fill my empty answers only").click()
        expect(report.locator("[data-mrp-tool-status]")).to_contain_text("Merged")
        assert stored_values(report) == {"vc-code": "yes", "data-versioned": "yes", "ci-build": "yes"}
        watch.assert_clean("merge with two tabs")


def test_undo_in_a_report_tab_reverts_only_the_import(browser, site_url, tmp_path):
    with watched_page(browser, site_url) as (page, watch):
        report, checklist = _report_and_checklist(page.context, site_url, {"vc-code": "yes"})
        report.locator("[data-mrp-import]").set_input_files(answers_file(tmp_path, "a.json", {"ci-build": "yes"}))
        report.get_by_role("button", name="Merge: fill my empty answers only").click()
        _sees(checklist, "ci-build")
        _yes(checklist, "experiments-tracked")
        _sees(report, "experiments-tracked")
        report.locator("[data-mrp-tool-status]").get_by_role("button", name="Undo").click()
        expect(report.locator("[data-mrp-tool-status]")).to_contain_text("undone")
        assert stored_values(report) == {"vc-code": "yes", "experiments-tracked": "yes"}
        watch.assert_clean("undo with two tabs")


def test_a_milestone_saved_in_a_report_tab_holds_ticks_from_another_tab(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        report, checklist = _report_and_checklist(page.context, site_url, {"vc-code": "yes"})
        _yes(checklist, "data-versioned")
        _sees(report, "data-versioned")
        report.locator("#mrp-milestone-name").fill("After the workshop")
        report.get_by_role("button", name="Save a milestone").click()
        expect(report.locator("[data-mrp-milestones] tbody tr")).to_have_count(2)
        saved = json.loads(report.evaluate("key => localStorage.getItem(key)", MILESTONES))["milestones"]
        assert {item_id: value(answer) for item_id, answer in saved[0]["answers"].items()} == {
            "vc-code": "yes",
            "data-versioned": "yes",
        }
        assert stored_values(report) == {"vc-code": "yes", "data-versioned": "yes"}
        watch.assert_clean("milestone with two tabs")


def test_the_report_redraws_when_another_tab_saves_answers(browser, site_url):
    mlops = ASSESSMENT.checklists["mlops-capabilities"]
    ticked = {"data-versioned": "yes", "experiments-tracked": "yes"}
    result = scoring.score_checklist(mlops, ticked)
    points = f"{result['earned']:g} of {result['possible']:g}"
    with watched_page(browser, site_url) as (page, watch):
        report, checklist = _report_and_checklist(page.context, site_url, {})
        row = report.locator("[data-mrp-score-table] tr").filter(has=report.get_by_text(mlops.title, exact=True))
        expect(row.locator("td").first).to_have_text("0 of " + f"{result['possible']:g}")
        _yes(checklist, "data-versioned")
        _yes(checklist, "experiments-tracked")
        expect(row.locator("td").first).to_have_text(points)
        expect(report.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", scoring.verdict(ASSESSMENT, ticked)
        )
        watch.assert_clean("report redraw")


# ---- 2. Reset in one tab erases another checklist's answers ----


def test_reset_clears_only_its_own_checklist_across_tabs(browser, site_url):
    with watched_page(browser, site_url) as (mlops, watch):
        open_page(mlops, site_url + MLOPS)
        _yes(mlops, "data-versioned")
        devops = mlops.context.new_page()
        open_page(devops, site_url + DEVOPS)
        _yes(devops, "vc-code")
        _sees(mlops, "vc-code")
        mlops.get_by_role("button", name="Reset answers").click()
        mlops.get_by_role("button", name="Yes, clear them").click()
        assert stored_values(mlops) == {"vc-code": "yes"}, "reset must clear only this checklist's answers"
        _yes(devops, "iac")
        _sees(mlops, "iac")
        mlops.get_by_role("button", name="Undo").click()
        assert stored_values(mlops) == {"vc-code": "yes", "iac": "yes", "data-versioned": "yes"}
        watch.assert_clean("reset across tabs")


# ---- 3. The team view drops a colleague ----


def test_team_view_counts_two_people_with_no_label_and_the_same_answers(browser, site_url, tmp_path):
    people = [{"vc-code": "yes", "ci-build": "yes"}, {"vc-code": "yes", "ci-build": "yes"}, {}]
    files = [answers_file(tmp_path, f"person-{n}.json", answers) for n, answers in enumerate(people)]
    expected = scoring.team_summary(ASSESSMENT, people)
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(files)
        status = page.locator("[data-mrp-team-status]")
        expect(status).to_contain_text("3 answer files loaded")
        expect(status).not_to_contain_text("Skipped")
        expect(page.locator("[data-mrp-team-verdict]")).to_have_attribute("data-mrp-level", expected["verdict"])
        expect(page.locator("[data-mrp-team-verdict]")).to_contain_text("3 people took part")
        watch.assert_clean("two people, same answers")


def test_team_view_asks_before_leaving_out_a_possible_duplicate(browser, site_url, tmp_path):
    first = answers_file(tmp_path, "ana.json", {"vc-code": "yes"}, label="Ana", exportedAt="2026-11-01T10:00:00Z")
    again = answers_file(tmp_path, "ana-2.json", {"vc-code": "yes"}, label="Ana", exportedAt="2026-11-20T10:00:00Z")
    other = answers_file(tmp_path, "bo.json", {}, label="Bo")
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files([first, again, other])
        status = page.locator("[data-mrp-team-status]")
        expect(status).to_contain_text("ana-2.json")
        expect(status).to_contain_text("2 answer files loaded")
        page.get_by_role("button", name="Count both").click()
        expect(status).to_contain_text("3 answer files loaded")
        expect(page.locator("[data-mrp-team-verdict]")).to_contain_text("3 people took part")
        watch.assert_clean("ask about a duplicate")


# ---- 4. The shared view's tools act on the wrong answers ----


def test_the_shared_view_exports_and_shares_what_it_shows(browser, site_url, tmp_path):
    shared = {"ci-build": "yes", "iac": "yes", "vc-code": "na"}
    link = _share_link(site_url, {"format": FORMAT, "schema": 1, "playbookVersion": "0.1.0", "answers": shared})
    with watched_page(browser, site_url, accept_downloads=True) as (page, watch):
        open_site_origin(page, site_url)
        store(page, {"vc-code": "yes"})
        open_page(page, link)
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Export answers as a file").click()
        path = tmp_path / "export.json"
        download.value.save_as(path)
        exported = json.loads(path.read_text(encoding="utf-8"))["answers"]
        assert {item_id: value(answer) for item_id, answer in exported.items()} == shared
        page.get_by_role("button", name="Copy a share link").click()
        copied = page.locator(".mrp-share-link").input_value()
        decoded = page.evaluate(
            "link => MRP.assessment.decodeShare(MRP.assessment.readModel(), link.slice(link.indexOf('#')))", copied
        )
        assert {item_id: value(answer) for item_id, answer in decoded["answers"].items()} == shared
        save = page.get_by_role("button", name="Save a milestone")
        expect(save).to_be_disabled()
        expect(page.locator("[data-mrp-milestone-why]")).to_be_visible()
        expect(page.locator("[data-mrp-milestone-why]")).to_contain_text("your own answers")
        assert stored_values(page) == {"vc-code": "yes"}
        page.get_by_role("button", name="Show my own answers").click()
        expect(save).to_be_enabled()
        expect(page.locator("[data-mrp-milestone-why]")).to_be_hidden()
        watch.assert_clean("shared view tools")


# ---- 5. Import and share-link messages ----


def test_import_restores_label_and_role(browser, site_url, tmp_path):
    incoming = answers_file(tmp_path, "ana.json", {"vc-code": "yes"}, label="Payments ML team", role="ML engineer")
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + REPORT)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        page.get_by_role("button", name="Replace all my answers").click()
        expect(page.locator("#mrp-label")).to_have_value("Payments ML team")
        expect(page.locator("#mrp-role")).to_have_value("ML engineer")
        expect(page.locator("[data-mrp-meta]")).to_contain_text("Report for Payments ML team")
        reload(page)
        expect(page.locator("#mrp-label")).to_have_value("Payments ML team")
        expect(page.locator("#mrp-role")).to_have_value("ML engineer")
        watch.assert_clean("label and role")


def test_an_import_error_closes_the_previous_preview(browser, site_url, tmp_path):
    good = answers_file(tmp_path, "good.json", {"ci-build": "yes"})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        store(page, {"vc-code": "yes"})
        open_page(page, site_url + REPORT)
        page.locator("[data-mrp-import]").set_input_files(good)
        expect(page.locator("[data-mrp-preview]")).to_be_visible()
        page.locator("[data-mrp-import]").set_input_files(str(bad))
        expect(page.locator("[data-mrp-tool-status]")).to_contain_text("valid JSON")
        expect(page.locator("[data-mrp-preview]")).to_be_hidden()
        expect(page.get_by_role("button", name="Merge: fill my empty answers only")).to_have_count(0)
        assert stored_values(page) == {"vc-code": "yes"}
        watch.assert_clean("import error after preview")


@pytest.mark.parametrize(
    "document",
    [
        {"format": FORMAT, "schema": 99, "answers": {}},
        {"format": "something-else", "schema": 1, "answers": {}},
        {"format": FORMAT, "schema": 1, "answers": {"vc-code": "maybe"}},
    ],
    ids=["newer", "not-answers", "bad-answer"],
)
def test_share_link_errors_speak_of_the_link(browser, site_url, document):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, _share_link(site_url, document))
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_contain_text("link")
        expect(notice).not_to_contain_text("file")
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        watch.assert_clean("share link error")


def test_an_unknown_id_named_like_an_object_property_never_shows_as_undefined(browser, site_url, tmp_path):
    incoming = answers_file(tmp_path, "odd.json", {"constructor": "yes", "tostring": "na", "vc-code": "yes"})
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + REPORT)
        page.get_by_role("button", name="Save a milestone").click()
        page.locator("[data-mrp-import]").set_input_files(incoming)
        summary = page.locator("[data-mrp-preview-summary]")
        expect(summary).to_contain_text("not know")
        expect(summary).not_to_contain_text("undefined")
        page.get_by_role("button", name="Replace all my answers").click()
        assert stored_values(page) == {"constructor": "yes", "tostring": "na", "vc-code": "yes"}, "unknown ids are kept"
        page.get_by_role("button", name="Compare with now").click()
        comparison = page.locator("[data-mrp-comparison]")
        expect(comparison).to_contain_text(TITLES["vc-code"] + ": no → yes")
        expect(comparison).not_to_contain_text("undefined")
        expect(page.locator("[data-mrp-report]")).not_to_contain_text("undefined")
        watch.assert_clean("unknown ids")


# ---- 6. Round 2 (issue 26): undo, a full clear and new share links across tabs ----


def _sees_value(page, item_id: str, wanted: str) -> None:
    """Wait until this tab's localStorage holds `wanted` as the answer value for item_id."""
    page.wait_for_function(
        """([key, id, wanted]) => {
             const raw = localStorage.getItem(key)
             const answer = raw ? (JSON.parse(raw).answers || {})[id] : undefined
             return (answer && typeof answer === "object" ? answer.value : answer) === wanted }""",
        arg=[KEY, item_id, wanted],
    )


def test_undo_after_a_reset_keeps_an_answer_another_tab_gave_since(browser, site_url):
    with watched_page(browser, site_url) as (first, watch):
        open_page(first, site_url + DEVOPS)
        _yes(first, "vc-code")
        _yes(first, "iac")
        first.get_by_role("button", name="Reset answers").click()
        first.get_by_role("button", name="Yes, clear them").click()
        second = first.context.new_page()
        open_page(second, site_url + DEVOPS)
        second.locator("label[for=answer-vc-code-partly]").click()
        _sees_value(first, "vc-code", "partly")
        first.get_by_role("button", name="Undo").click()
        assert stored_values(first) == {"vc-code": "partly", "iac": "yes"}, "undo must not overwrite a newer answer"
        expect(first.locator("#answer-vc-code-partly")).to_be_checked()
        expect(first.locator("#answer-iac-yes")).to_be_checked()
        expect(second.locator("#answer-iac-yes")).to_be_checked()
        watch.assert_clean("undo after reset across tabs")


def test_an_open_checklist_empties_when_another_tab_clears_the_site_storage(browser, site_url):
    with watched_page(browser, site_url) as (checklist, watch):
        open_page(checklist, site_url + DEVOPS)
        _yes(checklist, "vc-code")
        expect(checklist.locator("[data-mrp-progress]")).to_have_attribute("data-mrp-answered", "1")
        other = checklist.context.new_page()
        open_page(other, site_url + REPORT)
        other.evaluate("() => localStorage.clear()")
        expect(checklist.locator("#answer-vc-code-yes")).not_to_be_checked()
        expect(checklist.locator("[data-mrp-progress]")).to_have_attribute("data-mrp-answered", "0")
        expect(checklist.locator("[data-mrp-score-text]")).to_have_attribute("data-mrp-earned", "0")
        watch.assert_clean("storage cleared in another tab")


def _plan(page) -> set[str]:
    items = page.locator("[data-mrp-plan] li[data-mrp-item]")
    return set(items.evaluate_all("items => items.map(i => i.dataset.mrpItem)"))


def test_a_shared_report_follows_every_new_share_link_in_its_address(browser, site_url):
    sets = [{"vc-code": "yes"}, {"ci-build": "yes", "iac": "yes"}, {"data-versioned": "yes", "vc-code": "na"}]
    links = [
        _share_link(site_url, {"format": FORMAT, "schema": 2, "playbookVersion": "0.2.0", "answers": answers})
        for answers in sets
    ]
    own = {"iac": "partly"}
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        store(page, own)
        open_page(page, links[0])
        for link, answers in zip(links, sets, strict=True):
            page.goto(link)
            expected = set(scoring.action_plan(ASSESSMENT, answers))
            page.wait_for_function(
                "expected => JSON.stringify([...document.querySelectorAll('[data-mrp-plan] li[data-mrp-item]')]"
                ".map(item => item.dataset.mrpItem).sort()) === JSON.stringify(expected)",
                arg=sorted(expected),
            )
            expect(page.locator("[data-mrp-shared]")).to_be_visible()
            expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
                "data-mrp-level", scoring.verdict(ASSESSMENT, answers)
            )
        page.goto(links[1].split("#share=")[0] + "#share=" + links[1].split("#share=")[1][:-9])
        expect(page.locator("[data-mrp-notice]")).to_contain_text("damaged or incomplete")
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        assert _plan(page) == set(scoring.action_plan(ASSESSMENT, own)), "a damaged link shows the reader's own answers"
        page.goto(links[2])
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        expect(page.locator("[data-mrp-notice]")).to_be_hidden()
        assert stored_values(page) == own, "viewing share links never touches the reader's own answers"
        watch.assert_clean("new share links in one tab")
