"""One SPARQL query answered the way the SPARQL 1.1 Protocol asks, for the endpoint.

Refuses what a read-only endpoint must not do (updates, ``SERVICE``), runs the
query with the project prefixes predeclared, picks the media type from the
Accept header (W3C SPARQL 1.1 Protocol, section 2.1; content negotiation as in
RFC 9110, section 12.5.1) and serializes at most ``max_rows`` rows or triples.
Runs inside the query worker process (`graph_builder.serve_worker`).
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass

import pyoxigraph as ox

from graph_builder.query import ask
from ontology import PREFIXES

#: Media types offered for SELECT and ASK results; the first is the default.
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Media types offered for CONSTRUCT and DESCRIBE results; the first is the default.
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Older or looser names clients send (SPARQLWrapper asks for application/turtle).
_RESULT_ALIASES = {"application/json": "application/sparql-results+json",
                   "application/xml": "application/sparql-results+xml",
                   "text/xml": "application/sparql-results+xml"}
_GRAPH_ALIASES = {"application/json": "application/ld+json", "application/turtle":
                  "text/turtle", "application/x-turtle": "text/turtle",
                  "text/plain": "application/n-triples"}
_XSD_STRING = ox.Literal("").datatype
# Strings, IRIs and comments, in the order a SPARQL lexer meets them, so that a
# keyword inside one of them is not taken for the keyword itself.
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                       r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)", re.IGNORECASE)
_UPDATE_START = re.compile(r"\s*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                           re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    """One HTTP answer to a query: status, media type, body, and whether rows were cut."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    store: str = ""  # "memory" or "disk": which store answered (set by the worker)


def text_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _code(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out (\\u escapes decoded first)."""
    return _NOT_CODE.sub(" ", _CODEPOINT.sub(_codepoint, sparql))


def _codepoint(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else " "


def looks_like_update(sparql: str) -> bool:
    """True when the first keyword after the PREFIX and BASE lines starts a SPARQL Update."""
    code, position = _code(sparql), 0
    while match := _PROLOGUE.match(code, position):
        position = match.end()
    return _UPDATE_START.match(code, position) is not None


def negotiate(accept: str | None, offers: dict, aliases: dict) -> str | None:
    """The offered media type the Accept header likes best (ties: the client's order)."""
    ranges = []
    for order, part in enumerate((accept or "*/*").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, order, aliases.get(media.lower(), media.lower())))
    for _, _, media in sorted(ranges):
        for offer in offers:
            if media in (offer, "*/*") or (media.endswith("/*") and offer.startswith(media[:-1])):
                return offer
    return None


def answer(store: ox.Store, sparql: str, accept: str | None, max_rows: int) -> Reply:
    """Run one read-only query and serialize its result for the client."""
    if _SERVICE.search(_code(sparql)):
        return text_reply(403, "SERVICE (federated query) is refused: this endpoint answers "
                               "from its own graph only.")
    try:
        result = ask(store, sparql)
    except SyntaxError as exc:
        if looks_like_update(sparql):
            return text_reply(403, "SPARQL Update is refused: this endpoint is read-only.")
        return text_reply(400, f"SPARQL syntax error: {exc}")
    except (ValueError, OSError) as exc:
        return text_reply(400, f"query failed: {exc}")
    graph = isinstance(result, ox.QueryTriples)
    offers = GRAPH_TYPES if graph else RESULT_TYPES
    media = negotiate(accept, offers, _GRAPH_ALIASES if graph else _RESULT_ALIASES)
    if media is None:
        kind = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
        return text_reply(406, f"No acceptable media type for a {kind} result in Accept "
                               f"'{accept}'. Available: {', '.join(offers)}")
    try:
        if graph:
            body, truncated = _triples(result, offers[media], max_rows)
        elif isinstance(result, ox.QueryBoolean):
            body, truncated = result.serialize(format=offers[media]), False
        else:
            body, truncated = _solutions(result, offers[media], max_rows)
    except (ValueError, OSError) as exc:  # evaluation is lazy: errors surface while reading
        return text_reply(400, f"query failed: {exc}")
    charset = "" if media.endswith("+xml") else "; charset=utf-8"  # XML says it itself
    return Reply(200, media + charset, body, truncated)


def _triples(triples: ox.QueryTriples, fmt: ox.RdfFormat, max_rows: int) -> tuple[bytes, bool]:
    kept = list(itertools.islice(triples, max_rows + 1))
    return ox.serialize(kept[:max_rows], format=fmt, prefixes=PREFIXES), len(kept) > max_rows


def _solutions(solutions: ox.QuerySolutions, fmt: ox.QueryResultsFormat,
               max_rows: int) -> tuple[bytes, bool]:
    """At most `max_rows` solutions: written as SPARQL JSON, re-read for the other formats.

    pyoxigraph serializes a whole result or nothing, so the kept rows are
    written here and its own writers do the XML, CSV and TSV.
    """
    names = [variable.value for variable in solutions.variables]
    rows = list(itertools.islice(solutions, max_rows + 1))
    document = {"head": {"vars": names}, "results": {"bindings": [
        {name: _json_term(row[name]) for name in names if row[name] is not None}
        for row in rows[:max_rows]]}}
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    if fmt != ox.QueryResultsFormat.JSON:
        data = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(
            format=fmt)
    return data, len(rows) > max_rows


def _json_term(term: object) -> dict:
    """One RDF term in the SPARQL 1.1 Query Results JSON Format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    if not isinstance(term, ox.Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
        if term.direction:
            encoded["its:dir"] = term.direction
    elif term.datatype != _XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded
