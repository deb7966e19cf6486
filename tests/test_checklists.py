"""Checklist schemas, cross-checks, scoring rules and rendering, without MkDocs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros import assessment_pages, scoring
from macros.browser_model import browser_model
from macros.data import DataError
from macros.registry import load_assessment
from tests.support.site import ROOT

DATA = ROOT / "data"
DOCS = ROOT / "docs"
RELEASED_IDS = DATA / "released-item-ids.txt"


@pytest.fixture(scope="module")
def assessment():
    return load_assessment(DATA, DOCS)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, change) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def _first_item(document):
    return document["sections"][0]["items"][0]


def test_the_real_checklists_load(assessment):
    assert set(assessment.checklists) == set(assessment.rules.checklists)
    assert assessment.rules.checklists[:2] == ["idea-stage", "devops-foundations"], "the idea stage comes first"
    assert all(len(checklist.items()) >= 6 for checklist in assessment.checklists.values())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _first_item(d).update(id=d["sections"][0]["items"][1]["id"]), "used more than once"),
        (lambda d: _first_item(d).update(colour="blue"), "colour: unknown field"),
        (lambda d: _first_item(d).pop("statement"), "statement: required field is missing"),
        (lambda d: _first_item(d).update(statement=""), "statement: String should have at least 1 character"),
        (lambda d: _first_item(d).update(learn_more="no-such-page.md"), "'no-such-page.md' does not exist"),
        (lambda d: d.update(pass_score=0.5), "pass_score: the threshold lives in assessment.yml"),
        (lambda d: _first_item(d).update(weight=0), "weight: Input should be greater than or equal to 1"),
        (lambda d: _first_item(d).update(id="Not Kebab"), "should match pattern"),
        (lambda d: _first_item(d).update(requires=["no-such-item"]), "requires unknown item 'no-such-item'"),
        (lambda d: d.update(id="renamed"), "must match the file name"),
    ],
)
def test_bad_checklist_data_is_rejected_with_file_field_and_fix(data_copy, change, expected):
    path = data_copy / "checklists" / "devops-foundations.yml"
    _edit(path, change)
    with pytest.raises(DataError) as caught:
        load_assessment(data_copy, DOCS)
    message = str(caught.value)
    assert expected in message
    assert "devops-foundations" in message


def test_errors_name_the_line_of_the_bad_field(data_copy):
    path = data_copy / "checklists" / "people-and-process.yml"
    text = path.read_text(encoding="utf-8").replace("    weight: 2\n", "    weight: heavy\n", 1)
    path.write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "weight: heavy" in row)
    with pytest.raises(DataError) as caught:
        load_assessment(data_copy, DOCS)
    assert f"people-and-process.yml:{line}: sections[0].items[0].weight:" in str(caught.value)
    assert "'heavy'" in str(caught.value)


def test_yaml_syntax_errors_name_the_line(data_copy):
    path = data_copy / "checklists" / "mlops-capabilities.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"mlops-capabilities\.yml:\d+: not valid YAML"):
        load_assessment(data_copy, DOCS)


def test_duplicate_yaml_keys_are_reported(data_copy):
    path = data_copy / "checklists" / "mlops-capabilities.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: First\ntitle: ", 1))
    with pytest.raises(DataError, match="title: duplicate key"):
        load_assessment(data_copy, DOCS)


def test_bad_verdict_rules_are_rejected(data_copy):
    _edit(data_copy / "assessment.yml", lambda d: d["levels"][1]["conditions"][0].update(checklist="nope"))
    with pytest.raises(DataError, match="level 'build-foundations' names unknown checklist 'nope'"):
        load_assessment(data_copy, DOCS)


def test_an_unlisted_checklist_file_is_an_error(data_copy):
    extra = data_copy / "checklists" / "extra.yml"
    shutil.copy(data_copy / "checklists" / "people-and-process.yml", extra)
    _edit(extra, lambda d: d.update(id="extra"))
    with pytest.raises(DataError, match="not listed in assessment.yml"):
        load_assessment(data_copy, DOCS)


def test_no_item_id_disappears_without_a_replacement(assessment):
    """Ids are storage keys: every id ever released is still an item, or some item replaces it."""
    released = {
        line.strip()
        for line in RELEASED_IDS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    current = set(assessment.all_items())
    replaced = {old for item in assessment.all_items().values() for old in item.replaces}
    orphaned = sorted(released - current - replaced)
    assert not orphaned, (
        f"these released item ids vanished: {orphaned}. Readers' answers under them would be lost. "
        "Restore them, or add them to the `replaces` list of the item that took their place."
    )
    unrecorded = sorted(current - released)
    assert not unrecorded, f"record new item ids in {RELEASED_IDS.name} so that they stay protected: {unrecorded}"


# ---- scoring ----------------------------------------------------------------------------------------


def test_score_weights_ticks_and_ignores_not_applicable(assessment):
    devops = assessment.checklists["devops-foundations"]
    items = devops.items()
    total = sum(item.weight for item in items)
    answers = {items[0].id: "yes", items[1].id: "na"}
    result = scoring.score_checklist(devops, answers)
    assert result["earned"] == items[0].weight
    assert result["possible"] == total - items[1].weight
    assert result["met"] is False


def test_a_high_score_does_not_hide_a_missing_critical_item(assessment):
    devops = assessment.checklists["devops-foundations"]
    critical = next(item for item in devops.items() if item.critical)
    answers = {item.id: "yes" for item in devops.items() if item.id != critical.id}
    result = scoring.score_checklist(devops, answers)
    assert result["score"] >= devops.pass_score
    assert result["criticalMissing"] == [critical.id]
    assert result["met"] is False


def test_all_not_applicable_gives_no_score(assessment):
    devops = assessment.checklists["devops-foundations"]
    result = scoring.score_checklist(devops, {item.id: "na" for item in devops.items()})
    assert result["score"] is None and result["met"] is False


def test_verdict_follows_the_gate(assessment):
    every = {item_id: "yes" for item_id in assessment.all_items()}
    levels = [level.id for level in assessment.rules.levels]
    assert scoring.verdict(assessment, {}) == levels[0]
    assert scoring.verdict(assessment, every) == levels[-1]
    only_mlops = {item.id: "yes" for item in assessment.checklists["mlops-capabilities"].items()}
    assert scoring.verdict(assessment, only_mlops) == levels[0], "MLOps without DevOps must not pass the gate"
    devops = {item.id: "yes" for item in assessment.checklists["devops-foundations"].items()}
    assert scoring.verdict(assessment, devops) == "not-yet", "without a case for ML, the verdict is not yet"
    idea = {item.id: "yes" for item in assessment.checklists["idea-stage"].items()}
    assert scoring.verdict(assessment, idea) == "build-foundations"
    assert scoring.verdict(assessment, {**idea, **devops}) == "pilot"


def test_blocked_items_name_the_missing_foundations(assessment):
    blocked = scoring.blocked_items(assessment, {})
    assert blocked["model-deployment"] == ["cd-automated"]
    assert "model-deployment" not in scoring.blocked_items(assessment, {"cd-automated": "yes"})
    assert "model-deployment" not in scoring.blocked_items(assessment, {"cd-automated": "na"})
    assert "model-deployment" in scoring.blocked_items(assessment, {"cd-automated": "partly"}), "Partly is not met"


def test_answers_move_from_replaced_ids_and_unknown_ids_are_kept(assessment):
    item = assessment.checklists["devops-foundations"].items()[0]
    renamed = assessment.model_copy(deep=True)
    target = renamed.checklists["devops-foundations"].sections[0].items[0]
    object.__setattr__(target, "replaces", ["old-name"])
    migrated = scoring.migrate_answers(renamed, {"old-name": "yes", "from-the-future": "na"})
    assert migrated == {item.id: "yes", "from-the-future": "na"}


@pytest.mark.parametrize(
    ("old", "schema", "expected"),
    [
        ({"no-handover": "yes"}, 1, {}),
        ({"product-team-owns-lifecycle": "yes"}, 1, {}),
        ({"product-team-owns-lifecycle": "yes", "no-handover": "yes"}, 1, {"product-team-owns-lifecycle": "yes"}),
        ({"product-team-owns-lifecycle": "na", "no-handover": "yes"}, 1, {}),
        ({"product-team-owns-lifecycle": {"value": "partly"}}, 2, {"product-team-owns-lifecycle": {"value": "partly"}}),
        ({"no-handover": {"value": "yes", "note": "A"}}, 2, {}),
        (
            {"product-team-owns-lifecycle": {"value": "yes", "note": "A"}, "no-handover": {"value": "yes"}},
            2,
            {"product-team-owns-lifecycle": {"value": "yes", "note": "A"}},
        ),
    ],
)
def test_a_merged_item_takes_an_answer_only_when_every_item_it_came_from_gives_it(assessment, old, schema, expected):
    """0.1 stored ticks only, so an id it has no answer for is a box left unticked, never a Yes."""
    assert "product-team-owns-lifecycle" in assessment.all_items()["product-team-owns-lifecycle"].replaces
    assert scoring.migrate_answers(assessment, old, schema) == expected


def test_a_split_item_gives_its_old_answer_to_every_part_that_has_none(assessment):
    parts = [item.id for item in assessment.all_items().values() if "cd-deploy" in item.replaces]
    assert len(parts) >= 2, "cd-deploy was split into several items"
    entry = {"value": "yes", "note": "Deploys by pipeline since May"}
    migrated = scoring.migrate_answers(assessment, {"cd-deploy": entry, parts[1]: {"value": "no"}})
    assert migrated == {parts[0]: entry, parts[1]: {"value": "no"}}


# ---- rendering ----------------------------------------------------------------------------------------


def test_rendered_checklist_is_a_semantic_form(assessment):
    html = assessment_pages.render_checklist(
        assessment, "devops-foundations", "assess/devops-foundations.md", _titles()
    )
    checklist = assessment.checklists["devops-foundations"]
    assert html.count("<fieldset") == len(checklist.items()), "one labelled radio group per item"
    for section in checklist.sections:
        assert f"## {section.title} {{#section-{section.id}}}" in html, "section titles are real headings"
    for item in checklist.items():
        for value in ("no", "partly", "yes", "na"):
            radio = (
                f'<input type="radio" class="mrp-scale__input" name="answer-{item.id}" id="answer-{item.id}-{value}"'
            )
            assert radio in html
            assert f'for="answer-{item.id}-{value}"' in html
        assert f"weight {item.weight}</span>" in html
        assert f'id="note-{item.id}" data-mrp-field="note" maxlength="500"' in html
    assert 'aria-live="polite"' in html
    assert 'href="../../devops-prerequisites/capabilities/"' in html
    assert '<a href="../report/">See your readiness report</a>' in html


def test_item_text_is_escaped(assessment):
    hostile = assessment.model_copy(deep=True)
    item = hostile.checklists["devops-foundations"].sections[0].items[0]
    object.__setattr__(item, "statement", "<script>alert(1)</script> & more")
    html = assessment_pages.render_checklist(hostile, "devops-foundations", "assess/devops-foundations.md", _titles())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_unknown_checklist_lists_the_known_ones(assessment):
    with pytest.raises(KeyError, match="known checklists: devops-foundations, generative-ai"):
        assessment_pages.render_checklist(assessment, "nope", "assess/index.md", {})


def test_model_for_the_browser_carries_the_rules(assessment):
    model = browser_model(assessment).model_dump(by_alias=True)
    assert model["storageKey"] == assessment.rules.storage_key
    assert [level["id"] for level in model["levels"]] == [level.id for level in assessment.rules.levels]
    items = [item for c in model["checklists"] for s in c["sections"] for item in s["items"]]
    assert {item["id"] for item in items} == set(assessment.all_items())


def _titles():
    from macros.pages import page_title

    items = load_assessment(DATA, DOCS).all_items().values()
    return {item.learn_more: page_title(DOCS, item.learn_more) for item in items}


def test_next_actions_put_actionable_critical_items_first(assessment):
    # The idea stage is met, so DevOps foundations hold back the next verdict and lead the actions.
    answers = {item.id: "yes" for item in assessment.checklists["idea-stage"].items()}
    actions = scoring.next_actions(assessment, answers)
    assert len(actions) == assessment.rules.next_actions
    items = assessment.all_items()
    blocked = scoring.blocked_items(assessment, answers)
    assert all(items[item_id].critical for item_id in actions[:3])
    assert not any(item_id in blocked for item_id in actions), "blocked items must wait for their foundations"
    dependents = {item_id: 0 for item_id in items}
    for item in items.values():
        for other in item.requires:
            dependents[other] += 1
    gate = [item.id for item in assessment.checklists["devops-foundations"].items() if item.critical]
    most = max(dependents[item_id] for item_id in gate)
    assert actions[0] in gate, "the gate's items come first"
    assert dependents[actions[0]] == most, "the critical item most practices build on comes first"


def test_next_actions_skip_what_is_done_or_not_applicable(assessment):
    answers = {"vc-code": "yes", "ci-build": "na", "ops-monitoring": {"value": "yes", "note": "x"}}
    actions = scoring.next_actions(assessment, answers)
    assert not {"vc-code", "ci-build", "ops-monitoring"} & set(actions)


def test_team_summary_counts_votes_and_flags_disagreement(assessment):
    people = [{"vc-code": "yes", "iac": "yes"}, {"vc-code": "yes", "iac": "na"}, {"vc-code": "yes"}]
    summary = scoring.team_summary(assessment, people)
    assert summary["respondents"] == 3
    assert summary["items"]["vc-code"] == {
        "yes": 3,
        "partly": 0,
        "no": 0,
        "na": 0,
        "disagreement": False,
        "majority": "yes",
    }
    assert summary["items"]["iac"] == {"yes": 1, "partly": 0, "no": 1, "na": 1, "disagreement": True, "majority": "no"}
    assert summary["answers"]["vc-code"] == "yes" and "iac" not in summary["answers"]


def test_team_summary_breaks_ties_towards_caution(assessment):
    summary = scoring.team_summary(assessment, [{"iac": "yes"}, {"iac": "na"}])
    assert summary["items"]["iac"]["majority"] == "na"
    summary = scoring.team_summary(assessment, [{"iac": "yes"}, {"iac": {"value": "partly"}}])
    assert summary["items"]["iac"]["majority"] == "partly"


def test_a_checklist_is_met_at_the_lowest_score_any_verdict_asks_of_it(assessment):
    for name, checklist in assessment.checklists.items():
        asked = [c.min_score for level in assessment.rules.levels for c in level.conditions if c.checklist == name]
        assert checklist.pass_score == min(asked)


def test_a_checklist_no_verdict_asks_about_stops_the_build(data_copy):
    path = data_copy / "assessment.yml"
    text = path.read_text(encoding="utf-8")
    kept = re.sub(r"      - checklist: people-and-process\n(        [^\n]*\n)+", "", text)
    assert kept != text
    path.write_text(kept, encoding="utf-8")
    with pytest.raises(DataError, match="no verdict level sets a condition on checklist 'people-and-process'"):
        load_assessment(data_copy, DOCS)
