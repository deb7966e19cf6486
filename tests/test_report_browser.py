"""The readiness report in real Chromium: verdict, moving answers, share links, milestones, printing."""

from __future__ import annotations

import calendar
import io
import json

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from macros import scoring
from tests.support.answers import (
    ASSESSMENT,
    FORMAT,
    KEY,
    answers_file,
    random_answers,
    store,
    stored_record,
    stored_values,
)
from tests.support.browser import (
    CONTENT,
    axe_violations,
    block_storage,
    follow_nav_link,
    open_page,
    open_site_origin,
    put_in_storage,
    reload,
    watched_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPORT = "assess/report/"
CHECKLIST = "assess/devops-foundations/"


def _random_answers(seed: int) -> dict:
    return random_answers(seed, ["yes", "yes", "na", None])


def _open_report(page, site_url, answers: dict) -> None:
    open_site_origin(page, site_url)
    store(page, answers)
    open_page(page, site_url + REPORT)


def _copy_share_link(page) -> str:
    """Press the report's share button and return the link it offers."""
    page.get_by_role("button", name="Copy a share link").click()
    return page.locator(".mrp-share-link").input_value()


def _share_link(browser, site_url, answers: dict) -> str:
    """A share link for `answers`, made in a tab of its own."""
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, answers)
        link = _copy_share_link(page)
        watch.assert_clean("making a share link")
    return link


def test_report_shows_the_verdict_and_next_actions_of_the_python_rules(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        for seed in (1, 2, 3):
            answers = _random_answers(seed)
            _open_report(page, site_url, answers)
            level = scoring.verdict(ASSESSMENT, answers)
            expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", level)
            shown = page.locator("[data-mrp-next-actions] li").evaluate_all(
                "items => items.map(i => i.dataset.mrpItem)"
            )
            assert shown == scoring.next_actions(ASSESSMENT, answers)
        expect(page.locator("[data-mrp-chart] svg title")).to_have_count(1)
        expect(page.locator("[data-mrp-meta]")).to_contain_text(_browser_today(page))
        assert axe_violations(page, within=CONTENT) == []
        watch.assert_clean("report")


def _browser_today(page) -> str:
    """Today in the browser's clock, as the playbook writes dates: "7 December 2026"."""
    day, month, year = page.evaluate(
        "() => { const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()] }"
    )
    return f"{day} {calendar.month_name[month + 1]} {year}"


def test_gating_explanation_names_the_missing_foundation(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"model-deployment": "yes"})
        expect(page.locator("[data-mrp-gating]")).to_contain_text(
            "Before automated model deployment, put automated application deployment in place."
        )
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", scoring.verdict(ASSESSMENT, {"model-deployment": "yes"})
        )
        watch.assert_clean("gating")


def test_export_clear_import_restores_identical_answers(browser, site_url, tmp_path):
    answers = _random_answers(11)
    with watched_page(browser, site_url, accept_downloads=True) as (page, watch):
        _open_report(page, site_url, answers)
        page.locator("#mrp-label").fill("Payments ML team, Q1")
        page.locator("#mrp-role").fill("ML engineer")
        with page.expect_download() as download:
            page.get_by_role("button", name="Export answers as a file").click()
        exported_path = tmp_path / "export.json"
        download.value.save_as(exported_path)
        exported = json.loads(exported_path.read_text(encoding="utf-8"))
        assert exported["format"] == FORMAT and exported["schema"] == ASSESSMENT.rules.schema_version
        values = {item_id: a if isinstance(a, str) else a["value"] for item_id, a in exported["answers"].items()}
        assert exported["label"] == "Payments ML team, Q1" and values == answers
        assert exported["role"] == "ML engineer"
        assert exported["playbookVersion"] and exported["exportedAt"]

        page.evaluate("() => localStorage.clear()")
        reload(page)
        expect(page.locator("#mrp-label")).to_have_value("")
        page.locator("[data-mrp-import]").set_input_files(str(exported_path))
        expect(page.locator("[data-mrp-preview]")).to_be_visible()
        assert stored_values(page) == {}, "import must not change anything before the reader chooses"
        page.get_by_role("button", name="Replace all my answers").click()
        assert stored_values(page) == answers
        expect(page.locator("#mrp-label")).to_have_value("Payments ML team, Q1")
        expect(page.locator("#mrp-role")).to_have_value("ML engineer")
        watch.assert_clean("export and import")


