"""Write or check tests/cases/assessment-cases.json: generated answer sets and what the rules make of them.

Usage: python -m scripts.assessment_cases          # rewrite the file from macros/scoring.py
       python -m scripts.assessment_cases --check  # exit 1 if the file is not what the rules give now

The same file is read by tests/test_assessment_cases.py (Python) and tests/test_assessment_cases_browser.py
(docs/assets/javascripts/scoring.js in a blank page), so both languages are held to one set of answers.
Rewrite it only when you change the rules or the checklists on purpose, and read the diff.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from macros import scoring
from macros.examples import answers_of, load_examples
from macros.registry import load_assessment

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "assessment-cases.json"
SEED = 20261127
COUNT = 200
SCOPES = [None, ["classic-ml"], ["generative-ai"], ["classic-ml", "generative-ai"], [], ["unknown-scope"]]


def _answers(chooser: random.Random, assessment) -> dict[str, str]:
    """A plausible answer set: each case has its own leaning, so every verdict level turns up."""
    leaning = chooser.choice([0.2, 0.5, 0.8, 0.9, 0.97, 1.0])
    answers = {}
    for item_id, item in assessment.all_items().items():
        roll = chooser.random()
        if roll < leaning:
            answers[item_id] = "yes" if item.critical or chooser.random() < 0.8 else "partly"
        elif roll < leaning + (1 - leaning) * 0.4:
            answers[item_id] = "partly"
        elif roll < leaning + (1 - leaning) * 0.6:
            answers[item_id] = "na" if not item.critical or chooser.random() < 0.2 else "no"
        elif roll < leaning + (1 - leaning) * 0.8:
            answers[item_id] = "no"
        # else: left unanswered
    if chooser.random() < 0.1:
        answers["an-id-from-the-future"] = chooser.choice(["yes", "partly"])
    return answers


def compact_score(result: dict) -> dict:
    """A checklist's result as stored in the cases: sections shrink to [earned, possible]."""
    return {
        **{key: result[key] for key in ("earned", "possible", "score", "criticalMissing", "met")},
        "sections": {name: [part["earned"], part["possible"]] for name, part in result["sections"].items()},
    }


def compact_team(summary: dict) -> dict:
    """A team summary as stored in the cases: per item only the counts and the team answer."""
    return {
        "respondents": summary["respondents"],
        "items": {
            item_id: [row["yes"], row["partly"], row["no"], row["na"], row["disagreement"], row["majority"]]
            for item_id, row in summary["items"].items()
        },
        "answers": summary["answers"],
        "verdict": summary["verdict"],
    }


def _expected(assessment, answers: dict[str, str], scope) -> dict:
    shares = assessment.rules.shares()
    return {
        "verdict": scoring.verdict(assessment, answers, scope),
        "checklists": {
            checklist.id: compact_score(scoring.score_checklist(checklist, answers, shares))
            for checklist in assessment.ordered()
        },
        "blocked": scoring.blocked_items(assessment, answers, scope),
        "nextActions": scoring.next_actions(assessment, answers, scope),
        "actionPlan": scoring.action_plan(assessment, answers, scope),
    }


def _migration_cases(assessment) -> list[dict]:
    replaced = sorted({old for item in assessment.all_items().values() for old in item.replaces})
    chooser = random.Random(SEED + 1)
    cases = []
    for number in range(20):
        # Half the cases are 0.1 answers (schema 1: ticks only, an unticked box is absent), half are later ones.
        schema = 1 if number % 2 == 0 else 2
        answers = {old: chooser.choice(["yes", "na"]) for old in replaced if chooser.random() < 0.6}
        for item_id in chooser.sample(sorted(assessment.all_items()), 5):
            answers[item_id] = chooser.choice(["yes", "na"] if schema == 1 else ["no", "partly", "yes", "na"])
        answers["unknown-id"] = "yes"
        expected = scoring.migrate_answers(assessment, answers, schema)
        cases.append({"answers": answers, "schema": schema, "expected": expected})
    return cases


def _team_cases(assessment) -> list[dict]:
    chooser = random.Random(SEED + 2)
    cases = []
    for _ in range(12):
        people = [_answers(chooser, assessment) for _ in range(chooser.randint(1, 5))]
        scope = chooser.choice(SCOPES)
        summary = compact_team(scoring.team_summary(assessment, people, scope))
        cases.append({"people": people, "scope": scope, "expected": summary})
    return cases


def build() -> dict:
    assessment = load_assessment(ROOT / "data", ROOT / "docs")
    chooser = random.Random(SEED)
    cases = []
    for index in range(COUNT):
        answers = {} if index == 0 else _answers(chooser, assessment)
        scope = SCOPES[index % len(SCOPES)]
        cases.append({"answers": answers, "scope": scope, "expected": _expected(assessment, answers, scope)})
    # The worked examples page shows these teams; the browser must reach the same results for them.
    for example in load_examples(ROOT / "data" / "examples", assessment):
        answers = answers_of(example, assessment)
        cases.append(
            {
                "example": example.id,
                "answers": answers,
                "scope": example.scope,
                "expected": _expected(assessment, answers, example.scope),
            }
        )
    return {
        "about": "Generated by scripts/assessment_cases.py from macros/scoring.py; checked against scoring.js too.",
        "cases": cases,
        "migration": _migration_cases(assessment),
        "team": _team_cases(assessment),
    }


def render(document: dict) -> str:
    # One case per line keeps the diff of a rule change readable.
    lines = ['{"about": ' + json.dumps(document["about"]) + ","]
    for key in ("cases", "migration", "team"):
        rows = [json.dumps(case, separators=(",", ":")) for case in document[key]]
        lines.append(f'"{key}": [\n' + ",\n".join(rows) + "\n]" + ("," if key != "team" else ""))
    return "\n".join(lines) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    text = render(build())
    if parser.parse_args().check:
        current = CASES.read_text(encoding="utf-8") if CASES.exists() else ""
        if current != text:
            print(f"{CASES.relative_to(ROOT)} is out of date: run python -m scripts.assessment_cases", file=sys.stderr)
            return 1
        print(f"{CASES.relative_to(ROOT)} is up to date")
        return 0
    CASES.write_text(text, encoding="utf-8")
    print(f"wrote {CASES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
