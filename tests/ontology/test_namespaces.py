"""The closed Python namespace and ontology.ttl must describe the same terms."""

from importlib.resources import files

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from graph_builder.errors import OntologyError
from ontology import CG, mint_iri
from ontology.iris import KINDS


def _ontology() -> Graph:
    return Graph().parse(str(files("ontology") / "ontology.ttl"), format="turtle")


def test_namespaces_every_python_term_is_defined_in_ontology_ttl():
    defined = {s for s in _ontology().subjects(RDF.type, None) if isinstance(s, URIRef)}
    missing = [
        name for name in CG.__annotations__ if URIRef(CG._NS + name) not in defined]
    assert missing == []


def test_namespaces_every_ontology_term_is_in_the_python_namespace():
    graph = _ontology()
    terms = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in graph.subjects(RDF.type, kind)}
    names = {str(t)[len(str(CG._NS)):] for t in terms}
    assert names == set(CG.__annotations__)


def test_namespaces_unknown_term_fails():
    with pytest.raises(AttributeError):
        _ = CG.notATerm


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_namespaces_mint_iri_is_stable_and_distinct(kind):
    assert mint_iri(kind, "Yezhov, N. I.") == mint_iri(kind, "Yezhov, N. I.")
    assert mint_iri(kind, "Yezhov, N. I.") != mint_iri(kind, "Yezhov N I")


def test_namespaces_mint_iri_rejects_unknown_kind():
    with pytest.raises(OntologyError, match="Available"):
        mint_iri("gadget", "x")


_STANDARD = ("https://schema.org/", "http://www.w3.org/ns/prov#", "http://purl.org/dc/terms/",
             "http://www.w3.org/2004/02/skos/core#", "http://purl.org/spar/cito/",
             "http://www.w3.org/ns/oa#", "http://purl.org/ontology/bibo/")
# properties no standard vocabulary has a parent for: a build's settings, a document's
# shape, where a reference was completed from, the place of publication as printed
_UNLINKED = {"settings", "documentShape", "resolvedFrom", "publicationPlace"}


@pytest.mark.parametrize("name", sorted(CG.__annotations__))
def test_namespaces_every_term_is_labelled_and_hooked_to_a_standard(name):
    graph, term = _ontology(), URIRef(CG._NS + name)
    assert any(lab.language == "en" for lab in graph.objects(term, RDFS.label)), name
    assert any(c.language == "en" for c in graph.objects(term, RDFS.comment)), name
    parents = [*graph.objects(term, RDFS.subClassOf), *graph.objects(term, RDFS.subPropertyOf)]
    if name not in _UNLINKED:
        assert any(str(p).startswith(_STANDARD) for p in parents), name


def test_namespaces_prefixes_are_rdflibs_own_for_standard_vocabularies():
    from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

    from ontology import PREFIXES
    assert {k: PREFIXES[k] for k in ("prov", "dcterms", "skos", "xsd", "rdf", "rdfs")} == {
        "prov": str(PROV), "dcterms": str(DCTERMS), "skos": str(SKOS), "xsd": str(XSD),
        "rdf": str(RDF), "rdfs": str(RDFS)}
    assert PREFIXES["cg"] == str(CG._NS)


def test_namespaces_querying_a_built_graph_does_not_import_rdflib(fixture_out):
    import subprocess
    import sys
    script = ("import sys; from pathlib import Path; from graph_builder.cli import main; "
              "from graph_builder.query import named as named_queries, sparql as query; "
              f"query.open_store(Path({str(fixture_out)!r})); "
              "assert 'rdflib' not in sys.modules, sorted(m for m in sys.modules if 'rdflib' in m)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-500:]
