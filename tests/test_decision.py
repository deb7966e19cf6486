"""One decision, one source: pages state the verdict rules only through macros that read data/assessment.yml.

Unit tests of the macros' output, and a scan of the prose for rules, counts and verdict names typed by
hand, which would drift the moment the data changes.
"""

from __future__ import annotations

import re

import pytest

from macros import decision
from tests.support.answers import ASSESSMENT
from tests.support.site import ROOT

DOCS = ROOT / "docs"
FENCED_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)
NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
# Counts and rules the data defines; written out in prose they go stale when the data changes.
RETYPED = {
    "a count of checklists": re.compile(rf"\b{NUMBER}\s+(?:[a-z-]+\s+)?(?:readiness\s+)?checklists?\b", re.I),
    "a count of verdicts": re.compile(
        rf"\b{NUMBER}\s+(?:[a-z-]+\s+)?(?:readiness\s+)?(?:verdicts?|readiness levels?)\b", re.I
    ),
    "a range of weights": re.compile(r"\bweights?\b[^.\n]{0,20}\b(?:from\s+)?\d\s*(?:to|-|–)\s*\d", re.I),
    "a threshold in words": re.compile(
        r"\b(?:three quarters|nine tenths|seven tenths|six tenths|half)\s+of\s+(?:its|their|the)\s+points\b", re.I
    ),
}


def _prose_pages() -> dict[str, str]:
    return {
        path.relative_to(DOCS).as_posix(): FENCED_CODE.sub("", path.read_text(encoding="utf-8"))
        for path in DOCS.rglob("*.md")
    }


def test_no_page_types_a_count_or_threshold_that_the_data_defines():
    hits = [
        f"{name}: {what}: {match.group(0)!r}"
        for name, text in _prose_pages().items()
        for what, pattern in RETYPED.items()
        for match in pattern.finditer(text)
    ]
    assert not hits, "render these from data/assessment.yml through a macro (see macros/decision.py):\n" + "\n".join(
        hits
    )


@pytest.mark.parametrize(
    "text",
    ["Take the three checklists.", "five short checklists", "The weight, from 1 to 5, shows", "all five verdicts"],
)
def test_the_scan_catches_a_count_typed_by_hand(text):
    assert any(pattern.search(text) for pattern in RETYPED.values())


def test_no_page_types_a_verdict_name():
    titles = [level.title for level in ASSESSMENT.rules.levels]
    hits = [f"{name}: {title!r}" for name, text in _prose_pages().items() for title in titles if title in text]
    assert not hits, 'name a verdict with {{ verdict("id") }}, never by typing its title:\n' + "\n".join(hits)


def test_a_verdict_link_names_the_title_from_the_data_and_points_at_its_rule():
    for level in ASSESSMENT.rules.levels:
        link = decision.verdict_link(ASSESSMENT, level.id, "when-to-adopt.md")
        assert link.startswith("[") and f"(assess/index.md#level-{level.id})" in link
        assert level.title.replace("*", "\\*") in link


def test_an_unknown_verdict_or_item_lists_what_exists():
    with pytest.raises(KeyError, match="known verdicts: not-yet, build-foundations"):
        decision.verdict_link(ASSESSMENT, "ready", "index.md")
    with pytest.raises(KeyError, match="unknown checklist item 'cd-magic'"):
        decision.item_cap(ASSESSMENT, "cd-magic", "partly", "index.md")
    with pytest.raises(ValueError, match="must be 'no' or 'partly'"):
        decision.item_cap(ASSESSMENT, "cd-automated", "yes", "index.md")


def test_level_conditions_state_every_condition_of_the_data():
    for level in ASSESSMENT.rules.levels[1:]:
        lines = decision.level_conditions(ASSESSMENT, level.id, "index.md").splitlines()
        assert len(lines) == len(level.conditions)
        for line, condition in zip(lines, level.conditions, strict=True):
            assert ASSESSMENT.checklists[condition.checklist].title in line
            assert f"{round(condition.min_score * 100)}\u202f%" in line
            assert ("every critical item" in line) is condition.critical_met


def test_the_critical_rule_and_caps_follow_the_scale_and_the_checklists():
    partly = next(step for step in ASSESSMENT.rules.scale if step.value == "partly")
    assert f"{round(partly.share * 100)}\u202f%" in decision.critical_rule(ASSESSMENT)
    items = ASSESSMENT.all_items()
    critical = next(item for item in items.values() if item.critical)
    plain = next(item for item in items.values() if not item.critical)
    assert decision.item_cap(ASSESSMENT, critical.id, "partly", "index.md").endswith("(critical)")
    assert not decision.item_cap(ASSESSMENT, plain.id, "partly", "index.md").endswith("(critical)")
    weights = decision.weights_used(ASSESSMENT)
    assert set(re.findall(r"\d+", weights)) == {str(item.weight) for item in items.values()}


def test_the_built_pages_state_the_counts_of_the_data(built_site):
    overview = (built_site / "assess" / "index.html").read_text(encoding="utf-8")
    count = decision.number_word(len(ASSESSMENT.rules.checklists))
    assert f"Its {count} short checklists" in overview
    for level in ASSESSMENT.rules.levels:
        assert f'id="level-{level.id}"' in overview
    good_enough = (built_site / "devops-prerequisites" / "good-enough" / "index.html").read_text(encoding="utf-8")
    for item in ASSESSMENT.checklists["devops-foundations"].items():
        if item.critical:
            assert f"#item-{item.id}" in good_enough, f"good-enough must name the critical item {item.id}"


def test_every_build_says_how_to_get_this_versions_pdf():
    plain = decision.pdf_download("how-to-use.md", None, "pdf/book.pdf", False, "https://example.org/pb/", "2.4.1")
    assert "https://example.org/pb/2.4/pdf/book.pdf" in plain and "make pdf" in plain
    offline = decision.pdf_download("index.md", None, "pdf/book.pdf", True, "https://example.org/pb/", "2.4.1")
    assert "does not include the PDF" in offline and "https://example.org/pb/2.4/pdf/book.pdf" in offline
    built = decision.pdf_download("how-to-use.md", "pdf/book.pdf", "pdf/book.pdf", False, "https://x/", "2.4.1")
    assert 'href="../pdf/book.pdf"' in built and "download" in built
