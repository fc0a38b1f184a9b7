"""What the network page holds: one ``info`` entry per node it can show, and a drawing per lens.

A page draws several lenses over one graph (``full``): people, sources,
topics, claims. Every node any lens draws, any edge's evidence names, or any
drawn node's claim list names gets one entry in ``info`` (label, kind, details,
IRI, other spellings, years, its first claims), numbered in IRI order; a lens's
drawing refers to nodes by that number only, so a claim shown under three
lenses is written once. A drawing has the nodes (position from
``exports.layout``, size, and colour when the lens colours communities), the
edges (kind, weight, evidence) and the vis-network options.

Corpus text only ever reaches the page as JSON data that the page script puts
into the DOM with ``textContent``.
"""

from __future__ import annotations

import os
from collections import Counter

import networkx as nx

from exports import page_style as style
from exports.layout import layout_positions
from exports.page_pyvis import collect

#: Node kinds that are claims: what evidence lists and a node's claim list show.
CLAIM_KINDS = frozenset({"quotation", "turn", "passage", "claim"})
#: Claims listed under a node in the page; the count says how many more there are.
CLAIM_LIST = 50
#: Above this many edges arrowheads are not drawn: at the zoom that shows so many they are
#: specks, and drawing them took a fifth of the first frame of the corpus's full view.
#: The details panel and tooltips still give every edge's direction.
ARROW_EDGES = 5000
#: Details fields the page rebuilds rather than reads from every entry.
COMMUNITY_FIELD, SOURCE_FIELD, TEXT_FIELD = "Community", "Source", "Text"


def info_order(full: nx.Graph, lenses: dict[str, nx.Graph], claims: ClaimLists) -> list:
    """The nodes the page describes, in IRI order: those drawn, those named as evidence,
    and the claims listed under the drawn ones."""
    wanted = set()
    for lens in lenses.values():
        wanted.update(lens.nodes)
        for *_, evidence in lens.edges(data="evidence"):
            wanted.update(e for e in evidence or () if e in full)
    for node in list(wanted):
        wanted.update(claims(node)[:CLAIM_LIST])
    return sorted(wanted, key=lambda n: (str(n), type(n).__name__))


class ClaimLists:
    """The claims linked to each node of `full` (either direction), in reading order
    (document, line, IRI), found once per node: the page's order, its claim lists and
    its document filter all ask for them."""

    def __init__(self, full: nx.Graph) -> None:
        self.full = full
        self._found: dict = {}

    def __call__(self, node) -> list:
        if node not in self._found:
            full = self.full
            if node not in full:
                self._found[node] = []
                return []
            near = set(nx.all_neighbors(full, node)) if full.is_directed() else set(
                full.neighbors(node))
            found = [n for n in near if n != node and _kind(full.nodes[n]) in CLAIM_KINDS]
            found.sort(key=lambda n: _reading_order(full.nodes[n], n))
            self._found[node] = found
        return self._found[node]


def _reading_order(attrs: dict, node) -> tuple:
    line = attrs.get("line")
    return (str(attrs.get("document") or ""), line if isinstance(line, int) else 0, str(node))


def info_payload(full: nx.Graph, lenses: dict[str, nx.Graph], order: list,
                 years: dict | None, claims: ClaimLists) -> dict:
    """``info``: one entry per node of `order`, what the page shows of it besides the drawing.

    What many entries would repeat is written once: IRIs lose their common
    start (``iriBase``), a community's description (the same on each of its
    hundreds of members) sits in ``communities``, and a claim's "Source" field
    is left for the page to rebuild.
    """
    index = {node: i for i, node in enumerate(order)}
    member = {node: 0 for node in order}
    for bit, lens in enumerate(lenses.values()):
        for node in lens:
            member[node] |= 1 << bit
    base = _iri_base(order)
    communities: dict[str, str] = {}
    entries = []
    for node in order:
        attrs = full.nodes[node] if node in full else _lens_attrs(lenses, node)
        entry = _entry(node, attrs, full.degree(node) if node in full else 0)
        entry["iri"] = entry["iri"][len(base):]
        entry["in"] = member[node]
        _share_community(entry, communities)
        if node in full:
            found = claims(node)
            if found:
                entry["claims"] = [index[c] for c in found[:CLAIM_LIST] if c in index]
                entry["claimCount"] = len(found)
        if years and node in years:
            entry["years"] = [int(years[node][0]), int(years[node][1])]
        entries.append(entry)
    return {"info": entries, "iriBase": base, "communities": communities}


def _iri_base(order: list) -> str:
    """The start every node's IRI shares, up to a '/', '#' or ':' (often the graph's base)."""
    common = os.path.commonprefix([str(n) for n in order]) if order else ""
    return common[: max(common.rfind(c) for c in "/#:") + 1]


