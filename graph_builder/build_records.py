"""What a build is asked (its settings) and what it gives (the graph and its records).

Kept apart from the stage table (``graph_builder.pipeline``) so that the CLI, the
outputs and the API can name them without the stages; ``pipeline`` re-exports both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from graph_builder.records import ClaimKind, Document, Extraction, InputWarning, Resolution
from graph_builder.support.sorted_triples import SortedTriples
from ontology import DEFAULT_BASE
from ontology.iris import check_base


@dataclass(frozen=True)
class BuildSettings:
    """What a user may set for a build; recorded in the graph's provenance.

    ``workers`` and ``scheduler`` say where per-document tasks run (None: the
    machine's cores, or this process for a small corpus); they change how fast
    a graph is made, never the graph, so the graph does not record them."""

    base: str = DEFAULT_BASE
    strict: bool = False
    follow_links: bool = False  # read links that lead outside the corpus folder
    workers: int | None = None
    scheduler: str | None = None

    def __post_init__(self) -> None:
        check_base(self.base)

    def as_dict(self) -> dict[str, object]:
        """The settings that shape the graph (recorded in it, and keying the cache)."""
        chosen = asdict(self)
        del chosen["workers"], chosen["scheduler"]
        return chosen


@dataclass
class BuildResult:
    """A built graph, the records it came from, and how the build went."""

    triples: SortedTriples  # the graph: iterate for sorted quads; len() counts them
    documents: list[Document]
    extractions: list[Extraction]
    resolution: Resolution
    warnings: list[InputWarning]
    stages: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how the build ran (cache, workers)
    reused: dict[str, int] = field(default_factory=dict)  # task -> results from the cache
    ran: dict[str, int] = field(default_factory=dict)  # task -> results computed
    workers: int = 1  # processes the per-document tasks ran on (the writing may use 2)

    def store(self) -> ox.Store:
        """An in-memory Oxigraph store of the graph, for SPARQL."""
        store = ox.Store()
        store.bulk_extend(self.triples)
        return store

    def counts(self) -> dict[str, int]:
        kinds: Counter[str] = Counter()
        for extraction in self.extractions:
            kinds.update(claim.kind.value for claim in extraction.claims)
            kinds["theses"] += len(extraction.theses)
            kinds["citation_lines"] += len(extraction.citations)
        parsed = sum(1 for e in self.extractions for c in e.citations
                     if c.reference is not None and c.reference.ok)
        return {
            "documents": len(self.documents),
            "claims": sum(kinds[k.value] for k in ClaimKind),
            "quotations": kinds[ClaimKind.QUOTATION.value],
            "turns": kinds[ClaimKind.TURN.value],
            "passages": kinds[ClaimKind.PASSAGE.value],
            "inner_quotations": kinds[ClaimKind.INNER.value],
            "theses": kinds["theses"],
            "citation_lines": kinds["citation_lines"],
            "citation_lines_parsed": parsed,
            "works": len(self.resolution.works),
            "persons": len(self.resolution.persons),
            "triples": len(self.triples),
        }
