"""All structured content, loaded and validated once per build from data/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import data
from .checklists import Assessment, AssessmentRules, Checklist
from .examples import WorkedExample, load_examples
from .facts import Fact, FactsFile
from .glossary import GlossaryFile, Term
from .paths import PathsFile, load_paths
from .teams import Topology, load_topology


@dataclass(frozen=True)
class Registry:
    facts: dict[str, Fact]
    terms: list[Term]
    assessment: Assessment
    topology: Topology
    paths: PathsFile
    examples: list[WorkedExample]


def load_assessment(data_dir: Path, docs_dir: Path) -> Assessment:
    rules_path = data_dir / "assessment.yml"
    rules = data.validate(AssessmentRules, rules_path)
    checklists: dict[str, Checklist] = {}
    problems = []
    for path in sorted((data_dir / "checklists").glob("*.yml")):
        checklist = data.validate(Checklist, path)
        if checklist.id != path.stem:
            problems.append(f"{path}: id {checklist.id!r} must match the file name {path.stem!r}")
        if checklist.id not in rules.checklists:
            problems.append(f"{path}: checklist {checklist.id!r} is not listed in {rules_path.name}; add it there")
        for item in checklist.items():
            page = item.learn_more.partition("#")[0]
            if not (docs_dir / page).is_file():
                problems.append(
                    f"{path}: {item.id}.learn_more: page {page!r} does not exist under docs/; "
                    "point it at an existing page"
                )
        checklists[checklist.id] = checklist
    # A checklist counts as met at the lowest score any verdict asks of it: one threshold, one place.
    for name, checklist in checklists.items():
        asked = [c.min_score for level in rules.levels for c in level.conditions if c.checklist == name]
        if not asked:
            problems.append(f"{rules_path}: no verdict level sets a condition on checklist {name!r}; add one")
        else:
            checklists[name] = checklist.model_copy(update={"pass_score": min(asked)})
    for index, level in enumerate(rules.levels):
        if not (docs_dir / level.topology_page.partition("#")[0]).is_file():
            problems.append(
                f"{rules_path}: levels[{index}].topology_page: page {level.topology_page!r} does not exist under docs/"
            )
    data.cross_check(problems)
    try:
        return Assessment(rules=rules, checklists=checklists)
    except ValidationError as error:
        messages = [item["msg"].removeprefix("Value error, ") for item in error.errors()]
        raise data.DataError(f"{rules_path} and data/checklists/: " + "; ".join(messages)) from error


def load_registry(data_dir: Path, docs_dir: Path) -> Registry:
    facts = data.validate(FactsFile, data_dir / "facts.yml").facts
    terms = data.validate(GlossaryFile, data_dir / "glossary.yml").terms
    assessment = load_assessment(data_dir, docs_dir)
    return Registry(
        facts={fact.id: fact for fact in facts},
        terms=terms,
        assessment=assessment,
        topology=load_topology(data_dir / "teams"),
        paths=load_paths(data_dir / "paths.yml", docs_dir),
        examples=load_examples(data_dir / "examples", assessment),
    )