def _share_community(entry: dict, communities: dict[str, str]) -> None:
    """Move the "Community" field to the shared table when it says what the table says."""
    number = entry.get("community")
    pairs = entry["details"]
    if number is None or not pairs or pairs[-1][0] != COMMUNITY_FIELD:
        return
    text = communities.setdefault(str(number), pairs[-1][1])
    if text == pairs[-1][1]:
        pairs.pop()


def _drop_source(entry: dict) -> None:
    """Drop a claim's "Source" field when the page can rebuild it, right after the text."""
    pairs = entry["details"]
    if "doc" not in entry or "line" not in entry or len(pairs) < 2 or pairs[0][0] != "Text":
        return
    source = f"{entry['doc']}, line {entry['line']}"
    if "span" in entry:
        source += ", characters {}\u2013{}".format(*entry["span"])
    if pairs[1] == [SOURCE_FIELD, source]:
        del pairs[1]


def _lens_attrs(lenses: dict[str, nx.Graph], node) -> dict:
    """A node's attributes from the first lens holding it, when `full` lacks it."""
    return next(lens.nodes[node] for lens in lenses.values() if node in lens)


def _entry(node, attrs: dict, degree: int) -> dict:
    label = str(attrs.get("label") or node)
    kind = _kind(attrs)
    entry: dict = {"label": label, "kind": kind, "details": _details(attrs), "iri": str(node),
                   "size": style.node_size(attrs, degree)}
    if isinstance(attrs.get("community"), int):
        entry["community"] = attrs["community"]
    names = [str(n) for n in attrs.get("names") or () if str(n) != label]
    if names:
        entry["aliases"] = names
    if kind in CLAIM_KINDS:
        _whole_text(entry, attrs)
        # where the claim stands: for "document, line" and the reader link
        if attrs.get("document"):
            entry["doc"] = str(attrs["document"])
        if isinstance(attrs.get("line"), int):
            entry["line"] = attrs["line"]
        if isinstance(attrs.get("char_start"), int) and isinstance(attrs.get("char_end"), int):
            entry["span"] = [attrs["char_start"], attrs["char_end"]]
        _drop_source(entry)
    return entry


def _whole_text(entry: dict, attrs: dict) -> None:
    """Give a claim its whole text where its details hold the start of it: search finds a
    name anywhere in a claim, and an evidence list marks it, past the details' cut."""
    pairs, whole = entry["details"], attrs.get("text")
    if not isinstance(whole, str) or not pairs or pairs[0][0] != TEXT_FIELD:
        return
    shown = pairs[0][1]
    flat = " ".join(whole.split())
    if shown != whole and shown.endswith("\u2026") and flat.startswith(shown[:-1]):
        pairs[0][1] = flat


def _kind(attrs: dict) -> str:
    """The node or edge kind as text; a missing kind is shown as 'unknown'."""
    return str(attrs.get("kind") or "unknown")


def _details(attrs: dict) -> list[list[str]]:
    """The node's `details` as ordered [field, text] pairs (JSON keeps no order promise)."""
    details = attrs.get("details") or {}
    if not isinstance(details, dict):
        return [["Details", str(details)]]
    return [[str(k), str(v)] for k, v in details.items() if v is not None]


def document_titles(full: nx.Graph) -> dict[str, str]:
    """Document identifier -> title, so a claim's place reads as a title, not a file name."""
    titles = {}
    for _, attrs in full.nodes(data=True):
        if attrs.get("kind") == "document" and attrs.get("identifier"):
            titles[str(attrs["identifier"])] = str(attrs.get("title") or attrs.get("label") or
                                                   attrs["identifier"])
    return titles


def lens_meta(name: str, lens: nx.Graph, full: nx.Graph) -> dict:
    """What the lens switcher and legend show of a lens before it is drawn."""
    kinds = Counter(_kind(full.nodes[n] if n in full else lens.nodes[n]) for n in lens)
    # A single view drawn as its own lens has the page's title, not a lens's.
    own = lens.graph if lens is not full else {}
    return {"name": name, "title": str(own.get("title") or name.title()),
            "note": str(own.get("note") or ""), "nodes": lens.number_of_nodes(),
            "edges": lens.number_of_edges(), "legend": style.legend(kinds),
            "communities": _communities(lens, full)}


