"""Team topology rendering: the responsibility matrix, the cards and tables, and every diagram's SVG,
drawn from the real data in data/teams/."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from macros.teams import cards, diagrams, schema, shapes
from tests.support.site import ROOT

TEAMS = ROOT / "data" / "teams"
SVG = "{http://www.w3.org/2000/svg}"


# ---- HTML ----------------------------------------------------------------------------------------


class _Table(HTMLParser):
    """Collects the matrix rows: role id -> {stage id: letter} read from the visible cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, str]] = {}
        self.headers: list[str] = []
        self._role = self._stage = None
        self._text = ""
        self._hidden = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._hidden = self._hidden or "mrp-visually-hidden" in (attributes.get("class") or "").split()
        if tag == "tr" and "data-mrp-role" in attributes:
            self._role = attributes["data-mrp-role"]
            self.rows[self._role] = {}
        if tag == "th" and "data-mrp-stage" in attributes:
            self.headers.append(attributes["data-mrp-stage"])
        if tag == "td" and self._role:
            self._stage, self._text = attributes["data-mrp-stage"], ""

    def handle_data(self, data):
        if self._stage and not self._hidden:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "span":
            self._hidden = False
        if tag == "td" and self._stage:
            text = self._text.replace("–", "").strip()
            self.rows[self._role][self._stage] = text
            self._stage = None


def test_the_matrix_matches_the_data_cell_by_cell(teams):
    html = cards.render_matrix(teams, "teams/roles.md")
    table = _Table()
    table.feed(html)
    assert table.headers == [stage.id for stage in teams.stages]
    assert table.rows == {role.id: dict(role.raci) for role in teams.roles.values()}
    assert 'scope="col"' in html and 'scope="row"' in html
    # The caption is outside the scroll box, and names both the box and the table.
    caption = 'id="responsibility-matrix-caption"'
    assert html.index(caption) < html.index("mrp-matrix__scroll")
    assert html.count('aria-labelledby="responsibility-matrix-caption"') == 2
    # Each letter is read out as its word: a screen reader hears "Accountable", not "A" (an abbr's
    # title is not read by default), and the page carries no hover tooltip per cell to set up.
    assert '<span aria-hidden="true">A</span><span class="mrp-visually-hidden">Accountable</span>' in html
    assert "<td" in html and "<abbr" not in html.split("<table", 1)[1]


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(html[start : html.index("</svg>", start) + 6]) for start in _starts(html, "<svg")]


def _starts(text: str, needle: str) -> list[int]:
    found, index = [], text.find(needle)
    while index != -1:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


@pytest.mark.parametrize(
    "render",
    [
        lambda t: diagrams.render_team_diagram(t, "ml-product-team"),
        lambda t: diagrams.render_team_diagram(t, "ml-platform-team"),
        lambda t: diagrams.render_team_diagram(t, "mlops-enabling-team"),
        lambda t: diagrams.render_team_diagram(t, "specialist-model-team"),
        diagrams.render_before_diagram,
        diagrams.render_after_diagram,
        lambda t: diagrams.render_phase_diagram(t, "many-products"),
        diagrams.render_modes_diagram,
        diagrams.render_lifecycle_loop,
    ],
)
def test_every_diagram_is_well_formed_accessible_svg(teams, render):
    html = render(teams)
    ET.fromstring(html)  # the whole figure, text alternative included, is well-formed XML
    (svg,) = _svgs(html)
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert svg.get("viewBox", "").startswith("0 0 ")
    assert "<script" not in html and "@font-face" not in html and "http://" not in html.replace(SVG[1:-1], "")
    assert "<details" in html, "each diagram needs a text alternative"
    colours = [value for element in svg.iter() for key, value in element.attrib.items() if key in {"fill", "stroke"}]
    assert set(colours) <= {"currentColor", "none"}, "colours must follow the theme"


def test_the_phase_diagram_draws_each_mode_with_its_own_line(teams):
    svg = _svgs(diagrams.render_phase_diagram(teams, "few-products"))[0]
    lines = [line for line in svg.iter(f"{SVG}line") if "mrp-svg-link" in line.get("class", "")]
    patterns = {line.get("class").split()[1]: line.get("stroke-dasharray") for line in lines}
    assert patterns == {"mrp-svg-dashed": "10 6", "mrp-svg-solid": None, "mrp-svg-dotted": "0.5 7"}


