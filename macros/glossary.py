"""The glossary: one registry for the glossary page and the hover tooltips on every page."""

from __future__ import annotations

import re

from markupsafe import Markup
from pydantic import Field, field_validator

from .html import render_template
from .models import Id, Strict, Text, duplicates


class Term(Strict):
    id: Id
    term: Text = Field(description="The term as readers meet it in the prose, with its usual capitals.")
    definition: Text = Field(description="One or two plain sentences; the first one is the tooltip.")
    tooltip: bool = Field(True, description="Show the definition on hover wherever the exact term appears.")
    related: list[Id] = Field(default_factory=list, description="Ids of related terms.")


class GlossaryFile(Strict):
    terms: list[Term]

    @field_validator("terms")
    @classmethod
    def ids_and_terms_are_unique(cls, terms: list[Term]) -> list[Term]:
        problems = duplicates([term.id for term in terms]) + duplicates([term.term.lower() for term in terms])
        if problems:
            raise ValueError(f"glossary ids and terms must be unique; repeated: {', '.join(problems)}")
        known = {term.id for term in terms}
        dangling = sorted({f"{term.id} -> {other}" for term in terms for other in term.related if other not in known})
        if dangling:
            raise ValueError(f"related terms must exist in the glossary: {', '.join(dangling)}")
        return terms


def first_sentence(text: str) -> str:
    sentence, dot, _ = text.partition(". ")
    return sentence + "." if dot else text


# Parts of a Markdown line that must stay as they are: code, link targets, HTML tags, attribute
# lists, footnote markers, bare addresses and macro calls.
_PROTECTED = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|\{[^}]*\}|\[\^[^\]]*\]|https?://\S+")
# Lines never marked: headings, raw HTML (macro output), admonition titles, definitions, tables' rules.
_SKIPPED_LINE = re.compile(r"^\s*(#|<|!!!|\?\?\?|\*\[|\[\^|\{[{%#]|\|?\s*-{3})")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def mark_first_uses(markdown: str, terms: list[Term]) -> str:
    """Mark the first use of each glossary term on a page with its tooltip, outside headings and code.

    Material shows an `abbr` title as a tooltip; marking every use (as the `abbr` extension does)
    underlines the same word again and again, headings included.
    """
    tips = {term.term: first_sentence(term.definition).replace("\n", " ") for term in terms if term.tooltip}
    if not tips:
        return markdown
    words = sorted(tips, key=len, reverse=True)
    # A term of several words may break across lines in the source.
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")
    pending = set(tips)

    def mark(match: re.Match) -> str:
        found = match.group(1)
        word = " ".join(found.split())
        if word not in pending:
            return found
        pending.discard(word)
        return str(Markup('<abbr title="{}">{}</abbr>').format(tips[word], found))

    def mark_block(block: list[str]) -> list[str]:
        text = "\n".join(block)
        parts, kept = _PROTECTED.split(text), _PROTECTED.findall(text)
        marked = "".join(pattern.sub(mark, part) + (kept[i] if i < len(kept) else "") for i, part in enumerate(parts))
        return marked.split("\n")

    # Lines that may be marked are gathered into runs, so a term split over two lines is still found.
    lines: list[str] = []
    run: list[str] = []
    fence = None
    for line in markdown.split("\n"):
        opened = _FENCE.match(line)
        if fence or opened or _SKIPPED_LINE.match(line) or not line.strip():
            lines += mark_block(run) if run and pending else run
            run = []
            if fence:
                fence = None if opened and opened.group(1)[0] == fence else fence
            elif opened:
                fence = opened.group(1)[0]
            lines.append(line)
        else:
            run.append(line)
    lines += mark_block(run) if run and pending else run
    return "\n".join(lines)


def render_glossary(terms: list[Term]) -> str:
    """Every term, A to Z, in one list per initial, with a bar of the initials that have terms."""
    ordered = sorted(terms, key=lambda term: term.term.lower())
    names = {term.id: term.term for term in terms}
    groups: dict[str, list[Term]] = {}
    for term in ordered:
        initial = term.term[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(term)
    return render_template("glossary.html", groups=groups, names=names)
