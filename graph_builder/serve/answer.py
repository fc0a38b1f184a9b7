"""One SPARQL query answered the way the SPARQL 1.1 Protocol asks, for the endpoint.

Runs the query with the project prefixes predeclared, refuses updates (403),
picks the media type from the Accept header (W3C SPARQL 1.1 Protocol, section
2.1; content negotiation as in RFC 9110, section 12.5.1) and serializes at most
``max_rows`` rows or triples in at most ``max_bytes`` bytes; an answer cut by
either is flagged. Runs inside the query worker process
(`graph_builder.serve.process`), after the server has refused SERVICE and deep
nesting (`graph_builder.query.guard`) and with the worker's memory watched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from graph_builder.query.sparql import ask
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
#: Bytes one answer holds at most by default; a longer one is cut and flagged.
DEFAULT_MAX_BYTES = 64 << 20


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


def over_memory(limit: int) -> Reply:
    """503 for a query stopped because its worker passed the memory limit (bytes)."""
    return text_reply(503, f"The query needed more memory than the limit of {limit >> 20} MB "
                           "allows and was stopped. Add a LIMIT or narrow the patterns (the "
                           "limit is set with 'claimgraph serve --memory-limit').")


def over_time(timeout: float) -> Reply:
    """503 for a query stopped because it ran past the time limit (seconds)."""
    return text_reply(503, f"The query ran longer than the time limit of {timeout:g} s and "
                           "was stopped. Add a LIMIT or narrow the patterns (the limit is set "
                           "with 'claimgraph serve --timeout').")


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


def answer(store: ox.Store, sparql: str, accept: str | None, max_rows: int,
           max_bytes: int = DEFAULT_MAX_BYTES) -> Reply:
    """Run one read-only query and serialize its result for the client."""
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
            body, truncated = _triples(result, offers[media], max_rows, max_bytes)
        elif isinstance(result, ox.QueryBoolean):
            body, truncated = result.serialize(format=offers[media]), False
        else:
            body, truncated = _solutions(result, offers[media], max_rows, max_bytes)
    except (ValueError, OSError) as exc:  # evaluation is lazy: errors surface while reading
        return text_reply(400, f"query failed: {exc}")
    charset = "" if media.endswith("+xml") else "; charset=utf-8"  # XML says it itself
    return Reply(200, media + charset, body, truncated)


def _triples(triples: ox.QueryTriples, fmt: ox.RdfFormat, max_rows: int,
             max_bytes: int) -> tuple[bytes, bool]:
    """At most `max_rows` triples, as many as fit in `max_bytes` once serialized."""
    kept, size, truncated = [], 0, False
    for triple in triples:
        size += len(str(triple).encode("utf-8")) + 1  # its N-Triples line: about its size
        if len(kept) == max_rows or size > max_bytes:
            truncated = True
            break
        kept.append(triple)
    body, count = _fit(lambda n: ox.serialize(kept[:n], format=fmt, prefixes=PREFIXES),
                       len(kept), max_bytes)
    return body, truncated or count < len(kept)


def _solutions(solutions: ox.QuerySolutions, fmt: ox.QueryResultsFormat, max_rows: int,
               max_bytes: int) -> tuple[bytes, bool]:
    """At most `max_rows` solutions in at most `max_bytes`: written as SPARQL JSON one row
    at a time (so a long answer stops at the cap), re-read for the other formats.

    pyoxigraph serializes a whole result or nothing, so the kept rows are
    written here and its own writers do the XML, CSV and TSV.
    """
    names = [variable.value for variable in solutions.variables]
    head = json.dumps({"head": {"vars": names}}, ensure_ascii=False).encode("utf-8")
    head = head[:-1] + b', "results": {"bindings": ['
    rows, size, truncated = [], len(head) + 3, False
    for solution in solutions:
        row = json.dumps({name: _json_term(solution[name]) for name in names
                          if solution[name] is not None}, ensure_ascii=False).encode("utf-8")
        size += len(row) + 2
        if len(rows) == max_rows or size > max_bytes:
            truncated = True
            break
        rows.append(row)

    def encode(count: int) -> bytes:
        data = head + b", ".join(rows[:count]) + b"]}}"
        if fmt == ox.QueryResultsFormat.JSON:
            return data
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(
            format=fmt)

    body, count = _fit(encode, len(rows), max_bytes)
    return body, truncated or count < len(rows)


def _fit(encode: Callable[[int], bytes], count: int, max_bytes: int) -> tuple[bytes, int]:
    """The first `count` items encoded, fewer when that is over `max_bytes` (XML and
    Turtle are longer than the size counted while reading): (bytes, items kept)."""
    while True:
        data = encode(count)
        if len(data) <= max_bytes or count == 0:
            return data, count
        count = min(count - 1, count * max_bytes // len(data))


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
