"""The team topology pages in real Chromium: the composition check agrees with Python; no axe findings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from macros.teams import composition, schema
from tests.support.browser import CONTENT, axe_violations, navigated, open_page, watched_page
from tests.support.site import ROOT, nav_pages

TEAMS = schema.load_topology(ROOT / "data" / "teams")
CHECK = "teams/composition-check/"
COMBINATIONS = [
    ["business-product-owner", "data-scientist", "data-engineer"],
    ["platform-engineer", "sre", "devops-engineer", "software-engineer", "it-manager"],
    ["business-product-owner", "data-scientist", "data-engineer", "ml-engineer", "software-engineer"],
    ["data-scientist", "ml-engineer"],
    ["it-manager"],
]


def _tick(page, role_ids: list[str]) -> None:
    for role in TEAMS.roles:
        box = page.locator(f"#has-{role}")
        if (role in role_ids) != box.is_checked():
            page.locator(f"label[for=has-{role}]").click()


@pytest.mark.parametrize("role_ids", COMBINATIONS, ids=lambda roles: "+".join(roles))
def test_the_composition_check_matches_python(browser, site_url, role_ids):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + CHECK)
        expect(page.locator("[data-mrp-composition-form]")).to_be_visible()
        expect(page.locator("[data-mrp-composition-static]")).to_be_hidden()
        _tick(page, role_ids)
        result = page.locator("[data-mrp-composition-result]")
        expected = composition.uncovered_stages(TEAMS, role_ids)
        expect(result).to_have_attribute("data-mrp-uncovered", " ".join(expected))
        for stage in TEAMS.stages:
            item = page.locator(f"[data-mrp-stages] [data-mrp-stage={stage.id}]")
            state = item.locator("[data-mrp-stage-state]").inner_text()
            assert state.startswith("nobody") == (stage.id in expected), stage.id
        resembles = page.locator("[data-mrp-resembles]")
        expect(resembles).to_have_attribute("data-mrp-resembles", composition.resembles(TEAMS, role_ids) or "")
        watch.assert_clean("composition check")


def test_the_composition_check_stays_accessible_as_it_answers(browser, site_url):
    """axe on the widget in each kind of answer: gaps, no gap, and a team that resembles no team type."""
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + CHECK)
        for role_ids in (COMBINATIONS[0], COMBINATIONS[2], COMBINATIONS[4]):
            _tick(page, role_ids)
            expect(page.locator("[data-mrp-composition-result]")).to_have_attribute(
                "data-mrp-uncovered", " ".join(composition.uncovered_stages(TEAMS, role_ids))
            )
            violations = axe_violations(page, within=["[data-mrp-composition]"])
            assert not violations, f"{'+'.join(role_ids)}:\n" + "\n".join(violations)
        watch.assert_clean("composition check")


def test_the_javascript_rules_match_python_for_every_single_role(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + CHECK)
        for role in TEAMS.roles:
            got = page.evaluate(
                """roles => { const model = MRP.composition.readModel(document)
                   return [MRP.composition.uncovered(model, roles), MRP.composition.resembles(model, roles)] }""",
                [role],
            )
            assert got == [composition.uncovered_stages(TEAMS, [role]), composition.resembles(TEAMS, [role])], role
        watch.assert_clean("rules")


def test_without_javascript_the_static_matrix_remains(browser, site_url):
    with watched_page(browser, site_url, java_script_enabled=False) as (page, _watch):
        page.goto(site_url + CHECK)
        expect(page.locator("[data-mrp-composition-static]")).to_be_visible()
        expect(page.locator("[data-mrp-composition-form]")).to_be_hidden()
        expect(page.locator("table.mrp-matrix__table")).to_be_visible()


def test_the_check_mounts_once_after_instant_navigation(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + "teams/roles/")
        page.evaluate("window.__not_reloaded = true")
        with navigated(page, CHECK):
            page.locator(".md-content").get_by_role("link", name="team composition check").first.click()
        assert page.evaluate("window.__not_reloaded === true"), "the click caused a full page load"
        # Mounted twice, the check would answer each change twice: count its answers to one tick.
        page.evaluate(
            """() => { window.__answers = 0
               new MutationObserver(records => { window.__answers += records.length }).observe(
                 document.querySelector("[data-mrp-composition-result]"),
                 { attributes: true, attributeFilter: ["data-mrp-uncovered"] }) }"""
        )
        page.locator("label[for=has-ml-engineer]").click()
        expect(page.locator("[data-mrp-composition-result]")).to_have_attribute(
            "data-mrp-uncovered", " ".join(composition.uncovered_stages(TEAMS, ["ml-engineer"]))
        )
        assert page.evaluate("window.__answers") == 1, "the check answered one tick more than once"
        watch.assert_clean("instant navigation")


@pytest.mark.parametrize("page_path", [path for path in nav_pages() if path.startswith("teams/")])
def test_teams_pages_have_no_axe_violations_at_phone_width(browser, site_url, page_path):
    with watched_page(browser, site_url, viewport={"width": 390, "height": 844}) as (page, watch):
        open_page(page, site_url + page_path)
        # The phone layout's header and drawer are scanned whole once; the other pages' content only.
        violations = axe_violations(page, within=None if page_path == CHECK else CONTENT)
        assert not violations, f"{page_path}:\n" + "\n".join(violations)
        # Diagrams keep their one scale; on a phone each scrolls inside its own box, which must fit.
        for frame in page.locator(".mrp-diagram [data-mrp-scroll]").all():
            box = frame.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, "diagram boxes must fit a phone screen"
        watch.assert_clean(page_path)


@pytest.mark.parametrize("page_path", ["teams/roles/", CHECK])
def test_the_matrix_fits_a_desktop_column_with_its_caption_outside_the_scroll_box(browser, site_url, page_path):
    with watched_page(browser, site_url, viewport={"width": 1280, "height": 900}) as (page, watch):
        open_page(page, site_url + page_path)
        box = page.locator(".mrp-matrix__scroll")
        fits = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert fits[0] <= fits[1], f"the matrix is {fits[0]} px wide in a {fits[1]} px column"
        caption = page.locator("#responsibility-matrix-caption")
        expect(caption).to_be_visible()
        assert caption.evaluate("e => !e.closest('.mrp-scroll')"), "the caption scrolls with the table"
        expect(page.get_by_role("region", name="Responsibility matrix")).to_be_visible()
        expect(page.get_by_role("table", name="Responsibility matrix")).to_be_visible()
        # Each stage keeps its full name as its column header, for screen readers and on screen.
        headers = page.locator(".mrp-matrix__table thead th[data-mrp-stage]").all_inner_texts()
        assert [" ".join(text.split()) for text in headers] == [stage.name for stage in TEAMS.stages]
        watch.assert_clean("matrix fits")


def test_role_cards_sit_side_by_side_on_a_wide_screen_and_stack_on_a_phone(browser, site_url):
    with watched_page(browser, site_url, viewport={"width": 1280, "height": 900}) as (page, watch):
        open_page(page, site_url + "teams/roles/")
        tops = page.locator(".mrp-role-cards > .mrp-role-card").evaluate_all(
            "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))"
        )
        assert len(tops) == len(TEAMS.roles)
        assert tops[0] == tops[1], "the first two cards share a row on a wide screen"
        page.set_viewport_size({"width": 390, "height": 900})
        tops = page.locator(".mrp-role-cards > .mrp-role-card").evaluate_all(
            "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))"
        )
        assert tops == sorted(set(tops)), "one card per row on a phone"
        watch.assert_clean("role cards")


def test_the_composition_check_starts_neutral_and_answers_in_a_panel(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + CHECK)
        result = page.locator("[data-mrp-composition-result]")
        expect(result).to_have_attribute("data-mrp-state", "empty")
        expect(page.locator("[data-mrp-stages]")).to_be_hidden()
        assert "nobody is responsible" not in result.inner_text(), "no stage is shown as a gap before a tick"
        expect(result).to_contain_text("Tick the roles your team has")
        _tick(page, ["ml-engineer"])
        expect(result).to_have_attribute("data-mrp-state", "gaps")
        expect(page.locator("[data-mrp-stages]")).to_be_visible()
        gaps = composition.uncovered_stages(TEAMS, ["ml-engineer"])
        expect(page.locator("[data-mrp-uncovered-summary]")).to_have_text(
            f"✗ {len(gaps)} of {len(TEAMS.stages)} stages have nobody responsible or accountable in your team."
        )
        colour = result.evaluate("e => getComputedStyle(e).borderLeftColor")
        _tick(page, list(TEAMS.roles))
        expect(result).to_have_attribute("data-mrp-state", "covered")
        assert result.evaluate("e => getComputedStyle(e).borderLeftColor") != colour
        _tick(page, [])
        expect(result).to_have_attribute("data-mrp-state", "empty")
        assert axe_violations(page, within=["[data-mrp-composition]"]) == []
        watch.assert_clean("neutral start")
