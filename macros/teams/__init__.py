"""The teams feature: lifecycle stages, roles, team types and interactions (data/teams/), and their rendering.

- `schema`: the pydantic models, loading, the checks between files, and lookups by id.
- `composition`: the composition check's rules (pure; composition.js mirrors them).
- `cards`: role cards, the responsibility matrix, team cards, the team API and the composition form.
- `shapes` and `diagrams`: the inline SVG diagrams.

The names below are what macros/__init__.py, macros/registry.py and the tests use.
"""

from .cards import (
    render_composition_check,
    render_lifecycle_table,
    render_matrix,
    render_modes,
    render_role_card,
    render_role_cards,
    render_role_changes,
    render_team_api,
    render_team_type_card,
)
from .composition import resembles, to_model, uncovered_stages
from .diagrams import (
    render_after_diagram,
    render_before_after,
    render_before_diagram,
    render_evolution,
    render_lifecycle_loop,
    render_modes_diagram,
    render_phase_diagram,
    render_team_diagram,
)
from .schema import (
    LETTERS,
    TOPOLOGY_NAMES,
    After,
    Before,
    BeforeTeam,
    Interaction,
    Mode,
    Phase,
    Role,
    Stage,
    TeamInstance,
    TeamType,
    Topology,
    load_topology,
)
from .shapes import CHAR, WIDTH, wrap

__all__ = [
    "CHAR",
    "LETTERS",
    "TOPOLOGY_NAMES",
    "WIDTH",
    "After",
    "Before",
    "BeforeTeam",
    "Interaction",
    "Mode",
    "Phase",
    "Role",
    "Stage",
    "TeamInstance",
    "TeamType",
    "Topology",
    "load_topology",
    "render_after_diagram",
    "render_before_after",
    "render_before_diagram",
    "render_composition_check",
    "render_evolution",
    "render_lifecycle_loop",
    "render_lifecycle_table",
    "render_matrix",
    "render_modes",
    "render_modes_diagram",
    "render_phase_diagram",
    "render_role_card",
    "render_role_cards",
    "render_role_changes",
    "render_team_api",
    "render_team_diagram",
    "render_team_type_card",
    "resembles",
    "to_model",
    "uncovered_stages",
    "wrap",
]
