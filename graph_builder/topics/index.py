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

from graph_builder.people.names import fold
from graph_builder.records import BlockKind, Extraction, Span

_PERSON = re.compile(r"^[A-ZÀ-Þ][\w'’\-]+(?: \([^)]*\))?, [A-Z]")
_SEE = re.compile(r"\.\s+See\s+(?P<also>also\s+)?(?P<target>.+)$")
_PAREN = re.compile(r"(?!(?<=\s)\s)\s*+\((?P<inner>[^()]{2,40})\)\s*$")  # spaces entered once
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


_WORD = re.compile(r"\w+")


class _LabelTable:
    """Every matchable label, looked up by its first word.

    One dictionary probe per word of running text, and a few more only where a
    label could begin, instead of one regular expression of hundreds of
    alternatives (which cost most of the topics stage). Matches are what that
    alternation gave: leftmost, longest first, on word boundaries, not overlapping.
    """

    def __init__(self) -> None:
        self.key: dict[str, str] = {}  # label (folded, unless an acronym) -> topic key
        self.lengths: dict[str, set[int]] = {}  # first word (same folding) -> label lengths

    def add(self, label: str, key: str, exact: bool) -> None:
        words = _WORD.findall(label)
        if not words or not (label[0].isalnum() or label[0] == "_") or not label[-1].isalnum():
            return  # a label must start and end on a word, like the text it is found in
        same = (lambda s: s) if exact else str.casefold
        self.key.setdefault(same(label), key)
        self.lengths.setdefault(same(words[0]), set()).add(len(words))

    def find(self, text: str):
        """(start, end, topic key) of every label in ``text``."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        i = 0
        while i < len(words):
            hit = None
            for first, folded in ((words[i][2], False), (words[i][2].casefold(), True)):
                for n in sorted(self.lengths.get(first, ()), reverse=True):
                    if i + n > len(words):
                        continue
                    start, end = words[i][0], words[i + n - 1][1]
                    label = text[start:end]
                    if "  " in label:  # a wrapped line's break and indent, read as one space
                        label = " ".join(label.split())
                    key = self.key.get(label.casefold() if folded else label)
                    if key is not None and (hit is None or end > hit[1]):
                        hit = (start, end, key, i + n)
            if hit is None:
                i += 1
                continue
            yield hit[:3]
            i = hit[3]


def matchers(topics: list[Topic]) -> _LabelTable:
    """The table of every matchable label.

    Words and phrases match in any case ("Collectivization", "collectivization");
    acronyms ("ARU", "OGPU") only as written, where they are precise even when
    short. Narrower topics ("Communist Party: Congresses") are not matched in
    text: their own label alone ("Congresses") says too little.
    """
    table = _LabelTable()
    for topic in topics:
        if topic.broader:
            continue
        for label in sorted({topic.label} | topic.alt_labels):
            if label.isupper() and len(label) >= 2:
                table.add(label, topic.key, exact=True)
            elif len(label) >= _MIN_LABEL:
                table.add(label, topic.key, exact=False)
    return table


def find_mentions(extractions: list[Extraction], topics: list[Topic]) -> list[TopicMention]:
    """Every labelled topic in every claim's text, with its span in the document."""
    table = matchers(topics)
    return [m for extraction in extractions for m in mentions_in(
        extraction.layout.document.doc_id,
        [(claim.span.start, claim.text) for claim in extraction.claims], table)]


def mentions_in(doc_id: str, claims: list[tuple[int, str]], table: _LabelTable
                ) -> list[TopicMention]:
    """The topics each claim (its start in the document, its text) names, in claim order."""
    found = []
    for index, (offset, text) in enumerate(claims):
        for start, end, key in table.find(text):
            found.append(TopicMention(doc_id, Span(offset + start, offset + end), key, index))
    return found


def fingerprint(topics: list[Topic]) -> str:
    """The topics as a matcher sees them, as text that is the same in any process."""
    return repr(sorted((t.key, t.label, sorted(t.alt_labels)) for t in topics))
