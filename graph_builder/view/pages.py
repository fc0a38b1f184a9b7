"""The build's view: graph.html with its lenses, and a reader page per source document beside it.

A build draws the whole graph, not a part of it: the full projection (passages,
topics, mentions and spans included), measured once, then seen through the
lenses of ``lenses.build_lenses`` (people, sources, topics, claims), opening on
the one that reads best. Every claim the page lists links to its place in a
reader page (``reader/<document>.html``), which shows the document's text with
its mentions, claims, citations, verdicts and figures marked, each linking back
to its node. Both need the annotations (character spans), which the projection
of old left out of the build's page for speed; ``view_store`` keeps what the
two read and nothing else, so filling it stays a fraction of the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph_builder.support.sorted_triples import SortedTriples
from graph_builder.view.measure import measure
from graph_builder.view.projection import project, read_by_projection
from ontology.terms import OA, RDF, SDO, SKOS

#: Where the reader pages go, beside graph.html.
READER_FOLDER = "reader"
#: What the full projection reads beyond the build's scope (``projection.read_by_projection``):
#: organizations, topics, mentions, holdings and the claims' character spans.
_FULL_PREDICATES = frozenset(term.value for term in (
    SKOS.prefLabel, SKOS.altLabel, SKOS.broader, SKOS.related, SDO.publisher,
    SDO.holdingArchive, SDO.workExample, SDO.mentions, SDO.about, OA.hasBody, OA.hasTarget,
    OA.hasSelector, OA.start, OA.end))
_FULL_CLASSES = frozenset(term.value for term in (
    SDO.Organization, SDO.ArchiveOrganization, SKOS.Concept, SDO.Claim))


def view_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """A store of what the full projection and the readers read, and nothing else.

    Most of a graph is provenance and selectors neither page shows; a build's
    `SortedTriples` picks the lines wanted before parsing any, so filling this
    store costs a fraction of loading the graph. One store serves both pages:
    their joins run several times quicker in memory than on the build's
    on-disk store.
    """
    from exports.reader_spans import READ_CLASSES, READ_PREDICATES

    predicates, classes = read_by_projection()
    wanted = {p.value for p in predicates} | _FULL_PREDICATES | set(READ_PREDICATES)
    types = {c.value for c in classes} | _FULL_CLASSES | set(READ_CLASSES)
    store = ox.Store()
    if isinstance(quads, SortedTriples):
        store.bulk_extend(quads.select(wanted, types))
    else:
        rdf_type = RDF.type.value
        store.bulk_extend(q for q in quads if q.predicate.value in wanted and (
            q.predicate.value != rdf_type or q.object.value in types))
    return store


def full_view(store: ox.Store) -> nx.DiGraph:
    """The full projection of the graph in `store`, measured (PageRank, communities, sizes)."""
    full = project(store, full=True)
    measure(full)
    return full


def write_lens_view(store: ox.Store, dest: Path, title: str,
                    readers: dict[str, str] | None = None) -> nx.DiGraph:
    """Write the lens page of the graph in `store` to `dest`; the full projection it drew."""
    from exports.html import write_lens_page
    from graph_builder.view.lenses import build_lenses, default_lens
    from graph_builder.view.years import node_years

    full = full_view(store)
    lenses = build_lenses(full)
    write_lens_page(full, lenses, dest, title=title, default=default_lens(lenses),
                    readers=readers, years=node_years(full))
    return full


def write_pages(store: ox.Store, texts: dict[str, str], out_dir: Path, view_file: str,
                title: str) -> dict[str, str]:
    """Write ``out_dir/<view_file>`` (the lens page) and ``out_dir/reader/`` (one page per
    document of `texts`, identifier -> text). Returns identifier -> reader page, relative
    to `out_dir` (``drop_stale_readers`` removes the others once the set is in place)."""
    from exports.reader import write_readers

    readers = write_readers(store, texts, out_dir / READER_FOLDER, view_href=f"../{view_file}")
    write_lens_view(store, out_dir / view_file, title, readers)
    return readers


def drop_stale_readers(out_dir: Path, readers: dict[str, str]) -> None:
    """Remove the reader pages of documents a build no longer holds."""
    kept = {(out_dir / href).resolve() for href in readers.values()}
    for page in (out_dir / READER_FOLDER).glob("*.html"):
        if page.resolve() not in kept:
            page.unlink(missing_ok=True)


def built_readers(build_dir: Path, page_dir: Path, view: nx.Graph) -> dict[str, str]:
    """The reader pages a build wrote for the documents of `view`'s claims, as a page in
    `page_dir` links to them: identifier -> relative href (pages that exist only)."""
    from exports.reader import reader_file

    folder = build_dir / READER_FOLDER
    documents = {str(a["document"]) for _, a in view.nodes(data=True) if a.get("document")}
    found = {}
    for identifier in sorted(documents):
        page = folder / reader_file(identifier)
        if page.is_file():
            found[identifier] = Path(os.path.relpath(page, page_dir)).as_posix()
    return found
