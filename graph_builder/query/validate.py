"""Check a built graph against the core profile's SHACL shapes (ontology/shapes.ttl).

pySHACL does the checking (W3C SHACL Core and SHACL-SPARQL,
https://www.w3.org/TR/shacl/). It runs on rdflib, so the graph is parsed by
Oxigraph, which is several times faster, and handed to rdflib term by term.
No inference is run: the shapes name every class they target, so it would
only add time (pySHACL's Oxigraph backend was tried too: far slower for Core
constraints, which read the graph a triple pattern at a time).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.plugins.sparql import prepareQuery

from graph_builder.errors import QueryError, ValidationError
from graph_builder.query.sparql import graph_file, read_triples

_EXAMPLES = 3
_XSD_STRING = str(XSD.string)


@dataclass(frozen=True)
class ShapeFailure:
    """The results of one shape: what is wrong, how often, and a few nodes where."""

    shape: str  # the shape as a prefixed name, e.g. "cgsh:Citation-cited"
    message: str
    count: int
    examples: tuple[str, ...]  # focus nodes, sorted, at most a few


@dataclass(frozen=True)
class ValidationReport:
    """What ``validate_graph`` found."""

    graph: Path  # the graph file checked
    conforms: bool
    triples: int
    seconds: float
    failures: tuple[ShapeFailure, ...]  # sorted by shape

    @property
    def problems(self) -> int:
        """The number of validation results (one per node and constraint that fails)."""
        return sum(f.count for f in self.failures)


def shapes_file() -> Path:
    """The packaged shapes, ontology/shapes.ttl."""
    return Path(str(files("ontology") / "shapes.ttl"))


def validate_graph(source: Path, shapes: Path | None = None,
                   examples: int = _EXAMPLES) -> ValidationReport:
    """Validate a build folder (its graph.ttl) or a graph file against ``shapes``
    (default: the packaged core-profile shapes)."""
    import pyshacl  # slow to import; only this command needs it
    from pyshacl.errors import ReportableRuntimeError

    started = time.perf_counter()
    try:
        path, triples = graph_file(source), read_triples(source)
    except QueryError as exc:
        raise ValidationError(str(exc)) from exc
    shapes = shapes or shapes_file()
    shapes_graph = _read_shapes(shapes)
    try:
        data = _rdflib_graph(triples)
    except TypeError as exc:
        raise ValidationError(f"{path}: {exc}; SHACL checks plain triples only. Validate the "
                              "graph without them.") from exc
    try:
        conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph,
                                                inference="none", inplace=True)
    except ReportableRuntimeError as exc:
        results = exc
    if isinstance(results, Exception):  # pySHACL returns a failure rather than raising it
        raise ValidationError(f"{shapes}: the shapes cannot be run ({_first_line(results)}). "
                              "Fix the shapes file (or reinstall claimgraph).")
    failures = _failures(results, shapes_graph, examples)
    return ValidationReport(path, bool(conforms), len(triples), time.perf_counter() - started,
                            failures)


class _PreparedGraph(Graph):
    """An rdflib graph that parses each SPARQL text once.

    pySHACL runs a SPARQL constraint once per focus node, passing the same text
    each time; rdflib would parse it every time, which costs thirty times more
    than answering it (over three minutes instead of seconds on the corpus's
    18,000 annotation targets).
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared(text: str):
    return prepareQuery(text)


def _rdflib_graph(triples: list[ox.Quad]) -> Graph:
    """The triples as an rdflib graph; a term met again is converted once."""
    graph = _PreparedGraph()
    cache: dict[object, object] = {}

    def term(node: object) -> object:
        converted = cache.get(node)
        if converted is None:
            converted = cache[node] = _rdflib_term(node)
        return converted

    with _quiet_literals():
        graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in triples)
    return graph


@contextmanager
def _quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal it reads ("1940-13-45"^^xsd:date);
    the shapes report those as results, so the log would only repeat them, unreadably."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _rdflib_term(node: object) -> object:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == _XSD_STRING:  # a simple literal, as rdflib's parsers give it
            return Literal(node.value)
        return Literal(node.value, datatype=URIRef(node.datatype.value))
    raise TypeError(f"it holds an RDF-star quoted triple ({node})")


def _read_shapes(path: Path) -> Graph:
    if not path.is_file():
        raise ValidationError(f"{path}: no shapes file; pass an existing Turtle file.")
    try:
        return Graph().parse(str(path), format="turtle")
    except Exception as exc:  # BadSyntax (a SyntaxError), but IndexError on a truncated file
        raise ValidationError(f"{path}: cannot be read as Turtle shapes ({_first_line(exc)}). "
                              "Fix the file.") from exc


def _failures(results: Graph, shapes: Graph, examples: int) -> tuple[ShapeFailure, ...]:
    """The validation results grouped by shape and message."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = _shape_name(results, result, shapes)
        message = str(results.value(result, SH.resultMessage) or "")
        groups[shape, message].append(str(results.value(result, SH.focusNode)))
    return tuple(ShapeFailure(shape, message, len(nodes), tuple(sorted(nodes)[:examples]))
                 for (shape, message), nodes in sorted(groups.items()))


def _shape_name(results: Graph, result: object, shapes: Graph) -> str:
    shape = results.value(result, SH.sourceShape)
    if isinstance(shape, URIRef):
        return shapes.namespace_manager.normalizeUri(shape)
    component = results.value(result, SH.sourceConstraintComponent)
    return shapes.namespace_manager.normalizeUri(component) if component else "(unnamed shape)"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def format_report(report: ValidationReport) -> str:
    """One line per failing shape (count and message), a few focus nodes, a summary."""
    lines = []
    for failure in report.failures:
        lines.append(f"{failure.shape}  {failure.count} × {failure.message}")
        lines += [f"    {node}" for node in failure.examples]
        if failure.count > len(failure.examples):
            lines.append(f"    ... and {failure.count - len(failure.examples)} more")
    if report.conforms:
        lines.append(f"Conforms: {report.triples} triples checked in {report.seconds:.1f} s "
                     f"({report.graph}).")
    else:
        shapes = len(report.failures)
        lines.append(f"Does not conform: {report.problems} problem"
                     f"{'s' if report.problems != 1 else ''} in {shapes} shape"
                     f"{'s' if shapes != 1 else ''}; {report.triples} triples checked in "
                     f"{report.seconds:.1f} s ({report.graph}).")
    return "\n".join(lines) + "\n"
