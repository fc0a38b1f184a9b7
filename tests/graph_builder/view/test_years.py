"""Issue 18: the year slider shows what the graph dates, and nothing it does not."""

from __future__ import annotations

import networkx as nx

from graph_builder.view.measure import measure
from graph_builder.view.projection import project
from graph_builder.view.years import node_years


def _full(*nodes: tuple[str, dict]) -> nx.DiGraph:
    full = nx.DiGraph()
    for node, attrs in nodes:
        full.add_node(node, label=node, **attrs)
    return full


def test_works_are_dated_by_their_year_of_publication():
    full = _full(("plain", {"kind": "work", "year": "1992"}),
                 ("dated", {"kind": "work", "year": "1973-05-01"}),
                 ("undated", {"kind": "work"}),
                 ("garbled", {"kind": "work", "year": "the 1930s"}))
    assert node_years(full) == {"plain": (1992, 1992), "dated": (1973, 1973)}


def test_people_span_their_lives_and_one_known_date_stands_alone():
    full = _full(("both", {"kind": "person", "born": "1895 or 1896", "died": "1940"}),
                 ("born", {"kind": "person", "born": "1901"}),
                 ("died", {"kind": "person", "died": "1938-02-15"}),
                 ("unknown", {"kind": "person"}),
                 ("contradicted", {"kind": "person", "born": "1950", "died": "1920"}))
    assert node_years(full) == {"both": (1895, 1940), "born": (1901, 1901),
                                "died": (1938, 1938)}


def test_figure_groups_are_dated_by_the_time_they_measure():
    full = _full(("range", {"kind": "figures", "key": "member | expel | 1937-1938"}),
                 ("numbered", {"kind": "figures", "key": "(thing not named) | arrest | 1933 (2)"}),
                 ("placed", {"kind": "figures", "key": "member | expel | 1936 | party"}),
                 ("timeless", {"kind": "figures", "key": "ruble | (event not named) | "}),
                 ("short", {"kind": "figures", "key": "2000 | 1999"}))
    assert node_years(full) == {"range": (1937, 1938), "numbered": (1933, 1933),
                                "placed": (1936, 1936)}


def test_claims_documents_and_topics_stay_undated_whatever_their_text_says():
    full = _full(("claim", {"kind": "quotation", "text": "In 1937 the harvest failed.",
                            "cited_work": "A History (1990)", "line": 1937}),
                 ("doc", {"kind": "document", "title": "Speeches of 1936"}),
                 ("topic", {"kind": "topic", "name": "Census of 1939"}))
    assert node_years(full) == {}


def test_the_fixture_corpus_dates_works_and_only_dateable_kinds(fixture_build):
    full = project(fixture_build.store(), full=True)
    measure(full)
    years = node_years(full)
    kinds = {full.nodes[n]["kind"] for n in years}
    assert "work" in kinds and kinds <= {"work", "person", "figures"}
    assert all(1000 <= first <= last <= 2100 for first, last in years.values())
    for node, (first, _) in years.items():
        if full.nodes[node]["kind"] == "work":
            assert str(first) in full.nodes[node]["year"]
