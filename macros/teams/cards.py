"""The teams pages' HTML: role cards, the responsibility matrix, team cards, the team API and the forms.

Each function takes the validated data and returns HTML rendered through an autoescaping template in
macros/templates/teams-*.html.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..html import relative_url, render_template
from .composition import to_model
from .diagrams import render_modes_diagram, render_team_diagram
from .schema import LETTERS, ROLES_PAGE, TOPOLOGY_NAMES, Topology, role, stages_with, team_type


def render_role_card(topology: Topology, role_id: str, page_src: str) -> str:
    item = role(topology, role_id)
    teams = [team for team in topology.team_types.values() if item.id in team.members]
    return render_template(
        "teams-role-card.html",
        role=item,
        accountable=stages_with(topology, item, "A"),
        responsible=stages_with(topology, item, "R"),
        teams=teams,
        topology_names=TOPOLOGY_NAMES,
    )


def render_role_cards(topology: Topology, page_src: str) -> str:
    """Every role's card, in one grid: two or three across on a wide screen, one on a phone."""
    cards = "\n".join(render_role_card(topology, role_id, page_src) for role_id in topology.roles)
    return '<div class="mrp-role-cards">\n' + cards + "\n</div>"


def render_matrix(topology: Topology, page_src: str) -> str:
    """Roles down the side, stages across the top, one letter per cell, explained in a key."""
    link = relative_url(page_src, ROLES_PAGE)
    return render_template(
        "teams-matrix.html",
        stages=topology.stages,
        roles=list(topology.roles.values()),
        letters=LETTERS,
        roles_link="" if page_src == ROLES_PAGE else link,
    )


def render_team_type_card(topology: Topology, type_id: str, page_src: str) -> str:
    team = team_type(topology, type_id)
    roles_link = relative_url(page_src, ROLES_PAGE)
    return render_template(
        "teams-team-type.html",
        team=team,
        topology_name=TOPOLOGY_NAMES[team.topology],
        members=[topology.roles[member] for member in team.members],
        roles_link=roles_link,
        diagram=Markup(render_team_diagram(topology, type_id)),
    )


def render_team_api(topology: Topology) -> str:
    return render_template(
        "teams-team-api.html",
        team_types=list(topology.team_types.values()),
        topology_names=TOPOLOGY_NAMES,
        modes=list(topology.modes.values()),
        roles=list(topology.roles.values()),
    )


def render_composition_check(topology: Topology) -> str:
    return render_template(
        "teams-composition.html",
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
        "teams-role-changes.html",
        roles=list(topology.roles.values()),
        before_team=before_team,
        after_team=after_team,
    )


def render_modes(topology: Topology) -> str:
    return render_template(
        "teams-modes.html",
        modes=list(topology.modes.values()),
        diagram=Markup(render_modes_diagram(topology)),
    )


def render_lifecycle_table(topology: Topology) -> str:
    """The lifecycle stages as a table (practice, tools, what goes wrong), each linked to its section."""
    return render_template("teams-lifecycle-table.html", stages=topology.stages)
