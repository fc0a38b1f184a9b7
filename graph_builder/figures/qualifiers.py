"""The hedge printed before a figure: "about", "nearly", "more than", "up to".

A qualifier changes what a figure claims (an upper bound, an estimate), so two
sources giving "about 200,000" and "more than 200,000" are compared knowing it.
"""

from __future__ import annotations

import re

QUALIFIERS = (
    "a little over", "a little under", "a little more than", "a little less than",
    "slightly over", "slightly under", "slightly more than", "slightly less than",
    "slightly above", "slightly below", "not too far from", "not far from",
    "not more than", "no more than", "not less than", "no less than", "no fewer than",
    "not fewer than", "more than", "less than", "fewer than", "at least", "at most", "up to",
    "well over", "well under", "just over", "just under", "close to", "as many as",
    "as few as", "upwards of", "in excess of", "an estimated", "nearly", "almost", "about",
    "approximately", "approx.", "around", "roughly", "some", "circa", "ca.", "c.", "barely",
    "over", "under", "below", "above", "only", "just", "perhaps", "possibly", "estimated",
)
_ALTERNATIVES = "|".join(re.escape(q).replace(r"\ ", " ") for q in QUALIFIERS)
# the window before a figure ends in one qualifier, lower or upper case
QUALIFIER_BEFORE = re.compile(rf"(?<![\w.])(?:{_ALTERNATIVES})[ \u00a0]$", re.IGNORECASE)
WINDOW = 24  # characters before a figure a qualifier can take up
# not hedges: a qualifier's word that only says "exactly this"
NOT_HEDGES = frozenset({"only", "just"})


def qualifier_before(text: str, start: int) -> tuple[int, str]:
    """(where the qualifier starts, the qualifier lower-cased) right before ``start``,
    or (start, "") when none is printed there."""
    window_start = max(0, start - WINDOW)
    m = QUALIFIER_BEFORE.search(text, window_start, start)
    if not m:
        return start, ""
    word = " ".join(m.group().lower().split())
    if word in NOT_HEDGES:
        return start, ""
    return m.start(), word
