"""Joining person records that resolution made apart but the corpus shows are one.

``PersonIndex`` joins a name to a person only when exactly one person of that
family key fits it; when two fit, it makes a third, so an unlucky order of
names leaves one person in pieces ("Akulov, I.", "I. A. Akulov", "Ivan Akulov"
beside an "A. I. Akulov"). Once every named form is in, this module joins:

1. within a family key, records whose given names agree from the first name on
   ("I." ~ "I. A." ~ "Ivan") when every two of them agree (one clique): a
   short form that fits two records that disagree with each other ("G." beside
   "G. I." and "G. Ya.") stays apart, as the corpus leaves it undecided;
2. across family keys one letter apart ("Tomsy"/"Tomsky", "Tomskey"/"Tomsky")
   records with the same written-out given name or two agreeing initials, the
   only such pair for each: a misprint or a transliteration the key folds miss.
   Only into a record whose life dates the corpus states (a biographical note or
   the prose: the spelling an authority vouches for), never two undated records,
   as English has surnames one letter apart (Davis/Davies, Thomson/Thompson); not
   when the letter is the first or the last (Ivanov/Ivanova, Clark/Clarke are
   other people), nor for keys under five letters;
3. records the text itself declares one by a nickname ("Ordzhonikidze, G.
   (“Sergo”)" makes "Sergo Ordzhonikidze" G. K. Ordzhonikidze).

Nothing is joined against the corpus's own word: different life dates, or both
forms in one sentence ("Ivanov and Ivanova", "Tomsky and Tomsy") keep records
apart. Every join is recorded in the kept record's ``merge_reasons``.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from graph_builder.people.address_forms import given_forms
from graph_builder.people.index import APART, PersonIndex
from graph_builder.people.merge import final_key, which_to_keep
from graph_builder.people.names import family_key, first_given_agrees, given_tokens, same_full_given
from graph_builder.records import PersonEntity

MIN_VARIANT_KEY = 5

Together = Callable[[str, str], bool]  # were two person keys named in one sentence?


def _dates_agree(a: PersonEntity, b: PersonEntity) -> bool:
    return not (a.born and b.born and a.born != b.born) and not (
        a.died and b.died and a.died != b.died)


def _may_join(a: PersonEntity, b: PersonEntity, together: Together) -> bool:
    return _dates_agree(a, b) and not together(a.key, b.key)


def _join_all(index: PersonIndex, members: list[PersonEntity], reason: str) -> None:
    keep = members[0]
    for other in members[1:]:
        keep = which_to_keep(keep, other)[0]
    for other in members:
        if other is not keep:
            index.absorb(keep, other, reason)


def _components(nodes: list[PersonEntity], edges: list[tuple[PersonEntity, PersonEntity]]
                ) -> list[list[PersonEntity]]:
    parent = {p.key: p.key for p in nodes}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in edges:
        parent[root(a.key)] = root(b.key)
    groups: dict[str, list[PersonEntity]] = {}
    for p in nodes:
        groups.setdefault(root(p.key), []).append(p)
    return [g for g in groups.values() if len(g) > 1]


def join_agreeing_given_names(index: PersonIndex, together: Together) -> None:
    """Rule 1: records of one family key whose given names all agree pairwise."""
    for fam in list(index.by_family):
        if fam == APART:
            continue
        named = [p for p in index.by_family.get(fam, []) if p.given]
        if len(named) < 2:
            continue
        edges = [(a, b) for a, b in combinations(named, 2)
                 if first_given_agrees(a.given, b.given) and _may_join(a, b, together)]
        for group in _components(named, edges):
            pairs = {(a.key, b.key) for a, b in edges} | {(b.key, a.key) for a, b in edges}
            if all((a.key, b.key) in pairs for a, b in combinations(group, 2)):
                forms = ", ".join(sorted(f"'{p.display}'" for p in group))
                _join_all(index, group, f"family key '{fam}' and given names that agree from "
                                        f"the first name on ({forms}), and no other person "
                                        "of that family fits either")


def _same_given(a: PersonEntity, b: PersonEntity) -> bool:
    """Strong agreement of given names between any spellings of the two records."""
    return first_given_agrees(a.given, b.given) and any(
        same_full_given(" ".join(x), " ".join(y))
        for x in given_forms(a, 1) for y in given_forms(b, 1))


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(1, len(key) - 1)}


def _one_letter_apart(a: str, b: str) -> bool:
    """Keys one insertion, deletion or substitution apart, neither at the first nor at
    the last letter."""
    if a[0] != b[0] or a[-1] != b[-1] or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long)


def join_spelling_variants(index: PersonIndex, together: Together) -> None:
    """Rule 2: family keys one letter apart with the same given names, one pair each."""
    keys = [k for k in index.by_family
            if len(k) >= MIN_VARIANT_KEY and index.by_family[k] and k != APART]
    by_deletion: dict[str, set[str]] = {}
    for k in keys:
        for d in _deletions(k) | {k}:
            by_deletion.setdefault(d, set()).add(k)
    pairs = {tuple(sorted((a, b))) for ks in by_deletion.values() for a in ks for b in ks
             if a < b and _one_letter_apart(a, b)}
    matches: dict[str, list[PersonEntity]] = {}
    for ka, kb in sorted(pairs):
        for a in index.by_family.get(ka, []):
            for b in index.by_family.get(kb, []):
                if a is not b and _same_given(a, b) and _may_join(a, b, together):
                    matches.setdefault(a.key, []).append(b)
                    matches.setdefault(b.key, []).append(a)
    persons = {p.key: p for ps in matches.values() for p in ps}
    # a record with one variant partner joins it (a well-known spelling may take several)
    edges = [(persons[k], ps[0]) for k, ps in matches.items() if len(ps) == 1]
    for group in _components(list(persons.values()), edges):
        if not all(first_given_agrees(a.given, b.given) and _may_join(a, b, together)
                   for a, b in combinations(group, 2)):
            continue  # the spellings' records disagree among themselves: leave them
        if sum(bool(p.born or p.died) for p in group) != 1:
            continue  # no dated record to hold the right spelling: Davis and Davies stay two
        forms = ", ".join(sorted(f"'{p.display}'" for p in group))
        _join_all(index, group, f"family names one letter apart (a misprint or another "
                                f"transliteration) with the same given names ({forms}), and "
                                "no other person fits")


def join_nicknames(index: PersonIndex, nicknames: dict[str, set[str]], together: Together
                   ) -> None:
    """Rule 3: a nickname the text declares for a person (person key -> nicknames)
    joins the records of that family whose first given name is the nickname."""
    persons = index.all()
    for key, names in sorted(nicknames.items()):
        person = persons.get(final_key(index.moved, key))
        if person is None:
            continue
        wanted = {family_key(n) for n in names}
        for other in list(index.of_family(person.family)):
            tokens = given_tokens(other.given)
            if other is not person and tokens and family_key(tokens[0]) in wanted and \
                    _may_join(person, other, together):
                keep, gone = which_to_keep(person, other)
                index.absorb(keep, gone, f"the text gives '{tokens[0].capitalize()}' as the "
                                         f"nickname of '{person.display}'")
                person = keep
