"""One consistent story: the prose, the teams data and the verdicts agree on the playbook's core advice.

Each test guards a decision that pages and data files once contradicted (see issue 11):
when the ML platform team forms, whether one product team needs a standing enabling team, who is
on call for a product's models, DORA's current metrics, and how each source was checked.
"""

from __future__ import annotations

import re

import pytest
import yaml

from macros.teams import diagrams
from tests.support.site import ROOT

DATA = ROOT / "data"
DOCS = ROOT / "docs"
NEGATION = re.compile(r"\b(?:do not|does not|don't|not|no|without|never)\b", re.I)


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in re.split(r"(?<=[.;!?])\s+", " ".join(text.split())) if sentence.strip()]


def _level(level_id: str) -> dict:
    levels = yaml.safe_load((DATA / "assessment.yml").read_text(encoding="utf-8"))["levels"]
    found = [level for level in levels if level["id"] == level_id]
    assert found, f"data/assessment.yml has no verdict level {level_id!r}"
    return found[0]


# ---- (a) the ML platform team forms when a second ML product team is about to start ---------------


def test_the_pilot_verdict_defers_the_platform_team_to_the_second_product_team():
    text = _level("pilot")["topology"]
    about_platform = [s for s in _sentences(text) if re.search(r"platform team", s, re.I)]
    premature = [s for s in about_platform if "second" not in s.lower() and not NEGATION.search(s)]
    assert not premature, f"the pilot verdict starts with a platform team: {premature}"


def test_phase_one_of_the_teams_data_has_no_platform_team(teams):
    first = teams.phases[0]
    types = [team.type for team in first.teams]
    assert "ml-platform-team" not in types, f"phase {first.id!r} already has an ML platform team"
    assert types.count("ml-product-team") == 1, f"phase {first.id!r} should start with one ML product team"


def test_the_platform_team_first_appears_next_to_a_second_product_team(teams):
    for phase in teams.phases:
        types = [team.type for team in phase.teams]
        if "ml-platform-team" in types:
            assert types.count("ml-product-team") >= 2, (
                f"phase {phase.id!r} is the first with an ML platform team, but has only one product team"
            )
            return
    pytest.fail("no phase in data/teams/interactions.yml ever forms an ML platform team")


@pytest.mark.parametrize(
    "page", ["teams/index.md", "teams/ml-platform-team.md", "what-is-mlops/platforms.md", "when-to-adopt.md"]
)
def test_pages_tie_the_platform_team_to_the_second_product_team(page):
    sentences = _sentences((DOCS / page).read_text(encoding="utf-8"))
    tied = [s for s in sentences if "platform team" in s and "second" in s]
    assert tied, f"docs/{page} never says that the ML platform team forms with the second ML product team"


def test_no_page_starts_with_a_product_team_and_a_platform_team():
    pattern = re.compile(
        r"start with (?:one|an?) ML product team (?:and|plus) an? (?:small )?(?:ML )?platform team", re.I
    )
    offenders = [
        path.relative_to(DOCS).as_posix()
        for path in DOCS.rglob("*.md")
        if pattern.search(" ".join(path.read_text(encoding="utf-8").split()))
    ]
    assert not offenders, f"pages that start with a platform team beside the first product team: {offenders}"


# ---- (b) one product team borrows a coach instead of a standing enabling team ---------------------


def test_the_pilot_verdict_has_no_standing_enabling_team():
    text = _level("pilot")["topology"]
    enabling = [s for s in _sentences(text) if re.search(r"enabling team", s, re.I)]
    asserted = [s for s in enabling if not NEGATION.search(s)]
    assert not asserted, f"the pilot verdict includes a standing enabling team: {asserted}"


def test_phase_one_coaching_comes_from_a_borrowed_person_not_a_team(teams):
    first = teams.phases[0]
    coaches = [team for team in first.teams if team.type == "mlops-enabling-team"]
    standing = [team.name for team in coaches if re.search(r"\bteam\b", team.name, re.I)]
    assert not standing, f"phase {first.id!r} has a standing enabling team: {standing}"


def test_the_enabling_teams_page_recommends_a_temporary_coach_for_one_team():
    text = " ".join((DOCS / "teams" / "enabling-teams.md").read_text(encoding="utf-8").split())
    assert "single ML product team" in text and "temporary coach" in text


# ---- (c) the product team is responsible, and on call, for monitoring its own models -------------


def test_the_matrix_makes_the_product_team_responsible_for_monitoring(teams):
    product = set(teams.team_types["ml-product-team"].members)
    platform_only = set(teams.team_types["ml-platform-team"].members) - product
    letters = {role.id: role.raci.get("monitoring", "") for role in teams.roles.values()}
    accountable = [role for role, letter in letters.items() if letter == "A"]
    responsible = [role for role, letter in letters.items() if letter == "R"]
    assert accountable and set(accountable) <= product, (
        f"monitoring is accountable outside the product team: {accountable}"
    )
    assert set(responsible) & product, "no ML product team role is responsible for monitoring"
    assert not set(responsible) & platform_only, f"platform roles are responsible for monitoring models: {responsible}"


