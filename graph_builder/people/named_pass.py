"""Named forms of every document, each to a person, in corpus order.

A form with given names, initials or a regnal numeral names its person on its
own (``PersonIndex`` finds or makes the person). Some forms need more of the
corpus than the form itself: a given name and patronymic ("Joseph Vissarionovich")
waits until every full name is in (``address_forms``); a name in parentheses after
another spells out its given names ("Getty, J. Arch (John Arch)"); an inverted name
read in two parts ("Getty, J. Arch" as "J. Arch") goes to the person of the family
before the comma. The sentences each person is named in, and the nicknames texts
declare ('Ordzhonikidze, G. (“Sergo”)'), are gathered here for ``consolidate``.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from graph_builder.people.address_forms import address_target, looks_patronymic
from graph_builder.people.index import PersonIndex
from graph_builder.people.mention_names import (
    Pending,
    family_of,
    is_named,
    join_spelling,
    name_of,
)
from graph_builder.people.mentions import Mention
from graph_builder.people.merge import final_key
from graph_builder.people.names import first_given_agrees, given_tokens
from graph_builder.people.regnal import Rulers, ruler_with_realm, unqualified_rulers

# a nickname the text gives in quotes right after a name: 'Ordzhonikidze, G. (“Sergo”)'
_NICKNAME_RE = re.compile(r"[ \t]*\([ \t]*[\"“‘']([A-Z][^\W\d_]{1,20})[\"”’'][ \t]*\)")
# what may stand between a name and its given names spelt out: "Getty, J.[ Arch] ("
_BETWEEN_FULLER_RE = re.compile(r"((?:[ \t]+[A-Z][\w.’'\-]*){0,3})[ \t]*\(")
# sentence ends: two forms in one sentence are two people
# (a run of stops or of quotes is read once, from its first character)
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]++[\"”’)]*+\s++(?=[\"“‘(]*+[A-Z])|\n[^\S\n]*+\n")



def named_pass(people: PersonIndex, found: dict[str, list[Mention]], texts: dict[str, str],
                rulers: Rulers) -> list[Pending]:
    """Named forms, in corpus order, each to a person; two-word forms that may be a given
    name and patronymic, and rulers named without a realm, wait ("" key) for all the
    rest, since only the whole corpus tells whom they fit."""
    pending: list[Pending] = []
    for doc_id, mentions in found.items():
        text = texts.get(doc_id, "")
        previous: Pending | None = None
        for m in mentions:
            if not is_named(m):
                continue
            item = Pending(doc_id, m)
            if m.kind == "regnal":
                ruler_with_realm(people, item, text, rulers)
            elif _address_words(m):
                pass  # decided in address_pass
            elif previous and previous.key and fuller_form(text, previous.mention, m):
                item.key, item.reason = previous.key, (
                    f"fuller given names in parentheses after '{previous.mention.text}'")
                people.persons_named([previous.key])[0].surface_forms.add(m.text)
            else:
                item.key, item.reason = _split_inverted(people, m, text, doc_id)
                if not item.key:
                    item.key = people.add(name_of(m), m.text, doc_id)
                    item.reason = "named form: family and given names"
            pending.append(item)
            previous = item
    unqualified_rulers(people, pending, rulers)
    return pending


def _address_words(m: Mention) -> tuple[str, str] | None:
    """The two words of a "Given Patronymic" candidate ("Joseph Vissarionovich"): one of
    them ends like a patronymic; any other two-word name resolves as it comes."""
    words = (m.given.split() + m.family.split()) if m.kind != "inverted" else []
    if len(words) == 2 and m.kind in ("full", "title", "given", "speaker") and all(
            len(w) > 2 and not w.endswith(".") for w in words) and any(
            looks_patronymic(w) for w in words):
        return words[0], words[1]
    return None


def address_pass(people: PersonIndex, pending: list[Pending],
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
            item.key, item.reason = join_spelling(target, item.mention.text, item.doc_id, why), why
        else:
            item.reason = "named form: family and given names"
            if not people.of_family(family_of(item.mention)):
                # a person of its own, but its second word is no family name to find by:
                # "IVANOVICH" alone (a man so surnamed) is not "Nikolai Ivanovitch"
                item.reason = "named form: a given name and patronymic no known person fits"
            item.key = people.add_apart(name_of(item.mention), item.mention.text, item.doc_id)


def fuller_form(text: str, previous: Mention | None, m: Mention) -> bool:
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
    return join_spelling(fits[0], m.text, doc_id, reason), reason


class Together:
    """Which persons a document names in one sentence (then they are two people), and
    the nicknames texts declare for persons."""

    def __init__(self, texts: dict[str, str], pending: list[Pending],
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