def test_every_team_type_diagram_uses_its_own_shape(teams):
    outlines = set()
    for type_id in teams.team_types:
        svg = _svgs(diagrams.render_team_diagram(teams, type_id))[0]
        outline = next(element for element in svg.iter() if element.get("class") == "mrp-svg-team")
        outlines.add((outline.tag, outline.get("rx"), len((outline.get("points") or "").split())))
    assert len(outlines) == len(teams.team_types)


def test_text_from_the_data_is_escaped(teams):
    evil = "<script>alert(1)</script> & co"
    role = teams.roles["sre"].model_copy(update={"name": evil, "focus": evil})
    hostile = schema.Topology(
        stages=teams.stages,
        roles={**teams.roles, "sre": role},
        team_types=teams.team_types,
        modes=teams.modes,
        phases=teams.phases,
        before=teams.before,
        after=teams.after,
    )
    outputs = [
        cards.render_role_card(hostile, "sre", "teams/roles.md"),
        cards.render_matrix(hostile, "teams/roles.md"),
        diagrams.render_team_diagram(hostile, "ml-platform-team"),
        cards.render_composition_check(hostile),
    ]
    for html in outputs:
        assert "<script>" not in html
        assert "&lt;script&gt;" in html or "\\u003cscript" in html or "&#34;" in html
    ET.fromstring(diagrams.render_team_diagram(hostile, "ml-platform-team"))


def test_unknown_ids_list_the_known_ones(teams):
    with pytest.raises(KeyError, match="unknown role 'wizard'; known: data-scientist"):
        cards.render_role_card(teams, "wizard", "teams/roles.md")
    with pytest.raises(KeyError, match="unknown team type 'squad'.*ml-product-team"):
        diagrams.render_team_diagram(teams, "squad")


def test_the_role_changes_table_covers_every_role(teams):
    html = cards.render_role_changes(teams)
    for role in teams.roles.values():
        assert f'data-mrp-role="{role.id}"' in html
        assert role.after.replace("'", "&#39;") in html


def test_wrap_keeps_lines_within_the_width():
    lines = shapes.wrap("A model file and a wiki page cross the wall between two teams", 150)
    assert len(lines) > 1
    assert all(len(line) * shapes.CHAR <= 150 for line in lines)


def test_every_diagram_is_drawn_at_one_scale_with_readable_text(teams):
    """One SVG unit is one CSS pixel (width and height match the viewBox), and no text is under 12 units."""
    renders = [
        *(diagrams.render_team_diagram(teams, type_id) for type_id in teams.team_types),
        diagrams.render_before_after(teams),
        diagrams.render_evolution(teams),
        diagrams.render_modes_diagram(teams),
        diagrams.render_lifecycle_loop(teams),
    ]
    for html in renders:
        for svg in _svgs(html):
            assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
            # One width for all, but the lifecycle loop: one column, to fit the narrowest phone.
            width = shapes.NARROW_WIDTH if svg.get("aria-labelledby").startswith("diagram-lifecycle") else shapes.WIDTH
            assert svg.get("width") == str(width)
            sizes = [float(text.get("font-size")) for text in svg.iter(f"{SVG}text")]
            assert sizes and min(sizes) >= 12, svg.find(f"{SVG}title").text


def test_the_lifecycle_loop_follows_the_stages_in_order_and_closes(teams):
    html = diagrams.render_lifecycle_loop(teams)
    (svg,) = _svgs(html)
    labels = [" ".join(t.text.strip() for t in text.iter(f"{SVG}tspan")) for text in svg.iter(f"{SVG}text")]
    numbered = [label for label in labels if label[0].isdigit()]
    assert numbered == [f"{number}. {stage.name}" for number, stage in enumerate(teams.stages, start=1)]
    dashed = [line for line in svg.iter(f"{SVG}line") if "mrp-svg-dashed" in line.get("class", "")]
    assert dashed and dashed[-1].get("marker-end"), "a dashed arrow leads from the last stage back to the first"
    for stage in teams.stages:
        assert stage.summary.replace("'", "&#39;") in html
