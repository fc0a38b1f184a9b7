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

Between 1 and 2, records that the corpus shows are one person are joined
(``consolidate``: agreeing given names, one-letter spelling variants, declared
nicknames), and two-word forms of given name and patronymic ("Joseph
Vissarionovich") go to the one person they fit (``address_forms``). A ruler's
realm ("Frederick IV of Denmark") tells namesakes apart (``regnal``). A bare word
no family owns may be the given name of the one person of its document (or,
when it is no common given name, of the corpus) who bears it: "Toussaint",
"Sergo".

Each mention keeps the reason it landed where it did; a person keeps, for each
spelling joined to it, why (``PersonEntity.merge_reasons``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph_builder.people.address_forms import address_target, given_forms, looks_patronymic
from graph_builder.people.consolidate import (
    join_agreeing_given_names,
    join_nicknames,
    join_spelling_variants,
)
from graph_builder.people.given_names import is_given_name
from graph_builder.people.index import PersonIndex
from graph_builder.people.life_dates import LifeDates, find_life_dates
from graph_builder.people.mentions import Mention, find_person_mentions
from graph_builder.people.merge import final_key
from graph_builder.people.name_lexicon import CAPITAL_PARTICLES
from graph_builder.people.name_order import restore_given_first
from graph_builder.people.names import family_key, first_given_agrees, given_tokens
from graph_builder.people.regnal import realm_after, regnal_stem
from graph_builder.records import Document, PersonEntity, PersonMention, PersonName, Span

_NAMED = frozenset({"full", "initials", "inverted", "regnal"})
# lower-case particles before the family name ("de la", "van der", "d’"): read a character
# at a time, since splitting a run of letters into words of one to three tried every split
_PARTICLE_RE = re.compile(r"^(?:[dD][’']|[a-z])(?:[dD][’']|[a-z]|\s)*(?=[A-ZÀ-Þ])")
# a nickname the text gives in quotes right after a name: 'Ordzhonikidze, G. (“Sergo”)'
_NICKNAME_RE = re.compile(r"[ \t]*\([ \t]*[\"“‘']([A-Z][^\W\d_]{1,20})[\"”’'][ \t]*\)")
# named this often in a document (and more than the rest of the family together), a
# person is what its bare surname meant before the first naming
_PROTAGONIST = 3
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# what may stand between a name and its given names spelt out: "Getty, J.[ Arch] ("
_BETWEEN_FULLER_RE = re.compile(r"((?:[ \t]+[A-Z][\w.’'\-]*){0,3})[ \t]*\(")
# sentence ends: two forms in one sentence are two people
# (a run of stops or of quotes is read once, from its first character)
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]++[\"”’)]*+\s++(?=[\"“‘(]*+[A-Z])|\n[^\S\n]*+\n")


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


def _script(text: str) -> str:
    """"cyrillic" or "latin": a bare surname means someone its text names in its script."""
    return "cyrillic" if _CYRILLIC_RE.search(text) else "latin"


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


@dataclass
class _Pending:
    """A named mention and the person it went to ("" while undecided), with why."""

    doc_id: str
    mention: Mention
    key: str = ""
    reason: str = ""


@dataclass
class _Rulers:
    """Rulers by the name they are also called alone ("frederick" -> keys), the title
    each was written with, and where each document names them."""

    by_stem: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    named_at: dict[str, dict[str, list[tuple[int, str]]]] = field(
        default_factory=lambda: defaultdict(dict))
    realm_spans: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))

    def in_realm(self, doc_id: str, m: Mention) -> bool:
        return any(s <= m.start and m.end <= e for s, e in self.realm_spans.get(doc_id, ()))


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
    rulers = _Rulers()
    pending = _named_pass(people, found, texts, rulers)
    # dates prose gives named forms ("Mikhail Zavorsky (1880–1936)") keep namesakes apart
    _date_people(documents, [_resolved(i.doc_id, i.mention, i.key, "") for i in pending
                             if i.key], people.all())
    together = _Together(texts, pending, people.moved)
    join_nicknames(people, together.nicknames, together)
    join_agreeing_given_names(people, together)
    join_spelling_variants(people, together)
    _address_pass(people, pending, {d: {_family(m) for m in ms if m.family and m.kind != "regnal"}
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
            named_at[item.doc_id].setdefault(family_key(_family(m)), []).append((m.start, key))
        resolved.append(_resolved(item.doc_id, m, key, item.reason))
    corpus = Counter()
    for counts in named_in.values():
        corpus.update(counts)
    orphans: dict[str, set[str]] = defaultdict(set)  # given-less person -> bearers chosen
    for doc_id, mentions in found.items():
        so_far: dict[str, _NamedSoFar] = {}
        givens = _GivenTable(people.persons_named(named_in[doc_id]))
        titled = {family_key(m.family) for m in mentions if m.title and not m.given}
        last: Mention | None = None
        for m in mentions:
            if _is_named(m):
                last = m
                continue
            if rulers.in_realm(doc_id, m):
                continue
            if not m.family and last is not None and _fuller_form(texts.get(doc_id, ""), last, m):
                key = key_at[(doc_id, last.start)]
                reason = f"fuller given names in parentheses after '{last.text}'"
                resolved.append(_resolved(doc_id, m, _join(people.all()[key], m.text, doc_id,
                                                           reason), reason))
                continue
            if m.family:
                fam = family_key(_family(m))
                if fam not in so_far:
                    so_far[fam] = _NamedSoFar(named_at[doc_id].get(fam, []))
                key, reason = _bare(people, m, so_far[fam], corpus, doc_id,
                                    _ByGivenName(givens, titled, rulers, orphans))
            else:
                key, reason = _given_only(givens, m, doc_id)
            if key:
                resolved.append(_resolved(doc_id, m, key, reason))
    _absorb_orphans(people, orphans, resolved)
    resolved = [m if m.person not in people.moved else
                PersonMention(m.doc_id, m.span, m.text, final_key(people.moved, m.person),
                              m.kind, m.reason) for m in resolved]
    resolved.sort(key=lambda x: (x.doc_id, x.span.start, x.span.end))
    everyone = people.all()
    restore_given_first(everyone)
    dated = _date_people(documents, resolved, everyone)
    return everyone, resolved, dated, dict(people.moved)


def _named_pass(people: PersonIndex, found: dict[str, list[Mention]], texts: dict[str, str],
                rulers: _Rulers) -> list[_Pending]:
    """Named forms, in corpus order, each to a person; two-word forms that may be a given
    name and patronymic, and rulers named without a realm, wait ("" key) for all the
    rest, since only the whole corpus tells whom they fit."""
    pending: list[_Pending] = []
    for doc_id, mentions in found.items():
        text = texts.get(doc_id, "")
        previous: _Pending | None = None
        for m in mentions:
            if not _is_named(m):
                continue
            item = _Pending(doc_id, m)
            if m.kind == "regnal":
                _ruler(people, item, text, rulers)
            elif _address_words(m):
                pass  # decided in _address_pass
            elif previous and previous.key and _fuller_form(text, previous.mention, m):
                item.key, item.reason = previous.key, (
                    f"fuller given names in parentheses after '{previous.mention.text}'")
                people.persons_named([previous.key])[0].surface_forms.add(m.text)
            else:
                item.key, item.reason = _split_inverted(people, m, text, doc_id)
                if not item.key:
                    item.key = people.add(_name(m), m.text, doc_id)
                    item.reason = "named form: family and given names"
            pending.append(item)
            previous = item
    _unqualified_rulers(people, pending, rulers)
    return pending


def _ruler(people: PersonIndex, item: _Pending, text: str, rulers: _Rulers) -> None:
    """"Frederick IV of Denmark": the realm is part of who he is."""
    m = item.mention
    match_end = m.end
    realm = realm_after(text, match_end)
    if not realm:
        return  # decided in _unqualified_rulers
    end = text.index(realm, match_end) + len(realm)
    rulers.realm_spans[item.doc_id].append((text.index(realm, match_end), end))
    item.key = people.add(PersonName(f"{m.family} of {realm}", ""), m.text, item.doc_id,
                          reason=f"ruler's name '{m.family}' with the realm '{realm}'")
    item.reason = f"ruler's name with its realm '{realm}'"
    _note_ruler(rulers, item)


def _note_ruler(rulers: _Rulers, item: _Pending) -> None:
    m = item.mention
    stem = family_key(regnal_stem(m.family))
    rulers.by_stem[stem].add(item.key)
    rulers.by_stem[family_key(m.family)].add(item.key)
    if m.title:
        rulers.titles[item.key].add(m.title.split()[-1].casefold())
    rulers.named_at[item.doc_id].setdefault(stem, []).append((m.start, item.key))


def _unqualified_rulers(people: PersonIndex, pending: list[_Pending], rulers: _Rulers) -> None:
    """A ruler's name without a realm: the one ruler of that name with a realm, or, of
    several, the one its document has named most so far; else a person of its own."""
    for item in pending:
        m = item.mention
        if m.kind != "regnal" or item.key:
            continue
        same = sorted(rulers.by_stem.get(family_key(m.family), ()))
        key, reason = _pick_ruler(same, rulers, item.doc_id, m)
        if not key:
            key = people.add(PersonName(m.family, ""), m.text, item.doc_id)
            reason = "named form: a ruler's name"
        item.key, item.reason = key, reason
        if key not in same:
            _note_ruler(rulers, item)


def _pick_ruler(keys: list[str], rulers: _Rulers, doc_id: str, m: Mention) -> tuple[str, str]:
    if len(keys) == 1:
        return keys[0], "ruler's name: the one ruler of that name the corpus knows"
    title = m.title.split()[-1].casefold() if m.title else ""
    titled = [k for k in keys if title and title in rulers.titles.get(k, ())]
    if len(titled) == 1:
        return titled[0], f"ruler's name and title '{title}': the one ruler of that name so titled"
    before = Counter(k for pos, k in rulers.named_at[doc_id].get(
        family_key(regnal_stem(m.family)), []) if pos < m.start and k in keys)
    if before:
        most = max(before.values())
        first = [k for pos, k in rulers.named_at[doc_id][family_key(regnal_stem(m.family))]
                 if before.get(k) == most]
        return first[0], ("ruler's name: of the rulers of that name, the one its document has "
                          "named most so far (of those tied, the first)")
    return "", ""


def _address_words(m: Mention) -> tuple[str, str] | None:
    """The two words of a "Given Patronymic" candidate ("Joseph Vissarionovich"): one of
    them ends like a patronymic; any other two-word name resolves as it comes."""
    words = (m.given.split() + m.family.split()) if m.kind != "inverted" else []
    if len(words) == 2 and m.kind in ("full", "title", "given") and all(
            len(w) > 2 and not w.endswith(".") for w in words) and any(
            looks_patronymic(w) for w in words):
        return words[0], words[1]
    return None


def _address_pass(people: PersonIndex, pending: list[_Pending],
                  written: dict[str, set[str]]) -> None:
    """Two-word forms: the one person with that given name and patronymic, or a person
    named so (as any "Given Family"). A document's candidates are the people it names
    and those of every family it writes (a bare "Bukharin" counts: "Nikolai Ivanovich"
    could be he as well as Yezhov)."""
    everyone = list(people.all().values())
    in_doc: dict[str, set[str]] = defaultdict(set)
    for item in pending:
        if item.key:
            in_doc[item.doc_id].add(final_key(people.moved, item.key))
    for doc_id, families in written.items():
        in_doc[doc_id] |= {p.key for fam in families for p in people.of_family(fam) if p.given}
    for item in pending:
        if item.key:
            continue
        words = _address_words(item.mention)
        assert words is not None
        target, why = address_target(words, people.persons_named(in_doc[item.doc_id]), everyone)
        if target is not None:
            item.key, item.reason = _join(target, item.mention.text, item.doc_id, why), why
        else:
            item.reason = "named form: family and given names"
            if not people.of_family(_family(item.mention)):
                # a person of its own, but its second word is no family name to find by:
                # "IVANOVICH" alone (a man so surnamed) is not "Nikolai Ivanovitch"
                item.reason = "named form: a given name and patronymic no known person fits"
            item.key = people.add_apart(_name(item.mention), item.mention.text, item.doc_id)


def _fuller_form(text: str, previous: Mention | None, m: Mention) -> bool:
    """"Getty, J. Arch (John Arch)": a name in parentheses right after a named form,
    whose words all agree with that form's given names, spells those names out."""
    if previous is None:
        return False
    between = _BETWEEN_FULLER_RE.fullmatch(text, previous.end, m.start)
    if between is None:
        return False
    words = m.text  # as printed: a reading may have swapped its family and given names
    written = f"{previous.given} {between[1]}".strip()
    return len(given_tokens(words)) >= 2 and len(given_tokens(words)) >= len(
        given_tokens(written)) and first_given_agrees(words, written)


def _split_inverted(people: PersonIndex, m: Mention, text: str, doc_id: str
                    ) -> tuple[str, str]:
    """"Getty, J. Arch" read as a name "J. Arch" after a word: when the word before the
    comma is the family of the one person whose given names these are, that person."""
    before = text[max(0, m.start - 40):m.start]
    if not before.endswith(", ") or not m.given or not before[:-2].strip():
        return "", ""
    word = before[:-2].rsplit(None, 1)[-1]
    if not word[:1].isupper():
        return "", ""
    words = f"{m.given} {m.family}".strip()
    fits = [p for p in people.of_family(word) if p.given and first_given_agrees(words, p.given)
            and len(given_tokens(p.given)) >= len(given_tokens(words))]
    if len(fits) != 1:
        return "", ""
    reason = (f"'{word}, {m.text}': an inverted name read in two parts; these are the given "
              f"names of the one person of family '{word}' they fit")
    return _join(fits[0], m.text, doc_id, reason), reason


class _Together:
    """Which persons a document names in one sentence (then they are two people), and
    the nicknames texts declare for persons."""

    def __init__(self, texts: dict[str, str], pending: list[_Pending],
                 moved: dict[str, str]) -> None:
        self.moved = moved  # joins made since: a kept person has the sentences of both
        self.sentences: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.nicknames: dict[str, set[str]] = defaultdict(set)
        ends: dict[str, list[int]] = {}
        for item in pending:
            text = texts.get(item.doc_id, "")
            if item.doc_id not in ends:
                ends[item.doc_id] = [x.end() for x in _SENTENCE_END_RE.finditer(text)]
            n = bisect.bisect_right(ends[item.doc_id], item.mention.start)
            if item.key:
                self.sentences[item.key].add((item.doc_id, n))
            nick = _NICKNAME_RE.match(text, item.mention.end)
            if nick and item.key:
                self.nicknames[item.key].add(nick[1])

    def _of(self, key: str) -> set[tuple[str, int]]:
        return {s for k, found in self.sentences.items() if final_key(self.moved, k) == key
                for s in found}

    def __call__(self, a: str, b: str) -> bool:
        return bool(self._of(a) & self._of(b))


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


class _ByGivenName:
    """A bare word no family owns, read as a given name ("Toussaint", "Sergo"): the one
    person of its document who bears it first among their given names. Only a word
    that is no common given name of the lexicon: the recogniser reads "John" alone as a
    given name itself when it is one, and a book naming one John may well mean another.
    A word the document puts after a title ("Tsar Peter") is a name in its own right,
    and a word some ruler is called by ("Frederick" for Frederick IV) is that ruler's."""

    def __init__(self, in_document: _GivenTable, titled: set[str], rulers: _Rulers,
                 orphans: dict[str, set[str]]) -> None:
        self.in_document, self.titled, self.rulers, self.orphans = (
            in_document, titled, rulers, orphans)

    def ruler(self, m: Mention, doc_id: str) -> tuple[str, str]:
        keys = sorted(self.rulers.by_stem.get(family_key(m.family), ()))
        return _pick_ruler(keys, self.rulers, doc_id, m) if keys else ("", "")

    def bearer(self, m: Mention) -> tuple[PersonEntity | None, str]:
        fam = family_key(m.family)
        if " " in m.family.strip() or fam in self.titled or m.title or is_given_name(fam):
            return None, ""
        owners = [p for p in self.in_document.bearers((fam,)) if p.given]
        if len(owners) == 1:
            return owners[0], ("a word no family owns, read as a given name: the one person of "
                               "its document who bears it")
        return None, ""


def _bare(people: PersonIndex, m: Mention, named_at: _NamedSoFar,
          corpus: Counter[str], doc_id: str, by_given: _ByGivenName) -> tuple[str, str]:
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
    (``_ByGivenName``).
    """
    family = _family(m)
    group = people.of_family(family)
    named = [p for p in group if p.given] or group
    same_script = [p for p in named if any(_script(f) == _script(m.text) for f in p.surface_forms)]
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
            return _join(owner, m.text, doc_id, reason), reason
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
    later = Counter(k for _, k in named_at.named_at if k in by_key).most_common()
    if later and later[0][1] >= _PROTAGONIST and later[0][1] > sum(n for _, n in later[1:]):
        reason = (f"bare surname before its document names anyone of that family: the one "
                  f"it then names again and again ({later[0][1]} times, more than all the "
                  "others together), as a title or table of contents names its subject")
        return _join(by_key[later[0][0]], m.text, doc_id, reason), reason
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


def _absorb_orphans(people: PersonIndex, orphans: dict[str, set[str]],
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


class _GivenTable:
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


def _given_only(givens: _GivenTable, m: Mention, doc_id: str) -> tuple[str, str]:
    """A given name alone goes to the one person of its document who bears it."""
    owners = givens.bearers(tuple(family_key(t) for t in given_tokens(m.given)))
    if len(owners) == 1:  # "Nikolai Ivanovich": both words must agree
        reason = "given name alone: the one person of its document who bears it"
        return _join(owners[0], m.text, doc_id, reason), reason
    return "", ""