def test_merge_keeps_both_and_can_be_undone(browser, site_url, tmp_path):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes", "iac": "na"})
        incoming = answers_file(tmp_path, "theirs.json", {"vc-code": "na", "ci-build": "yes"})
        page.locator("[data-mrp-import]").set_input_files(incoming)
        expect(page.locator("[data-mrp-preview-summary]")).to_contain_text("1 new answers, 1 different")
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        assert stored_values(page) == {"vc-code": "yes", "iac": "na", "ci-build": "yes"}
        page.locator("[data-mrp-tool-status]").get_by_role("button", name="Undo").click()
        assert stored_values(page) == {"vc-code": "yes", "iac": "na"}
        watch.assert_clean("merge")


MALFORMED = {
    "not json": ("{this is not json", "valid JSON"),
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
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes"})
        page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
        page.locator("[data-mrp-import]").set_input_files(str(path))
        status = page.locator("[data-mrp-tool-status]")
        expect(status).to_contain_text("Nothing was changed")
        expect(status).to_contain_text(message)
        expect(page.locator("[data-mrp-preview]")).to_be_hidden()
        assert stored_values(page) == {"vc-code": "yes"}
        watch.assert_clean(case)


def test_share_link_round_trip_and_adopt(browser, site_url):
    answers = _random_answers(5)
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, answers)
        link = _copy_share_link(page)
        assert "#share=" in link and "?" not in link.split("#")[0].replace(site_url, "")
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, link)
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", scoring.verdict(ASSESSMENT, answers)
        )
        assert stored_values(page) == {}, "viewing a shared link must not touch the reader's own answers"
        page.get_by_role("button", name="Use these answers as mine…").click()
        page.get_by_role("button", name="Replace all my answers").click()
        assert stored_values(page) == answers
        # Adopted answers are the reader's own now: a reload shows them as such, not as shared ones.
        reload(page)
        expect(page.locator("[data-mrp-meta]")).to_contain_text("counted for")
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        watch.assert_clean("share link")


def test_a_shared_view_survives_scrolling_and_a_reload_until_the_reader_leaves_it(browser, site_url):
    """Material's navigation.tracking replaces the #share= fragment with the heading in view."""
    own = {"vc-code": "yes"}
    link = _share_link(browser, site_url, _random_answers(6))
    with watched_page(browser, site_url, viewport={"width": 1280, "height": 700}) as (page, watch):
        shared_box, meta = page.locator("[data-mrp-shared]"), page.locator("[data-mrp-meta]")
        open_site_origin(page, site_url)
        store(page, own)
        open_page(page, link)
        expect(meta).to_contain_text("Answers shared with you")
        # Scroll on a little at each poll. Material updates the fragment once scrolling has rested
        # (250 ms) a second time, so the polls are further apart than that.
        page.wait_for_function(
            "() => { window.scrollBy(0, 300); return !location.hash.startsWith('#share=') }", polling=400
        )

        reload(page)
        expect(shared_box).to_be_visible()
        expect(meta).to_contain_text("Answers shared with you")
        assert stored_values(page) == own, "the shared view must not touch the reader's own answers"

        page.get_by_role("button", name="Show my own answers").click()
        reload(page)
        expect(shared_box).to_be_hidden()
        expect(meta).to_contain_text("counted for")
        expect(meta).not_to_contain_text("shared with you")
        watch.assert_clean("shared view after a reload")


