"""Issue 18: the lenses draw people, sources and topics joined directly, every edge keeping
the claims that justify it, and the default lens is the one that reads best."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from graph_builder.view.lens_parts import EdgeBook
from graph_builder.view.lens_people import LIST_SIZE as PEOPLE_LIST_SIZE
from graph_builder.view.lens_topics import LIST_SIZE as TOPICS_LIST_SIZE
from graph_builder.view.lens_topics import MIN_SHARED
from graph_builder.view.lenses import LENS_NAMES, build_lenses, default_lens
from graph_builder.view.measure import measure
from graph_builder.view.projection import CLAIM_KINDS, project
from ontology import mint_iri
from ontology.terms import CG, RDF, SDO, XSD

# -- a small full projection, shaped as project(full=True) gives it -----------------------


def _node(full: nx.DiGraph, node: str, kind: str, label: str | None = None, **attrs) -> str:
    full.add_node(node, kind=kind, label=label or node, **attrs)
    if kind in ("person", "topic"):
        full.nodes[node].setdefault("names", [label or node])
        full.nodes[node].setdefault("name", label or node)
    return node


def _claim(full: nx.DiGraph, node: str, document: str, line: int, *, kind: str = "quotation",
           made_by: str | None = None) -> str:
    attrs = {"document": document, "line": line, "text": f"invented claim {node}"}
    if made_by:
        attrs["made_by"] = made_by
    return _node(full, node, kind, **attrs)


def _edge(full: nx.DiGraph, a: str, b: str, kind: str) -> None:
    if full.has_edge(a, b):
        full.edges[a, b]["kinds"] += f"; {kind}"
    else:
        full.add_edge(a, b, kind=kind, kinds=kind)


def _people_graph() -> nx.DiGraph:
    """Ann, Bob and Cy: two claims mention Ann and Bob, one by Ann mentions Cy; Dee cites Eve."""
    full = nx.DiGraph()
    _node(full, "doc1", "document", identifier="d1.txt")
    _node(full, "doc2", "document", identifier="d2.txt")
    for who in ("ann", "bob", "cy", "dee", "eve", "loner"):
        _node(full, who, "person", label=who.title())
    _claim(full, "c2", "d2.txt", 4)
    _claim(full, "c1", "d1.txt", 9)
    _claim(full, "c0", "d1.txt", 30)
    _claim(full, "q1", "d1.txt", 12, made_by="Ann")
    _claim(full, "t1", "d2.txt", 1, kind="turn")
    _claim(full, "q2", "d2.txt", 7, made_by="Dee")
    _node(full, "work1", "work", title="A Made-Up History")
    for claim in ("c1", "c2"):
        _edge(full, claim, "ann", "mentions")
        _edge(full, claim, "bob", "mentions")
    _edge(full, "q1", "cy", "mentions")
    _edge(full, "t1", "bob", "said by")
    _edge(full, "t1", "cy", "mentions")
    _edge(full, "c0", "loner", "mentions")
    _edge(full, "q2", "work1", "cites")
    _edge(full, "work1", "eve", "author")
    for claim in ("c0", "c1", "q1"):
        _edge(full, claim, "doc1", "in document")
    for claim in ("c2", "t1", "q2"):
        _edge(full, claim, "doc2", "in document")
    return full


def test_people_are_joined_by_the_claims_that_mention_quote_or_cite_them():
    full = _people_graph()
    people = build_lenses(full)["people"]
    ann_bob = people.edges["ann", "bob"]
    assert ann_bob["kind"] == "mentioned with" and ann_bob["weight"] == 2
    # sorted by document, then line: d1.txt line 9 before d2.txt line 4
    assert ann_bob["evidence"] == ["c1", "c2"]
    # a quotation made by Ann (resolved by her name) mentioning Cy; a turn said by Bob
    assert people.edges["ann", "cy"] == {"kind": "quoted about", "kinds": "quoted about",
                                         "weight": 1, "evidence": ["q1"]}
    assert people.edges["bob", "cy"]["evidence"] == ["t1"]
    assert people.edges["dee", "eve"] == {"kind": "cites", "kinds": "cites", "weight": 1,
                                          "evidence": ["q2"]}
    # Loner is mentioned alone: not drawn, and the note counts him
    assert "loner" not in people
    assert "1 person linked to no one is not drawn" in people.graph["note"]
    assert people.graph["title"] == "People"
    assert set(people) == {"ann", "bob", "cy", "dee", "eve"}


def test_a_pair_joined_several_ways_is_named_by_the_strongest_and_counts_claims_once():
    full = _people_graph()
    _claim(full, "q3", "d1.txt", 20, made_by="Ann")
    _edge(full, "q3", "bob", "mentions")
    _edge(full, "q3", "ann", "mentions")  # Ann quoted, mentioning herself and Bob
    edge = build_lenses(full)["people"].edges["ann", "bob"]
    assert edge["kind"] == "quoted about"
    assert edge["kinds"] == "quoted about; mentioned with"
    assert edge["weight"] == 3 and edge["evidence"] == ["c1", "q3", "c2"]


def test_authors_quoted_from_their_own_book_do_not_cite_each_other():
    full = _people_graph()
    _node(full, "fay", "person", label="Fay")
    _claim(full, "q4", "d2.txt", 9, made_by="Eve; Fay")
    _edge(full, "q4", "work1", "cites")
    _edge(full, "work1", "fay", "author")  # Eve and Fay wrote work1, quoted here from it
    people = build_lenses(full)["people"]
    assert not people.has_edge("eve", "fay")
    assert people.edges["dee", "fay"]["evidence"] == ["q2"]  # Dee's claim cites both


def test_a_claim_listing_many_people_joins_none_of_them():
    full = _people_graph()
    listed = [f"p{i:02d}" for i in range(PEOPLE_LIST_SIZE + 1)]
    _claim(full, "roll", "d1.txt", 50, made_by="Ann")
    for who in listed:
        _node(full, who, "person")
        _edge(full, "roll", who, "mentions")
    _claim(full, "pair", "d1.txt", 51)
    _edge(full, "pair", "p00", "mentions")
    _edge(full, "pair", "p01", "mentions")
    people = build_lenses(full)["people"]
    assert people.edges["p00", "p01"]["evidence"] == ["pair"]  # the short claim still joins
    assert not any("roll" in e for *_, e in people.edges(data="evidence"))
    assert not set(listed[2:]) & set(people)


def test_a_makers_name_borne_by_two_people_joins_no_one():
    full = _people_graph()
    _node(full, "ann2", "person", label="Ann")  # a second Ann: "Ann" is ambiguous now
    people = build_lenses(full)["people"]
    assert not people.has_edge("ann", "cy") and not people.has_edge("ann2", "cy")
    assert people.has_edge("ann", "bob")


def test_communities_and_sizes_do_not_depend_on_insertion_order():
    def cliques(order: list[str]) -> nx.DiGraph:
        full = nx.DiGraph()
        _node(full, "doc", "document", identifier="d.txt")
        names = [f"{side}{i}" for side in "ab" for i in range(4)]
        for name in (names if order == "forward" else names[::-1]):
            _node(full, name, "person")
        line = 0
        for side in "ab":
            for i in range(4):
                for j in range(i + 1, 4):
                    line += 1
                    claim = _claim(full, f"c{side}{i}{j}", "d.txt", line)
                    _edge(full, claim, f"{side}{i}", "mentions")
                    _edge(full, claim, f"{side}{j}", "mentions")
        bridge = _claim(full, "bridge", "d.txt", 99)
        _edge(full, bridge, "a0", "mentions")
        _edge(full, bridge, "b0", "mentions")
        return full

    one, two = (build_lenses(cliques(order))["people"] for order in ("forward", "backward"))
    assert dict(one.nodes(data=True)) == dict(two.nodes(data=True))
    community = dict(one.nodes(data="community"))
    assert community["a1"] == community["a3"] != community["b1"] == community["b3"]
    assert {community[n] for n in one} == {1, 2}
    size = dict(one.nodes(data="size"))
    assert size["a0"] > size["a1"] and min(size.values()) >= 6 and max(size.values()) == 30


def _sources_graph() -> nx.DiGraph:
    full = nx.DiGraph()
    _node(full, "doc1", "document", identifier="d1.txt")
    _node(full, "doc2", "document", identifier="d2.txt")
    for node, cited in (("file", 2), ("inventory", 0), ("fond", 0), ("book", 1), ("shelf", 0)):
        _node(full, node, "work", cited=cited)
    _node(full, "archive", "organization")
    _node(full, "publisher", "organization")
    _node(full, "writer", "person")
    _claim(full, "n2", "d1.txt", 8, kind="passage")
    _claim(full, "n1", "d1.txt", 3, kind="passage")
    _claim(full, "q1", "d2.txt", 5)
    _edge(full, "n1", "file", "cites")
    _edge(full, "n2", "file", "cites")
    _edge(full, "q1", "book", "cites")
    _edge(full, "file", "inventory", "part of")
    _edge(full, "inventory", "fond", "part of")
    for level in ("file", "inventory", "fond"):  # the graph says the archive holds each
        _edge(full, level, "archive", "held by")
    _edge(full, "book", "writer", "author")
    _edge(full, "book", "publisher", "publisher")
    _edge(full, "shelf", "writer", "editor")  # a work no claim cites
    for claim, doc in (("n1", "doc1"), ("n2", "doc1"), ("q1", "doc2")):
        _edge(full, claim, doc, "in document")
    return full


def test_sources_run_from_documents_to_cited_works_to_fonds_archives_and_authors():
    sources = build_lenses(_sources_graph())["sources"]
    assert sources.edges["doc1", "file"] == {"kind": "cites", "kinds": "cites", "weight": 2,
                                             "evidence": ["n1", "n2"]}
    assert sources.edges["doc2", "book"]["evidence"] == ["q1"]
    assert sources.edges["file", "inventory"] == {"kind": "part of", "kinds": "part of",
                                                  "weight": 1, "evidence": []}
    assert sources.edges["inventory", "fond"]["kind"] == "part of"
    # the archive opens fond by fond: only the top of the chain is drawn as held by it
    assert sources.edges["fond", "archive"]["kind"] == "held by"
    assert set(sources["archive"]) == {"fond"}
    assert sources.edges["book", "writer"] == {"kind": "author", "kinds": "author",
                                               "weight": 1, "evidence": []}
    # an uncited work, a publisher: not drawn
    assert "shelf" not in sources and "publisher" not in sources
    assert "1 work that no claim cites" in sources.graph["note"]
    size = dict(sources.nodes(data="size"))
    # the archive holds both citations of its file; the book has one
    assert size["archive"] == size["fond"] == size["file"] == size["doc1"] > size["book"]
    silent = _sources_graph()
    _node(silent, "doc3", "document", identifier="d3.txt")
    _edge(silent, _claim(silent, "n9", "d3.txt", 1, kind="passage"), "doc3", "in document")
    note = build_lenses(silent)["sources"].graph["note"]
    assert "1 work that no claim cites, directly or through a part and 1 document" in note


def test_topics_are_joined_by_the_vocabulary_and_by_claims_about_both():
    full = nx.DiGraph()
    _node(full, "doc", "document", identifier="d.txt")
    for topic in ("purge", "party", "army", "navy", "famine", "lonely"):
        _node(full, topic, "topic")
    _edge(full, "army", "navy", "related")
    _edge(full, "purge", "party", "broader")
    for line in range(1, MIN_SHARED + 1):  # enough claims about purge and army
        claim = _claim(full, f"c{line}", "d.txt", line)
        _edge(full, claim, "purge", "about")
        _edge(full, claim, "army", "about")
    once = _claim(full, "once", "d.txt", 40)  # one claim only: famine and party stay apart
    _edge(full, once, "famine", "about")
    _edge(full, once, "party", "about")
    wide = _claim(full, "wide", "d.txt", 50)
    many = [f"t{i}" for i in range(TOPICS_LIST_SIZE + 1)]
    for topic in many:
        _node(full, topic, "topic")
    for _ in range(MIN_SHARED):
        for topic in many:
            _edge(full, wide, topic, "about")
    topics = build_lenses(full)["topics"]
    assert topics.edges["purge", "army"] == {
        "kind": "shared claims", "kinds": "shared claims", "weight": MIN_SHARED,
        "evidence": [f"c{line}" for line in range(1, MIN_SHARED + 1)]}
    assert topics.edges["army", "navy"] == {"kind": "related", "kinds": "related",
                                            "weight": 1, "evidence": []}
    assert topics.edges["purge", "party"]["kind"] == "broader"
    assert not topics.has_edge("famine", "party")
    assert "famine" not in topics and "lonely" not in topics and not set(many) & set(topics)


def test_the_claims_lens_is_the_whole_graph_but_topics_with_each_claim_as_its_own_evidence():
    full = _people_graph()
    _node(full, "stray", "person")  # isolated: the claims lens still holds it
    _node(full, "purge", "topic")  # topics and "about" links are the Topics lens's
    _edge(full, "c1", "purge", "about")
    _node(full, "fond", "work")  # holds a cited work, cited by no claim: the Sources lens's
    _node(full, "press", "organization")
    _node(full, "ledger", "work")
    _edge(full, "c1", "ledger", "cites")
    _edge(full, "ledger", "fond", "part of")
    _edge(full, "ledger", "press", "publisher")
    _edge(full, "q1", "c1", "shares text")
    _edge(full, "c1", "q1", "found in")
    measure(full)
    claims = build_lenses(full)["claims"]
    assert set(claims) == set(full) - {"purge", "fond", "press"} and "stray" in claims
    assert "ledger" in claims
    assert "about" not in {kind for *_, kind in claims.edges(data="kind")}
    assert claims.edges["ann", "c1"]["evidence"] == ["c1"]
    assert claims.edges["doc1", "c0"] == {"kind": "in document", "kinds": "in document",
                                          "weight": 1, "evidence": ["c0"]}
    both = claims.edges["c1", "q1"]
    assert both["kinds"] == "found in; shares text" and both["evidence"] == ["c1", "q1"]
    assert claims.nodes["ann"] == {k: full.nodes["ann"][k] for k in ("size", "community")}


def test_build_lenses_gives_every_lens_in_order():
    lenses = build_lenses(_people_graph())
    assert tuple(lenses) == LENS_NAMES == ("people", "sources", "topics", "claims")
    assert all(lens.graph["title"] and lens.graph["note"] for lens in lenses.values())


def test_the_default_lens_is_people_when_enough_are_linked_else_sources_else_claims():
    def lens(nodes: int) -> nx.Graph:
        return nx.path_graph(nodes)

    assert default_lens({"people": lens(12), "sources": lens(40), "claims": lens(90)}) == "people"
    assert default_lens({"people": lens(3), "sources": lens(40), "claims": lens(90)}) == "sources"
    assert default_lens({"people": lens(3), "sources": lens(2), "claims": lens(90)}) == "claims"


def test_an_edge_book_drops_self_links_and_keeps_pairs_unordered():
    book = EdgeBook(("x", "y"))
    book.join("b", "a", "y", "c1")
    book.join("a", "b", "x")
    book.join("a", "a", "x", "c2")
    full = nx.DiGraph()
    _claim(full, "c1", "d.txt", 1)
    lens = book.graph(full, title="T")
    assert list(lens.edges(data=True)) == [("a", "b", {"kind": "x", "kinds": "x; y",
                                                       "weight": 1, "evidence": ["c1"]})]


# -- through the real projection -------------------------------------------------------------


def test_a_quotations_author_in_the_rdf_is_quoted_about_whom_it_mentions():
    """The projection names a quotation's author only as ``made_by``; the lens finds the person."""
    doc, quote = (ox.NamedNode(mint_iri(kind, "x")) for kind in ("document", "claim"))
    speaker, subject = (ox.NamedNode(mint_iri("person", key)) for key in ("a", "b"))
    store = ox.Store()
    store.bulk_extend(ox.Quad(*t) for t in (
        (doc, RDF.type, CG.SourceDocument), (doc, SDO.identifier, ox.Literal("x.txt")),
        (speaker, RDF.type, SDO.Person), (speaker, SDO.name, ox.Literal("Ivan Petrovich Orlov")),
        (subject, RDF.type, SDO.Person), (subject, SDO.name, ox.Literal("Pavel Sidorov")),
        (quote, RDF.type, SDO.Claim), (quote, RDF.type, SDO.Quotation),
        (quote, SDO.text, ox.Literal("Sidorov was my neighbour.")),
        (quote, SDO.isPartOf, doc),
        (quote, CG.lineNumber, ox.Literal("5", datatype=XSD.positiveInteger)),
        (quote, SDO.author, speaker), (quote, SDO.mentions, subject),
    ))
    full = project(store, full=True)
    people = build_lenses(full)["people"]
    assert people.edges[speaker.value, subject.value] == {
        "kind": "quoted about", "kinds": "quoted about", "weight": 1, "evidence": [quote.value]}


