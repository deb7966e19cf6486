"""CONTRIBUTING.md stays true: its files exist, its commands run something real, its examples pass the schemas."""

from __future__ import annotations

import importlib.util
import re
import shlex

import pytest
import yaml

from macros import paths
from macros.checklists import Item
from macros.examples import WorkedExample, load_examples
from macros.facts import Fact
from macros.glossary import Term
from macros.paths import ReadingPath
from macros.registry import load_assessment
from macros.teams.schema import Role
from tests.support.site import ROOT
from tests.test_consistency import HOW_CHECKED

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
DATA = ROOT / "data"
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```", re.MULTILINE | re.DOTALL)
EXAMPLE = re.compile(r"<!-- schema: (?P<schema>[\w.]+) -->\n```yaml\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FILE_ENDINGS = (".md", ".yml", ".py", ".txt", ".json", ".html", ".js", ".css")


def _prose() -> str:
    return FENCE.sub(" ", GUIDE)


def _named_files() -> list[str]:
    """Code spans in the prose that name a file or folder of this repository."""
    spans = [span.strip() for span in CODE_SPAN.findall(_prose())]
    return sorted(
        {
            span
            for span in spans
            if re.fullmatch(r"[\w.<>/-]+", span) and ("/" in span or span.endswith(FILE_ENDINGS)) and span[0] != "."
        }
    )


def _commands() -> list[str]:
    commands = [
        line.strip()
        for block in FENCE.finditer(GUIDE)
        if block["lang"] == "bash"
        for line in block["body"].splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    commands += [span for span in CODE_SPAN.findall(_prose()) if span.startswith("make ")]
    return sorted(set(commands))


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))


def _examples() -> dict[str, dict]:
    found = {}
    for match in EXAMPLE.finditer(GUIDE):
        assert match["schema"] not in found, f"two examples for {match['schema']}; keep one per recipe"
        found[match["schema"]] = yaml.safe_load(match["body"])
    return found


def _ids(file: str, key: str) -> set[str]:
    return {entry["id"] for entry in yaml.safe_load((DATA / file).read_text(encoding="utf-8"))[key]}


def test_the_readme_links_the_guide():
    assert "(CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_guide_names_files():
    assert len(_named_files()) >= 10, "the file check would pass vacuously"


@pytest.mark.parametrize("name", _named_files())
def test_every_file_the_recipes_name_exists(name):
    if "<" in name:  # a placeholder such as docs/paths/<id>.md: its folder and its pattern must exist
        pattern = re.sub(r"<[^>]+>", "*", name)
        assert list(ROOT.glob(pattern)), f"CONTRIBUTING.md names {name}, but nothing matches {pattern}"
    else:
        assert (ROOT / name).exists(), f"CONTRIBUTING.md names {name}, which does not exist"


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_a_make_target_or_an_existing_script(command):
    words = shlex.split(command)
    if words[0] == "make":
        assert set(words[1:]) <= _make_targets(), f"{command}: not a target of the Makefile"
        return
    assert words[:2] == [".venv/bin/python", "-m"], f"{command}: use make or .venv/bin/python -m"
    module, arguments = words[2], words[3:]
    if module == "pytest":
        assert arguments, f"{command}: name the test files"
        missing = [argument for argument in arguments if not (ROOT / argument).is_file()]
        assert not missing, f"{command}: no such test file(s) {missing}"
    else:
        assert module.startswith("scripts."), f"{command}: only our own scripts run with -m"
        assert (ROOT / f"{module.replace('.', '/')}.py").is_file(), f"{command}: no such script"
        assert importlib.util.find_spec(module) is not None


def test_there_is_one_example_per_kind_of_data():
    assert set(_examples()) == {
        "macros.checklists.Item",
        "macros.teams.schema.Role",
        "macros.paths.ReadingPath",
        "macros.facts.Fact",
        "macros.glossary.Term",
        "macros.examples.WorkedExample",
    }