def test_following_a_link_to_the_report_shows_the_readers_own_answers_even_after_a_reload(browser, site_url):
    link = _share_link(browser, site_url, _random_answers(6))
    with watched_page(browser, site_url) as (page, watch):
        shared_box, meta = page.locator("[data-mrp-shared]"), page.locator("[data-mrp-meta]")
        open_site_origin(page, site_url)
        store(page, {"vc-code": "yes"})
        open_page(page, link)
        reload(page)
        expect(meta).to_contain_text("Answers shared with you")
        follow_nav_link(page, CHECKLIST)
        follow_nav_link(page, REPORT)
        expect(meta).to_contain_text("counted for")
        expect(shared_box).to_be_hidden()
        expect(meta).not_to_contain_text("shared with you")
        reload(page)
        expect(meta).to_contain_text("counted for")
        expect(shared_box).to_be_hidden()
        expect(meta).not_to_contain_text("shared with you")
        watch.assert_clean("the report reached by a link")


def test_with_site_data_blocked_a_share_link_opens_and_a_reload_falls_back_quietly(browser, site_url):
    link = _share_link(browser, site_url, _random_answers(7))
    with watched_page(browser, site_url, fresh=True) as (page, watch):
        block_storage(page, "localStorage", "sessionStorage")
        open_page(page, link)
        expect(page.locator("[data-mrp-meta]")).to_contain_text("Answers shared with you")
        page.evaluate("history.replaceState(null, '', location.pathname)")
        reload(page)
        # Nothing could remember the shared view, so the page says storage is unavailable, without errors.
        expect(page.locator("[data-mrp-meta]")).to_contain_text("counted for")
        expect(page.locator("[data-mrp-meta]")).not_to_contain_text("shared with you")
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        expect(page.locator("[data-mrp-notice]")).to_contain_text("not keeping data for this site")
        watch.assert_clean("share link with site data blocked")


SCOPE_LABELS = {scope.id: scope.label for scope in ASSESSMENT.rules.scopes}
GENAI_ITEM = ASSESSMENT.checklists["generative-ai"].items()[0].id


def _store_record(page, answers: dict, scope: list | None) -> None:
    record = {"schema": 2, "answers": {item_id: {"value": value} for item_id, value in answers.items()}}
    if scope:
        record["scope"] = scope
    put_in_storage(page, KEY, json.dumps(record))


def test_a_share_link_carries_its_scope_and_adopting_it_applies_it(browser, site_url):
    both = ["classic-ml", "generative-ai"]
    answers = {"vc-code": "yes", GENAI_ITEM: "yes"}
    counted = "counted for " + " and ".join(SCOPE_LABELS[name] for name in both)
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        _store_record(page, answers, both)
        open_page(page, site_url + REPORT)
        expect(page.locator("[data-mrp-meta]")).to_contain_text(counted)
        link = _copy_share_link(page)
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, link)
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        expect(page.locator("[data-mrp-meta]")).to_contain_text("Answers shared with you")
        expect(page.locator("[data-mrp-meta]")).to_contain_text(counted)
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", scoring.verdict(ASSESSMENT, answers, both)
        )
        expect(page.locator("[data-mrp-verdict] .mrp-verdict__out")).to_have_count(0)
        plan = page.locator("[data-mrp-plan] li[data-mrp-item]").evaluate_all(
            "items => items.map(i => i.dataset.mrpItem)"
        )
        assert set(plan) == set(scoring.action_plan(ASSESSMENT, answers, both)), "the plan follows the link's scope"
        assert stored_record(page) == {}, "viewing a shared link must not touch the reader's own answers"
        page.get_by_role("button", name="Use these answers as mine…").click()
        expect(page.locator("[data-mrp-preview-scope]")).to_contain_text(
            "The link counts for " + " and ".join(SCOPE_LABELS[name] for name in both)
        )
        page.get_by_role("button", name="Replace all my answers").click()
        assert stored_record(page)["scope"] == both
        assert stored_values(page) == answers
        expect(page.locator("[data-mrp-meta]")).not_to_contain_text("shared with you")
        expect(page.locator("[data-mrp-meta]")).to_contain_text(counted)
        page.get_by_role("button", name="Undo").click()
        assert "scope" not in stored_record(page), "undo puts the scope back as it was: never chosen"
        expect(page.locator("[data-mrp-verdict] .mrp-verdict__out")).to_have_count(1)
        watch.assert_clean("scope in a share link")


