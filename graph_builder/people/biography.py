"""Facts a biographical note states about a person: life dates, offices, fate.

Reference books and appendices print notes in one shape the world over:
``Surname, Given (born–died). Office, years. Office, years. Fate.`` — e.g.
``- Agranov, Ya. S. (1893–1938). From 1934 to 1937, first deputy people's
commissar ... Repressed.`` This module reads that shape only (it knows no
names); the person it names joins resolution like any cited author, and the
dates let resolution keep apart two people whose names agree but whose lives
do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.people.names import title_case_name
from graph_builder.records import Block, BlockKind, PersonName, Span

# "- Agranov, Ya. S. (1893–1938)." / "Stalin (Dzhugashvili), I. V. (1878–1953)." /
# "Osinsky, N. (V. V. Obolenskii) (1887–1938)." / "SAINT-JUST, Louis Antoine (1767–1794)."
BIO_HEAD = re.compile(
    r"^[-–•*]?\s*(?P<family>[A-ZÀ-Þ][\w'’\-]+(?: [A-Z][\w'’\-]+)?)"
    r"(?:\s\((?P<alias>[^()]{2,40})\))?,\s+"
    r"(?P<given>[A-Z][\w.’' \-]{0,40}?)(?:\s\((?P<alias2>[^()]{2,40})\))?\s*"
    r"\((?:c\.\s*)?(?P<born>\d{3,4})\??\s*[–-]\s*(?P<died>\d{2,4})?\??\)\.?\s*"
)
# (a sentence starts after a full stop, never again inside one that failed)
_SENTENCE = re.compile(r"(?<![^.])[^.]++(?:\.(?=\s+[A-Z(]|\s*$)|$)")
_YEARS = re.compile(r"\b(?:[Ff]rom\s)?(?:\w+\s)?(?P<start>\d{4})(?:\s(?:to|–|-)\s(?P<end>\d{4}))?")
# Words a note ends on to say how a life ended; matched as whole sentences.
_FATES = {
    "repressed": "repressed", "shot": "shot", "executed": "executed", "arrested": "arrested",
    "committed suicide": "suicide", "suicide": "suicide", "died in prison": "died in prison",
    "died in a camp": "died in a camp", "murdered": "murdered", "killed": "killed",
    "rehabilitated": "rehabilitated", "exiled": "exiled", "guillotined": "guillotined",
    "hanged": "hanged", "assassinated": "assassinated", "died in exile": "died in exile",
    "died": "died",
}
# "Executed on 4 February 1940", "Shot in 1937 at Kommunarka": a fate with when or where
_FATE_RE = re.compile(
    rf"(?P<fate>{'|'.join(sorted(map(re.escape, _FATES), key=len, reverse=True))})"
    r"(?P<detail>\s+(?:on|in|at|by|after|before|during|near)\b[^,;]{1,50})?", re.IGNORECASE)


@dataclass(frozen=True)
class Office:
    """An office or role the note states, with the years it gives."""

    text: str
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Biography:
    """What one biographical note says about one person."""

    name: PersonName
    surface: str
    span: Span
    line: int
    born: str = ""
    died: str = ""
    fate: str = ""
    offices: tuple[Office, ...] = ()


def _full_year(born: str, died: str) -> str:
    """'1893–38' means 1938: a two-digit death year shares the birth year's century."""
    if died and len(died) == 2 and len(born) == 4:
        full = born[:2] + died
        return full if full >= born else str(int(born[:2]) + 1) + died
    return died


def read_biography(block: Block) -> Biography | None:
    """The facts of a BIO_NOTE block, or None if its head is not a name with dates."""
    head = BIO_HEAD.match(block.text)
    if block.kind is not BlockKind.BIO_NOTE or head is None:
        return None
    family = title_case_name(head["family"]) if head["family"].isupper() else head["family"]
    given = head["given"].strip().rstrip(",")
    offices, fates = [], []
    for sentence in _SENTENCE.findall(block.text[head.end():]):
        sentence = sentence.strip().rstrip(".")
        if fate := _FATE_RE.fullmatch(sentence):
            fates.append(_FATES[fate["fate"].lower()] + (fate["detail"] or ""))
        elif sentence:
            years = _YEARS.search(sentence)
            offices.append(Office(sentence, years["start"] if years else "",
                                  (years["end"] or "") if years else ""))
    surface = block.text[:head.end()].lstrip("-–•* ").split(" (1")[0].split(" (c")[0].strip()
    return Biography(PersonName(family, given), surface, block.span, block.line,
                     born=head["born"], died=_full_year(head["born"], head["died"] or ""),
                     fate="; ".join(fates), offices=tuple(offices))