def test_the_checklist_item_example_is_a_new_valid_item():
    item = Item.model_validate(_examples()["macros.checklists.Item"])
    assert (ROOT / "docs" / item.learn_more).is_file()
    released = (DATA / "released-item-ids.txt").read_text(encoding="utf-8").split()
    assert item.id not in released, "the example must be a new id, as the recipe says"


def test_the_role_example_is_a_new_role_with_a_letter_for_every_stage():
    role = Role.model_validate(_examples()["macros.teams.schema.Role"])
    stage_ids = [entry["id"] for entry in yaml.safe_load((DATA / "teams" / "stages.yml").read_text())["stages"]]
    assert list(role.raci) == stage_ids, "the example's raci must give one letter per stage, in stages.yml order"
    assert "A" not in role.raci.values(), "adding it must not give a stage a second accountable role"
    assert role.id not in _ids("teams/roles.yml", "roles")


def test_the_reading_path_example_is_a_new_path_that_covers_every_topic():
    path = ReadingPath.model_validate(_examples()["macros.paths.ReadingPath"])
    missing = [step.page for step in path.steps if not (ROOT / "docs" / step.page).is_file()]
    assert not missing, f"the example's steps name missing pages: {missing}"
    assert paths.coverage_gaps(path) == []
    assert path.id not in _ids("paths.yml", "paths")


def test_the_fact_example_is_a_new_fact_that_says_how_it_was_checked():
    fact = Fact.model_validate(_examples()["macros.facts.Fact"])
    assert HOW_CHECKED.search(fact.note or ""), "the example must show a note that says how the fact was checked"
    assert fact.id not in _ids("facts.yml", "facts")


def test_the_glossary_example_is_a_new_term():
    term = Term.model_validate(_examples()["macros.glossary.Term"])
    assert term.id not in _ids("glossary.yml", "terms")
    assert set(term.related) <= _ids("glossary.yml", "terms")


def test_the_worked_example_is_a_new_case_whose_verdict_the_rules_give(tmp_path):
    example = WorkedExample.model_validate(_examples()["macros.examples.WorkedExample"])
    assert not (DATA / "examples" / f"{example.id}.yml").exists(), "the example must be a new case"
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / f"{example.id}.yml").write_text(yaml.safe_dump(example.model_dump()), encoding="utf-8")
    assert load_examples(folder, load_assessment(DATA, ROOT / "docs"))[0].verdict == example.verdict


def test_the_error_messages_the_guide_quotes_are_real():
    """Each quoted test or build message must still appear in the code that produces it."""
    sources = " ".join(
        path.read_text(encoding="utf-8") for folder in ("macros", "tests") for path in (ROOT / folder).rglob("*.py")
    )
    quoted = [
        "record new item ids in",
        "these released item ids vanished",
        "the rules or checklists changed: run python -m scripts.assessment_cases and read the diff",
        "has no letter for stage(s)",
        "has several accountable roles",
        "names unknown role",
        "has no step covering",
        "a step is a whole page, so that its reading time is the page's; drop the #anchor",
        "but cited nowhere (cite them or remove them)",
        "pages cite facts missing from data/facts.yml",
        "figures must come from data/facts.yml through fact()",
        "facts whose note does not say how they were checked",
        "glossary terms that no page uses (the tooltip would never show)",
        "glossary ids and terms must be unique; repeated",
        "end with a '## Next steps' section",
        "open with a paragraph of purpose",
        "calls a macro outside a code block but lacks `render_macros: true` front matter",
        "change the answers or the declared verdict",
        "unknown item id; use an id from data/checklists/",
    ]
    flat_guide = " ".join(GUIDE.split())
    for message in quoted:
        assert message in flat_guide, f"the guide no longer quotes {message!r}; drop it from this list"
        assert message in sources, f"CONTRIBUTING.md quotes {message!r}, but no code says it any more"
