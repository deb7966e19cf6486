"""The readiness checklists in real Chromium: answers persist, scores match the Python rules."""

from __future__ import annotations

import json
import random

import pytest
from playwright.sync_api import expect

from macros import scoring
from tests.support.answers import ASSESSMENT, KEY, stored_record, stored_values
from tests.support.browser import (
    COLOUR_RULES,
    CONTENT,
    axe_violations,
    open_page,
    put_in_storage,
    reload,
    watched_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEVOPS = "assess/devops-foundations/"
MLOPS = "assess/mlops-capabilities/"


def _sees(page, item_id: str) -> None:
    """Wait until this tab's own view of localStorage holds an answer for item_id.

    Chromium hands one tab's localStorage write to another tab's renderer asynchronously, so a tab
    acting a moment after another tab's write may not see it yet; a person switching tabs always does.
    """
    page.wait_for_function(
        """([key, id]) => {
             const raw = localStorage.getItem(key)
             return Boolean(raw && id in (JSON.parse(raw).answers || {})) }""",
        arg=[KEY, item_id],
    )


def _points(value: float) -> str:
    """A number as the page prints it (JavaScript's String of a value rounded to two places)."""
    value = round(value, 2)
    return str(int(value)) if value == int(value) else str(value)


def _score_text(page) -> str:
    return page.locator("[data-mrp-score-text]").inner_text()


def test_a_tick_survives_a_reload(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        page.locator("label[for=answer-vc-code-yes]").click()
        assert stored_values(page) == {"vc-code": "yes"}
        stored = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))
        assert stored["schema"] == ASSESSMENT.rules.schema_version
        reload(page)
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        watch.assert_clean("reload")


def test_a_tick_survives_instant_navigation_away_and_back(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        page.evaluate("window.__not_reloaded = true")
        page.locator("label[for=answer-ci-build-yes]").click()
        page.locator(".md-content").get_by_role("link", name="MLOps capabilities").first.click()
        page.wait_for_url(lambda url: url.split("#")[0].endswith(MLOPS))
        expect(page.locator("form.mrp-checklist")).to_have_attribute("data-mrp-checklist", "mlops-capabilities")
        page.go_back()
        page.wait_for_url(lambda url: url.split("#")[0].endswith(DEVOPS))
        expect(page.locator("#answer-ci-build-yes")).to_be_checked()
        assert page.evaluate("window.__not_reloaded === true"), "navigation reloaded the page"
        page.locator("label[for=answer-cd-automated-yes]").click()
        assert stored_values(page) == {"ci-build": "yes", "cd-automated": "yes"}, "mounted twice or lost state"
        watch.assert_clean("instant navigation")


def test_not_applicable_takes_an_item_out_of_the_score(browser, site_url):
    checklist = ASSESSMENT.checklists["devops-foundations"]
    total = sum(item.weight for item in checklist.items())
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        score = page.locator("[data-mrp-score-text]")
        expect(score).to_have_attribute("data-mrp-possible", str(total))
        page.locator("label[for=answer-iac-yes]").click()
        expect(score).to_have_attribute("data-mrp-earned", "1")
        page.locator("label[for=answer-iac-partly]").click()
        expect(score).to_have_attribute("data-mrp-earned", "0.5")
        page.locator("label[for=answer-iac-na]").click()
        expect(score).to_have_attribute("data-mrp-possible", str(total - 1))
        expect(score).to_have_attribute("data-mrp-earned", "0")
        expect(page.locator("#answer-iac-yes")).not_to_be_checked()
        expect(page.locator("[data-mrp-progress-text]")).to_have_text(f"1 of {len(checklist.items())} answered")
        assert stored_values(page) == {"iac": "na"}
        watch.assert_clean("not applicable")


def test_scores_match_the_python_rules(browser, site_url):
    chooser = random.Random(20261126)
    checklist = ASSESSMENT.checklists["mlops-capabilities"]
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + MLOPS)
        for _ in range(3):
            answers = {}
            for item in checklist.items():
                choice = chooser.choice(["yes", "partly", "no", "na", None])
                if choice:
                    answers[item.id] = {"value": choice}
            put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": answers}))
            reload(page)
            expected = scoring.score_checklist(checklist, answers, ASSESSMENT.rules.shares())
            score = page.locator("[data-mrp-score-text]")
            assert score.get_attribute("data-mrp-earned") == _points(expected["earned"])
            assert score.get_attribute("data-mrp-possible") == str(expected["possible"])
            assert score.get_attribute("data-mrp-met") == str(expected["met"]).lower()
            for section in checklist.sections:
                line = page.locator(f"[data-mrp-section={section.id}] [data-mrp-section-score]")
                assert line.get_attribute("data-mrp-earned") == _points(expected["sections"][section.id]["earned"])
            blocked = scoring.blocked_items(ASSESSMENT, answers)
            for item in checklist.items():
                if item.requires:
                    gate = page.locator(f"[data-mrp-gate={item.id}]")
                    assert gate.is_visible() == (item.id in blocked), item.id
        watch.assert_clean("scoring")


