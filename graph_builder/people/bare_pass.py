"""Bare surnames and given names alone, each to a person, once every named form is in.

A bare surname goes to the one person of its family, or of several to the one its
document has named most so far, or to the subject a document then names again
and again (a title, a table of contents), or to the corpus's most named when its
document names none; a word no family owns may be a ruler's name ("Frederick")
or the given name of its document's one bearer ("Toussaint"). A given name alone
goes to its document's one bearer.
"""

from __future__ import annotations

from collections import Counter

from graph_builder.people.address_forms import given_forms, looks_patronymic
from graph_builder.people.given_names import is_given_name
from graph_builder.people.index import PersonIndex
from graph_builder.people.mention_names import family_of, join_spelling, script_of
from graph_builder.people.mentions import Mention
from graph_builder.people.merge import final_key
from graph_builder.people.names import family_key, given_tokens
from graph_builder.people.regnal import Rulers, pick_ruler
from graph_builder.records import PersonEntity, PersonMention, PersonName

# named this often in a document (and more than the rest of the family together), a
# person is what its bare surname meant before the first naming
_PROTAGONIST = 3


class NamedSoFar:
    """How often a document has named each person of one family before a point.

    Bare surnames arrive in text order, so a cursor walks the named mentions once
    and keeps running counts; asking again from the start for every bare surname
    made a long document quadratic."""

    def __init__(self, named_at: list[tuple[int, str]]) -> None:
        self.named_at = named_at
        self._reset()

    def _reset(self) -> None:
        self.i = 0
        self.counts: Counter[str] = Counter()
        self.first: dict[str, int] = {}  # key -> index of its first named mention

    def before(self, pos: int, keys: dict[str, PersonEntity]) -> list[tuple[str, int, int]]:
        """(key, count, first index) of each of ``keys`` named before ``pos``."""
        if self.i and self.named_at[self.i - 1][0] >= pos:
            self._reset()  # asked about an earlier point: count again from the start
        while self.i < len(self.named_at) and self.named_at[self.i][0] < pos:
            key = self.named_at[self.i][1]
            self.counts[key] += 1
            self.first.setdefault(key, self.i)
            self.i += 1
        return [(k, n, self.first[k]) for k, n in self.counts.items() if k in keys]

    @property
    def empty(self) -> bool:
        return not self.named_at


class ByGivenName:
    """A bare word no family owns, read as a given name ("Toussaint", "Sergo"): the one
    person of its document who bears it first among their given names. Only a word
    that is no common given name of the lexicon: the recogniser reads "John" alone as a
    given name itself when it is one, and a book naming one John may well mean another.
    A word the document puts after a title ("Tsar Peter") is a name in its own right,
    and a word some ruler is called by ("Frederick" for Frederick IV) is that ruler's."""

    def __init__(self, in_document: GivenTable, titled: set[str], rulers: Rulers,
                 orphans: dict[str, set[str]]) -> None:
        self.in_document, self.titled, self.rulers, self.orphans = (
            in_document, titled, rulers, orphans)

    def ruler(self, m: Mention, doc_id: str) -> tuple[str, str]:
        keys = sorted(self.rulers.by_stem.get(family_key(m.family), ()))
        return pick_ruler(keys, self.rulers, doc_id, m) if keys else ("", "")

    def bearer(self, m: Mention) -> tuple[PersonEntity | None, str]:
        fam = family_key(m.family)
        if " " in m.family.strip() or fam in self.titled or m.title or is_given_name(fam):
            return None, ""
        owners = [p for p in self.in_document.bearers((fam,)) if p.given]
        if len(owners) == 1:
            return owners[0], ("a word no family owns, read as a given name: the one person of "
                               "its document who bears it")
        return None, ""


