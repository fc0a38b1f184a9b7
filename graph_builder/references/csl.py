"""A parsed Reference as CSL-JSON, the exchange format of Zotero, pandoc and AnyStyle.

Follows the CSL 1.0.2 data schema (csl-data.json): names as ``family``/``given``
objects (a corporate author as ``literal``), dates as ``issued.date-parts``,
pages as printed in ``page``. CSL has no archival item type, so an archival
reference is a ``manuscript`` with ``archive`` and ``archive_location``, the
mapping Zotero uses for archival documents.
"""

from __future__ import annotations

from graph_builder.records import PersonName, Reference

CSL_TYPES = {
    "book": "book",
    "article": "article-journal",
    "chapter": "chapter",
    "newspaper": "article-newspaper",
    "archival": "manuscript",
    "webpage": "webpage",
    "document": "document",
    "unknown": "document",
}

# Reference attribute -> CSL variable, for the plain string fields.
_STRING_FIELDS = (
    ("title", "title"),
    ("container_title", "container-title"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("pages", "page"),
    ("publisher", "publisher"),
    ("place", "publisher-place"),
    ("archive", "archive"),
    ("archive_location", "archive_location"),
)


def _names(names: tuple[PersonName, ...]) -> list[dict[str, str]]:
    return [{"family": n.family, **({"given": n.given} if n.given else {})} for n in names]


def to_csl(ref: Reference, item_id: str) -> dict[str, object]:
    """One CSL-JSON item; empty fields are left out, as CSL processors expect."""
    item: dict[str, object] = {"id": item_id, "type": CSL_TYPES.get(ref.kind, "document")}
    authors = _names(ref.authors)
    if ref.organization:
        authors.append({"literal": ref.organization})
    for variable, names in (("author", authors), ("editor", _names(ref.editors)),
                            ("translator", _names(ref.translators))):
        if names:
            item[variable] = names
    for attribute, variable in _STRING_FIELDS:
        value = getattr(ref, attribute)
        if value:
            item[variable] = value
    if ref.date:  # a full day: a newspaper's issue, a dated document
        item["issued"] = {"date-parts": [[int(part) for part in ref.date.split("-")]]}
    elif ref.year:
        item["issued"] = {"date-parts": [[int(ref.year)]]}
    if ref.warnings:
        item["note"] = "claimgraph: " + "; ".join(ref.warnings)
    return item
