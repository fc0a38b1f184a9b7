"""Registry-wide export tests: every registered format is written and checked by its own case.

A format registered in ``exports.FORMATS`` without an entry in ``CASES`` fails
``test_formats_every_registered_format_has_a_case``. RDF formats must parse back
(pyoxigraph, and rapper or rdflib as independent parsers) to exactly the
triples of graph.ttl; network formats must load in networkx as the network
``claimgraph viz`` draws, a kind and a label on every node, a kind on every edge;
CSV tables must have their headers and one row per resource.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from exports import FORMATS, export, format_names, resolve_format
from exports.csv_tables import TABLES
from exports.graphdata import GraphData
from exports.jsonld import context
from exports.named_graphs import SHARED_KEY, dataset, document_graphs
from graph_builder.cli import main
from graph_builder.errors import ExportError
from graph_builder.query.sparql import prologue, read_triples
from graph_builder.view.focus import view_graph
from graph_builder.view.projection import EDGE_KINDS, NODE_KINDS, network
from ontology import PREFIXES, mint_iri
from ontology.terms import CG, OA, PROV, RDF, SDO, SKOS, XSD
from tests.conftest import require_tool

RDF_SYNTAX = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DATASETS = ("nquads", "trig")
RAPPER_SYNTAX = {"turtle": "turtle", "nt": "ntriples", "nquads": "nquads", "trig": "trig"}
FOLDER_DEST = {"csv": "tables"}  # formats whose default destination is a folder
NETWORK_READERS = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}


def dest_name(name: str) -> str:
    return FOLDER_DEST.get(name, f"export{FORMATS[name].suffixes[0]}")


def parse(path: Path, syntax: ox.RdfFormat) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=syntax))


def as_triples(quads) -> set[ox.Quad]:
    """The triples, graph names ignored (as quads in the default graph, which are cheaper to
    compare than new Triple objects at corpus scale)."""
    default = ox.DefaultGraph()
    return {q if q.graph_name == default else ox.Quad(q.subject, q.predicate, q.object)
            for q in quads}


def count(store: ox.Store, pattern: str) -> int:
    rows = store.query(f"{prologue()}SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(rows))["n"].value)


class Checked:
    """What a case checks an export against: the graph it came from, and graph.ttl."""

    def __init__(self, graph: GraphData, ttl: Path):
        self.graph = graph
        self.ttl = ttl
        self.reference = as_triples(parse(ttl, ox.RdfFormat.TURTLE))
        self.store = graph.store


@pytest.fixture(scope="module")
def graph(fixture_out) -> GraphData:
    return GraphData.from_triples(read_triples(fixture_out), "claimgraph: fixture")


@pytest.fixture(scope="module")
def checked(graph, fixture_out) -> Checked:
    return Checked(graph, fixture_out / "graph.ttl")


def write_all(graph: GraphData, folder: Path) -> dict[str, Path]:
    written = {}
    for name in FORMATS:
        dest = folder / dest_name(name)
        assert export(graph, name, dest).name == name
        written[name] = dest
    return written


@pytest.fixture(scope="module")
def written(tmp_path_factory, graph) -> dict[str, Path]:
    return write_all(graph, tmp_path_factory.mktemp("exports"))


# --- the cases: one per registered format -------------------------------------------------

def check_rdf(path: Path, checked: Checked, name: str) -> list[ox.Quad]:
    quads = parse(path, RDF_SYNTAX[name])
    assert len(quads) == len(checked.reference)
    assert as_triples(quads) == checked.reference
    return quads


def check_triples(name: str) -> Callable[[Path, Checked], None]:
    def check(path: Path, checked: Checked) -> None:
        quads = check_rdf(path, checked, name)
        assert all(q.graph_name == ox.DefaultGraph() for q in quads)
    return check


def check_dataset(name: str) -> Callable[[Path, Checked], None]:
    def check(path: Path, checked: Checked) -> None:
        quads = check_rdf(path, checked, name)
        expected = {*document_graphs(checked.graph.triples).values(),
                    ox.NamedNode(mint_iri("graph", SHARED_KEY))}
        assert {q.graph_name for q in quads} == expected
        assert len(expected) == count(checked.store, "?s a cg:SourceDocument") + 1
    return check


def check_jsonld(path: Path, checked: Checked) -> None:
    check_rdf(path, checked, "jsonld")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"] == context()
    keys = {key for node in document["@graph"] for key in node}
    assert keys and not any(key.startswith(("http:", "https:")) for key in keys), "not compact"


def check_network(reader: Callable[[Path], nx.Graph]) -> Callable[[Path, Checked], None]:
    def check(path: Path, checked: Checked) -> None:
        loaded = reader(path)
        projected = network(checked.graph.store, checked.graph.title)
        assert set(loaded.nodes) == set(projected.nodes)
        assert set(loaded.edges) == set(projected.edges)
        for node, attrs in loaded.nodes(data=True):
            assert attrs.get("kind") in NODE_KINDS and attrs.get("label"), node
            assert attrs == projected.nodes[node], node
        for a, b, attrs in loaded.edges(data=True):
            attrs = {k: v for k, v in attrs.items() if k != "id"}  # GEXF numbers its edges
            assert attrs.get("kind") in EDGE_KINDS and attrs == projected.edges[a, b], (a, b)
        assert {k for _, k in loaded.nodes(data="kind")} >= {"document", "person", "work",
                                                              "quotation"}
        assert count(checked.store, "?s a schema:Person") == sum(
            1 for _, k in loaded.nodes(data="kind") if k == "person")
    return check


EXPECTED_ROWS = {
    "people": "?s a schema:Person",
    "works": "?s a schema:CreativeWork FILTER NOT EXISTS { ?s a cg:SourceDocument }",
    "claims": "?s a schema:Claim",
    "citations": "?s a cito:Citation",
}


def read_table(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def check_csv(path: Path, checked: Checked) -> None:
    assert sorted(p.name for p in path.iterdir()) == sorted(f"{t}.csv" for t in EXPECTED_ROWS)
    for table in TABLES:
        rows = read_table((path / f"{table.name}.csv").read_bytes())
        assert rows[0] == ["iri", *(header for header, _ in table.columns)]
        assert len(rows) - 1 == count(checked.store, EXPECTED_ROWS[table.name]) > 0
        assert all(len(row) == len(rows[0]) for row in rows)


def check_html(path: Path, checked: Checked) -> None:
    assert path.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


CASES: dict[str, Callable[[Path, Checked], None]] = {
    "turtle": check_triples("turtle"),
    "nt": check_triples("nt"),
    "nquads": check_dataset("nquads"),
    "trig": check_dataset("trig"),
    "jsonld": check_jsonld,
    "gexf": check_network(NETWORK_READERS["gexf"]),
    "graphml": check_network(NETWORK_READERS["graphml"]),
    "csv": check_csv,
    "html": check_html,
}


def test_formats_every_registered_format_has_a_case():
    missing, stale = set(FORMATS) - set(CASES), set(CASES) - set(FORMATS)
    assert not missing, f"registered formats without a test case: {sorted(missing)}"
    assert not stale, f"test cases for formats no longer registered: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_formats_export_passes_its_case(name, written, checked):
    if name not in CASES:
        pytest.fail(f"format '{name}' is registered but has no case in CASES")
    CASES[name](written[name], checked)


@pytest.mark.parametrize("name", sorted(RAPPER_SYNTAX))
def test_formats_rdf_parses_with_rapper(name, written, checked):
    rapper = require_tool("rapper")
    proc = subprocess.run([rapper, "-q", "-i", RAPPER_SYNTAX[name], "-o", "nquads",
                           str(written[name])], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    quads = list(ox.parse(proc.stdout, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(checked.reference)
    assert as_triples(quads) == checked.reference
    if name in DATASETS:
        assert set(quads) == set(parse(written[name], RDF_SYNTAX[name]))


# rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib 7 deprecates.
RDFLIB_JSONLD_WARNING = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"


@pytest.mark.filterwarnings(RDFLIB_JSONLD_WARNING)
def test_formats_jsonld_parses_with_rdflib(written, checked):
    independent = rdflib.Graph().parse(str(written["jsonld"]), format="json-ld")
    assert isomorphic(independent, rdflib.Graph().parse(str(checked.ttl)))


def test_formats_rdf_set_covers_the_registry():
    assert set(RDF_SYNTAX) <= set(FORMATS) and set(RAPPER_SYNTAX) <= set(RDF_SYNTAX)


def files_of(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_formats_are_deterministic(name, written, graph, tmp_path):
    again = tmp_path / dest_name(name)
    export(graph, name, again)
    assert files_of(again) == files_of(written[name])


def test_formats_leave_no_temporary_files(written):
    folder = next(iter(written.values())).parent
    leftovers = [p.name for p in folder.rglob("*") if p.name.endswith(".part")]
    assert not leftovers


SUFFIXES = sorted((suffix, f.name) for f in FORMATS.values() for suffix in f.suffixes)


@pytest.mark.parametrize(("suffix", "name"), SUFFIXES)
def test_formats_suffix_inference(suffix, name):
    assert resolve_format(None, Path(f"out{suffix}")).name == name
    assert resolve_format(None, Path(f"OUT{suffix.upper()}")).name == name


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_formats_names_and_aliases_resolve(name):
    fmt = FORMATS[name]
    for typed in (fmt.name, *fmt.aliases):
        assert resolve_format(typed).name == name
        assert resolve_format(typed.upper()).name == name


def test_formats_unknown_format_lists_the_choices():
    with pytest.raises(ExportError) as info:
        resolve_format("tll")
    message = str(info.value)
    assert "'tll'" in message and "\n" not in message
    assert all(re.search(rf"\b{re.escape(n)}\b", message) for n in format_names())


def test_formats_no_suffix_asks_for_a_format():
    with pytest.raises(ExportError, match="Give --format, one of: .*csv"):
        resolve_format(None, Path("tables"))


@pytest.mark.parametrize("name", sorted(RDF_SYNTAX))
def test_formats_cli_infers_from_suffix(name, fixture_out, checked, tmp_path):
    dest = tmp_path / dest_name(name)
    result = CliRunner().invoke(main, ["export", str(fixture_out), "-o", str(dest)])
    assert result.exit_code == 0, result.output
    assert f"({name})" in result.output
    assert as_triples(parse(dest, RDF_SYNTAX[name])) == checked.reference


@pytest.mark.parametrize("fmt", ["csv", "gexf", "graphml"])
def test_formats_cli_with_format_option(fmt, fixture_out, tmp_path):
    dest = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", str(fixture_out), "--format", fmt,
                                       "-o", str(dest)])
    assert result.exit_code == 0, result.output
    assert dest.is_dir() if fmt == "csv" else dest.is_file()


def test_formats_cli_unknown_format_lists_choices(fixture_out, tmp_path):
    result = CliRunner().invoke(main, ["export", str(fixture_out), "--format", "tll",
                                       "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert all(n in result.output for n in format_names())


# --- named graphs ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graph_of(graph) -> dict[ox.NamedNode, ox.NamedNode]:
    return {q.subject: q.graph_name for q in dataset(graph)}


def test_named_graphs_place_document_facts_in_their_document(graph, graph_of):
    names = document_graphs(graph.triples)
    store = graph.store
    for row in store.query(f"{prologue()}SELECT ?c ?d WHERE {{ ?c a schema:Claim ; "
                           "schema:isPartOf ?d . ?d a cg:SourceDocument }"):
        assert graph_of[row["c"]] == names[row["d"]]
    for row in store.query(f"{prologue()}SELECT ?a ?t ?sel ?d WHERE {{ ?a oa:hasTarget ?t . "
                           "?t oa:hasSource ?d ; oa:hasSelector ?sel }"):
        assert graph_of[row["a"]] == graph_of[row["t"]] == graph_of[row["sel"]] \
            == names[row["d"]]
    for doc, name in names.items():
        assert graph_of[doc] == name


def test_named_graphs_put_cross_document_facts_in_the_shared_graph(graph, graph_of):
    shared = ox.NamedNode(mint_iri("graph", SHARED_KEY))
    many = [row["p"] for row in graph.store.query(
        f"{prologue()}SELECT ?p WHERE {{ ?p prov:wasDerivedFrom ?a, ?b FILTER(?a != ?b) }}")]
    assert many, "the fixture has a node derived from several documents"
    assert all(graph_of[p] == shared for p in many)
    builds = [q.subject for q in graph.triples if q.predicate == RDF.type and q.object == CG.Build]
    assert builds and all(graph_of[b] == shared for b in builds)


def test_named_graphs_never_point_into_another_document(graph, graph_of):
    """A document's graph refers to its own nodes, shared ones and documents, never to a
    node kept in another document's graph (such a node spans documents: it is shared)."""
    documents = document_graphs(graph.triples)
    shared = ox.NamedNode(mint_iri("graph", SHARED_KEY))
    # The fixture's topic is coined in one document and is what claims of two are about.
    topics = [q.subject for q in graph.triples if q.object == SKOS.Concept]
    assert topics and all(graph_of[t] == shared for t in topics)
    for q in dataset(graph):
        if q.graph_name != shared and q.object in graph_of and q.object not in documents:
            assert graph_of[q.object] in (q.graph_name, shared), q


