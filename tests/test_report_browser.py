"""The readiness report and team view in real Chromium: verdict, moving answers, milestones, printing."""

from __future__ import annotations

import io
import json
import random

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from macros import checklists, scoring
from macros.registry import load_assessment
from tests.support.browser import axe_violations, open_page, wait_until_mounted, watched_page
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ASSESSMENT = load_assessment(ROOT / "data", ROOT / "docs")
KEY = ASSESSMENT.rules.storage_key
REPORT = "assess/report/"
TEAM = "assess/team-view/"
FORMAT = checklists.EXPORT_FORMAT


def _reload(page) -> None:
    """Reload and wait until the page has mounted, so that it shows what storage holds now."""
    page.reload()
    wait_until_mounted(page)


def _record(page) -> dict:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    return json.loads(raw) if raw else {}


def _store(page, answers: dict) -> None:
    page.evaluate("([key, answers]) => localStorage.setItem(key, JSON.stringify({schema: 1, answers}))", [KEY, answers])


def _stored(page) -> dict:
    """Stored answers by value, so the tests hold for schema 1 ("yes") and schema 2 ({"value": "yes"})."""
    raw = page.evaluate("key => localStorage.getItem(key)", KEY)
    answers = json.loads(raw)["answers"] if raw else {}
    return {item_id: answer if isinstance(answer, str) else answer["value"] for item_id, answer in answers.items()}


def _answers_file(tmp_path, name: str, answers: dict, **extra) -> str:
    document = {"format": FORMAT, "schema": 1, "playbookVersion": "0.1.0", "answers": answers}
    document.update(extra)
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
    open_page(page, site_url + REPORT)
    _store(page, answers)
    _reload(page)


def test_report_shows_the_verdict_and_next_actions_of_the_python_rules(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        for seed in (1, 2, 3):
            answers = _random_answers(seed)
            _open_report(page, site_url, answers)
            level = checklists.verdict(ASSESSMENT, answers)
            expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", level)
            shown = page.locator("[data-mrp-next-actions] li").evaluate_all(
                "items => items.map(i => i.dataset.mrpItem)"
            )
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
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", checklists.verdict(ASSESSMENT, {"model-deployment": "yes"})
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
        _reload(page)
        expect(page.locator("#mrp-label")).to_have_value("")
        page.locator("[data-mrp-import]").set_input_files(str(exported_path))
        expect(page.locator("[data-mrp-preview]")).to_be_visible()
        assert _stored(page) == {}, "import must not change anything before the reader chooses"
        page.get_by_role("button", name="Replace all my answers").click()
        assert _stored(page) == answers
        expect(page.locator("#mrp-label")).to_have_value("Payments ML team, Q1")
        expect(page.locator("#mrp-role")).to_have_value("ML engineer")
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
        open_page(page, link)
        expect(page.locator("[data-mrp-shared]")).to_be_visible()
        expect(page.locator("[data-mrp-verdict]")).to_have_attribute(
            "data-mrp-level", checklists.verdict(ASSESSMENT, answers)
        )
        assert _stored(page) == {}, "viewing a shared link must not touch the reader's own answers"
        page.get_by_role("button", name="Use these answers as mine…").click()
        page.get_by_role("button", name="Replace all my answers").click()
        assert _stored(page) == answers
        watch.assert_clean("share link")


SCOPE_LABELS = {scope.id: scope.label for scope in ASSESSMENT.rules.scopes}
GENAI_ITEM = ASSESSMENT.checklists["generative-ai"].items()[0].id


def _store_record(page, answers: dict, scope: list | None) -> None:
    record = {"schema": 2, "answers": {item_id: {"value": value} for item_id, value in answers.items()}}
    if scope:
        record["scope"] = scope
    page.evaluate("([key, record]) => localStorage.setItem(key, JSON.stringify(record))", [KEY, record])


def test_a_share_link_carries_its_scope_and_adopting_it_applies_it(browser, site_url):
    both = ["classic-ml", "generative-ai"]
    answers = {"vc-code": "yes", GENAI_ITEM: "yes"}
    counted = "counted for " + " and ".join(SCOPE_LABELS[name] for name in both)
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + REPORT)
        _store_record(page, answers, both)
        _reload(page)
        expect(page.locator("[data-mrp-meta]")).to_contain_text(counted)
        page.get_by_role("button", name="Copy a share link").click()
        link = page.locator(".mrp-share-link").input_value()
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
        assert _record(page) == {}, "viewing a shared link must not touch the reader's own answers"
        page.get_by_role("button", name="Use these answers as mine…").click()
        expect(page.locator("[data-mrp-preview-scope]")).to_contain_text(
            "The link counts for " + " and ".join(SCOPE_LABELS[name] for name in both)
        )
        page.get_by_role("button", name="Replace all my answers").click()
        assert _record(page)["scope"] == both
        assert _stored(page) == answers
        expect(page.locator("[data-mrp-meta]")).not_to_contain_text("shared with you")
        expect(page.locator("[data-mrp-meta]")).to_contain_text(counted)
        page.get_by_role("button", name="Undo").click()
        assert "scope" not in _record(page), "undo puts the scope back as it was: never chosen"
        expect(page.locator("[data-mrp-verdict] .mrp-verdict__out")).to_have_count(1)
        watch.assert_clean("scope in a share link")


