"""The stage order, in one place: a table of what each stage requires and provides.

    corpus -> extract* -> resolve -> mentions* -> topics* -> attribute -> verify
           -> figures* -> triples* -> merge

Stages marked * run once per document, as tasks (``graph_builder.tasks``) that
``graph_builder.parallel.Tasks`` sends to this process, worker processes or a
Dask cluster, and that ``graph_builder.cache`` keeps between builds. The others
see the whole corpus and run here, on the per-document records.

``build_graph`` is the library's main entry point; the CLI is a thin shell
around it. Each stage is timed, because users pick tools for corpora of
thousands of files, and the benchmark reads these figures from report.json.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from graph_builder.attribution import attribute_claims
from graph_builder.build_records import BuildResult, BuildSettings
from graph_builder.cache import TaskCache, code_version, key_of
from graph_builder.errors import ParseError
from graph_builder.figures.group import group_figures
from graph_builder.parallel import SMALL_CORPUS, Tasks, default_workers
from graph_builder.parts import DocumentPart, document_parts
from graph_builder.people.merge import redirect
from graph_builder.people.names import family_key
from graph_builder.people.resolve_mentions import known_families, resolve_people
from graph_builder.read.corpus import read_documents
from graph_builder.records import Document, Extraction, InputWarning, Resolution
from graph_builder.resolve import resolve
from graph_builder.support.sorted_triples import SortedTriples, encode_run
from graph_builder.tasks import (
    ClaimTexts,
    DocumentRecords,
    TextToRead,
    extract,
    find_figures,
    find_people,
    find_topics,
    make_triples,
)
from graph_builder.topics.index import fingerprint as topic_fingerprint
from graph_builder.topics.index import read_index
from graph_builder.topics.terms import find_terms, merge_topics
from graph_builder.triples import corpus_triples
from graph_builder.verify import check_quotations

Progress = Callable[[str, int, int], None]  # (stage, done, total)


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


@dataclass
class _Build:
    """What the stages pass on: each stage reads what it requires and sets what it provides."""

    corpus: Path
    settings: BuildSettings
    tasks: Tasks
    cache: TaskCache
    progress: Progress
    started_at: str
    warnings: list[InputWarning] = field(default_factory=list)
    documents: list[Document] | None = None
    extractions: list[Extraction] | None = None
    resolution: Resolution | None = None
    mentions: bool = False  # persons joined with prose mentions, life dates found
    topics: bool = False
    attributed: bool = False
    verified: bool = False  # quotations checked against the corpus's copies of their sources
    figures: bool = False  # figures read and grouped
    runs: list[bytes] | None = None  # each document's triples, then the corpus's
    graph: SortedTriples | None = None
    ran: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)

    def cached(self, task: Callable, items: list, label: Callable,
               keys: Callable[[], list[str]],
               *args: object) -> Iterator:
        """``task(item, *args)`` for each item, from the cache where its key is found."""
        keys = keys() if self.cache.folder is not None else [""] * len(items)  # none: no cache
        found = [self.cache.load(k) for k in keys]
        todo = [item for item, hit in zip(items, found, strict=True) if hit is None]
        name = task.__name__
        self.ran[name] = self.ran.get(name, 0) + len(todo)
        self.reused[name] = self.reused.get(name, 0) + len(items) - len(todo)
        fresh = self.tasks.map(task, todo, label, *args)
        for done, (key, hit) in enumerate(zip(keys, found, strict=True), start=1):
            if hit is None:
                hit = next(fresh)
                self.cache.store(key, hit)
            self.progress(task.__name__, done, len(items))
            yield hit


def _read(b: _Build) -> None:
    b.documents = read_documents(b.corpus, b.warnings, b.settings.follow_links)


def _extract(b: _Build) -> None:
    docs = b.documents
    def keys() -> list[str]:
        return [key_of("extract", code_version(), d.doc_id, d.sha256) for d in docs]

    b.extractions = []
    for document, records in zip(docs, b.cached(extract, docs, _doc_label, keys), strict=True):
        records = _rebound(records, document)
        b.extractions.append(records.extraction)
        b.warnings.extend(records.warnings)
    _stop_if_strict(b.settings, b.warnings)


def _resolve(b: _Build) -> None:
    b.resolution = resolve(b.extractions)


def _mentions(b: _Build) -> None:
    known = known_families(b.resolution.persons)
    known_key = key_of(*sorted(known))

    def keys() -> list[str]:
        return [key_of("people", code_version(), d.doc_id, d.sha256, known_key)
                for d in b.documents]

    sources = [TextToRead.of(e) for e in b.extractions]
    mentions = b.cached(find_people, sources, _source_label, keys, known)
    found = dict(zip((d.doc_id for d in b.documents), mentions, strict=True))
    r = b.resolution
    r.persons, r.person_mentions, r.life_dates, moved = resolve_people(
        b.documents, r.persons, found)
    redirect(r, moved)  # works, biographies and speakers of persons joined into others
    b.mentions = True


def _topics(b: _Build) -> None:
    r = b.resolution
    families = frozenset(family_key(p.family) for p in r.persons.values())
    r.topics = merge_topics([t for e in b.extractions for t in read_index(e)],
                            find_terms(b.extractions, families))
    topics_key = topic_fingerprint(r.topics)

    def keys() -> list[str]:
        return [key_of("topics", code_version(), d.doc_id, d.sha256, topics_key)
                for d in b.documents]

    sources = [ClaimTexts.of(e) for e in b.extractions]
    found = b.cached(find_topics, sources, _source_label, keys, r.topics)
    r.topic_mentions = [m for mentions in found for m in mentions]
    b.topics = True


def _triples(b: _Build) -> None:
    settings, base = b.settings.as_dict(), b.settings.base
    parts = list(document_parts(b.extractions, b.resolution))

    def keys() -> list[str]:
        return [key_of("triples", code_version(), base, sorted(settings.items()),
                       part.fingerprint()) for part in parts]

    b.runs = []
    cuts: list[str] = []
    for run, cut in b.cached(make_triples, parts, _part_label, keys, base, settings):
        b.runs.append(run)
        cuts += cut
    lines, cut = corpus_triples([d.doc_id for d in b.documents], b.resolution, base=base,
                                settings=settings, started_at=b.started_at)
    b.runs.append(encode_run(lines))
    b.warnings.extend(InputWarning("graph", 0, c) for c in cuts + cut)


def _attribute(b: _Build) -> None:
    """After topics: inner quotations join each document's claims at its end, so the
    topic stage's claim indices (cached per document) still point at the same claims."""
    attribute_claims(b.extractions, b.resolution)
    b.attributed = True