def test_named_graphs_follow_the_build_base():
    base = "https://example.org/my/"
    doc = ox.NamedNode(f"{base}document/a")
    build = ox.NamedNode(f"{base}build/b")
    triples = [ox.Quad(doc, RDF.type, CG.SourceDocument),
               ox.Quad(doc, SDO.identifier, ox.Literal("a.txt")),
               ox.Quad(build, CG.settings, ox.Literal(json.dumps({"base": base}))),
               ox.Quad(build, PROV.used, doc)]
    quads = dataset(GraphData.from_triples(triples))
    assert {q.graph_name.value for q in quads} == {mint_iri("graph", "a.txt", base),
                                                  mint_iri("graph", SHARED_KEY, base)}


# --- JSON-LD values -------------------------------------------------------------------------

@pytest.mark.filterwarnings(RDFLIB_JSONLD_WARNING)
def test_jsonld_round_trips_every_kind_of_term(tmp_path):
    node, blank = ox.NamedNode("https://example.org/x"), ox.BlankNode("b1")
    triples = [
        ox.Quad(node, RDF.type, SDO.Person),
        ox.Quad(node, SDO.name, ox.Literal("Ежов \"Yezhov\"\n\\ ok")),
        ox.Quad(node, SDO.alternateName, ox.Literal("Iejov", language="fr")),
        ox.Quad(node, SDO.birthDate, ox.Literal("1895", datatype=XSD.gYear)),
        ox.Quad(node, OA.start, ox.Literal("007", datatype=XSD.nonNegativeInteger)),
        ox.Quad(node, OA.end, ox.Literal("1", datatype=XSD.nonNegativeInteger)),
        ox.Quad(node, OA.end, ox.Literal("2", datatype=XSD.nonNegativeInteger)),
        ox.Quad(node, ox.NamedNode("https://example.org/vocab#p"), blank),
        ox.Quad(node, ox.NamedNode(f"{PREFIXES['schema']}//odd"), ox.Literal("odd")),
        ox.Quad(blank, RDF.type, ox.NamedNode("https://example.org/vocab#Thing")),
        ox.Quad(blank, SDO.name, ox.Literal("true", datatype=XSD.boolean)),
    ]
    dest = tmp_path / "terms.jsonld"
    export(GraphData.from_triples(triples), None, dest)
    document = json.loads(dest.read_text(encoding="utf-8"))
    person = next(n for n in document["@graph"] if n["@id"] == node.value)
    assert person["@type"] == "schema:Person"
    assert person["schema:birthDate"] == {"@value": "1895", "@type": "xsd:gYear"}
    assert person["schema:alternateName"] == {"@value": "Iejov", "@language": "fr"}
    back = parse(dest, ox.RdfFormat.JSON_LD)
    # Blank node labels may change; compare with the blank node named alike on both sides.
    label = next(q.object for q in back if isinstance(q.object, ox.BlankNode))

    def named(q):
        return tuple(ox.BlankNode("b") if t in (blank, label) else t
                     for t in (q.subject, q.predicate, q.object))

    assert {named(q) for q in back} == {named(q) for q in triples}
    independent = rdflib.Graph().parse(str(dest), format="json-ld")
    assert len(independent) == len(triples)


