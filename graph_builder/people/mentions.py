"""Stage 4: person mentions in running text, found by the shape of names alone.

Recognition must hold on texts about any period and country, so nothing here
lists the corpus's people. It works from structure: a run of capitalised words
and initials is a name unless its shape says organisation, place or heading; a
title or rank licenses a single word; a reference line starts with an inverted
"Family, Given"; a transcript turn's label is its speaker (the forms:
``mention_forms``). A bare word ("Robespierre", "Madero's") counts only when the
same text (or the caller, through ``known_families``) already used it as a
family name, because a lone capitalised word is far more often a place or a
thing. Which lines are references or turns is segmentation's call
(``graph_builder.read.segment.LineRoles``); what the text says about its words is
gathered first (``mention_context``).

A lone word also counts when the text says what only a person is or does
(``mention_context``): "Cromwell, who", "Lee said", "Hendricks was born", "the
followers of Parnell", "Grant's Memoirs", "Downing, the English resident"; a
capitalised particle makes a family on its own ("De Witt", "Van Beuningen").
Newspaper shapes are no people: datelines ("LONDON, Dec. 3.—", "Nashville,
Tenn."), firms ("& Co.", "Bros."), things after "the steamer", sums, offices
without a name ("Vice President"), and a book's running heads.

Span convention: a mention's span is the name only. A title, rank or office before
it ("General Franco", "Police Commissioner Saml. Pettus", "Mr. JAMES K. BRADLEY")
is kept on ``Mention.title`` and left out of the span (``Franco``), as the gold of
``tests/fixtures/mentions_heldout`` labels it; a regnal numeral is inside it
("Pius IX"), a possessive's "'s" outside it. Names split by a plain line break
inside a paragraph are read whole only where that break reached this stage as a
space (the reading text of ``graph_builder.tasks``); nothing here depends on it.

The only word lists are closed English function words, titles and offices,
generic organisation/place/time nouns, abbreviated given names ("Wm.", "Thos."),
US state abbreviations and verbs and nouns said only of people: general lexicon,
not names (``name_lexicon``); and a name in capitals ("JAMES MADISON") must open
with a given name of the project's own lexicon (``given_names``).
This module runs the two passes and the corrections that need every mention of
the text at once.

A pipeline stage since the held-out gold showed the target (``graph_builder.tasks``
runs it per document, on the text read as prose); ``python bench/score_mentions.py``
and ``bench/score_mentions_heldout.py`` (per shape) give its figures, kept in
``bench/README.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from graph_builder.people.given_names import is_given_name
from graph_builder.people.mention_context import AFTER_PLACE_PREP_RE, TextLines, gather_evidence
from graph_builder.people.mention_forms import (
    KINDS,
    Mention,
    chunk_mention,
    single_mention,
    structured_mentions,
    weak_full,
)
from graph_builder.people.name_lexicon import (
    CAPITAL_PARTICLES,
    CHUNK_RE,
    GIVEN_NAME_TITLES,
    INITIAL,
    WORD,
    surname_key,
    word_key,
)
from graph_builder.people.names import family_key
from graph_builder.people.work_context import in_publication_slot

if TYPE_CHECKING:
    from graph_builder.read.segment import LineRoles

__all__ = ["KINDS", "Mention", "find_person_mentions"]

# a signature: initials and a surname in capitals ("J. STALIN", "V. M. MOLOTOV")
# (each initial is taken whole: "A.B." read as one initial or as two gave 2^n readings)
_SIGNATURE_RE = re.compile(rf"(?>{INITIAL}\s?)+[^\W\d_]{{3,}}")
_THE_BEFORE_RE = re.compile(r"\b[Tt]he[^\S\n]+\Z")
_AMP_BEFORE_RE = re.compile(rf"(?<![\w’'\-])({WORD})[^\S\n]*+&[^\S\n]*+\Z")
_AMP_AFTER_RE = re.compile(rf"[^\S\n]*&[^\S\n]*({WORD})")
_FIRM_BEFORE_RE = re.compile(r"(?:\b(?:firm|store|house|shop|office|works|mill|agents?|"
                             r"dealers?|makers?|proprietors?|druggists?)\s+of|\b[Ss]old\s+by"
                             r"|\bMessrs\.)\s+\Z")
# the head of a place's name: the word after it names the place ("Fort Bliss", "Lake Ladoga")
_PLACE_HEAD_RE = re.compile(r"(?<![\w’'])(?:Fort|Port|Mount|Mt\.?|Lake|Cape|Camp|Point|Bay|"
                            r"Gulf|Isle|Puerto|Porto|Monte|Lago|St\.?|Saint|Sankt)[ \t]+\Z")
_CREDIT_RE = re.compile(r"(?:\bby|\btrans\.|\beds?\.|\band|&|;)\s*$")


def find_person_mentions(text: str, known_families: frozenset[str] = frozenset(),
                         roles: LineRoles | None = None) -> list[Mention]:
    """Person mentions of ``text`` in order; ``known_families`` adds surnames to accept alone.

    ``roles`` are what segmentation found on the lines of ``text``
    (``read.segment.line_roles(layout.blocks)``): which hold a reference, and the
    turns' speakers. A caller without them has the text segmented here, its first
    line taken for its title as in every document.

    Two passes: the first keeps only forms that show themselves to be names
    (several name words, initials, a title, a speaker label, a reference
    inversion, a regnal numeral) and learns their family names; the second
    accepts a lone capitalised word, possessive or upper-case heading word only
    when it is one of those families, or a given name of a person already
    named in full. Inside titles of works only the second pass runs, and a
    family learnt from a bare "Given Family" chunk is dropped when the text
    also uses it as a common word or a place.
    """
    if roles is None:
        # imported on use: read/ is an earlier stage, and its segmenter itself uses people/
        from graph_builder.read.segment import blocks_of, line_roles

        roles = line_roles(blocks_of(text))
    lines = TextLines(text, roles)
    evidence = gather_evidence(lines)
    known = frozenset(surname_key(f) for f in known_families
                      if not (f.isupper() and len(f) <= 5))  # "NKVD" as an author: not a name
    mentions = structured_mentions(lines, evidence.common)
    # families a reference, a speaker label or the caller vouches for are names even
    # where the text also uses them as a word or after "in" ("the story in Medvedev")
    vouched = known | {surname_key(x.family) for x in mentions}
    taken = _covered(text, mentions)  # chunks never overlap each other, only these
    singles: list[re.Match] = []
    in_titles: dict[int, Mention] = {}  # full names in heading lines, by start
    not_given = evidence.common | evidence.descriptors  # words that never start a name
    for m in CHUNK_RE.finditer(text):
        if 1 in taken[m.start():m.end()]:
            continue
        raw = m.group(0)
        if " " not in raw or (raw.isupper() and len(raw) > 2 and not _SIGNATURE_RE.fullmatch(
                raw) and not _capital_name(raw)) or AFTER_PLACE_PREP_RE.search(
                text, max(0, m.start() - 12), m.start()):
            singles.append(m)  # a lone word, heading, label or place: only known names count
            continue
        mention = chunk_mention(lines, m, not_given)
        if mention is None or (mention.kind not in ("initials", "inverted") and (
                evidence.in_title(m.start())
                and not _CREDIT_RE.search(text[max(0, m.start() - 16):m.start()]))):
            singles.append(m)  # in a title of a work, or not a name as a whole
            if (mention is not None and mention.given and mention.kind in ("full", "title")
                    and evidence.in_heading(m.start()) and "*" not in lines.line_at(m.start())):
                in_titles[m.start()] = mention  # whole, if the text names its family (not
                # in a title of a work: "*Inoi Stalin*" is "The Other Stalin")
            continue
        if (not mention.given and not mention.title and mention.kind != "regnal"
                and mention.family.split()[0] not in CAPITAL_PARTICLES) or (
                mention.text.isupper() and mention.kind not in ("title", "initials")
                and not _capital_name(mention.text)):
            singles.append(m)
            continue
        if mention.kind == "full" and weak_full(mention, evidence, vouched):
            singles.append(m)  # "Trotsky Papers", "Riutin Platform": a name inside a phrase
            continue
        mentions.append(mention)
    alone = Counter(m.group(0) for m in singles)
    mentions = _singular_families(_patronymic_address(_family_first(
        mentions, alone, vouched, evidence.places)))
    # a family known from elsewhere (a cited author) counts alone unless this text also
    # uses the word as a common noun or a place ("Service", "Washington")
    families = {k for k in known if k not in evidence.places and k not in evidence.common}
    families |= {surname_key(x.family) for x in mentions if x.kind != "regnal"}
    as_given = Counter(x.given.split()[0] for x in mentions
                       if x.kind == "full" and x.given and len(x.given.split()[0]) > 2)
    as_given.update(x.family.split()[0] for x in mentions if x.kind == "regnal")
    # a given name alone is trusted only when the text uses it mostly inside full names;
    # "Moscow" heads a few chunks ("Moscow Trials") but stands alone far more often
    # and only when those full names are of one family: "and John" in a text naming John
    # Barber and John Scott names neither
    bearers: dict[str, set[str]] = {}
    for x in mentions:
        if x.given and x.family:  # full, possessive, inverted, titled: "John Austin’s"
            bearers.setdefault(x.given.split()[0], set()).add(surname_key(x.family))
    written = {g for g, n in as_given.items() if alone[g] <= n}
    givens = {family_key(g) for g in written if len(bearers.get(g, ())) <= 1}
    # and a lone word the text shows to be a person ("Cromwell, who", "Lee said"), unless
    # it is a given name the text writes in full names ("Cornelis was arrested")
    families |= {k for k in evidence.persons if k not in evidence.places
                 and k not in evidence.common and k not in evidence.nouns
                 and k not in evidence.realms and k not in {family_key(g) for g in written}}
    for m in singles:
        whole = in_titles.get(m.start())
        if whole is not None and surname_key(whole.family) in families and not weak_full(
                whole, evidence, vouched):
            mentions.append(whole)  # "Abraham Lincoln and the Union" over "Lincoln said"
            continue
        for word in re.finditer(rf"{WORD}", m.group(0)):
            at = m.start() + word.start()
            if _in_firm(text, at, m.start() + word.end()) or _PLACE_HEAD_RE.search(
                    text, max(0, at - 8), at) or in_publication_slot(
                    lines, at, m.start() + word.end()):
                continue  # "Fort Bliss", "Port Arthur": a place named after someone;
                # "New York: Norton, 1990": a publisher
            mention = single_mention(text, m.start() + word.start(), word.group(), families,
                                     givens)
            if mention is not None and not (mention.kind == "given" and (
                    evidence.in_title(mention.start) or _THE_BEFORE_RE.search(
                        text, max(0, m.start() - 4), m.start()))):
                mentions.append(mention)  # (a given name takes no "the": "the Royal Charles")
    # "deputy NKVD chief", "OGPU: powers of" (an index line): a body the text calls
    # "the NKVD" is no person, unless a reference cites it as one's family name
    # a running head names the book or chapter on every page, not a person of its prose
    return sorted((x for x in mentions if (x.given or x.kind == "regnal" or word_key(x.family)
                   not in evidence.nouns or surname_key(x.family) in known)
                   and not evidence.in_running_head(x.start)),
                  key=lambda x: x.start)


def _in_firm(text: str, start: int, end: int) -> bool:
    """Is the word at ``start:end`` half of "X & Y" that the text calls a firm ("the firm
    of Bradley & Kimbrough", "sold by Owen & Moore", "Messrs. Hill & Dodd")? Two people
    joined by "&" ("Beria & Malenkov") stay people."""
    before = _AMP_BEFORE_RE.search(text, max(0, start - 40), start)
    pair_start = before.start() if before else start
    if before is None and not _AMP_AFTER_RE.match(text, end):
        return False
    return _FIRM_BEFORE_RE.search(text, max(0, pair_start - 30), pair_start) is not None


def _capital_name(raw: str) -> bool:
    """"JAMES MADISON", "JOHN Q. BINNS": a name in capitals, told from a heading in
    capitals ("ELECTRIC BITTERS", "FOREIGN NEWS") by a given name of the lexicon
    first (``given_names``: names as languages have them, not anybody's people)."""
    words = raw.split()
    return 2 <= len(words) <= 4 and not raw.endswith(":") and is_given_name(
        family_key(words[0]))


def _covered(text: str, mentions: list[Mention]) -> bytearray:
    """A byte per character, 1 where an earlier mention already sits (O(1) overlap test)."""
    mask = bytearray(len(text))
    for x in mentions:
        mask[x.start:x.end] = b"\x01" * (x.end - x.start)
    return mask


def _singular_families(mentions: list[Mention]) -> list[Mention]:
    """"the young Nikita Khrushchevs": a family with an added s is the family the text
    names elsewhere in full, with the same given name or more often (after a title
    does not count: "King William" is no reason to read "Roger Williams" as
    "Roger William")."""
    full = [x for x in mentions if x.given and x.kind in ("full", "initials", "inverted")]
    named = Counter(surname_key(x.family) for x in full)
    pairs = {(surname_key(x.family), x.given) for x in full}

    def plural(x: Mention) -> bool:
        if not x.family.endswith("s") or x.family.endswith("ss"):
            return False
        one = surname_key(x.family[:-1])
        return named[one] > named[surname_key(x.family)] or (one, x.given) in pairs

    return [replace(x, family=x.family[:-1]) if plural(x) else x for x in mentions]


def _family_first(mentions: list[Mention], alone: Counter[str], vouched: frozenset[str],
                  places: frozenset[str] = frozenset()) -> list[Mention]:
    """Swap "Ōkubo Toshimichi" to family Ōkubo when the text repeats the first word alone.

    Which part of a name a text repeats on its own is its family name, whatever the
    naming order of the language (Japanese, Chinese, Hungarian put it first). A last
    word vouched for as a family name (a cited author's, "Orlov, Alexander") stays one;
    nor is a first word swapped that the text repeats as a place or that the lexicon
    holds as a given name ("General Morelos Zaragoza" beside "his agents in Morelos",
    "Henry Reeves" beside "Henry, a clerk").
    """
    firsts_of: dict[str, set[str]] = {}
    for x in mentions:
        if x.given:
            firsts_of.setdefault(x.family, set()).add(x.given.split()[0])
    # a word a ruler bears ("Peter I", "Tsar Peter") is a given name: "Peter" alone is the
    # tsar, and "Peter Tolstoy" keeps its family name
    rulers = {x.family.split()[0] for x in mentions if x.kind == "regnal" or (
        x.kind == "title" and not x.given and word_key(x.title.split()[-1]) in GIVEN_NAME_TITLES)}
    swapped = []
    for x in mentions:
        parts = x.given.split()
        shared = len(firsts_of.get(x.family, ())) > 1  # "Francisco/Gustavo Madero": a family
        if x.kind in ("full", "title") and len(parts) == 1 and alone[parts[0]] and not alone[
                x.family] and not shared and surname_key(x.family) not in vouched and \
                parts[0] not in rulers and not is_given_name(family_key(parts[0])) and \
                word_key(parts[0]) not in places:
            x = Mention(x.start, x.end, x.text, parts[0], x.family, x.title, x.kind)
        swapped.append(x)
    return swapped


def _patronymic_address(mentions: list[Mention]) -> list[Mention]:
    """"Nikolai Ivanovich" is a given name and patronymic, not a family "Ivanovich", when the
    text also writes that word inside a longer name ("Nikolai Ivanovich Yezhov").

    Only the text's own usage decides: "Lazar Kaganovich" keeps its family name
    however Russian it sounds, unless the text writes "X Kaganovich Y" somewhere.
    """
    middles = {w for x in mentions if x.kind == "full" for w in x.given.split()[1:]}
    families = {x.family for x in mentions if x.kind != "full" or len(x.given.split()) > 1}
    out = []
    for x in mentions:
        if (x.kind == "full" and len(x.given.split()) == 1 and x.family in middles
                and x.family not in families):
            x = Mention(x.start, x.end, x.text, "", f"{x.given} {x.family}", x.title, "given")
        out.append(x)
    return out
