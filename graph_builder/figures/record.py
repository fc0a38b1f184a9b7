"""What a figure is: a number printed in a claim, normalised, with what it counts.

Kept apart from the reading and grouping so that the build and the per-document
parts can carry figures without importing the readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_builder.records import Span

COUNT, SHARE = "count", "share"  # a number of things; a part of a whole, 0-1


@dataclass(frozen=True)
class Figure:
    """One figure as printed in ``doc_id`` and what the text says it measures.

    ``span`` covers the figure as printed, its qualifier included ("nearly
    one-third", "between 20,000 and 100,000"), and ``printed`` is that text.
    ``value`` is normalised: a share from 0 to 1, or a count; for a range its
    midpoint, with ``low`` and ``high`` (for a single value both equal it).
    ``qualifier`` is the hedge as printed, lower-cased ("about", "more than", "");
    ``measure`` a readable label of what is counted ("members expelled from the
    party"), ``thing`` its head noun, singular ("member"), and ``event`` the
    verb or noun of the event counted, as a lemma ("expel", "purge", "arrest",
    "shoot"; "" when the text names none). ``time`` is the year or years it
    refers to ("1921", "1937-1938"; "" when unknown) and ``time_from`` where that
    came from ("sentence", "paragraph", "heading"). ``place`` is the place or body
    where stated ("Leningrad", "the party"). ``total`` is the whole a share is of,
    where the text gives it as a count ("of its 650,000 members"), else None.
    ``claim`` is the Claim.key of the claim that states it. ``restates`` is the key
    of the figure printed right before it that it restates in the other unit
    ("170,000 (11%)", "11 per cent, or 170,000"), else ""."""

    doc_id: str
    span: Span
    printed: str
    kind: str
    value: float
    low: float
    high: float
    qualifier: str = ""
    measure: str = ""
    thing: str = ""
    event: str = ""
    time: str = ""
    time_from: str = ""
    place: str = ""
    total: float | None = None
    claim: str = ""
    restates: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc_id}|{self.span.start}|{self.span.end}"
