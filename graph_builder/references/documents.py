"""Archival documents described by title and day before their shelfmark.

Historians cite an unpublished document by what it is, when it was written and
where it lies: ``Memo from V. Abakumov to Stalin, 17 July 1947, RGANI, fond 89,
opis' 18, delo 12``. The shelfmark names the file; the words before it name
the document in that file, its day, its sender and its addressee -- what a
reader asks about ("which memos did Abakumov send?"). This module reads that
description: ``document_head`` finds it before a shelfmark in a note,
``parties`` reads sender and addressee off its title.

Only shapes, no names: a title with a word of a document's genre (memo, letter,
report, telegram, ...) or of the shape "X to Y"; a sender and an addressee are
each initials and a capitalised word ("V. Abakumov", "Stalin"), never an
acronym ("NKVD to the Politburo" names bodies, not people) nor a genre word.
"""

from __future__ import annotations

import re

from graph_builder.records import PersonName
from graph_builder.support.text_patterns import MONTH, YEAR

__all__ = ["GENRE", "ISSUED", "document_head", "parties"]

GENRE = re.compile(
    r"\b(?:[Ll]etters?|[Mm]emo(?:randum)?|[Nn]ote|[Rr]eport|[Tt]elegram|[Ss]peech|[Dd]ecree"
    r"|[Rr]esolution|[Oo]rder|[Pp]rotocol|[Mm]inutes|[Ss]tatement|[Dd]irective|[Ii]nstruction"
    r"|[Tt]ranscript|[Ii]nterrogation|[Dd]eposition|[Pp]etition|[Cc]omplaint|[Dd]enunciation"
    r"|[Ss]pravka|[Zz]apiska|[Pp]is'mo)\b")
# what a body issues (a resolution, a decree ...), never the name of a journal
ISSUED = re.compile(r"(?:decree|resolution|directive|memo(?:randum)?|telegram|protocol|order"
                    r"|circular|ukaz|prikaz|postanovlenie)\b", re.IGNORECASE)
_NAME = r"(?:[A-Z]\.\s?){0,3}[A-Z][a-z][\w’'-]{0,40}"
_SENDER_TO = re.compile(
    rf"(?:^|\b(?:from|of|by)\s)(?P<sender>{_NAME})(?:[’']s(?:\s[A-Za-z]+){{1,2}})?\sto\s"
    rf"(?P<addressee>{_NAME}(?:(?:,\s|,?\sand\s){_NAME}){{0,4}})\b")
_DATE = (rf"(?:\d{{1,2}}\s{MONTH}\s{YEAR}|{MONTH}\s\d{{1,2}},?\s{YEAR}|(?:{MONTH}\s)?{YEAR})")
_HEAD = re.compile(
    rf"\s*(?:(?:[Ss]ee(?:\salso)?|[Cc]f\.|[Aa]lso)\s)?"
    rf"(?P<head>(?P<title>[A-Z][^;()“”\"*\n]{{2,160}}?),\s(?P<date>{_DATE}))[,.]?\s*")
_MAX_WORDS = 15


def document_head(lead: str) -> int | None:
    """How many characters at the end of ``lead`` (the text of a note before a shelfmark)
    describe the document: "Memo from V. Abakumov to Stalin, 17 July 1947, "; None if
    the lead is no such description."""
    m = _HEAD.fullmatch(lead)
    if m is None or len(m["title"].split()) > _MAX_WORDS:
        return None
    title = m["title"]
    if not (GENRE.search(title) or _SENDER_TO.search(title)):
        return None
    return len(lead) - m.start("head")


def parties(title: str) -> tuple[PersonName | None, tuple[PersonName, ...]]:
    """(sender, addressees) of a document's title: None and () where not read."""
    m = _SENDER_TO.search(title)
    if m is None:
        return None, ()
    names = re.split(r",\s(?:and\s)?|\sand\s", m["addressee"])
    return _person(m["sender"]), tuple(p for p in map(_person, names) if p is not None)


def _person(name: str) -> PersonName | None:
    words = name.replace(".", ". ").split()
    if GENRE.fullmatch(words[-1]):
        return None
    return PersonName(family=words[-1], given=" ".join(words[:-1]))
