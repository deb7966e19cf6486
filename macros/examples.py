"""Worked examples: case files of one team's answers (data/examples/*.yml), run through the rules.

The page never states a verdict of its own: each case is scored at build time by macros/scoring.py,
the same rules docs/assets/javascripts/scoring.js applies (tests/cases/assessment-cases.json holds
the two to the same results on every case). A case file declares the verdict its author meant, and
the build stops when the rules give another, so the prose around a case cannot drift from its answers.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from pydantic import Field

from . import data, scoring
from .checklists import EXPORT_FORMAT, REPORT_PAGE, Assessment, Value
from .html import relative_url, render_template
from .models import Id, Strict, Text, require_unique

EXAMPLES_PAGE = "assess/worked-examples.md"
FIRST_ACTIONS = 3


class WorkedExample(Strict):
    """One team's situation and answers. Schema of data/examples/*.yml."""

    id: Id
    title: Text = Field(description="The team in a few words, e.g. 'One batch model, released by hand'.")
    situation: Text = Field(description="Who the team is and what it runs today, in two or three sentences.")
    scope: list[Id] = Field(min_length=1, description="Scope ids from assessment.yml: what the team runs.")
    baseline: dict[Id, Value] = Field(
        default_factory=dict,
        description="Checklist id -> the answer to each of its items not listed under `answers`. "
        "A checklist left out here has its unlisted items unanswered, which counts as Not yet.",
    )
    answers: dict[Id, Value] = Field(
        default_factory=dict, description="Item id -> answer, for the items that differ from the baseline."
    )
    verdict: Id = Field(description="The verdict level id the rules give; the build stops if they give another.")
    reading: Text = Field(description="What the team should take from the result, in one or two sentences.")


def load_examples(folder: Path, assessment: Assessment) -> list[WorkedExample]:
    """Every case file in `folder`, validated and cross-checked against the assessment, in file order."""
    examples = [data.validate(WorkedExample, path) for path in sorted(folder.glob("*.yml"))]
    problems = []
    for path, example in zip(sorted(folder.glob("*.yml")), examples, strict=True):
        problems += _problems(path, example, assessment)
    try:
        require_unique("worked example ids", [example.id for example in examples])
    except ValueError as error:
        problems.append(f"{folder}: {error}")
    data.cross_check(problems)
    return examples


def _problems(path: Path, example: WorkedExample, assessment: Assessment) -> list[str]:
    problems = []
    if example.id != path.stem:
        problems.append(f"{path}: id {example.id!r} must match the file name {path.stem!r}")
    scopes = {scope.id for scope in assessment.rules.scopes}
    problems += [
        f"{path}: scope: unknown scope {name!r}; known scopes: {', '.join(sorted(scopes))}"
        for name in example.scope
        if name not in scopes
    ]
    problems += [
        f"{path}: baseline.{name}: unknown checklist; known checklists: {', '.join(assessment.rules.checklists)}"
        for name in example.baseline
        if name not in assessment.checklists
    ]
    items = assessment.all_items()
    problems += [
        f"{path}: answers.{item_id}: unknown item id; use an id from data/checklists/"
        for item_id in example.answers
        if item_id not in items
    ]
    levels = [level.id for level in assessment.rules.levels]
    if example.verdict not in levels:
        problems.append(f"{path}: verdict: unknown verdict {example.verdict!r}; known verdicts: {', '.join(levels)}")
    elif not problems:
        reached = scoring.verdict(assessment, answers_of(example, assessment), example.scope)
        if reached != example.verdict:
            problems.append(
                f"{path}: verdict: the rules give {reached!r} for these answers, not {example.verdict!r}; "
                "change the answers or the declared verdict"
            )
    return problems


def answers_of(example: WorkedExample, assessment: Assessment) -> dict[str, str]:
    """Item id -> answer value: the baseline of each checklist, overridden item by item."""
    answers = {
        item.id: example.baseline[checklist.id]
        for checklist in assessment.ordered()
        if checklist.id in example.baseline
        for item in checklist.items()
    }
    answers.update(example.answers)
    return answers


def share_fragment(example: WorkedExample, assessment: Assessment, version: str, exported_at: str) -> str:
    """The report's share fragment for this case, as assessment.js `encodeShare` writes it."""
    document = {
        "format": EXPORT_FORMAT,
        "schema": assessment.rules.schema_version,
        "playbookVersion": version,
        "exportedAt": exported_at,
        "answers": {item_id: {"value": value} for item_id, value in answers_of(example, assessment).items()},
        "scope": list(example.scope),
        "label": example.title,
    }
    return encode_share(document)


