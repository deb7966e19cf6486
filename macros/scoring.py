"""Scoring, gating, verdict, action order, team summary and answer migration.

These are the rules; docs/assets/javascripts/scoring.js applies the very same ones in the browser, and
tests/cases/assessment-cases.json holds both to the same expected results. Answers map an item id to
either a value ("no", "partly", "yes", "na") or a stored entry {"value": ..., "note": ..., ...}.
An unanswered item counts as "no"; a value the scale does not know counts as "no" too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .checklists import Assessment, Checklist, Condition, Item

Answers = Mapping[str, Any]
DONE = {"yes", "na"}
VALUES = {"no", "partly", "yes", "na"}


def value_of(entry: Any) -> str:
    """The answer value of a stored entry or a bare value; 'no' when there is none."""
    if isinstance(entry, Mapping):
        entry = entry.get("value")
    return entry if entry in {"no", "partly", "yes", "na"} else "no"


def values(answers: Answers) -> dict[str, str]:
    """Item id -> answer value, for every answered id."""
    return {item_id: value_of(entry) for item_id, entry in answers.items()}


def reader_scope(assessment: Assessment, scope: Iterable[str] | None) -> list[str]:
    """The scopes that count: the reader's known scopes, or the default when there are none."""
    known = [candidate.id for candidate in assessment.rules.scopes]
    chosen = [name for name in known if scope and name in scope]
    return chosen or list(assessment.rules.default_scope)


def in_scope(checklist: Checklist, scope: Iterable[str]) -> bool:
    return checklist.scope is None or checklist.scope in scope


def _score(items: list[Item], answers: Answers, shares: Mapping[str, float]) -> dict:
    applicable = [item for item in items if value_of(answers.get(item.id)) != "na"]
    possible = sum(item.weight for item in applicable)
    earned = sum(item.weight * shares[value_of(answers.get(item.id))] for item in applicable)
    return {
        "earned": earned,
        "possible": possible,
        "score": (earned / possible) if possible else None,
        "criticalMissing": [
            item.id for item in applicable if item.critical and value_of(answers.get(item.id)) != "yes"
        ],
    }


def _yes_only(answers: Answers) -> dict[str, float]:
    if any(value_of(entry) == "partly" for entry in answers.values()):
        raise ValueError("answers hold 'partly': pass shares=assessment.rules.shares() to score them")
    return {"no": 0, "partly": 0, "yes": 1}


def score_checklist(checklist: Checklist, answers: Answers, shares: Mapping[str, float] | None = None) -> dict:
    """Earned and possible points, the score (or None when every item is not applicable), the
    critical items not answered Yes, per-section results, and whether the checklist is met."""
    shares = shares if shares is not None else _yes_only(answers)
    result = _score(checklist.items(), answers, shares)
    result["sections"] = {section.id: _score(section.items, answers, shares) for section in checklist.sections}
    result["met"] = (
        result["score"] is not None and result["score"] >= checklist.pass_score and not result["criticalMissing"]
    )
    return result


def _holds(condition: Condition, result: dict) -> bool:
    if result["score"] is None or result["score"] < condition.min_score:
        return False
    return not (condition.critical_met and result["criticalMissing"])


def verdict(assessment: Assessment, answers: Answers, scope: Iterable[str] | None = None) -> str:
    """The id of the highest level whose conditions all hold (levels are ordered lowest first).
    A condition on a checklist outside the reader's scope holds without being scored."""
    scope = reader_scope(assessment, scope)
    shares = assessment.rules.shares()
    reached = assessment.rules.levels[0].id
    for level in assessment.rules.levels[1:]:
        for condition in level.conditions:
            checklist = assessment.checklists[condition.checklist]
            if in_scope(checklist, scope) and not _holds(condition, score_checklist(checklist, answers, shares)):
                return reached
        reached = level.id
    return reached


def blocked_items(assessment: Assessment, answers: Answers, scope: Iterable[str] | None = None) -> dict[str, list[str]]:
    """In-scope item id -> the required items that are not met yet (Yes and not applicable count as met)."""
    scope = reader_scope(assessment, scope)
    blocked = {}
    for checklist in assessment.ordered():
        if not in_scope(checklist, scope):
            continue
        for item in checklist.items():
            missing = [other for other in item.requires if value_of(answers.get(other)) not in DONE]
            if missing:
                blocked[item.id] = missing
    return blocked


def gate_checklists(assessment: Assessment, answers: Answers, scope: Iterable[str] | None = None) -> list[str]:
    """The in-scope checklists whose conditions keep the reader from the next verdict level (none at the top)."""
    scope = reader_scope(assessment, scope)
    levels = assessment.rules.levels
    reached = [level.id for level in levels].index(verdict(assessment, answers, scope))
    if reached + 1 == len(levels):
        return []
    shares = assessment.rules.shares()
    return [
        condition.checklist
        for condition in levels[reached + 1].conditions
        if in_scope(assessment.checklists[condition.checklist], scope)
        and not _holds(condition, score_checklist(assessment.checklists[condition.checklist], answers, shares))
    ]


