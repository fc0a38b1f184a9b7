"""Where a figure holds, when the text says: a capitalised name after "in", "of" or
"at" in the figure's clause ("in Smolensk", "of the Red Army").

Names of months, days and the sentence's first word are not places. Precision
over recall: a clause without such a name gives "".
"""

from __future__ import annotations

import re

from graph_builder.figures.not_figures import MONTHS

PLACE = re.compile(
    r"\b(?P<prep>[Ii]n|of|at|[Ww]ithin|[Tt]hroughout) (?:the )?"
    r"(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2})(?P<body> [a-z]+)?")
# after "of", a name is a place or body only when a noun of bodies ends it ("of the Red
# Army", "of the Moscow party organisation"), not a person's or a work's name
BODIES = frozenset([
    "party", "army", "navy", "committee", "organisation", "organization", "union", "church",
    "council", "soviet", "republic", "province", "region", "oblast", "district", "city",
    "county", "state", "kingdom", "empire", "government", "ministry", "fleet", "guard",
    "congress", "assembly", "parliament", "komsomol", "cpsu"])
CAPITALS_SHARE = 0.5  # a clause with more capitalised words than this is a headline
NOT_PLACES = frozenset({*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "i", "he", "she", "it", "we", "they", "this",
                        "that", "these", "those", "his", "her", "their", "our", "its"})
REACH = 90  # characters from the figure a place may lie


def place_near(text: str, clause: tuple[int, int], start: int, end: int) -> str:
    """The capitalised place or body nearest to the figure at ``[start, end)``
    within its clause, or ""."""
    best, best_distance = "", None
    lo, hi = max(clause[0], start - REACH), min(clause[1], end + REACH)
    words = text[clause[0]:clause[1]].split()
    if words and sum(w[0].isupper() for w in words) > CAPITALS_SHARE * len(words):
        return ""
    for m in PLACE.finditer(text, lo, hi):
        name = m.group("name")
        body = (m.group("body") or "").strip()
        if body in BODIES:
            name = f"{name} {body}"
        elif m.group("prep") == "of" and name.split()[-1].lower().strip("’'s") not in BODIES:
            continue
        if name.split()[0].lower().strip("’'") in NOT_PLACES:
            continue
        name = re.sub(r"[’']s$", "", name)
        # a lower-case word after the name is part of it only as a body ("Moscow party")
        name_end = m.end("body") if body in BODIES else m.end("name")
        distance = start - name_end if name_end <= start else m.start() - end
        if distance < 0:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = name, distance
    return best
