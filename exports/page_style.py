"""How the network page draws a node or an edge: colours, radii, label sizes, vis options.

Kept apart from the payload that says *what* is drawn (``page_payload``), so the
look can change without touching which nodes, claims and evidence a page holds.
"""

from __future__ import annotations

import html
import math
from collections import Counter

#: Colour per node kind (Tableau 10, distinct on screen and in greyscale print).
KIND_COLOURS = {
    "person": "#4e79a7",
    "work": "#f28e2b",
    "claim": "#e15759",
    "turn": "#e15759",
    "quotation": "#76b7b2",
    "passage": "#9c755f",
    "thesis": "#59a14f",
    "document": "#edc948",
    "topic": "#b07aa1",
    "organization": "#ff9da7",
    "figures": "#bab0ac",
}
#: Colour of kinds the palette does not know, so they stay visible but quiet.
UNKNOWN_COLOUR = "#9aa0a6"
#: Community colours for a lens of one kind (people): Tableau 20's darker tones, then grey
#: for the small communities past them, which would otherwise need colours no eye tells apart.
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#9c755f",
                     "#edc948", "#76b7b2", "#ff9da7", "#499894", "#d37295", "#86bcb6",
                     "#8cd17d", "#b6992d", "#f1ce63", "#a0cbe8")
SMALL_COMMUNITY_COLOUR = "#c7cbd1"

SMALLEST, LARGEST = 6, 30  # node radius in pixels at zoom 1


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, UNKNOWN_COLOUR)


def community_colour(number: int) -> str:
    """Colour of community `number` (1 = largest)."""
    return COMMUNITY_COLOURS[number - 1] if 1 <= number <= len(COMMUNITY_COLOURS) else (
        SMALL_COMMUNITY_COLOUR)


def node_size(attrs: dict, degree: int) -> float:
    """The node's radius: its ``size`` if it has one, else grown with the degree."""
    size = attrs.get("size")
    if isinstance(size, (int, float)) and not isinstance(size, bool) and size > 0:
        return round(min(max(float(size), SMALLEST), LARGEST), 1)
    return round(min(SMALLEST + 3 * math.sqrt(degree), LARGEST), 1)


def edge_width(weight: int) -> float:
    """An edge as thick as the claims behind it, slowly: 1 px for one, 6 px from about 60."""
    return round(min(1 + 1.2 * math.log2(max(weight, 1)), 6.0), 1)


def vis_options(n_nodes: int) -> dict:
    """vis-network options: physics off (positions are precomputed), straight edges, and
    no labels: the page draws them in screen space where they do not overlap (labels.js)."""
    big = n_nodes > 1000
    return {
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {"shape": "dot", "borderWidth": 1},
        "edges": {
            "smooth": False,
            "width": 1,
            "color": {"color": "#b9bec5", "highlight": "#2c3e50", "hover": "#2c3e50"},
            "arrows": {"to": {"scaleFactor": 0.5}},
        },
        "interaction": {
            "hover": True,
            "multiselect": True,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
    }


def legend(kinds: Counter) -> list[list]:
    """Legend rows [kind, colour, count], known kinds first in palette order."""
    known = [k for k in KIND_COLOURS if k in kinds]
    others = sorted(k for k in kinds if k not in KIND_COLOURS)
    return [[kind, kind_colour(kind), kinds[kind]] for kind in known + others]


def legend_html(rows: list[list]) -> str:
    """The legend of the lens the page opens on, as the page script also draws it."""
    items = []
    for kind, colour, count in rows:
        name = html.escape(kind)
        items.append(
            f'<li data-kind="{name}"><span class="swatch" style="background:{colour}"></span>'
            f'<span class="kind">{name}</span><span class="count">{count}</span></li>'
        )
    return "\n".join(items)