def encode_share(document: dict) -> str:
    """A share fragment ('share=<payload>.<checksum>') that carries an export document, as assessment.js
    `encodeShare` writes one: base64url of the JSON, and its checksum."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    payload = base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")
    return f"share={payload}.{_checksum(payload)}"


def _checksum(text: str) -> str:
    """FNV-1a over the characters, in base 36: the same as assessment.js `checksum`."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if not value:
            return out


def outcome(example: WorkedExample, assessment: Assessment) -> dict:
    """What the rules make of a case: verdict level, in-scope scores, what blocks the next level, first actions."""
    answers = answers_of(example, assessment)
    scope = scoring.reader_scope(assessment, example.scope)
    shares = assessment.rules.shares()
    levels = assessment.rules.levels
    reached = scoring.verdict(assessment, answers, scope)
    index = [level.id for level in levels].index(reached)
    items = assessment.all_items()
    results = {
        checklist.id: scoring.score_checklist(checklist, answers, shares)
        for checklist in assessment.ordered()
        if scoring.in_scope(checklist, scope)
    }
    next_level = levels[index + 1] if index + 1 < len(levels) else None
    blockers = []
    if next_level is not None:
        for condition in next_level.conditions:
            checklist = assessment.checklists[condition.checklist]
            if condition.checklist not in results:
                continue
            result = results[condition.checklist]
            short = result["score"] is None or result["score"] < condition.min_score
            missing = result["criticalMissing"] if condition.critical_met else []
            if short or missing:
                blockers.append(
                    {
                        "checklist": checklist,
                        "needed": condition.min_score,
                        "score": result["score"],
                        "short": short,
                        "missing": [(items[item_id], answers.get(item_id, "no")) for item_id in missing],
                    }
                )
    plan = scoring.action_plan(assessment, answers, scope)
    return {
        "level": levels[index],
        "next_level": next_level,
        "results": results,
        "blockers": blockers,
        "actions": [(items[item_id], answers.get(item_id, "no")) for item_id in plan[:FIRST_ACTIONS]],
        "open_count": len(plan),
    }


def render_examples(
    assessment: Assessment, examples: list[WorkedExample], page_src: str, version: str, exported_at: str
) -> str:
    """The worked examples page body: an overview table, then one section per case."""
    labels = {step.value: step.label for step in assessment.rules.scale}
    checklist_of = assessment.checklist_of()
    checklist_pages = {name: relative_url(page_src, f"assess/{name}.md") for name in assessment.rules.checklists}
    rules_link = relative_url(page_src, "assess/index.md#how-the-verdict-is-reached")
    report = relative_url(page_src, REPORT_PAGE)
    cases = []
    for example in examples:
        result = outcome(example, assessment)
        cases.append(
            {
                "example": example,
                "outcome": result,
                "share": f"{report}#{share_fragment(example, assessment, version, exported_at)}",
                "topology": relative_url(page_src, result["level"].topology_page),
                "level_link": relative_url(page_src, f"assess/index.md#level-{result['level'].id}"),
            }
        )
    parts = [render_template("worked-examples-overview.html", cases=cases, scopes=_scope_labels(assessment))]
    for case in cases:
        parts.append(_heading(case["example"]))
        parts.append(
            render_template(
                "worked-example.html",
                case=case,
                labels=labels,
                checklists=assessment.checklists,
                checklist_of=checklist_of,
                checklist_pages=checklist_pages,
                rules_link=rules_link,
                scopes=_scope_labels(assessment),
            )
        )
    return "\n\n".join(parts)


def _scope_labels(assessment: Assessment) -> dict[str, str]:
    return {scope.id: scope.label for scope in assessment.rules.scopes}


def _heading(example: WorkedExample) -> str:
    safe = "".join("\\" + char if char in "\\`*_[]<>#{}" else char for char in example.title)
    return f"## {safe} {{#example-{example.id}}}"


def levels_reached(assessment: Assessment, examples: list[WorkedExample]) -> set[str]:
    """The verdict ids the examples reach, for the check that together they show every verdict."""
    return {outcome(example, assessment)["level"].id for example in examples}
