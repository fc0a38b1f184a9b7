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
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph_builder.people.index import PersonIndex
from graph_builder.people.mention_names import Pending
from graph_builder.people.mentions import Mention
from graph_builder.people.names import family_key
from graph_builder.records import PersonName

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


@dataclass
class Rulers:
    """Rulers by the name they are also called alone ("frederick" -> keys), the title
    each was written with, and where each document names them."""

    by_stem: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    named_at: dict[str, dict[str, list[tuple[int, str]]]] = field(
        default_factory=lambda: defaultdict(dict))
    realm_spans: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))

    def in_realm(self, doc_id: str, m: Mention) -> bool:
        return any(s <= m.start and m.end <= e for s, e in self.realm_spans.get(doc_id, ()))


def ruler_with_realm(people: PersonIndex, item: Pending, text: str, rulers: Rulers) -> None:
    """"Frederick IV of Denmark": the realm is part of who he is."""
    m = item.mention
    match_end = m.end
    realm = realm_after(text, match_end)
    if not realm:
        return  # decided in unqualified_rulers
    end = text.index(realm, match_end) + len(realm)
    rulers.realm_spans[item.doc_id].append((text.index(realm, match_end), end))
    item.key = people.add(PersonName(f"{m.family} of {realm}", ""), m.text, item.doc_id,
                          reason=f"ruler's name '{m.family}' with the realm '{realm}'")
    item.reason = f"ruler's name with its realm '{realm}'"
    note_ruler(rulers, item)


def note_ruler(rulers: Rulers, item: Pending) -> None:
    m = item.mention
    stem = family_key(regnal_stem(m.family))
    rulers.by_stem[stem].add(item.key)
    rulers.by_stem[family_key(m.family)].add(item.key)
    if m.title:
        rulers.titles[item.key].add(m.title.split()[-1].casefold())
    rulers.named_at[item.doc_id].setdefault(stem, []).append((m.start, item.key))


def unqualified_rulers(people: PersonIndex, pending: list[Pending], rulers: Rulers) -> None:
    """A ruler's name without a realm: the one ruler of that name with a realm, or, of
    several, the one its document has named most so far; else a person of its own."""
    for item in pending:
        m = item.mention
        if m.kind != "regnal" or item.key:
            continue
        same = sorted(rulers.by_stem.get(family_key(m.family), ()))
        key, reason = pick_ruler(same, rulers, item.doc_id, m)
        if not key:
            key = people.add(PersonName(m.family, ""), m.text, item.doc_id)
            reason = "named form: a ruler's name"
        item.key, item.reason = key, reason
        if key not in same:
            note_ruler(rulers, item)


def pick_ruler(keys: list[str], rulers: Rulers, doc_id: str, m: Mention) -> tuple[str, str]:
    if len(keys) == 1:
        return keys[0], "ruler's name: the one ruler of that name the corpus knows"
    title = m.title.split()[-1].casefold() if m.title else ""
    titled = [k for k in keys if title and title in rulers.titles.get(k, ())]
    if len(titled) == 1:
        return titled[0], f"ruler's name and title '{title}': the one ruler of that name so titled"
    before = Counter(k for pos, k in rulers.named_at[doc_id].get(
        family_key(regnal_stem(m.family)), []) if pos < m.start and k in keys)
    if before:
        most = max(before.values())
        first = [k for pos, k in rulers.named_at[doc_id][family_key(regnal_stem(m.family))]
                 if before.get(k) == most]
        return first[0], ("ruler's name: of the rulers of that name, the one its document has "
                          "named most so far (of those tied, the first)")
    return "", ""
