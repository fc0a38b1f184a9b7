"""The realm a ruler's name is written with: "Frederick IV of Denmark".

Rulers share names and numerals across realms (Frederick IV of Denmark and Duke
Frederick IV of Holstein-Gottorp fought one war), so a regnal name alone is no
identity: the realm written after it is. Two regnal forms with different realms
are two people; a form without one belongs to the ruler of that name when the
corpus knows only one realm for it. Only the shape "of Capitalised Words" is read,
never a list of realms, so it holds for any country.
"""

from __future__ import annotations

import re

# " of Denmark", " of Holstein-Gottorp", " of the Two Sicilies" (a capitalised name or two)
# (a line break may fall anywhere in it, as in a hard-wrapped page)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_REALM_RE = re.compile(rf"{_GAP}of{_GAP}(?:the{_GAP})?([A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*"
                       rf"(?:{_GAP}[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*)?)")


def realm_after(text: str, end: int) -> str:
    """The realm written right after a regnal name ending at ``end``, or ""."""
    match = _REALM_RE.match(text, end)
    return match[1] if match else ""


def regnal_stem(family: str) -> str:
    """"Frederick IV" -> "Frederick": the name a ruler is also called by alone."""
    return family.rsplit(" ", 1)[0] if " " in family else family
