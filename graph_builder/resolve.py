"""Stage 5: resolve names to persons and references to works.

Resolution is conservative by design: two forms become one person only when
``graph_builder.people.names`` finds their family keys equal and their given names
compatible, and a bare surname (a speaker label, "Getty & Naumov") joins a
person only when exactly one person of that surname is known. Merging two
people is a worse error for a historian than leaving one person split, since a
split shows up as two entries while a merge silently rewrites who said what.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_builder.people.biography import read_biography
from graph_builder.people.names import (
    family_key,
    fold,
    givens_compatible,
    richer_given,
    title_case_name,
)
from graph_builder.records import (
    Claim,
    ClaimKind,
    Document,
    Extraction,
    PersonEntity,
    PersonName,
    Reference,
    Resolution,
    WorkEntity,
)
from graph_builder.support.speaker_labels import is_person_label
from graph_builder.works import archival_chain, container_key, is_archival, link_documents, work_key


class PersonIndex:
    """Clusters of compatible names, grouped by family key."""

    def __init__(self) -> None:
        self.by_family: dict[str, list[PersonEntity]] = {}

    def add(self, name: PersonName, surface: str, doc_id: str, born: str = "",
            died: str = "", reason: str = "") -> str:
        """The key of the person this name resolves to (created if new); life dates,
        when given, must agree with the person's, or it is someone else. A new
        spelling joining an existing person records why, in ``merge_reasons``."""
        fam = family_key(name.family)
        group = [p for p in self.by_family.get(fam, []) if _dates_agree(p, born, died)]
        person, why = self._match(group, name.given, fam)
        if person is None:
            key = f"{fam}|{fold(name.given)}" if name.given else fam
            person = PersonEntity(key=self._unique(key), family=name.family, given=name.given)
            self.by_family.setdefault(fam, []).append(person)
        elif surface not in person.surface_forms and surface not in person.merge_reasons:
            dated = "; life dates agree" if (born or died) and (person.born or person.died) else ""
            person.merge_reasons[surface] = (reason or why) + dated
        person.given = richer_given(person.given, name.given)
        if len(name.family) > len(person.family) or person.family.isupper():
            person.family = name.family
        person.surface_forms.add(surface)
        person.documents.add(doc_id)
        person.born, person.died = person.born or born, person.died or died
        return person.key

    def persons_named(self, keys: Iterable[str]) -> list[PersonEntity]:
        """The persons with these keys, in key order."""
        wanted = set(keys)
        return sorted((p for g in self.by_family.values() for p in g if p.key in wanted),
                      key=lambda p: p.key)

    def of_family(self, family: str) -> list[PersonEntity]:
        """Everyone known under this family name's key."""
        return self.by_family.get(family_key(family), [])

    @staticmethod
    def _match(group: list[PersonEntity], given: str, fam: str
               ) -> tuple[PersonEntity | None, str]:
        """The one person of this surname the given names fit (and why), or None if
        none or several."""
        named = [p for p in group if p.given and givens_compatible(p.given, given)]
        same = [p for p in named if given and fold(p.given) == fold(given)]
        if len(named) > 1 and len(same) == 1:
            return same[0], f"family key '{fam}' and the same given names '{given}'"
        if len(named) == 1:
            if given:
                return named[0], (f"family key '{fam}' and given names '{given}' ~ "
                                  f"'{named[0].given}' compatible")
            return named[0], f"family key '{fam}'; no given name, the only person of that family"
        if named and given:
            return None, ""  # ambiguous: never guess between two people
        bare = [p for p in group if not p.given]
        return (bare[0], f"family key '{fam}'; no given name on either form") if bare else (
            None, "")

    def _unique(self, key: str) -> str:
        taken = {p.key for group in self.by_family.values() for p in group}
        n, candidate = 1, key
        while candidate in taken:
            n += 1
            candidate = f"{key}#{n}"
        return candidate

    def all(self) -> dict[str, PersonEntity]:
        return {p.key: p for group in self.by_family.values() for p in group}


def _dates_agree(person: PersonEntity, born: str, died: str) -> bool:
    return not (born and person.born and born != person.born) and not (
        died and person.died and died != person.died)


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
            result.work_of_citation[id(citation)] = archival_chain(result, ref, citation.doc_id)
            continue
        if not ref.title:  # "*Pravda*, 2 March 1930": the periodical itself is cited
            result.work_of_citation[id(citation)] = container_key(result, ref, citation.doc_id)
            continue
        key = work_key(ref, roles["authors"] or roles["editors"])
        work = result.works.get(key)
        if work is None:
            work = result.works[key] = _work_entity(key, ref, roles)
            if ref.container_title:
                work.container = container_key(result, ref, citation.doc_id)
        work.title_forms[ref.title] += 1
        work.documents.add(citation.doc_id)
        result.work_of_citation[id(citation)] = key
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
    result.speaker_of_claim[id(claim)] = people.add(person_name, claim.speaker, claim.doc_id)