def test_the_platform_team_page_agrees_with_the_matrix():
    text = " ".join((DOCS / "teams" / "ml-platform-team.md").read_text(encoding="utf-8").split())
    assert "responsible for the monitoring platform" in text
    assert "responsible for monitoring its own models" in text


LINE_UP_ROW = re.compile(r"^\| (?P<roles>[^|]+) \| (?P<stages>[^|]+) \| (?P<team>[^|]+) \|$", re.MULTILINE)


def test_the_composition_check_line_ups_agree_with_the_matrix(teams):
    from macros.teams import resembles, uncovered_stages

    text = (DOCS / "teams" / "composition-check.md").read_text(encoding="utf-8")
    by_name = {role.name.lower(): role.id for role in teams.roles.values()}
    rows = [row for row in LINE_UP_ROW.finditer(text) if row["roles"].strip().lower().split(", ")[0] in by_name]
    assert len(rows) >= 2, "the composition check page should show worked line-ups"
    for row in rows:
        role_ids = [by_name[name] for name in row["roles"].strip().lower().split(", ")]
        cell = row["stages"].strip().lower()
        named = {stage.id for stage in teams.stages if stage.name.lower() in cell}
        everything_but = cell.startswith("everything except")
        stated = {stage.id for stage in teams.stages} - named if everything_but else named
        assert stated == set(uncovered_stages(teams, role_ids)), f"uncovered stages for {row['roles'].strip()!r}"
        team = teams.team_types[resembles(teams, role_ids)].name
        assert row["team"].strip().startswith(team), f"{row['roles'].strip()!r} resembles {team}"


# ---- (e) DORA's current model has five metrics -------------------------------------------------------

FOUR_KEYS_AS_CURRENT = re.compile(r"four key (?:delivery )?metrics|DORA'?s four|four DORA metrics", re.I)


def test_no_page_or_glossary_entry_presents_the_four_keys_as_current():
    texts = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md")}
    texts["data/glossary.yml"] = (DATA / "glossary.yml").read_text(encoding="utf-8")
    offenders = {name: FOUR_KEYS_AS_CURRENT.findall(" ".join(text.split())) for name, text in texts.items()}
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, f"DORA's current model has five metrics, not four: {offenders}"


def test_the_glossary_names_the_current_dora_metrics():
    terms = {term["term"] for term in yaml.safe_load((DATA / "glossary.yml").read_text(encoding="utf-8"))["terms"]}
    current = {"deployment frequency", "change lead time", "failed deployment recovery time", "change fail rate"}
    assert current | {"deployment rework rate"} <= terms


def test_the_dora_facts_describe_five_metrics():
    facts = yaml.safe_load((DATA / "facts.yml").read_text(encoding="utf-8"))["facts"]
    dora = [fact for fact in facts if fact["source"]["url"].startswith("https://dora.dev/")]
    assert dora, "no fact cites dora.dev"
    for fact in dora:
        assert "four keys" not in fact["claim"].lower(), f"{fact['id']} describes the four keys as the model"
    assert any("five metrics" in fact["claim"] for fact in dora)


# ---- (d) the 90-day plan and (g) the maturity crosswalk agree -----------------------------------


def test_the_90_day_plan_does_not_call_automated_release_level_1():
    text = (DOCS / "when-to-adopt.md").read_text(encoding="utf-8")
    plan = text.split("## A 90-day adoption path", 1)[1].split("\n## ", 1)[0]
    assert "Automated release with rollback" in plan, "the plan's release step moved; re-check this test"
    claims = [s for s in _sentences(plan) if "level 1" in s]
    assert claims, "the plan no longer says which maturity level day 90 reaches"
    # A sentence may name level 1 if it also names the level above, or the automated release it adds.
    rounded = [s for s in claims if "level 2" not in s and "release" not in s]
    assert not rounded, f"day 90 includes automated release, which the crosswalk puts a row above level 1: {rounded}"


def test_the_crosswalk_puts_scheduled_retraining_at_microsoft_level_2():
    text = (DOCS / "what-is-mlops" / "maturity-models.md").read_text(encoding="utf-8")
    rows = [
        line for line in text.splitlines() if line.startswith("| 1: ML pipeline automation | 2: automated training")
    ]
    assert rows, "the crosswalk row for Google level 1 and Microsoft level 2 is missing"
    assert "schedule" in rows[0], "Microsoft's level 2 now includes scheduled or event-driven retraining"
    facts = {fact["id"]: fact for fact in yaml.safe_load((DATA / "facts.yml").read_text(encoding="utf-8"))["facts"]}
    assert "scheduled or event-driven" in " ".join(facts["azure-mlops-maturity"]["claim"].split())


