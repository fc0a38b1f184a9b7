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
   that ties, to a person of that surname alone, so the choice stays visible
   (``bare_pass``);
3. a given name alone ("Sergo", "Pius") goes to the one person of its document
   who bears it, or is dropped.

Between 1 and 2, records that the corpus shows are one person are joined
(``consolidate``: agreeing given names, one-letter spelling variants, declared
nicknames), and two-word forms of given name and patronymic ("Joseph
Vissarionovich") go to the one person they fit (``address_forms``). A ruler's
realm ("Frederick IV of Denmark") tells namesakes apart (``regnal``). A bare word
no family owns, and no common given name, may be the given name of the one person
of its document who bears it: "Toussaint", "Sergo". Named forms are read in
``named_pass``, bare ones in ``bare_pass``; the records a join absorbs are listed
so that ``merge.redirect`` points everything else at the person kept.

Each mention keeps the reason it landed where it did; a person keeps, for each
spelling joined to it, why (``PersonEntity.merge_reasons``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from graph_builder.people.bare_pass import (
    ByGivenName,
    GivenTable,
    NamedSoFar,
    absorb_orphans,
    bare_surname,
    given_only,
)
from graph_builder.people.consolidate import (
    join_agreeing_given_names,
    join_nicknames,
    join_spelling_variants,
)
from graph_builder.people.index import PersonIndex
from graph_builder.people.life_dates import LifeDates, find_life_dates
from graph_builder.people.mention_names import (
    family_of,
    is_named,
    join_spelling,
    resolved_mention,
)
from graph_builder.people.mentions import Mention, find_person_mentions
from graph_builder.people.merge import final_key
from graph_builder.people.name_order import restore_given_first
from graph_builder.people.named_pass import Together, address_pass, fuller_form, named_pass
from graph_builder.people.names import family_key
from graph_builder.people.regnal import Rulers
from graph_builder.records import Document, PersonEntity, PersonMention

_NamedSoFar = NamedSoFar  # the name tests of the bare-surname cursor know it by


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
    already (with ``known_families(persons)``); otherwise they are found here. Persons
    joined into others are gone from the result: ``resolve_people`` also says where
    each went, for whatever else points at them."""
    everyone, resolved, dated, _moved = resolve_people(documents, persons, found)
    return everyone, resolved, dated



def resolve_people(documents: list[Document], persons: dict[str, PersonEntity],
                   found: dict[str, list[Mention]] | None = None
                   ) -> tuple[dict[str, PersonEntity], list[PersonMention],
                              list[tuple[str, str, LifeDates]], dict[str, str]]:
    """As ``resolve_person_mentions``, and which person keys were joined into which
    (``merge.redirect`` points works, biographies and speaker labels at the kept ones)."""
    people = PersonIndex.of(persons)
    texts = {doc.doc_id: doc.text for doc in documents}
    if found is None:
        known = known_families(persons)
        found = {doc.doc_id: find_person_mentions(doc.text, known) for doc in documents}
    rulers = Rulers()
    pending = named_pass(people, found, texts, rulers)
    # dates prose gives named forms ("Mikhail Zavorsky (1880–1936)") keep namesakes apart
    _date_people(documents, [resolved_mention(i.doc_id, i.mention, i.key, "") for i in pending
                             if i.key], people.all())
    together = Together(texts, pending, people.moved)
    join_nicknames(people, together.nicknames, together)
    join_agreeing_given_names(people, together)
    join_spelling_variants(people, together)
    address_pass(people, pending, {d: {family_of(m) for m in ms if m.family and m.kind != "regnal"}
                                    for d, ms in found.items()})
    resolved: list[PersonMention] = []
    named_in: dict[str, Counter[str]] = defaultdict(Counter)  # doc -> person key -> count
    # doc -> family key -> [(start, person key)] of named mentions, in text order
    named_at: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(dict)
    key_at: dict[tuple[str, int], str] = {}
    for item in pending:
        key = final_key(people.moved, item.key)
        m = item.mention
        key_at[(item.doc_id, m.start)] = key
        named_in[item.doc_id][key] += 1
        if m.kind != "regnal":
            named_at[item.doc_id].setdefault(family_key(family_of(m)), []).append((m.start, key))
        resolved.append(resolved_mention(item.doc_id, m, key, item.reason))
    corpus = Counter()
    for counts in named_in.values():
        corpus.update(counts)
    orphans: dict[str, set[str]] = defaultdict(set)  # given-less person -> bearers chosen
    for doc_id, mentions in found.items():
        so_far: dict[str, NamedSoFar] = {}
        givens = GivenTable(people.persons_named(named_in[doc_id]))
        titled = {family_key(m.family) for m in mentions if m.title and not m.given}
        last: Mention | None = None
        for m in mentions:
            if is_named(m):
                last = m
                continue
            if rulers.in_realm(doc_id, m):
                continue
            if not m.family and last is not None and fuller_form(texts.get(doc_id, ""), last, m):
                reason = f"fuller given names in parentheses after '{last.text}'"
                person = people.all()[key_at[(doc_id, last.start)]]
                key = join_spelling(person, m.text, doc_id, reason)
                resolved.append(resolved_mention(doc_id, m, key, reason))
                continue
            if m.family:
                fam = family_key(family_of(m))
                if fam not in so_far:
                    so_far[fam] = NamedSoFar(named_at[doc_id].get(fam, []))
                key, reason = bare_surname(people, m, so_far[fam], corpus, doc_id,
                                    ByGivenName(givens, titled, rulers, orphans))
            else:
                key, reason = given_only(givens, m, doc_id)
            if key:
                resolved.append(resolved_mention(doc_id, m, key, reason))
    absorb_orphans(people, orphans, resolved)
    resolved = [m if m.person not in people.moved else
                PersonMention(m.doc_id, m.span, m.text, final_key(people.moved, m.person),
                              m.kind, m.reason) for m in resolved]
    resolved.sort(key=lambda x: (x.doc_id, x.span.start, x.span.end))
    everyone = people.all()
    restore_given_first(everyone)
    dated = _date_people(documents, resolved, everyone)
    return everyone, resolved, dated, dict(people.moved)


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
