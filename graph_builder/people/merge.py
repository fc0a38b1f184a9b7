"""Joining two person records into one, and pointing everything at the one kept.

Resolution sometimes learns only late that two records are one person (a
nickname the corpus ties to a full name, a misspelt family name, a form with
given name and patronymic). The record kept takes over the other's spellings,
each with the reason for the join, so ``cg:mergeReason`` shows every join and a
wrong one can be undone; whatever pointed at the other record (works' authors,
biographies, speaker labels, mentions, life dates) is pointed at the kept one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph_builder.people.names import given_tokens, richer_given

if TYPE_CHECKING:
    from graph_builder.records import PersonEntity, Resolution


def absorb_person(keep: PersonEntity, gone: PersonEntity, reason: str) -> None:
    """``keep`` takes ``gone``'s spellings (with ``reason``), documents, dates, given names."""
    for form in sorted(gone.surface_forms):
        if form not in keep.surface_forms and form not in keep.merge_reasons:
            keep.merge_reasons[form] = gone.merge_reasons.get(form, reason)
    for form, why in gone.merge_reasons.items():
        keep.merge_reasons.setdefault(form, why)
    if gone.display not in keep.surface_forms and gone.display != keep.display:
        keep.merge_reasons.setdefault(gone.display, reason)
    keep.surface_forms |= gone.surface_forms
    keep.documents |= gone.documents
    keep.born, keep.died = keep.born or gone.born, keep.died or gone.died
    if gone.given and keep.given:
        keep.given = richer_given(keep.given, gone.given)
    keep.given = keep.given or gone.given


def which_to_keep(a: PersonEntity, b: PersonEntity) -> tuple[PersonEntity, PersonEntity]:
    """(kept, absorbed): the dated record, else the one with fuller given names, else the
    one with more spellings, else the one whose key sorts first (a stable choice)."""
    def rank(p: PersonEntity) -> tuple:
        tokens = given_tokens(p.given)
        return (bool(p.born or p.died), sum(len(t) > 1 for t in tokens), len(tokens),
                len(p.surface_forms), [-ord(c) for c in p.key])
    return (a, b) if rank(a) >= rank(b) else (b, a)


def final_key(moved: dict[str, str], key: str) -> str:
    """Where ``key`` ended after any chain of joins."""
    seen = set()
    while key in moved and key not in seen:
        seen.add(key)
        key = moved[key]
    return key


def redirect(resolution: Resolution, moved: dict[str, str]) -> None:
    """Point every person key of ``resolution`` that was absorbed at the record kept."""
    if not moved:
        return

    def to(key: str) -> str:
        return final_key(moved, key)

    for work in resolution.works.values():
        work.authors = list(dict.fromkeys(map(to, work.authors)))
        work.editors = list(dict.fromkeys(map(to, work.editors)))
        work.translators = list(dict.fromkeys(map(to, work.translators)))
    resolution.biographies = [(d, to(k), b) for d, k, b in resolution.biographies]
    resolution.speaker_of_claim = {c: to(k) for c, k in resolution.speaker_of_claim.items()}
    resolution.person_mentions = [m if m.person not in moved else replace(m, person=to(m.person))
                                  for m in resolution.person_mentions]
    resolution.life_dates = [(d, to(k), s) for d, k, s in resolution.life_dates]
