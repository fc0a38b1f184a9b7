"""What the mention finder knows about a text before it reads a single name.

Two things, each gathered once per text so that judging a name costs about its
own window: ``TextLines``, where every line starts, how segmentation typed the
lines (which hold a reference, which are a speaker's turn) and what stands
around a position on its line; and ``Evidence``, what the whole text says about
its capitalised words (which it also writes in lower case, after "the", after
"in", inside titles of works). Line types are segmentation's
(``graph_builder.read.segment.LineRoles``), not patterns of this stage's own,
so a line is a reference or a turn to every stage alike.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_builder.people.given_names import is_given_name
from graph_builder.people.name_lexicon import (
    FUNCTION,
    KIN_NOUNS,
    NOT_PERSON,
    PERSON_NOUNS,
    PERSON_PASSIVES,
    PERSON_VERBS,
    POSSESSIVE_RE,
    RELATIONAL_NOUNS,
    WORD,
    fold_word,
    is_title,
    word_key,
)
from graph_builder.people.work_context import quoted_titles
from graph_builder.support.text_patterns import MONTH

if TYPE_CHECKING:  # segmentation is an earlier stage, and its package uses people/
    from graph_builder.read.segment import LineRoles

__all__ = ["AFTER_PLACE_PREP_RE", "Evidence", "TextLines", "gather_evidence"]

_NEWLINE_RE = re.compile(r"\n")
_LEAD_FILL_RE = re.compile(r"[ *#_]*+")
_TRAIL_FILL_RE = re.compile(r"[ *#_.]*+")


class TextLines:
    """Where each line of a text starts, found once, so the context of a mention costs
    about its window and not its whole line: a text on one line of 30 MB holds
    hundreds of thousands of mentions, and re-splitting the line for each made the
    stage quadratic.

    ``roles`` are segmentation's findings on this very text (``read.segment.LineRoles``):
    which lines hold a reference, and the turns' speaker labels. Without them no
    line is either.
    """

    def __init__(self, text: str, roles: LineRoles | None = None) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]
        self._fill_end: dict[int, int] = {}  # line start -> end of its leading fill
        numbers = roles.references if roles else ()
        self.references = frozenset(self.starts[n - 1] for n in numbers)  # their line starts
        self.turns: tuple[tuple[int, str], ...] = roles.turns if roles else ()  # (offset, label)

    def start_of(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def end_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] - 1 if i < len(self.starts) else len(self.text)

    def words_before(self, line_start: int, pos: int) -> list[str]:
        """The last two words of ``text[line_start:pos].split()``, read from a window
        that widens only while it may have cut the first of them."""
        width = 64
        while True:
            low = max(line_start, pos - width)
            parts = self.text[low:pos].rsplit(None, 2)
            if low == line_start:
                return parts[-2:]
            if len(parts) == 3:
                return parts[1:]
            width *= 4

    def only_fill_before(self, line_start: int, pos: int) -> bool:
        """Is ``text[line_start:pos]`` only " *#_" (Markdown emphasis and rules)?"""
        end = self._fill_end.get(line_start)
        if end is None:
            end = self._fill_end[line_start] = _LEAD_FILL_RE.match(self.text, line_start).end()
        return end >= pos

    def only_fill_after(self, pos: int, line_end: int) -> bool:
        """Is ``text[pos:line_end]`` only " *#_." (emphasis, rules, a full stop)?"""
        return _TRAIL_FILL_RE.match(self.text, pos, line_end).end() == line_end

    def line_at(self, pos: int) -> str:
        return self.text[self.start_of(pos):self.end_of(pos)]

    def is_reference(self, pos: int) -> bool:
        """Did segmentation find a reference on the line holding ``pos``?"""
        return self.start_of(pos) in self.references


_LEN_MAX = 1 << 62  # sorts after any end offset in a (start, end) pair


@dataclass(frozen=True)
class Evidence:
    """What the whole text says about its capitalised words, gathered once.

    ``common``: words the text also writes in lower case mid-sentence ("terror",
    "people"): common nouns, not family names. ``nouns``: capitalised words the
    text writes at least twice as "the NKVD." or "the OGPU of": names of bodies,
    not of people, who take "the" only before another noun ("the Stalin era").
    ``places``: words that follow "in", "into", "across" ... ("in Italy"): places.
    ``titles``: spans set in italics, title-case lines, and the part of a
    reference line after its author, where capitalised words are mostly titles
    of works ("The Kremlin and the People"). ``persons``: lone capitalised words the
    text shows to be people by what it says of them (``_PERSON_EVIDENCE``): "Cromwell,
    who", "Lee said", "Hendricks was born", "the followers of Parnell", "Grant's
    Memoirs", "Downing, the English resident"; the finder takes them for family names
    unless the text also uses them as a common word, a body or a place, or a realm:
    ``realms``, what a title, office or body is "of" ("the States of Holland", "King
    of Spain"). ``running_heads``: the lines a scanned book or paper prints on every
    page, a short capitalised line with a page number at one end ("88  THE DUTCH
    REPUBLIC", "JOHAN DE WITT AND THE TRUE FREEDOM  89"): they name the book or the
    chapter, not anyone in the page's prose.
    """

    common: frozenset[str]  # folded with surname_key, like families
    nouns: frozenset[str]
    places: frozenset[str]
    titles: tuple[tuple[int, int], ...]
    persons: frozenset[str] = frozenset()
    realms: frozenset[str] = frozenset()
    running_heads: tuple[tuple[int, int], ...] = ()
    headings: tuple[tuple[int, int], ...] = ()  # the title-case lines among ``titles``
    # what a newspaper item heads itself with in capitals and a full stop ("ELECTRIC
    # BITTERS."), folded; the same words in its prose name the item's subject, a thing
    # (a heading that is a person's name opens with a given name and is not kept)
    item_heads: frozenset[str] = frozenset()

    def in_heading(self, start: int) -> bool:
        i = bisect.bisect_right(self.headings, (start, _LEN_MAX)) - 1
        return i >= 0 and self.headings[i][0] <= start < self.headings[i][1]

    def in_running_head(self, start: int) -> bool:
        i = bisect.bisect_right(self.running_heads, (start, _LEN_MAX)) - 1
        return i >= 0 and self.running_heads[i][0] <= start < self.running_heads[i][1]

    @functools.cached_property
    def descriptors(self) -> frozenset[str]:
        """Nouns and their singulars, which describe a person before a name: "Old
        Bolshevik Shabalkin" in a text that says "the Bolsheviks."."""
        return self.nouns | {n[:-1] for n in self.nouns if n.endswith("s")}

    def in_title(self, start: int) -> bool:
        i = bisect.bisect_right(self.titles, (start, _LEN_MAX)) - 1
        return i >= 0 and self.titles[i][0] <= start < self.titles[i][1]


_LOWER_WORD_RE = re.compile(r"(?<=[a-z,;] )[a-z][a-z’'\-]+")
_PLACE_PREP = r"\b(?:in|at|into|across|throughout|inside|within|near|invaded)"
_PLACE_RE = re.compile(rf"{_PLACE_PREP} ({WORD})")
AFTER_PLACE_PREP_RE = re.compile(rf"{_PLACE_PREP} \Z")
_ITALIC_RE = re.compile(r"(?<![\w*])[*_](?=\S)[^*_\n]{2,200}(?<=\S)[*_](?!\w)")
_CONNECTIVE_RE = re.compile(r" (?:and|of|the|to|in|on|for|a|an|with|at|by) ")
# a title-case line (a heading, a table-of-contents line, a book's subtitle): every longer
# word capitalised. Not segmentation's HEADING, which is a line's place in the layout:
# this is how its words are set, and it holds on index and contents lines too.
# (each word with its space is atomic: "AB" is a short word and a capitalised one, and
# trying both readings of every word doubled the work per word)
_HEADING_LINE_RE = re.compile(r"^[^\S\n]*+(?>(?:[^\W\d_]{1,3}|[A-ZÀ-Þ]\S*|[\d.:,;–—()\-]+)"
                              r"[^\S\n]+)*(?:[A-ZÀ-Þ]\S*|\d+)[^\S\n]*$")
# what ends a noun phrase after "the": "the Vendée.", "the Tsar of"
_NOUN_END = r"[.,;:!?)\]]|\s+of\b"
_THE_NOUN_RE = re.compile(rf"\b[Tt]he ([A-ZÀ-Þ][\w’'\-]+?)(?:[’']s)?(?={_NOUN_END})")
_LINE_RE = re.compile(r"[^\n]+")
# a dateline: the place opening a news item ("VERA CRUZ, April 22.—", "Paris, 3 March")
_DATELINE_RE = re.compile(rf"^[^\S\n]*+([A-ZÀ-Þ][\w’'\-]*+(?:[^\S\n]+[A-ZÀ-Þ][\w’'\-]*+){{0,3}}),"
                          rf"[^\S\n]+(?:{MONTH}[^\S\n]*\d{{1,2}}(?!\d)|\d{{1,2}}[^\S\n]+{MONTH})",
                          re.M)
# an item's heading in capitals with a full stop, alone on its line ("ELECTRIC BITTERS.")
_ITEM_HEAD_RE = re.compile(r"^[^\S\n]*+([A-ZÀ-Þ]{2,}+(?:[^\S\n]+[A-ZÀ-Þ]{2,}+){1,3})\.[^\S\n]*$",
                           re.M)


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_LONE = rf"(?<![\w’'.\-])({WORD})"
_NAME_END = r"(?![\w’'\-]|\s+[A-Z])"  # the word ends the name: "of Parnell hold"
_OF_RE = re.compile(rf"(?<![\w\-])([A-Za-zÀ-ÿ\-]++) of ({WORD})(?![\w’'\-])")
# (one space may be all that is left between a head and its number once a reader of HTML or
# PDF has normalised the white space)
_RUNNING_HEAD_RE = re.compile(r"^(?:\d{1,4}[^\S\n]+[^\n]{3,80}|[^\n]{3,80}?"
                              r"[^\S\n]+\d{1,4})[^\S\n]*$", re.M)
# (a lone capitalised word: none right before it, or "New York said" would give "York")
_CAPITALISED_BEFORE_RE = re.compile(r"(?<![\w’'\-])([A-ZÀ-Þ][\w’'\-]*+)[^\S\n]++\Z")


# adverbs opening a sentence ("Typically, the first secretary"), group nouns ("Trotskyists,
# who"): shapes of words that are nobody's name
_NOT_A_NAME_RE = re.compile(r"(?:ally|ously|ively|fully|ably|ibly|lessly|ingly|edly|ently|"
                            r"antly|arly|ately|ites?|ists?|isms?|iks)\Z|-[a-z]")
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?i:of|in|at|from|to|into|near|across|within|inside|"
                                    r"throughout|towards?)[^\S\n]+\Z")


def _lone_person_word(lines: TextLines, m: re.Match, subject: bool) -> bool:
    """Is the word of an evidence match (``_PERSON_EVIDENCE``) taken for a person: alone
    (no capitalised word right before it: "New York said"), as a subject not after a
    preposition ("Kontorin of Arkhangelsk said"), not shaped like an adverb or a group noun, not a
    plural of a word the text also writes ("Mensheviks, who" beside "Menshevik"), and
    not on a reference line ("Scribner’s sons, 1942": a publisher)?"""
    text, word, pos = lines.text, m.group(1), m.start(1)
    if _NOT_A_NAME_RE.search(word) or _capitalised_before(text, pos) or (subject and (
            _PREPOSITION_BEFORE_RE.search(text, max(0, pos - 14), pos))) or (
            lines.is_reference(pos)):
        return False
    return not (word.endswith("s") and re.search(rf"\b{re.escape(word[:-1])}\b", text))


def _capitalised_before(text: str, pos: int) -> bool:
    """Does a capitalised word other than a function word ("Then", "When") stand right
    before ``pos``?"""
    m = _CAPITALISED_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m is not None and m.group(1).casefold() not in FUNCTION
_PERSON_EVIDENCE = [re.compile(p) for p in (
    rf"{_LONE},\s+(?:who|whom|whose)\b",
    rf"{_LONE}\s+(?:(?:never|also|then|later|soon|once|always|often|had|has)\s+)?"
    rf"(?:{_alternation(PERSON_VERBS)})\b",
    rf"{_LONE}\s+(?:was|had\s+been)\s+(?:{_alternation(PERSON_PASSIVES)})\b",
    rf"{_LONE},\s+(?:the|a|an)\s+(?:[^\W\d_]+\s+){{0,2}}(?i:{_alternation(PERSON_NOUNS)})"
    r"(?![\w’'\-])",
    rf"{_LONE},\s+(?:{_alternation(PERSON_NOUNS)})\s+of\b",  # "Zemlyachka, member of"
    # (the rest may name the person after a preposition: "the followers of Parnell")
    rf"\b(?:{_alternation(RELATIONAL_NOUNS)})\s+of\s+{_LONE}{_NAME_END}",
    rf"{_LONE}[’']s\s+(?i:{_alternation(RELATIONAL_NOUNS)})\b",
    # "married to Dybenko" (a bare "he married Shura" tells a wedding, by the given name)
    rf"\bmarried\s+to\s+{_LONE}{_NAME_END}",
    # "His successor, Rochambeau,", "the English envoy, Downing." (not kin: "his wife, Nina,"
    # names a wife by her given name, no family's)
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)\s+(?:[^\W\d_]+\s+)?"
    rf"(?:{_alternation(PERSON_NOUNS - KIN_NOUNS)}),\s+{_LONE}[,.;]",
    # '"...," said Wellington': a verb of saying after a closing quotation mark
    rf"[”\"’],?\s+(?:said|replied|asked|answered|added|exclaimed|continued|retorted)\s+"
    rf"{_LONE}{_NAME_END}",
    # "he [Evdokimov] joined", "what I [Golovanov] think": an editor names who a pronoun is
    r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|I)\s*\["
    rf"{_LONE}\]",
    # "a letter from Ivanova to the committee", "Petition from Kolgushkin for ...": what only
    # a person writes, from a word the text does not also use as a place
    r"\b(?i:letter|memorandum|memo|telegram|petition|denunciation|complaint|confession|note)"
    rf"\s+from\s+{_LONE}\s+(?:to|for|about|on|concerning|asking|requesting)\b",
)]
_SUBJECT_PATTERNS = 5  # the first five: the word is a sentence's subject
# where a reference line's title begins: an italic or quoted title, or the first
# sentence stop after a word ("Duranty, Walter. The Kremlin ..."), or ", The ..."
_TITLE_START_RE = re.compile(r"[*_“\"]|(?<=[a-z’'\)]{2}[.:]) |, (?=(?:The|A|An) )")


