"""The attribution stage: who uttered or wrote each claim's words, and why we say so.

A quotation's words are not always its cited author's: a compiler quotes a
historian's book for Stalin's words, a journalist's book of conversations for a
minister's. So each claim gets its speaker from the strongest evidence there is
(``records.AttributionBasis``): a transcript's speaker label; the compiler's
headnote; the words around an inner quotation; a cited work that holds its
subject's words; and, when nothing else says, the cited work's authors, marked
as that default. A quotation made of labelled turns has no one speaker: its
turns have theirs. Passages are their document's own words and get no speaker
here.

Inner quotations (``inner_quotes``) become claims of their own, after the
document's other claims so that earlier stages' claim indices hold, each
``parent`` the claim that quotes it and citing what that claim cites.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from graph_builder.attribution.headnotes import headnote_span, headnote_speaker, names_a_voice
from graph_builder.attribution.inner_quotes import inner_quotes, mentions_starting_in
from graph_builder.attribution.work_subject import WorkSubjects
from graph_builder.records import (
    Attribution,
    AttributionBasis,
    Claim,
    ClaimKind,
    Extraction,
    PersonMention,
    Resolution,
    Span,
    page_at,
)

_HEAD_REACH = 300  # how far into a quotation an editor's "I [Name]" is looked for
_I_BRACKET = re.compile(r"\bI\s*\[([^\[\]\n]{2,60})\]")
# a line that opens with what looks like a speaker's label, in any script
_LABEL_LINE = re.compile(r"^[^\W\d_][^\W\d_ .,'’-]*(?:[ .,'’-]+[^\W\d_]+){0,3}\s*:", re.M)
_NEARLY_WHOLE = 0.75  # an inner quotation this share of its quotation's words voices it all


def attribute_claims(extractions: list[Extraction], resolution: Resolution) -> None:
    """Fill ``resolution.attributions`` and add each document's inner quotations."""
    by_doc: dict[str, list[PersonMention]] = defaultdict(list)
    for m in resolution.person_mentions:
        by_doc[m.doc_id].append(m)
    subjects = WorkSubjects(resolution.persons, Counter(m.person for m in
                                                        resolution.person_mentions))
    for extraction in extractions:
        doc = extraction.layout.document
        mentions = sorted(by_doc.get(doc.doc_id, []), key=lambda m: (m.span.start, m.span.end))
        _Attributor(extraction, resolution, mentions, subjects).run()


