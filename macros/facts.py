"""Facts: every figure and cited claim in the prose, with the source it comes from and where it was checked."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from .html import render_template
from .models import Id, Strict, Text, unique_ids


class Source(Strict):
    title: Text = Field(description="Title of the publication, as published.")
    publisher: str | None = Field(None, description="Organisation that published it (or give authors).")
    authors: list[Text] | None = Field(None, description="Authors, as 'Initial. Surname' (or give publisher).")
    year: int = Field(ge=1950, le=2100, description="Year of publication.")
    url: Annotated[str, Field(pattern=r"^https://\S+$", description="Canonical https URL of the original.")]
    checked: dt.date = Field(
        description="Date the fact was last confirmed, at this URL or where the note says (YYYY-MM-DD)."
    )

    @model_validator(mode="after")
    def needs_an_author_or_publisher(self) -> Source:
        if not self.publisher and not self.authors:
            raise ValueError("give a publisher or a list of authors, so readers know who says this")
        return self

    @property
    def credit(self) -> str:
        if self.authors:
            return ", ".join(self.authors) if len(self.authors) <= 3 else f"{self.authors[0]} et al."
        return self.publisher or ""


class Fact(Strict):
    id: Id
    claim: Text = Field(description="What the source says, in one sentence of our own words.")
    value: str | None = Field(None, description="The figure as shown in the prose, e.g. '54%'.")
    source: Source
    note: str | None = Field(
        None,
        description=(
            "Where in the source the fact appears (section, page, table) and where it was checked, in reader terms: "
            "the publisher's page or the official text, a named republication with its address, or the secondary "
            "reports it rests on ('as reported by ...'). Never how the authors worked or with which tools."
        ),
    )


class FactsFile(Strict):
    facts: list[Fact] = Field(description="Every fact the playbook cites.")

    ids_are_unique = unique_ids("facts", "fact ids")


def lookup(facts: dict[str, Fact], fact_id: str) -> Fact:
    if fact_id not in facts:
        raise KeyError(f"unknown fact {fact_id!r}; known facts: {', '.join(sorted(facts))} (data/facts.yml)")
    return facts[fact_id]


def footnote_marker(fact: Fact) -> str:
    return f"[^{fact.id}]"


def footnote_definition(fact: Fact, sources_url: str) -> str:
    """A Markdown footnote: who, what, when, a link to the original and to the sources page."""
    source = fact.source
    title = source.title.replace("[", "(").replace("]", ")")
    return (
        f"[^{fact.id}]: {source.credit}, [{title}]({source.url}) ({source.year}). "
        f"{fact.claim} [All sources]({sources_url}#{fact.id})"
    )


def render_fact(fact: Fact) -> str:
    """The figure (or, for a fact without one, the claim) followed by its footnote marker."""
    return f"{fact.value or fact.claim}{footnote_marker(fact)}"


def render_sources(facts: list[Fact]) -> str:
    """The sources page body: one entry per fact, grouped under its source, ordered by credit and year."""
    by_url: dict[str, list[Fact]] = {}
    for fact in sorted(facts, key=lambda item: (item.source.credit.lower(), item.source.year)):
        by_url.setdefault(fact.source.url, []).append(fact)
    return render_template("sources.html", groups=list(by_url.values()))