def test_jsonld_context_ships_the_project_prefixes():
    assert context() == PREFIXES


# --- CSV ------------------------------------------------------------------------------------

def test_csv_zip_holds_the_same_tables(graph, written, tmp_path):
    dest = tmp_path / "tables.zip"
    assert export(graph, None, dest).name == "csv"
    with zipfile.ZipFile(dest) as zf:
        assert {i.filename: zf.read(i) for i in zf.infolist()} == files_of(written["csv"])
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_csv_columns_join_values(written, graph):
    works = read_table((written["csv"] / "works.csv").read_bytes())
    header = works[0]
    edited = [row for row in works[1:] if "; " in row[header.index("editors")]]
    assert edited, "the fixture has a work with two editors"
    claims = read_table((written["csv"] / "claims.csv").read_bytes())
    head = claims[0]
    for row in claims[1:]:
        assert row[head.index("document")] and row[head.index("text")]
        assert int(row[head.index("start")]) < int(row[head.index("end")])


def test_csv_refuses_an_existing_file(graph, tmp_path):
    dest = tmp_path / "tables"
    dest.write_text("not a folder")
    with pytest.raises(ExportError, match=r"tables: is a file.*\.zip"):
        export(graph, "csv", dest)


# --- GEXF -----------------------------------------------------------------------------------

