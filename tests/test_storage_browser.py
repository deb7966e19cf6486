"""Saved answers survive whatever the browser's storage does, in real Chromium: a record that cannot be
read, storage that is blocked or full, a record written by a newer version of the playbook, and items
renamed or split since the answers were given. Nothing a reader saved is lost or overwritten.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from macros import checklists, scoring
from tests.support.answers import ASSESSMENT, KEY, share_link, store, stored_values
from tests.support.browser import (
    block_storage,
    open_page,
    open_site_origin,
    put_in_storage,
    reload,
    set_aside_copies,
    watched_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEVOPS = "assess/devops-foundations/"
REPORT = "assess/report/"
# Every setItem fails as on a full disk; reads still work.
FULL_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError") }"""


def _next_actions(page) -> list[str]:
    return page.locator("[data-mrp-next-actions] li").evaluate_all("items => items.map(i => i.dataset.mrpItem)")


def test_corrupt_storage_is_set_aside_with_a_notice(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, "{broken json")
        open_page(page, site_url + DEVOPS)
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("could not be read")
        kept = set_aside_copies(page, KEY)
        assert kept == ["{broken json"], "the unreadable copy must be kept, not deleted"
        page.locator("label[for=answer-vc-code-yes]").click()
        assert stored_values(page) == {"vc-code": "yes"}
        watch.assert_clean("corrupt storage")