def test_an_imported_scope_is_shown_and_merge_keeps_a_chosen_one(browser, site_url, tmp_path):
    incoming = answers_file(tmp_path, "genai.json", {"iac": {"value": "yes"}}, schema=2, scope=["generative-ai"])
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        _store_record(page, {"vc-code": "yes"}, ["classic-ml"])
        open_page(page, site_url + REPORT)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        preview = page.locator("[data-mrp-preview-scope]")
        expect(preview).to_contain_text("The file counts for " + SCOPE_LABELS["generative-ai"])
        expect(preview).to_contain_text("yours for " + SCOPE_LABELS["classic-ml"])
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        assert stored_record(page)["scope"] == ["classic-ml"], "merge keeps the scope you chose"
        assert stored_values(page) == {"vc-code": "yes", "iac": "yes"}
        # A reader who never chose a scope takes the file's, on merge as on replace.
        _store_record(page, {"vc-code": "yes"}, None)
        reload(page)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        expect(page.locator("[data-mrp-preview-scope]")).to_contain_text("you have not")
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        assert stored_record(page)["scope"] == ["generative-ai"]
        expect(page.locator("[data-mrp-meta]")).to_contain_text("counted for " + SCOPE_LABELS["generative-ai"])
        watch.assert_clean("scope in an import")


@pytest.mark.parametrize("damage", ["truncate", "tamper"])
def test_a_damaged_share_link_says_so(browser, site_url, damage):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes", "iac": "yes"})
        link = _copy_share_link(page)
        head, fragment = link.split("#share=")
        middle = len(fragment) // 2
        swapped = "B" if fragment[middle] != "B" else "C"
        tampered = f"{head}#share={fragment[:middle]}{swapped}{fragment[middle + 1 :]}"
        broken = link[:-12] if damage == "truncate" else tampered
        open_page(page, site_url + "how-to-use/")
        open_page(page, broken)
        expect(page.locator("[data-mrp-notice]")).to_contain_text("damaged or incomplete")
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        watch.assert_clean(damage)


def test_milestones_save_and_compare(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes"})
        page.locator("#mrp-milestone-name").fill("Before the workshop")
        page.get_by_role("button", name="Save a milestone").click()
        store(page, {"vc-code": "yes", "ci-build": "yes", "cd-deploy": "yes"})
        reload(page)
        page.locator("#mrp-milestone-name").fill("After the workshop")
        page.get_by_role("button", name="Save a milestone").click()
        rows = page.locator("[data-mrp-milestones] tbody tr")
        expect(rows).to_have_count(3)
        expect(page.locator("[data-mrp-trend] svg polyline")).to_have_count(len(ASSESSMENT.checklists))
        devops = ASSESSMENT.checklists["devops-foundations"]
        before = scoring.score_checklist(devops, {"vc-code": "yes"})["score"]
        expect(rows.nth(0)).to_contain_text(f"{round(before * 100)}%")
        expect(rows.nth(0)).to_contain_text(_browser_today(page))
        page.get_by_role("button", name="Compare with now").first.click()
        comparison = page.locator("[data-mrp-comparison]")
        expect(comparison).to_contain_text("Continuous integration: no → yes")
        expect(comparison).to_contain_text("Automated application deployment: no → yes")
        assert axe_violations(page, within=CONTENT) == []
        watch.assert_clean("milestones")


def test_the_report_prints_with_verdict_and_next_actions(browser, site_url):
    answers = {"vc-code": "yes"}
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, answers)
        page.locator("#mrp-label").fill("Payments ML team, Q1")
        page.emulate_media(media="print")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        text = " ".join(p.extract_text() for p in pdf.pages)
        level = next(level for level in ASSESSMENT.rules.levels if level.id == scoring.verdict(ASSESSMENT, answers))
        assert level.title in text
        for item_id in scoring.next_actions(ASSESSMENT, answers):
            assert ASSESSMENT.all_items()[item_id].title in text
        assert "Payments ML team, Q1" in text
        assert "Export answers" not in text, "controls must not print"
        # The action plan lists every open item, and these answers leave almost all of them open, so the
        # print runs to several pages; the bound still catches a layout that spills page after page.
        assert 1 <= len(pdf.pages) <= 9
        watch.assert_clean("print")


