"""What one document's triples need from the corpus-wide resolution, cut per document.

The build makes each document's triples in that document's task, which may run
in another process or on another machine. A task gets its document's records
and this part of the resolution, never the whole of it: what a worker receives
grows with its document, not with the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph_builder.records import Attribution, Extraction, PersonMention, Resolution

if TYPE_CHECKING:
    from graph_builder.figures.record import Figure
    from graph_builder.people.biography import Biography
    from graph_builder.people.life_dates import LifeDates
    from graph_builder.topics.index import TopicMention
    from graph_builder.verify.check import QuoteCheck, Reuse


@dataclass
class DocumentPart:
    """One document's records and the resolution's facts about them (picklable)."""

    extraction: Extraction
    attributions: dict[str, Attribution] = field(default_factory=dict)  # Claim.key ->
    works: dict[str, str] = field(default_factory=dict)  # Citation.key -> work key
    person_mentions: list[PersonMention] = field(default_factory=list)
    life_dates: list[tuple[str, str, LifeDates]] = field(default_factory=list)
    biographies: list[tuple[str, str, Biography]] = field(default_factory=list)
    topic_mentions: list[TopicMention] = field(default_factory=list)
    quote_checks: dict[str, QuoteCheck] = field(default_factory=dict)  # Claim.key ->
    text_reuse: list[Reuse] = field(default_factory=list)  # either claim in this document
    figures: list[Figure] = field(default_factory=list)
    figure_groups: dict[str, str] = field(default_factory=dict)  # Figure.key -> group key

    @property
    def doc_id(self) -> str:
        return self.extraction.layout.document.doc_id

    def fingerprint(self) -> str:
        """What the part holds, as text that is the same in any process: the document
        (its records are a function of its content) and the resolution's facts about
        it. Keys the document's triples in the cache."""
        doc = self.extraction.layout.document
        return repr((doc.doc_id, doc.sha256, sorted(self.attributions.items()),
                     [c.key for c in self.extraction.claims],
                     sorted(self.works.items()),
                     self.person_mentions, self.life_dates, self.biographies,
                     self.topic_mentions, sorted(self.quote_checks.items()), self.text_reuse,
                     self.figures, sorted(self.figure_groups.items())))


def document_parts(extractions: list[Extraction], resolution: Resolution
                   ) -> Iterator[DocumentPart]:
    """Each document's part, in corpus order."""
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for m in resolution.person_mentions:
        by_doc[m.doc_id]["person_mentions"].append(m)
    for row in resolution.life_dates:
        by_doc[row[0]]["life_dates"].append(row)
    for row in resolution.biographies:
        by_doc[row[0]]["biographies"].append(row)
    for m in resolution.topic_mentions:
        by_doc[m.doc_id]["topic_mentions"].append(m)
    for figure in resolution.figures:
        by_doc[figure.doc_id]["figures"].append(figure)
    groups_of: dict[str, dict[str, str]] = defaultdict(dict)  # doc -> figure -> group
    for group in resolution.figure_groups:
        for key in group.figures:
            groups_of[key.split("|", 1)[0]][key] = group.key
    for reuse in resolution.text_reuse:
        by_doc[reuse.doc_id]["text_reuse"].append(reuse)
        by_doc[reuse.other_doc]["text_reuse"].append(reuse)
    for extraction in extractions:
        doc_id = extraction.layout.document.doc_id
        part = DocumentPart(extraction, **by_doc.pop(doc_id, {}),
                            figure_groups=groups_of.get(doc_id, {}))
        for claim in extraction.claims:
            if claim.key in resolution.attributions:
                part.attributions[claim.key] = resolution.attributions[claim.key]
            if claim.key in resolution.quote_checks:
                part.quote_checks[claim.key] = resolution.quote_checks[claim.key]
        for citation in extraction.citations:
            work = resolution.work_of_citation.get(citation.key)
            if work:
                part.works[citation.key] = work
        yield part
