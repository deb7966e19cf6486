"""The readiness checklists in real Chromium: answers persist, scores match the Python rules."""

from __future__ import annotations

import json
import random

import pytest
from playwright.sync_api import expect

from macros import checklists
from macros.registry import load_assessment
from tests.support.browser import axe_violations, watched_page
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ASSESSMENT = load_assessment(ROOT / "data", ROOT / "docs")
KEY = ASSESSMENT.rules.storage_key
DEVOPS = "assess/devops-foundations/"
MLOPS = "assess/mlops-capabilities/"


def _stored(page) -> dict:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return json.loads(raw)["answers"] if raw else {}


def _score_text(page) -> str:
    return page.locator("[data-mrp-score-text]").inner_text()


def test_a_tick_survives_a_reload(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        page.locator("label[for=answer-vc-code]").click()
        assert _stored(page) == {"vc-code": "yes"}
        stored = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))
        assert stored["schema"] == ASSESSMENT.rules.schema_version
        page.reload(wait_until="networkidle")
        expect(page.locator("#answer-vc-code")).to_be_checked()
        watch.assert_clean("reload")


def test_a_tick_survives_instant_navigation_away_and_back(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        page.evaluate("window.__not_reloaded = true")
        page.locator("label[for=answer-ci-build]").click()
        page.locator(".md-content").get_by_role("link", name="MLOps capabilities").first.click()
        page.wait_for_url("**/" + MLOPS)
        expect(page.locator("form.mrp-checklist")).to_have_attribute("data-checklist", "mlops-capabilities")
        page.go_back()
        page.wait_for_url("**/" + DEVOPS)
        expect(page.locator("#answer-ci-build")).to_be_checked()
        assert page.evaluate("window.__not_reloaded === true"), "navigation reloaded the page"
        page.locator("label[for=answer-cd-deploy]").click()
        assert _stored(page) == {"ci-build": "yes", "cd-deploy": "yes"}, "mounted twice or lost state"
        watch.assert_clean("instant navigation")


def test_not_applicable_takes_an_item_out_of_the_score(browser, site_url):
    checklist = ASSESSMENT.checklists["devops-foundations"]
    total = sum(item.weight for item in checklist.items())
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        score = page.locator("[data-mrp-score-text]")
        expect(score).to_have_attribute("data-possible", str(total))
        page.locator("label[for=answer-iac]").click()
        page.locator("label[for=na-iac]").click()
        expect(score).to_have_attribute("data-possible", str(total - 1))
        expect(score).to_have_attribute("data-earned", "0")
        expect(page.locator("#answer-iac")).to_be_disabled()
        assert _stored(page) == {"iac": "na"}
        watch.assert_clean("not applicable")


def test_scores_match_the_python_rules(browser, site_url):
    chooser = random.Random(20261126)
    checklist = ASSESSMENT.checklists["mlops-capabilities"]
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + MLOPS, wait_until="networkidle")
        for _ in range(3):
            answers = {}
            for item in checklist.items():
                choice = chooser.choice(["yes", "na", None])
                if choice:
                    answers[item.id] = choice
            page.evaluate(
                "([key, answers]) => localStorage.setItem(key, JSON.stringify({schema: 1, answers}))",
                [KEY, answers],
            )
            page.reload(wait_until="networkidle")
            expected = checklists.score_checklist(checklist, answers)
            score = page.locator("[data-mrp-score-text]")
            assert score.get_attribute("data-earned") == str(expected["earned"])
            assert score.get_attribute("data-possible") == str(expected["possible"])
            assert score.get_attribute("data-met") == str(expected["met"]).lower()
            for section in checklist.sections:
                line = page.locator(f"#section-{section.id} [data-mrp-section-score]")
                assert line.get_attribute("data-earned") == str(expected["sections"][section.id]["earned"])
            blocked = checklists.blocked_items(ASSESSMENT, answers)
            for item in checklist.items():
                if item.requires:
                    gate = page.locator(f"[data-mrp-gate={item.id}]")
                    assert gate.is_visible() == (item.id in blocked), item.id
        watch.assert_clean("scoring")


