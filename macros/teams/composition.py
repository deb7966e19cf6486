"""The composition check's rules: which stages a set of roles leaves uncovered, and which team it resembles.

Pure rules, data in and result out. docs/assets/javascripts/composition.js repeats `uncovered_stages`
and `resembles`; a browser test checks that both give the same answers.
"""

from __future__ import annotations

from .schema import Topology


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