def test_an_imported_scope_is_shown_and_merge_keeps_a_chosen_one(browser, site_url, tmp_path):
    incoming = _answers_file(tmp_path, "genai.json", {"iac": {"value": "yes"}}, schema=2, scope=["generative-ai"])
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + REPORT)
        _store_record(page, {"vc-code": "yes"}, ["classic-ml"])
        _reload(page)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        preview = page.locator("[data-mrp-preview-scope]")
        expect(preview).to_contain_text("The file counts for " + SCOPE_LABELS["generative-ai"])
        expect(preview).to_contain_text("yours for " + SCOPE_LABELS["classic-ml"])
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        assert _record(page)["scope"] == ["classic-ml"], "merge keeps the scope you chose"
        assert _stored(page) == {"vc-code": "yes", "iac": "yes"}
        # A reader who never chose a scope takes the file's, on merge as on replace.
        _store_record(page, {"vc-code": "yes"}, None)
        _reload(page)
        page.locator("[data-mrp-import]").set_input_files(incoming)
        expect(page.locator("[data-mrp-preview-scope]")).to_contain_text("you have not")
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        assert _record(page)["scope"] == ["generative-ai"]
        expect(page.locator("[data-mrp-meta]")).to_contain_text("counted for " + SCOPE_LABELS["generative-ai"])
        watch.assert_clean("scope in an import")


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
        _store(page, {"vc-code": "yes", "ci-build": "yes", "cd-deploy": "yes"})
        _reload(page)
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
        # The action plan lists every open item, and these answers leave almost all of them open, so the
        # print runs to several pages; the bound still catches a layout that spills page after page.
        assert 1 <= len(pdf.pages) <= 9
        watch.assert_clean("print")


def _four_level_answers(seed: int) -> dict:
    """Random schema-2 answers over the whole four-level scale, some left empty."""
    chooser = random.Random(seed)
    answers = {}
    for item_id in ASSESSMENT.all_items():
        choice = chooser.choice(["yes", "partly", "no", "na", None])
        if choice:
            answers[item_id] = {"value": choice}
    return answers


def _in_scope_ids(scope) -> set[str]:
    counted = scoring.reader_scope(ASSESSMENT, scope)
    return {
        item.id
        for checklist in ASSESSMENT.checklists.values()
        if scoring.in_scope(checklist, counted)
        for item in checklist.items()
    }


@pytest.mark.parametrize("scopes", [(None, None, None), (["classic-ml"], ["generative-ai"], None)])
def test_team_view_compares_three_files_like_python(browser, site_url, tmp_path, scopes):
    people = [_four_level_answers(21), _four_level_answers(22), _four_level_answers(23)]
    files = []
    for n, (answers, scope) in enumerate(zip(people, scopes, strict=True)):
        extra = {"scope": scope} if scope else {}
        files.append(_answers_file(tmp_path, f"person-{n}.json", answers, label=f"Person {n}", schema=2, **extra))
    team_scope = sorted({name for scope in scopes for name in scoring.reader_scope(ASSESSMENT, scope)})
    expected = checklists.team_summary(ASSESSMENT, people, team_scope)
    counted = _in_scope_ids(team_scope)
    assert any(item["partly"] for item in expected["items"].values()), "the test must count Partly"
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(files)
        verdict = page.locator("[data-mrp-team-verdict]")
        expect(verdict).to_have_attribute("data-mrp-level", expected["verdict"])
        assert sorted(verdict.get_attribute("data-mrp-verdict-scope").split()) == team_scope
        flagged = page.locator("[data-mrp-team-disagreements] li[data-mrp-item]").evaluate_all(
            "items => items.map(i => i.dataset.mrpItem)"
        )
        disagreed = {item_id for item_id, item in expected["items"].items() if item["disagreement"]}
        assert set(flagged) == disagreed & counted
        spreads = page.locator("[data-mrp-team-disagreements] li[data-mrp-item]").evaluate_all(
            "items => items.map(i => i.dataset.mrpSpread)"
        )
        assert spreads == sorted(spreads, key=["wide", "close", "applicability"].index), "wide gaps come first"
        rows = page.locator("[data-mrp-team-table] tbody tr")
        items = list(ASSESSMENT.all_items().values())
        for index in range(len(items)):
            counts = expected["items"][items[index].id]
            cells = rows.nth(index).locator("td").all_inner_texts()
            assert cells[:4] == [str(counts["yes"]), str(counts["partly"]), str(counts["no"]), str(counts["na"])]
            assert cells[4] == ("Yes" if counts["disagreement"] else "No")
        assert axe_violations(page) == []
        watch.assert_clean("team view")


