"""The decision in prose: verdict names and rules that pages state, rendered from data/assessment.yml.

Pages never retype a verdict, a threshold or the critical-item rule; they call these through macros.
"""

from __future__ import annotations

from .checklists import Assessment, Level
from .html import relative_source_path, relative_url, render_template
from .project import minor_version

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


NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def number_word(count: int) -> str:
    """A count as prose writes it: words up to twelve, digits above."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def _escape(text: str) -> str:
    return "".join("\\" + char if char in "\\`*_[]" else char for char in text)


def _series(parts: list[str], last: str = "and") -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def _percent(share: float) -> str:
    return f"{round(share * 100)}\u202f%"


def _label(assessment: Assessment, value: str) -> str:
    return next(step.label for step in assessment.rules.scale if step.value == value)


def checklist_link(assessment: Assessment, checklist_id: str, page_src: str) -> str:
    if checklist_id not in assessment.checklists:
        known = ", ".join(assessment.rules.checklists)
        raise KeyError(f"unknown checklist {checklist_id!r}; known checklists: {known} (data/assessment.yml)")
    title = _escape(assessment.checklists[checklist_id].title)
    return f"[{title}]({relative_source_path(page_src, f'assess/{checklist_id}.md')})"


def checklist_links(assessment: Assessment, page_src: str) -> str:
    """Every checklist, linked, in the order readers take them, as one series."""
    return _series([checklist_link(assessment, name, page_src) for name in assessment.rules.checklists])


def checklist_order(assessment: Assessment, page_src: str) -> str:
    """The checklists as a numbered Markdown list: link, summary and, for scoped ones, when they count."""
    scopes = {scope.id: scope.label for scope in assessment.rules.scopes}
    lines = []
    for number, checklist in enumerate(assessment.ordered(), start=1):
        when = ""
        if checklist.scope:
            when = f" It counts only when your scope includes *{_escape(scopes[checklist.scope])}*."
        lines.append(
            f"{number}. {checklist_link(assessment, checklist.id, page_src)}: {_escape(checklist.summary)}{when}"
        )
    return "\n".join(lines)


def weights_used(assessment: Assessment) -> str:
    """The item weights in use, e.g. '1 or 2'."""
    weights = sorted({item.weight for item in assessment.all_items().values()})
    return _series([str(weight) for weight in weights], "or")


def item_link(assessment: Assessment, item_id: str, page_src: str) -> str:
    items = assessment.all_items()
    if item_id not in items:
        raise KeyError(f"unknown checklist item {item_id!r}; use an item id from data/checklists/")
    checklist = assessment.checklist_of()[item_id]
    target = relative_source_path(page_src, f"assess/{checklist.id}.md#item-{item_id}")
    return f"[{_escape(items[item_id].title)}]({target})"


def item_cap(assessment: Assessment, item_id: str, value: str, page_src: str) -> str:
    """What an observation means for one checklist answer: '<item> at most Partly', marked when critical."""
    item = assessment.all_items().get(item_id)
    link = item_link(assessment, item_id, page_src)
    if value not in {"no", "partly"}:
        raise ValueError(f"item_cap({item_id!r}, {value!r}): the cap must be 'no' or 'partly'")
    cap = f"*{_label(assessment, value)}*" if value == "no" else f"at most *{_label(assessment, value)}*"
    return f"{link}: {cap}" + (" (critical)" if item.critical else "")


def critical_items(assessment: Assessment, checklist_id: str, page_src: str) -> str:
    """The critical items of a checklist, linked, as one series."""
    if checklist_id not in assessment.checklists:
        checklist_link(assessment, checklist_id, page_src)
    items = [item.id for item in assessment.checklists[checklist_id].items() if item.critical]
    return _series([item_link(assessment, item_id, page_src) for item_id in items])


def critical_rule(assessment: Assessment) -> str:
    """The critical-item rule in one sentence, with the scale's own labels and shares."""
    partly = next(step for step in assessment.rules.scale if step.value == "partly")
    return (
        f"A critical item is met only when it is answered *{_label(assessment, 'yes')}*. "
        f"*{partly.label}* earns {_percent(partly.share)} of the item's points, but it does not meet a critical "
        "item, so a high score cannot make up for a missing one."
    )


def threshold(assessment: Assessment, level_id: str, checklist_id: str) -> str:
    """The score a checklist needs for a verdict level, e.g. '75 %'."""
    for condition in level(assessment, level_id).conditions:
        if condition.checklist == checklist_id:
            return _percent(condition.min_score)
    raise KeyError(f"verdict {level_id!r} sets no condition on checklist {checklist_id!r} (data/assessment.yml)")


def level_conditions(assessment: Assessment, level_id: str, page_src: str) -> str:
    """What it takes to reach a verdict level, as a Markdown list of its conditions."""
    conditions = level(assessment, level_id).conditions
    if not conditions:
        return "- Nothing: every assessment starts here."
    lines = []
    for condition in conditions:
        checklist = assessment.checklists[condition.checklist]
        critical = f", every critical item *{_label(assessment, 'yes')}*" if condition.critical_met else ""
        scoped = " (only when it is in your scope)" if checklist.scope else ""
        lines.append(
            f"- {checklist_link(assessment, checklist.id, page_src)}: at least {_percent(condition.min_score)} "
            f"of its points{critical}{scoped}"
        )
    return "\n".join(lines)


def pdf_download(
    page_src: str, pdf_in_build: str | None, pdf_file: str, offline: bool, published_url: str, version: str
) -> str:
    """How to get this version's PDF, true for the build being made: a link when the build has the PDF,
    the published copy for the offline bundle, and the command for a plain build."""
    root = relative_url(page_src, "index.md").removesuffix("index.html")
    published = f"{published_url.rstrip('/')}/{minor_version(version)}/{pdf_file}"
    return render_template(
        "pdf-download.html",
        in_build=f"{root}{pdf_in_build}" if pdf_in_build else None,
        offline=offline,
        published=published,
        version=version,
    )