def test_gexf_is_standard_and_dated_nowhere(written):
    text = written["gexf"].read_text(encoding="utf-8")
    assert 'xmlns="http://www.gexf.net/1.2draft"' in text and 'version="1.2"' in text
    assert "lastmodifieddate" not in text


# --- network formats: the network claimgraph viz draws ------------------------------------

@pytest.fixture(scope="module")
def viz_view(fixture_out) -> nx.DiGraph:
    return view_graph(fixture_out)


def embedded(page: Path) -> dict:
    """The nodes, edges and node details a page written by exports.html draws."""
    text = page.read_text("utf-8")
    found = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize("name", sorted(NETWORK_READERS))
def test_network_formats_carry_pagerank_and_community(name, written, viz_view):
    """Gephi users get the rank and community that size and group nodes in claimgraph viz."""
    loaded = NETWORK_READERS[name](written[name])
    for node, attrs in loaded.nodes(data=True):
        rank, community = attrs["pagerank"], attrs["community"]
        assert isinstance(rank, str) and isinstance(community, int), node
        assert float(rank) == pytest.approx(viz_view.nodes[node]["pagerank"], abs=1e-9), node
        assert community == viz_view.nodes[node]["community"], node
    ranks = [rank for _, rank in loaded.nodes(data="pagerank")]
    assert len({len(rank) for rank in ranks}) == 1, "one width, so ranks sort as text too"
    assert sum(map(float, ranks)) == pytest.approx(1.0, abs=1e-6)
    assert len({c for _, c in loaded.nodes(data="community")}) > 1