class _Attributor:
    """One document's claims, attributed in order."""

    def __init__(self, extraction: Extraction, resolution: Resolution,
                 mentions: list[PersonMention], subjects: WorkSubjects):
        self.extraction = extraction
        self.text = extraction.layout.document.text
        self.resolution = resolution
        self.mentions = mentions
        self.starts = [m.span.start for m in mentions]
        self.subjects = subjects
        self.found = resolution.attributions

    def run(self) -> None:
        turns: dict[str, list[Claim]] = defaultdict(list)
        for c in self.extraction.claims:
            if c.kind is ClaimKind.TURN and c.parent is not None:
                turns[c.parent.key].append(c)
        inner: list[Claim] = []
        for claim in self.extraction.claims:  # turns come after their quotation
            if claim.kind is ClaimKind.TURN:
                attribution = self._speaker_label(claim)
            elif claim.kind is ClaimKind.QUOTATION:
                attribution = self._quotation(claim, turns.get(claim.key, []))
            else:
                attribution = None
            if attribution is not None:
                self.found[claim.key] = attribution
            if claim.key not in turns:  # else its turns hold the inner quotations
                made = self._inner(claim)
                inner += made
                voiced = self._voiced_by_inner(claim, made, attribution)
                if voiced is not None:
                    self.found[claim.key] = voiced
        self.extraction.claims.extend(inner)

    def _within(self, span: Span) -> Sequence[PersonMention]:
        return [m for m in mentions_starting_in(self.mentions, self.starts, span.start,
                                                span.end) if m.span.end <= span.end]

    def _speaker_label(self, claim: Claim) -> Attribution | None:
        """The person the turn's label names: as resolution read the label, else the
        person mention found on it ("Iosif Vissarionovich:", an address without a
        family name, resolved by the mention stage to the one person it fits)."""
        label = claim.speaker
        at = self.text.find(label, claim.span.start, claim.span.end) if label else -1
        evidence = Span(at, at + len(label)) if at >= 0 else claim.span
        person = self.resolution.speaker_of_claim.get(claim.key)
        if not person and at >= 0:
            on_label = [m for m in self._within(evidence) if m.span.start == at]
            person = on_label[0].person if on_label else ""
        if not person:
            return None
        return Attribution((person,), AttributionBasis.SPEAKER_LABEL, evidence)

    def _quotation(self, claim: Claim, turns: list[Claim]) -> Attribution | None:
        """A headnote's speaker; a quotation that opens with a speaker label and whose
        every label names that one person is theirs; one whose bracket after "I" names
        the speaker ("what I [Golovanov] think") is theirs; else, for a quotation that is
        no dialogue and whose headnote names no other voice, its cited work's subject or
        authors."""
        note = headnote_span(self.text, claim.span, claim.headnote) if claim.headnote else None
        if note is not None:
            speaker = headnote_speaker(self.text, note, self._within(note))
            if speaker is not None:
                return Attribution((speaker.person,), AttributionBasis.HEADNOTE, speaker.span)
            if names_a_voice(self.text, note):
                return None  # "NKVD circular ...": a body's words, not the historian's
        if turns:
            return self._one_speaker(claim, turns)  # else a dialogue: its turns have theirs
        editorial = self._bracketed_i(claim)
        if editorial is not None:
            return editorial
        works = self.resolution.works
        for citation in claim.citations:
            work = works.get(self.resolution.work_of_citation.get(citation.key, ""))
            subject = self.subjects.of(work) if work is not None else None
            if subject is not None:
                at = self.text.find(subject.word, citation.span.start, citation.span.end)
                evidence = Span(at, at + len(subject.word)) if at >= 0 else citation.span
                return Attribution((subject.person,), AttributionBasis.WORK_SUBJECT, evidence)
        for citation in claim.citations:
            work = works.get(self.resolution.work_of_citation.get(citation.key, ""))
            if work is not None and work.authors:
                return Attribution(tuple(work.authors), AttributionBasis.CITED_AUTHOR,
                                   self._name_in(citation.span, work.authors[0]))
        return None

    def _name_in(self, span: Span, person: str) -> Span:
        """The person's family name as the reference prints it, else the whole reference:
        the evidence that names them, not every word around it."""
        entity = self.resolution.persons.get(person)
        family = entity.family if entity is not None else ""
        at = self.text.find(family, span.start, span.end) if family else -1
        return Span(at, at + len(family)) if at >= 0 else span

    def _one_speaker(self, claim: Claim, turns: list[Claim]) -> Attribution | None:
        """A quotation that opens with a speaker's label and has no other speaker."""
        first = turns[0]
        people = {self.resolution.speaker_of_claim.get(t.key) for t in turns}
        if first.span.start != claim.span.start or len(people) != 1 or None in people:
            return None
        labels = sum(1 for _ in _LABEL_LINE.finditer(self.text, claim.span.start, claim.span.end))
        if labels > len(turns):
            return None  # a line labelled as no turn was ("IVANOVICH, SHOTA:"): another voice
        return self._speaker_label(first)

    def _bracketed_i(self, claim: Claim) -> Attribution | None:
        """"If you want to know what I [Golovanov] think": an editor's bracket naming the
        speaker after "I", near the start of the quotation."""
        head = Span(claim.span.start, min(claim.span.end, claim.span.start + _HEAD_REACH))
        for m in _I_BRACKET.finditer(self.text, head.start, head.end):
            inside = Span(m.start(1), m.end(1))
            named = [x for x in self._within(inside) if x.span.start == inside.start]
            if named:
                return Attribution((named[0].person,), AttributionBasis.IN_TEXT, named[0].span)
        return None

    def _voiced_by_inner(self, claim: Claim, made: list[Claim],
                         attribution: Attribution | None) -> Attribution | None:
        """A quotation that is, nearly whole, one inner quotation ('(Denny wrote in the
        Times: "...")') is that speaker's, unless something stronger than the default
        already says whose it is."""
        if claim.kind is not ClaimKind.QUOTATION or not made or (
                attribution is not None and attribution.basis is not AttributionBasis.CITED_AUTHOR):
            return None
        whole = len(claim.text.split())
        for inner in made:
            if len(inner.text.split()) >= _NEARLY_WHOLE * whole:
                return self.found[inner.key]
        return None

    def _inner(self, claim: Claim) -> list[Claim]:
        made = []
        for quote in inner_quotes(self.text, claim.span, self.mentions, self.starts):
            words = quote.words
            at = words.start - claim.span.start  # the parent's text, aligned as it is
            inner = Claim(claim.doc_id, ClaimKind.INNER, words,
                          claim.text[at:at + words.end - words.start],
                          claim.line + self.text.count("\n", claim.span.start, words.start),
                          citations=list(claim.citations), thesis=claim.thesis, parent=claim,
                          page=page_at(self.extraction.layout.pages, words.start))
            self.found[inner.key] = Attribution((quote.speaker.person,), AttributionBasis.IN_TEXT,
                                                quote.speaker.span)
            made.append(inner)
        return made
