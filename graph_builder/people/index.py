"""The one owner of person identity: clusters of compatible names, grouped by family key.

Resolution (references, notes, speaker labels) and the resolution of mentions in
prose both add names here and get person keys back; only this class makes
keys, joins spellings and records why (``merge_reasons``). ``PersonIndex.of``
reopens an index over persons already resolved, so mentions join them.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_builder.people.merge import absorb_person
from graph_builder.people.names import family_key, fold, givens_compatible, richer_given
from graph_builder.records import PersonEntity, PersonName

APART = " apart"  # the group of persons no family finds (no family key has a space)


class PersonIndex:
    """Clusters of compatible names, grouped by family key."""

    def __init__(self) -> None:
        self.by_family: dict[str, list[PersonEntity]] = {}
        self.moved: dict[str, str] = {}  # key of an absorbed person -> key that absorbed it

    @classmethod
    def of(cls, persons: dict[str, PersonEntity]) -> PersonIndex:
        """An index over already resolved persons, so further names join them."""
        index = cls()
        for person in persons.values():
            index.by_family.setdefault(family_key(person.family), []).append(person)
        return index

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

    def add_apart(self, name: PersonName, surface: str, doc_id: str) -> str:
        """A person that no later name joins by family, when its "family" may be only the
        second word of a given name and patronymic ("Nikolai Ivanovitch"): unless that
        word is some person's family name already ("Lazar Kaganovich")."""
        fam = family_key(name.family)
        if self.by_family.get(fam):
            return self.add(name, surface, doc_id)
        same = next((p for p in self.by_family.get(APART, []) if family_key(p.family) == fam
                     and fold(p.given) == fold(name.given)), None)
        if same is None:
            same = PersonEntity(key=self._unique(f"{fam}|{fold(name.given)}"),
                                family=name.family, given=name.given)
            self.by_family.setdefault(APART, []).append(same)
        same.surface_forms.add(surface)
        same.documents.add(doc_id)
        return same.key

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
        taken = {p.key for group in self.by_family.values() for p in group} | set(self.moved)
        n, candidate = 1, key
        while candidate in taken:
            n += 1
            candidate = f"{key}#{n}"
        return candidate

    def all(self) -> dict[str, PersonEntity]:
        return {p.key: p for group in self.by_family.values() for p in group}

    def absorb(self, keep: PersonEntity, gone: PersonEntity, reason: str) -> None:
        """Make ``gone`` part of ``keep``: its spellings (each with ``reason`` unless it
        has one already), documents and dates move over, and its family key finds
        ``keep`` from now on ("Tomsy" alone finds the person "Tomsky" absorbed)."""
        absorb_person(keep, gone, reason)
        self.moved[gone.key] = keep.key
        for group in self.by_family.values():
            if gone in group:
                group.remove(gone)
                if keep not in group:
                    group.append(keep)


def _dates_agree(person: PersonEntity, born: str, died: str) -> bool:
    return not (born and person.born and born != person.born) and not (
        died and person.died and died != person.died)
