"""Issue 13: a graph held as sorted N-Triples runs merges to the same bytes in memory and by
external merge, keeps every literal exact, and drops only true repeats."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_builder.build import GraphBuilder
from graph_builder.support.sorted_triples import SortedTriples, encode_run, line_of
from ontology.terms import CG, SDO, XSD

TRICKY = ['say "no"', "back\\slash", "two\nlines", "carriage\rreturn", "tab\there",
          "\u00e9t\u00e9 \u2028 \U0001d4d0", "", " ", "\x0b\x0c\x1c\x85"]


def _builder_lines(texts):
    builder = GraphBuilder("https://example.org/", {})
    node = builder.iri("claim", "c")
    for text in texts:
        builder.add(node, SDO.text, text)
    builder.add(node, CG.lineNumber, ox.Literal("7", datatype=XSD.positiveInteger))
    builder.add(node, SDO.about, builder.iri("topic", "t"))
    return builder


def test_sorted_triples_literals_read_back_exactly_from_the_builders_lines():
    builder = _builder_lines(TRICKY)
    graph = SortedTriples.merge([encode_run(builder.lines())])
    texts = sorted(q.object.value for q in graph if q.predicate == SDO.text)
    assert texts == sorted(TRICKY) and len(graph) == len(TRICKY) + 2
    assert graph == SortedTriples.of(builder.triples())  # Oxigraph's spelling, same lines


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), max_size=30), min_size=1, max_size=6))
def test_sorted_triples_in_memory_and_external_merge_give_the_same_bytes(groups):
    runs = [encode_run(_builder_lines(texts).lines()) for texts in groups]
    held = SortedTriples.merge(runs)
    streamed = SortedTriples.merge(runs, memory=0)  # forces the external merge
    assert held.reader().read() == streamed.reader().read()
    assert held.runs == streamed.runs  # the same bytes, compressed alike
    assert len(held) == len(streamed) == len({t for g in groups for t in g}) + 2
    lines = list(held.lines())
    assert lines == sorted(set(lines))
    assert {line_of(q) for q in held} == set(lines)


def test_sorted_triples_select_picks_the_same_triples_as_a_filter_on_quads():
    from ontology.terms import RDF, SKOS

    builder = _builder_lines(TRICKY)
    node = builder.iri("topic", "t")
    builder.add_types(node, SKOS.Concept, SDO.Person)
    builder.add(node, SKOS.prefLabel, 'a "label"')
    for graph in (SortedTriples.merge([encode_run(builder.lines())]),
                  SortedTriples.merge([encode_run(builder.lines())], memory=0)):
        quads = list(graph)
        picked = set(graph.select([SDO.text.value, RDF.type.value], [SKOS.Concept.value]))
        assert picked == {q for q in quads if q.predicate == SDO.text
                          or (q.predicate == RDF.type and q.object == SKOS.Concept)}
        assert len(picked) == len(TRICKY) + 1


def test_sorted_triples_chain_keeps_runs_in_order_and_reads_back_whole():
    first = encode_run(_builder_lines(["b", "a"]).lines())
    second = encode_run(["<https://example.org/z> <https://schema.org/text> \"z\" .\n"])
    graph = SortedTriples.chain([second, first])
    lines = list(graph.lines())
    assert lines[0].startswith(b"<https://example.org/z>") and len(graph) == len(lines) == 5
    assert graph.reader().read() == b"".join(lines)
    assert len(list(graph)) == 5 and b"".join(graph.blocks(size=10)) == b"".join(lines)
