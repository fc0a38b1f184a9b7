"""The citation-line spotter: is a line the bibliographic line that closes a quote block?

Segmentation asks it about every line it has not typed otherwise, so it decides
which lines become references at all. It reads the same shapes as the rule parser
(``rule_grammar``: author names, imprint, year, locator, quoted title), so a line
it spots is one the parser can take apart, and it refuses a transcript turn by the
one speaker-label rule (``graph_builder.support.speaker_labels``) that segmentation
itself applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph_builder.people.names import fold
from graph_builder.references.archive import find_shelfmark
from graph_builder.references.periodicals import read_issue
from graph_builder.references.rule_grammar import (
    ANY_YEAR,
    BOUND,
    GIVEN_FIRST_AUTHOR,
    LOCATOR,
    NOT_DATE,
    PAGES,
    PAREN_IMPRINT,
    PAREN_YEAR,
    PLACE,
    PUB,
    QUOTE,
    SHORT_FORM,
    YEAR_GROUP,
    inverted_names,
    normalise,
    pair_names,
)
from graph_builder.support.speaker_labels import speaker_label

__all__ = ["MAX_CITATION_LINE", "ShortForm", "abbreviates", "is_citation_line", "is_ibid",
           "short_form"]

MAX_CITATION_LINE = 350  # longer lines are prose paragraphs, never a citation
_TITLE_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ“\"‘'*_")

_caps_start = re.compile(r"^[A-Z]{2,}+(?:[’'][A-Z]*+)?\s[A-Z]{2,}\b")
_year_at_end = re.compile(rf"{YEAR_GROUP}[\s.,)]*$")
# "45 (Spring 1986)", "312(5777)": a volume and its date or issue, four digits that
# need not be a year
_periodical = re.compile(r"\b\d+\s?\((?:[A-Za-z]+\.?\s)?\d{4}\)")
_imprint_anywhere = re.compile(
    rf"{BOUND}(?P<place>{PLACE})\s?:\s?{NOT_DATE}(?P<pub>{PUB})[.,]\s*{YEAR_GROUP}"
)
# "A Walk to the Fens (1822), 9.": a Chicago note's date without its place, then the page
_paren_year_page = re.compile(rf"\(\s?{YEAR_GROUP}\s?\),?\s(?:pp?\.\s?)?{PAGES}\.?$")
_ibid = re.compile(r"^(?:ibid|op\.\s?cit)\b", re.I)
# "Ibid.", "Ibid., 41.", "Ibid., pp. 40–41": the whole line repeats the citation above
_ibid_line = re.compile(r"^(?:ibid|op\.\s?cit)\.?(?:,?\s(?:pp?\.\s?)?\d+(?:\s?[-–]\s?\d+)?)?\.?$",
                        re.I)
_prose_words = frozenset(
    ("was", "were", "is", "are", "had", "has", "have", "he", "she", "they", "we", "it", "his")
    + ("her", "their", "them", "our", "who", "whom", "which", "that", "would", "could")
    + ("should", "did", "does", "been", "being", "not", "but", "when", "this", "these")
    + ("there", "then", "than", "because", "after", "said")
)


@lru_cache(maxsize=1 << 14)
def is_citation_line(line: str) -> bool:
    """Does this line look like the bibliographic line that closes a quote block?

    Cached: segmentation asks about the same lines again when the mention finder
    has a text segmented.

    Structural evidence only: an author-shaped start, an imprint, a year, a page
    locator, a quoted title with a journal volume. Headings, bracketed notes,
    transcript turns, chronologies and prose sentences are rejected first.
    """
    s = normalise(line)
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    if not s or len(s) > MAX_CITATION_LINE or _looks_like_other_block(s):
        return False
    if _prose_score(s) >= 3:
        return False
    author = bool(inverted_names(s) or pair_names(s))
    if not author and (PAREN_IMPRINT.search(s) or PAREN_YEAR.search(s)):
        given_first = GIVEN_FIRST_AUTHOR.match(s)  # "Thomas Hale, A Walk ..." (a title next)
        author = bool(given_first and s[given_first.end():][:1] in _TITLE_START)
    located = bool(LOCATOR.search(s))
    imprint = bool(_imprint_anywhere.search(s) or PAREN_IMPRINT.search(s))
    year = bool(ANY_YEAR.search(s))
    quoted = bool(QUOTE.search(s))
    if located and (author or imprint or year or quoted or _ibid.match(s)):
        return True
    if _ibid_line.match(s) or (author and _paren_year_page.search(s)):
        return True
    found = short_form(s)
    if found is not None and (found.located or found.year):
        return True
    if imprint or find_shelfmark(s, require_archive=True):
        return True
    if quoted and _periodical.search(s):
        return True
    if (located or year) and read_issue(s) is not None:  # "Voprosy istorii, nos. 11–12, 1995"
        return True
    return author and bool(_year_at_end.search(s)) and len(s.split()) >= 5


def is_ibid(line: str) -> bool:
    """Is the line "Ibid." (or "Op. cit."), perhaps with a page: the citation above again?"""
    return bool(_ibid_line.match(normalise(line)))


@dataclass(frozen=True)
class ShortForm:
    """A short form read: family name(s), short title, year (if printed), page."""

    families: tuple[str, ...]
    title: str
    year: str
    pages: str
    located: bool  # the page is marked "p."/"pp.", not a bare number


_short_family_join = re.compile(r"\s(?:and|&)\s|\set\sal\.$")


def short_form(line: str) -> ShortForm | None:
    """The line read as a short form ("Pollard, Mills of the Upper Calder, p. 40"), or
    None when it is not shaped like one.

    The shape alone would take "Later, the Mills were sold, 40." for a citation, so
    the title must read as one: a capital first, at most twelve words, no pronoun or
    auxiliary of a sentence, and at least half its longer words capitalised (titles
    are printed in title case in English short forms).
    """
    s = normalise(line)
    m = SHORT_FORM.match(s) if len(s) <= 200 else None
    if m is None:
        return None
    title = m["title"].strip(" “\"‘”’")
    if any(part.strip().isdigit() for part in title.split(",")) or (
            not m["p"] and ANY_YEAR.match(m["pages"])):
        return None  # "Scurr, Ruth, 2006, p. 266": a year is no part of a short title
    words = title.split()
    longer = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if not words or len(words) > 12 or _prose_score(title) or (
            longer and 2 * sum(w[:1].isupper() for w in longer) < len(longer)):
        return None
    families = tuple(f for f in _short_family_join.split(m["fam"]) if f)
    return ShortForm(families, title, m["year"] or "", m["pages"], bool(m["p"]))


def abbreviates(short: ShortForm, line: str) -> bool:
    """Could the short form abbreviate this (full) citation line: its first family name
    among the line's first four words, its title's words in a run of the line's?

    The test segmentation asks before it takes a short form with a bare page ("Pollard,
    Mills of the Upper Calder, 40.") for a citation line: a shape that a sentence may
    take is trusted only when it names a work cited in full above it."""
    folded = f" {fold(line)} "
    family = fold(short.families[0])
    title = fold(short.title)
    return bool(family and title) and f" {family} " in f" {' '.join(folded.split()[:4])} " \
        and f" {title} " in folded


def _looks_like_other_block(s: str) -> bool:
    """Bracketed notes, ALL-CAPS headings, 'MOLOTOV:' turns and chronologies are not citations."""
    if s[0] in "[…" or speaker_label(s) is not None or _caps_start.match(s):
        return True
    letters = sum(map(str.isalpha, s))  # map over a C method: no Python loop per letter
    if letters and sum(map(str.isupper, s)) > 0.6 * letters:
        return True
    # A chronology ("expelled (1927); readmitted (1928); ...") packs many years and clauses.
    return s.count(";") >= 2 or len(ANY_YEAR.findall(s)) > 4


def _prose_score(s: str) -> int:
    """Count lower-case pronouns and auxiliaries: titles rarely have them, sentences do."""
    return sum(1 for w in re.findall(r"[a-z]+", s) if w in _prose_words)