def test_verdict_in_the_browser_matches_python(browser, site_url):
    chooser = random.Random(7)
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        for _ in range(20):
            answers = {
                item_id: chooser.choice(["yes", "yes", "yes", "partly", "na"])
                for item_id in ASSESSMENT.all_items()
                if chooser.random() < 0.9
            }
            scope = chooser.choice([None, ["generative-ai"], ["classic-ml", "generative-ai"]])
            verdict = page.evaluate(
                "([answers, scope]) => MRP.assessment.verdict(MRP.assessment.readModel(), answers, scope).id",
                [answers, scope],
            )
            assert verdict == scoring.verdict(ASSESSMENT, answers, scope)
        watch.assert_clean("verdict")


def test_gating_explains_which_foundation_blocks_which_practice(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + MLOPS)
        gate = page.locator("[data-mrp-gate=model-deployment]")
        expect(gate).to_be_visible()
        expect(gate).to_contain_text("automated model deployment")
        expect(gate).to_contain_text("automated application deployment")
        open_page(page, site_url + DEVOPS)
        page.locator("label[for=answer-cd-automated-yes]").click()
        open_page(page, site_url + MLOPS)
        expect(page.locator("[data-mrp-gate=model-deployment]")).to_be_hidden()
        watch.assert_clean("gating")


def test_reset_asks_first_and_can_be_undone(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        page.locator("label[for=answer-vc-code-yes]").click()
        page.locator("label[for=answer-iac-yes]").click()
        page.get_by_role("button", name="Reset answers").click()
        assert stored_values(page) == {"vc-code": "yes", "iac": "yes"}, "reset must ask before clearing"
        page.get_by_role("button", name="Keep my answers").click()
        assert stored_values(page) == {"vc-code": "yes", "iac": "yes"}
        page.get_by_role("button", name="Reset answers").click()
        page.get_by_role("button", name="Yes, clear them").click()
        assert stored_values(page) == {}
        expect(page.locator("#answer-vc-code-yes")).not_to_be_checked()
        page.get_by_role("button", name="Undo").click()
        assert stored_values(page) == {"vc-code": "yes", "iac": "yes"}
        expect(page.locator("#answer-vc-code-yes")).to_be_checked()
        watch.assert_clean("reset")


@pytest.mark.parametrize("checklist_id", list(ASSESSMENT.checklists))
def test_a_checklist_can_be_completed_with_the_keyboard_alone(browser, site_url, checklist_id):
    """Tab reaches each answer group, arrow keys choose within it, and evidence is typed the same way."""
    checklist = ASSESSMENT.checklists[checklist_id]
    ids = [item.id for item in checklist.items()]
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + f"assess/{checklist_id}/")
        page.locator("#answer-" + ids[0] + "-no").focus()
        done: list[str] = []
        for _ in range(len(ids) * 15 + 50):
            name, kind, field = page.evaluate(
                "() => [document.activeElement.name || '', document.activeElement.type || '',"
                " document.activeElement.closest('summary') ? 'summary' : '']"
            )
            group = name.removeprefix("answer-")
            if kind == "radio" and group in ids and group not in done:
                page.keyboard.press("ArrowRight")
                page.keyboard.press("ArrowRight")
                done.append(group)
                if group == ids[0]:
                    # The first item also gets its evidence, owner and date, by keyboard.
                    page.keyboard.press("Tab")
                    page.keyboard.press("Tab")
                    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
                    page.keyboard.press("Enter")
                    page.keyboard.press("Tab")
                    page.keyboard.type("Charter signed in May")
                    page.keyboard.press("Tab")
                    page.keyboard.type("Ana")
                    page.keyboard.press("Tab")
                    page.keyboard.type("01022027")
            if len(done) == len(ids):
                break
            page.keyboard.press("Tab")
        assert done == ids, "Tab must reach every answer group in order"
        assert stored_values(page) == dict.fromkeys(ids, "yes")
        first = stored_record(page)["answers"][ids[0]]
        assert first == {"value": "yes", "note": "Charter signed in May", "owner": "Ana", "due": "2027-01-02"}
        expect(page.locator("[data-mrp-score-text]")).to_have_attribute("data-mrp-met", "true")
        expect(page.locator("[data-mrp-progress-text]")).to_have_text(f"{len(ids)} of {len(ids)} answered")
        page.locator(f"#answer-{ids[-1]}-yes").focus()
        page.keyboard.press("ArrowLeft")
        label_outline = page.evaluate(
            "() => getComputedStyle(document.querySelector(`label[for='${document.activeElement.id}']`)).outlineStyle"
        )
        assert label_outline != "none", "the focused segment must show a focus ring"
        assert stored_values(page)[ids[-1]] == "partly"
        # Back to the top: axe counts contents links that Material's sidebar scrolled out of view.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_function("() => window.scrollY === 0")
        assert axe_violations(page, within=CONTENT) == []
        watch.assert_clean("keyboard")