def lens_drawing(lens: nx.Graph, full: nx.Graph, index: dict) -> dict:
    """One lens laid out, as compact rows the page script turns into vis-network items.

    ``nodes``: [info id, x, y, radius] (plus a colour and the community's number
    when the lens colours communities; otherwise the page colours by kind); the label is the info
    entry's. ``edges``: [from, to, kind number, weight, evidence ids...], with
    the kinds named once in ``kinds``; evidence that is just the claim at an end
    (the claims lens) is left for the page to find. Rows rather than vis
    objects keep the corpus's claims lens a third of the size, and vis-network
    deep-copies every object property of every item before the first frame.
    """
    order = sorted(lens.nodes, key=index.__getitem__)
    local = {node: i for i, node in enumerate(order)}
    pairs = _edge_list(lens, local)
    positions = layout_positions(len(order), [(u, v) for u, v, _ in pairs])
    degree = Counter()
    for u, v, _ in pairs:
        degree[u] += 1
        degree[v] += 1
    ranks = _community_ranks(lens, full, order)
    drawn = []
    for i, node in enumerate(order):
        own = lens.nodes[node]  # the lens's size wins over the full graph's
        attrs = {**(full.nodes[node] if node in full else own),
                 **({"size": own["size"]} if "size" in own else {})}
        item = {"id": index[node], "x": positions[i][0], "y": positions[i][1],
                "size": style.node_size(attrs, degree[i])}
        if ranks:
            item.update(color=style.community_colour(ranks[i]), community=ranks[i])
        drawn.append(item)
    kinds: dict[str, int] = {}
    links = []
    for u, v, attrs in pairs:
        kind = _kind(attrs)  # the page takes the first of `kinds` as the kind
        if str(attrs.get("kinds") or "").split("; ")[0] == kind:
            kind = str(attrs["kinds"])
        weight = attrs.get("weight")
        weight = weight if isinstance(weight, int) and not isinstance(weight, bool) else 1
        evidence = [index[e] for e in attrs.get("evidence") or () if e in index]
        if set(evidence) == {n for n in (order[u], order[v]) if _is_claim(full, lens, n)}:
            evidence = []
        links.append({"from": index[order[u]], "to": index[order[v]],
                      "kind": kinds.setdefault(kind, len(kinds)), "value": max(weight, 1),
                      "evidence": evidence})
    options = style.vis_options(len(order))
    options["edges"]["arrows"]["to"]["enabled"] = lens.is_directed() and len(pairs) <= ARROW_EDGES
    vis_nodes, vis_edges, options = collect(drawn, links, options)
    nodes = [[n["id"], n["x"], n["y"], n["size"], *([n["color"], n["community"]] if ranks else [])]
             for n in vis_nodes]
    edges = [[e["from"], e["to"], e["kind"], e["value"], *e["evidence"]] for e in vis_edges]
    return {"nodes": nodes, "edges": edges, "kinds": list(kinds), "options": options,
            "directed": lens.is_directed()}


def _is_claim(full: nx.Graph, lens: nx.Graph, node) -> bool:
    return _kind(full.nodes[node] if node in full else lens.nodes[node]) in CLAIM_KINDS


def _edge_list(lens: nx.Graph, local: dict) -> list[tuple[int, int, dict]]:
    """Edges as sorted (from, to, attributes), so insertion order never changes the file.

    An undirected edge has no "from", so its lower index goes first.
    """
    triples = []
    for u, v, attrs in lens.edges(data=True):
        i, j = local[u], local[v]
        if not lens.is_directed() and j < i:
            i, j = j, i
        triples.append((i, j, attrs))
    return sorted(triples, key=lambda t: (t[0], t[1], _kind(t[2])))


def _community_ranks(lens: nx.Graph, full: nx.Graph, order: list) -> list[int]:
    """In a lens of one kind whose nodes carry communities, each node's community numbered
    again by size (1 the largest, which always gets the first colour); else nothing."""
    kinds = {_kind(full.nodes[n] if n in full else lens.nodes[n]) for n in order}
    groups = [lens.nodes[n].get("community") for n in order]
    if len(kinds) != 1 or not order or not all(isinstance(g, int) for g in groups):
        return []
    sizes = Counter(groups)
    ranked = sorted(sizes, key=lambda g: (-sizes[g], g))
    rank = {g: r for r, g in enumerate(ranked, start=1)}
    return [rank[g] for g in groups]


def _communities(lens: nx.Graph, full: nx.Graph) -> list[list]:
    """Legend rows of a lens coloured by community: [number, colour, members, its most
    central member's label], for the communities that have a colour of their own."""
    order = sorted(lens.nodes, key=str)
    ranks = _community_ranks(lens, full, order)
    rows = []
    for number in range(1, min(max(ranks, default=0), len(style.COMMUNITY_COLOURS)) + 1):
        members = [n for n, r in zip(order, ranks, strict=True) if r == number]
        central = max(members, key=lambda n: (_size(lens, full, n), str(n)))
        attrs = full.nodes[central] if central in full else lens.nodes[central]
        rows.append([number, style.community_colour(number), len(members),
                     str(attrs.get("label") or central)])
    return rows


def _size(lens: nx.Graph, full: nx.Graph, node) -> float:
    size = lens.nodes[node].get("size", full.nodes[node].get("size") if node in full else None)
    return float(size) if isinstance(size, (int, float)) else 0.0
