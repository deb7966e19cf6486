"""Team topology data: schemas, cross-references and the composition rules.

The HTML and SVG drawn from the data are checked in test_topology_rendering.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from macros.data import DataError
from macros.registry import load_registry
from macros.teams import composition, schema
from tests.support.site import ROOT

TEAMS = ROOT / "data" / "teams"
SVG = "{http://www.w3.org/2000/svg}"
DEVELOPMENT = ["business-product-owner", "data-scientist", "data-engineer"]
OPERATIONS = ["it-manager", "platform-engineer", "sre", "devops-engineer", "software-engineer"]


@pytest.fixture
def teams_copy(tmp_path) -> Path:
    target = tmp_path / "teams"
    shutil.copytree(TEAMS, target)
    return target


def _edit(path: Path, change) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def _role(document, role_id):
    return next(role for role in document["roles"] if role["id"] == role_id)


def test_the_real_data_loads_into_the_registry():
    registry = load_registry(ROOT / "data", ROOT / "docs")
    teams = registry.topology
    # Every stage and role in the files is loaded, in file order (no pinned counts: adding one is fine).
    for file, key, loaded in (("stages.yml", "stages", teams.stages), ("roles.yml", "roles", list(teams.roles))):
        ids = [entry["id"] for entry in yaml.safe_load((TEAMS / file).read_text(encoding="utf-8"))[key]]
        assert [getattr(item, "id", item) for item in loaded] == ids
    assert {team.topology for team in teams.team_types.values()} == set(schema.TOPOLOGY_NAMES)
    assert {mode.line for mode in teams.modes.values()} == {"solid", "dashed", "dotted"}


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        (
            "team-types.yml",
            lambda d: d["team_types"][0]["members"].append("astronaut"),
            "team type 'ml-product-team' names unknown role 'astronaut'",
        ),
        (
            "roles.yml",
            lambda d: _role(d, "sre")["raci"].pop("monitoring"),
            "role 'sre' has no letter for stage(s) monitoring",
        ),
        (
            "roles.yml",
            lambda d: _role(d, "ml-engineer")["raci"].update(serving="R"),
            "stage 'serving' has no accountable role; mark exactly one role 'A'",
        ),
        (
            "roles.yml",
            lambda d: _role(d, "sre")["raci"].update(serving="A"),
            "stage 'serving' has several accountable roles (ml-engineer, sre)",
        ),
        (
            "roles.yml",
            lambda d: _role(d, "sre")["raci"].update(astrology="C"),
            "role 'sre' gives letters for unknown stage(s) astrology",
        ),
        (
            "interactions.yml",
            lambda d: d["phases"][0]["interactions"][0].update(between=["platform", "ghost-team"]),
            "phase 'one-product', interactions[0] names unknown team 'ghost-team'",
        ),
        (
            "interactions.yml",
            lambda d: d["phases"][0]["interactions"][0].update(mode="telepathy"),
            "unknown mode 'telepathy'",
        ),
        (
            "interactions.yml",
            lambda d: d["phases"][0]["teams"][0].update(type="squad"),
            "has unknown type 'squad'",
        ),
        (
            "before-after.yml",
            lambda d: d["after"].update(platform_team="ml-product-team"),
            "after.platform_team must be a platform team type",
        ),
    ],
)
def test_cross_reference_errors_name_the_file_and_the_fix(teams_copy, file, change, expected):
    _edit(teams_copy / file, change)
    with pytest.raises(DataError) as caught:
        schema.load_topology(teams_copy)
    message = str(caught.value)
    assert expected in message
    assert file in message


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        ("roles.yml", lambda d: _role(d, "sre")["raci"].update(serving="X"), "roles[5].raci.serving: Input should be"),
        ("roles.yml", lambda d: _role(d, "sre").pop("needs"), "roles[5].needs: required field is missing"),
        ("team-types.yml", lambda d: d["team_types"][0].update(colour="red"), "colour: unknown field"),
        ("team-types.yml", lambda d: d["team_types"][1].update(topology="squad"), "team_types[1].topology"),
        ("stages.yml", lambda d: d["stages"].append(dict(d["stages"][0])), "stage ids must be unique"),
        ("interactions.yml", lambda d: d["modes"][1].update(line="solid"), "each mode needs its own line pattern"),
    ],
)
def test_schema_errors_name_the_file_and_the_field(teams_copy, file, change, expected):
    _edit(teams_copy / file, change)
    with pytest.raises(DataError) as caught:
        schema.load_topology(teams_copy)
    assert expected in str(caught.value)
    assert f"{file}:" in str(caught.value)


def test_every_schema_field_has_a_description():
    models = [
        schema.Stage,
        schema.Role,
        schema.TeamType,
        schema.Mode,
        schema.TeamInstance,
        schema.Interaction,
        schema.Phase,
        schema.BeforeTeam,
        schema.Before,
        schema.After,
    ]
    missing = [
        f"{model.__name__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if not field.description and name not in {"id"}
    ]
    assert not missing


# ---- the composition rules -----------------------------------------------------------------------


def test_a_development_team_alone_leaves_release_and_serving_uncovered(teams):
    # The data scientist watches drift and model quality, so monitoring is covered; shipping is not.
    assert composition.uncovered_stages(teams, DEVELOPMENT) == ["packaging-and-release", "serving"]


def test_the_operations_team_covers_exactly_what_development_lacks(teams):
    development = set(composition.uncovered_stages(teams, DEVELOPMENT))
    operations = set(composition.uncovered_stages(teams, OPERATIONS))
    assert development.isdisjoint(operations)
    assert development | operations == {stage.id for stage in teams.stages}
    assert composition.resembles(teams, OPERATIONS) == "ml-platform-team"


def test_an_ml_product_team_covers_every_stage(teams):
    members = teams.team_types["ml-product-team"].members
    assert composition.uncovered_stages(teams, members) == []
    assert composition.resembles(teams, members) == "ml-product-team"


def test_no_roles_resemble_nothing(teams):
    assert composition.resembles(teams, []) is None
    assert len(composition.uncovered_stages(teams, [])) == len(teams.stages)
