"""The building blocks of the teams diagrams: text that wraps, team outlines, arrows and the SVG frame.

Layout is computed here in viewBox units; macros/templates/teams-diagram.html writes the SVG.
Everything is drawn with currentColor (so it follows light and dark mode), and meaning is carried by
shapes, line patterns and text labels, never by colour alone.
"""

from __future__ import annotations

import math

from markupsafe import Markup

from ..html import render_template
from .schema import Role

WIDTH = 480
# A diagram that reads as one column (the lifecycle loop) is drawn to fit the narrowest phone's column.
NARROW_WIDTH = 288
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


def svg_text(x, y, text, *, size=14, anchor="middle", weight="normal", style="normal", width=None) -> dict:
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


def svg_points(points) -> str:
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
        return [{"kind": "polygon", "points": svg_points(points), "cls": "mrp-svg-team"}]
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
    return [{"kind": "polygon", "points": svg_points(points), "cls": "mrp-svg-team"}]


def team_block(name: str, subtitle: str, topology_type: str, members: list[Role], top: float) -> tuple[list, float]:
    """A team outline with its name, a subtitle and one pill per member role; returns items and bottom."""
    rows = math.ceil(len(members) / 2)
    height = 76 + rows * (PILL_H + GAP) + 8
    items = team_shape(topology_type, 12, top, WIDTH - 24, height)
    items.append(svg_text(WIDTH / 2, top + 28, name, size=16, weight="bold"))
    items.append(svg_text(WIDTH / 2, top + 50, subtitle, size=13, style="italic"))
    for index, member in enumerate(members):
        column, row = index % 2, index // 2
        single = index == len(members) - 1 and len(members) % 2 == 1
        px = (WIDTH - PILL_W) / 2 if single else WIDTH / 2 - PILL_W - 6 + column * (PILL_W + 12)
        py = top + 68 + row * (PILL_H + GAP)
        items.append(
            {"kind": "rect", "x": px, "y": py, "w": PILL_W, "h": PILL_H, "rx": PILL_H / 2, "cls": "mrp-svg-role"}
        )
        items.append(svg_text(px + PILL_W / 2, py + PILL_H / 2 + 5, member.name, size=13))
    return items, top + height


def diagram(
    prefix: str, kind: str, title: str, desc: str, items: list, height: float, alternative: str, width: int = WIDTH
) -> str:
    return render_template(
        "teams-diagram.html",
        prefix=prefix,
        kind=kind,
        title=title,
        desc=desc,
        items=items,
        width=width,
        height=round(height),
        alternative=Markup(alternative),
    )


def arrow(x1, y1, x2, y2, line: str, *, head: bool = True, cls: str = "") -> dict:
    return {
        "kind": "line",
        "x1": round(x1, 1),
        "y1": round(y1, 1),
        "x2": round(x2, 1),
        "y2": round(y2, 1),
        "cls": f"mrp-svg-link mrp-svg-{line} {cls}".strip(),
        "head": head,
    }
