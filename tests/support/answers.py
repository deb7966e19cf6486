"""A reader's saved assessment answers, as the browser tests put them into and read them out of a page.

Stored answers are compared by value, so the tests hold for schema 1 ("yes") and schema 2
({"value": "yes", ...}) records alike.
"""

from __future__ import annotations

import json
import random

from macros import checklists
from macros.examples import encode_share
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
    """Save `answers` as a schema 2 record, as 0.2 and later store them; the page reads them on its next load.

    Not a 0.1 record: 0.1 (schema 1) knew only ticks and its own ids, and its answers migrate by their own
    rule; tests of 0.1 answers use tests/cases/schema-1-captures.json or write the record themselves.
    """
    put_in_storage(page, KEY, json.dumps({"schema": 2, "answers": answers}))


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


def share_link(report_url: str, document: dict) -> str:
    """A share link to the report at `report_url` that carries `document` (an export), as the report makes one."""
    return f"{report_url}#{encode_share(document)}"