def test_merging_a_shared_link_shows_the_merged_own_answers(browser, site_url):
    shared = {"ci-build": "yes", "iac": "yes", "vc-code": "na"}
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, shared)
        link = _copy_share_link(page)
        store(page, {"vc-code": "yes"})
        # A full load of the link: a reload could lose the fragment, which Material's
        # navigation.tracking may have rewritten meanwhile.
        page.goto("about:blank")
        open_page(page, link)
        page.get_by_role("button", name="Use these answers as mine…").click()
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        merged = {"vc-code": "yes", "ci-build": "yes", "iac": "yes"}
        assert stored_values(page) == merged
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        shown = page.locator("[data-mrp-next-actions] li").evaluate_all("items => items.map(i => i.dataset.mrpItem)")
        assert shown == scoring.next_actions(ASSESSMENT, merged), "the report must show the merged own answers"
        assert "#share=" not in page.url
        watch.assert_clean("merge shared")


# ---- Round 2 (issue 26): merging into half-filled items, and impossible dates ----

TITLES = {item_id: item.title for item_id, item in ASSESSMENT.all_items().items()}


def test_merge_fills_the_answer_of_items_that_hold_only_a_note_or_an_owner(browser, site_url, tmp_path):
    mine = {
        "vc-code": {"note": "Git for every repository"},
        "iac": {"owner": "Ana", "due": "2027-01-31"},
        "ci-build": {"value": "no", "note": "Manual builds"},
    }
    incoming = answers_file(
        tmp_path,
        "theirs.json",
        {
            "vc-code": {"value": "yes"},
            "iac": {"value": "partly", "owner": "Bo"},
            "ci-build": {"value": "yes"},
            "ci-tests": {"value": "yes", "note": "Unit tests"},
        },
        schema=2,
    )
    with watched_page(browser, site_url) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": mine}))
        open_page(page, site_url + REPORT)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        merge = page.locator("[data-mrp-preview-merge]")
        expect(merge).to_contain_text("Merge fills in 3 answers")
        for item_id in ("vc-code", "iac", "ci-tests"):
            expect(merge).to_contain_text(TITLES[item_id])
        expect(merge).not_to_contain_text(TITLES["ci-build"])
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        expect(page.locator("[data-mrp-tool-status]")).to_contain_text("Merged")
        assert stored_record(page)["answers"] == {
            "vc-code": {"value": "yes", "note": "Git for every repository"},
            "iac": {"value": "partly", "owner": "Ana", "due": "2027-01-31"},
            "ci-build": {"value": "no", "note": "Manual builds"},
            "ci-tests": {"value": "yes", "note": "Unit tests"},
        }
        page.locator("[data-mrp-tool-status]").get_by_role("button", name="Undo").click()
        assert stored_record(page)["answers"] == mine
        watch.assert_clean("merge into half-filled items")


@pytest.mark.parametrize("due", ["2026-99-99", "2026-02-30", "2027-13-01", "2026-04-31"])
def test_an_import_with_an_impossible_date_is_refused_and_names_the_item(browser, site_url, tmp_path, due):
    incoming = answers_file(tmp_path, "dated.json", {"iac": {"value": "no", "due": due}}, schema=2)
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, {"vc-code": "yes"})
        page.locator("[data-mrp-import]").set_input_files(incoming)
        status = page.locator("[data-mrp-tool-status]")
        expect(status).to_contain_text("Nothing was changed")
        expect(status).to_contain_text(TITLES["iac"])
        expect(status).to_contain_text(due)
        expect(status).to_contain_text("not a real date")
        expect(page.locator("[data-mrp-preview]")).to_be_hidden()
        assert stored_values(page) == {"vc-code": "yes"}
        watch.assert_clean("impossible date")


