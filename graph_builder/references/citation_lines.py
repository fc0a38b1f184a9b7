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
from functools import lru_cache

from graph_builder.references.archive import find_shelfmark
from graph_builder.references.periodicals import read_issue
from graph_builder.references.rule_grammar import (
    ANY_YEAR,
    BOUND,
    GIVEN_FIRST_AUTHOR,
    LOCATOR,
    NOT_DATE,
    PAREN_IMPRINT,
    PLACE,
    PUB,
    QUOTE,
    YEAR_GROUP,
    inverted_names,
    normalise,
    pair_names,
)
from graph_builder.support.speaker_labels import speaker_label

__all__ = ["MAX_CITATION_LINE", "is_citation_line"]

MAX_CITATION_LINE = 350  # longer lines are prose paragraphs, never a citation

_caps_start = re.compile(r"^[A-Z]{2,}+(?:[’'][A-Z]*+)?\s[A-Z]{2,}\b")
_year_at_end = re.compile(rf"{YEAR_GROUP}[\s.,)]*$")
# "45 (Spring 1986)", "312(5777)": a volume and its date or issue, four digits that
# need not be a year
_periodical = re.compile(r"\b\d+\s?\((?:[A-Za-z]+\.?\s)?\d{4}\)")
_imprint_anywhere = re.compile(
    rf"{BOUND}(?P<place>{PLACE})\s?:\s?{NOT_DATE}(?P<pub>{PUB})[.,]\s*{YEAR_GROUP}"
)
_ibid = re.compile(r"^(?:ibid|op\.\s?cit)\b", re.I)
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
    if not author and PAREN_IMPRINT.search(s):
        author = bool(GIVEN_FIRST_AUTHOR.match(s))
    located = bool(LOCATOR.search(s))
    imprint = bool(_imprint_anywhere.search(s) or PAREN_IMPRINT.search(s))
    year = bool(ANY_YEAR.search(s))
    quoted = bool(QUOTE.search(s))
    if located and (author or imprint or year or quoted or _ibid.match(s)):
        return True
    if imprint or find_shelfmark(s, require_archive=True):
        return True
    if quoted and _periodical.search(s):
        return True
    if (located or year) and read_issue(s) is not None:  # "Voprosy istorii, nos. 11–12, 1995"
        return True
    return author and bool(_year_at_end.search(s)) and len(s.split()) >= 5


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
