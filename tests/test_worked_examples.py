"""The worked examples: case files scored by the rules, a page that cannot disagree with them, and
links that open each case in the readiness report."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from macros import examples, scoring
from macros.data import DataError
from tests.support.answers import ASSESSMENT, stored_record
from tests.support.browser import open_page, watched_page
from tests.support.site import ROOT

EXAMPLES = examples.load_examples(ROOT / "data" / "examples", ASSESSMENT)
PAGE = "assess/worked-examples/"


def test_there_are_at_least_eight_teams_and_together_they_reach_every_verdict():
    assert len(EXAMPLES) >= 8
    assert examples.levels_reached(ASSESSMENT, EXAMPLES) == {level.id for level in ASSESSMENT.rules.levels}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_each_case_reaches_the_verdict_its_file_declares(example):
    answers = examples.answers_of(example, ASSESSMENT)
    assert scoring.verdict(ASSESSMENT, answers, example.scope) == example.verdict
    result = examples.outcome(example, ASSESSMENT)
    assert [item.id for item, _ in result["actions"]] == scoring.action_plan(ASSESSMENT, answers, example.scope)[:3]


def _copy_examples(tmp_path):
    folder = tmp_path / "examples"
    shutil.copytree(ROOT / "data" / "examples", folder)
    return folder


def test_a_case_whose_declared_verdict_the_rules_do_not_give_stops_the_build(tmp_path):
    folder = _copy_examples(tmp_path)
    path = next(folder.glob("*.yml"))
    text = path.read_text(encoding="utf-8")
    declared = re.search(r"^verdict: (\S+)$", text, re.M).group(1)
    other = next(level.id for level in ASSESSMENT.rules.levels if level.id != declared)
    path.write_text(text.replace(f"verdict: {declared}", f"verdict: {other}"), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{path.name}: verdict: the rules give '{declared}'"):
        examples.load_examples(folder, ASSESSMENT)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  an-item-nobody-has: partly", r"answers\.an-item-nobody-has: unknown item id"),
        ("  vc-code: maybe", r"answers\.vc-code"),
    ],
)
def test_an_unknown_item_or_answer_in_a_case_names_the_file_and_field(tmp_path, line, message):
    folder = _copy_examples(tmp_path)
    path = next(folder.glob("*.yml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answers:\n", "answers:\n" + line + "\n", 1), encoding="utf-8")
    with pytest.raises(DataError, match=message) as error:
        examples.load_examples(folder, ASSESSMENT)
    assert path.name in str(error.value)


class _Cases(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.verdicts: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-mrp-example" in attributes:
            self.verdicts[attributes["data-mrp-example"]] = attributes["data-mrp-example-verdict"]
        if "data-mrp-example-link" in attributes:
            self.links.append(attributes["href"])


def test_the_page_shows_for_each_case_the_verdict_the_rules_give(built_site):
    parser = _Cases()
    parser.feed((built_site / PAGE / "index.html").read_text(encoding="utf-8"))
    expected = {
        example.id: scoring.verdict(ASSESSMENT, examples.answers_of(example, ASSESSMENT), example.scope)
        for example in EXAMPLES
    }
    assert parser.verdicts == expected
    assert len(parser.links) == len(EXAMPLES)
    titles = {level.id: level.title for level in ASSESSMENT.rules.levels}
    page_text = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    for verdict in expected.values():
        assert titles[verdict] in page_text


def test_each_case_opens_in_the_report_with_the_verdict_and_plan_the_rules_give(browser, site_url):
    with watched_page(browser, site_url) as (page, watch):
        open_page(page, site_url + PAGE)
        links = page.locator("[data-mrp-example-link]").evaluate_all("links => links.map(link => link.href)")
        assert len(links) == len(EXAMPLES)
        # The link's fragment is checked by assessment.js (checksum and schema) before it shows anything.
        for example, link in zip(EXAMPLES, links, strict=True):
            answers = examples.answers_of(example, ASSESSMENT)
            # A fresh document for each link, as a reader who follows it from the page gets.
            open_page(page, site_url)
            open_page(page, link)
            expect(page.locator("[data-mrp-shared]")).to_be_visible()
            expect(page.locator("[data-mrp-meta]")).to_contain_text(example.title)
            expect(page.locator("[data-mrp-verdict]")).to_have_attribute("data-mrp-level", example.verdict)
            plan = page.locator("[data-mrp-plan] li[data-mrp-item]").evaluate_all(
                "items => items.map(i => i.dataset.mrpItem)"
            )
            # The report groups the rules' plan by checklist: the gate's first, then in the order readers take them.
            expected = scoring.action_plan(ASSESSMENT, answers, example.scope)
            checklist_of = ASSESSMENT.checklist_of()
            gate = scoring.gate_checklists(ASSESSMENT, answers, example.scope)
            open_checklists = {checklist_of[item_id].id for item_id in expected}
            ordered = sorted(ASSESSMENT.ordered(), key=lambda checklist: checklist.id not in gate)
            groups = [checklist.id for checklist in ordered if checklist.id in open_checklists]
            grouped = [item_id for group in groups for item_id in expected if checklist_of[item_id].id == group]
            assert plan == grouped
            assert stored_record(page) == {}, "opening a worked example must not touch the reader's answers"