def test_an_import_with_a_leap_day_is_accepted(browser, site_url, tmp_path):
    incoming = answers_file(tmp_path, "leap.json", {"iac": {"value": "no", "due": "2028-02-29"}}, schema=2)
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + REPORT)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        page.get_by_role("button", name="Replace all my answers").click()
        assert stored_record(page)["answers"] == {"iac": {"value": "no", "due": "2028-02-29"}}
        watch.assert_clean("leap day")


# ---- At a glance: the verdict first, a chart that fits, a plan grouped and shortened ----

# Every text of the score chart, with its box, and the chart's own height (what is outside is clipped).
CHART_TEXTS = """() => {
  const svg = document.querySelector("[data-mrp-chart] svg")
  const frame = svg.getBoundingClientRect()
  return { height: svg.viewBox.baseVal.height, bottom: frame.bottom, right: frame.right,
    texts: [...svg.querySelectorAll("text")].map(text => {
      const box = text.getBBox()
      return { text: text.textContent, bottom: box.y + box.height, right: box.x + box.width,
               screenBottom: text.getBoundingClientRect().bottom }
    }) }
}"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_score_chart_draws_every_row_at_every_width(browser, site_url, width):
    both = [scope.id for scope in ASSESSMENT.rules.scopes]
    answers = _random_answers(7)
    with watched_page(browser, site_url, viewport={"width": width, "height": 900}) as (page, watch):
        open_site_origin(page, site_url)
        put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": answers, "scope": both}))
        open_page(page, site_url + REPORT)
        drawn = page.evaluate(CHART_TEXTS)
        texts = " ".join(entry["text"] for entry in drawn["texts"])
        for checklist in ASSESSMENT.checklists.values():
            for section in checklist.sections:
                assert section.title.split()[0] in texts, f"{section.title} is not drawn"
        last = ASSESSMENT.ordered()[-1].sections[-1].title
        for entry in drawn["texts"]:
            assert entry["bottom"] <= drawn["height"] + 0.5, f"{entry['text']!r} is cut off at {width} px"
            assert entry["screenBottom"] <= drawn["bottom"] + 0.5, f"{entry['text']!r} is below the chart"
        assert drawn["right"] <= width, "the chart is wider than the screen"
        assert last in texts, f"the last row ({last}) is drawn"
        watch.assert_clean(f"chart at {width} px")


def test_a_checklist_out_of_scope_is_drawn_as_out_of_scope_not_as_failed(browser, site_url):
    default = ASSESSMENT.rules.default_scope
    answers = _random_answers(8)
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, answers)
        out = [
            checklist
            for checklist in ASSESSMENT.checklists.values()
            if page.locator("[data-mrp-verdict] .mrp-verdict__out", has_text=checklist.title).count()
        ]
        assert out, f"with the default scope ({default}) some checklist is out of scope"
        texts = page.locator("[data-mrp-chart] svg text").all_text_contents()
        for checklist in out:
            index = texts.index(checklist.title)
            assert texts[index + 1] == "out of scope", texts[index : index + 2]
            # Its sections are not drawn: they do not count.
            for section in checklist.sections:
                assert section.title not in texts
        assert page.locator("[data-mrp-chart] .mrp-svg__track--out").count() == len(out)
        watch.assert_clean("out of scope")


def test_the_verdict_and_scores_come_before_everything_else(browser, site_url):
    answers = _random_answers(9)
    with watched_page(browser, site_url, viewport={"width": 390, "height": 900}) as (page, watch):
        _open_report(page, site_url, answers)
        verdict = page.locator("[data-mrp-verdict]")
        tiles = verdict.locator(".mrp-verdict__checklists li")
        expect(tiles).to_have_count(len(ASSESSMENT.checklists))
        first_in_body = page.locator("[data-mrp-body] > :is(div, figure, ol, section, details)").first
        expect(first_in_body).to_have_attribute("data-mrp-verdict", "")
        for checklist in ASSESSMENT.ordered():
            tile = verdict.locator("li", has_text=checklist.title)
            if "mrp-verdict__out" in tile.get_attribute("class"):
                continue
            result = scoring.score_checklist(checklist, answers, ASSESSMENT.rules.shares())
            shown = f"{round(result['score'] * 100)}%" if result["score"] is not None else "n/a"
            expect(tile.locator(".mrp-verdict__figure")).to_have_text(shown)
        # The verdict's title is in large type: the first thing the eye finds.
        size = verdict.locator(".mrp-verdict__title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        body = page.locator("[data-mrp-meta]").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= body * 1.2
        watch.assert_clean("verdict first")


def _plan_with_owners() -> dict:
    answers = {}
    for index, item_id in enumerate(ASSESSMENT.all_items()):
        answers[item_id] = {"value": "no"} if index % 3 else {"value": "partly"}
    first = ASSESSMENT.ordered()[0].sections[0].items[0].id
    answers[first] = {"value": "no", "owner": "Priya", "due": "2027-03-01"}
    return answers


def test_the_action_plan_is_grouped_shortened_and_shows_only_what_is_set(browser, site_url):
    answers = _plan_with_owners()
    plan_ids = scoring.action_plan(ASSESSMENT, answers)
    with watched_page(browser, site_url, fresh=True, permissions=["clipboard-read", "clipboard-write"]) as (
        page,
        watch,
    ):
        _open_report(page, site_url, answers)
        plan = page.locator("[data-mrp-plan]")
        items = plan.locator("li[data-mrp-item]")
        expect(items).to_have_count(len(plan_ids))
        groups = plan.locator(".mrp-plan__group")
        titles = plan.locator(".mrp-plan__checklist").all_text_contents()
        holder = ASSESSMENT.checklist_of()
        items_by_id = ASSESSMENT.all_items()
        gate = scoring.gate_checklists(ASSESSMENT, answers)
        ordered = sorted(ASSESSMENT.ordered(), key=lambda checklist: checklist.id not in gate)
        expected = [checklist.title for checklist in ordered if any(holder[i] is checklist for i in plan_ids)]
        assert titles == expected, "one group per open checklist: the gate's first, then in the order readers take them"
        for index in range(groups.count()):
            group = groups.nth(index)
            shown = group.locator("li[data-mrp-item]").evaluate_all(
                "items => items.map(i => [i.dataset.mrpItem, i.checkVisibility()])"
            )
            critical = [items_by_id[item_id].critical for item_id, _ in shown]
            assert critical == sorted(critical, reverse=True), "critical items first in each checklist"
            assert [visible for _, visible in shown] == [position < 3 for position in range(len(shown))]
        more = plan.get_by_role("button", name=f"Show all {len(plan_ids)} items")
        expect(more).to_have_attribute("aria-expanded", "false")
        more.click()
        expect(items.last).to_be_visible()
        expect(plan.locator("[data-mrp-plan-more]")).to_have_attribute("aria-expanded", "true")
        # Owner and date only where the reader set them: no "not named yet" filler.
        expect(plan.locator(".mrp-plan__owner")).to_have_count(1)
        expect(plan.locator(".mrp-plan__due")).to_have_count(1)
        expect(plan).not_to_contain_text("not named yet")
        expect(plan).not_to_contain_text("not set yet")
        plan.get_by_role("button", name="Copy the plan").click()
        expect(plan.locator(".mrp-plan__status")).to_contain_text("Copied the plan")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("# Readiness action plan")
        assert copied.count("\n## ") == len(plan_ids)
        watch.assert_clean("plan")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_drawn_report_passes_axe_in_both_schemes(browser, site_url, scheme):
    with watched_page(browser, site_url, color_scheme=scheme) as (page, watch):
        _open_report(page, site_url, _plan_with_owners())
        page.locator("[data-mrp-plan-more]").click()
        violations = axe_violations(page, within=CONTENT)
        assert not violations, "\n".join(violations)
        watch.assert_clean(f"report axe ({scheme})")