@pytest.mark.parametrize("name", sorted(NETWORK_READERS))
def test_network_formats_hold_the_nodes_and_edges_of_the_html_view(name, written, viz_view,
                                                                   fixture_out, tmp_path):
    loaded = NETWORK_READERS[name](written[name])
    assert set(loaded) == set(viz_view) and set(loaded.edges) == set(viz_view.edges)
    result = CliRunner().invoke(main, ["viz", str(fixture_out), "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 0, result.output
    page = embedded(tmp_path / "v.html")
    node_kinds = Counter(k for _, k in loaded.nodes(data="kind"))
    edge_kinds = Counter(k for *_, k in loaded.edges(data="kind"))
    assert node_kinds == Counter(item["kind"] for item in page["info"])
    assert edge_kinds == Counter(page["kinds"][row[2]].split("; ")[0] for row in page["edges"])
    assert set(node_kinds) <= set(NODE_KINDS) and set(edge_kinds) <= set(EDGE_KINDS)
    build_page = embedded(fixture_out / "graph.html")  # the build's smaller view, same names
    assert {item["kind"] for item in build_page["info"]} < set(node_kinds)
    assert {build_page["kinds"][row[2]].split("; ")[0] for row in build_page["edges"]} < set(
        edge_kinds)


# --- the shared corpus ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_checked(corpus_out) -> Checked:
    out, _ = corpus_out
    graph = GraphData.from_triples(read_triples(out), "claimgraph: corpus")
    return Checked(graph, out / "graph.ttl")


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RDF_SYNTAX))
def test_corpus_rdf_exports_match_graph_ttl(name, corpus_checked, tmp_path):
    dest = tmp_path / dest_name(name)
    export(corpus_checked.graph, name, dest)
    quads = parse(dest, RDF_SYNTAX[name])
    assert len(quads) == len(corpus_checked.reference)
    assert as_triples(quads) == corpus_checked.reference
    if name in RAPPER_SYNTAX:
        rapper = require_tool("rapper")
        proc = subprocess.run([rapper, "-q", "-i", RAPPER_SYNTAX[name], "-o", "nquads",
                               str(dest)], capture_output=True, timeout=300)
        assert proc.returncode == 0, proc.stderr.decode()[-500:]
        assert as_triples(ox.parse(proc.stdout, format=ox.RdfFormat.N_QUADS)) \
            == corpus_checked.reference


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(NETWORK_READERS))
def test_corpus_networks_load_in_networkx(name, corpus_checked, tmp_path):
    dest = tmp_path / dest_name(name)
    export(corpus_checked.graph, name, dest)
    loaded = NETWORK_READERS[name](dest)
    assert loaded.number_of_nodes() > 1000
    assert all(a.get("kind") in NODE_KINDS and a.get("label") and a.get("pagerank")
               and isinstance(a.get("community"), int) for _, a in loaded.nodes(data=True))
