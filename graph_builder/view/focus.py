"""The network view ``claimgraph viz`` draws: the full projection, measured, focused, filtered.

``view_graph`` opens a built graph, projects it with ``projection.project(full=True)``
(passages, topics, organizations and mentions included), measures it with
``measure.measure`` (PageRank, size and community, on the whole projection so a
node looks the same in every view), then narrows it: ``focus`` keeps the
neighbourhood of one person found by any spelling, ``kinds`` keeps some node
kinds, ``min_degree`` drops nodes left with few links. ``exports.html.write_html``
draws the result.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import networkx as nx

from graph_builder.errors import QueryError
from graph_builder.people.names import family_key, fold, givens_compatible
from graph_builder.query.sparql import open_store
from graph_builder.view.measure import measure
from graph_builder.view.projection import CLAIM_KINDS, NODE_KINDS, project

#: What ``kinds`` accepts: each node kind, and "claim" for every kind of claim.
KIND_NAMES = {**{k: frozenset({k}) for k in NODE_KINDS}, "claim": frozenset(CLAIM_KINDS)}
DEFAULT_DEPTH = 2
_SUGGESTIONS = 5


def view_graph(source: Path, focus: str | None = None, depth: int = DEFAULT_DEPTH,
               kinds: set[str] | None = None, min_degree: int = 0) -> nx.DiGraph:
    """The view of the built graph at `source` (a build folder or graph file).

    `focus` names a person (any spelling); the view then holds what lies
    within `depth` links of them, in either direction. `kinds` keeps those
    node kinds (see ``KIND_NAMES``) and `min_degree` drops the nodes left
    with fewer links than that; the focused person always stays.
    """
    wanted = node_kinds(kinds)
    if depth < 0 or min_degree < 0:
        raise QueryError(f"--depth and --min-degree must be 0 or more (got {depth} and "
                         f"{min_degree}).")
    full = project(open_store(Path(source)), full=True)
    measure(full)
    view, centre = full, None
    if focus is not None:
        centre = find_person(full, focus)
        view = nx.ego_graph(full, centre, radius=depth, undirected=True)
    view = narrow(view, wanted, min_degree, keep=centre)
    title = f"claimgraph: {_source_name(Path(source))}"
    if centre is not None:
        title += f" \u2014 {full.nodes[centre]['label']}, depth {depth}"
    view.graph.update(title=title, focus=centre)
    return view


def node_kinds(kinds: set[str] | None) -> frozenset[str] | None:
    """The node kinds that `kinds` names ("claim" stands for every kind of claim)."""
    if kinds is None:
        return None
    unknown = sorted(k for k in kinds if k not in KIND_NAMES)
    if unknown:
        raise QueryError(f"Unknown kind '{unknown[0]}'. Available: {', '.join(sorted(KIND_NAMES))}")
    return frozenset().union(*(KIND_NAMES[k] for k in kinds))


def narrow(view: nx.DiGraph, kinds: frozenset[str] | None, min_degree: int,
           keep: str | None = None) -> nx.DiGraph:
    """Keep the nodes of `kinds`, then those with at least `min_degree` links among the kept.

    Dropping a node takes its links from its neighbours, so one pass can leave
    nodes below the bar (``--min-degree 3`` once left nodes with two links); the
    pass repeats until none is, which is the `min_degree`-core of the view
    (with `keep`, the focused person, kept whatever its degree).
    """
    if kinds is not None:
        view = view.subgraph(n for n, kind in view.nodes(data="kind") if kind in kinds or n == keep)
    view = view.copy()
    while min_degree:
        weak = [n for n, d in view.degree if d < min_degree and n != keep]
        if not weak:
            break
        view.remove_nodes_from(weak)
    return view


def find_person(view: nx.Graph, name: str) -> str:
    """The one person `name` names, by any recorded spelling or transliteration.

    Tried in turn, the first that finds anyone wins: a name form equal to
    `name` up to case and accents; equal up to transliteration (``Ezhov`` for
    ``Yezhov``); the same family name with compatible given names (``N. Ezhov``
    for ``Nikolai Ivanovich Yezhov``). Two or more people at one step is an
    error listing them, as is no one at all. The person's IRI works too.
    """
    people = {n: attrs.get("names") or [attrs["label"]]
              for n, attrs in view.nodes(data=True) if attrs.get("kind") == "person"}
    if name in people:
        return name
    given, family = _split_name(name)
    steps = (
        lambda form: fold(form) == fold(name),
        lambda form: family_key(form) == family_key(name),
        lambda form: _same_family(form, family, given),
    )
    for number, step in enumerate(steps):
        found = sorted(n for n, forms in people.items() if any(step(f) for f in forms))
        if len(found) == 1 and number < 2:  # a whole name: others it begins are asked about
            found += _named_longer(people, name, found[0])
        if len(found) == 1:
            return found[0]
        if found:
            shown = sorted(view.nodes[n]["label"] for n in found)
            raise QueryError(
                f"'{name}' matches {len(found)} people: {'; '.join(shown[:10])}"
                f"{'; …' if len(shown) > 10 else ''}. Give more of the name, "
                f"e.g. --focus '{max(shown, key=len)}', or the person's IRI.")
    raise QueryError(f"No person in the graph matches '{name}'.{_suggest(view, people, name)}")


def _named_longer(people: dict[str, list[str]], name: str, found: str) -> list[str]:
    """The other people with a spelling that begins with all of `name`'s words and goes on
    ("Nikolai Ivanovich Yezhov" for "Nikolai Ivanovich"): a name and patronymic alone
    may be one person's whole recorded name and the start of another's."""
    words = [family_key(w) for w in name.split()]
    longer = []
    for person, forms in sorted(people.items()):
        if person == found:
            continue
        for form in forms:
            own = [family_key(w) for w in form.split()]
            if len(own) > len(words) and own[:len(words)] == words:
                longer.append(person)
                break
    return longer


def _suggest(view: nx.Graph, people: dict[str, list[str]], name: str) -> str:
    """ " Did you mean: …?" naming the people with a spelling close to `name`."""
    owner = {fold(form): n for n, forms in sorted(people.items()) for form in forms}
    close = difflib.get_close_matches(fold(name), sorted(owner), n=3 * _SUGGESTIONS, cutoff=0.6)
    labels = list(dict.fromkeys(view.nodes[owner[form]]["label"] for form in close))
    if not labels:
        return " Try the family name alone."
    return f" Did you mean: {'; '.join(labels[:_SUGGESTIONS])}?"


def _split_name(form: str) -> tuple[str, str]:
    """(given names, family name) of "Family, Given" or "Given Family" ("Yezhov N. I." too)."""
    if "," in form:
        family, given = form.split(",", 1)
        return given.strip(), family.strip()
    tokens = form.split()
    names = [i for i, t in enumerate(tokens) if not re.fullmatch(r"\w{1,2}\.|\w", t)]
    if not names:
        return "", form.strip()
    last = names[-1]
    return " ".join(tokens[:last] + tokens[last + 1:]), tokens[last]


def _same_family(form: str, family: str, given: str) -> bool:
    form_given, form_family = _split_name(form)
    return (bool(family) and family_key(form_family) == family_key(family)
            and givens_compatible(given, form_given))


def _source_name(source: Path) -> str:
    """The build folder's name, or the graph file's folder and name."""
    source = source.resolve()
    return source.name if source.is_dir() else f"{source.parent.name}/{source.name}"