def _open_items(assessment: Assessment, answers: Answers, scope: list[str]) -> list[tuple[Item, tuple]]:
    """Every in-scope item not answered Yes or not applicable, with its rank for next actions: items of
    the checklists that hold back the next verdict first, then items you can act on now before blocked
    ones, critical first, then those more practices build on, then heavier, then in checklist order."""
    gate = set(gate_checklists(assessment, answers, scope))
    items = assessment.all_items()
    order = {item_id: position for position, item_id in enumerate(items)}
    dependents = dict.fromkeys(items, 0)
    for item in items.values():
        for other in item.requires:
            dependents[other] += 1
    blocked = blocked_items(assessment, answers, scope)
    open_items = [
        (checklist.id in gate, item)
        for checklist in assessment.ordered()
        if in_scope(checklist, scope)
        for item in checklist.items()
        if value_of(answers.get(item.id)) not in DONE
    ]
    return [
        (item, (not gating, item.id in blocked, not item.critical, -dependents[item.id], -item.weight, order[item.id]))
        for gating, item in open_items
    ]


def next_actions(assessment: Assessment, answers: Answers, scope: Iterable[str] | None = None) -> list[str]:
    """The few open items that matter most, best first."""
    ranked = sorted(_open_items(assessment, answers, reader_scope(assessment, scope)), key=lambda pair: pair[1])
    return [item.id for item, _ in ranked[: assessment.rules.next_actions]]


def action_plan(assessment: Assessment, answers: Answers, scope: Iterable[str] | None = None) -> list[str]:
    """Every open item (Not yet, Partly or unanswered) in scope: the items holding back the next verdict
    first, critical before the rest within each group, then in next-action order."""
    ranked = _open_items(assessment, answers, reader_scope(assessment, scope))
    ranked.sort(key=lambda pair: (pair[1][0], not pair[0].critical, pair[1]))
    return [item.id for item, _ in ranked]


CAUTION = {"no": 0, "partly": 1, "na": 2, "yes": 3}


def team_summary(assessment: Assessment, answer_sets: list[Answers], scope: Iterable[str] | None = None) -> dict:
    """Per item: how many gave each answer, whether they disagree, and the team answer.

    The team answer is the most common one; a tie goes to the cautious side (no, partly, not
    applicable, yes). The team verdict is computed from those team answers.
    """
    per_item = {}
    team_answers = {}
    for item_id in assessment.all_items():
        votes = [value_of(answers.get(item_id)) for answers in answer_sets]
        counts = {answer: votes.count(answer) for answer in ("yes", "partly", "no", "na")}
        majority = min(counts, key=lambda answer: (-counts[answer], CAUTION[answer]))
        per_item[item_id] = {**counts, "disagreement": len(set(votes)) > 1, "majority": majority}
        if majority != "no":
            team_answers[item_id] = majority
    return {
        "respondents": len(answer_sets),
        "items": per_item,
        "answers": team_answers,
        "verdict": verdict(assessment, team_answers, scope),
    }


def _fields_of(entry: Any) -> tuple:
    """The fields of an entry, in a fixed order, so that two entries compare by what they say."""
    if not isinstance(entry, Mapping):
        return (entry, "", "", "")
    return (entry.get("value"), entry.get("note") or "", entry.get("owner") or "", entry.get("due") or "")


def _raw_value(entry: Any) -> Any:
    return entry.get("value") if isinstance(entry, Mapping) else entry


def migrate_answers(assessment: Assessment, answers: Answers, schema: int | None = None) -> dict[str, Any]:
    """Carry answers given under the ids items `replace` (a merged item lists its own id too) to those
    items, and drop the old ids; keep ids nobody knows.

    A migration never invents an answer: an item takes an entry only when every id it came from gives
    that same entry (or the same value: then it keeps its own entry, or takes the value alone); otherwise it
    stays unanswered.
    An item the reader answered directly, under an id it did not come from, keeps that answer. Schema 1
    (0.1) stored only ticks, so there an id with no answer is a box left unticked and every item with
    `replaces` is migrated; in later schemas an item is migrated only when an old id it came from is present.
    scoring.js `migrate` applies the same rule.
    """
    items = assessment.all_items()
    migrated = {item_id: (dict(entry) if isinstance(entry, Mapping) else entry) for item_id, entry in answers.items()}
    retired: set[str] = set()
    for item in items.values():
        sources = item.replaces
        old = [source for source in sources if source not in items]
        if not sources or (schema != 1 and not any(source in answers for source in old)):
            continue
        retired.update(source for source in old if source in answers)
        if item.id not in sources and item.id in answers:
            continue
        entries = [answers.get(source) for source in sources]
        first = entries[0]
        if all(entry is not None and _fields_of(entry) == _fields_of(first) for entry in entries):
            migrated[item.id] = dict(first) if isinstance(first, Mapping) else first
        elif all(
            entry is not None and _raw_value(entry) in VALUES and _raw_value(entry) == _raw_value(first)
            for entry in entries
        ):
            # The same answer, different notes: a merged item keeps its own entry, any other takes the value.
            own = answers[item.id] if item.id in sources else {"value": _raw_value(first)}
            migrated[item.id] = dict(own) if isinstance(own, Mapping) else own
        else:
            migrated.pop(item.id, None)
    for source in retired:
        migrated.pop(source, None)
    return migrated
