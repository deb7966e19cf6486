"""scoring.js and action-plan.js in a blank page: the shared cases, and hostile text in the exports.

No site build: the scripts and the model (from the typed browser model) go into an empty page, so
this runs in seconds and fails on the rules alone.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from macros.browser_model import model_json
from macros.registry import load_assessment
from tests.support.site import ROOT

pytestmark = [pytest.mark.browser]

ASSESSMENT = load_assessment(ROOT / "data", ROOT / "docs")
SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
CASES = json.loads((ROOT / "tests" / "cases" / "assessment-cases.json").read_text(encoding="utf-8"))
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![pixel](https://evil.example/p.png)",
    "https://evil.example/x www.evil.example mail@evil.example",
    '=HYPERLINK("https://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    "a | b\n# heading\n- list",
    "`code` **bold** _em_ &amp; &lt;",
]


@pytest.fixture(scope="module")
def blank(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content("<!doctype html><html lang=en><head><title>blank</title></head><body></body></html>")
    for name in ["storage.js", "dom.js", "scoring.js", "assessment.js", "action-plan.js"]:
        page.add_script_tag(content=(SCRIPTS / name).read_text(encoding="utf-8"))
    page.evaluate("json => { window.MODEL = JSON.parse(json) }", model_json(ASSESSMENT, "9.9.9"))
    yield page
    assert errors == []
    page.close()


def _close(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) < 1e-9
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_scoring_js_reaches_every_expected_result(blank):
    results = blank.evaluate(
        """cases => cases.map(({answers, scope}) => {
          const S = MRP.scoring, model = MODEL, shares = S.shares(model)
          const checklists = {}
          for (const checklist of model.checklists) {
            const r = S.scoreChecklist(checklist, answers, shares)
            const sections = {}
            for (const [id, part] of Object.entries(r.sections)) sections[id] = [part.earned, part.possible]
            checklists[checklist.id] = {earned: r.earned, possible: r.possible, score: r.score,
              criticalMissing: r.criticalMissing, met: r.met, sections}
          }
          return {verdict: S.verdict(model, answers, scope).id, checklists,
            blocked: S.blockedItems(model, answers, scope), nextActions: S.nextActions(model, answers, scope),
            actionPlan: S.actionPlan(model, answers, scope)}
        })""",
        CASES["cases"],
    )
    mismatches = [
        index
        for index, (got, case) in enumerate(zip(results, CASES["cases"], strict=True))
        if not _close(got, case["expected"])
    ]
    assert not mismatches, f"scoring.js differs from the Python rules in cases {mismatches[:10]}"


def test_migration_and_team_summary_match(blank):
    migrated = blank.evaluate(
        "cases => cases.map(c => MRP.scoring.migrate(MODEL, c.answers, c.schema))", CASES["migration"]
    )
    assert migrated == [case["expected"] for case in CASES["migration"]]
    teams = blank.evaluate(
        """cases => cases.map(c => {
          const s = MRP.scoring.teamSummary(MODEL, c.people, c.scope)
          const items = {}
          for (const [id, r] of Object.entries(s.items)) {
            items[id] = [r.yes, r.partly, r.no, r.na, r.disagreement, r.majority]
          }
          return {respondents: s.respondents, items, answers: s.answers, verdict: s.verdict}
        })""",
        CASES["team"],
    )
    assert teams == [case["expected"] for case in CASES["team"]]


def _hostile_plan(blank, text: str) -> dict:
    return blank.evaluate(
        """text => {
          const answers = {"vc-code": {value: "partly", note: text, owner: text, due: "2027-01-31"},
                           "iac": {value: "no", note: text}}
          const rows = MRP.actionPlan.rows(MODEL, answers, null)
          return {rows, markdown: MRP.actionPlan.toMarkdown(rows, {label: text, verdict: "x", date: "2026-11-27"}),
                  csv: MRP.actionPlan.toCsv(rows)}
        }""",
        text,
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_export_escapes_links_images_and_html(blank, text):
    markdown = _hostile_plan(blank, text)["markdown"]
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", markdown)
    body = "\n".join(line.lstrip("#- 0123456789") for line in unescaped.splitlines())
    assert not re.search(r"[<>\[\]()`*_!&:@|]", body), f"reader text stayed active in the Markdown: {markdown!r}"
    for line in markdown.splitlines():
        assert not line.startswith(("<", "|", "    ", "\t")), line
    # Python-Markdown renders it without any tag the reader wrote.
    import markdown as python_markdown

    html = python_markdown.markdown(markdown)
    for tag in ("<script", "<img", "<a ", "<code", "<strong", "<em", "<table"):
        assert tag not in html, (tag, html)


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_export_neutralises_formulas_and_keeps_the_text(blank, text):
    exported = _hostile_plan(blank, text)["csv"]
    rows = list(csv.reader(io.StringIO(exported, newline="")))
    header, body = rows[0], rows[1:]
    assert header == ["Title", "Description", "Labels", "Owner", "Due date"]
    vc = next(row for row in body if row[0] == "Code in version control")
    assert vc[3] == ("'" + text if text[:1] in "=+-@\t\r" else text), "the owner is kept, with formulas neutralised"
    assert text in vc[1], "the evidence reaches the issue description"
    assert vc[2] == "readiness,devops-foundations,critical" and vc[4] == "2027-01-31"
    for row in body:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


def test_the_plan_lists_open_items_gate_first_then_critical_first_with_owner_and_date(blank):
    plan = _hostile_plan(blank, "Ana")["rows"]
    # Nothing else is answered, so the idea stage holds back the next verdict and leads the plan.
    in_gate = [row["checklistId"] == "idea-stage" for row in plan]
    assert in_gate == sorted(in_gate, reverse=True)
    for group in (True, False):
        criticals = [row["critical"] for row, gating in zip(plan, in_gate, strict=True) if gating is group]
        assert criticals == sorted(criticals, reverse=True)
    vc = next(row for row in plan if row["id"] == "vc-code")
    assert (vc["owner"], vc["due"], vc["answer"]) == ("Ana", "2027-01-31", "Partly")
    assert next(row for row in plan if row["id"] == "ci-build")["answer"] == "Not yet (not answered)"
