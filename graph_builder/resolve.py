"""Stage 5: resolve names to persons and references to works.

Resolution is conservative by design: two forms become one person only when
``graph_builder.people.names`` finds their family keys equal and their given names
compatible, and a bare surname (a speaker label, "Getty & Naumov") joins a
person only when exactly one person of that surname is known. Merging two
people is a worse error for a historian than leaving one person split, since a
split shows up as two entries while a merge silently rewrites who said what.
"""

from __future__ import annotations

import re
from collections import Counter

from graph_builder.people.address_forms import looks_patronymic
from graph_builder.people.biography import read_biography
from graph_builder.people.index import PersonIndex
from graph_builder.people.names import family_key, fold, givens_compatible, title_case_name
from graph_builder.people.non_person_words import is_acronym
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
from graph_builder.references.documents import parties
from graph_builder.support.speaker_labels import is_person_label
from graph_builder.works import (
    archival_chain,
    archival_document,
    container_key,
    is_archival,
    is_archival_document,
    link_documents,
    main_title,
    work_key,
)

_ROLES = ("authors", "editors", "translators")


_ROMAN = re.compile(r"[IVXLCDM]+\Z")


def is_person_name(name: PersonName) -> bool:
    """Is a creator the reference parser read shaped like a person's name? Not when a
    word holds a digit ("XVII s'ezd ... 26 ianvaria–10 fevralia 1934g": a congress's
    proceedings), the family is a roman numeral, a word is an acronym ("TsA, FSB": an
    archive) or the given names run past five words (a title taken for names)."""
    words = name.given.split() + name.family.split()
    if not words or any(ch.isdigit() for w in words for ch in w):
        return False
    if _ROMAN.match(name.family) or len(name.given.split()) > 5:
        return False
    return not any(is_acronym(w) or (len(w) > 2 and w.isupper() and "." not in w
                                     and not name.family.isupper()) for w in words)


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
    by_title: dict[tuple[str, str], list[WorkEntity]] = {}  # (main title, year) -> works
    for citation in citations:
        ref = citation.reference
        if not ref.ok:
            continue
        roles = _creators_of_known_work(ref, people, by_title, citation.doc_id)
        if roles is None:
            roles = {role: [people.add(n, surface_of(n), citation.doc_id)
                            for n in getattr(ref, role) if is_person_name(n)]
                     for role in _ROLES}
        if is_archival_document(ref):
            result.work_of_citation[citation.key] = _archival_document(
                result, ref, people, citation.doc_id)
            continue
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
            by_title.setdefault((main_title(ref.title), ref.year), []).append(work)
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
        if work.title_forms:  # named by its fullest title; the rest are alternates
            work.title = fullest_title(work.title_forms)
    link_documents(result, documents or [e.layout.document for e in extractions])
    return result


def _archival_document(result: Resolution, ref: Reference, people: PersonIndex,
                       doc_id: str) -> str:
    """The document at a shelfmark, its sender its author and its addressee a person, as
    its title names them ("Memo from V. Abakumov to Stalin")."""
    sender, addressees = parties(ref.title)
    authors = [people.add(n, surface_of(n), doc_id) for n in (*ref.authors, sender)
               if n and is_person_name(n)]
    to = [people.add(n, surface_of(n), doc_id) for n in addressees if is_person_name(n)]
    return archival_document(result, ref, doc_id, list(dict.fromkeys(authors)),
                             list(dict.fromkeys(to)))


def fullest_title(forms: Counter[str]) -> str:
    """The fullest of the titles a work is cited under, spelled as most often printed.

    Citations of one work share its main title; a short form ("Stalin in Power")
    or a compiler's own subtitle drops words the author gave it, so the title with
    the most words is the work's name, whichever form is cited more. Spellings
    that differ only in case, quotes or punctuation are one title, printed as most
    often cited.
    """
    spellings: dict[str, Counter[str]] = {}
    for form, n in forms.items():
        spellings.setdefault(fold(form), Counter())[form] += n
    fullest = max(spellings, key=lambda f: (len(f.split()), len(f), spellings[f].total()))
    same = spellings[fullest]
    return max(same, key=lambda t: ("*" not in t, same[t], len(t), t))


def _creators_of_known_work(ref: Reference, people: PersonIndex,
                            by_title: dict[tuple[str, str], list[WorkEntity]], doc_id: str
                            ) -> dict[str, list[str]] | None:
    """The persons of the one work already known under this title and year whose
    creators bear the reference's surnames in its order, when the reference names
    some of them by surname alone ("Getty & Naumov, The Road to Terror ... 1999").

    Alone, a bare surname is ambiguous as soon as two people share it, and the
    index then keeps it apart as a person of its own; the same surnames crediting
    the same title of the same year are one pair of co-authors, so they are the
    persons a fuller citation of that work named. Several such works: no guess.
    """
    names = {role: getattr(ref, role) for role in _ROLES}
    if not ref.title or not ref.year or all(n.given for ns in names.values() for n in ns):
        return None
    found = []
    for work in by_title.get((main_title(ref.title), ref.year), []):
        held = {role: people.persons_named(getattr(work, role)) for role in _ROLES}
        ordered = {role: [next(p for p in held[role] if p.key == k) for k in getattr(work, role)]
                   for role in _ROLES}
        if all(len(ordered[r]) == len(names[r]) and all(
                family_key(p.family) == family_key(n.family) and givens_compatible(p.given, n.given)
                for p, n in zip(ordered[r], names[r], strict=True)) for r in _ROLES):
            found.append(ordered)
    if len(found) != 1 or not any(found[0].values()):
        return None
    for role in _ROLES:
        for person, name in zip(found[0][role], names[role], strict=True):
            surface = surface_of(name)
            if surface not in person.surface_forms and surface not in person.merge_reasons:
                person.merge_reasons[surface] = (
                    f"family key '{family_key(name.family)}'; the same position among the "
                    f"creators of '{ref.title}' ({ref.year}) as cited in full")
            person.surface_forms.add(surface)
            person.documents.add(doc_id)
    return {role: [p.key for p in found[0][role]] for role in _ROLES}


def _work_entity(key: str, ref: Reference, roles: dict[str, list[str]]) -> WorkEntity:
    return WorkEntity(
        key=key, kind=ref.kind, title=ref.name, year=ref.year, authors=roles["authors"],
        editors=roles["editors"], translators=roles["translators"],
        organization=ref.organization, publisher=ref.publisher, place=ref.place,
        volume=ref.volume, issue=ref.issue, date=ref.date,
    )


def _resolve_speaker(claim: Claim, people: PersonIndex, result: Resolution) -> None:
    if claim.kind is not ClaimKind.TURN or not is_person_label(claim.speaker):
        return
    name = title_case_name(claim.speaker)
    parts = name.split()
    if len(parts) == 2 and looks_patronymic(parts[1]):
        return  # "Iosif Vissarionovich:" is an address, no family: the mention stage
        # resolves it to the one person it fits, and attribution reads that mention
    person_name = PersonName(family=parts[-1], given=" ".join(parts[:-1]))
    result.speaker_of_claim[claim.key] = people.add(person_name, claim.speaker, claim.doc_id)
