"""The teams diagrams as inline SVG: one team, before and after, interaction phases, modes, the lifecycle loop.

Each diagram is drawn from the same data as the tables beside it, with a title, a description and a
text alternative (macros/templates/teams-alt-*.html). The shapes come from `shapes`.
"""

from __future__ import annotations

from markupsafe import Markup

from ..html import render_template
from .schema import TOPOLOGY_NAMES, Topology, phase, team_type
from .shapes import NARROW_WIDTH, WIDTH, arrow, diagram, svg_text, team_block, team_shape, wrap


def render_team_diagram(topology: Topology, type_id: str) -> str:
    team = team_type(topology, type_id)
    members = [topology.roles[member] for member in team.members]
    kind = TOPOLOGY_NAMES[team.topology]
    items, bottom = team_block(team.name, f"{kind} team", team.topology, members, 12)
    names = ", ".join(member.name for member in members)
    article = "an" if kind[0].upper() in "AEIOU" else "a"
    desc = f"{article.capitalize()} {kind.lower()} team drawn as its own shape, holding its usual roles: {names}."
    alternative = render_template("teams-alt-team.html", team=team, kind=kind, members=members)
    title = f"{team.name}: {article} {kind.lower()} team"
    return diagram(f"diagram-{team.id}", "team", title, desc, items, bottom + 18, alternative)


