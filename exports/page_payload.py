"""What the network page holds: one ``info`` entry per node it can show, and a drawing per lens.

A page draws several lenses over one graph (``full``): people, sources,
topics, claims. Every node any lens draws, any edge's evidence names, or any
drawn node's claim list names gets one entry in ``info`` (label, kind, details,
IRI, other spellings, years, its first claims), numbered in IRI order; a lens's
drawing refers to nodes by that number only, so a claim shown under three
lenses is written once. A drawing has the vis-network nodes (position from
``exports.layout``, size, colour, label), edges (kind, weight, evidence), the
options, and the most central nodes, whose labels the page keeps readable.

Corpus text only ever reaches the page as JSON data that the page script puts
into the DOM with ``textContent``.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from exports import page_style as style
from exports.layout import layout_positions

#: Node kinds that are claims: what evidence lists and a node's claim list show.
CLAIM_KINDS = frozenset({"quotation", "turn", "passage", "claim"})
#: Claims listed under a node in the page; the count says how many more there are.
CLAIM_LIST = 50
#: Above this many edges arrowheads are not drawn: at the zoom that shows so many they are
#: specks, and drawing them took a fifth of the first frame of the corpus's full view.
#: The details panel and tooltips still give every edge's direction.
ARROW_EDGES = 5000


def info_order(full: nx.Graph, lenses: dict[str, nx.Graph]) -> list:
    """The nodes the page describes, in IRI order: those drawn, those named as evidence,
    and the claims listed under the drawn ones."""
    wanted = set()
    for lens in lenses.values():
        wanted.update(lens.nodes)
        for *_, evidence in lens.edges(data="evidence"):
            wanted.update(e for e in evidence or () if e in full)
    for node in list(wanted):
        if node in full:
            wanted.update(claims_of(full, node)[0])
    return sorted(wanted, key=lambda n: (str(n), type(n).__name__))


def claims_of(full: nx.Graph, node) -> tuple[list, int]:
    """The claims linked to `node` in `full` (either direction), the first CLAIM_LIST
    in reading order (document, line, IRI), and how many there are in all."""
    near = set(full.predecessors(node)) | set(full.successors(node)) if full.is_directed() else (
        set(full.neighbors(node)))
    found = [n for n in near if n != node and _kind(full.nodes[n]) in CLAIM_KINDS]
    found.sort(key=lambda n: _reading_order(full.nodes[n], n))
    return found[:CLAIM_LIST], len(found)


def _reading_order(attrs: dict, node) -> tuple:
    line = attrs.get("line")
    return (str(attrs.get("document") or ""), line if isinstance(line, int) else 0, str(node))


def info_entries(full: nx.Graph, lenses: dict[str, nx.Graph], order: list,
                 years: dict | None) -> list[dict]:
    """One entry per node of `order`: what the page shows of it besides the drawing."""
    index = {node: i for i, node in enumerate(order)}
    member = {node: 0 for node in order}
    for bit, lens in enumerate(lenses.values()):
        for node in lens:
            member[node] |= 1 << bit
    entries = []
    for node in order:
        attrs = full.nodes[node] if node in full else _lens_attrs(lenses, node)
        entry = _entry(node, attrs, full.degree(node) if node in full else 0)
        entry["in"] = member[node]
        if node in full:
            listed, count = claims_of(full, node)
            if count:
                entry["claims"] = [index[c] for c in listed if c in index]
                entry["claimCount"] = count
        if years and node in years:
            entry["years"] = [int(years[node][0]), int(years[node][1])]
        entries.append(entry)
    return entries


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
    if kind in CLAIM_KINDS:  # where the claim stands: for "document, line" and the reader link
        if attrs.get("document"):
            entry["doc"] = str(attrs["document"])
        if isinstance(attrs.get("line"), int):
            entry["line"] = attrs["line"]
        if isinstance(attrs.get("char_start"), int) and isinstance(attrs.get("char_end"), int):
            entry["span"] = [attrs["char_start"], attrs["char_end"]]
    return entry


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
            "edges": lens.number_of_edges(), "legend": style.legend(kinds)}


def lens_drawing(lens: nx.Graph, full: nx.Graph, index: dict, network_class: type) -> dict:
    """The vis-network nodes and edges of one lens, laid out, with their options.

    pyvis' ``Network`` (passed in, as importing it is slow) collects the nodes
    and edges, as it documents vis-network's options.
    """
    order = sorted(lens.nodes, key=index.__getitem__)
    local = {node: i for i, node in enumerate(order)}
    pairs = _edge_list(lens, local)
    positions = layout_positions(len(order), [(u, v) for u, v, _ in pairs])
    degree = Counter()
    for u, v, _ in pairs:
        degree[u] += 1
        degree[v] += 1
    # directed=True always: pyvis checks undirected edges for duplicates in
    # O(edges) each, which is quadratic; arrows are switched off per edge instead.
    net = network_class(directed=True)
    # add_edge asks `node in net.get_nodes()`, a list, twice per edge: quadratic, 0.7 s for
    # the corpus's full view. The same question answered from a set costs nothing.
    known: set[int] = set()
    net.get_nodes = lambda: known
    colours = _colours(lens, full, order)
    sizes = []
    for i, node in enumerate(order):
        own = lens.nodes[node]  # the lens's size wins over the full graph's
        attrs = {**(full.nodes[node] if node in full else own),
                 **({"size": own["size"]} if "size" in own else {})}
        size = style.node_size(attrs, degree[i])
        sizes.append(size)
        x, y = positions[i]
        label = str(attrs.get("label") or node)
        net.add_node(index[node], label=style.shorten(label, style.LABEL_CHARS) or " ",
                     color=colours[i], size=size, x=x, y=y, **style.font(size))
        known.add(index[node])
    arrows = "to" if lens.is_directed() and len(pairs) <= ARROW_EDGES else ""
    for number, (u, v, attrs) in enumerate(pairs):
        net.add_edge(index[order[u]], index[order[v]], **_edge_options(number, attrs, index,
                                                                       arrows))
    nodes, edges, *_ = net.get_network_data()
    central = sorted(range(len(order)), key=lambda i: (-sizes[i], i))[:style.CENTRAL_LABELS]
    return {"nodes": nodes, "edges": edges, "options": style.vis_options(len(order)),
            "directed": lens.is_directed(), "central": [index[order[i]] for i in central]}


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


def _edge_options(number: int, attrs: dict, index: dict, arrows: str) -> dict:
    """An edge's id (its place in the lens), kind, weight, width and evidence (info ids)."""
    options: dict = {"id": number, "arrows": arrows, "kind": _kind(attrs)}
    if attrs.get("kinds") and attrs["kinds"] != options["kind"]:
        options["kinds"] = str(attrs["kinds"])
    weight = attrs.get("weight")
    if isinstance(weight, int) and not isinstance(weight, bool) and weight > 1:
        options["weight"] = weight
        options["width"] = style.edge_width(weight)
    evidence = [index[e] for e in attrs.get("evidence") or () if e in index]
    if evidence:
        options["evidence"] = evidence
    return options


def _colours(lens: nx.Graph, full: nx.Graph, order: list) -> list[str]:
    """Kind colours; in a lens of one kind whose nodes carry communities, community colours
    (numbered again by size, so the largest community always gets the first colour)."""
    kinds = {_kind(full.nodes[n] if n in full else lens.nodes[n]) for n in order}
    groups = [lens.nodes[n].get("community") for n in order]
    if len(kinds) == 1 and order and all(isinstance(g, int) for g in groups):
        sizes = Counter(groups)
        ranked = sorted(sizes, key=lambda g: (-sizes[g], g))
        rank = {g: r for r, g in enumerate(ranked, start=1)}
        return [style.community_colour(rank[g]) for g in groups]
    return [style.kind_colour(_kind(full.nodes[n] if n in full else lens.nodes[n]))
            for n in order]
