"""Personal-name keys and compatibility, the ground rules of person resolution.

Two forms may name one person only when their family names have the same key
and their given names are compatible (every given name or initial of the
shorter form matches, in order, one of the longer form's); a form with no
given names is compatible with any. Keys fold case, accents and the common
variants of romanised Russian (ye/e, ya/ia, yu/iu, kh/h, dzh/dj, doubled
consonants, soft signs, -ii/-y endings), because the same person reaches English
texts through several transliteration systems; Cyrillic and the letters of ISO 9
and the scholarly system are first written in Library of Congress spelling
(``transliteration``), so "Сталин", "Ežov" and "Stalin", "Ezhov" meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from graph_builder.people.given_names import given_name_forms, same_given_name
from graph_builder.people.transliteration import romanize

_TRANSLIT = [
    (r"[ʹʼ’'`]", ""),  # soft and hard signs
    (r"dzh", "dj"),  # Ordzhonikidze (LC, BGN) / Ordjonikidze (French usage)
    (r"yo", "e"), (r"ye", "e"), (r"(?<=[bcdfghklmnpqrstvz])ie", "e"),
    (r"ya", "ia"), (r"yu", "iu"), (r"iy\b", "ii"), (r"yi", "ii"),
    (r"(?<=[bcfghklmnprstvz])j(?=[aeiou])", "i"),  # scholarly Šljapnikov, Tolstaja
    (r"y", "i"), (r"kh", "h"), (r"ks", "x"), (r"tch", "ch"), (r"w", "v"),
    (r"([bcdfghjklmnpqrstvxz])\1", r"\1"),
    # Frinovskii / Frinovsky / Frinovskiy, Budennyi / Budenny: one ending, three systems
    (r"(?<=[^aeiou])ii\b", "i"),
]
_TRANSLIT_RE = [(re.compile(a), b) for a, b in _TRANSLIT]
_NUMERAL_RE = re.compile(r"[ivxlcdm]+")  # a regnal numeral, kept out of the folds


def fold(text: str) -> str:
    """Lower case, accents off, only letters, digits and single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", folded).strip()


@functools.lru_cache(maxsize=65536)
def family_key(family: str) -> str:
    """The key under which spellings of one family name meet (Yezhov/Ezhov -> ezhov)."""
    words = fold(romanize(family)).split()
    numeral = words.pop() if len(words) > 1 and _NUMERAL_RE.fullmatch(words[-1]) else ""
    key = "".join(words)
    for pattern, repl in _TRANSLIT_RE:
        key = pattern.sub(repl, key)
    return key + numeral  # "Frederick II" is not "Frederick I" with a Russian ending


@functools.lru_cache(maxsize=65536)
def _given_tokens(given: str) -> tuple[str, ...]:
    spaced = re.sub(r"\.(?=\S)", ". ", romanize(given))
    return tuple(fold(t) for t in re.split(r"[\s.\-]+", spaced) if fold(t))


def given_tokens(given: str) -> list[str]:
    """Given names and initials as folded tokens: "J. Arch" -> ["j", "arch"] (cached:
    resolution asks about the same few thousand names again and again)."""
    return list(_given_tokens(given))


# two-letter initials that stand for one Cyrillic letter: Ya. Agranov, Ye. Yaroslavsky
_DIGRAPH_INITIALS = frozenset({"ya", "ye", "yu", "yo", "ia", "iu", "ie", "zh", "kh", "ch", "sh",
                               "ts"})


def _is_initial(token: str) -> bool:
    return len(token) == 1 or token in _DIGRAPH_INITIALS


def _token_matches(a: str, b: str) -> bool:
    """One given name or initial against another, through transliteration.

    An initial stands for any name whose key begins with the initial's key, so
    "E." and "Ye." fit Yemelian (key "emelian") and "Ya." fits Yakov ("iakov");
    but a lone "I." does not fit Yakov or Yuri, which are written "Ia."/"Iu."
    wherever I stands for that letter ("Y." fits both: "A. Y. Tivel" is Alexander
    Yulevich). An initial also fits the name's forms in
    other languages: "I. V." (Iosif) fits Joseph.
    """
    if _is_initial(a) and _is_initial(b):
        return family_key(a) == family_key(b)
    if _is_initial(a) or _is_initial(b):
        initial, name = (a, b) if _is_initial(a) else (b, a)
        key, full = family_key(initial), family_key(name)
        written_i = initial in "iI"  # "I." as printed ("Ia." is Ya-); "Y." may stand for Yu-/Ya-
        return any(form.startswith(key) and not (written_i and form[:2] in ("ia", "iu"))
                   for form in (full, *given_name_forms(full)))
    return family_key(a) == family_key(b) or same_given_name(family_key(a), family_key(b))


def givens_compatible(a: str, b: str) -> bool:
    """Could these two given-name strings belong to one person?"""
    ta, tb = given_tokens(a), given_tokens(b)
    if not ta or not tb:
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    position = 0
    for token in short:
        while position < len(long) and not _token_matches(token, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def richer_given(a: str, b: str) -> str:
    """The more informative of two given-name forms ("Anna Louise" over "Anna L.")."""
    def score(g: str) -> tuple[int, int]:
        tokens = given_tokens(g)
        return (sum(len(t) > 1 for t in tokens), len(tokens))
    # names printed in capitals ("ALEXANDER YULEVICH TIVEL") are named as people write them
    return title_case_name(a if score(a) >= score(b) else b)


def title_case_name(label: str) -> str:
    """A speaker label as a name: "MOLOTOV" -> "Molotov", "VAN DER LUBBE" -> "Van Der Lubbe"."""
    if not label.isupper():
        return label
    return " ".join("-".join(p.capitalize() for p in word.split("-")) if len(word) > 1 else word
                    for word in label.split())


def first_given_agrees(a: str, b: str) -> bool:
    """Do two given-name strings agree from their first name on ("I." and "I. A.", "Ivan"
    and "I. A.")? ``givens_compatible`` also lets "J. Arch" meet "Arch" (a man known by
    his middle name); this stricter test lets "I." meet "I. A." but not "A. I.", so
    which of two people a short form belongs to can be told."""
    ta, tb = given_tokens(a), given_tokens(b)
    return bool(ta and tb) and _token_matches(ta[0], tb[0]) and givens_compatible(a, b)


def same_full_given(a: str, b: str) -> bool:
    """Do two given-name strings share a written-out first name ("Mikhail"), or agree
    on at least two initials ("M. P.")? Evidence strong enough to join two spellings
    of a family name."""
    ta, tb = given_tokens(a), given_tokens(b)
    if not (ta and tb) or not first_given_agrees(a, b):
        return False
    if len(ta[0]) > 1 and len(tb[0]) > 1:
        return True
    return min(len(ta), len(tb)) >= 2