def test_without_javascript_the_checklist_is_a_readable_questionnaire(browser, site_url):
    with watched_page(browser, site_url, java_script_enabled=False) as (page, _watch):
        page.goto(site_url + DEVOPS)
        expect(page.locator(".mrp-score__static")).to_be_visible()
        expect(page.locator(".mrp-score__static a")).to_have_attribute("href", "../scoring-sheet/")
        expect(page.locator("[data-mrp-actions]")).to_be_hidden()
        expect(page.locator("[data-mrp-notes]").first).to_be_hidden()
        items = ASSESSMENT.checklists["devops-foundations"].items()
        assert page.locator("form.mrp-checklist input[type=radio][value=yes]").count() == len(items)
        toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
        for section in ASSESSMENT.checklists["devops-foundations"].sections:
            assert any(section.title in text for text in toc), f"the page's contents must list {section.title}"


def test_two_tabs_keep_each_others_answers(browser, site_url):
    with watched_page(browser, site_url) as (first, watch):
        open_page(first, site_url + DEVOPS)
        second = first.context.new_page()
        open_page(second, site_url + MLOPS)
        first.locator("label[for=answer-vc-code-yes]").click()
        _sees(second, "vc-code")
        second.locator("label[for=answer-data-versioned-yes]").click()
        _sees(first, "data-versioned")
        first.locator("label[for=answer-iac-yes]").click()
        assert stored_values(first) == {"vc-code": "yes", "data-versioned": "yes", "iac": "yes"}
        _sees(second, "iac")
        assert stored_values(second) == stored_values(first), "both tabs must end with all three answers"
        watch.assert_clean("two tabs")


def test_notes_fields_are_drawn_on_opening_with_what_was_saved(browser, site_url):
    """Issue 29: an item's evidence, owner and date fields are drawn when a reader opens its notes (the
    page loads lighter without them); the flag shows a note before that, and the labels stay for the PDF."""
    saved = {"note": "Runbook in the wiki", "owner": "Ana", "due": "2027-03-31"}
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        page.locator("label[for=answer-vc-code-partly]").click()
        page.locator("#item-vc-code .mrp-item__notes > summary").click()
        page.fill("#note-vc-code", saved["note"])
        page.fill("#owner-vc-code", saved["owner"])
        page.fill("#due-vc-code", saved["due"])
        assert stored_record(page)["answers"]["vc-code"] == {"value": "partly", **saved}
        reload(page)
        flag = page.locator("#item-vc-code [data-mrp-notes-flag]")
        expect(flag).to_have_text(" (filled in)")
        expect(page.locator("#item-ci-build [data-mrp-notes-flag]")).to_have_text("")
        assert page.locator("#item-vc-code [data-mrp-field]").count() == 0, "fields wait for the reader"
        # The labels stay in the page, for the PDF's lines to write on and for search.
        title = next(item.title for item in ASSESSMENT.checklists["devops-foundations"].items() if item.id == "vc-code")
        expect(page.locator("label[for=owner-vc-code]")).to_have_text("Owner of " + title)
        expect(page.locator("label[for=due-vc-code]")).to_have_text("Target date for " + title)
        page.locator("#item-vc-code .mrp-item__notes > summary").click()
        expect(page.locator("#note-vc-code")).to_have_value(saved["note"])
        expect(page.locator("#owner-vc-code")).to_have_value(saved["owner"])
        expect(page.locator("#due-vc-code")).to_have_value(saved["due"])
        order = page.locator("#item-vc-code .mrp-item__fields > *").evaluate_all(
            "nodes => nodes.map(node => node.htmlFor || node.id)"
        )
        assert order == ["note-vc-code"] * 2 + ["owner-vc-code"] * 2 + ["due-vc-code"] * 2, "each field after its label"
        # A block opened without a click (find in page opens it so) gets its fields too.
        page.locator("#item-ci-build [data-mrp-notes]").evaluate("details => { details.open = true }")
        expect(page.locator("#owner-ci-build")).to_be_visible()
        page.fill("#owner-ci-build", "Bo")
        assert stored_record(page)["answers"]["ci-build"] == {"owner": "Bo"}
        expect(page.locator("#item-ci-build [data-mrp-notes-flag]")).to_have_text(" (filled in)")
        watch.assert_clean("notes drawn on opening")


