"""Where a name-shaped phrase stands for a work, a place of publication or a publisher.

A reference names people, but also its work's title ("“The Origins of Soviet
Ethnic Cleansing,”"), the town it appeared in ("*Planning* (Chapel Hill,
1980)", "Chapel Hill: University of North Carolina Press") and the firm that
printed it ("New York: W. W. Norton, 1990", "London: V. Gollancz, 1942": a firm
named after its founder is a firm). Prose does the same with a quoted name of a
thing: an operation ("Case “Spring”"), a fort ("a fort called “Krasnaya
Gorka”"), a paper ("“Polska Gazeta!”"). None is a person, and the position
tells so whatever the words are: these are the slots of the citation styles
(Chicago, MLA, the older "Place: Publisher, Year") and of quotation marks, not
lists of anybody's names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_builder.support.speaker_labels import is_person_label
from graph_builder.support.text_patterns import YEAR

if TYPE_CHECKING:
    from graph_builder.people.mention_context import TextLines

__all__ = ["in_publication_slot", "quoted_titles"]

# a quotation on one line: “...”, "...", «...», „...“
_QUOTED_RE = re.compile(r"[“\"«„]([^“”\"«»„\n]{2,160})[”\"»“]")
_QUOTED_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")
# what may close a title right before the "(" of "(Place, Year)": italics, a quotation mark
_TITLE_ENDS = "*_”\"’"
_PLACE_TAIL_RE = re.compile(rf"(?:,[^\S\n]*[A-Z][a-z]{{0,4}}\.)?[^\S\n]*(?:,[^\S\n]*(?:{YEAR})"
                            r"(?!\d)|:)")
# the publisher of "Place: Publisher, Year": after a colon, the year right behind it,
# allowing a partner and a firm's word ("G. Allen & Unwin, ltd., 1938", "H. Holt and
# company, c1936"), so that "MOLOTOV: Comrade Stalin, in 1937" is no publisher
_PUBLISHER_TAIL_RE = re.compile(
    rf"(?:[^\S\n]*(?:&|and)[^\S\n]+[^\W\d_][\w’'\-]*\.?)?"
    r"(?:[,.]?[^\S\n]*(?i:ltd|inc|co|publishers?|press|verlag)\.?)?"
    rf"[,.]?[^\S\n]*c?(?:{YEAR})(?!\d)")


def quoted_titles(text: str, function_words: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of quotations set in title case: every word capitalised but the function
    words ("“The Origins of Soviet Ethnic Cleansing,”", "“Case Spring”"). A quotation is
    how a text gives a work's title or a thing's name; quoted speech has lower-case
    words. ``function_words`` are the lower-case words a title may hold."""
    spans = []
    for m in _QUOTED_RE.finditer(text):
        words = _QUOTED_WORD_RE.findall(m.group(1))
        if not 1 < len(words) <= 14:
            continue
        if all(w[:1].isupper() or w.casefold() in function_words for w in words):
            spans.append((m.start(1), m.end(1)))
    return spans


def in_publication_slot(lines: TextLines, start: int, end: int) -> bool:
    """Does ``text[start:end]`` stand where a reference gives its place of publication
    ("(Chapel Hill, 1980)" after a title) or its publisher ("New York: A. A. Knopf,
    1946")? Neither is a person, even when the firm bears its founder's name."""
    text = lines.text
    before = text[max(lines.start_of(start), start - 40):start].rstrip(" \t")
    if before.endswith("("):  # the place: "*Planning* (Chapel Hill, 1980)"
        opener = before[:-1].rstrip(" \t")
        return bool(opener) and (opener[-1] in _TITLE_ENDS or lines.is_reference(start)) and (
            _PLACE_TAIL_RE.match(text, end) is not None)
    if not before.endswith(":"):
        return False
    label = before[:-1].split()
    if not label or not label[-1][:1].isupper() or not is_person_label(label[-1]):
        return False  # "Source: Nina Tumarkin, 1983": a label, not a place
    return _PUBLISHER_TAIL_RE.match(text, end) is not None
