"""The glossary: one registry for the glossary page and the hover tooltips on every page."""

from __future__ import annotations

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


def abbreviations(terms: list[Term]) -> str:
    """Markdown abbreviation definitions (the `abbr` extension turns them into tooltips)."""
    lines = []
    for term in terms:
        if term.tooltip:
            tip = first_sentence(term.definition).replace("\n", " ")
            lines.append(f"*[{term.term}]: {tip}")
    return "\n".join(lines)


def render_glossary(terms: list[Term]) -> str:
    ordered = sorted(terms, key=lambda term: term.term.lower())
    names = {term.id: term.term for term in terms}
    return render_template("glossary.html", terms=ordered, names=names)
