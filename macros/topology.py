"""Team topology for ML: lifecycle stages, roles, team types and interactions, and their rendering.

The data lives in data/teams/. The same objects drive the role cards, the responsibility matrix, the
diagrams (inline SVG, built here) and the composition check, so that no two of them can disagree.
docs/assets/javascripts/composition.js repeats `uncovered_stages` and `resembles`; a browser test
checks that both give the same answers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import Markup
from pydantic import Field, field_validator

from . import data
from .html import relative_url, render_template
from .models import Id, Strict, Text, duplicates, require_unique

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


class StagesFile(Strict):
    stages: list[Stage] = Field(min_length=1, description="Lifecycle stages of an ML product, in flow order.")

    @field_validator("stages")
    @classmethod
    def ids_are_unique(cls, stages: list[Stage]) -> list[Stage]:
        require_unique("stage ids", [stage.id for stage in stages])
        return stages


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

    @field_validator("roles")
    @classmethod
    def ids_are_unique(cls, roles: list[Role]) -> list[Role]:
        require_unique("role ids", [role.id for role in roles])
        return roles


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

    @field_validator("team_types")
    @classmethod
    def ids_are_unique(cls, team_types: list[TeamType]) -> list[TeamType]:
        require_unique("team type ids", [team.id for team in team_types])
        return team_types


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


# ---- the composition check: the rules composition.js mirrors -------------------------------------


def uncovered_stages(topology: Topology, role_ids: list[str]) -> list[str]:
    """Stage ids for which none of the given roles is responsible (R) or accountable (A)."""
    present = [topology.roles[role_id] for role_id in role_ids if role_id in topology.roles]
    return [stage.id for stage in topology.stages if not any(role.raci.get(stage.id) in {"R", "A"} for role in present)]


def resembles(topology: Topology, role_ids: list[str]) -> str | None:
    """The team type whose members overlap most with the given roles (Jaccard; the first wins a tie)."""
    chosen = set(role_ids) & set(topology.roles)
    if not chosen:
        return None
    best, best_shared, best_union = None, 0, 1
    for team in topology.team_types.values():
        members = set(team.members)
        shared, union = len(chosen & members), len(chosen | members)
        # Compare shared/union fractions by cross-multiplying, so Python and JavaScript agree exactly.
        if shared * best_union > best_shared * union:
            best, best_shared, best_union = team.id, shared, union
    return best


def to_model(topology: Topology) -> dict:
    """What the composition check needs in the browser."""
    return {
        "stages": [{"id": stage.id, "name": stage.name} for stage in topology.stages],
        "roles": [{"id": role.id, "name": role.name, "raci": role.raci} for role in topology.roles.values()],
        "teamTypes": [
            {"id": team.id, "name": team.name, "members": team.members} for team in topology.team_types.values()
        ],
    }


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


# ---- HTML ----------------------------------------------------------------------------------------


def render_role_card(topology: Topology, role_id: str, page_src: str) -> str:
    item = role(topology, role_id)
    teams = [team for team in topology.team_types.values() if item.id in team.members]
    return render_template(
        "topology-role-card.html",
        role=item,
        accountable=stages_with(topology, item, "A"),
        responsible=stages_with(topology, item, "R"),
        teams=teams,
        topology_names=TOPOLOGY_NAMES,
    )


def render_role_cards(topology: Topology, page_src: str) -> str:
    return "\n".join(render_role_card(topology, role_id, page_src) for role_id in topology.roles)


def render_matrix(topology: Topology, page_src: str) -> str:
    """Roles down the side, stages across the top, one letter per cell, explained in a key."""
    link = relative_url(page_src, ROLES_PAGE)
    return render_template(
        "topology-matrix.html",
        stages=topology.stages,
        roles=list(topology.roles.values()),
        letters=LETTERS,
        roles_link="" if page_src == ROLES_PAGE else link,
    )


def render_team_type_card(topology: Topology, type_id: str, page_src: str) -> str:
    team = team_type(topology, type_id)
    roles_link = relative_url(page_src, ROLES_PAGE)
    return render_template(
        "topology-team-type.html",
        team=team,
        topology_name=TOPOLOGY_NAMES[team.topology],
        members=[topology.roles[member] for member in team.members],
        roles_link=roles_link,
        diagram=Markup(render_team_diagram(topology, type_id)),
    )


def render_team_api(topology: Topology) -> str:
    return render_template(
        "topology-team-api.html",
        team_types=list(topology.team_types.values()),
        topology_names=TOPOLOGY_NAMES,
        modes=list(topology.modes.values()),
        roles=list(topology.roles.values()),
    )


def render_composition_check(topology: Topology) -> str:
    return render_template(
        "topology-composition.html",
        roles=list(topology.roles.values()),
        stages=topology.stages,
        model_json=json.dumps(to_model(topology), separators=(",", ":")),
    )


def render_role_changes(topology: Topology) -> str:
    before_team = {member: team for team in topology.before.teams for member in team.members}
    after_team = {}
    for type_id in (topology.after.platform_team, topology.after.product_team):
        for member in topology.team_types[type_id].members:
            after_team[member] = topology.team_types[type_id]
    return render_template(
        "topology-role-changes.html",
        roles=list(topology.roles.values()),
        before_team=before_team,
        after_team=after_team,
    )


def render_modes(topology: Topology) -> str:
    return render_template(
        "topology-modes.html",
        modes=list(topology.modes.values()),
        diagram=Markup(render_modes_diagram(topology)),
    )


# ---- SVG diagrams --------------------------------------------------------------------------------
# Layout is computed here in viewBox units; macros/templates/topology-diagram.html writes the SVG.
# Everything is drawn with currentColor (so it follows light and dark mode), and meaning is carried by
# shapes, line patterns and text labels, never by colour alone.

WIDTH = 480
CHAR = 7.4  # average advance of a character at the diagram's 14-unit font size
PILL_W, PILL_H, GAP = 206, 34, 10


def wrap(text: str, width: float, size: float = 14) -> list[str]:
    """Split text into lines that fit `width` units at font `size` (an estimate; no font metrics)."""
    limit = max(8, int(width / (CHAR * size / 14)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text(x, y, text, *, size=14, anchor="middle", weight="normal", style="normal", width=None) -> dict:
    lines = wrap(text, width, size) if width else [text]
    return {
        "kind": "text",
        "x": round(x, 1),
        "y": round(y, 1),
        "lines": lines,
        "size": size,
        "anchor": anchor,
        "weight": weight,
        "style": style,
        "leading": round(size * 1.25, 1),
    }


def _points(points) -> str:
    return " ".join(f"{round(x, 1)},{round(y, 1)}" for x, y in points)


def team_shape(topology_type: str, x: float, y: float, w: float, h: float) -> list[dict]:
    """The outline of a team: each Team Topologies type has its own shape, so colour is never needed."""
    if topology_type == "stream-aligned":
        return [{"kind": "rect", "x": x, "y": y, "w": w, "h": h, "rx": min(28, h / 2), "cls": "mrp-svg-team"}]
    if topology_type == "platform":
        return [
            {"kind": "rect", "x": x, "y": y, "w": w, "h": h, "rx": 0, "cls": "mrp-svg-team"},
            {"kind": "line", "x1": x, "y1": y + h + 5, "x2": x + w, "y2": y + h + 5, "cls": "mrp-svg-base"},
        ]
    if topology_type == "enabling":
        cut = min(28, h / 2)
        points = [
            (x + cut, y),
            (x + w - cut, y),
            (x + w, y + h / 2),
            (x + w - cut, y + h),
            (x + cut, y + h),
            (x, y + h / 2),
        ]
        return [{"kind": "polygon", "points": _points(points), "cls": "mrp-svg-team"}]
    cut = min(16, h / 4)
    points = [
        (x + cut, y),
        (x + w - cut, y),
        (x + w, y + cut),
        (x + w, y + h - cut),
        (x + w - cut, y + h),
        (x + cut, y + h),
        (x, y + h - cut),
        (x, y + cut),
    ]
    return [{"kind": "polygon", "points": _points(points), "cls": "mrp-svg-team"}]


def _team_block(name: str, subtitle: str, topology_type: str, members: list[Role], top: float) -> tuple[list, float]:
    """A team outline with its name, a subtitle and one pill per member role; returns items and bottom."""
    rows = math.ceil(len(members) / 2)
    height = 76 + rows * (PILL_H + GAP) + 8
    items = team_shape(topology_type, 12, top, WIDTH - 24, height)
    items.append(_text(WIDTH / 2, top + 28, name, size=16, weight="bold"))
    items.append(_text(WIDTH / 2, top + 50, subtitle, size=13, style="italic"))
    for index, member in enumerate(members):
        column, row = index % 2, index // 2
        single = index == len(members) - 1 and len(members) % 2 == 1
        px = (WIDTH - PILL_W) / 2 if single else WIDTH / 2 - PILL_W - 6 + column * (PILL_W + 12)
        py = top + 68 + row * (PILL_H + GAP)
        items.append(
            {"kind": "rect", "x": px, "y": py, "w": PILL_W, "h": PILL_H, "rx": PILL_H / 2, "cls": "mrp-svg-role"}
        )
        items.append(_text(px + PILL_W / 2, py + PILL_H / 2 + 5, member.name, size=13))
    return items, top + height


def _diagram(prefix: str, kind: str, title: str, desc: str, items: list, height: float, alternative: str) -> str:
    return render_template(
        "topology-diagram.html",
        prefix=prefix,
        kind=kind,
        title=title,
        desc=desc,
        items=items,
        width=WIDTH,
        height=round(height),
        alternative=Markup(alternative),
    )


def render_team_diagram(topology: Topology, type_id: str) -> str:
    team = team_type(topology, type_id)
    members = [topology.roles[member] for member in team.members]
    kind = TOPOLOGY_NAMES[team.topology]
    items, bottom = _team_block(team.name, f"{kind} team", team.topology, members, 12)
    names = ", ".join(member.name for member in members)
    article = "an" if kind[0].upper() in "AEIOU" else "a"
    desc = f"{article.capitalize()} {kind.lower()} team drawn as its own shape, holding its usual roles: {names}."
    alternative = render_template("topology-alt-team.html", team=team, kind=kind, members=members)
    title = f"{team.name}: {article} {kind.lower()} team"
    return _diagram(f"diagram-{team.id}", "team", title, desc, items, bottom + 18, alternative)


def _arrow(x1, y1, x2, y2, line: str, *, head: bool = True, cls: str = "") -> dict:
    return {
        "kind": "line",
        "x1": round(x1, 1),
        "y1": round(y1, 1),
        "x2": round(x2, 1),
        "y2": round(y2, 1),
        "cls": f"mrp-svg-link mrp-svg-{line} {cls}".strip(),
        "head": head,
    }


def render_before_diagram(topology: Topology) -> str:
    before = topology.before
    first, second = before.teams
    items, bottom = _team_block(
        first.name,
        f"Optimises for: {first.optimises_for}",
        "stream-aligned",
        [topology.roles[m] for m in first.members],
        12,
    )
    wall_top = bottom + 40
    items.append(_arrow(80, bottom + 2, 80, wall_top + 76, "solid"))
    items.append(
        _text(
            96,
            bottom + 26,
            f"Handover: {before.handover[0].lower()}{before.handover[1:]}",
            size=13,
            anchor="start",
            width=WIDTH - 108,
        )
    )
    items.append({"kind": "rect", "x": 12, "y": wall_top, "w": WIDTH - 24, "h": 18, "rx": 0, "cls": "mrp-svg-wall"})
    items += [
        {"kind": "line", "x1": x, "y1": wall_top, "x2": x + 12, "y2": wall_top + 18, "cls": "mrp-svg-brick"}
        for x in range(20, WIDTH - 24, 24)
    ]
    second_top = wall_top + 80
    items.append(_arrow(400, second_top - 2, 400, wall_top + 24, "dotted", head=False))
    items.append({"kind": "cross", "x": 400, "y": wall_top + 32})
    items.append(_text(384, wall_top + 50, before.missing_feedback, size=13, anchor="end", width=280))
    block, bottom = _team_block(
        second.name,
        f"Optimises for: {second.optimises_for}",
        "platform",
        [topology.roles[m] for m in second.members],
        second_top,
    )
    items += block
    desc = (
        f"The {first.name.lower()} and the {second.name.lower()} are separated by a wall. "
        f"{before.handover}, shown as a solid arrow down through it. A dotted line from the "
        f"{second.name.lower()} stops at the wall with a cross: {before.missing_feedback.lower()}."
    )
    alternative = render_template("topology-alt-before.html", before=before, roles=topology.roles)
    return _diagram(
        "diagram-before",
        "before",
        "Before: a development team hands over to an operations team",
        desc,
        items,
        bottom + 24,
        alternative,
    )


def render_after_diagram(topology: Topology) -> str:
    after = topology.after
    product, platform = topology.team_types[after.product_team], topology.team_types[after.platform_team]
    product_roles = [topology.roles[m] for m in product.members]
    platform_roles = [topology.roles[m] for m in platform.members]
    items, bottom = _team_block(
        product.name, "Owns the model from idea to operation", product.topology, product_roles, 12
    )
    # The feedback loop inside the product team: a circular arrow with its label.
    items.append({"kind": "loop", "x": 36, "y": bottom + 22})
    items.append(_text(58, bottom + 28, after.feedback, size=13, anchor="start"))
    platform_top = bottom + 124
    items.append(_arrow(WIDTH / 2, platform_top - 2, WIDTH / 2, bottom + 44, "dashed"))
    items.append(_text(WIDTH / 2 + 14, bottom + 80, after.service, size=13, anchor="start", width=WIDTH / 2 - 26))
    block, bottom = _team_block(
        platform.name, "Runs the shared ML platform", platform.topology, platform_roles, platform_top
    )
    items += block
    desc = (
        f"The {product.name} holds {', '.join(r.name for r in product_roles)}, and a loop inside it shows "
        f"that {after.feedback.lower()}. Below, the {platform.name} holds "
        f"{', '.join(r.name for r in platform_roles)}; a dashed arrow up to the product team stands for "
        f"{after.service.lower()}."
    )
    alternative = render_template(
        "topology-alt-after.html", after=after, product=product, platform=platform, roles=topology.roles
    )
    return _diagram(
        "diagram-after",
        "after",
        "After: an ML product team enabled by an ML platform team",
        desc,
        items,
        bottom + 24,
        alternative,
    )


def render_before_after(topology: Topology) -> str:
    return render_template(
        "topology-before-after.html",
        before=Markup(render_before_diagram(topology)),
        after=Markup(render_after_diagram(topology)),
    )


def render_phase_diagram(topology: Topology, phase_id: str) -> str:
    item = phase(topology, phase_id)
    teams = {team.id: team for team in item.teams}
    box_w, box_h, row_h = 168, 70, 96
    items: list[dict] = []
    for number, interaction in enumerate(item.interactions):
        top = 12 + number * row_h
        mode = topology.modes[interaction.mode]
        for side, team_id in enumerate(interaction.between):
            team = teams[team_id]
            kind = topology.team_types[team.type].topology
            x = 12 if side == 0 else WIDTH - 12 - box_w
            items += team_shape(kind, x, top, box_w, box_h)
            lines = wrap(team.name, box_w - 36, 13)
            first_y = top + box_h / 2 - (len(lines) - 1) * 8 - 2
            items.append(_text(x + box_w / 2, first_y, team.name, size=13, width=box_w - 36, weight="bold"))
            items.append(
                _text(x + box_w / 2, first_y + len(lines) * 16 + 2, TOPOLOGY_NAMES[kind], size=12, style="italic")
            )
        middle = top + box_h / 2
        head = mode.line != "solid"
        items.append(
            _arrow(12 + box_w + 4, middle, WIDTH - 12 - box_w - (6 if head else 4), middle, mode.line, head=head)
        )
        items.append(_text(WIDTH / 2, middle - 10, mode.name, size=13))
    height = 12 + len(item.interactions) * row_h
    summary = "; ".join(
        f"{teams[i.between[0]].name} and {teams[i.between[1]].name}: {topology.modes[i.mode].name.lower()}"
        for i in item.interactions
    )
    desc = (
        f"{item.name}. Each row joins two teams with a line whose pattern shows the interaction mode "
        f"(solid for collaboration, dashed for X-as-a-service, dotted for facilitating). {summary}."
    )
    alternative = render_template("topology-alt-phase.html", phase=item, teams=teams, modes=topology.modes)
    return _diagram(f"diagram-{item.id}", "phase", f"Team interactions: {item.name}", desc, items, height, alternative)


def render_evolution(topology: Topology) -> str:
    return render_template(
        "topology-evolution.html",
        phases=[(item, Markup(render_phase_diagram(topology, item.id))) for item in topology.phases],
    )


def render_modes_diagram(topology: Topology) -> str:
    items = []
    row_h = 64
    for number, mode in enumerate(topology.modes.values()):
        y = 28 + number * row_h
        head = mode.line != "solid"
        items.append(_arrow(16, y, 136, y, mode.line, head=head))
        items.append(_text(156, y + 5, mode.name, size=15, anchor="start", weight="bold"))
        items.append(_text(156, y + 26, f"{mode.line.capitalize()} line", size=13, anchor="start", style="italic"))
    height = 20 + len(topology.modes) * row_h
    desc = "; ".join(f"{mode.name}: a {mode.line} line" for mode in topology.modes.values())
    alternative = render_template("topology-alt-modes.html", modes=list(topology.modes.values()))
    return _diagram(
        "diagram-modes", "modes", "How the diagrams draw each interaction mode", desc + ".", items, height, alternative
    )


LOOP_PILL_W, LOOP_PILL_H, LOOP_ROW, LOOP_TOP = 212, 48, 66, 52


def render_lifecycle_loop(topology: Topology) -> str:
    """The lifecycle stages (stages.yml) as a loop: down the left, up the right, and back to the start."""
    stages = list(topology.stages)
    rows = math.ceil(len(stages) / 2)
    left_x, right_x = 12, WIDTH - 12 - LOOP_PILL_W
    centre = LOOP_PILL_W / 2
    items: list[dict] = []
    boxes = []
    for index, stage in enumerate(stages):
        going_down = index < rows
        row = index if going_down else 2 * rows - 1 - index
        x, y = (left_x if going_down else right_x), LOOP_TOP + row * LOOP_ROW
        boxes.append((x, y))
        items.append(
            {"kind": "rect", "x": x, "y": y, "w": LOOP_PILL_W, "h": LOOP_PILL_H, "rx": 14, "cls": "mrp-svg-role"}
        )
        label = f"{index + 1}. {stage.name}"
        lines = wrap(label, LOOP_PILL_W - 24, 13)
        first_line = y + LOOP_PILL_H / 2 + 5 - (len(lines) - 1) * 8
        items.append(_text(x + centre, first_line, label, size=13, width=LOOP_PILL_W - 24))
    for (x1, y1), (x2, y2) in zip(boxes, boxes[1:], strict=False):
        if x1 == x2 and y2 > y1:  # down the left
            items.append(_arrow(x1 + centre, y1 + LOOP_PILL_H + 2, x2 + centre, y2 - 4, "solid"))
        elif x1 == x2:  # up the right
            items.append(_arrow(x1 + centre, y1 - 2, x2 + centre, y2 + LOOP_PILL_H + 4, "solid"))
        else:  # across the bottom
            middle = y1 + LOOP_PILL_H / 2
            items.append(_arrow(x1 + LOOP_PILL_W + 2, middle, x2 - 4, middle, "solid"))
    # Back to the start along a lane above the stages: up from the last, across, down into the first.
    (last_x, last_y), (first_x, first_y) = boxes[-1], boxes[0]
    lane = LOOP_TOP - 20
    items.append(_arrow(last_x + centre, last_y - 2, last_x + centre, lane, "dashed", head=False))
    items.append(_arrow(last_x + centre, lane, first_x + centre, lane, "dashed", head=False))
    items.append(_arrow(first_x + centre, lane, first_x + centre, first_y - 4, "dashed"))
    items.append(_text(WIDTH / 2, lane - 8, "Outcomes start the next turn", size=13))
    height = LOOP_TOP + rows * LOOP_ROW - 6
    names = ", ".join(stage.name.lower() for stage in stages)
    desc = (
        f"{len(stages)} stages drawn as a loop: down the left, across, up the right, and a dashed line "
        f"from the last stage back to the first. In order: {names}."
    )
    alternative = render_template("topology-alt-lifecycle.html", stages=stages)
    return _diagram("diagram-lifecycle", "lifecycle", "The ML lifecycle as a loop", desc, items, height, alternative)
