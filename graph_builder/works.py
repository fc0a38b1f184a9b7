"""Work identity: when two references cite one work, and how works nest.

A work is one work however it is cited: the compilations' "Getty, A. Origins
of the Great Purges ... 1985", a note's "J. Arch Getty, *Origins of the Great
Purges: The Soviet Communist Party Reconsidered, 1933–1938* (New York, 1985)"
and its short forms meet on the same creators, the same main title (the part
before a subtitle's colon) and the same year. Archival references form a chain
archive -> fond -> opis -> delo -> folio, each level a work of its own nested
in the one above, so that what is cited from one fond is one query away.
"""

from __future__ import annotations

from dataclasses import replace

from graph_builder.people.names import fold
from graph_builder.records import Document, Reference, Resolution, WorkEntity
from graph_builder.support.text_patterns import MONTH_NAMES

# Archival levels as Russian archives number them, with the abbreviation printed
# in shelfmarks: fond (collection), opis' (inventory), delo (file), list (folio).
ARCHIVE_LEVELS = (("fond", "f."), ("opis", "op."), ("delo", "d."), ("folio", "l."))
_MIN_MAIN_TITLE = 8  # "1937: Stalin, NKVD ..." keeps its subtitle: "1937" alone says too little


def main_title(title: str) -> str:
    """The title without its subtitle, folded: the part editions and short forms share."""
    head, sep, _ = title.partition(":")
    if sep and len(head.strip()) >= _MIN_MAIN_TITLE and len(head.split()) >= 2:
        return fold(head)
    return fold(title)


def work_key(ref: Reference, person_keys: list[str]) -> str:
    """The key of the (non-archival) work a reference cites."""
    creators = ",".join(sorted(person_keys)) or fold(ref.organization)
    return f"{creators}|{main_title(ref.title)}|{ref.year}"


def is_archival(ref: Reference) -> bool:
    return not ref.title and bool(ref.archive_location)


def archival_chain(result: Resolution, ref: Reference, doc_id: str) -> str:
    """Add the archive and each level of the shelfmark as nested works; the most
    specific level's key is what the citation cites."""
    archive = ref.archive or "unnamed archive"
    holding = key = f"archive|{fold(archive)}"
    _ensure(result, WorkEntity(key=key, kind="archive", title=archive), doc_id)
    levels = [(level, abbr, getattr(ref, level)) for level, abbr in ARCHIVE_LEVELS]
    if not any(value for _, _, value in levels):  # a shelfmark we could not take apart
        return _ensure(result, WorkEntity(
            key=f"{key}|{fold(ref.archive_location)}", kind="archival",
            title=f"{archive}, {ref.archive_location}", holding=holding), doc_id)
    name, container = archive, ""  # the archive holds the top level; it contains no work
    for level, abbr, value in levels:
        if value:
            if level == "folio" and any(mark in value for mark in ",–-"):
                abbr = "ll."  # several folios
            name = f"{name}, {abbr} {value}"
            key = _ensure(result, WorkEntity(key=f"{key}|{level}:{fold(value)}", kind=level,
                                             title=name, container=container, holding=holding),
                          doc_id)
            container = key
    return key


def is_archival_document(ref: Reference) -> bool:
    """A document described by its title at a shelfmark ("Memo from ... to ..., 17 July
    1947, RGANI, fond 89, ...")."""
    return ref.kind == "archival" and bool(ref.title and ref.archive_location)


def archival_document(result: Resolution, ref: Reference, doc_id: str, authors: list[str],
                      addressees: list[str]) -> str:
    """The document a reference describes, at its shelfmark: named by its title, with its
    day, sender and addressees, part of the file that holds it (the folio is where in
    the file: the citation's locator). One document however often cited: the same
    title and day in the same file."""
    file_key = archival_chain(result, replace(ref, folio=""), doc_id)
    key = f"{file_key}|document:{fold(ref.title)}|{ref.date or ref.year}"
    work = result.works.get(key)
    if work is None:
        work = result.works[key] = WorkEntity(
            key=key, kind="archival-document", title=ref.title, year=ref.year, date=ref.date,
            authors=authors, addressees=addressees, container=file_key,
            holding=f"archive|{fold(ref.archive or 'unnamed archive')}")
    work.title_forms[ref.title] += 1
    work.documents.add(doc_id)
    return key


def _ensure(result: Resolution, work: WorkEntity, doc_id: str) -> str:
    """The work under its key, added if new; ``doc_id`` cites it."""
    work = result.works.setdefault(work.key, work)
    work.documents.add(doc_id)
    return work.key


def container_key(result: Resolution, ref: Reference, doc_id: str) -> str:
    """The journal's or newspaper's issue, or the edited volume, a reference's work is
    part of (an issue is part of its periodical, see ``issue_key``); the document citing
    it is recorded, as for any work, for its provenance."""
    key = f"container|{main_title(ref.container_title)}"
    if key not in result.works:
        kind = "periodical" if ref.kind in ("article", "newspaper") else "book"
        result.works[key] = WorkEntity(key=key, kind=kind, title=ref.container_title)
    result.works[key].documents.add(doc_id)
    if result.works[key].kind == "periodical":
        return issue_key(result, key, ref, doc_id)
    return key


def issue_key(result: Resolution, periodical: str, ref: Reference, doc_id: str) -> str:
    """The issue of the periodical a reference names, as schema.org models it: a
    PublicationIssue (its number, its day) part of the one Periodical. One issue
    however often cited: by its day, else by year, volume and number. A reference
    that names neither number nor day ("Slavic Review 45 (1986)") is part of the
    periodical itself."""
    if not (ref.issue or ref.date):
        return periodical
    number = " ".join(ref.issue.replace("–", "-").split())
    ident = ref.date or f"{ref.year}|{fold(ref.volume)}|{number}"
    key = f"{periodical}|issue:{ident}"
    if key not in result.works:
        name = result.works[periodical].title
        parts = [name] + ([f"vol. {ref.volume}"] if ref.volume else [])
        parts += [f"no{'s' if '-' in number else ''}. {number}"] if number else []
        parts += [printed_date(ref.date) if ref.date else ref.year] if ref.date or ref.year else []
        result.works[key] = WorkEntity(key=key, kind="issue", title=", ".join(parts),
                                       year=ref.year, volume=ref.volume, issue=number,
                                       date=ref.date, container=periodical)
    result.works[key].documents.add(doc_id)
    return key


def printed_date(iso: str) -> str:
    """'1938-08-07' -> '7 August 1938'."""
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTH_NAMES[int(month) - 1]} {year}"


def link_documents(result: Resolution, documents: list[Document]) -> None:
    """A cited work that is itself a document of the corpus gets that document as its
    example: same main title as the document's title line, and an author of the
    work named on the document's first page."""
    by_title: dict[str, list[WorkEntity]] = {}
    for work in result.works.values():
        if work.authors or work.editors:
            by_title.setdefault(main_title(work.title), []).append(work)
    for doc in documents:
        front = fold(doc.text[:3000])
        for work in by_title.get(main_title(doc.title), []):
            families = [result.persons[k].family for k in work.authors + work.editors
                        if k in result.persons]
            if any(f" {fold(family)} " in f" {front} " for family in families):
                work.examples.add(doc.doc_id)
