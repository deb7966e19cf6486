"""The team view in real Chromium: several colleagues' answer files compared as the Python rules compare them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from macros import scoring
from tests.support.answers import ASSESSMENT, answers_file, random_answers
from tests.support.browser import CONTENT, axe_violations, open_page, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEAM = "assess/team-view/"


def _four_level_answers(seed: int) -> dict:
    """Random schema-2 answers over the whole four-level scale, some left empty."""
    answers = random_answers(seed, ["yes", "partly", "no", "na", None])
    return {item_id: {"value": choice} for item_id, choice in answers.items()}


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
        files.append(answers_file(tmp_path, f"person-{n}.json", answers, label=f"Person {n}", schema=2, **extra))
    team_scope = sorted({name for scope in scopes for name in scoring.reader_scope(ASSESSMENT, scope)})
    expected = scoring.team_summary(ASSESSMENT, people, team_scope)
    counted = _in_scope_ids(team_scope)
    assert any(item["partly"] for item in expected["items"].values()), "the test must count Partly"
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(files)
        verdict = page.locator("[data-mrp-team-verdict]")
        expect(verdict).to_have_attribute("data-mrp-level", expected["verdict"])
        assert sorted(verdict.get_attribute("data-mrp-verdict-scope").split()) == team_scope
        flagged = page.locator("[data-mrp-team-disagreements] tr[data-mrp-item]").evaluate_all(
            "items => items.map(i => i.dataset.mrpItem)"
        )
        disagreed = {item_id for item_id, item in expected["items"].items() if item["disagreement"]}
        assert set(flagged) == disagreed & counted
        spreads = page.locator("[data-mrp-team-disagreements] tr[data-mrp-item]").evaluate_all(
            "items => items.map(i => i.dataset.mrpSpread)"
        )
        assert spreads == sorted(spreads, key=["wide", "close", "applicability"].index), "wide gaps come first"
        rows = page.locator("[data-mrp-team-table] tbody tr")
        items = list(ASSESSMENT.all_items().values())
        for index in range(len(items)):
            counts = expected["items"][items[index].id]
            cells = rows.nth(index).locator("td").all_inner_texts()
            # The team answer and the disagreement come first, so a phone shows them beside the item.
            assert cells[1] == ("Yes" if counts["disagreement"] else "No")
            assert cells[2:6] == [str(counts["yes"]), str(counts["partly"]), str(counts["no"]), str(counts["na"])]
        assert axe_violations(page, within=CONTENT) == []
        watch.assert_clean("team view")


def test_team_view_shows_partly_in_the_counts_and_in_the_disagreement(browser, site_url, tmp_path):
    files = [
        answers_file(tmp_path, "a.json", {"vc-code": {"value": "yes"}}, label="Ana", schema=2),
        answers_file(tmp_path, "b.json", {"vc-code": {"value": "partly"}}, label="Bo", schema=2),
        answers_file(tmp_path, "c.json", {"vc-code": {"value": "partly"}}, label="Cy", schema=2),
    ]
    expected = scoring.team_summary(ASSESSMENT, [{"vc-code": "yes"}, {"vc-code": "partly"}, {"vc-code": "partly"}])
    assert expected["items"]["vc-code"]["majority"] == "partly"
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-verdict]")).to_have_attribute("data-mrp-level", expected["verdict"])
        line = page.locator("[data-mrp-team-disagreements] tr[data-mrp-item=vc-code]")
        expect(line).to_contain_text("1 Yes, 2 Partly, 0 Not yet, 0 Not applicable")
        expect(line).to_have_attribute("data-mrp-spread", "close")
        expect(line.locator('td[data-label="Bo"]')).to_have_text("Partly")
        expect(line.locator("td.mrp-team__answer .mrp-chip--partly")).to_have_text("Partly")
        row = page.locator("[data-mrp-team-table] tbody tr").nth(list(ASSESSMENT.all_items()).index("vc-code"))
        assert row.locator("td").all_inner_texts()[:6] == ["Partly", "Yes", "1", "2", "0", "0"]
        watch.assert_clean("partly")


def test_team_view_shows_hostile_labels_notes_and_owners_as_text(browser, site_url, tmp_path):
    hostile = '<img src=x onerror="document.title=1">'
    note = '<script>document.title="note"</script><b>bold</b> [link](javascript:alert(1))'
    owner = '<img src=y onerror="document.title=2">'
    entry = {"value": "partly", "note": note, "owner": owner, "due": "2027-01-31"}
    files = [
        answers_file(tmp_path, "a.json", {"vc-code": "yes"}, label=hostile),
        answers_file(tmp_path, "b.json", {"vc-code": entry}, label="Bo", schema=2),
    ]
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        title = page.title()
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-table] caption")).to_contain_text(hostile)
        for where in ("[data-mrp-team-disagreements] tr", "[data-mrp-team-notes] li"):
            shown = page.locator(f"{where}[data-mrp-item=vc-code]")
            expect(shown).to_contain_text(note)
            expect(shown).to_contain_text(f"owner {owner}, due 2027-01-31")
        assert page.locator("[data-mrp-team] :is(img, script, b)").count() == 0
        assert page.title() == title
        watch.assert_clean("hostile label")


def test_team_view_refuses_the_same_answers_twice(browser, site_url, tmp_path):
    first = answers_file(tmp_path, "a.json", {"vc-code": "yes"}, label="Ana")
    copy = answers_file(tmp_path, "a-copy.json", {"vc-code": "yes"}, label="Ana")
    other = answers_file(tmp_path, "b.json", {}, label="Bo")
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files([first, copy, other])
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("already loaded")
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("2 answer files loaded")
        watch.assert_clean("duplicate files")


def test_team_view_tells_apart_people_who_share_a_label(browser, site_url, tmp_path):
    label = "Payments ML team, Q1"
    files = [
        answers_file(tmp_path, "ana.json", {"vc-code": "yes"}, label=label, role="ML engineer", schema=2),
        answers_file(tmp_path, "bo.json", {"vc-code": "no"}, label=label, role="Data scientist", schema=2),
        answers_file(tmp_path, "cy.json", {"vc-code": "partly"}, label=label, role="Data scientist", schema=2),
        answers_file(tmp_path, "dee.json", {"vc-code": "na"}, label="Platform team", schema=2),
    ]
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(files)
        expect(page.locator("[data-mrp-team-status]")).to_contain_text("4 answer files loaded")
        # Each person heads a column of the disagreements grid, after the item and the team answer.
        names = page.locator("[data-mrp-team-disagreements] table thead th")
        expect(names).to_have_count(6)
        shown = names.all_inner_texts()[2:]
        assert len(set(shown)) == 4, f"people must be told apart: {shown}"
        assert shown[0] == f"{label}, ML engineer"
        assert shown[1] == f"{label}, Data scientist (bo.json)"
        assert shown[2] == f"{label}, Data scientist (cy.json)"
        assert shown[3] == "Platform team", "a label nobody else uses stays as it is"
        watch.assert_clean("same labels")


def _split_files(tmp_path) -> list[str]:
    """Four people who split on three items: one wide gap (Yes and Not yet), one close, one on scope."""
    answers = [
        {"vc-code": "yes", "ci-build": "yes", "iac": "yes"},
        {"vc-code": "no", "ci-build": "partly", "iac": "na"},
        {"vc-code": "yes", "ci-build": "yes", "iac": "yes"},
        {"vc-code": "partly", "ci-build": "yes", "iac": "yes"},
    ]
    names = ["Ana", "Bo", "Cy", "Dee Longname-Example"]
    return [
        answers_file(tmp_path, f"{n}.json", a, label=name)
        for n, (a, name) in enumerate(zip(answers, names, strict=True))
    ]


@pytest.mark.parametrize("width", [1280, 320])
def test_disagreements_are_a_grid_of_people_by_items_and_cards_on_a_phone(browser, site_url, tmp_path, width):
    with watched_page(browser, site_url, viewport={"width": width, "height": 900}) as (page, watch):
        open_page(page, site_url + TEAM)
        page.locator("[data-mrp-team-files]").set_input_files(_split_files(tmp_path))
        grid = page.locator("[data-mrp-team-disagreements] table")
        expect(grid.locator("tbody tr")).to_have_count(3)
        assert grid.locator("thead th").all_text_contents() == [
            "Item",
            "Team answer",
            "Ana",
            "Bo",
            "Cy",
            "Dee Longname-Example",
        ]
        rows = grid.locator("tbody tr")
        expect(rows.first).to_have_attribute("data-mrp-item", "vc-code")
        expect(rows.first).to_have_attribute("data-mrp-spread", "wide")
        # Each answer is a chip of its own answer's class; the team answer is the majority, Yes here.
        expect(rows.first.locator("td").nth(0).locator(".mrp-chip--yes")).to_have_text("Yes")
        chips = rows.first.locator("td .mrp-chip").evaluate_all("chips => chips.map(c => c.className.split('--')[1])")
        assert chips == ["yes", "yes", "no", "yes", "partly"]
        colours = rows.first.locator("td .mrp-chip").evaluate_all(
            "chips => chips.map(c => getComputedStyle(c).backgroundColor)"
        )
        assert colours[1] != colours[2] != colours[4], "each answer has its own colour"
        team = rows.first.locator("td.mrp-team__answer")
        box = team.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, "the team answer is on screen without scrolling"
        if width < 600:
            # One card per item: the title above, then the team answer, then each person under their name.
            title = rows.first.locator("th").bounding_box()
            assert box["y"] > title["y"] and abs(box["x"] - title["x"]) < 2
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            label = rows.first.locator("td").nth(1).evaluate("c => getComputedStyle(c, '::before').content")
            assert label == '"Ana"'
        assert axe_violations(page, within=CONTENT) == []
        watch.assert_clean(f"disagreement grid at {width} px")
