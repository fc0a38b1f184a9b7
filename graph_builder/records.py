"""Typed records passed between the pipeline stages.

Every stage takes and returns these dataclasses, never an RDF graph: only
``graph_builder.build`` turns them into triples. Offsets are Python ``str``
indices into ``Document.text`` (newlines as ``\\n``), so a span can always be
checked by slicing the text it came from.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # these modules build on the records; the names are for annotations only
    from graph_builder.figures.group import FigureGroup
    from graph_builder.figures.record import Figure
    from graph_builder.people.biography import Biography
    from graph_builder.people.life_dates import LifeDates
    from graph_builder.topics.index import Topic, TopicMention
    from graph_builder.verify.check import QuoteCheck, Reuse


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of one document."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


def page_at(pages: tuple[tuple[int, str], ...], offset: int) -> str:
    """The label of the printed page an offset lies on, from (offset where a page starts,
    its label) in order; "" before the first known page."""
    i = bisect.bisect_right([start for start, _ in pages], offset) - 1
    return pages[i][1] if i >= 0 else ""


TEXTS_FOLDER = "texts"  # in a build folder: the text read from each file that is not text


@dataclass(frozen=True)
class Document:
    """One decoded source file; ``doc_id`` is its path relative to the corpus root.

    For a file that is not plain text (HTML, TEI, PDF, EPUB: ``source_format``)
    ``text`` is the text read from it and ``sha256`` still hashes the file's bytes.
    ``pages`` are (offset where a printed page starts in ``text``, its label);
    ``names`` are (start, end) spans the file's markup marks as personal names."""

    doc_id: str
    path: Path
    text: str
    encoding: str
    sha256: str
    source_format: str = "text"
    pages: tuple[tuple[int, str], ...] = ()
    names: tuple[tuple[int, int], ...] = ()

    @property
    def text_file(self) -> str:
        """Where a build folder keeps the text read from a file that is not plain text
        (relative to the folder); "" for a text file, which is its own text."""
        return "" if self.source_format == "text" else f"{TEXTS_FOLDER}/{self.doc_id}.txt"

    def page_at(self, offset: int) -> str:
        """The label of the page holding ``offset``; "" when no pages are known there."""
        return page_at(self.pages, offset)

    @property
    def title(self) -> str:
        """The first non-blank line: how every shape of text in the corpus names itself."""
        for line in self.text.split("\n"):
            if line.strip():
                return line.strip()
        return self.doc_id

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset, for file:line messages."""
        return self.text.count("\n", 0, offset) + 1


class BlockKind(str, Enum):
    """What a stretch of text is, as the segmenter recognised it."""

    TITLE = "title"
    HEADING = "heading"
    THESIS = "thesis"  # a compiler's ALL-CAPS heading
    PARAGRAPH = "paragraph"
    HEADNOTE = "headnote"  # "[From Pravda, January 19, 1938]"
    TURN = "turn"  # "MOLOTOV: ..." in a transcript
    CITATION = "citation"  # the bibliographic line that closes a quote block
    SOURCE = "source"  # "Source: ..." / "Original Source: ..."
    FOOTNOTE = "footnote"  # note body: "¹² Getty, Origins, 38." or "[Footnote]: ..."
    CONTENTS = "contents"  # a table-of-contents line: "Chapter 1 ...<TAB>27"
    LIST_ITEM = "list_item"  # "2. mortal degenerates ..." / "a) ..."
    BIO_NOTE = "bio_note"  # "- Surname, I. O. (1888–1938). From 1929, ..."
    INDEX_ENTRY = "index_entry"  # a line of a back-of-book index
    PAGE = "page"  # page furniture of a paginated text: a running head or a page number
    FRONT_MATTER = "front_matter"  # a title page's, copyright page's or catalogue record's line


@dataclass(frozen=True)
class Block:
    """One unit of a document (a line, or a hard-wrapped paragraph) with its span and kind.

    ``text`` is the span's text *aligned*: for a paragraph of several lines, its line
    breaks, indents and any page furniture inside are spaces, so it has the span's
    length and an offset into it is an offset into the document."""

    kind: BlockKind
    span: Span
    text: str
    line: int
    speaker: str = ""  # TURN: the label before the colon, as printed


@dataclass(frozen=True)
class PersonName:
    """A personal name as parsed from a reference or a speaker label."""

    family: str
    given: str = ""

    @property
    def display(self) -> str:
        return f"{self.given} {self.family}".strip()


@dataclass(frozen=True)
class Reference:
    """A reference string parsed into the fields CSL-JSON and our graph need.

    ``kind`` is one of: book, article, chapter, newspaper, archival, document,
    webpage, unknown. ``pages`` is the locator as printed ("136", "11-12",
    "xiv"). ``organization`` holds a corporate author ("Socialist Clarity Group").
    A reference that could not be fully parsed keeps what was recognised and
    says what was not in ``warnings``; parsing never raises.
    """

    text: str
    kind: str = "unknown"
    authors: tuple[PersonName, ...] = ()
    editors: tuple[PersonName, ...] = ()
    translators: tuple[PersonName, ...] = ()
    organization: str = ""
    title: str = ""
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    place: str = ""
    publisher: str = ""
    year: str = ""
    date: str = ""  # a full date (ISO 8601, "1938-08-07"): a newspaper's issue, a document's
    pages: str = ""
    archive: str = ""
    archive_location: str = ""
    # Archival levels (Russian archives: fond / opis' / delo / list or listy), as printed.
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folio: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the reference names a work we can identify: a title, or an
        archival file's shelfmark."""
        return bool(self.title or self.container_title
                    or (self.archive and self.archive_location))

    @property
    def name(self) -> str:
        """What to call the cited work: its title, the periodical it names, or
        "ARCHIVE, shelfmark"."""
        return self.title or self.container_title or f"{self.archive}, {self.archive_location}"