# ---- How the answers look: one colour and one mark per answer, no shift, blockers in words ----

VALUES = ["no", "partly", "yes", "na"]


# Points where a click would land on a radio instead of its button: a radio can only take a click inside
# its own box, so every half pixel of each radio's box is tried (the whole group would be ~100,000 tries).
STRAY_HITS = """item => {
  const stray = new Set()
  for (const input of document.querySelectorAll(`[data-mrp-item="${item}"] .mrp-scale input`)) {
    const box = input.getBoundingClientRect()
    for (let x = Math.floor(box.left); x <= box.right; x += 0.5) {
      for (let y = Math.floor(box.top); y <= box.bottom; y += 0.5) {
        const hit = document.elementFromPoint(x, y)
        if (hit && hit.matches("input")) stray.add(`${hit.value} at ${x},${y}`)
      }
    }
  }
  return [...stray].slice(0, 5)
}"""


def test_each_answer_button_selects_its_own_answer_wherever_it_is_clicked(browser, site_url):
    """Issue 26: the radios sat stacked on one pixel at the top left of the buttons, Not applicable on
    top, so a click on that corner stored Not applicable whichever button it was on."""
    for width in (1280, 390):
        with watched_page(browser, site_url, viewport={"width": width, "height": 3000}) as (page, watch):
            open_page(page, site_url + DEVOPS)
            assert page.evaluate(STRAY_HITS, "vc-code") == [], f"a click can land on a radio at {width} px"
            for value in VALUES:
                box = page.locator(f"label[for=answer-vc-code-{value}]").bounding_box()
                # Just inside each corner (the group's outer corners are rounded off), and the centre.
                spots = {
                    "top left": (2, 2),
                    "top right": (box["width"] - 2, 2),
                    "centre": (box["width"] / 2, box["height"] / 2),
                    "bottom left": (2, box["height"] - 2),
                    "bottom right": (box["width"] - 2, box["height"] - 2),
                }
                for other in VALUES:  # start from a different answer each time, so each click must change it
                    if other == value:
                        continue
                    for where, (x, y) in spots.items():
                        page.locator(f"label[for=answer-vc-code-{other}]").click()
                        # A person's click at that spot, wherever it lands: no check that it hits the label.
                        page.mouse.click(box["x"] + x, box["y"] + y)
                        expect(page.locator(f"#answer-vc-code-{value}")).to_be_checked()
                        assert stored_values(page)["vc-code"] == value, f"{width} px, {value} clicked at its {where}"
            watch.assert_clean("click spots")


def _button_boxes(page, item_id: str) -> list[dict]:
    return [page.locator(f"label[for=answer-{item_id}-{value}]").bounding_box() for value in VALUES]


def test_choosing_an_answer_moves_and_resizes_no_button(browser, site_url):
    for width in (1280, 390, 320):
        with watched_page(browser, site_url, viewport={"width": width, "height": 3000}) as (page, watch):
            open_page(page, site_url + DEVOPS)
            before = _button_boxes(page, "ci-build")
            for value in VALUES:
                page.locator(f"label[for=answer-ci-build-{value}]").click()
                assert _button_boxes(page, "ci-build") == before, f"choosing {value} at {width} px moved a button"
            watch.assert_clean("no shift")


