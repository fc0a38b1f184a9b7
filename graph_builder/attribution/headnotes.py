"""Who speaks in a quotation, as the compiler's bracketed headnote says.

Compilers introduce a quotation with a note such as ``[From Stalin's comments on
Yezhov's report]``, ``[Letter from Yezhov to Stalin, 1937]`` or ``[Kirov at the
Leningrad conference]``. The speaker is the name that owns a noun of speech
("Stalin's comments"), the name a document comes from or is by ("Letter from
Yezhov"), or the name the note opens with when what follows is where, to whom or
when. A name spoken to or about ("to Stalin", "on Yezhov's report") never is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph_builder.attribution.speech import (
    FROM_BY,
    NOT_THE_SPEAKER_BEFORE,
    NOUN,
    NOUN_BY,
    POSSESSIVE_NOUN,
    VERB,
    VOICE,
)
from graph_builder.records import PersonMention, Span

# the note opens with the name, then where, to whom, when or how: "[Stalin to Molotov]",
# "[Kirov at the conference]", "[Molotov, 1937]", "[Bukharin, 3 March 1937]", "[Radek:]"
_OPENING_NAME_THEN = re.compile(
    r"\s*+(?::|,\s*+(?:\d|[A-Z][a-z]{2,9}\.?\s++\d)|(?<=\s)(?:to|at|in|before|on|speaking|"
    r"writing|addressing|replying|answering|interjecting|recalling|testifying)\b)")
_NOTE_OPENING = re.compile(r"^[\s\[(“\"']*$")
_FROM_SOURCE = re.compile(r"\s*(?i:from|extract\s+from|excerpt\s+from)\s+\S")  # "From Pravda, ..."
_NOUN_THEN_NAME = re.compile(rf"\b{NOUN}\s*[,:]\s*$", re.IGNORECASE)
_NAME_VERB = re.compile(rf"(?:[’']s)?\s+(?:(?:also|then|later|once|had|has|again)\s+)?{VERB}\b")


def headnote_speaker(text: str, note: Span, mentions: Sequence[PersonMention]
                     ) -> PersonMention | None:
    """The mention naming who speaks, among ``mentions`` (those inside ``note``, the
    headnote's span in ``text``, in order); None when the note does not say."""
    for m in mentions:
        before = text[note.start:m.span.start]
        after = text[m.span.end:note.end]
        if FROM_BY.search(before) or NOUN_BY.search(before) or _NOUN_THEN_NAME.search(before):
            return m  # "From Stalin's ...", "Letter from Yezhov", "Telegram, Stalin to ..."
        if POSSESSIVE_NOUN.match(after) and not NOT_THE_SPEAKER_BEFORE.search(before):
            return m  # "Stalin's comments on ...", but not "on Yezhov's report"
        if _NAME_VERB.match(after):
            return m  # "In a June 1937 speech Stalin said", "Zinoviev said in prison"
    first = mentions[0] if mentions else None
    if first is not None and _NOTE_OPENING.match(text[note.start:first.span.start]) and (
            _OPENING_NAME_THEN.match(text, first.span.end, note.end)):
        return first
    return None


def names_a_voice(text: str, note: Span) -> bool:
    """Does the note name a document, a speech or a saying ("NKVD circular", "Extract
    from protocol", "Pravda editorial says")? Then its words are not the historian's who
    prints them, whoever spoke."""
    return (VOICE.search(text, note.start, note.end) is not None
            or _FROM_SOURCE.match(text, note.start, note.end) is not None)


def headnote_span(text: str, claim_span: Span, headnote: str) -> Span | None:
    """Where a claim's headnote (kept without its brackets) is printed inside the claim."""
    at = text.find(headnote, claim_span.start, claim_span.end)
    return Span(at, at + len(headnote)) if at >= 0 else None
