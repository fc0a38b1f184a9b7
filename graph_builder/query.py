"""SPARQL over a built graph: open it, run a query, format the answer.

Oxigraph answers; rdflib is not used here because at corpus scale it is an
order of magnitude slower to parse and to join. Results go out as a readable
table for people, or in the W3C SPARQL 1.1 result formats (JSON, CSV, TSV)
for programs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import QueryError
from ontology import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_RESULTS_FORMAT = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_GRAPH_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                   ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                   ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}
_TABLE_CELL = 80


def graph_file(source: Path) -> Path:
    """The graph file of a build folder, or the file itself."""
    path = source / "graph.ttl" if source.is_dir() else source
    if not path.exists():
        hint = ("run 'claimgraph build CORPUS --out DIR' first" if source.is_dir() or not
                source.suffix else "check the path")
        raise QueryError(f"{path}: no graph found; {hint}.")
    if path.suffix.lower() not in _GRAPH_SUFFIXES:
        raise QueryError(f"{path}: unknown graph format '{path.suffix}'. Available: "
                         f"{', '.join(sorted(_GRAPH_SUFFIXES))}")
    return path


def open_store(source: Path) -> ox.Store:
    """An in-memory store loaded from a build folder or a graph file, for SPARQL.

    The store keeps values, not spellings: Oxigraph stores "4"^^xsd:positiveInteger
    as the integer 4. Exports therefore read triples with ``read_triples`` instead.
    """
    path = graph_file(source)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=_GRAPH_SUFFIXES[path.suffix.lower()])
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(_unreadable(path, exc)) from exc
    return store


def read_triples(source: Path) -> list[ox.Quad]:
    """The triples of a build folder or graph file exactly as written."""
    path = graph_file(source)
    try:
        return [ox.Quad(q.subject, q.predicate, q.object) for q in
                ox.parse(path=str(path), format=_GRAPH_SUFFIXES[path.suffix.lower()])]
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(_unreadable(path, exc)) from exc


def _unreadable(path: Path, exc: Exception) -> str:
    return (f"{path}: cannot be read as RDF ({_first_line(exc)}). Rebuild it with "
            "'claimgraph build'.")


@dataclass
class QueryAnswer:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples."""

    kind: str  # "select", "ask" or "graph"
    value: object


def prologue() -> str:
    """PREFIX lines for the project's prefixes, so users can write schema:name directly."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def run_query(store: ox.Store, sparql: str) -> QueryAnswer:
    """Run a SPARQL query (the project prefixes predeclared); updates are refused."""
    try:
        result = store.query(prologue() + sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {_first_line(exc)}") from exc
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc
    if isinstance(result, ox.QuerySolutions):
        return QueryAnswer("select", result)
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer("ask", result)
    return QueryAnswer("graph", list(result))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def format_answer(answer: QueryAnswer, fmt: str) -> str:
    """The answer as text in one of RESULT_FORMATS."""
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