def _verify(b: _Build) -> None:
    """After attribution, whose inner quotations are checked too."""
    check_quotations(b.extractions, b.resolution)
    b.verified = True


def _figures(b: _Build) -> None:
    """After attribution, whose inner quotations the reader skips (their quotation
    holds the same figures): each document's figures in its task, then the groups
    of figures measuring one thing at one time across the corpus."""
    docs = b.documents

    def keys() -> list[str]:
        return [key_of("figures", code_version(), d.doc_id, d.sha256) for d in docs]

    found = b.cached(find_figures, b.extractions, _extraction_label, keys)
    # read_figures gives each span of its document once, so the corpus's are all distinct
    b.resolution.figures = [figure for figures in found for figure in figures]
    b.resolution.figure_groups = group_figures(b.resolution.figures)
    b.figures = True


def _merge(b: _Build) -> None:
    """The runs are disjoint (see ``support.sorted_triples``): the graph is all of them,
    the corpus's first, then each document's in corpus order. Nothing global is sorted."""
    b.graph = SortedTriples.chain([b.runs[-1], *b.runs[:-1]])
    b.runs = None
    _stop_if_strict(b.settings, b.warnings)


@dataclass(frozen=True)
class Stage:
    """One step of the build: what it needs from earlier stages and what it adds."""

    name: str
    run: Callable[[_Build], None]
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    per_document: bool = False  # runs as tasks, one per document


