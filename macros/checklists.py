"""Readiness checklists: the schemas of data/assessment.yml and data/checklists/*.yml, cross-checked.

The rules that use these schemas live next door: macros/scoring.py scores answers and reaches the
verdict (docs/assets/javascripts/scoring.js applies the same rules, held together by
tests/cases/assessment-cases.json), macros/browser_model.py is the JSON the browser receives, and
macros/assessment_pages.py renders the checklist pages, the verdict rules and the scoring sheet.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .models import Id, PagePath, Strict, Text, require_unique

Value = Literal["no", "partly", "yes", "na"]
# Names the JSON documents the site exports (answers) and reads back in (import, team view).
EXPORT_FORMAT = "mlops-readiness-playbook/answers"
REPORT_PAGE = "assess/report.md"


class Item(Strict):
    id: Id
    title: Text = Field(description="A short noun phrase, e.g. 'Automated deployments'; used in gating messages.")
    statement: Text = Field(description="One idea the reader can honestly answer Not yet, Partly or Yes to.")
    why: Text = Field(description="Why it matters, in one or two sentences.")
    done: Text = Field(description="What 'done' looks like, concretely; it must not ask for more than the statement.")
    learn_more: PagePath = Field(description="The playbook page that explains it (checked at build time).")
    weight: int = Field(1, ge=1, le=5, description="Relative weight in the score (1 to 5).")
    critical: bool = Field(False, description="A critical item must be answered Yes for its checklist to count as met.")
    requires: list[Id] = Field(
        default_factory=list, description="Ids of items (any checklist) that must be met before this one pays off."
    )
    replaces: list[Id] = Field(
        default_factory=list,
        description="Every released id this item came from: the id it used to have, the id of an item it was "
        "split from, or the ids of the items merged into it (list its own id too when it kept its id and "
        "took others in). A saved answer moves to this item only when every one of those ids gives it.",
    )


class Section(Strict):
    id: Id
    title: Text
    items: list[Item] = Field(min_length=1)


class Checklist(Strict):
    id: Id
    title: Text
    summary: Text = Field(description="One sentence shown above the checklist.")
    scope: Id | None = Field(
        None, description="A scope id from assessment.yml; the checklist counts only when the reader's scope has it."
    )
    pass_score: float | None = Field(
        None,
        description="Not written in the file: the build sets it to the lowest min_score any verdict level in "
        "assessment.yml asks of this checklist, the share of points at which the checklist counts as met.",
    )

    @field_validator("pass_score")
    @classmethod
    def pass_score_comes_from_the_levels(cls, value: float | None) -> float | None:
        if value is not None:
            raise ValueError(
                "the threshold lives in assessment.yml (levels[].conditions[].min_score); remove pass_score here"
            )
        return value

    sections: list[Section] = Field(min_length=1)

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


class ScaleStep(Strict):
    value: Value = Field(description="The stored answer value.")
    label: Text = Field(description="What the reader sees, e.g. 'Partly'.")
    share: float | None = Field(
        None,
        description="Share of the item's weight this answer earns (0 to 1); none takes the item out of the total.",
        ge=0,
        le=1,
    )
    meaning: Text = Field(description="When to choose this answer, in one sentence.")


class Scope(Strict):
    id: Id
    label: Text
    description: Text


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
    scale: list[ScaleStep] = Field(description="The answer scale: exactly no, partly, yes and na, in display order.")
    scopes: list[Scope] = Field(min_length=1, description="The kinds of ML a reader can say they run.")
    default_scope: list[Id] = Field(min_length=1, description="The scope of a reader who never chose one.")
    levels: list[Level] = Field(min_length=1, description="Verdict levels, lowest first; the first has no conditions.")

    @field_validator("levels")
    @classmethod
    def first_level_is_unconditional(cls, levels: list[Level]) -> list[Level]:
        if levels[0].conditions:
            raise ValueError("the first level is the fallback verdict and must have no conditions")
        require_unique("level ids", [level.id for level in levels])
        return levels

    @field_validator("scale")
    @classmethod
    def scale_is_complete(cls, scale: list[ScaleStep]) -> list[ScaleStep]:
        values = sorted(step.value for step in scale)
        if values != ["na", "no", "partly", "yes"]:
            raise ValueError(f"the scale must list no, partly, yes and na once each; it lists {', '.join(values)}")
        shares = {step.value: step.share for step in scale}
        if shares["no"] != 0 or shares["yes"] != 1 or shares["na"] is not None:
            raise ValueError("in the scale, 'no' earns share 0, 'yes' share 1, and 'na' has no share")
        if shares["partly"] is None or not 0 < shares["partly"] < 1:
            raise ValueError("in the scale, 'partly' must earn a share between 0 and 1")
        return scale

    @model_validator(mode="after")
    def scopes_resolve(self) -> AssessmentRules:
        known = {scope.id for scope in self.scopes}
        require_unique("scope ids", [scope.id for scope in self.scopes])
        unknown = [scope for scope in self.default_scope if scope not in known]
        if unknown:
            raise ValueError(f"default_scope names unknown scopes {unknown}; known scopes: {sorted(known)}")
        return self

    def shares(self) -> dict[str, float]:
        """Answer value -> the share of an item's weight it earns (not applicable is absent)."""
        return {step.value: step.share for step in self.scale if step.share is not None}


class Assessment(Strict):
    """Everything the scoring needs, cross-checked: the source of the model the browser receives."""

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
        scopes = {scope.id for scope in self.rules.scopes}
        for checklist in self.checklists.values():
            if checklist.scope is not None and checklist.scope not in scopes:
                problems.append(f"{checklist.id}: scope {checklist.scope!r} is not a scope in assessment.yml")
            for item in checklist.items():
                problems += [
                    f"{checklist.id}: item {item.id!r} requires unknown item {other!r}"
                    for other in item.requires
                    if other not in known_items
                ]
                problems += [
                    f"{checklist.id}: item {item.id!r} replaces {old!r}, which is still a current item"
                    for old in item.replaces
                    if old in known_items and old != item.id
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

    def ordered(self) -> list[Checklist]:
        """The checklists in the order readers take them (rules.checklists)."""
        return [self.checklists[name] for name in self.rules.checklists]

    def all_items(self) -> dict[str, Item]:
        """Every item, in the order readers meet them, as the browser sees them."""
        return {item.id: item for checklist in self.ordered() for item in checklist.items()}

    def checklist_of(self) -> dict[str, Checklist]:
        """Item id -> the checklist that holds it."""
        return {item.id: checklist for checklist in self.ordered() for item in checklist.items()}
