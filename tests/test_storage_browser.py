"""Saved answers survive whatever the browser's storage does, in real Chromium: a record that cannot be
read, storage that is blocked or full, a record written by a newer version of the playbook, and items
renamed or split since the answers were given. Nothing a reader saved is lost or overwritten.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from macros import scoring
from tests.support.answers import ASSESSMENT, KEY, store, stored_values
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
