"""Quotations inside a claim that the claim itself attributes to someone.

A historian quotes a witness, and the witness quotes Stalin: the words in quotation
marks inside a claim are a second voice when the sentence around them names it
with a verb of saying: ``Stalin told the plenum: "..."``, ``"...," said Molotov``,
``"...," Molotov replied``, ``as Lenin put it, "..."``, ``according to Kirov,
"..."``. ``"...," he says`` names the one person the sentence before the quote
names, and nobody when it names several. Words in quotation marks that no verb of
saying ties to a name (a phrase held at a distance, a title) are no one's claim.
Only quoted words of four words or more count (a passage's rule).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph_builder.attribution.speech import VERB
from graph_builder.read.claims import says_something
from graph_builder.records import PersonMention, Span

_REACH = 160  # how far before an opening mark a name and its verb may stand
_WHOLE_SENTENCE = 600  # how far back the one sentence a pronoun points into may start
# between a name and the opening mark: "told the plenum:", ", in his secret speech, said:",
# " put it, ", " had said, ": a verb of saying, at most four words after it, then , or :
_NAME_THEN_VERB = re.compile(
    rf"(?:(?:\s*,[^,“”\"\n]{{1,60}}){{1,3}},)?\s+(?:(?:has|had|have|once|later|then|also|again|"
    rf"himself|herself|simply|bluntly|famously|publicly|privately)\s+){{0,2}}{VERB}"
    rf"(?:\s+[\w’'-]+){{0,6}}?\s*[,:]?\s*")
_ACCORDING_TO = re.compile(r"\b(?i:according\s+to)\s+(?:[A-Z][\w’'.-]*\s+){0,3}$")
_COMMA = re.compile(r"\s*,?\s*")
# after the closing mark, on its line: '," said Molotov', '," replied Comrade Molotov'
_VERB_THEN_NAME = re.compile(
    rf"[,.!?—–-]?[^\S\n]*{VERB}\s+(?:(?i:comrade)\s+|[A-Z][\w’'.-]*\s+){{0,3}}")
# after the closing mark: '," Molotov said' (the name's own words end on the verb)
_BEFORE_NAME = re.compile(r"[,.!?—–-]?[^\S\n]*(?:(?i:comrade)\s+|[A-Z][\w’'.-]*\s+){0,3}")
_AFTER_NAME_VERB = re.compile(rf"\s+(?:(?:later|then|also)\s+)?{VERB}\b")
# a sentence that opens with the pronoun and a verb of saying: 'He said, "'
_PRONOUN_THEN_VERB = re.compile(
    rf"\s*(?:He|She)\s+(?:(?:then|later|also|again)\s+)?{VERB}(?:\s+[\w’'-]+){{0,6}}?\s*[,:]?\s*")
_THAT = re.compile(r"\s+that\b")
# between the name after one quotation and the next opening mark: '," says X, "', '?" X asked
# ironically. "' (the same speaker goes on)
_RESUMED = re.compile(rf"(?:[^\S\n]+(?:{VERB}))?(?:[^\S\n]+[\w’'-]+)?[^\S\n]*[,;:.]?[^\S\n]*")
_PRONOUN_VERB = re.compile(rf"[,.!?—–-]?[^\S\n]*(?:he|she)\s+{VERB}\b")
_MARK = re.compile(r"[“”‘’]")
_STRAIGHT = re.compile(r'"')
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-Z“\"‘'(\[])")


@dataclass(frozen=True)
class InnerQuote:
    """Quoted words (``words``, inside the marks), who said them, and the mention of
    that person that shows it."""

    words: Span
    speaker: PersonMention


def quote_pairs(text: str, span: Span) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the quotation marks in ``span`` of ``text``, in order:
    curly double pairs, curly single pairs (a ’ closes only where no letter follows, else
    it is an apostrophe: "Stalin’s") and straight double quotes where the claim holds an
    even number of them."""
    pairs = []
    double_open = single_open = -1
    for m in _MARK.finditer(text, span.start, span.end):
        i, ch = m.start(), m.group()
        if ch == "“":
            double_open = i
        elif ch == "”" and double_open >= 0:
            pairs.append((double_open, i))
            double_open = -1
        elif ch == "‘":
            single_open = i
        elif ch == "’" and single_open >= 0 and not (i + 1 < span.end and text[i + 1].isalnum()):
            pairs.append((single_open, i))
            single_open = -1
    straight = [m.start() for m in _STRAIGHT.finditer(text, span.start, span.end)]
    if len(straight) % 2 == 0:
        pairs += zip(straight[::2], straight[1::2], strict=True)
    return sorted(pairs)


