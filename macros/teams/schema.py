"""The teams data (data/teams/): its schemas, loading, the checks between its files, and lookups by id.

The same objects drive the role cards, the responsibility matrix, the diagrams and the composition
check (the other modules of this package), so that no two of them can disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from .. import data
from ..models import Id, Strict, Text, duplicates, require_unique, unique_ids

Letter = Literal["R", "A", "C", "I", ""]
TopologyType = Literal["stream-aligned", "platform", "enabling", "complicated-subsystem"]
LineStyle = Literal["solid", "dashed", "dotted"]

LETTERS = {
    "R": ("Responsible", "does the work for this stage"),
    "A": ("Accountable", "owns the outcome and signs it off; often does part of the work too"),
    "C": ("Consulted", "gives input before decisions are made"),
    "I": ("Informed", "is told about decisions and results"),
}
TOPOLOGY_NAMES = {
    "stream-aligned": "Stream-aligned",
    "platform": "Platform",
    "enabling": "Enabling",
    "complicated-subsystem": "Complicated-subsystem",
}
ROLES_PAGE = "teams/roles.md"


# ---- schemas -------------------------------------------------------------------------------------


class Stage(Strict):
    id: Id
    name: Text = Field(description="The stage as readers see it in tables, e.g. 'Feature engineering'.")
    summary: Text = Field(description="What happens in this stage, in one sentence.")
    practice: Text = Field(description="The practice that makes the stage reliable, in one sentence.")
    tools: Text = Field(description="The kinds of tool that support it, vendor-neutral, e.g. 'Feature store'.")
    without: Text = Field(description="What goes wrong without the practice, in a few words.")


class StagesFile(Strict):
    stages: list[Stage] = Field(min_length=1, description="Lifecycle stages of an ML product, in flow order.")

    ids_are_unique = unique_ids("stages", "stage ids")


class Role(Strict):
    id: Id
    name: Text = Field(description="The role's name with its usual capitals, e.g. 'ML engineer'.")
    focus: Text = Field(description="What the role cares about most, in one sentence.")
    brings: list[Text] = Field(min_length=1, description="What the role brings to a team, one point per line.")
    needs: list[Text] = Field(min_length=1, description="What the role needs from other roles or teams.")
    raci: dict[Id, Letter] = Field(
        description=(
            "One letter per lifecycle stage id: R responsible, A accountable, C consulted, I informed, "
            "or an empty string when the role plays no part. Every stage must be listed."
        )
    )
    before: Text = Field(description="How the role works in a handover organisation, in one sentence.")
    after: Text = Field(description="How the role works in an ML product team enabled by a platform.")


class RolesFile(Strict):
    roles: list[Role] = Field(min_length=1, description="Every role the playbook describes.")

    ids_are_unique = unique_ids("roles", "role ids")


class TeamType(Strict):
    id: Id
    name: Text = Field(description="The ML team type, e.g. 'ML platform team'.")
    topology: TopologyType = Field(description="The Team Topologies team type it corresponds to.")
    summary: Text = Field(description="What the team is for, in the playbook's own words.")
    members: list[Id] = Field(min_length=1, description="Role ids (roles.yml) of its usual members.")
    owns: list[Text] = Field(min_length=1, description="What the team owns, one point per line.")
    offers: list[Text] = Field(min_length=1, description="What the team offers other teams as a service.")


class TeamTypesFile(Strict):
    team_types: list[TeamType] = Field(min_length=1, description="Team types for ML, in reading order.")

    ids_are_unique = unique_ids("team_types", "team type ids")


class Mode(Strict):
    id: Id
    name: Text = Field(description="The interaction mode, e.g. 'Collaboration'.")
    line: LineStyle = Field(description="Line pattern that draws this mode in diagrams; each mode needs its own.")
    summary: Text = Field(description="What the mode means, in one sentence of our own words.")
    when: Text = Field(description="When to choose this mode.")
    watch_for: Text = Field(description="What goes wrong with this mode, and how to notice.")


class TeamInstance(Strict):
    id: Id
    name: Text = Field(description="A concrete team in the example organisation, e.g. 'Fraud detection team'.")
    type: Id = Field(description="Its team type id (team-types.yml).")
    label: Text | None = Field(
        None,
        description="What diagrams print under the name instead of the Team Topologies type, for a member "
        "that is not a standing team, e.g. 'A person, not a team' for a borrowed coach.",
    )


class Interaction(Strict):
    between: list[Id] = Field(
        min_length=2,
        max_length=2,
        description="Two team ids of this phase: the provider or coach first, the team it serves second.",
    )
    mode: Id = Field(description="An interaction mode id (modes, above).")
    purpose: Text = Field(description="What the two teams work on together, in one sentence.")


class Phase(Strict):
    id: Id
    name: Text = Field(description="The phase, e.g. 'One ML product'.")
    summary: Text = Field(description="What the organisation looks like in this phase.")
    teams: list[TeamInstance] = Field(min_length=1, description="The teams that exist in this phase.")
    interactions: list[Interaction] = Field(min_length=1, description="Who works with whom, and how.")


class InteractionsFile(Strict):
    modes: list[Mode] = Field(min_length=1, description="Interaction modes between teams.")
    phases: list[Phase] = Field(min_length=1, description="How interactions change as the organisation grows.")

    @field_validator("modes")
    @classmethod
    def modes_are_distinct(cls, modes: list[Mode]) -> list[Mode]:
        require_unique("mode ids", [mode.id for mode in modes])
        repeated = duplicates([mode.line for mode in modes])
        if repeated:
            raise ValueError(f"each mode needs its own line pattern, so diagrams tell them apart; reused: {repeated}")
        return modes


class BeforeTeam(Strict):
    id: Id
    name: Text = Field(description="The team's name, e.g. 'Development team'.")
    optimises_for: Text = Field(description="What the team is rewarded for.")
    members: list[Id] = Field(min_length=1, description="Role ids (roles.yml) in this team.")


class Before(Strict):
    teams: list[BeforeTeam] = Field(
        min_length=2, max_length=2, description="The team that builds models, then the team that runs them."
    )
    handover: Text = Field(description="What crosses the wall between the two teams.")
    missing_feedback: Text = Field(description="What does not come back from production.")


class After(Strict):
    product_team: Id = Field(description="The stream-aligned team type id (team-types.yml).")
    platform_team: Id = Field(description="The platform team type id (team-types.yml).")
    service: Text = Field(description="Label of the self-service link from the platform to the product team.")
    feedback: Text = Field(description="Label of the feedback loop inside the product team.")


class BeforeAfterFile(Strict):
    before: Before
    after: After


@dataclass(frozen=True)
class Topology:
    stages: list[Stage]
    roles: dict[str, Role]
    team_types: dict[str, TeamType]
    modes: dict[str, Mode]
    phases: list[Phase]
    before: Before
    after: After


# ---- loading and cross-checks --------------------------------------------------------------------


def check(topology: Topology, folder: Path) -> list[str]:
    """Every reference between the files in data/teams/, as a list of problems that say what to fix."""
    problems: list[str] = []
    stage_ids = [stage.id for stage in topology.stages]
    roles_file, types_file = folder / "roles.yml", folder / "team-types.yml"
    for role in topology.roles.values():
        missing = [stage for stage in stage_ids if stage not in role.raci]
        if missing:
            problems.append(
                f"{roles_file}: role {role.id!r} has no letter for stage(s) {', '.join(missing)}; "
                'add one per stage under raci (R, A, C, I, or "" for none)'
            )
        unknown = [stage for stage in role.raci if stage not in stage_ids]
        if unknown:
            problems.append(
                f"{roles_file}: role {role.id!r} gives letters for unknown stage(s) {', '.join(unknown)}; "
                f"known stages: {', '.join(stage_ids)} (stages.yml)"
            )
    for stage in stage_ids:
        accountable = [role.id for role in topology.roles.values() if role.raci.get(stage) == "A"]
        if not accountable:
            problems.append(f"{roles_file}: stage {stage!r} has no accountable role; mark exactly one role 'A' for it")
        elif len(accountable) > 1:
            problems.append(
                f"{roles_file}: stage {stage!r} has several accountable roles ({', '.join(accountable)}); "
                "keep one 'A' and make the others 'R'"
            )
    known_roles = sorted(topology.roles)
    for team in topology.team_types.values():
        problems += [
            f"{types_file}: team type {team.id!r} names unknown role {member!r}; known roles: {', '.join(known_roles)}"
            for member in team.members
            if member not in topology.roles
        ]
        problems += [
            f"{types_file}: team type {team.id!r} lists role {member!r} twice; keep one"
            for member in duplicates(team.members)
        ]
    problems += _check_phases(topology, folder / "interactions.yml")
    problems += _check_before_after(topology, folder / "before-after.yml")
    return problems


def _check_phases(topology: Topology, path: Path) -> list[str]:
    problems = []
    known_types = ", ".join(topology.team_types)
    for phase in topology.phases:
        teams = {team.id: team for team in phase.teams}
        problems += [
            f"{path}: phase {phase.id!r} declares team {repeated!r} twice; team ids must be unique in a phase"
            for repeated in duplicates([team.id for team in phase.teams])
        ]
        problems += [
            f"{path}: phase {phase.id!r}, team {team.id!r} has unknown type {team.type!r}; known types: {known_types}"
            for team in phase.teams
            if team.type not in topology.team_types
        ]
        for number, interaction in enumerate(phase.interactions):
            where = f"{path}: phase {phase.id!r}, interactions[{number}]"
            problems += [
                f"{where} names unknown team {team!r}; declare it under the phase's teams "
                f"(teams in this phase: {', '.join(teams)})"
                for team in interaction.between
                if team not in teams
            ]
            if interaction.between[0] == interaction.between[1]:
                problems.append(f"{where} connects team {interaction.between[0]!r} with itself; name two teams")
            if interaction.mode not in topology.modes:
                problems.append(
                    f"{where} has unknown mode {interaction.mode!r}; known modes: {', '.join(topology.modes)}"
                )
    return problems


def _check_before_after(topology: Topology, path: Path) -> list[str]:
    problems = []
    for team in topology.before.teams:
        problems += [
            f"{path}: before team {team.id!r} names unknown role {member!r}; known roles: {', '.join(topology.roles)}"
            for member in team.members
            if member not in topology.roles
        ]
    for field, wanted in (("product_team", "stream-aligned"), ("platform_team", "platform")):
        type_id = getattr(topology.after, field)
        team = topology.team_types.get(type_id)
        if team is None:
            problems.append(
                f"{path}: after.{field} names unknown team type {type_id!r}; "
                f"known types: {', '.join(topology.team_types)}"
            )
        elif team.topology != wanted:
            problems.append(f"{path}: after.{field} must be a {wanted} team type, but {type_id!r} is {team.topology}")
    return problems


def load_topology(folder: Path) -> Topology:
    """Validate every file in data/teams/ and check the references between them."""
    interactions = data.validate(InteractionsFile, folder / "interactions.yml")
    before_after = data.validate(BeforeAfterFile, folder / "before-after.yml")
    topology = Topology(
        stages=data.validate(StagesFile, folder / "stages.yml").stages,
        roles={role.id: role for role in data.validate(RolesFile, folder / "roles.yml").roles},
        team_types={team.id: team for team in data.validate(TeamTypesFile, folder / "team-types.yml").team_types},
        modes={mode.id: mode for mode in interactions.modes},
        phases=interactions.phases,
        before=before_after.before,
        after=before_after.after,
    )
    data.cross_check(check(topology, folder))
    return topology


# ---- lookups -------------------------------------------------------------------------------------


def _lookup(things: dict, kind: str, thing_id: str, source: str):
    if thing_id not in things:
        raise KeyError(f"unknown {kind} {thing_id!r}; known: {', '.join(things)} (data/teams/{source})")
    return things[thing_id]


def role(topology: Topology, role_id: str) -> Role:
    return _lookup(topology.roles, "role", role_id, "roles.yml")


def team_type(topology: Topology, type_id: str) -> TeamType:
    return _lookup(topology.team_types, "team type", type_id, "team-types.yml")


def phase(topology: Topology, phase_id: str) -> Phase:
    return _lookup({item.id: item for item in topology.phases}, "phase", phase_id, "interactions.yml")


def stages_with(topology: Topology, role_: Role, letter: str) -> list[Stage]:
    return [stage for stage in topology.stages if role_.raci.get(stage.id) == letter]
