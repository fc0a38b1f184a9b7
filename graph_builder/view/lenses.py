"""Lenses: four readings of the one full network, each drawn as its own graph on the page.

The full projection (``projection.project(full=True)``, measured) runs every
link through a claim node: people, works and topics meet only through the
quotations and passages that name them, so hiding claims leaves them
unconnected, and all of it at once is a cloud of thousands of nodes. A lens
draws one kind of thing joined directly, each edge keeping the claims that
justify it as ``evidence``:

* ``people`` (``lens_people``): persons joined by the claims that bring them
  together;
* ``sources`` (``lens_sources``): documents, the works they cite, the fonds,
  archives and periodicals that hold those works, and their authors;
* ``topics`` (``lens_topics``): SKOS concepts joined by the vocabulary and by
  claims about both;
* ``claims``: the full network itself, as before, for those who want it.

Lens nodes are node ids of the full projection (the page takes labels and
details from it); a lens adds only ``size`` and ``community``. Edges carry
``kind``, ``kinds``, ``weight`` and ``evidence`` (claim ids sorted by
document, line, id). ``lens.graph`` holds a ``title`` and a ``note``: one
sentence telling the user what an edge means and what was left out.
"""

from __future__ import annotations

import networkx as nx

from graph_builder.support.gc_pause import gc_paused
from graph_builder.view.lens_parts import Relations, evidence_order
from graph_builder.view.lens_people import people_lens
from graph_builder.view.lens_sources import sources_lens
from graph_builder.view.lens_topics import topics_lens
from graph_builder.view.projection import CLAIM_KINDS, EDGE_KINDS, PAGE_LIMIT, best_connected

LENS_NAMES = ("people", "sources", "topics", "claims")
#: The people lens is the default once it links at least this many people: fewer make a
#: handful of dots that tell less than the sources the documents cite.
ENOUGH_PEOPLE = 10
#: The sources lens is the next choice once it holds at least this many nodes.
ENOUGH_SOURCES = 10


def build_lenses(full: nx.DiGraph) -> dict[str, nx.Graph]:
    """Every lens of LENS_NAMES, in that order, from the measured full projection.

    The cycle collector is paused meanwhile: building them makes some hundred
    thousand small dicts, lists and tuples, and each few hundred triggered a
    collection that walked the whole projection again (0.1 s of 0.35 s on the
    Soviet corpus). A lens larger than a page can draw keeps its
    best-connected nodes (``projection.best_connected``), and says so.
    """
    with gc_paused():
        rel = Relations(full)
        lenses = {"people": people_lens(full, rel), "sources": sources_lens(full, rel),
                  "topics": topics_lens(full, rel), "claims": claims_lens(full)}
    return {name: _drawable(lens) for name, lens in lenses.items()}


def _drawable(lens: nx.Graph) -> nx.Graph:
    """`lens`, or its ``PAGE_LIMIT`` best-connected nodes when it has more, its note saying so."""
    kept = best_connected(lens, PAGE_LIMIT)
    shown, total = kept.graph.pop("shown")
    if shown < total:
        kept.graph["note"] = (f"{kept.graph.get('note', '')} The {shown:,} best-connected of "
                              f"{total:,} nodes are drawn; claimgraph viz --focus NAME draws "
                              "any part.").strip()
    return kept


def default_lens(lenses: dict[str, nx.Graph]) -> str:
    """The lens that reads best: people when it links ``ENOUGH_PEOPLE`` people (a network of
    who is said, quoted and cited with whom is what a historian opens first), else sources
    when they hold ``ENOUGH_SOURCES`` nodes, else the claims themselves."""
    if lenses.get("people") is not None and lenses["people"].number_of_nodes() >= ENOUGH_PEOPLE:
        return "people"
    if lenses.get("sources") is not None and (
            lenses["sources"].number_of_nodes() >= ENOUGH_SOURCES):
        return "sources"
    return "claims"


#: Kinds the claims lens leaves to their own lens: topics bring one "about" link per claim
#: and topic, a third of the graph's links, and publishers and archives, with the works no
#: claim cites (fonds, periodicals), are the Sources lens's records. Without them the lens
#: draws within the page's one-second budget on the corpus (1.17 s with them all).
LEFT_TO_OTHER_LENSES = frozenset({"topic", "organization"})


def _claims_lens_keeps(full: nx.DiGraph, node: str, kind: str | None) -> bool:
    """Every node but topics and organizations, and works only when a claim cites them."""
    if kind in LEFT_TO_OTHER_LENSES:
        return False
    if kind == "work":
        return any(full.nodes[c].get("kind") in CLAIM_KINDS for c in full.predecessors(node))
    return True


def claims_lens(full: nx.DiGraph) -> nx.Graph:
    """The full network undirected, but for what other lenses hold (``_claims_lens_keeps``):
    every claim and what it links to (isolated nodes too), one edge a pair naming every
    relation, the claim at either end its evidence; size and community as ``measure`` gave."""
    lens = nx.Graph(title="Claims")
    for node, attrs in full.nodes(data=True):
        if _claims_lens_keeps(full, node, attrs.get("kind")):
            lens.add_node(node, **{k: attrs[k] for k in ("size", "community") if k in attrs})
    where = {c: evidence_order(full, c) for c, kind in full.nodes(data="kind")
             if kind in CLAIM_KINDS}
    joined: dict[tuple[str, str], set[str]] = {}
    for a, b, kinds in full.edges(data="kinds"):
        if a not in lens or b not in lens:
            continue
        joined.setdefault((a, b) if a < b else (b, a), set()).update(kinds.split("; "))
    edges = []
    for (a, b), kinds in sorted(joined.items()):
        ordered = sorted(kinds, key=_edge_rank) if len(kinds) > 1 else list(kinds)
        edges.append((a, b, {"kind": ordered[0], "kinds": "; ".join(ordered), "weight": 1,
                             "evidence": _ends_as_evidence(a, b, where)}))
    lens.add_edges_from(edges)
    claims = sum(1 for _, kind in full.nodes(data="kind") if kind in CLAIM_KINDS)
    lens.graph["note"] = (
        f"Every claim of the graph ({claims:,}) and all it is linked to: its document, whom it "
        "mentions, what it cites. Topics are in the Topics lens, and publishers, archives and "
        "the volumes and fonds that hold cited works in the Sources lens.")
    return lens


def _ends_as_evidence(a: str, b: str, where: dict[str, tuple[str, int, str]]) -> list[str]:
    """The claims among an edge's two ends, in evidence order (the common case made quick:
    the claims lens has tens of thousands of edges)."""
    if a in where and b in where:
        return [a, b] if where[a] <= where[b] else [b, a]
    return [a] if a in where else [b] if b in where else []


def _edge_rank(kind: str) -> int:
    return EDGE_KINDS.index(kind) if kind in EDGE_KINDS else len(EDGE_KINDS)
