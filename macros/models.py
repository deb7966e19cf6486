"""Building blocks shared by the data schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

KEBAB_CASE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    Field(
        pattern=KEBAB_CASE,
        description="Stable kebab-case identifier. Never rename it: readers' answers and links use it.",
    ),
]
Text = Annotated[str, Field(min_length=1, description="Plain text, written in the playbook's own words.")]
PagePath = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9/-]*\.md(#[a-z0-9-]+)?$",
        description="A page under docs/, e.g. 'devops-prerequisites.md' or 'teams/index.md#roles'.",
    ),
]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo never silently drops content."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def duplicates(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({item for item in ids if item in seen or seen.add(item)})


def require_unique(what: str, values: list[str]) -> None:
    """Raise the validation error every data file uses for repeated ids."""
    repeated = duplicates(values)
    if repeated:
        raise ValueError(f"{what} must be unique; repeated: {', '.join(repeated)}; rename or remove the repeat")


def unique_ids(field: str, what: str):
    """Validate that a list of models has unique `id`s: `ids_are_unique = unique_ids("roles", "role ids")`."""

    def ids_are_unique(items: list) -> list:
        require_unique(what, [item.id for item in items])
        return items

    return field_validator(field)(ids_are_unique)