def test_disabled_storage_shows_a_notice_and_the_page_works(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        block_storage(page, "localStorage")
        open_page(page, site_url + DEVOPS)
        expect(page.locator("[data-mrp-notice]")).to_contain_text("will be lost")
        page.locator("label[for=answer-vc-code-yes]").click()
        expect(page.locator("[data-mrp-score-text]")).to_have_attribute("data-mrp-earned", "2")
        watch.assert_clean("disabled storage")


def test_full_storage_says_the_answer_was_not_saved(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        page.evaluate(
            """() => { const original = Storage.prototype.setItem
                 Storage.prototype.setItem = function (key, value) {
                   if (key.startsWith("mlops-readiness-playbook.answers"))
                     throw new DOMException("full", "QuotaExceededError")
                   return original.call(this, key, value) } }"""
        )
        page.locator("label[for=answer-vc-code-yes]").click()
        expect(page.locator("[data-mrp-notice]")).to_contain_text("could not be saved")
        watch.assert_clean("full storage")


def test_answers_from_a_newer_version_are_shown_but_not_overwritten(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        newer = json.dumps({"schema": 99, "answers": {"vc-code": "yes", "future-item": "yes"}})
        put_in_storage(page, KEY, newer)
        open_page(page, site_url + DEVOPS)
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        expect(page.locator("[data-mrp-notice]")).to_contain_text("newer version")
        page.locator("label[for=answer-iac-yes]").click()
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == newer
        watch.assert_clean("newer schema")


def test_a_record_from_a_newer_version_is_never_set_aside_or_overwritten(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        newer = json.dumps({"schema": 99, "answers": {"vc-code": "yes", "iac": "partly"}, "extra": [1, 2]})
        put_in_storage(page, KEY, newer)
        open_page(page, site_url + DEVOPS)
        expect(page.locator("[data-mrp-notice]")).to_contain_text("newer version")
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        page.locator("label[for=answer-ci-build-yes]").click()
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == newer
        assert set_aside_copies(page, KEY) == []
        watch.assert_clean("newer shape")


def test_renamed_items_carry_their_answers(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        migrated = page.evaluate(
            """() => {
              const model = MRP.assessment.readModel()
              model.checklists[0].sections[0].items[0].replaces = ["old-name"]
              return MRP.assessment.migrate(model, {"old-name": "yes", "from-the-future": "na"})
            }"""
        )
        first = ASSESSMENT.ordered()[0].items()[0].id
        assert migrated == {first: "yes", "from-the-future": "na"}
        entry = {"value": "partly", "note": "Deploys by script"}
        split = page.evaluate(
            "entry => MRP.assessment.migrate(MRP.assessment.readModel(),"
            " {'cd-deploy': entry, 'cd-rollback': {value: 'no'}})",
            entry,
        )
        assert split == scoring.migrate_answers(ASSESSMENT, {"cd-deploy": entry, "cd-rollback": {"value": "no"}})
        assert split == {"cd-automated": entry, "cd-rollback": {"value": "no"}}
        watch.assert_clean("migration")


def test_full_storage_still_shows_saved_answers_on_the_checklist(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_site_origin(page, site_url)
        store(page, {"vc-code": "yes"})
        page.add_init_script(FULL_STORAGE)
        open_page(page, site_url + DEVOPS)
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_contain_text("kept but read-only")
        expect(notice).not_to_contain_text("not keeping data")
        page.locator("label[for=answer-iac-yes]").click()
        expect(page.locator("[data-mrp-score-text]")).to_have_attribute("data-mrp-earned", "3")
        assert stored_values(page) == {"vc-code": "yes"}
        watch.assert_clean("full storage checklist")


def test_full_storage_still_reports_on_saved_answers(browser, site_url):
    answers = {"vc-code": "yes", "ci-build": "yes", "ci-tests": "yes"}
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_site_origin(page, site_url)
        store(page, answers)
        page.add_init_script(FULL_STORAGE)
        open_page(page, site_url + REPORT)
        expect(page.locator("[data-mrp-notice]")).to_contain_text("kept but read-only")
        assert _next_actions(page) == scoring.next_actions(ASSESSMENT, answers)
        watch.assert_clean("full storage report")


def test_a_corrupt_record_on_full_storage_says_what_happens(browser, site_url):
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, "{broken json")
        page.add_init_script(FULL_STORAGE)
        open_page(page, site_url + DEVOPS)
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_contain_text("could not be read")
        expect(notice).to_contain_text("could not be set aside")
        expect(notice).to_contain_text("will not be saved")
        expect(notice).not_to_contain_text("was kept")
        page.locator("label[for=answer-vc-code-yes]").click()
        reload(page)
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == "{broken json"
        expect(notice).to_contain_text("will not be saved")
        watch.assert_clean("corrupt and full")


# ---- Round 2 (issue 26): storage that fills up mid-edit, and answers migrated from 0.1 ----

TITLES = {item_id: item.title for item_id, item in ASSESSMENT.all_items().items()}
PEOPLE = "assess/people-and-process/"
MERGED = "product-team-owns-lifecycle"


def test_an_answer_that_could_not_be_saved_stays_and_is_saved_with_the_next(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        # Storage is full until the test frees it: every write fails, reads still work.
        page.evaluate(
            """() => { const original = Storage.prototype.setItem
                 window.mrpFull = true
                 Storage.prototype.setItem = function (key, value) {
                   if (window.mrpFull) throw new DOMException("full", "QuotaExceededError")
                   return original.call(this, key, value) } }"""
        )
        page.locator("label[for=answer-vc-code-yes]").click()
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_contain_text("Not saved yet")
        expect(notice).to_contain_text(TITLES["vc-code"])
        expect(notice).to_contain_text("export")
        page.locator("label[for=answer-ci-build-partly]").click()
        expect(notice).to_contain_text(TITLES["ci-build"])
        assert stored_values(page) == {}
        page.evaluate("() => { window.mrpFull = false }")
        page.locator("label[for=answer-iac-yes]").click()
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        expect(page.locator("#answer-ci-build-partly")).to_be_checked()
        assert stored_values(page) == {"vc-code": "yes", "ci-build": "partly", "iac": "yes"}
        expect(notice).to_be_hidden()
        reload(page)
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        watch.assert_clean("storage full, then free")


def test_unsaved_answers_can_be_downloaded_from_the_notice(browser, site_url, tmp_path):
    with watched_page(browser, site_url, fresh=True, accept_downloads=True) as (page, watch):
        open_site_origin(page, site_url)
        store(page, {"ci-build": "yes"})
        open_page(page, site_url + DEVOPS)
        page.evaluate(
            """() => { Storage.prototype.setItem = function () {
                 throw new DOMException("full", "QuotaExceededError") } }"""
        )
        page.locator("label[for=answer-vc-code-partly]").click()
        with page.expect_download() as download:
            page.locator("[data-mrp-notice]").get_by_role("button", name="Export all answers shown here").click()
        path = tmp_path / "unsaved.json"
        download.value.save_as(path)
        exported = json.loads(path.read_text(encoding="utf-8"))
        assert exported["format"] == checklists.EXPORT_FORMAT
        assert {item_id: answer["value"] for item_id, answer in exported["answers"].items()} == {
            "ci-build": "yes",
            "vc-code": "partly",
        }
        watch.assert_clean("download unsaved answers")


# 0.1 answers (schema 1: a ticked box is "yes" or "na", an unticked one is absent) for the item that
# took over no-handover, and what 0.3 makes of them: an answer only when every 0.1 item gives it.
MIGRATIONS = [
    ({"no-handover": "yes"}, None),
    ({MERGED: "yes"}, None),
    ({MERGED: "yes", "no-handover": "yes"}, "yes"),
    ({MERGED: "na", "no-handover": "na"}, "na"),
    ({MERGED: "na", "no-handover": "yes"}, None),
]


@pytest.mark.parametrize(("old", "expected"), MIGRATIONS, ids=["only-replaced", "only-own", "both", "both-na", "mixed"])
def test_a_merged_item_takes_an_answer_only_when_every_0_1_item_gives_it(browser, site_url, old, expected):
    python = scoring.migrate_answers(ASSESSMENT, old, schema=1)
    assert python.get(MERGED) == expected
    assert "no-handover" not in python
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, json.dumps({"schema": 1, "answers": old}))
        open_page(page, site_url + PEOPLE)
        checked = page.locator(f"#item-{MERGED} input[type=radio]:checked")
        if expected:
            expect(checked).to_have_attribute("value", expected)
        else:
            expect(checked).to_have_count(0)
        missing = page.evaluate(
            """() => { const model = MRP.assessment.readModel()
                 const checklist = model.checklists.find(c => c.id === "people-and-process")
                 const answers = MRP.assessment.load(model).answers
                 return MRP.assessment.scoreChecklist(checklist, answers).criticalMissing }"""
        )
        assert (MERGED in missing) == (expected is None), "the critical warning stays unless the item is answered"
        browser_migrated = page.evaluate("old => MRP.scoring.migrate(MRP.assessment.readModel(), old, 1)", old)
        assert browser_migrated == python
        watch.assert_clean("0.1 merge")


def test_a_0_1_file_and_share_link_never_invent_a_yes(browser, site_url, tmp_path):
    old = {"no-handover": "yes", "vc-code": "yes"}
    document = {"format": checklists.EXPORT_FORMAT, "schema": 1, "playbookVersion": "0.1.0", "answers": old}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + REPORT)
        page.locator("[data-mrp-import]").set_input_files(str(path))
        page.locator("[data-mrp-replace]").click()
        assert stored_values(page) == {"vc-code": "yes"}
        expect(page.locator(f"[data-mrp-plan] li[data-mrp-item={MERGED}]")).to_have_count(1)
        open_page(page, share_link(site_url + REPORT, document))
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        expect(page.locator(f"[data-mrp-plan] li[data-mrp-item={MERGED}]")).to_have_count(1)
        expect(page.locator("[data-mrp-plan] li[data-mrp-item=vc-code]")).to_have_count(0)
        watch.assert_clean("0.1 file")