STATE_LOOK = """item => [...document.querySelectorAll(`[data-mrp-item="${item}"] .mrp-scale__option`)].map(label => {
  const input = document.getElementById(label.htmlFor)
  return { value: input.value, checked: input.checked, background: getComputedStyle(label).backgroundColor,
           mark: getComputedStyle(label, "::before").content }
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_answer_has_its_own_colour_and_mark_and_passes_contrast(browser, site_url, scheme):
    checklist = ASSESSMENT.checklists["devops-foundations"]
    items = [item.id for item in checklist.items()]
    answers = {item_id: {"value": VALUES[index % 4]} for index, item_id in enumerate(items)}
    with watched_page(browser, site_url, color_scheme=scheme) as (page, watch):
        open_page(page, site_url + DEVOPS)
        put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": answers}))
        reload(page)
        chosen = {}
        for item_id in items[:4]:
            looks = page.evaluate(STATE_LOOK, item_id)
            marks = [look["mark"] for look in looks]
            assert len(set(marks)) == 4 and "none" not in marks, f"each answer carries its own mark: {marks}"
            picked = [look for look in looks if look["checked"]]
            assert len(picked) == 1
            chosen[picked[0]["value"]] = picked[0]["background"]
        assert set(chosen) == set(VALUES)
        assert len(set(chosen.values())) == 4, f"each chosen answer has its own colour: {chosen}"
        assert "rgba(0, 0, 0, 0)" not in chosen.values()
        violations = axe_violations(page, within=(".md-content",), rules=COLOUR_RULES)
        assert not violations, "\n".join(violations)
        watch.assert_clean(f"answer colours ({scheme})")


def test_a_critical_item_not_at_yes_says_in_words_that_it_blocks(browser, site_url):
    checklist = ASSESSMENT.checklists["devops-foundations"]
    critical = next(item for item in checklist.items() if item.critical)
    ordinary = next(item for item in checklist.items() if not item.critical)
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        blocking = page.locator(f"#item-{critical.id} [data-mrp-blocking]")
        expect(blocking).to_be_visible()
        expect(blocking).to_have_text("Blocks this checklist until Yes")
        # It is part of the question's name, so a screen reader hears it with the item.
        expect(page.get_by_role("group", name=critical.title)).to_have_accessible_name(
            f"{critical.title} critical weight {critical.weight} Blocks this checklist until Yes"
        )
        for value, shown in (("partly", True), ("no", True), ("yes", False), ("na", False)):
            page.locator(f"label[for=answer-{critical.id}-{value}]").click()
            expect(blocking).to_be_visible() if shown else expect(blocking).to_be_hidden()
        assert page.locator(f"#item-{ordinary.id} [data-mrp-blocking]").count() == 0
        watch.assert_clean("blocking")


def test_the_score_shows_as_a_figure_for_the_checklist_and_each_section(browser, site_url):
    checklist = ASSESSMENT.checklists["devops-foundations"]
    answers = {item.id: {"value": "yes"} for item in checklist.sections[0].items}
    expected = scoring.score_checklist(checklist, answers, ASSESSMENT.rules.shares())
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + DEVOPS)
        put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": answers}))
        reload(page)
        expect(page.locator("[data-mrp-score-figure]")).to_have_text(f"{round(expected['score'] * 100)}%")
        expect(page.locator("[data-mrp-score-status]")).to_contain_text("Not met yet")
        assert page.locator("[data-mrp-score-figure]").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 28
        first = checklist.sections[0].id
        expect(page.locator(f"[data-mrp-section={first}] [data-mrp-section-score]")).to_have_text(
            f"Section score 100% · {_points(expected['sections'][first]['earned'])} of "
            f"{expected['sections'][first]['possible']} points"
        )
        share = page.locator(f"[data-mrp-section={first}] [data-mrp-section-score]").evaluate(
            "e => e.style.getPropertyValue('--mrp-share')"
        )
        assert share == "1"
        watch.assert_clean("score figures")


def test_the_progress_track_is_dark_in_the_dark_scheme(browser, site_url):
    with watched_page(browser, site_url, color_scheme="dark") as (page, watch):
        open_page(page, site_url + DEVOPS)
        track = page.locator("[data-mrp-progress] progress").evaluate(
            "e => getComputedStyle(e, '::-webkit-progress-bar').backgroundColor"
        )
        channels = [float(part) for part in track[track.index("(") + 1 : -1].split(",")]
        page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        # A faint light ink over the dark page: the pill blends, it is not near white.
        alpha = channels[3] if len(channels) == 4 else 1
        assert alpha < 0.3 or sum(channels[:3]) / 3 < 128, f"track {track} on {page_background}"
        watch.assert_clean("dark progress")
