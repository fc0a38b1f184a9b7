"""The stage order, in one place: corpus -> segment -> notes -> references -> resolve ->
mentions -> topics -> build.

``build_graph`` is the library's main entry point; the CLI is a thin shell
around it. Each stage is timed, because users pick tools for corpora of
thousands of files, and the benchmark reads these figures from report.json.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from graph_builder.build import build_triples
from graph_builder.errors import ParseError
from graph_builder.people.names import family_key
from graph_builder.people.resolve_mentions import resolve_person_mentions
from graph_builder.read.claims import extract_claims
from graph_builder.read.corpus import read_documents
from graph_builder.read.footnotes import attach_notes
from graph_builder.read.segment import segment
from graph_builder.records import ClaimKind, Document, Extraction, InputWarning, Resolution
from graph_builder.references import parse_reference
from graph_builder.resolve import resolve
from graph_builder.topics.index import find_mentions, read_index
from graph_builder.topics.terms import find_terms, merge_topics
from ontology import DEFAULT_BASE
from ontology.iris import check_base

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class BuildSettings:
    """What a user may set for a build; recorded in the graph's provenance."""

    base: str = DEFAULT_BASE
    strict: bool = False
    follow_links: bool = False  # read links that lead outside the corpus folder

    def __post_init__(self) -> None:
        check_base(self.base)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class BuildResult:
    """A built graph, the records it came from, and how the build went."""

    triples: list[ox.Quad]  # default-graph quads, sorted
    documents: list[Document]
    extractions: list[Extraction]
    resolution: Resolution
    warnings: list[InputWarning]
    stages: dict[str, float] = field(default_factory=dict)

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
            "theses": kinds["theses"],
            "citation_lines": kinds["citation_lines"],
            "citation_lines_parsed": parsed,
            "works": len(self.resolution.works),
            "persons": len(self.resolution.persons),
            "triples": len(self.triples),
        }


class _Timer:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages[name] = round(self.stages.get(name, 0.0) + time.perf_counter() - start, 4)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def build_graph(corpus: Path, settings: BuildSettings | None = None,
                progress: Progress = _no_progress) -> BuildResult:
    """Read a corpus folder (or file) and build its graph."""
    settings = settings or BuildSettings()
    started_at = source_date()  # read first: a bad value stops the build before any work
    warnings: list[InputWarning] = []
    timer = _Timer()
    with timer.stage("corpus"):
        documents = read_documents(corpus, warnings, settings.follow_links)
    extractions: list[Extraction] = []
    for done, document in enumerate(documents, start=1):
        with timer.stage("segment"):
            extractions.append(extract_claims(segment(document), warnings))
        progress("segment", done, len(documents))
    with timer.stage("notes"):
        for extraction in extractions:
            attach_notes(extraction, warnings)
    with timer.stage("references"):
        parse_citations(extractions, warnings)
    _stop_if_strict(settings, warnings)
    with timer.stage("resolve"):
        resolution = resolve(extractions)
    with timer.stage("mentions"):
        resolution.persons, resolution.person_mentions, resolution.life_dates = (
            resolve_person_mentions(documents, resolution.persons))
    with timer.stage("topics"):
        families = frozenset(family_key(p.family) for p in resolution.persons.values())
        resolution.topics = merge_topics([t for e in extractions for t in read_index(e)],
                                         find_terms(extractions, families))
        resolution.topic_mentions = find_mentions(extractions, resolution.topics)
    with timer.stage("build"):
        triples = build_triples(extractions, resolution, base=settings.base,
                                settings=settings.as_dict(), started_at=started_at,
                                warnings=warnings)
    _stop_if_strict(settings, warnings)
    return BuildResult(triples, documents, extractions, resolution, warnings, timer.stages)


def source_date() -> str:
    """The build time a reproducible build fixes (SOURCE_DATE_EPOCH, as Debian and the
    reproducible-builds.org convention use it), as xsd:dateTime; "" when unset, and
    then no clock time enters the graph (report.json keeps when the build ran)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ""
    try:
        moment = datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ParseError(f"SOURCE_DATE_EPOCH={value!r} is not whole seconds since 1970-01-01 "
                         "UTC; set it to an integer such as 1700000000, or unset it.") from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_citations(extractions: list[Extraction], warnings: list[InputWarning]) -> None:
    """Stage 3: parse every reference string; one that yields no title is a warning."""
    for extraction in extractions:
        for citation in extraction.citations:
            if citation.reference is None:  # note references arrive already resolved
                citation.reference = parse_reference(citation.text)
            if not citation.reference.ok:
                warnings.append(InputWarning(
                    citation.doc_id, citation.line,
                    f"reference could not be parsed ({citation.text[:60]!r}); its claim is kept "
                    "without a cited work."))


def _stop_if_strict(settings: BuildSettings, warnings: list[InputWarning]) -> None:
    if settings.strict and warnings:
        raise ParseError(f"{warnings[0]} (stopped by --strict; drop --strict to go on past "
                         "problems)")