STAGES: tuple[Stage, ...] = (
    Stage("corpus", _read, ("corpus",), ("documents",)),
    Stage("extract", _extract, ("documents",), ("extractions",), per_document=True),
    Stage("resolve", _resolve, ("extractions",), ("resolution",)),
    Stage("mentions", _mentions, ("documents", "resolution"), ("mentions",), per_document=True),
    Stage("topics", _topics, ("extractions", "resolution", "mentions"), ("topics",),
          per_document=True),
    Stage("attribute", _attribute, ("extractions", "resolution", "mentions", "topics"),
          ("attributed",)),
    Stage("verify", _verify, ("extractions", "resolution", "attributed"), ("verified",)),
    Stage("figures", _figures, ("documents", "extractions", "resolution", "attributed"),
          ("figures",), per_document=True),
    Stage("triples", _triples, ("extractions", "resolution", "mentions", "topics", "attributed",
                                "verified", "figures"), ("runs",), per_document=True),
    Stage("merge", _merge, ("runs",), ("graph",)),
)


def build_graph(corpus: Path, settings: BuildSettings | None = None,
                progress: Progress = _no_progress, cache_dir: Path | None = None
                ) -> BuildResult:
    """Read a corpus folder (or file) and build its graph.

    ``cache_dir`` keeps each document's task results for the next build (an
    incremental build); None keeps nothing."""
    settings = settings or BuildSettings()
    started_at = source_date()  # read first: a bad value stops the build before any work
    timer = _Timer()
    cache = TaskCache(cache_dir)
    build = _Build(corpus, settings, Tasks(1), cache, progress, started_at)
    for stage in STAGES:
        missing = [name for name in stage.requires if not getattr(build, name)]
        assert not missing, f"stage {stage.name} runs before {missing} exist"
        with timer.stage(stage.name):
            if stage.name == "extract":  # the corpus's size is known now: choose the workers
                build.tasks = Tasks(_workers(settings, build.documents), settings.scheduler)
                build.tasks.__enter__()
            try:
                stage.run(build)
            except BaseException:
                build.tasks.__exit__(None, None, None)
                raise
    build.tasks.__exit__(None, None, None)
    cache.prune()
    notes = cache.notes + [f"per-document tasks ran in {build.tasks.where}"]
    if cache_dir is not None:
        notes.append(f"cache: {sum(build.reused.values())} of "
                     f"{sum(build.reused.values()) + sum(build.ran.values())} task results reused")
    return BuildResult(build.graph, build.documents, build.extractions, build.resolution,
                       build.warnings, timer.stages, notes, build.reused, build.ran,
                       build.tasks.workers if build.tasks.scheduler is None else 2)


def _workers(settings: BuildSettings, documents: list[Document]) -> int:
    """Where per-document tasks run: as asked, or the cores for a corpus worth it."""
    if settings.workers is not None:
        return settings.workers
    if len(documents) < 2 or sum(len(d.text) for d in documents) < SMALL_CORPUS:
        return 1
    return min(default_workers(), len(documents))


def _doc_label(document: Document) -> str:
    return str(document.path)


def _source_label(source: TextToRead | ClaimTexts) -> str:
    return str(source.path)


def _extraction_label(extraction: Extraction) -> str:
    return _doc_label(extraction.layout.document)


def _part_label(part: DocumentPart) -> str:
    return str(part.extraction.layout.document.path)


def _rebound(records: DocumentRecords, document: Document) -> DocumentRecords:
    """Cached records carry the document as it was read then; the same content read
    now (perhaps from a moved folder) takes its place."""
    records.extraction.layout.document = document
    return records


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


def _stop_if_strict(settings: BuildSettings, warnings: list[InputWarning]) -> None:
    if settings.strict and warnings:
        raise ParseError(f"{warnings[0]} (stopped by --strict; drop --strict to go on past "
                         "problems)")
