"""The fixture graph must carry the core profile of DESIGN.md, checked with SPARQL."""

import pytest

from graph_builder.query.sparql import run_query


def _select(store, sparql):
    return [{v.value: row[v.value].value if row[v.value] is not None else None
             for v in result.variables} for result in [run_query(store, sparql).value]
            for row in result]


@pytest.fixture(scope="module")
def store(fixture_build):
    return fixture_build.store()


def test_build_every_claim_has_text_source_and_exact_span(store, fixture_build):
    rows = _select(store, """SELECT ?c ?text ?id ?start ?end ?exact WHERE {
        ?c a schema:Claim ; schema:text ?text ; schema:isPartOf ?doc .
        ?doc schema:identifier ?id .
        ?a oa:hasBody ?c ; oa:hasTarget ?t . ?t oa:hasSource ?doc ;
           oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ;
           oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] }""")
    texts = {d.doc_id: d.text for d in fixture_build.documents}
    n_claims = sum(len(e.claims) + len(e.theses) for e in fixture_build.extractions)
    assert len(rows) == n_claims
    for row in rows:
        assert texts[row["id"]][int(row["start"]):int(row["end"])] == row["exact"] == row["text"]


def test_build_quotation_cites_work_with_page_and_author(store):
    rows = _select(store, """SELECT ?page ?title ?family WHERE {
        ?cit a cito:Citation ; cito:hasCitingEntity ?q ; cito:hasCitedEntity ?w ;
             bibo:locator ?page .
        ?q a schema:Quotation ; schema:citation ?w ; schema:author ?p .
        ?w schema:name ?title ; schema:author ?p . ?p schema:familyName ?family }""")
    assert {"page": "530", "title": "The Making of the English Working Class",
            "family": "Thompson"} in rows


def test_build_work_has_year_publisher_and_type(store):
    rows = _select(store, """SELECT ?year ?pub ?type WHERE {
        ?w schema:name "Labouring Men" ; a ?type ; schema:datePublished ?year ;
           schema:publisher/schema:name ?pub . FILTER(?type = schema:Book) }""")
    assert rows == [{"year": "1964", "pub": "Weidenfeld & Nicolson",
                     "type": "https://schema.org/Book"}]


def test_build_editors_are_editors(store):
    rows = _select(store, """SELECT ?family WHERE {
        ?w schema:name "Luddism in Nottinghamshire" ; schema:editor/schema:familyName ?family }""")
    assert rows == [{"family": "Thomis"}]


def test_build_claims_under_thesis_and_turn_speakers(store):
    rows = _select(store, """SELECT ?label ?name WHERE {
        ?t a cg:TranscriptTurn ; cg:speakerLabel ?label ; cg:partOfQuotation ?q .
        OPTIONAL { ?t schema:author/schema:name ?name } }""")
    assert sorted(r["label"] for r in rows) == ["CLERK", "CLERK", "PRISONER"]
    assert all(r["name"] is None for r in rows)  # roles are not persons
    theses = _select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?c cg:underThesis ?t . "
                            "?t a cg:Thesis }")
    assert int(theses[0]["n"]) >= 5


def test_build_provenance_on_every_extracted_node(store):
    missing = _select(store, """SELECT ?n WHERE {
        { ?n a schema:Claim } UNION { ?n a schema:Person } UNION { ?n a cito:Citation }
        UNION { ?n a oa:Annotation }
        FILTER NOT EXISTS { ?n prov:wasGeneratedBy ?b . ?b a prov:Activity ;
                               schema:softwareVersion ?v }
        FILTER NOT EXISTS { ?n prov:wasDerivedFrom ?d . ?d a cg:SourceDocument } }""")
    assert missing == []


def test_build_persons_have_names(store):
    rows = _select(store, """SELECT ?p WHERE { ?p a schema:Person .
        FILTER NOT EXISTS { ?p schema:name ?n ; schema:familyName ?f } }""")
    assert rows == []


def test_build_is_deterministic(fixture_build):
    from graph_builder.pipeline import build_graph
    from tests.conftest import FIXTURE_CORPUS

    assert build_graph(FIXTURE_CORPUS).triples == fixture_build.triples


def test_build_citation_no_claim_carries_is_cited_by_its_document(tmp_path):
    from graph_builder.pipeline import build_graph

    (tmp_path / "c.txt").write_text(
        "Quotes\n\nFIRST THESIS\n\nDoe, Jane. A Lost Book. London: Example Press, 1990, p. 4\n\n"
        "A quoted line.\nRoe, John. Another Book. London: Example Press, 1991, p. 9\n",
        encoding="utf-8")
    result = build_graph(tmp_path)
    assert any("no quoted text above it" in str(w) for w in result.warnings)
    rows = _select(result.store(), """SELECT ?title ?page WHERE {
        ?cit cito:hasCitingEntity ?doc ; cito:hasCitedEntity/schema:name ?title ;
             bibo:locator ?page . ?doc a cg:SourceDocument }""")
    assert rows == [{"title": "A Lost Book", "page": "4"}]


def test_issue_12_a_text_over_the_readers_limit_is_cut_and_reads_back():
    import pyoxigraph as ox

    from graph_builder.build import CUT_MARK, MAX_LITERAL, GraphBuilder
    from ontology.terms import SDO

    builder = GraphBuilder("https://example.org/", {})
    node = builder.iri("claim", "long")
    huge = "\U0001d4d0\"\n" * (6 << 20)  # 18 M characters, 4-byte ones and escapes
    builder.add(node, SDO.text, huge)
    builder.add(node, SDO.name, "short")
    turtle = ox.serialize(builder.triples(), format=ox.RdfFormat.TURTLE)
    assert len(turtle) > 2 * MAX_LITERAL  # well past what a character count suggests
    back = {q.predicate: q.object.value for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert back[SDO.text] == huge[:MAX_LITERAL] + CUT_MARK and back[SDO.name] == "short"
    assert len(builder.cuts) == 1 and "18,874,368 characters is cut" in builder.cuts[0]
