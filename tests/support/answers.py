"""A reader's saved assessment answers, as the browser tests put them into and read them out of a page.

Stored answers are compared by value, so the tests hold for schema 1 ("yes") and schema 2
({"value": "yes", ...}) records alike.
"""

from __future__ import annotations

import json
import random

from macros import checklists
from macros.registry import load_assessment
from tests.support.browser import put_in_storage
from tests.support.site import ROOT

ASSESSMENT = load_assessment(ROOT / "data", ROOT / "docs")
KEY = ASSESSMENT.rules.storage_key
FORMAT = checklists.EXPORT_FORMAT


def stored_record(page, key: str = KEY) -> dict:
    """The record the page's localStorage holds under `key`, or {} if there is none."""
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return json.loads(raw) if raw else {}


def value(answer) -> str:
    """An answer's value, from schema 1 ("yes") or schema 2 ({"value": "yes"})."""
    return answer if isinstance(answer, str) else answer["value"]


def stored_values(page) -> dict:
    """Item id -> stored answer value."""
    return {item_id: value(answer) for item_id, answer in stored_record(page).get("answers", {}).items()}


def store(page, answers: dict) -> None:
    """Save `answers` as a schema 1 record, as the 0.1 site did; the page reads them on its next load."""
    put_in_storage(page, KEY, json.dumps({"schema": 1, "answers": answers}))


def answers_file(tmp_path, name: str, answers: dict, **extra) -> str:
    """An exported answers file, as the report's Export writes it, with `extra` fields; returns its path."""
    document = {"format": FORMAT, "schema": 1, "playbookVersion": "0.1.0", "answers": answers, **extra}
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def random_answers(seed: int, choices: list[str | None]) -> dict:
    """Item id -> a value drawn from `choices` for every item in turn; a drawn None leaves the item unanswered."""
    chooser = random.Random(seed)
    drawn = {item_id: chooser.choice(choices) for item_id in ASSESSMENT.all_items()}
    return {item_id: choice for item_id, choice in drawn.items() if choice}
