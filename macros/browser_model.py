"""The assessment model the browser receives: typed, camelCase, built from the validated data.

docs/assets/javascripts/scoring.js reads exactly these fields; a field added here is a field the
browser can rely on, and nothing is built from hand-written dicts.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from .checklists import EXPORT_FORMAT, Assessment
from .html import page_url

# Length limits of the reader's own text, shared by the form, the import check and the exports.
NOTE_MAX = 500
OWNER_MAX = 80


class _Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)


class BrowserItem(_Camel):
    id: str
    title: str
    statement: str
    why: str
    done: str
    learn_more: str
    weight: int
    critical: bool
    requires: list[str]
    replaces: list[str]


class BrowserSection(_Camel):
    id: str
    title: str
    items: list[BrowserItem]


class BrowserChecklist(_Camel):
    id: str
    title: str
    scope: str | None
    pass_score: float
    sections: list[BrowserSection]


class BrowserScaleStep(_Camel):
    value: str
    label: str
    share: float | None
    meaning: str


class BrowserScope(_Camel):
    id: str
    label: str
    description: str


class BrowserCondition(_Camel):
    checklist: str
    min_score: float
    critical_met: bool


class BrowserLevel(_Camel):
    id: str
    title: str
    summary: str
    topology: str
    topology_page: str
    conditions: list[BrowserCondition]


class BrowserLimits(_Camel):
    note: int = NOTE_MAX
    owner: int = OWNER_MAX


class BrowserModel(_Camel):
    format: str
    playbook_version: str
    storage_key: str
    milestones_key: str
    schema_version: int
    next_actions: int
    scale: list[BrowserScaleStep]
    scopes: list[BrowserScope]
    default_scope: list[str]
    limits: BrowserLimits
    checklists: list[BrowserChecklist]
    levels: list[BrowserLevel]


def browser_model(assessment: Assessment, playbook_version: str = "") -> BrowserModel:
    rules = assessment.rules
    return BrowserModel(
        format=EXPORT_FORMAT,
        playbook_version=playbook_version,
        storage_key=rules.storage_key,
        milestones_key=rules.milestones_key,
        schema_version=rules.schema_version,
        next_actions=rules.next_actions,
        scale=[BrowserScaleStep(**step.model_dump()) for step in rules.scale],
        scopes=[BrowserScope(**scope.model_dump()) for scope in rules.scopes],
        default_scope=list(rules.default_scope),
        limits=BrowserLimits(),
        checklists=[
            BrowserChecklist(
                id=checklist.id,
                title=checklist.title,
                scope=checklist.scope,
                pass_score=checklist.pass_score,
                sections=[
                    BrowserSection(
                        id=section.id,
                        title=section.title,
                        items=[
                            BrowserItem(**item.model_dump(exclude={"learn_more"}), learn_more=page_url(item.learn_more))
                            for item in section.items
                        ],
                    )
                    for section in checklist.sections
                ],
            )
            for checklist in assessment.ordered()
        ],
        levels=[
            BrowserLevel(
                **level.model_dump(exclude={"topology_page", "conditions"}),
                topology_page=page_url(level.topology_page),
                conditions=[BrowserCondition(**condition.model_dump()) for condition in level.conditions],
            )
            for level in rules.levels
        ],
    )


def model_json(assessment: Assessment, playbook_version: str = "") -> str:
    return browser_model(assessment, playbook_version).model_dump_json(by_alias=True)
