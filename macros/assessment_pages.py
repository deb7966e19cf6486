"""The assessment's pages: checklists, scope choice, verdict rules, scoring sheet, model and frames.

Plain functions, data in and HTML out, through autoescaped templates. The checklist and the scoring
sheet mix in Markdown headings (inside md_in_html blocks) so that the page's table of contents lists
their sections.
"""

from __future__ import annotations

from .browser_model import NOTE_MAX, OWNER_MAX, model_json
from .checklists import REPORT_PAGE, Assessment, Checklist
from .html import relative_url, render_template

OVERVIEW_PAGE = "assess/index.md"
SCORING_SHEET_PAGE = "assess/scoring-sheet.md"


def _known(assessment: Assessment, checklist_id: str) -> Checklist:
    if checklist_id not in assessment.checklists:
        known = ", ".join(sorted(assessment.checklists))
        raise KeyError(f"unknown checklist {checklist_id!r}; known checklists: {known} (data/checklists/)")
    return assessment.checklists[checklist_id]


def _heading(level: int, text: str, anchor: str) -> str:
    # Titles come from our own data files (kebab ids, plain words); escape what Markdown would act on.
    safe = "".join("\\" + char if char in "\\`*_[]<>#{}" else char for char in text)
    return f"{'#' * level} {safe} {{#{anchor}}}"


def render_checklist(assessment: Assessment, checklist_id: str, page_src: str, titles: dict[str, str]) -> str:
    """The checklist as one form: a head (score, progress, gates), a card per section under a real
    heading, and the reset actions. Works as a printable questionnaire without JavaScript."""
    checklist = _known(assessment, checklist_id)
    items = assessment.all_items()
    gates = [
        {"item": item, "requires": [items[other] for other in item.requires]}
        for item in checklist.items()
        if item.requires
    ]
    scope = next((scope for scope in assessment.rules.scopes if scope.id == checklist.scope), None)
    head = render_template(
        "checklist.html",
        checklist=checklist,
        count=len(checklist.items()),
        scope=scope,
        shares=assessment.rules.shares(),
        report=relative_url(page_src, REPORT_PAGE),
        overview=relative_url(page_src, OVERVIEW_PAGE),
        sheet=relative_url(page_src, SCORING_SHEET_PAGE),
        gates=gates,
    )
    parts = [
        f'<form class="mrp-checklist" id="checklist-{checklist.id}" data-mrp-checklist="{checklist.id}" '
        f'aria-labelledby="checklist-{checklist.id}-title" novalidate markdown>',
        head,
    ]
    for section in checklist.sections:
        parts.append(_heading(2, section.title, f"section-{section.id}"))
        parts.append(
            render_template(
                "checklist-section.html",
                section=section,
                scale=assessment.rules.scale,
                links={item.id: relative_url(page_src, item.learn_more) for item in section.items},
                page_titles=titles,
                note_max=NOTE_MAX,
                owner_max=OWNER_MAX,
            )
        )
    parts.append(render_template("checklist-actions.html", checklist=checklist))
    parts.append("</form>")
    return "\n\n".join(parts)


def render_scope_choice(assessment: Assessment) -> str:
    """The reader's scope: which kinds of ML they run. Stored with the answers by checklist.js."""
    scoped = {c.scope: c for c in assessment.ordered() if c.scope}
    return render_template(
        "scope-choice.html", scopes=assessment.rules.scopes, default=assessment.rules.default_scope, scoped=scoped
    )


def render_verdict_rules(assessment: Assessment, page_src: str, pages: dict[str, str]) -> str:
    """The verdict levels and their conditions as a table; `pages` maps checklist id -> its page."""
    links = {name: relative_url(page_src, path) for name, path in pages.items()}
    return render_template(
        "verdict-rules.html", levels=assessment.rules.levels, links=links, checklists=assessment.checklists
    )


def render_scale(assessment: Assessment) -> str:
    """The answer scale and what each answer earns, as a table."""
    return render_template("scale.html", scale=assessment.rules.scale)


def render_scoring_sheet(assessment: Assessment, page_src: str, pages: dict[str, str]) -> str:
    """Every item with the points each answer earns, totals to fill in by pen, and the verdict steps:
    what a reader without JavaScript, or with the printed playbook, needs to reach the same verdict."""
    shares = assessment.rules.shares()
    parts = ['<div class="mrp-scoring-sheet" markdown>']
    parts.append(render_template("scoring-sheet-intro.html", scale=assessment.rules.scale))
    for checklist in assessment.ordered():
        parts.append(_heading(2, checklist.title, f"sheet-{checklist.id}"))
        parts.append(
            render_template(
                "scoring-sheet-checklist.html",
                checklist=checklist,
                scope=next((s for s in assessment.rules.scopes if s.id == checklist.scope), None),
                shares=shares,
                link=relative_url(page_src, pages[checklist.id]),
            )
        )
    parts.append(_heading(2, "Reach the verdict", "sheet-verdict"))
    parts.append(render_verdict_rules(assessment, page_src, pages))
    parts.append("</div>")
    return "\n\n".join(parts)


def render_model(assessment: Assessment, playbook_version: str = "") -> str:
    """The browser's copy of the rules, as JSON in an attribute of a hidden element.

    Not a <script type="application/json">: Material's instant navigation re-creates inline scripts
    without their type attribute and would run the JSON as JavaScript.
    """
    return render_template("model.html", model_json=model_json(assessment, playbook_version))


def render_report(page_src: str) -> str:
    """The readiness report's frame; docs/assets/javascripts/report.js fills it from saved answers."""
    return render_template(
        "report.html",
        overview=relative_url(page_src, OVERVIEW_PAGE),
        sheet=relative_url(page_src, SCORING_SHEET_PAGE),
    )


def render_team_view(page_src: str) -> str:
    """The team view's frame; docs/assets/javascripts/team-view.js compares the loaded files."""
    return render_template(
        "team-view.html",
        report=relative_url(page_src, REPORT_PAGE),
        sheet=relative_url(page_src, SCORING_SHEET_PAGE),
    )
