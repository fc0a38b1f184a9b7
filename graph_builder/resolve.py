"""Stage 5: resolve names to persons and references to works.

Resolution is conservative by design: two forms become one person only when
``graph_builder.people.names`` finds their family keys equal and their given names
compatible, and a bare surname (a speaker label, "Getty & Naumov") joins a
person only when exactly one person of that surname is known. Merging two
people is a worse error for a historian than leaving one person split, since a
split shows up as two entries while a merge silently rewrites who said what.
"""

from __future__ import annotations

from graph_builder.people.biography import read_biography
from graph_builder.people.index import PersonIndex
from graph_builder.people.names import (
    title_case_name,
)
from graph_builder.records import (
    Claim,
    ClaimKind,
    Document,
    Extraction,
    PersonName,
    Reference,
    Resolution,
    WorkEntity,
)
from graph_builder.support.speaker_labels import is_person_label
from graph_builder.works import archival_chain, container_key, is_archival, link_documents, work_key


def surface_of(name: PersonName) -> str:
    return f"{name.family}, {name.given}" if name.given else name.family


def _works_first(extractions: list[Extraction]):
    """Citations in corpus order, so the first full form of a name is seen first."""
    for extraction in extractions:
        for citation in extraction.citations:
            if citation.reference is not None:
                yield citation


def resolve(extractions: list[Extraction], documents: list[Document] | None = None
            ) -> Resolution:
    """Persons and works of the whole corpus, with what points at them."""
    people = PersonIndex()
    result = Resolution()
    citations = sorted(_works_first(extractions),
                       key=lambda c: -sum(len(n.given) for n in c.reference.authors))
    for citation in citations:
        ref = citation.reference
        if not ref.ok:
            continue
        roles = {}
        for role in ("authors", "editors", "translators"):
            roles[role] = [people.add(n, surface_of(n), citation.doc_id)
                           for n in getattr(ref, role)]
        if is_archival(ref):
            result.work_of_citation[citation.key] = archival_chain(result, ref, citation.doc_id)
            continue
        if not ref.title:  # "*Pravda*, 2 March 1930": the periodical itself is cited
            result.work_of_citation[citation.key] = container_key(result, ref, citation.doc_id)
            continue
        key = work_key(ref, roles["authors"] or roles["editors"])
        work = result.works.get(key)
        if work is None:
            work = result.works[key] = _work_entity(key, ref, roles)
            if ref.container_title:
                work.container = container_key(result, ref, citation.doc_id)
        work.title_forms[ref.title] += 1
        work.documents.add(citation.doc_id)
        result.work_of_citation[citation.key] = key
    for extraction in extractions:
        for block in extraction.layout.blocks:
            bio = read_biography(block)
            if bio is not None:
                doc_id = extraction.layout.document.doc_id
                key = people.add(bio.name, bio.surface, doc_id, bio.born, bio.died)
                result.biographies.append((doc_id, key, bio))
    for extraction in extractions:
        for claim in extraction.claims:
            _resolve_speaker(claim, people, result)
    result.persons = people.all()
    for work in result.works.values():
        if work.title_forms:  # named as it is most often printed; the rest are alternates
            work.title = max(work.title_forms, key=lambda t: (work.title_forms[t], len(t)))
    link_documents(result, documents or [e.layout.document for e in extractions])
    return result


def _work_entity(key: str, ref: Reference, roles: dict[str, list[str]]) -> WorkEntity:
    return WorkEntity(
        key=key, kind=ref.kind, title=ref.name, year=ref.year, authors=roles["authors"],
        editors=roles["editors"], translators=roles["translators"],
        organization=ref.organization, publisher=ref.publisher, place=ref.place,
        volume=ref.volume, issue=ref.issue,
    )


def _resolve_speaker(claim: Claim, people: PersonIndex, result: Resolution) -> None:
    if claim.kind is not ClaimKind.TURN or not is_person_label(claim.speaker):
        return
    name = title_case_name(claim.speaker)
    parts = name.split()
    person_name = PersonName(family=parts[-1], given=" ".join(parts[:-1]))
    result.speaker_of_claim[claim.key] = people.add(person_name, claim.speaker, claim.doc_id)
