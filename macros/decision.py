"""The decision in prose: verdict names and rules that pages state, rendered from data/assessment.yml.

Pages never retype a verdict, a threshold or the critical-item rule; they call these through macros.
"""

from __future__ import annotations

from .checklists import Assessment, Level
from .html import relative_source_path

VERDICT_RULES_PAGE = "assess/index.md"


def level(assessment: Assessment, level_id: str) -> Level:
    """The verdict level with this id, or an error that lists the known ids."""
    for candidate in assessment.rules.levels:
        if candidate.id == level_id:
            return candidate
    known = ", ".join(candidate.id for candidate in assessment.rules.levels)
    raise KeyError(f"unknown verdict {level_id!r}; known verdicts: {known} (data/assessment.yml, levels)")


def verdict_link(assessment: Assessment, level_id: str, page_src: str) -> str:
    """The verdict's title as a Markdown link to its row in the verdict rules."""
    title = level(assessment, level_id).title
    safe = "".join("\\" + char if char in "\\`*_[]" else char for char in title)
    return f"[{safe}]({relative_source_path(page_src, f'{VERDICT_RULES_PAGE}#level-{level_id}')})"