def _lenses_of(result) -> tuple[nx.DiGraph, dict[str, nx.Graph]]:
    full = project(result.store(), full=True)
    measure(full)
    return full, build_lenses(full)


def _keep_their_promises(full: nx.DiGraph, lenses: dict[str, nx.Graph]) -> None:
    for name, lens in lenses.items():
        assert set(lens) <= set(full), name
        if name != "claims":
            assert not list(nx.isolates(lens)), name
        assert all(set(attrs) <= {"size", "community"} for _, attrs in lens.nodes(data=True))
        for a, b, attrs in lens.edges(data=True):
            assert set(attrs) == {"kind", "kinds", "weight", "evidence"}
            assert type(attrs["weight"]) is int
            evidence = attrs["evidence"]
            assert all(full.nodes[c]["kind"] in CLAIM_KINDS for c in evidence), (name, a, b)
            order = [(full.nodes[c]["document"], full.nodes[c]["line"], c) for c in evidence]
            assert order == sorted(order) and len(set(evidence)) == len(evidence)
            # the claims lens draws one link per pair, two claims at its ends or not
            assert attrs["weight"] == (1 if name == "claims" else max(1, len(evidence)))
            assert attrs["kind"] == attrs["kinds"].split("; ")[0]
        for a, b, evidence in lenses["people"].edges(data="evidence"):
            assert evidence, (a, b)  # every link between people rests on claims
    assert {full.nodes[n]["kind"] for n in lenses["people"]} <= {"person"}
    assert {full.nodes[n]["kind"] for n in lenses["topics"]} <= {"topic"}


