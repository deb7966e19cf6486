"""Readiness checklists: schema, the assessment model shared with the browser, scoring and rendering.

The scoring rules live here once; docs/assets/javascripts/assessment.js applies the same model, and a
browser test checks that both give the same scores for the same answers.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .html import page_url, relative_url, render_template
from .models import Id, PagePath, Strict, Text, require_unique

Answer = Literal["yes", "na"]
# Names the JSON documents the site exports (answers) and reads back in (import, team view).
EXPORT_FORMAT = "mlops-readiness-playbook/answers"
REPORT_PAGE = "assess/report.md"


class Item(Strict):
    id: Id
    title: Text = Field(description="A short noun phrase, e.g. 'Automated deployments'; used in gating messages.")
    statement: Text = Field(description="A statement the reader can honestly answer yes or no to.")
    why: Text = Field(description="Why it matters, in one or two sentences.")
    done: Text = Field(description="What 'done' looks like, concretely.")
    learn_more: PagePath = Field(description="The playbook page that explains it (checked at build time).")
    weight: int = Field(1, ge=1, le=5, description="Relative weight in the score (1 to 5).")
    critical: bool = Field(False, description="A critical item must be met for its checklist to count as met.")
    requires: list[Id] = Field(
        default_factory=list, description="Ids of items (any checklist) that must be met before this one pays off."
    )
    replaces: list[Id] = Field(
        default_factory=list,
        description="Ids this item used to have. Readers' saved answers under those ids move to this item.",
    )


class Section(Strict):
    id: Id
    title: Text
    items: list[Item] = Field(min_length=1)


class Checklist(Strict):
    id: Id
    title: Text
    summary: Text = Field(description="One sentence shown above the checklist.")
    pass_score: float = Field(gt=0, le=1, description="Share of the weighted score (0 to 1] needed to count as met.")
    sections: list[Section] = Field(min_length=1)

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


class Condition(Strict):
    checklist: Id
    min_score: float = Field(ge=0, le=1, description="The checklist's score must be at least this (0 to 1).")
    critical_met: bool = Field(True, description="Whether every critical item of the checklist must be met.")


class Level(Strict):
    id: Id
    title: Text = Field(description="The verdict in plain words.")
    summary: Text = Field(description="What it means and what to do next.")
    topology: Text = Field(description="The team set-up this level suggests, in a sentence or two.")
    topology_page: PagePath = Field(description="The playbook page that explains that team set-up.")
    conditions: list[Condition] = Field(default_factory=list, description="All must hold to reach this level.")


class AssessmentRules(Strict):
    storage_key: str = Field(pattern=r"^[a-z0-9.-]+$", description="The one site-wide localStorage key.")
    milestones_key: str = Field(pattern=r"^[a-z0-9.-]+$", description="The localStorage key of saved milestones.")
    schema_version: int = Field(ge=1, description="Schema number of the stored answers.")
    checklists: list[Id] = Field(min_length=1, description="Checklist ids, in the order readers take them.")
    next_actions: int = Field(5, ge=1, le=20, description="How many next actions the report lists.")
    levels: list[Level] = Field(min_length=1, description="Verdict levels, lowest first; the first has no conditions.")

    @field_validator("levels")
    @classmethod
    def first_level_is_unconditional(cls, levels: list[Level]) -> list[Level]:
        if levels[0].conditions:
            raise ValueError("the first level is the fallback verdict and must have no conditions")
        require_unique("level ids", [level.id for level in levels])
        return levels


class Assessment(Strict):
    """Everything the scoring needs, cross-checked: the model the browser receives as JSON."""

    rules: AssessmentRules
    checklists: dict[str, Checklist]

    @model_validator(mode="after")
    def references_resolve(self) -> Assessment:
        problems = []
        owners: dict[str, list[str]] = {}
        for checklist in self.checklists.values():
            for thing in [*checklist.sections, *checklist.items()]:
                owners.setdefault(thing.id, []).append(checklist.id)
        problems += [
            f"id {thing_id!r} is used more than once (in {', '.join(where)}); ids must be unique across checklists"
            for thing_id, where in owners.items()
            if len(where) > 1
        ]
        known_items = {item.id for checklist in self.checklists.values() for item in checklist.items()}
        for checklist in self.checklists.values():
            for item in checklist.items():
                problems += [
                    f"{checklist.id}: item {item.id!r} requires unknown item {other!r}"
                    for other in item.requires
                    if other not in known_items
                ]
                problems += [
                    f"{checklist.id}: item {item.id!r} replaces {old!r}, which is still a current item"
                    for old in item.replaces
                    if old in known_items
                ]
        for name in self.rules.checklists:
            if name not in self.checklists:
                problems.append(f"assessment lists checklist {name!r}, but data/checklists/{name}.yml is missing")
        for level in self.rules.levels:
            problems += [
                f"level {level.id!r} names unknown checklist {condition.checklist!r}"
                for condition in level.conditions
                if condition.checklist not in self.checklists
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def all_items(self) -> dict[str, Item]:
        """Every item, in the order readers meet them (the order of rules.checklists), as the browser sees them."""
        ordered = (self.checklists[name] for name in self.rules.checklists)
        return {item.id: item for checklist in ordered for item in checklist.items()}

    def to_model(self, playbook_version: str = "") -> dict:
        """The JSON model for the browser: what scoring, gating, reports and migration need."""
        return {
            "format": EXPORT_FORMAT,
            "playbookVersion": playbook_version,
            "storageKey": self.rules.storage_key,
            "milestonesKey": self.rules.milestones_key,
            "schemaVersion": self.rules.schema_version,
            "nextActions": self.rules.next_actions,
            "checklists": [
                {
                    "id": checklist.id,
                    "title": checklist.title,
                    "passScore": checklist.pass_score,
                    "sections": [
                        {
                            "id": section.id,
                            "title": section.title,
                            "items": [
                                {
                                    "id": item.id,
                                    "title": item.title,
                                    "statement": item.statement,
                                    "learnMore": page_url(item.learn_more),
                                    "weight": item.weight,
                                    "critical": item.critical,
                                    "requires": item.requires,
                                    "replaces": item.replaces,
                                }
                                for item in section.items
                            ],
                        }
                        for section in checklist.sections
                    ],
                }
                for checklist in (self.checklists[name] for name in self.rules.checklists)
            ],
            "levels": [
                {**level.model_dump(exclude={"topology_page"}), "topologyPage": page_url(level.topology_page)}
                for level in self.rules.levels
            ],
        }


# ---- scoring: the rules the browser mirrors ------------------------------------------------------


def _score(items: list[Item], answers: dict[str, str]) -> dict:
    applicable = [item for item in items if answers.get(item.id) != "na"]
    possible = sum(item.weight for item in applicable)
    earned = sum(item.weight for item in applicable if answers.get(item.id) == "yes")
    return {
        "earned": earned,
        "possible": possible,
        "score": (earned / possible) if possible else None,
        "criticalMissing": [item.id for item in applicable if item.critical and answers.get(item.id) != "yes"],
    }


def score_checklist(checklist: Checklist, answers: dict[str, str]) -> dict:
    result = _score(checklist.items(), answers)
    result["sections"] = {section.id: _score(section.items, answers) for section in checklist.sections}
    result["met"] = (
        result["score"] is not None and result["score"] >= checklist.pass_score and not result["criticalMissing"]
    )
    return result


def verdict(assessment: Assessment, answers: dict[str, str]) -> str:
    """The id of the highest level whose conditions all hold (levels are ordered lowest first)."""
    scores = {name: score_checklist(checklist, answers) for name, checklist in assessment.checklists.items()}
    reached = assessment.rules.levels[0].id
    for level in assessment.rules.levels[1:]:
        if all(_holds(condition, scores[condition.checklist]) for condition in level.conditions):
            reached = level.id
        else:
            break
    return reached


def _holds(condition: Condition, result: dict) -> bool:
    if result["score"] is None or result["score"] < condition.min_score:
        return False
    return not (condition.critical_met and result["criticalMissing"])


def blocked_items(assessment: Assessment, answers: dict[str, str]) -> dict[str, list[str]]:
    """Item id -> the required items that are not met yet (not-applicable counts as met)."""
    blocked = {}
    for item in assessment.all_items().values():
        missing = [other for other in item.requires if answers.get(other) not in {"yes", "na"}]
        if missing:
            blocked[item.id] = missing
    return blocked


def next_actions(assessment: Assessment, answers: dict[str, str]) -> list[str]:
    """Unmet items that matter most, best first: items you can act on now before blocked ones,
    critical before the rest, then those more practices build on, then heavier, then in checklist order."""
    items = assessment.all_items()
    order = {item_id: position for position, item_id in enumerate(items)}
    dependents = {item_id: 0 for item_id in items}
    for item in items.values():
        for other in item.requires:
            dependents[other] += 1
    blocked = blocked_items(assessment, answers)
    unmet = [item for item in items.values() if answers.get(item.id) not in {"yes", "na"}]
    unmet.sort(
        key=lambda item: (
            item.id in blocked,
            not item.critical,
            -dependents[item.id],
            -item.weight,
            order[item.id],
        )
    )
    return [item.id for item in unmet[: assessment.rules.next_actions]]


def team_summary(assessment: Assessment, answer_sets: list[dict[str, str]]) -> dict:
    """Per item: how many said yes / no / not applicable, whether they disagree, and the team answer.

    The team answer is the most common one; a tie goes to the cautious side (no, then not applicable).
    The team verdict is computed from those team answers.
    """
    caution = {"no": 0, "na": 1, "yes": 2}
    per_item = {}
    team_answers = {}
    for item_id in assessment.all_items():
        votes = [answers.get(item_id, "no") for answers in answer_sets]
        counts = {answer: votes.count(answer) for answer in ("yes", "no", "na")}
        majority = min(counts, key=lambda answer: (-counts[answer], caution[answer]))
        per_item[item_id] = {**counts, "disagreement": len(set(votes)) > 1, "majority": majority}
        if majority != "no":
            team_answers[item_id] = majority
    return {
        "respondents": len(answer_sets),
        "items": per_item,
        "answers": team_answers,
        "verdict": verdict(assessment, team_answers),
    }


def migrate_answers(assessment: Assessment, answers: dict[str, str]) -> dict[str, str]:
    """Carry answers given under old ids over to the items that replace them; keep unknown ids."""
    migrated = dict(answers)
    for item in assessment.all_items().values():
        for old in item.replaces:
            if old in migrated:
                value = migrated.pop(old)
                migrated.setdefault(item.id, value)
    return migrated


# ---- rendering -----------------------------------------------------------------------------------


def render_checklist(assessment: Assessment, checklist_id: str, page_src: str, titles: dict[str, str]) -> str:
    if checklist_id not in assessment.checklists:
        known = ", ".join(sorted(assessment.checklists))
        raise KeyError(f"unknown checklist {checklist_id!r}; known checklists: {known} (data/checklists/)")
    checklist = assessment.checklists[checklist_id]
    items = assessment.all_items()
    links = {item.id: relative_url(page_src, item.learn_more) for item in checklist.items()}
    gates = [
        {"item": item, "requires": [items[other] for other in item.requires]}
        for item in checklist.items()
        if item.requires
    ]
    return render_template(
        "checklist.html",
        checklist=checklist,
        report=relative_url(page_src, REPORT_PAGE),
        links=links,
        page_titles=titles,
        gates=gates,
    )


def render_verdict_rules(assessment: Assessment, page_src: str, pages: dict[str, str]) -> str:
    """The verdict levels and their conditions as a table; `pages` maps checklist id -> its page."""
    links = {name: relative_url(page_src, path) for name, path in pages.items()}
    titles = {name: checklist.title for name, checklist in assessment.checklists.items()}
    return render_template("verdict-rules.html", levels=assessment.rules.levels, links=links, titles=titles)


def render_model(assessment: Assessment, playbook_version: str = "") -> str:
    """The browser's copy of the rules, as JSON in an attribute of a hidden element.

    Not a <script type="application/json">: Material's instant navigation re-creates inline scripts
    without their type attribute and would run the JSON as JavaScript.
    """
    model = assessment.to_model(playbook_version)
    return render_template("model.html", model_json=json.dumps(model, separators=(",", ":")))


def render_report(page_src: str) -> str:
    """The readiness report's frame; docs/assets/javascripts/report.js fills it from saved answers."""
    return render_template("report.html", overview=relative_url(page_src, "assess/index.md"))


def render_team_view(page_src: str) -> str:
    """The team view's frame; docs/assets/javascripts/team-view.js compares the loaded files."""
    return render_template("team-view.html", report=relative_url(page_src, REPORT_PAGE))
