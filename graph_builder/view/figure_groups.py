"""Figure groups in the view: one node a group, its figures listed side by side.

A group of figures that measure one thing at one time (``graph_builder.figures``)
is drawn as one node, linked to the claims that state its figures; its panel
lists each figure as printed, where it is printed and the work its claim cites,
so a reader sees the sources' numbers together and goes to each one's claim.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

# A group node's attributes (the projection's node query for the kind "figures").
FIGURE_GROUPS = """SELECT ?n ?label ?key ?disputed ?spread
    (GROUP_CONCAT(?wording; separator="\\n") AS ?wordings) WHERE {
    ?n a cg:FigureGroup ; rdfs:label ?label ; cg:groupKey ?key ; cg:disputed ?disputed .
    OPTIONAL { ?n cg:spread ?spread } OPTIONAL { ?n cg:wording ?wording } }
    GROUP BY ?n ?label ?key ?disputed ?spread"""

# Each figure of a group: as printed, on which line of which document, in which claim.
GROUP_FIGURES = """SELECT ?n ?value ?document ?line ?claim WHERE {
    ?f cg:inFigureGroup ?n ; cg:printedValue ?value ; cg:lineNumber ?line ; cg:statedIn ?claim .
    ?claim schema:isPartOf/schema:identifier ?document }"""


def list_group_figures(view: nx.DiGraph, rows: list[dict[str, str]]) -> None:
    """On each group node, its figures (``rows`` of GROUP_FIGURES) one a line, in
    document and line order, and whether its sources disagree as yes or no."""
    lines: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for row in rows:
        if row["n"] not in view:
            continue
        claim = view.nodes[row["claim"]] if row["claim"] in view else {}
        text = f"{row['value']} — {row['document']}, line {row['line']}"
        if claim.get("cited_work"):
            text += f" — cites {str(claim['cited_work']).splitlines()[0]}"
        lines[row["n"]].append((row["document"], int(row["line"]), text))
    for node, found in lines.items():
        view.nodes[node]["figures"] = "\n".join(text for *_, text in sorted(found))
        view.nodes[node]["disputed"] = "yes" if view.nodes[node]["disputed"] == "true" else "no"
