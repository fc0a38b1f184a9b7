"""Node positions for the network view, computed before the page is drawn.

vis-network's own physics needed 10.5 s to settle 200 nodes and 69 s for
1,000 on our machine, while drawing fixed positions takes about a second; so
positions are computed here: a force layout per connected component (numpy),
placed around the largest in rings, deterministic for the same graph. Without numpy a radial
breadth-first layout is used.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx

_SCALE = 60.0  # pixels per unit of ideal edge length
_ITERATIONS = 150
_PARTNERS = 40  # nodes each node is repelled by per step (all of them in small components)
_WINDOW = 8  # Z-order neighbours each side that a node in a large component always meets

def layout_positions(n: int, edges: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Positions for nodes 0..n-1 in pixels: one shape per component, the others round the largest.

    Uses a force layout when numpy is importable and a radial breadth-first
    layout when not (numpy is not a dependency); both are deterministic.
    """
    if n == 0:
        return []
    components = _components(n, edges)
    np = _numpy()
    if np is None:
        shapes = [_radial(len(comp), comp_edges) for comp, comp_edges in components]
    else:
        shapes = _force_shapes(np, components)
    return _pack(n, components, shapes)


def _numpy():
    """numpy if installed, else None; a function so tests can simulate its absence."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def _components(n, edges):
    """Connected components, largest first, as (nodes, edges renumbered 0..k-1)."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((u, v) for u, v in edges if u != v)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    result = []
    for comp in comps:
        local = {node: i for i, node in enumerate(comp)}
        sub = sorted((local[u], local[v]) for u, v in g.subgraph(comp).edges)
        result.append((comp, sub))
    return result


