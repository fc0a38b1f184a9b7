"""The reader: one offline HTML page per source document, its text with every span the
graph holds for it highlighted, each linked to its node in the network view.

Person and topic mentions, claims (with the verdict of their quotation check),
reference strings (a claim's footnote citations lead to the footnote that holds
them and back), figures, the characters a quotation in another document was
matched in, and text another document reprints: all are ``oa:Annotation``s of
the store, so the page shows what SPARQL would find, at the characters where it
was found. The text is the document's as the pipeline read it (``texts``), since
``oa:start``/``oa:end`` index into it; a span whose characters there are not its
``oa:exact`` (a text changed since the build) is left out rather than misplaced.

Page fragments: ``#at=START-END`` (character offsets) and ``#node=<encoded IRI>``
(a claim, citation, figure, mention annotation, person, topic or work) scroll to
the span and mark it. Links to the view: ``<view_href>#node=<encoded IRI>``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from exports.reader_markup import text_markup
from exports.reader_page import render_page
from exports.reader_spans import LAYERS, VERDICTS, DocumentSpans, Span, document_spans
from graph_builder.errors import ExportError
from graph_builder.support.atomic import atomic_path, make_folder, os_reason

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_STEM_CHARS = 48


def write_readers(store: ox.Store, texts: dict[str, str], folder: Path, *,
                  view_href: str = "../graph.html") -> dict[str, str]:
    """Write ``folder/<identifier-safe>.html`` for each source document with a text.

    Returns identifier -> "<folder name>/<file>.html", the href the network page
    (written beside ``folder``) uses to open a document's reader. The same store
    and texts always give the same bytes; each page appears whole or not at all.
    """
    folder = Path(folder)
    docs = {iri: doc for iri, doc in document_spans(store).items() if doc.identifier in texts}
    files = {iri: reader_file(doc.identifier) for iri, doc in docs.items()}
    if not docs:
        return {}
    try:
        make_folder(folder)
    except OSError as err:
        raise ExportError(f"Cannot create the reader folder {folder}: {os_reason(err)}.") from err
    written = {}
    for iri in sorted(docs, key=lambda i: docs[i].identifier):
        doc = docs[iri]
        page = reader_html(doc, texts[doc.identifier], files, view_href=view_href)
        dest = folder / files[iri]
        try:
            with atomic_path(dest) as tmp:
                tmp.write_bytes(page.encode("utf-8"))
        except OSError as err:
            raise ExportError(f"Cannot write the reader {dest}: {os_reason(err)}. Check that "
                              "the folder is writable and has free space.") from err
        written[doc.identifier] = f"{folder.name}/{files[iri]}"
    return written


def reader_file(identifier: str) -> str:
    """A file name safe on every system for a document identifier (a corpus path).

    Readable (the identifier's own letters) and unique (a hash of the whole
    identifier), since two paths may differ only in characters dropped here.
    """
    stem = _UNSAFE.sub("_", identifier.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip("._")
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:8]
    return f"{stem[:_STEM_CHARS] or 'document'}-{digest}.html"


def reader_html(doc: DocumentSpans, text: str, files: dict[str, str], *,
                view_href: str = "../graph.html") -> str:
    """The reader page of `doc` as text; `files` names every reader by document IRI."""
    spans = placed_spans(doc.spans, text)
    markup = text_markup(text, [(s.start, s.end, s.layer, s.verdict) for s in spans])
    payload = _payload(doc, spans, files, view_href)
    counts = {layer: sum(s.layer == layer for s in spans) for layer in LAYERS}
    verdicts = {v: sum(s.verdict == v for s in spans) for v in (*VERDICTS, "checked")}
    return render_page(doc, markup, payload, counts, verdicts)


def placed_spans(spans: list[Span], text: str) -> list[Span]:
    """The spans that fit `text`, in page order: by start, longest first, outer layers first.

    A span whose characters differ from its ``oa:exact`` is dropped: the text is not
    the one the graph was built from, and a misplaced highlight would mislead.
    """
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    fits = [s for s in spans if 0 <= s.start < s.end <= len(text)
            and (not s.exact or text[s.start:s.end] == s.exact)]
    return sorted(fits, key=lambda s: (s.start, -s.end, rank[s.layer], s.annotation))


def _payload(doc: DocumentSpans, spans: list[Span], files: dict[str, str],
             view_href: str) -> dict:
    """What the page script needs: per span its layer, place and panel entry.

    Every byte here is parsed before the page is ready, and a book has ten
    thousand spans, so: spans are a flat list of numbers (layer, start less the
    previous span's start, length, entry); panel entries (``info``) are shared by
    all spans of one body (every mention of a person has the same one); IRIs are
    sent without the base they share (``base``); and annotation IRIs are not sent
    when they all read ``<annotation>START-END-…``, since the page can then find
    an annotation's span from its IRI alone (otherwise ``annotations`` lists them).
    """
    by_body: dict[str, int] = {}
    cites: dict[str, list[int]] = {}
    for i, span in enumerate(spans):
        by_body.setdefault(span.body, i)
        if span.layer == "citation" and span.citing:
            cites.setdefault(span.citing, []).append(i)
    short = _Shortener([s.node for s in spans] + [s.body for s in spans])
    info: list[dict] = []
    seen: dict[str, int] = {}
    of_body: dict[str, int] = {}  # a span's entry depends on its body alone
    flat: list[int] = []
    previous = 0
    for span in spans:
        if span.body not in of_body:
            entry = _entry(span, spans, doc, by_body, cites, files)
            entry["node"] = short(entry["node"])
            if span.body != span.node:
                entry["body"] = short(span.body)
            for link in entry.get("links", ()):
                if link[1] == "node":
                    link[2] = short(link[2])
            key = json.dumps(entry, sort_keys=True, ensure_ascii=False)
            if key not in seen:
                seen[key] = len(info)
                info.append(entry)
            of_body[span.body] = seen[key]
        flat += [LAYERS.index(span.layer), span.start - previous, span.end - span.start,
                 of_body[span.body]]
        previous = span.start
    payload = {"view": view_href, "base": short.base,
               "doc": {"iri": doc.iri, "id": doc.identifier, "title": doc.title},
               "layers": list(LAYERS), "spans": flat, "info": info}
    head = _annotation_head(spans)
    if head:
        payload["annotation"] = head
    else:
        payload["annotations"] = [s.annotation for s in spans]
    return payload


class _Shortener:
    """IRIs less the longest prefix (up to a "/" or "#") they share; the page adds it back
    to any IRI that does not start with a scheme."""

    def __init__(self, iris: list[str]) -> None:
        shared = _common_prefix([i for i in iris if i])
        cut = max(shared.rfind("/"), shared.rfind("#"))
        self.base = shared[:cut + 1] if cut > shared.find("//") + 1 else ""

    def __call__(self, iri: str) -> str:
        if not iri or not self.base or not iri.startswith(self.base):
            return iri
        rest = iri[len(self.base):]
        return iri if _SCHEME.match(rest) else rest


def _annotation_head(spans: list[Span]) -> str:
    """What every annotation IRI of the page has before its "START-END-" (the minted
    IRIs name the document, then the offsets); "" when they do not agree."""
    heads = set()
    for span in spans:
        at = span.annotation.find(f"-{span.start}-{span.end}-")
        heads.add(span.annotation[:at + 1] if at >= 0 else None)
    return heads.pop() if len(heads) == 1 and None not in heads else ""


def _entry(span: Span, spans: list[Span], doc: DocumentSpans, by_body: dict[str, int],
           cites: dict[str, list[int]], files: dict[str, str]) -> dict:
    """The panel of one span: label, node, verdict, rows, and links (to spans of this
    page, to nodes of the view, to other readers)."""
    links: list[list] = []
    if span.layer in ("claim", "passage"):
        for i in cites.get(span.body, ()):
            page = f", p. {spans[i].page}" if spans[i].page else ""
            links.append([f"Cites {spans[i].label}{page}", "span", i])
    if span.citing in by_body:
        links.append(["The claim that cites it", "span", by_body[span.citing]])
    if span.stated_in in by_body and span.stated_in != span.body:
        links.append(["The claim that states it", "span", by_body[span.stated_in]])
    for text, kind, target in span.links:
        if kind == "reader":
            other, iri = target.split("\n", 1)
            if other == doc.iri:
                if iri in by_body:
                    links.append([text, "span", by_body[iri]])
            elif other in files:
                links.append([text, "href", f"{files[other]}#node={encode_iri(iri)}"])
        else:
            links.append([text, kind, target])
    entry: dict = {"label": span.label, "node": span.node}
    if span.verdict:
        entry["verdict"] = span.verdict
    if span.rows:
        entry["rows"] = [list(r) for r in span.rows]
    if links:
        entry["links"] = links
    return entry


def encode_iri(iri: str) -> str:
    """An IRI as JavaScript's encodeURIComponent writes it, for #node= fragments."""
    return quote(iri, safe="-_.!~*'()")


def _common_prefix(names: list[str]) -> str:
    if not names:
        return ""
    low, high = min(names), max(names)
    size = 0
    while size < min(len(low), len(high)) and low[size] == high[size]:
        size += 1
    return low[:size]
