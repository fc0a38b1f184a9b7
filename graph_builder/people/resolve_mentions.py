"""Stage 5b: every person mention in every document, resolved to a Person.

Runs after references, biographies and speaker labels are resolved, because
those are the corpus's surest evidence about who exists: their family names
let the recogniser accept a bare "Pyatakov" it could not trust on shape alone.

Resolution goes from surest to weakest form, and never merges two people:

1. a named form (given names, initials, an inverted "Family, Given", a regnal
   "Pius IX") joins the person whose family key and given names agree
   (``PersonIndex``), or becomes a new person;
2. a bare surname ("Yezhov", "Comrade Yezhov", "YEZHOV:", "Yezhov's") goes to
   the one person of that family; when there are several (two Kamenevs), to the
   one its document names most, else the one the corpus names most; when even
   that ties, to a person of that surname alone, so the choice stays visible;
3. a given name alone ("Sergo", "Pius") goes to the one person of its document
   who bears it, or is dropped.

Each mention keeps the reason it landed where it did; a person keeps, for each
spelling joined to it, why (``PersonEntity.merge_reasons``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from graph_builder.people.index import PersonIndex
from graph_builder.people.life_dates import LifeDates, find_life_dates
from graph_builder.people.mentions import Mention, find_person_mentions
from graph_builder.people.name_lexicon import CAPITAL_PARTICLES
from graph_builder.people.names import family_key, given_tokens
from graph_builder.records import Document, PersonEntity, PersonMention, PersonName, Span

_NAMED = frozenset({"full", "initials", "inverted", "regnal"})
# lower-case particles before the family name ("de la", "van der", "d’"): read a character
# at a time, since splitting a run of letters into words of one to three tried every split
_PARTICLE_RE = re.compile(r"^(?:[dD][’']|[a-z])(?:[dD][’']|[a-z]|\s)*(?=[A-ZÀ-Þ])")


def _is_named(m: Mention) -> bool:
    """A form that names its person on its own (given names, initials, regnal ...)."""
    return m.kind in _NAMED or bool(m.given and m.family)


def _family(mention: Mention) -> str:
    """The family name to index under: "de Saint-Just" -> "Saint-Just", and "De Witt" (a
    particle capitalised where no given name precedes it) -> "Witt", as "Johan de Witt"."""
    if mention.kind == "regnal":
        return mention.family
    family = mention.family.strip()
    first, _, rest = family.partition(" ")
    if first in CAPITAL_PARTICLES and rest and not mention.given:
        family = rest
    return _PARTICLE_RE.sub("", family) or mention.family


def _name(mention: Mention) -> PersonName:
    """The mention's name as indexed: particles move to the given side, so
    "Louis Antoine de Saint-Just" keeps its display and meets "Saint-Just"."""
    family = _family(mention)
    particle = mention.family[:len(mention.family) - len(family)].strip()
    return PersonName(family, f"{mention.given} {particle}".strip() if particle else mention.given)


def known_families(persons: dict[str, PersonEntity]) -> frozenset[str]:
    """The surnames references and notes gave: the mention finder accepts them alone."""
    return frozenset(p.family for p in persons.values())


def resolve_person_mentions(documents: list[Document], persons: dict[str, PersonEntity],
                            found: dict[str, list[Mention]] | None = None
                            ) -> tuple[dict[str, PersonEntity], list[PersonMention],
                                       list[tuple[str, str, LifeDates]]]:
    """Persons (the given ones, joined and extended), every resolved mention, and the
    life dates prose states about them as (document, person key, statement).

    ``found`` holds each document's mentions when a per-document task has found them
    already (with ``known_families(persons)``); otherwise they are found here."""
    people = PersonIndex.of(persons)
    if found is None:
        known = known_families(persons)
        found = {doc.doc_id: find_person_mentions(doc.text, known) for doc in documents}
    resolved: list[PersonMention] = []
    named_in: dict[str, Counter[str]] = defaultdict(Counter)  # doc -> person key -> count
    # doc -> family key -> [(start, person key)] of named mentions, in text order
    named_at: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(dict)
    for doc_id, mentions in found.items():
        for m in mentions:
            if _is_named(m):
                key = people.add(_name(m), m.text, doc_id)
                named_in[doc_id][key] += 1
                named_at[doc_id].setdefault(family_key(_family(m)), []).append((m.start, key))
                resolved.append(_resolved(doc_id, m, key, "named form: family and given names"))
    corpus = Counter()
    for counts in named_in.values():
        corpus.update(counts)
    for doc_id, mentions in found.items():
        so_far: dict[str, _NamedSoFar] = {}
        givens = _GivenTable(people.persons_named(named_in[doc_id]))
        for m in mentions:
            if _is_named(m):
                continue
            if m.family:
                fam = family_key(_family(m))
                if fam not in so_far:
                    so_far[fam] = _NamedSoFar(named_at[doc_id].get(fam, []))
                key, reason = _bare(people, m, so_far[fam], corpus, doc_id)
            else:
                key, reason = _given_only(givens, m, doc_id)
            if key:
                resolved.append(_resolved(doc_id, m, key, reason))
    resolved.sort(key=lambda x: (x.doc_id, x.span.start, x.span.end))
    everyone = people.all()
    dated = _date_people(documents, resolved, everyone)
    return everyone, resolved, dated


def _date_people(documents: list[Document], resolved: list[PersonMention],
                 persons: dict[str, PersonEntity]) -> list[tuple[str, str, LifeDates]]:
    """Life dates prose states on a mentioned name ("Bukharin (1888–1938)") go to the
    person that mention resolved to, unless the person's dates already differ (then
    the statement is about a namesake, and resolution has no one to give it to)."""
    at = {(m.doc_id, m.span.start): m.person for m in resolved}
    found = []
    for doc in documents:
        for stated in find_life_dates(doc.text):
            key = next((at[(doc.doc_id, i)] for i in range(stated.name_start, stated.name_end)
                        if (doc.doc_id, i) in at), "")
            if not key:
                continue
            person = persons[key]
            if (person.born and stated.born and person.born != stated.born) or (
                    person.died and stated.died and person.died != stated.died):
                continue
            person.born, person.died = person.born or stated.born, person.died or stated.died
            found.append((doc.doc_id, key, stated))
    return found


def _resolved(doc_id: str, m: Mention, key: str, reason: str) -> PersonMention:
    return PersonMention(doc_id, Span(m.start, m.end), m.text, key, m.kind, reason)


def _join(person: PersonEntity, surface: str, doc_id: str, reason: str) -> str:
    """Record a spelling on a person it was resolved to, with why."""
    if surface not in person.surface_forms and surface not in person.merge_reasons:
        person.merge_reasons[surface] = reason
    person.surface_forms.add(surface)
    person.documents.add(doc_id)
    return person.key


class _NamedSoFar:
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


def _bare(people: PersonIndex, m: Mention, named_at: _NamedSoFar,
          corpus: Counter[str], doc_id: str) -> tuple[str, str]:
    """A bare surname's person and why.

    The only person of that family, if there is one. Otherwise, as a reader
    takes it, the one its document has named most up to that point (of those
    tied, the one it introduced first: a text's protagonist comes before his
    kin). A document that names someone of the family only after the bare
    surname introduces that person there, so the earlier one is kept apart; a
    document naming none of them leaves it to the corpus's most named.
    """
    family = _family(m)
    group = people.of_family(family)
    named = [p for p in group if p.given] or group
    by_key = {p.key: p for p in named}
    if len(named) == 1:
        reason = f"bare surname: the only person of family key '{family_key(family)}'"
        return _join(named[0], m.text, doc_id, reason), reason
    before = named_at.before(m.start, by_key)
    if before:
        most = max(n for _, n, _ in before)
        key = min((first, k) for k, n, first in before if n == most)[1]
        reason = (f"bare surname: of the {len(named)} people of that family, the one its "
                  "document has named most so far" + (" (of those tied, the first)" if sum(
                      n == most for _, n, _ in before) > 1 else ""))
        return _join(by_key[key], m.text, doc_id, reason), reason
    ranked = sorted(((corpus[p.key], p.key) for p in named), reverse=True)
    if named_at.empty and ranked and ranked[0][0] and (
            len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        reason = (f"bare surname: of the {len(named)} people of that family, the corpus "
                  "names this one most and its document names none")
        return _join(by_key[ranked[0][1]], m.text, doc_id, reason), reason
    reason = ("bare surname: new person" if not named else
              "bare surname: several people share it and its document names none of them "
              "before it; kept apart")
    return people.add(PersonName(family, ""), m.text, doc_id), reason


class _GivenTable:
    """The persons a document names, by each leading run of their given-name keys
    ("nikolai", "nikolai ivanovich"), so a given name alone finds its bearers in
    one look-up instead of a pass over everyone the document names."""

    def __init__(self, persons: list[PersonEntity]) -> None:
        self.by_prefix: dict[tuple[str, ...], list[PersonEntity]] = {}
        for person in persons:
            tokens = given_tokens(person.given) or given_tokens(person.family)[:1]
            keys = tuple(family_key(t) for t in tokens)
            for n in range(len(keys) + 1):
                self.by_prefix.setdefault(keys[:n], []).append(person)

    def bearers(self, wanted: tuple[str, ...]) -> list[PersonEntity]:
        return self.by_prefix.get(wanted, [])


def _given_only(givens: _GivenTable, m: Mention, doc_id: str) -> tuple[str, str]:
    """A given name alone goes to the one person of its document who bears it."""
    owners = givens.bearers(tuple(family_key(t) for t in given_tokens(m.given)))
    if len(owners) == 1:  # "Nikolai Ivanovich": both words must agree
        reason = "given name alone: the one person of its document who bears it"
        return _join(owners[0], m.text, doc_id, reason), reason
    return "", ""