# ---- (h) continuous training and lock-in are stated accurately -------------------------------------


def test_no_page_calls_continuous_training_ci_triggered_by_data():
    pattern = re.compile(r"continuous training is continuous integration", re.I)
    offenders = [
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.md")
        if pattern.search(" ".join(p.read_text(encoding="utf-8").split()))
    ]
    assert not offenders, f"continuous training is retraining through a pipeline, not a kind of CI: {offenders}"


def test_managed_platform_lock_in_is_not_called_high_across_the_board():
    text = (DOCS / "what-is-mlops" / "platforms.md").read_text(encoding="utf-8")
    row = [line for line in text.splitlines() if line.startswith("| Lock-in |")]
    assert row, "the platforms table lost its lock-in row"
    managed = row[0].split("|")[2]
    assert not managed.strip().lower().startswith("high"), f"lock-in for managed platforms is overstated: {managed}"


# ---- (i) every source says how it was checked -----------------------------------------------------

HOW_CHECKED = re.compile(r"\b(?:checked|confirmed|read (?:from|with|on)|came from|come from|taken from)\b", re.I)


def test_every_fact_note_says_how_it_was_checked():
    facts = yaml.safe_load((DATA / "facts.yml").read_text(encoding="utf-8"))["facts"]
    silent = [fact["id"] for fact in facts if not HOW_CHECKED.search(fact.get("note") or "")]
    assert not silent, f"facts whose note does not say how they were checked (the sources page promises it): {silent}"


def test_the_sources_page_does_not_promise_a_check_at_the_original_address():
    text = " ".join((DOCS / "reference" / "sources.md").read_text(encoding="utf-8").split())
    assert "checked it at the original address" not in text
    assert "how we checked it" in text


# ---- (j) generated text uses the right article ------------------------------------------------------


@pytest.mark.parametrize(
    "type_id", ["ml-product-team", "ml-platform-team", "mlops-enabling-team", "specialist-model-team"]
)
def test_team_diagrams_use_the_right_article(teams, type_id):
    html = diagrams.render_team_diagram(teams, type_id)
    wrong = re.findall(r"\ba (?=[aeio])\w+", html, re.I)
    assert not wrong, f"{type_id}: 'a' before a vowel: {wrong}"


# ---- (j) product names are the current ones, and landscape rows say when they were checked ---------

# A retired name may appear only after "formerly", to help readers who know the old one.
RETIRED_NAMES = re.compile(
    r"(?<!formerly )\bVertex AI\b|\bAzure AI Foundry\b|\bAzure AI Studio\b|\bSageMaker\b(?! AI\b)"
)


def _retired_names(text: str) -> list[str]:
    return [match.group(0) for match in RETIRED_NAMES.finditer(" ".join(text.split()))]


def test_the_retired_names_check_finds_old_names_and_allows_a_formerly():
    assert _retired_names("Use Vertex AI Pipelines or Amazon SageMaker Model Monitor.") == ["Vertex AI", "SageMaker"]
    assert _retired_names("Azure AI\nFoundry evaluations") == ["Azure AI Foundry"]
    assert _retired_names("Gemini Enterprise Agent Platform (formerly Vertex AI) and Amazon SageMaker AI") == []
    assert _retired_names('{{ cite("sagemaker-mlflow") }}') == [], "fact ids are not product names"


def test_pages_and_data_use_current_product_names():
    # data/facts.yml is left out: its claims record the renames themselves.
    files = [*DOCS.rglob("*.md"), *(p for p in DATA.rglob("*.yml") if p.name != "facts.yml")]
    offenders = {
        p.relative_to(ROOT).as_posix(): found for p in files if (found := _retired_names(p.read_text(encoding="utf-8")))
    }
    assert not offenders, f"retired product names; use the current name (see data/facts.yml): {offenders}"


def test_every_landscape_row_has_a_checked_on_date():
    text = (DOCS / "what-is-mlops" / "landscape.md").read_text(encoding="utf-8")
    headers = [line for line in text.splitlines() if line.startswith("| Component |")]
    assert len(headers) == 2, "the landscape page lost one of its two component tables"
    rows = [
        line for line in text.splitlines() if line.startswith("| ") and not line.startswith(("| Component", "| ---"))
    ]
    assert rows, "the landscape tables have no rows"
    undated = [row.split("|")[1].strip() for row in rows if not re.search(r"\|\s*\d{4}-\d{2}-\d{2}\s*\|\s*$", row)]
    assert not undated, f"landscape rows without a 'checked on' date in their last column: {undated}"
