"""The hedge printed before a figure: "about", "nearly", "more than", "up to".

A qualifier changes what a figure claims (an upper bound, an estimate), so two
sources giving "about 200,000" and "more than 200,000" are compared knowing it.
"""

from __future__ import annotations

import re

# every qualifier read, and what it allows of the figure's value: "about" either side,
# "under" a little under, "over" at or above it, "at most" at or below it; "" none
HEDGES: dict[str, str] = {
    **dict.fromkeys(("about", "approximately", "approx.", "around", "roughly", "some",
                     "circa", "ca.", "c.", "close to", "an estimated", "estimated",
                     "perhaps", "possibly", "as many as", "as few as"), "about"),
    **dict.fromkeys(("nearly", "almost", "barely", "just under", "a little under",
                     "a little less than", "slightly under", "slightly less than",
                     "slightly below", "not too far from", "not far from"), "under"),
    **dict.fromkeys(("more than", "over", "at least", "upwards of", "in excess of", "above",
                     "not less than", "no less than", "no fewer than", "not fewer than",
                     "well over", "just over", "a little over", "a little more than",
                     "slightly over", "slightly more than", "slightly above"), "over"),
    **dict.fromkeys(("not more than", "no more than", "up to", "less than", "fewer than",
                     "at most", "under", "below", "well under"), "at most"),
    **dict.fromkeys(("only", "just"), ""),
}
QUALIFIERS = tuple(sorted(HEDGES, key=len, reverse=True))  # longest first in the pattern
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
