"""The shapes that the rule parser and the citation-line spotter both read.

``rules`` parses a reference string and ``citation_lines`` decides whether a line
is one. They must agree on what an author ("Surname, Given.", "J. Arch Getty, "),
an imprint ("Place: Publisher, 1941"), a year, a page locator and a quoted title
look like: a line spotted as a citation that the parser cannot read, or the
reverse, would lose a work. So those shapes are written here once and both
import them. Years and months are the ones every stage uses
(``graph_builder.support.text_patterns``).
"""

from __future__ import annotations

import re

from graph_builder.records import PersonName
from graph_builder.support.text_patterns import MONTH, SEASON, YEAR

CAP = r"[A-ZÀ-Ý]"  # a capital letter
_W = r"[\w’'-]"  # a character inside a name word
WORD = rf"{CAP}{_W}+"
_INITS = rf"{CAP}\.(?:\s?{CAP}\.)*"
# Given names keep initials as printed: "Anna L.", "J. Arch", "R. J.", "William Henry".
# After leading initials only one word may follow, and only if a separator follows it,
# so "Overy, R. J. Russia's War" stops after "R. J.".
_GIVEN = rf"(?:{_INITS}\s?{WORD}(?=[.,])|{WORD}(?:\s{WORD}){{0,2}}(?:\s{_INITS})?|{_INITS})"
GIVEN_FIRST = rf"(?:{CAP}\.\s?|{WORD}\s){{1,3}}{WORD}"
# A year as a reference prints it ("1941", "c. 1999"), never part of "1941/2" or of a
# longer number; the ``year`` group holds its digits.
YEAR_GROUP = rf"(?<![\w/])(?:[cC]\.?\s?)?(?P<year>{YEAR})(?!\d)"
DATE_WORD = rf"(?:{MONTH}|{SEASON})"  # "March", "Mar.", "Sept.", "Spring"
PLACE_PART = rf"(?:{CAP}\.\s?{CAP}\.?|{CAP}{_W}*(?:\s{CAP}{_W}*){{0,3}}\.?)"  # "N. Y", "Conn."
PLACE = rf"(?:{PLACE_PART},\s?)?{PLACE_PART}"  # "New Haven", "New York, New York"
BOUND = r"(?:^|(?<=[.,;:?)”\"]\s)|(?<=\())"  # a place starts a segment, never mid-phrase
NOT_DATE = rf"(?!\s*{DATE_WORD}\s)"  # "New Republic: August 7, 1935" is a date, not a publisher
PUB = r"(?:[^.:()\[\]]|\b[A-Za-z]{1,4}\.)+?"  # dots only after abbreviations: "Univ.", "G. P."

_ws = re.compile(r"\s+")
_note_mark = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*")
PAGES = (  # "12", "xiv", "57–58", "114 and 116", "12, 14" -- not "213-218, 1988"
    r"(?:\d+|[ivxlc]+)(?:\s?[-–—]\s?(?:\d+|[ivxlc]+))?"
    rf"(?:\s?(?:,(?!\s?{YEAR}\b)|and|&)\s?\d+(?:[-–]\d+)?)*"
)
LOCATOR = re.compile(rf"(?<![\w])(?:pp?|Pp?)\.\s?(?P<pages>{PAGES})\b\.?")
# A short form (Chicago's "shortened citation"): the author's family name (two joined by
# "and", or one with "et al."), a short title, perhaps the year, then the page:
# "Pollard, Mills of the Upper Calder, p. 40", "Hay and Lowe, Field Drains (1931), 12."
# The title holds no sentence stop, colon or bracket; whether its words are a title's
# is for ``citation_lines.short_form`` to judge.
SHORT_FORM = re.compile(
    rf"^(?P<fam>{WORD}(?:\s(?:and|&)\s{WORD}|\set\sal\.)?),\s"
    rf"(?P<title>[“\"‘]?{CAP}[^.;:()\[\]]{{1,120}}?)(?:\s?\({YEAR_GROUP}\))?,\s"
    rf"(?P<p>(?:pp?|Pp?)\.\s?)?(?P<pages>{PAGES})\.?$"
)
ANY_YEAR = re.compile(YEAR_GROUP)
QUOTE = re.compile(r"[“\"](?P<t>[^“”\"]{2,}?)(?:[”\"]|“(?=[A-Z]))(?!\s?[a-z])")
PAREN_IMPRINT = re.compile(
    rf"\((?:(?P<place>[^():]+?)\s?:\s?(?P<pub>[^()]+?)|(?P<city>[^():,]+(?:,\s[^():,]+)?))"
    rf",\s*{YEAR_GROUP}\)"
)
# "(1822)": a year alone in parentheses, as Chicago prints a book's date without its place
PAREN_YEAR = re.compile(rf"\(\s?{YEAR_GROUP}\s?\)")
GIVEN_FIRST_AUTHOR = re.compile(rf"(?P<name>{GIVEN_FIRST}),\s")  # "J. Arch Getty, "
_given_first_only = re.compile(GIVEN_FIRST)
_inverted = re.compile(rf"(?P<fam>{WORD}),\s(?P<given>{_GIVEN})")
_pair = re.compile(rf"(?P<a>{WORD})\s(?:and|&)\s(?P<b>{WORD})(?=[.,]\s)")
_name_join = re.compile(r",?\s(?:and|&)\s|;\s")
_sep = re.compile(r"(?:(?<=\.)|[.,])\s+")


def normalise(text: str) -> str:
    """Collapse whitespace; drop a footnote mark ('¹²') and stray end marks ('p. 358\\')."""
    s = _ws.sub(" ", str(text)).strip()
    return _note_mark.sub("", s.rstrip("\\/ ")).strip()


def given_first_name(name: str) -> PersonName:
    """'J. Arch Getty' -> PersonName('Getty', 'J. Arch'): the family name is the last word."""
    given, _, family = name.strip().rpartition(" ")
    return PersonName(family, given.strip())


def inverted_names(s: str) -> tuple[tuple[PersonName, ...], int] | None:
    """'Surname, Given.' optionally joined to a second author ('& Petrov, Nikita.'): the
    names and where the string goes on after them."""
    m = _inverted.match(s)
    if not m:
        return None
    names, pos = [PersonName(m["fam"], m["given"])], m.end()
    while join := _name_join.match(s, pos):  # "& Petrov, Nikita", ", and Charlesworth, Andrew"
        other = _inverted.match(s, join.end())
        if other:
            names.append(PersonName(other["fam"], other["given"]))
        elif other := _given_first_only.match(s, join.end()):
            names.append(given_first_name(other.group()))
        else:
            break
        pos = other.end()
    sep = _sep.match(s, pos)
    return (tuple(names), sep.end()) if sep else None


def pair_names(s: str) -> tuple[tuple[PersonName, ...], int] | None:
    """'Getty & Naumov,' / 'Getty and Manning.': two family names, no given names."""
    m = _pair.match(s)
    if not m:
        return None
    sep = _sep.match(s, m.end())
    return ((PersonName(m["a"]), PersonName(m["b"])), sep.end()) if sep else None