def test_the_fixture_corpus_lenses_keep_their_promises(fixture_build):
    full, lenses = _lenses_of(fixture_build)
    assert lenses["sources"].number_of_edges() > 10
    _keep_their_promises(full, lenses)


def test_the_shared_corpus_opens_on_people_joined_by_claims_that_name_both(corpus_out):
    """On ../shared/corpus the people lens links hundreds of people; the two NKVD chiefs
    are joined by claims whose text names them both."""
    _, result = corpus_out
    full, lenses = _lenses_of(result)
    _keep_their_promises(full, lenses)
    people = lenses["people"]
    assert people.number_of_nodes() > 200 and default_lens(lenses) == "people"
    named = {full.nodes[n]["label"]: n for n in people}
    yezhov = next(n for label, n in named.items() if "Yezhov" in label)
    frinovsky = next(n for label, n in named.items() if label.startswith("Mikhail Frinovsk"))
    edge = people.edges[yezhov, frinovsky]
    assert edge["weight"] >= 5 and "mentioned with" in edge["kinds"]
    both = [c for c in edge["evidence"]
            if "Frinovsk" in full.nodes[c]["text"] and "zhov" in full.nodes[c]["text"]]
    assert len(both) >= 4
    # the same graph built in another order colours and sizes every person the same
    again = nx.DiGraph()
    again.add_nodes_from(reversed(list(full.nodes(data=True))))
    again.add_edges_from(reversed(list(full.edges(data=True))))
    assert dict(build_lenses(again)["people"].nodes(data=True)) == dict(people.nodes(data=True))


def test_a_lens_larger_than_a_page_keeps_its_best_connected_nodes(monkeypatch):
    import graph_builder.view.lenses as lenses

    full = _people_graph()
    measure(full)
    whole = build_lenses(full)["claims"]
    monkeypatch.setattr(lenses, "PAGE_LIMIT", 3)
    claims = build_lenses(full)["claims"]
    assert claims.number_of_nodes() == 3 < whole.number_of_nodes()
    assert f"The 3 best-connected of {whole.number_of_nodes()} nodes are drawn" in (
        claims.graph["note"])
    assert "best-connected" not in whole.graph["note"]


def test_building_lenses_leaves_the_cycle_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    build_lenses(_people_graph())
    assert gc.isenabled()
    gc.disable()
    try:
        build_lenses(_people_graph())
        assert not gc.isenabled()
    finally:
        gc.enable()