class ClaimKind(str, Enum):
    QUOTATION = "quotation"  # a verbatim quote block closed by a citation line
    TURN = "turn"  # one speaker's turn inside a transcript
    PASSAGE = "passage"  # a paragraph of running text (article, book, resolution)
    INNER = "inner-quotation"  # words a claim itself quotes and attributes to someone


class AttributionBasis(str, Enum):
    """What says who uttered or wrote a claim's words, strongest first."""

    SPEAKER_LABEL = "speaker-label"  # a transcript's "MOLOTOV:" before the turn
    HEADNOTE = "headnote"  # the compiler's "[From Stalin's speech at ...]"
    IN_TEXT = "in-text"  # the text around the words: "..., said Molotov", "as Stalin put it, "
    WORK_SUBJECT = "work-subject"  # the cited work is its subject's words: "Molotov Remembers"
    CITED_AUTHOR = "cited-author"  # nothing else says: the cited work's author, by default


@dataclass(frozen=True)
class Attribution:
    """Who uttered or wrote a claim's words, on what basis, and the characters of the
    claim's document that show it (a speaker label, the name in a headnote or in the
    sentence around an inner quotation, the cited reference)."""

    persons: tuple[str, ...]  # person keys; a co-written work has several authors
    basis: AttributionBasis
    evidence: Span


@dataclass
class Citation:
    """A reference string at a place in a document, and (after the references
    stage) what it parsed to. ``span`` covers the reference string only, without
    a label such as ``Source:``."""

    doc_id: str
    span: Span
    text: str
    line: int
    reference: Reference | None = None
    # How the reference was completed from an earlier one: "" (it is complete as
    # printed), "ibid", "short form" or "inherited" (archival levels from the
    # previous reference of the same note).
    resolved_from: str = ""

    @property
    def key(self) -> str:
        """Where it is printed, which names it across processes, copies and pickles."""
        return f"{self.doc_id}|{self.span.start}|{self.span.end}"


@dataclass
class Thesis:
    """A compiler's heading; the claims beneath it argue for it."""

    doc_id: str
    span: Span
    text: str


