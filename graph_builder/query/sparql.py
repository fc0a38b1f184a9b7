"""SPARQL over a built graph: open it, run a query, format the answer.

``open_store`` (from ``graph_builder.query.store``) opens a build folder's persistent
store, made on first use, or loads a graph file into memory. Oxigraph answers;
rdflib is not used here because at corpus scale it is an order of magnitude
slower to parse and to join. Results go out as a readable table for people, or
in the W3C SPARQL 1.1 result formats (JSON, CSV, TSV) for programs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import QueryError
from graph_builder.query.guard import check_query
from graph_builder.query.store import GRAPH_FORMATS, first_line, graph_file, unreadable
from graph_builder.query.store import (
    open_store as open_store,  # re-exported: callers import it here
)
from ontology import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_RESULTS_FORMAT = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_TABLE_CELL = 80


def read_triples(source: Path) -> list[ox.Quad]:
    """The triples of a build folder or graph file exactly as written."""
    path = graph_file(source)
    try:
        return [ox.Quad(q.subject, q.predicate, q.object) for q in
                ox.parse(path=str(path), format=GRAPH_FORMATS[path.suffix.lower()])]
    except (SyntaxError, ValueError, OSError, MemoryError) as exc:
        raise QueryError(unreadable(path, exc)) from exc


@dataclass
class QueryAnswer:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples."""

    kind: str  # "select", "ask" or "graph"
    value: object


def prologue() -> str:
    """PREFIX lines for the project's prefixes, for SPARQL text that must stand alone
    (run by rdflib, say); on our stores `ask` predeclares them instead."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def ask(store: ox.Store, sparql: str):
    """``store.query`` with the project prefixes predeclared, so queries can write
    ``schema:name`` and the parser's line:column still points into the text given."""
    return store.query(sparql, prefixes=PREFIXES)


def run_query(store: ox.Store, sparql: str, *, allow_service: bool = False) -> QueryAnswer:
    """Run a SPARQL query (the project prefixes predeclared); updates are refused, and so
    are SERVICE calls to other endpoints unless ``allow_service`` (see `sparql_guard`)."""
    check_query(sparql, allow_service=allow_service)
    try:
        result = ask(store, sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {first_line(exc)}") from exc
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {first_line(exc)}") from exc
    if isinstance(result, ox.QuerySolutions):
        return QueryAnswer("select", result)
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer("ask", result)
    return QueryAnswer("graph", list(result))


def format_answer(answer: QueryAnswer, fmt: str) -> str:
    """The answer as text in one of RESULT_FORMATS.

    Oxigraph evaluates SELECT lazily, so a failure half-way (a SERVICE endpoint
    that does not answer, say) surfaces here, as a QueryError like any other.
    """
    try:
        return _format(answer, fmt)
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {first_line(exc)}") from exc


def _format(answer: QueryAnswer, fmt: str) -> str:
    if answer.kind == "graph":
        data = ox.serialize(answer.value, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return data.decode("utf-8")
    if answer.kind == "ask":
        if fmt == "table":
            return "yes\n" if bool(answer.value) else "no\n"
        return _serialize_results(answer.value, fmt)
    if fmt == "table":
        return format_table(answer.value)
    return _serialize_results(answer.value, fmt)


def _serialize_results(results: object, fmt: str) -> str:
    buffer = io.BytesIO()
    results.serialize(buffer, format=_RESULTS_FORMAT[fmt])  # type: ignore[attr-defined]
    return buffer.getvalue().decode("utf-8")


def short_term(node: object) -> str:
    """A term as a person reads it: prefixed IRIs, bare literal values."""
    if node is None:
        return ""
    if isinstance(node, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if node.value.startswith(iri):
                return f"{prefix}:{node.value[len(iri):]}"
        return node.value
    if isinstance(node, ox.Literal):
        return node.value
    return str(node)


def format_table(solutions: ox.QuerySolutions) -> str:
    """Aligned columns, long values cut with an ellipsis, and a row count."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(short_term(row[name])) for name in names] for row in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _TABLE_CELL else flat[: _TABLE_CELL - 1] + "…"