def gather_evidence(lines: TextLines) -> Evidence:
    """The evidence of the text of ``lines``, reference lines as segmentation found them."""
    text = lines.text
    common = frozenset(map(word_key, set(_LOWER_WORD_RE.findall(text))))
    places = frozenset(word_key(w) for w in _PLACE_RE.findall(text)
                       if not POSSESSIVE_RE.search(w)) | frozenset(
        word_key(m.group(1).split()[-1]) for m in _DATELINE_RE.finditer(text))
    item_heads = frozenset(m.group(1).casefold() for m in _ITEM_HEAD_RE.finditer(text)
                           if not is_given_name(word_key(m.group(1).split()[0])))
    nouns = frozenset(word_key(w) for w, n in Counter(_THE_NOUN_RE.findall(text)).items()
                      if n > 1)
    titles = [(m.start(), m.end()) for m in _ITALIC_RE.finditer(text)]
    titles += quoted_titles(text, FUNCTION)  # "“The Origins of Soviet Ethnic Cleansing,”"
    headings: list[tuple[int, int]] = []
    for line in _LINE_RE.finditer(text):
        if len(line.group()) < 80 and _CONNECTIVE_RE.search(line.group()) and (
                _HEADING_LINE_RE.match(line.group())):
            titles.append((line.start(), line.end()))
            headings.append((line.start(), line.end()))
        elif len(line.group()) < 400 and line.start() in lines.references:
            title = _TITLE_START_RE.search(line.group())
            if title is not None:
                titles.append((line.start() + title.start(), line.end()))
    persons = frozenset(word_key(m.group(1)) for i, pattern in enumerate(_PERSON_EVIDENCE)
                        for m in pattern.finditer(text)
                        if _lone_person_word(lines, m, i < _SUBJECT_PATTERNS))
    realms = frozenset(word_key(m.group(2)) for m in _OF_RE.finditer(text)
                       if is_title(m.group(1)) or fold_word(m.group(1)) in NOT_PERSON
                       or (m.group(1)[:1].isupper() and word_key(m.group(1)) in nouns))
    heads = tuple((m.start(), m.end()) for m in _RUNNING_HEAD_RE.finditer(text)
                  if not any(c.islower() for c in m.group()))
    return Evidence(common, nouns, places, tuple(sorted(titles)), persons, realms, heads,
                    tuple(headings), item_heads)
