"""Topics from a book's own index, with my own fixture text (no corpus prose)."""

from graph_builder.pipeline import build_graph
from graph_builder.query.sparql import run_query

BOOK = """Rails and Rebels

Chapter 1. Strikes

The railway strike of 1894 began in the Pullman works.¹ The American Railway Union
called a boycott, and the federal government sent troops under the Sherman Act.²
Many workers joined the boycott that summer; the union (the ARU) grew quickly.³

¹ Doe, *Rails* (Chicago, 1990), 4.
² Ibid., 5.
³ Doe, *Rails*, 6.

Index

- American Railway Union (ARU): founding of; and boycott
- —Boycott
- ARU. See American Railway Union
- Debs, Eugene V.: arrest of
- Strikes. See Pullman strike; Railway strike of 1894
- Railway strike of 1894: troops sent; See also Sherman Act
- Sherman Act
"""


def _rows(store, sparql):
    return sorted(tuple(r[v.value].value if r[v.value] else "" for v in res.variables)
                  for res in [run_query(store, sparql).value] for r in res)


def test_topics_index_becomes_a_skos_scheme(tmp_path):
    (tmp_path / "book.txt").write_text(BOOK, encoding="utf-8")
    store = build_graph(tmp_path).store()
    concepts = _rows(store, """SELECT ?label (GROUP_CONCAT(?alt; separator="|") AS ?alts)
        WHERE { ?c a skos:Concept ; skos:prefLabel ?label ; skos:inScheme ?s .
                ?s a skos:ConceptScheme . OPTIONAL { ?c skos:altLabel ?alt } } GROUP BY ?label""")
    assert concepts == [("American Railway Union", "ARU"), ("American Railway Union: Boycott", ""),
                        ("Railway strike of 1894", ""), ("Sherman Act", ""), ("Strikes", "")]
    assert _rows(store, """SELECT ?a ?b WHERE { ?x skos:broader ?y .
        ?x skos:prefLabel ?a . ?y skos:prefLabel ?b }""") == [
        ("American Railway Union: Boycott", "American Railway Union")]
    assert ("Strikes", "Railway strike of 1894") in _rows(store, """SELECT ?a ?b WHERE {
        ?x skos:related ?y . ?x skos:prefLabel ?a . ?y skos:prefLabel ?b }""")


def test_topics_claims_are_about_the_topics_they_name_with_spans(tmp_path):
    (tmp_path / "book.txt").write_text(BOOK, encoding="utf-8")
    result = build_graph(tmp_path)
    text = result.documents[0].text
    rows = _rows(result.store(), """SELECT ?label ?start ?end WHERE {
        ?claim schema:about ?c . ?c skos:prefLabel ?label .
        ?a oa:hasBody ?c ; oa:hasTarget/oa:hasSelector [ oa:start ?start ; oa:end ?end ] }""")
    found = {(label, text[int(s):int(e)]) for label, s, e in rows}
    assert ("American Railway Union", "American Railway Union") in found
    assert ("American Railway Union", "ARU") in found
    assert ("Sherman Act", "Sherman Act") in found
    assert not any(label.startswith("Debs") for label, _ in found)  # people are not topics


def test_topics_without_an_index_come_from_the_text(fixture_build):
    """The fixture corpus has no index: its topics are phrases it keeps using."""
    topics = fixture_build.resolution.topics
    assert topics and all(t.source[0] for t in topics)
    assert "disturbed counties" in {t.label for t in topics}


def test_index_a_label_broken_across_a_wrapped_line_is_found_with_its_printed_span():
    from graph_builder.records import Span
    from graph_builder.topics.index import Topic, matchers, mentions_in

    table = matchers([Topic("continental-system", "Continental System")])
    printed = "Napoleon's Continental\n    System closed the ports of Europe to British trade."
    aligned = printed.replace("\n", " ")  # how a wrapped paragraph's claim text reads
    [found] = mentions_in("doc.txt", [(100, aligned)], table)
    assert found.span == Span(111, 133)
    assert printed[found.span.start - 100:found.span.end - 100] == "Continental\n    System"
