"""Given name and patronymic: "Joseph Vissarionovich", "Pavel Petrovich".

Russians address one another by given name and patronymic, so letters, speeches
and transcripts name a person without the family name. Read as "Given Family",
such a form made a person "Vissarionovich" beside Stalin. A two-word form is an
address form of a person when the corpus knows someone whose first two given
names it matches: the given name written out (or in another language's form:
Joseph/Iosif) and the patronymic written out ("Iosif Vissarionovich Stalin") or,
when the word ends like a patronymic (-ovich, -evna ...), as the matching initial
("Pavel Postyshev", "P. P. Postyshev"). Only one such person may exist, in the
document first, else in the corpus; two ("Nikolai Ivanovich" Bukharin and
Yezhov) leave the form alone. The words may come in either order, as a misread
line may swap them ("Vissarionovich Iosif").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph_builder.people.names import family_key, given_tokens, same_given_name
from graph_builder.records import PersonEntity

# Russian, Ukrainian and Belarusian patronymic endings in the usual romanisations
PATRONYMIC_RE = re.compile(r"(?:i(?:ch|tch|č)|(?:ov|ev)na|i(?:ni)?chna)\Z", re.IGNORECASE)


def looks_patronymic(word: str) -> bool:
    """Does the word end like a patronymic (Petrovich, Ilich, Sergeevna, Kuzminichna)?"""
    return len(word) > 4 and PATRONYMIC_RE.search(word) is not None


def given_forms(person: PersonEntity, min_tokens: int = 2) -> list[list[str]]:
    """Every sequence of given-name tokens the corpus wrote for this person: the given
    names it keeps, and those of each spelling ("P. P. Postyshev", "Postyshev, P. P.")."""
    fam = family_key(person.family)
    forms = [given_tokens(person.given)]
    for surface in person.surface_forms:
        head, comma, tail = surface.partition(",")
        words = tail.split() if comma else head.split()
        if comma and family_key(head.split("(")[0]) == fam:
            forms.append(given_tokens(" ".join(words)))
        elif not comma and len(words) > 1 and family_key(words[-1]) == fam:
            forms.append(given_tokens(" ".join(words[:-1])))
    return [f for f in forms if len(f) >= min_tokens]


def _same_name(a: str, b: str) -> bool:
    return family_key(a) == family_key(b) or same_given_name(family_key(a), family_key(b))


def _strength(given: str, patronymic: str, forms: list[list[str]]) -> int:
    """2: a written-out given name and patronymic of this person (over all its
    spellings); 1: the given name written out and the patronymic as its initial
    ("Pavel Postyshev", "P. P. Postyshev"); 0: no match."""
    firsts = {tokens[0] for tokens in forms if len(tokens[0]) > 1}
    seconds = {tokens[1] for tokens in forms if len(tokens) >= 2}
    if not any(_same_name(first, given) for first in firsts):
        return 0
    pat = family_key(patronymic)
    if any(len(second) > 1 and family_key(second) == pat for second in seconds):
        return 2
    if looks_patronymic(patronymic) and any(len(second) <= 2 and pat.startswith(
            family_key(second)) for second in seconds):
        return 1
    return 0


def address_target(words: tuple[str, str], in_document: Iterable[PersonEntity],
                   everyone: Iterable[PersonEntity]) -> tuple[PersonEntity | None, str]:
    """The one person a two-word form "Given Patronymic" (either order) names, and why."""
    orders = [words, words[::-1]]
    for scope, persons in (("its document", list(in_document)), ("the corpus", list(everyone))):
        found: dict[str, tuple[PersonEntity, int]] = {}
        for person in persons:
            forms = given_forms(person, 1)
            if not forms:
                continue
            strength = max(_strength(g, p, forms) for g, p in orders)
            if strength:
                found[person.key] = (person, strength)
        for level in (2, 1):
            at = [p for p, s in found.values() if s == level]
            if len(at) == 1:
                what = "written out" if level == 2 else "as an initial"
                return at[0], (f"given name and patronymic '{' '.join(words)}': the one person "
                               f"of {scope} with that given name and the patronymic {what}")
            if len(at) > 1:
                return None, ""
    return None, ""
