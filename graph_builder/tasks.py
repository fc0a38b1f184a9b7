"""The per-document tasks, as plain functions of picklable records.

Each runs wherever ``graph_builder.parallel.Tasks`` sends it (this process, a
worker process, a Dask worker) and depends on nothing but its arguments, so the
result is the same everywhere. Five tasks, one per per-document step:
``extract`` (blocks, claims, notes, references), ``find_people`` (name
mentions, which need the surnames that references give), ``find_topics`` (which
of the corpus's topics its claims name), ``find_figures`` (the numbers its
claims state and what they count) and ``make_triples`` (the document's
triples, as a sorted compressed run).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph_builder.figures.read import read_figures
from graph_builder.figures.record import Figure
from graph_builder.parts import DocumentPart
from graph_builder.people.mentions import Mention, find_person_mentions
from graph_builder.people.name_lexicon import split_name
from graph_builder.read.claims import extract_claims
from graph_builder.read.footnotes import attach_notes
from graph_builder.read.reading import ReadingText
from graph_builder.read.segment import LineRoles, line_roles, segment
from graph_builder.records import Document, Extraction, InputWarning
from graph_builder.references.line_resolve import resolve_lines
from graph_builder.support.sorted_triples import encode_run
from graph_builder.topics.index import Topic, TopicMention, matchers, mentions_in
from graph_builder.triples import document_triples


@dataclass
class DocumentRecords:
    """What the extraction stages found in one document, and the problems met."""

    extraction: Extraction
    warnings: list[InputWarning] = field(default_factory=list)


def extract(document: Document) -> DocumentRecords:
    """Segment the document, find its claims, attach its notes, parse its references."""
    warnings: list[InputWarning] = []
    extraction = extract_claims(segment(document), warnings)
    attach_notes(extraction, warnings)
    parse_citations(extraction, warnings)
    return DocumentRecords(extraction, warnings)


def parse_citations(extraction: Extraction, warnings: list[InputWarning]) -> None:
    """Parse every reference string; one that yields no title is a warning. Note
    references arrive already resolved; citation lines are completed here, in print
    order, so that "Ibid." and short forms cite the work of an earlier line."""
    resolve_lines([c for c in extraction.citations if c.reference is None], warnings)
    for citation in extraction.citations:
        if not citation.reference.ok:
            warnings.append(InputWarning(
                citation.doc_id, citation.line,
                f"reference could not be parsed ({citation.text[:60]!r}); its claim is kept "
                "without a cited work."))


@dataclass(frozen=True)
class TextToRead:
    """What the person-mention task needs of a document: its text read as prose (wrapped
    lines joined, hyphens undone, page furniture blanked) and the roles segmentation gave
    its lines, placed in that prose. Far less to send to a worker than its records."""

    path: Path
    reading: ReadingText
    roles: LineRoles
    marked: tuple[tuple[int, int], ...] = ()  # names its markup marks (TEI <persName>)

    @classmethod
    def of(cls, extraction: Extraction) -> TextToRead:
        document, blocks = extraction.layout.document, extraction.layout.blocks
        reading = ReadingText.of(document.text, blocks)
        roles = line_roles(blocks)
        if reading.reading_at:  # lines were joined: the roles move with them
            breaks = [m.start() for m in re.finditer("\n", reading.text)]
            by_start = {b.line: b.span.start for b in blocks}
            roles = LineRoles(
                frozenset(bisect.bisect_left(breaks, reading.prose(by_start[n])) + 1
                          for n in roles.references),
                tuple((reading.prose(at), label) for at, label in roles.turns))
        return cls(document.path, reading, roles, document.names)


def find_people(source: TextToRead, known_families: frozenset[str]) -> list[Mention]:
    """The document's person mentions, before resolution, with spans in the printed text
    (a name broken across a line end: from its first letter to its last); the lines
    segmentation found to hold references and speaker labels are read as such."""
    reading = source.reading
    found = find_person_mentions(reading.text, known_families, source.roles)
    if reading.reading_at:
        found = [replace(m, start=start, end=end) for m in found
                 for start, end in [reading.printed_span(m.start, m.end)]]
    return _with_marked(found, source.marked, reading)


def _with_marked(found: list[Mention], marked: tuple[tuple[int, int], ...],
                 reading: ReadingText) -> list[Mention]:
    """The mentions found, and each name the markup marks (TEI's ``<persName>``) that none
    of them covers: an editor's word that it is a person outranks the shape of the name."""
    taken = [(m.start, m.end) for m in found]
    added = []
    for start, end in marked:
        words = reading.text[reading.prose(start):reading.prose(end)].split()
        if not words or not words[-1][:1].isupper() or any(
                s < end and start < e for s, e in taken):
            continue
        given, family = split_name([w.strip(",.;:") for w in words])
        added.append(Mention(start, end, " ".join(words), family, given,
                             kind="full" if given else "surname"))
    return sorted(found + added, key=lambda m: (m.start, m.end)) if added else found


@dataclass(frozen=True)
class ClaimTexts:
    """What the topic-mention task needs of a document: its claims' starts and texts."""

    path: Path
    doc_id: str
    claims: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, extraction: Extraction) -> ClaimTexts:
        document = extraction.layout.document
        return cls(document.path, document.doc_id,
                   tuple((c.span.start, c.text) for c in extraction.claims))


def find_topics(source: ClaimTexts, topics: list[Topic]) -> list[TopicMention]:
    """Which of the corpus's topics each claim of the document names, and where."""
    return mentions_in(source.doc_id, list(source.claims), matchers(topics))


def find_figures(extraction: Extraction) -> list[Figure]:
    """The figures the document's claims state, with what each counts and when."""
    return read_figures(extraction)


def make_triples(part: DocumentPart, base: str, settings: dict[str, object]
                 ) -> tuple[bytes, list[str]]:
    """The document's triples as a sorted compressed run, and the texts cut for length."""
    lines, cuts = document_triples(part, base=base, settings=settings)
    return encode_run(lines), cuts