def test_team_view_shows_partly_in_the_counts_and_in_the_disagreement(browser, site_url, tmp_path):
    files = [
        _answers_file(tmp_path, "a.json", {"vc-code": {"value": "yes"}}, label="Ana", schema=2),
        _answers_file(tmp_path, "b.json", {"vc-code": {"value": "partly"}}, label="Bo", schema=2),
        _answers_file(tmp_path, "c.json", {"vc-code": {"value": "partly"}}, label="Cy", schema=2),
    ]
    expected = checklists.team_summary(ASSESSMENT, [{"vc-code": "yes"}, {"vc-code": "partly"}, {"vc-code": "partly"}])
    assert expected["items"]["vc-code"]["majority"] == "partly"
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-verdict]")).to_have_attribute("data-mrp-level", expected["verdict"])
        line = page.locator("[data-mrp-team-disagreements] li[data-mrp-item=vc-code]")
        expect(line).to_contain_text("1 Yes, 2 Partly, 0 Not yet, 0 Not applicable")
        expect(line).to_have_attribute("data-mrp-spread", "close")
        expect(line).to_contain_text("Bo: Partly")
        row = page.locator("[data-mrp-team-table] tbody tr").nth(list(ASSESSMENT.all_items()).index("vc-code"))
        assert row.locator("td").all_inner_texts()[:6] == ["1", "2", "0", "0", "Yes", "Partly"]
        watch.assert_clean("partly")


def test_team_view_shows_hostile_labels_notes_and_owners_as_text(browser, site_url, tmp_path):
    hostile = '<img src=x onerror="document.title=1">'
    note = '<script>document.title="note"</script><b>bold</b> [link](javascript:alert(1))'
    owner = '<img src=y onerror="document.title=2">'
    entry = {"value": "partly", "note": note, "owner": owner, "due": "2027-01-31"}
    files = [
        _answers_file(tmp_path, "a.json", {"vc-code": "yes"}, label=hostile),
        _answers_file(tmp_path, "b.json", {"vc-code": entry}, label="Bo", schema=2),
    ]
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        title = page.title()
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-table] caption")).to_contain_text(hostile)
        for where in ("[data-mrp-team-disagreements]", "[data-mrp-team-notes]"):
            shown = page.locator(f"{where} li[data-mrp-item=vc-code]")
            expect(shown).to_contain_text(note)
            expect(shown).to_contain_text(f"owner {owner}, due 2027-01-31")
        assert page.locator("[data-mrp-team] :is(img, script, b)").count() == 0
        assert page.title() == title
        watch.assert_clean("hostile label")


def test_merging_a_shared_link_shows_the_merged_own_answers(browser, site_url):
    shared = {"ci-build": "yes", "iac": "yes", "vc-code": "na"}
    with watched_page(browser, site_url) as (page, watch):
        _open_report(page, site_url, shared)
        page.get_by_role("button", name="Copy a share link").click()
        link = page.locator(".mrp-share-link").input_value()
        _store(page, {"vc-code": "yes"})
        # A full load of the link: a reload could lose the fragment, which Material's
        # navigation.tracking may have rewritten meanwhile.
        page.goto("about:blank")
        open_page(page, link)
        page.get_by_role("button", name="Use these answers as mine…").click()
        page.get_by_role("button", name="Merge: fill my empty answers only").click()
        merged = {"vc-code": "yes", "ci-build": "yes", "iac": "yes"}
        assert _stored(page) == merged
        expect(page.locator("[data-mrp-shared]")).to_be_hidden()
        shown = page.locator("[data-mrp-next-actions] li").evaluate_all("items => items.map(i => i.dataset.mrpItem)")
        assert shown == checklists.next_actions(ASSESSMENT, merged), "the report must show the merged own answers"
        assert "#share=" not in page.url
        watch.assert_clean("merge shared")


def test_team_view_refuses_the_same_answers_twice(browser, site_url, tmp_path):
    first = _answers_file(tmp_path, "a.json", {"vc-code": "yes"}, label="Ana")
    copy = _answers_file(tmp_path, "a-copy.json", {"vc-code": "yes"}, label="Ana")
    other = _answers_file(tmp_path, "b.json", {}, label="Bo")
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files([first, copy, other])
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("already loaded")
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("2 answer files loaded")
        watch.assert_clean("duplicate files")
