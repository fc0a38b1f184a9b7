"""Topics: a SKOS concept scheme read from the corpus's own indexes, and the claims
that are about each topic.

A back-of-book index is a topic vocabulary its author already made, in a form
used across languages and periods: main headings are concepts; "X. See Y"
makes X another label of Y; "See also Z" relates them; an indented "—sub"
entry is narrower than the heading above it; "(CCC)" or "(Chistka)" after a
heading is another label. Entries shaped "Surname, Given" are people, not
topics. No topic list is written here: a corpus without an index yields no
topics (recurring noun phrases and glossed terms are later sources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph_builder.names import fold
from graph_builder.records import BlockKind, Extraction, Span

_PERSON = re.compile(r"^[A-ZÀ-Þ][\w'’\-]+(?: \([^)]*\))?, [A-Z]")
_SEE = re.compile(r"\.\s+See\s+(?P<also>also\s+)?(?P<target>.+)$")
_PAREN = re.compile(r"\s*\((?P<inner>[^()]{2,40})\)\s*$")
_MIN_LABEL = 4  # shorter labels ("Lu", "SR") match too much running text


@dataclass
class Topic:
    """One concept: its preferred label, other labels, and its place in the scheme."""

    key: str
    label: str
    alt_labels: set[str] = field(default_factory=set)
    broader: str = ""  # key of the broader topic
    related: set[str] = field(default_factory=set)  # labels of related headings
    source: tuple[str, int] = ("", 0)  # (document, line) of the index entry


@dataclass(frozen=True)
class TopicMention:
    """A topic label found in a claim's text."""

    doc_id: str
    span: Span
    topic: str  # topic key
    claim_index: int  # position of the claim in its extraction


def _split_heading(text: str) -> tuple[str, list[str], bool]:
    """(heading, cross-referenced headings, is 'see also') of one index line's head."""
    head = text.lstrip("-–— ").split(":")[0].strip().rstrip(".")
    see = _SEE.search(head)
    if see is None:
        return head.split(";")[0].strip(), [], False
    targets = [t.strip().rstrip(".") for t in see["target"].split(";") if t.strip()]
    return head[: see.start()].strip(), targets, bool(see["also"])


def _labels(heading: str) -> tuple[str, set[str]]:
    """"Purge of 1933 (Chistka)" -> ("Purge of 1933", {"Chistka"}); a qualifier such as
    "NKVD (of USSR)" or "show trial (1938)" is dropped from the label, not kept as one."""
    paren = _PAREN.search(heading)
    if paren is None:
        return heading, set()
    inner = paren["inner"].strip()
    alias = not inner[:1].isdigit() and not inner.startswith(("of ", "in ", "see "))
    return heading[: paren.start()].strip(), ({inner} if alias else set())


def read_index(extraction: Extraction) -> list[Topic]:
    """The concepts of one document's index (none if it has no index)."""
    topics: dict[str, Topic] = {}
    parent: Topic | None = None
    doc_id = extraction.layout.document.doc_id
    for block in extraction.layout.blocks:
        if block.kind is not BlockKind.INDEX_ENTRY:
            continue
        text = block.text.lstrip("- ").strip()
        sub = text.startswith(("—", "–"))
        head, targets, also = _split_heading(text)
        if not head or not head[:1].isupper() or _PERSON.match(head):
            continue
        label, alts = _labels(head)
        targets = [t for t in targets if not _PERSON.match(t)]
        if len(targets) == 1 and not also:  # "Comintern. See Communist International"
            goal, goal_alts = _labels(targets[0])
            topic = topics.setdefault(fold(goal), Topic(fold(goal), goal,
                                                        source=(doc_id, block.line)))
            topic.alt_labels |= {label} | alts | goal_alts
            continue
        key = fold(f"{parent.label} {label}") if sub and parent else fold(label)
        topic = topics.setdefault(key, Topic(key, label, source=(doc_id, block.line)))
        topic.alt_labels |= alts
        topic.related |= {_labels(t)[0] for t in targets}  # "See also ..." or several "See"
        if sub and parent:
            topic.broader = parent.key
            topic.label = f"{parent.label}: {label}"
        else:
            parent = topic
    return list(topics.values())


def _pattern(labels: list[str], flags: int = 0) -> re.Pattern[str] | None:
    if not labels:
        return None
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


def matchers(topics: list[Topic]) -> tuple[list[re.Pattern[str]], dict[str, str]]:
    """Patterns for every matchable label (longest first) and folded label -> topic key.

    Words and phrases match in any case ("Collectivization", "collectivization");
    acronyms ("ARU", "OGPU") only as written, where they are precise even when
    short. Narrower topics ("Communist Party: Congresses") are not matched in
    text: their own label alone ("Congresses") says too little.
    """
    by_label: dict[str, str] = {}
    acronyms, words = [], []
    for topic in topics:
        if topic.broader:
            continue
        for label in {topic.label} | topic.alt_labels:
            if label.isupper() and len(label) >= 2:
                acronyms.append(label)
            elif len(label) >= _MIN_LABEL:
                words.append(label)
            else:
                continue
            by_label.setdefault(label.casefold(), topic.key)
    patterns = [_pattern(acronyms), _pattern(words, re.IGNORECASE)]
    return [p for p in patterns if p is not None], by_label


def find_mentions(extractions: list[Extraction], topics: list[Topic]) -> list[TopicMention]:
    """Every labelled topic in every claim's text, with its span in the document."""
    patterns, by_label = matchers(topics)
    found = []
    for extraction in extractions:
        for index, claim in enumerate(extraction.claims):
            for pattern in patterns:
                for match in pattern.finditer(claim.text):
                    start = claim.span.start + match.start()
                    found.append(TopicMention(claim.doc_id,
                                              Span(start, start + len(match.group())),
                                              by_label[match.group().casefold()], index))
    return found
