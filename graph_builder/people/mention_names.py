"""The pieces of a mention resolution reads: which form names its person on its own,
the family name to index under, the script it is written in, and how a mention
and a spelling are recorded on the person it went to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.people.mentions import Mention
from graph_builder.people.name_lexicon import CAPITAL_PARTICLES
from graph_builder.records import PersonEntity, PersonMention, PersonName, Span

_NAMED = frozenset({"full", "initials", "inverted", "regnal"})
# lower-case particles before the family name ("de la", "van der", "d’"): read a character
# at a time, since splitting a run of letters into words of one to three tried every split
_PARTICLE_RE = re.compile(r"^(?:[dD][’']|[a-z])(?:[dD][’']|[a-z]|\s)*(?=[A-ZÀ-Þ])")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def is_named(m: Mention) -> bool:
    """A form that names its person on its own (given names, initials, regnal ...)."""
    return m.kind in _NAMED or bool(m.given and m.family)


def family_of(mention: Mention) -> str:
    """The family name to index under: "de Saint-Just" -> "Saint-Just", and "De Witt" (a
    particle capitalised where no given name precedes it) -> "Witt", as "Johan de Witt"."""
    if mention.kind == "regnal":
        return mention.family
    family = mention.family.strip()
    first, _, rest = family.partition(" ")
    if first in CAPITAL_PARTICLES and rest and not mention.given:
        family = rest
    return _PARTICLE_RE.sub("", family) or mention.family


def name_of(mention: Mention) -> PersonName:
    """The mention's name as indexed: particles move to the given side, so
    "Louis Antoine de Saint-Just" keeps its display and meets "Saint-Just"."""
    family = family_of(mention)
    particle = mention.family[:len(mention.family) - len(family)].strip()
    return PersonName(family, f"{mention.given} {particle}".strip() if particle else mention.given)


def script_of(text: str) -> str:
    """"cyrillic" or "latin": a bare surname means someone its text names in its script."""
    return "cyrillic" if _CYRILLIC_RE.search(text) else "latin"


@dataclass
class Pending:
    """A named mention and the person it went to ("" while undecided), with why."""

    doc_id: str
    mention: Mention
    key: str = ""
    reason: str = ""


def resolved_mention(doc_id: str, m: Mention, key: str, reason: str) -> PersonMention:
    return PersonMention(doc_id, Span(m.start, m.end), m.text, key, m.kind, reason)


def join_spelling(person: PersonEntity, surface: str, doc_id: str, reason: str) -> str:
    """Record a spelling on a person it was resolved to, with why."""
    if surface not in person.surface_forms and surface not in person.merge_reasons:
        person.merge_reasons[surface] = reason
    person.surface_forms.add(surface)
    person.documents.add(doc_id)
    return person.key