@dataclass
class Claim:
    """Something a source asserts: a quote, a speaker's turn, or a passage."""

    doc_id: str
    kind: ClaimKind
    span: Span
    text: str
    line: int
    citations: list[Citation] = field(default_factory=list)
    thesis: Thesis | None = None
    speaker: str = ""  # TURN: the speaker label as printed
    headnote: str = ""  # a bracketed note that introduces a quote
    parent: Claim | None = None  # TURN: the quotation it belongs to
    reading: str = ""  # hard-wrapped text read as prose (lines joined, hyphens undone); "": text
    page: str = ""  # the printed page of its document it starts on, where the text shows pages

    @property
    def key(self) -> str:
        """Where it is printed and what it is: stable across processes, copies and pickles,
        and the key its IRI is minted from."""
        return f"{self.doc_id}|{self.span.start}|{self.span.end}|{self.kind.value}"


@dataclass
class DocumentLayout:
    """The segmenter's reading of one document: its blocks and its shape."""

    document: Document
    shape: str  # compilation, book, article, resolution, transcript, empty
    blocks: list[Block]
    pages: tuple[tuple[int, str], ...] = ()  # (offset where a printed page starts, its label)


@dataclass
class Extraction:
    """What the extraction stages found in one document."""

    layout: DocumentLayout
    claims: list[Claim] = field(default_factory=list)
    theses: list[Thesis] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class InputWarning:
    """A problem in the input the run went past; ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class PersonEntity:
    """One person, however many surface forms the corpus spells them with."""

    key: str
    family: str
    given: str = ""
    surface_forms: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    born: str = ""  # years as a source states them
    died: str = ""
    # spelling -> why it was joined to this person, so a wrong merge can be seen and undone
    merge_reasons: dict[str, str] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return f"{self.given} {self.family}".strip()


@dataclass(frozen=True)
class PersonMention:
    """A span of a document naming a person, the person it resolved to, and why."""

    doc_id: str
    span: Span
    text: str
    person: str  # person key
    kind: str  # the mention's form: full, initials, title, surname, speaker, ...
    reason: str


@dataclass
class WorkEntity:
    """One cited work, however many citations point at it."""

    key: str
    kind: str
    title: str
    title_forms: Counter[str] = field(default_factory=Counter)  # each printed title, cited n times
    year: str = ""
    authors: list[str] = field(default_factory=list)  # PersonEntity keys, in order
    editors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    organization: str = ""
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    date: str = ""  # a full date (ISO 8601) where one is cited: an issue's, a document's
    addressees: list[str] = field(default_factory=list)  # an archival document's: person keys
    container: str = ""  # the key of the container work (or archival level above), if any
    holding: str = ""  # archival levels: the key of the archive that holds them
    documents: set[str] = field(default_factory=set)  # documents that cite it
    examples: set[str] = field(default_factory=set)  # corpus documents that ARE this work


@dataclass
class Resolution:
    """The resolve stage's output: entities and what points at them."""

    persons: dict[str, PersonEntity] = field(default_factory=dict)
    works: dict[str, WorkEntity] = field(default_factory=dict)
    work_of_citation: dict[str, str] = field(default_factory=dict)  # Citation.key -> work key
    # (document id, person key, what its biographical note states)
    biographies: list[tuple[str, str, Biography]] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    topic_mentions: list[TopicMention] = field(default_factory=list)
    speaker_of_claim: dict[str, str] = field(default_factory=dict)  # Claim.key -> person key
    attributions: dict[str, Attribution] = field(default_factory=dict)  # Claim.key ->
    person_mentions: list[PersonMention] = field(default_factory=list)
    # (document id, person key, life dates prose states with their span)
    life_dates: list[tuple[str, str, LifeDates]] = field(default_factory=list)
    quote_checks: dict[str, QuoteCheck] = field(default_factory=dict)  # Claim.key ->
    text_reuse: list[Reuse] = field(default_factory=list)  # passages two documents share
    figures: list[Figure] = field(default_factory=list)  # in corpus order
    figure_groups: list[FigureGroup] = field(default_factory=list)