def inner_quotes(text: str, span: Span, mentions: Sequence[PersonMention],
                 starts: list[int] | None = None) -> list[InnerQuote]:
    """The attributed quotations inside ``span`` (a claim's), with ``mentions`` the
    document's person mentions sorted by start (``starts``: their starts, when the
    caller asks about many claims of one document)."""
    if starts is None:
        starts = [m.span.start for m in mentions]
    found = []
    last: PersonMention | None = None  # the speaker named after the quote before
    for opening, closing in quote_pairs(text, span):
        words = Span(opening + 1, closing)
        resumed = last if last is not None and last.span.end <= opening and _RESUMED.fullmatch(
            text, last.span.end, opening) else None  # '"...," says X, "and ..."'
        after = _named_after(text, span, closing, mentions, starts)
        last = after  # (a short quote still hands its speaker on: '"Is that so?" X asked.')
        if not says_something(words.slice(text)):
            continue
        speaker = resumed or _named_before(text, span, opening, mentions, starts) or after
        if speaker is not None and not (words.start <= speaker.span.start < words.end):
            found.append(InnerQuote(words, speaker))
    return found


def mentions_starting_in(mentions: Sequence[PersonMention], starts: list[int], lo: int,
                         hi: int) -> Sequence[PersonMention]:
    """The mentions (sorted by start; ``starts`` their starts) that start in [lo, hi)."""
    return mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def _sentence_start(text: str, span: Span, at: int, reach: int = _REACH) -> int:
    """Where the sentence holding ``at`` starts, not before the claim nor more than
    ``reach`` characters back (-1 when that cuts the sentence and ``reach`` is
    _WHOLE_SENTENCE: a sentence must then be seen whole)."""
    lo = max(span.start, at - reach)
    last = -1
    for m in _SENTENCE_END.finditer(text, lo, at):
        last = m.end()
    if last < 0:
        return lo if lo == span.start or reach != _WHOLE_SENTENCE else -1
    return last


def _named_before(text: str, span: Span, opening: int, mentions: Sequence[PersonMention],
                  starts: list[int]) -> PersonMention | None:
    lo = _sentence_start(text, span, opening)
    for m in reversed(mentions_starting_in(mentions, starts, lo, opening)):
        if m.span.end > opening:
            continue
        if _NAME_THEN_VERB.fullmatch(text, m.span.end, opening):
            return m
        if _ACCORDING_TO.search(text, lo, m.span.start) and _COMMA.fullmatch(
                text, m.span.end, opening):
            return m
    if _PRONOUN_THEN_VERB.fullmatch(text, lo, opening):  # 'X was indignant. He said, "..."'
        return _only_person_in_sentence_before(text, span, lo, mentions, starts)
    return None


def _named_after(text: str, span: Span, closing: int, mentions: Sequence[PersonMention],
                 starts: list[int]) -> PersonMention | None:
    """'"...," said X', '"...," X replied', '"...?" asked X', '"...," he says'. The quoted
    words must run on into the clause after them (a comma or dash at their end or after
    the mark) or ask or exclaim before a verb: '"...!" Stalin said that ...' starts a new
    sentence about something else."""
    after = closing + 1
    last = text[closing - 1] if closing > span.start else ""
    runs_on = last in ",;—–-…" or text.startswith(",", after)
    if not (runs_on or last in "?!"):
        return None
    near = mentions_starting_in(mentions, starts, after, min(span.end, after + 60))
    for m in near[:1]:
        if _VERB_THEN_NAME.fullmatch(text, after, m.span.start):
            return m
        if _BEFORE_NAME.fullmatch(text, after, m.span.start) and (
                _AFTER_NAME_VERB.match(text, m.span.end, span.end)) and not _THAT.match(
                text, _AFTER_NAME_VERB.match(text, m.span.end, span.end).end(), span.end):
            return m  # but '"...," Stalin ordered that "..."' quotes someone else first
    if _PRONOUN_VERB.match(text, after, span.end):
        return _only_person_before(text, span, closing, mentions, starts)
    return None


def _only_person_before(text: str, span: Span, closing: int, mentions: Sequence[PersonMention],
                        starts: list[int]) -> PersonMention | None:
    """'"...," he says': the one person the sentence before the quotation names."""
    opening = max(text.rfind("“", span.start, closing), text.rfind("‘", span.start, closing),
                  text.rfind('"', span.start, closing))
    if opening <= span.start:
        return None
    return _only_person_in_sentence_before(text, span, opening, mentions, starts)


def _only_person_in_sentence_before(text: str, span: Span, at: int,
                                    mentions: Sequence[PersonMention], starts: list[int]
                                    ) -> PersonMention | None:
    """The one person the sentence ending before ``at`` (a sentence's or a quotation's
    start) names; None when it names nobody or several."""
    if at <= span.start:
        return None
    lo = _sentence_start(text, span, at - 1, _WHOLE_SENTENCE)
    if lo < 0:
        return None
    named = [m for m in mentions_starting_in(mentions, starts, lo, at) if m.span.end <= at]
    return named[-1] if named and len({m.person for m in named}) == 1 else None