def render_before_diagram(topology: Topology) -> str:
    before = topology.before
    first, second = before.teams
    items, bottom = team_block(
        first.name,
        f"Optimises for: {first.optimises_for}",
        "stream-aligned",
        [topology.roles[m] for m in first.members],
        12,
    )
    wall_top = bottom + 40
    items.append(arrow(80, bottom + 2, 80, wall_top + 76, "solid"))
    items.append(
        svg_text(
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
    items.append(arrow(400, second_top - 2, 400, wall_top + 24, "dotted", head=False))
    items.append({"kind": "cross", "x": 400, "y": wall_top + 32})
    items.append(svg_text(384, wall_top + 50, before.missing_feedback, size=13, anchor="end", width=280))
    block, bottom = team_block(
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
    alternative = render_template("teams-alt-before.html", before=before, roles=topology.roles)
    return diagram(
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
    items, bottom = team_block(
        product.name, "Owns the model from idea to operation", product.topology, product_roles, 12
    )
    # The feedback loop inside the product team: a circular arrow with its label.
    items.append({"kind": "loop", "x": 36, "y": bottom + 22})
    items.append(svg_text(58, bottom + 28, after.feedback, size=13, anchor="start"))
    platform_top = bottom + 124
    items.append(arrow(WIDTH / 2, platform_top - 2, WIDTH / 2, bottom + 44, "dashed"))
    items.append(svg_text(WIDTH / 2 + 14, bottom + 80, after.service, size=13, anchor="start", width=WIDTH / 2 - 26))
    block, bottom = team_block(
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
        "teams-alt-after.html", after=after, product=product, platform=platform, roles=topology.roles
    )
    return diagram(
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
        "teams-before-after.html",
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
            items.append(svg_text(x + box_w / 2, first_y, team.name, size=13, width=box_w - 36, weight="bold"))
            caption = team.label or TOPOLOGY_NAMES[kind]
            items.append(svg_text(x + box_w / 2, first_y + len(lines) * 16 + 2, caption, size=12, style="italic"))
        middle = top + box_h / 2
        head = mode.line != "solid"
        items.append(
            arrow(12 + box_w + 4, middle, WIDTH - 12 - box_w - (6 if head else 4), middle, mode.line, head=head)
        )
        items.append(svg_text(WIDTH / 2, middle - 10, mode.name, size=13))
    height = 12 + len(item.interactions) * row_h
    summary = "; ".join(
        f"{teams[i.between[0]].name} and {teams[i.between[1]].name}: {topology.modes[i.mode].name.lower()}"
        for i in item.interactions
    )
    desc = (
        f"{item.name}. Each row joins two teams with a line whose pattern shows the interaction mode "
        f"(solid for collaboration, dashed for X-as-a-service, dotted for facilitating). {summary}."
    )
    alternative = render_template("teams-alt-phase.html", phase=item, teams=teams, modes=topology.modes)
    return diagram(f"diagram-{item.id}", "phase", f"Team interactions: {item.name}", desc, items, height, alternative)


def render_evolution(topology: Topology) -> str:
    return render_template(
        "teams-evolution.html",
        phases=[(item, Markup(render_phase_diagram(topology, item.id))) for item in topology.phases],
    )


def render_modes_diagram(topology: Topology) -> str:
    items = []
    row_h = 64
    for number, mode in enumerate(topology.modes.values()):
        y = 28 + number * row_h
        head = mode.line != "solid"
        items.append(arrow(16, y, 136, y, mode.line, head=head))
        items.append(svg_text(156, y + 5, mode.name, size=15, anchor="start", weight="bold"))
        items.append(svg_text(156, y + 26, f"{mode.line.capitalize()} line", size=13, anchor="start", style="italic"))
    height = 20 + len(topology.modes) * row_h
    desc = "; ".join(f"{mode.name}: a {mode.line} line" for mode in topology.modes.values())
    alternative = render_template("teams-alt-modes.html", modes=list(topology.modes.values()))
    return diagram(
        "diagram-modes", "modes", "How the diagrams draw each interaction mode", desc + ".", items, height, alternative
    )


LOOP_PILL_W, LOOP_PILL_H, LOOP_ROW, LOOP_TOP, LOOP_LEFT, LOOP_LANE = 236, 48, 64, 44, 40, 14


def render_lifecycle_loop(topology: Topology) -> str:
    """The lifecycle stages (stages.yml) as a loop in one column, narrow enough for the smallest phone: down
    through the stages, then a dashed line up the left side from the last stage back to the first."""
    stages = list(topology.stages)
    centre = LOOP_LEFT + LOOP_PILL_W / 2
    items: list[dict] = []
    for index, stage in enumerate(stages):
        y = LOOP_TOP + index * LOOP_ROW
        items.append(
            {
                "kind": "rect",
                "x": LOOP_LEFT,
                "y": y,
                "w": LOOP_PILL_W,
                "h": LOOP_PILL_H,
                "rx": 14,
                "cls": "mrp-svg-role",
            }
        )
        label = f"{index + 1}. {stage.name}"
        lines = wrap(label, LOOP_PILL_W - 24, 13)
        first_line = y + LOOP_PILL_H / 2 + 5 - (len(lines) - 1) * 8
        items.append(svg_text(centre, first_line, label, size=13, width=LOOP_PILL_W - 24))
        if index:
            items.append(arrow(centre, y - LOOP_ROW + LOOP_PILL_H + 2, centre, y - 4, "solid"))
    # Back to the start up the left side: out of the last stage, up the lane, into the first stage.
    first_middle = LOOP_TOP + LOOP_PILL_H / 2
    last_middle = LOOP_TOP + (len(stages) - 1) * LOOP_ROW + LOOP_PILL_H / 2
    items.append(arrow(LOOP_LEFT - 2, last_middle, LOOP_LANE, last_middle, "dashed", head=False))
    items.append(arrow(LOOP_LANE, last_middle, LOOP_LANE, first_middle, "dashed", head=False))
    items.append(arrow(LOOP_LANE, first_middle, LOOP_LEFT - 4, first_middle, "dashed"))
    items.append(svg_text(LOOP_LANE, LOOP_TOP - 16, "Outcomes start the next turn", size=13, anchor="start"))
    height = LOOP_TOP + len(stages) * LOOP_ROW
    names = ", ".join(stage.name.lower() for stage in stages)
    desc = (
        f"{len(stages)} stages drawn as a loop: one under the other, and a dashed line up the left side "
        f"from the last stage back to the first. In order: {names}."
    )
    alternative = render_template("teams-alt-lifecycle.html", stages=stages)
    return diagram(
        "diagram-lifecycle", "lifecycle", "The ML lifecycle as a loop", desc, items, height, alternative, NARROW_WIDTH
    )