def test_verdict_in_the_browser_matches_python(browser, site_url):
    chooser = random.Random(7)
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        for _ in range(20):
            answers = {item_id: "yes" for item_id in ASSESSMENT.all_items() if chooser.random() < 0.8}
            verdict = page.evaluate(
                "answers => MRP.assessment.verdict(MRP.assessment.readModel(), answers).id", answers
            )
            assert verdict == checklists.verdict(ASSESSMENT, answers)
        watch.assert_clean("verdict")


def test_gating_explains_which_foundation_blocks_which_practice(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + MLOPS, wait_until="networkidle")
        gate = page.locator("[data-mrp-gate=model-deployment]")
        expect(gate).to_be_visible()
        expect(gate).to_contain_text("automated model deployment")
        expect(gate).to_contain_text("automated application deployment")
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        page.locator("label[for=answer-cd-deploy]").click()
        page.goto(site_url + MLOPS, wait_until="networkidle")
        expect(page.locator("[data-mrp-gate=model-deployment]")).to_be_hidden()
        watch.assert_clean("gating")


def test_corrupt_storage_is_set_aside_with_a_notice(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        page.evaluate("key => localStorage.setItem(key, '{broken json')", KEY)
        page.reload(wait_until="networkidle")
        notice = page.locator("[data-mrp-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("could not be read")
        kept = page.evaluate(
            "key => Object.keys(localStorage).filter(name => name.startsWith(key + '.corrupt-'))"
            ".map(name => localStorage.getItem(name))",
            KEY,
        )
        assert kept == ["{broken json"], "the unreadable copy must be kept, not deleted"
        page.locator("label[for=answer-vc-code]").click()
        assert _stored(page) == {"vc-code": "yes"}
        watch.assert_clean("corrupt storage")


def test_disabled_storage_shows_a_notice_and_the_page_works(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.add_init_script(
            """Object.defineProperty(window, "localStorage", {
                 get() { throw new DOMException("blocked", "SecurityError") } })"""
        )
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        expect(page.locator("[data-mrp-notice]")).to_contain_text("will be lost")
        page.locator("label[for=answer-vc-code]").click()
        expect(page.locator("[data-mrp-score-text]")).to_have_attribute("data-earned", "2")
        watch.assert_clean("disabled storage")


def test_full_storage_says_the_answer_was_not_saved(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        page.evaluate(
            """() => { const original = Storage.prototype.setItem
                 Storage.prototype.setItem = function (key, value) {
                   if (key.startsWith("mlops-readiness-playbook.answers"))
                     throw new DOMException("full", "QuotaExceededError")
                   return original.call(this, key, value) } }"""
        )
        page.locator("label[for=answer-vc-code]").click()
        expect(page.locator("[data-mrp-notice]")).to_contain_text("could not be saved")
        watch.assert_clean("full storage")


def test_answers_from_a_newer_version_are_shown_but_not_overwritten(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        newer = json.dumps({"schema": 99, "answers": {"vc-code": "yes", "future-item": "yes"}})
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, newer])
        page.reload(wait_until="networkidle")
        expect(page.locator("#answer-vc-code")).to_be_checked()
        expect(page.locator("[data-mrp-notice]")).to_contain_text("newer version")
        page.locator("label[for=answer-iac]").click()
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == newer
        watch.assert_clean("newer schema")


def test_renamed_items_carry_their_answers(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        migrated = page.evaluate(
            """() => {
              const model = MRP.assessment.readModel()
              model.checklists[0].sections[0].items[0].replaces = ["old-name"]
              return MRP.assessment.migrate(model, {"old-name": "yes", "from-the-future": "na"})
            }"""
        )
        first = ASSESSMENT.checklists["devops-foundations"].items()[0].id
        assert migrated == {first: "yes", "from-the-future": "na"}
        watch.assert_clean("migration")


def test_reset_asks_first_and_can_be_undone(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        page.locator("label[for=answer-vc-code]").click()
        page.locator("label[for=answer-iac]").click()
        page.get_by_role("button", name="Reset answers").click()
        assert _stored(page) == {"vc-code": "yes", "iac": "yes"}, "reset must ask before clearing"
        page.get_by_role("button", name="Keep my answers").click()
        assert _stored(page) == {"vc-code": "yes", "iac": "yes"}
        page.get_by_role("button", name="Reset answers").click()
        page.get_by_role("button", name="Yes, clear them").click()
        assert _stored(page) == {}
        expect(page.locator("#answer-vc-code")).not_to_be_checked()
        page.get_by_role("button", name="Undo").click()
        assert _stored(page) == {"vc-code": "yes", "iac": "yes"}
        expect(page.locator("#answer-vc-code")).to_be_checked()
        watch.assert_clean("reset")


def test_a_checklist_can_be_completed_with_the_keyboard_alone(browser, site_url):
    checklist = ASSESSMENT.checklists["people-and-process"]
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + "assess/people-and-process/", wait_until="networkidle")
        page.locator("#answer-" + checklist.items()[0].id).focus()
        ticked = 0
        for _ in range(200):
            focused = page.evaluate("() => [document.activeElement.id, document.activeElement.value]")
            if focused[0].startswith("answer-"):
                page.keyboard.press("Space")
                ticked += 1
            if ticked == len(checklist.items()):
                break
            page.keyboard.press("Tab")
        assert set(_stored(page)) == {item.id for item in checklist.items()}
        expect(page.locator("[data-mrp-score-text]")).to_have_attribute("data-met", "true")
        focus_style = page.evaluate("() => getComputedStyle(document.activeElement, ':focus-visible').outlineStyle")
        assert focus_style != "none"
        assert axe_violations(page) == []
        watch.assert_clean("keyboard")


def test_without_javascript_the_checklist_is_a_readable_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + DEVOPS)
        expect(page.locator(".mrp-score__static")).to_be_visible()
        expect(page.locator("[data-mrp-actions]")).to_be_hidden()
        assert page.locator("form.mrp-checklist input[type=checkbox][value=yes]").count() == len(
            ASSESSMENT.checklists["devops-foundations"].items()
        )
    finally:
        context.close()


def test_a_record_from_a_newer_version_is_never_set_aside_or_overwritten(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + DEVOPS, wait_until="networkidle")
        newer = json.dumps({"schema": 99, "answers": {"vc-code": "yes", "iac": "partly"}, "extra": [1, 2]})
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, newer])
        page.reload(wait_until="networkidle")
        expect(page.locator("[data-mrp-notice]")).to_contain_text("newer version")
        expect(page.locator("#answer-vc-code")).to_be_checked()
        page.locator("label[for=answer-ci-build]").click()
        assert page.evaluate("key => localStorage.getItem(key)", KEY) == newer
        corrupt_copies = page.evaluate(
            "key => Object.keys(localStorage).filter(k => k.startsWith(key + '.corrupt-'))", KEY
        )
        assert corrupt_copies == []
        watch.assert_clean("newer shape")


def test_two_tabs_keep_each_others_answers(browser, site_url):
    with watched_page(browser, site_url) as (first, watch):
        first.goto(site_url + DEVOPS, wait_until="networkidle")
        second = first.context.new_page()
        second.goto(site_url + MLOPS, wait_until="networkidle")
        first.locator("label[for=answer-vc-code]").click()
        second.locator("label[for=answer-data-versioned]").click()
        first.locator("label[for=answer-iac]").click()
        assert _stored(first) == {"vc-code": "yes", "data-versioned": "yes", "iac": "yes"}
        watch.assert_clean("two tabs")