def _radial(k: int, edges) -> list[tuple[float, float]]:
    """Rings of breadth-first levels around the best-connected node (pure Python)."""
    adj = [[] for _ in range(k)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    root = max(range(k), key=lambda i: (len(adj[i]), -i))
    levels, depth, queue = [[root]], {root: 0}, deque([root])
    while queue:
        node = queue.popleft()
        for nxt in sorted(adj[node]):
            if nxt not in depth:
                depth[nxt] = depth[node] + 1
                if depth[nxt] == len(levels):
                    levels.append([])
                levels[depth[nxt]].append(nxt)
                queue.append(nxt)
    pos = [(0.0, 0.0)] * k
    for level, members in enumerate(levels[1:], start=1):
        radius = max(1.5 * level, len(members) / (2 * math.pi))
        for j, node in enumerate(members):
            angle = 2 * math.pi * j / len(members)
            pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return pos


def _force_shapes(np, components) -> list[list[tuple[float, float]]]:
    """Fruchterman-Reingold (ideal edge length 1) on all components at once.

    The components sit side by side in one array and only feel forces from
    their own nodes, so a step costs the same few array operations whether
    the graph is one component or four hundred. Moves are capped by a
    temperature that cools linearly, which settles the layout in a fixed
    number of steps.
    """
    sizes = np.array([len(comp) for comp, _ in components])
    first = np.cumsum(sizes) - sizes
    length = np.repeat(sizes, sizes)
    shifted = [
        (f + u, f + v) for f, (_, es) in zip(first.tolist(), components, strict=True) for u, v in es
    ]
    src, dst = np.array(shifted, dtype=np.intp).reshape(-1, 2).T
    rng = np.random.default_rng(0)
    pos = rng.random((len(length), 2)) * np.sqrt(length)[:, None]
    hot = 0.1 * np.sqrt(length) + 0.5
    plan = _repulsion_plan(np, sizes, first)
    for step in range(_ITERATIONS):
        disp = _repulsion(np, rng, pos, plan)
        delta = pos[src] - pos[dst]
        pull = delta * np.sqrt((delta * delta).sum(1))[:, None]
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(src, pull[:, axis], minlength=len(pos))
            disp[:, axis] += np.bincount(dst, pull[:, axis], minlength=len(pos))
        size = np.sqrt((disp * disp).sum(1)) + 1e-9
        limit = hot * (1 - step / _ITERATIONS) + 0.01
        pos += disp * (np.minimum(size, limit) / size)[:, None]
    return [[tuple(p) for p in pos[f : f + k].tolist()] for f, k in zip(first, sizes, strict=True)]


def _repulsion_plan(np, sizes, first) -> dict:
    """Who repels whom, worked out once: each node meets _PARTNERS others per step.

    In a small component that is every other node, always the same ones
    (exact). In a large one it is the _WINDOW nodes each side of it along a
    Z-order curve, which keeps neighbours in space near in the order, plus a
    random sample of the rest drawn each step, weighted to stand for them all.
    Large components come first (sorted by size), so their nodes are 0..k-1
    and a node's rank in the curve order can index positions.
    """
    cols = np.arange(1, _PARTNERS + 1)
    length, start = np.repeat(sizes, sizes), np.repeat(first, sizes)
    local = np.arange(len(length)) - start
    small = length - 1 <= _PARTNERS
    big = np.flatnonzero(~small)
    near = np.concatenate([cols[:_WINDOW], -cols[:_WINDOW]])
    size = length[big, None]
    return {
        "small": np.flatnonzero(small),
        "small_other": start[small, None] + (local[small, None] + cols) % length[small, None],
        "small_weight": (cols < length[small, None]).astype(float),
        "big": big,
        "big_comp": np.repeat(np.arange(len(sizes)), sizes)[big],
        "big_start": start[big, None],
        "big_local": local[big, None],
        "big_size": size,
        "big_near": start[big, None] + (local[big, None] + near) % size,
        "big_weight": (size - 1 - 2 * _WINDOW) / (_PARTNERS - 2 * _WINDOW),
    }


def _repulsion(np, rng, pos, plan):
    """Repulsion 1/d from the partners `_repulsion_plan` chose, in O(nodes) per step."""
    disp = np.zeros_like(pos)
    small, big = plan["small"], plan["big"]
    if len(small):
        disp[small] = _push(np, pos, small, plan["small_other"], plan["small_weight"])
    if len(big):
        order = big[np.argsort(_morton(np, pos[big], plan["big_comp"]), kind="stable")]
        ranked = pos[order]
        size = plan["big_size"]
        far = _WINDOW + 1 + rng.random(_PARTNERS - 2 * _WINDOW) * (size - 2 * _WINDOW - 1)
        slot = plan["big_local"] + far.astype(np.intp)
        slot -= size * (slot >= size)
        disp[order] = _push(np, ranked, big, plan["big_near"], 1.0) + _push(
            np, ranked, big, plan["big_start"] + slot, plan["big_weight"]
        )
    return disp


def _push(np, pos, rows, others, weight):
    """Sum over partners of weight * (p - q) / |p - q|^2 for the given rows.

    x and y are handled apart and in place: numpy is several times slower
    summing over a trailing axis of length 2, and allocations dominate here.
    """
    x, y = pos[:, 0], pos[:, 1]
    dx = x[rows, None] - x[others]
    dy = y[rows, None] - y[others]
    inv = dx * dx
    inv += dy * dy
    inv += 1e-4
    np.divide(weight, inv, out=inv)
    return np.stack([np.einsum("ij,ij->i", dx, inv), np.einsum("ij,ij->i", dy, inv)], axis=1)


def _morton(np, pos, comp):
    """Z-order key on a 1024 x 1024 grid, components kept apart in the high bits.

    The grid spans all given positions; a coarse grid for a small component
    only makes its order less local, which the random samples make up for.
    """
    low, high = pos.min(0), pos.max(0)
    cells = ((pos - low) / np.maximum(high - low, 1e-9) * 1023).astype(np.uint64)
    keys = []
    for v in (cells[:, 0], cells[:, 1]):
        for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
            v = (v | (v << np.uint64(shift))) & np.uint64(mask)
        keys.append(v)
    return (comp.astype(np.uint64) << np.uint64(20)) | keys[0] | (keys[1] << np.uint64(1))


def _pack(n, components, shapes) -> list[tuple[float, float]]:
    """Place the largest component in the middle and the others in rings around it.

    No force acts between components, so they must be placed. Rows along the
    bottom made a grid of lone nodes under the network (597 of them on the
    corpus); rings keep every small component next to the main one, the
    larger ones nearest, and the whole drawing round, as the overview's zoom
    wants it. Each shape is centred on the middle of its bounding box and
    given a disc of that radius plus a gap, so shapes never overlap.
    """
    gap = 0.75
    discs = []
    for shape in shapes:
        xs, ys = [p[0] for p in shape], [p[1] for p in shape]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        radius = max(math.hypot(x - cx, y - cy) for x, y in shape)
        discs.append((cx, cy, max(radius, 0.75)))  # a lone node's label needs room
    centres = _ring_centres([r for _, _, r in discs], gap)
    out = [(0.0, 0.0)] * n
    for (comp, _), shape, (cx, cy, _), (ox, oy) in zip(components, shapes, discs, centres,
                                                       strict=True):
        for node, (px, py) in zip(comp, shape, strict=True):
            out[node] = (round((px - cx + ox) * _SCALE, 1), round((py - cy + oy) * _SCALE, 1))
    return out


def _ring_centres(radii: list[float], gap: float) -> list[tuple[float, float]]:
    """Centres for discs of `radii`: the first at the origin, the others side by side
    on rings around it, largest first, each ring just outside the one before."""
    centres = [(0.0, 0.0)] * len(radii)
    waiting = sorted(range(1, len(radii)), key=lambda k: (-radii[k], k))
    inner = radii[0] + gap  # the radius the next ring must stay outside of
    i = 0
    while i < len(waiting):
        thick = radii[waiting[i]]  # the ring's largest disc comes first
        ring = inner + thick
        room = 2 * math.pi * ring
        members, used = [], 0.0
        while i < len(waiting) and (not members or used + 2 * radii[waiting[i]] + gap <= room):
            members.append(waiting[i])
            used += 2 * radii[waiting[i]] + gap
            i += 1
        spare = (room - used) / len(members)  # spread the ring's discs evenly round it
        angle = 0.0
        for k in members:
            half = (radii[k] + (gap + spare) / 2) / ring
            angle += half
            centres[k] = (ring * math.cos(angle), ring * math.sin(angle))
            angle += half
        inner = ring + thick + gap
    return centres
