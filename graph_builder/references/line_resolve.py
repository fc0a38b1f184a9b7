"""Complete a compilation's citation lines from the ones above them.

A compilation closes each quotation with a citation line, and its compiler, like a
scholar's notes, prints a work in full once and then abbreviates it: "Ibid., p. 14"
repeats the line above, and a short form ("Pollard, Mills of the Upper Calder,
p. 40") names an earlier full line by its author's family name and the start of its
title. Parsed alone, "Ibid." cites nothing and a short form cites a work without
its year, given names or imprint (or, read as names, a work by its title's words).
This walks one document's citation lines in print order and completes them as
``note_resolve`` completes notes, with the same title test; what it cannot
complete is kept as parsed, because a short form matched to the wrong work would
send its quotation to be checked against the wrong source.
"""

from __future__ import annotations

from graph_builder.people.names import family_key
from graph_builder.records import Citation, InputWarning, PersonName, Reference
from graph_builder.references import parse_reference
from graph_builder.references.citation_lines import ShortForm, is_ibid, short_form
from graph_builder.references.note_resolve import Known, title_fits, title_words, with_pages

__all__ = ["resolve_lines"]


def resolve_lines(citations: list[Citation], warnings: list[InputWarning]) -> None:
    """Give each citation line (no reference yet) of one document its reference, in
    print order: "Ibid." the reference above it, a short form the earlier full
    reference it abbreviates, every other line its own parse."""
    previous: Reference | None = None
    known: list[Known] = []
    for citation in sorted(citations, key=lambda c: c.span.start):
        ref = parse_reference(citation.text)
        if is_ibid(citation.text):
            if previous is not None:
                ref = with_pages(previous, ref.pages or previous.pages)
                citation.resolved_from = "ibid"
            else:
                warnings.append(InputWarning(
                    citation.doc_id, citation.line, f"'{citation.text}' has no citation line "
                    "above it to repeat; kept as printed."))
        elif (short := short_form(citation.text)) is not None:
            full = _abbreviated(short.families[0], short.title, known)
            if full is not None:
                ref = with_pages(full, short.pages)
                citation.resolved_from = "short form"
            elif not short.year and len(short.title.split()) > 1:
                # no year: a short title, never an author-date's names; one word alone
                # may be a given name ("Hale, Thomas, p. 4"), so the parser reads it
                ref = _as_printed(citation.text, short)
        else:
            _remember(ref, known)
        citation.reference = ref
        previous = ref


def _abbreviated(family: str, title: str, known: list[Known]) -> Reference | None:
    """The latest earlier full reference with this first author whose title the short
    title starts (or follows word by word from its first word)."""
    family, short = family_key(family), title_words(title)
    for entry in reversed(known):
        if family in entry.families and any(title_fits(short, t) for t in entry.titles):
            return entry.reference
    return None


def _as_printed(text: str, short: ShortForm) -> Reference:
    """A short form no earlier line completes, read as its shape says: the family names
    of its authors, its short title and the page ("Cole, Fen Drainage, p. 40" is read
    as three names by a parser that has never seen it printed in full)."""
    return Reference(text=text, authors=tuple(PersonName(f) for f in short.families),
                     title=short.title, pages=short.pages,
                     warnings=("short form with no full reference above it", "no year"))


def _remember(ref: Reference, known: list[Known]) -> None:
    creators = ref.authors or ref.editors
    if ref.ok and ref.title and creators:
        known.append(Known({family_key(creators[0].family)}, [title_words(ref.title)], ref))