def bare_surname(people: PersonIndex, m: Mention, named_at: NamedSoFar,
          corpus: Counter[str], doc_id: str, by_given: ByGivenName) -> tuple[str, str]:
    """A bare surname's person and why.

    The only person of that family, if there is one. Otherwise, as a reader
    takes it, the one its document has named most up to that point (of those
    tied, the one it introduced first: a text's protagonist comes before his
    kin). A document that names someone of the family only after the bare
    surname introduces that person there, so the earlier one is kept apart (a
    document naming Roy Medvedev once after a bare "Medvedev" may mean another),
    unless the document then names that one person again and again: a table of
    contents or a title names the book's subject. A document naming none of them
    leaves it to the corpus's most named. A word no
    person has as family name may be a ruler's name or a given name
    (``ByGivenName``).
    """
    family = family_of(m)
    group = people.of_family(family)
    named = [p for p in group if p.given] or group
    script = script_of(m.text)
    same_script = [p for p in named if any(script_of(f) == script for f in p.surface_forms)]
    if same_script and len(same_script) < len(named):
        named = same_script  # "Postyshev" in English prose is not the "Постышев А." of a protocol
    by_key = {p.key: p for p in named}
    if not any(p.given for p in named):
        key, reason = by_given.ruler(m, doc_id)
        if key:
            return key, reason
        owner, reason = by_given.bearer(m)
        if owner is not None:
            for p in named:  # a speaker label "TOUSSAINT" made a person of that word
                by_given.orphans[p.key].add(owner.key)
            return join_spelling(owner, m.text, doc_id, reason), reason
    if len(named) == 1:
        reason = f"bare surname: the only person of family key '{family_key(family)}'"
        return join_spelling(named[0], m.text, doc_id, reason), reason
    before = named_at.before(m.start, by_key)
    if before:
        most = max(n for _, n, _ in before)
        key = min((first, k) for k, n, first in before if n == most)[1]
        reason = (f"bare surname: of the {len(named)} people of that family, the one its "
                  "document has named most so far" + (" (of those tied, the first)" if sum(
                      n == most for _, n, _ in before) > 1 else ""))
        return join_spelling(by_key[key], m.text, doc_id, reason), reason
    later = Counter(k for _, k in named_at.named_at if k in by_key).most_common()
    if later and later[0][1] >= _PROTAGONIST and later[0][1] > sum(n for _, n in later[1:]):
        reason = (f"bare surname before its document names anyone of that family: the one "
                  f"it then names again and again ({later[0][1]} times, more than all the "
                  "others together), as a title or table of contents names its subject")
        return join_spelling(by_key[later[0][0]], m.text, doc_id, reason), reason
    ranked = sorted(((corpus[p.key], p.key) for p in named), reverse=True)
    if named_at.empty and ranked and ranked[0][0] and (
            len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        reason = (f"bare surname: of the {len(named)} people of that family, the corpus "
                  "names this one most and its document names none")
        return join_spelling(by_key[ranked[0][1]], m.text, doc_id, reason), reason
    if not named and looks_patronymic(family):
        bearer, reason = _patronymic_alone(people, family)
        if bearer is not None:
            return join_spelling(bearer, m.text, doc_id, reason), reason
    reason = ("bare surname: new person" if not named else
              "bare surname: several people share it and its document names none of them "
              "before it; kept apart")
    return people.add(PersonName(family, ""), m.text, doc_id), reason


def _patronymic_alone(people: PersonIndex, word: str) -> tuple[PersonEntity | None, str]:
    """"Vissarionovich" alone, a patronymic no family bears: the one person of the corpus
    whose written-out names carry it ("Iosif Vissarionovich Stalin"); nobody if several."""
    key = family_key(word)
    bearers = [p for p in people.all().values()
               if any(len(f) >= 2 and len(f[1]) > 2 and family_key(f[1]) == key
                      for f in given_forms(p))]
    if len(bearers) != 1:
        return None, ""
    return bearers[0], ("a patronymic alone: the only person of the corpus whose written-out "
                        "names carry it")


def absorb_orphans(people: PersonIndex, orphans: dict[str, set[str]],
                    resolved: list[PersonMention]) -> None:
    """A person made of a word alone (a speaker label "TOUSSAINT") whose every mention
    went to the one person bearing that word as given name is that person."""
    still = {m.person for m in resolved}
    persons = people.all()
    for key, owners in orphans.items():
        if len(owners) == 1 and key not in still and key in persons:
            owner = persons.get(final_key(people.moved, next(iter(owners))))
            if owner is not None and owner is not persons[key]:
                people.absorb(owner, persons[key], "a word alone that the corpus uses as this "
                                                   "person's given name")


class GivenTable:
    """The persons a document names, by each leading run of their given-name keys
    ("nikolai", "nikolai ivanovich"), so a given name alone finds its bearers in
    one look-up instead of a pass over everyone the document names. A person known
    by a middle name ("J. Arch Getty") is found by it too ("Arch"); every spelling's
    given names count ("Sergo Ordzhonikidze" for G. K. Ordzhonikidze)."""

    def __init__(self, persons: list[PersonEntity]) -> None:
        self.by_prefix: dict[tuple[str, ...], list[PersonEntity]] = {}
        for person in persons:
            runs = {tuple(given_tokens(person.given) or given_tokens(person.family)[:1])}
            runs |= {tuple(f) for f in given_forms(person, 1)}
            keyed = set()
            for tokens in runs:
                keys = tuple(family_key(t) for t in tokens)
                while len(keys) > 1 and len(keys[0]) == 1:
                    keyed.add(keys)
                    keys = keys[1:]  # "J. Arch": also "Arch"
                keyed.add(keys)
            for prefix in {keys[:n] for keys in keyed for n in range(len(keys) + 1)}:
                self.by_prefix.setdefault(prefix, []).append(person)

    def bearers(self, wanted: tuple[str, ...]) -> list[PersonEntity]:
        return self.by_prefix.get(wanted, [])


def given_only(givens: GivenTable, m: Mention, doc_id: str) -> tuple[str, str]:
    """A given name alone goes to the one person of its document who bears it."""
    owners = givens.bearers(tuple(family_key(t) for t in given_tokens(m.given)))
    if len(owners) == 1:  # "Nikolai Ivanovich": both words must agree
        reason = "given name alone: the one person of its document who bears it"
        return join_spelling(owners[0], m.text, doc_id, reason), reason
    return "", ""
