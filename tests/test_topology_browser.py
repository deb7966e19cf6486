"""The team topology pages in real Chromium: the composition check agrees with Python; no axe findings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from macros import topology
from tests.support.browser import axe_violations, watched_page
from tests.support.site import ROOT, nav_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEAMS = topology.load_topology(ROOT / "data" / "teams")
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
        page.goto(site_url + CHECK, wait_until="networkidle")
        expect(page.locator("[data-mrp-composition-form]")).to_be_visible()
        expect(page.locator("[data-mrp-composition-static]")).to_be_hidden()
        _tick(page, role_ids)
        result = page.locator("[data-mrp-composition-result]")
        expected = topology.uncovered_stages(TEAMS, role_ids)
        expect(result).to_have_attribute("data-uncovered", " ".join(expected))
        for stage in TEAMS.stages:
            item = page.locator(f"[data-mrp-stages] [data-stage={stage.id}]")
            state = item.locator("[data-mrp-stage-state]").inner_text()
            assert state.startswith("nobody") == (stage.id in expected), stage.id
        resembles = page.locator("[data-mrp-resembles]")
        expect(resembles).to_have_attribute("data-resembles", topology.resembles(TEAMS, role_ids) or "")
        assert axe_violations(page) == []
        watch.assert_clean("composition check")


def test_the_javascript_rules_match_python_for_every_single_role(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + CHECK, wait_until="networkidle")
        for role in TEAMS.roles:
            got = page.evaluate(
                """roles => { const model = MRP.composition.readModel(document)
                   return [MRP.composition.uncovered(model, roles), MRP.composition.resembles(model, roles)] }""",
                [role],
            )
            assert got == [topology.uncovered_stages(TEAMS, [role]), topology.resembles(TEAMS, [role])], role
        watch.assert_clean("rules")


def test_without_javascript_the_static_matrix_remains(browser, site_url):
    with watched_page(browser, site_url, java_script_enabled=False) as (page, _watch):
        page.goto(site_url + CHECK)
        expect(page.locator("[data-mrp-composition-static]")).to_be_visible()
        expect(page.locator("[data-mrp-composition-form]")).to_be_hidden()
        expect(page.locator("table.mrp-matrix__table")).to_be_visible()


def test_the_check_mounts_once_after_instant_navigation(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        page.goto(site_url + "teams/roles/", wait_until="networkidle")
        page.evaluate("window.__not_reloaded = true")
        page.locator(".md-content").get_by_role("link", name="team composition check").first.click()
        page.wait_for_url("**/" + CHECK)
        page.locator("label[for=has-ml-engineer]").click()
        assert page.evaluate("window.__not_reloaded === true")
        expect(page.locator("[data-mrp-composition-result]")).to_have_attribute(
            "data-uncovered", " ".join(topology.uncovered_stages(TEAMS, ["ml-engineer"]))
        )
        watch.assert_clean("instant navigation")


@pytest.mark.parametrize("page_path", [path for path in nav_pages() if path.startswith("teams/")])
def test_teams_pages_have_no_axe_violations_at_phone_width(browser, site_url, page_path):
    with watched_page(browser, site_url, viewport={"width": 390, "height": 844}) as (page, watch):
        page.goto(site_url + page_path, wait_until="networkidle")
        violations = axe_violations(page)
        assert not violations, f"{page_path}:\n" + "\n".join(violations)
        for svg in page.locator("svg.mrp-svg").all():
            box = svg.bounding_box()
            assert box and box["width"] <= 390, "diagrams must fit a phone screen"
        watch.assert_clean(page_path)
