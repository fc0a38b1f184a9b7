"""One schema:Periodical per periodical, its issues as schema:PublicationIssue (number,
full day as xsd:date) part of it, articles part of their issue (invented texts)."""

from graph_builder.pipeline import build_graph
from graph_builder.query.sparql import run_query

TEXT = """HARBOUR AND TOWN ARE ONE CONCERN

The harbour master reported that the new quay had been finished before the storms.
Vestnik arkhivista, nos. 3–4, 1994, 12–15

The town council voted to pay for the lamps along the quay in the following spring.
*Vestnik arkhivista*, no. 2, 1995, 7

The storm of that week broke the old pier and drowned two of the fishermen.
Halden Gazette, 12 June 1871, p. 3

A second report of the storm gave the number of boats lost as eleven in all.
*Halden Gazette*, 12 June 1871, p. 4

The mayor said that the quay was the best of its kind on the whole northern coast.
J. Kowalski, “Harbour Works, 1860–1890,” *Vestnik arkhivista*, no. 2, 1995, pp. 9–11
"""


def _rows(store, sparql):
    result = run_query(store, sparql).value
    return sorted(tuple(row[v.value].value if row[v.value] is not None else None
                        for v in result.variables) for row in result)


def test_periodicals_issues_and_articles(tmp_path):
    (tmp_path / "harbour.txt").write_text(TEXT, encoding="utf-8")
    store = build_graph(tmp_path).store()
    assert _rows(store, "SELECT ?n WHERE { ?p a schema:Periodical ; schema:name ?n }") == [
        ("Halden Gazette",), ("Vestnik arkhivista",)]
    issues = _rows(store, """SELECT ?n ?no ?d WHERE { ?i a schema:PublicationIssue ;
        schema:name ?n ; schema:isPartOf/a schema:Periodical .
        OPTIONAL { ?i schema:issueNumber ?no } OPTIONAL { ?i schema:datePublished ?d } }""")
    assert issues == [("Halden Gazette, 12 June 1871", None, "1871-06-12"),
                      ("Vestnik arkhivista, no. 2, 1995", "2", "1995"),
                      ("Vestnik arkhivista, nos. 3-4, 1994", "3-4", "1994")]
    day = _rows(store, """SELECT ?dt WHERE { ?i a schema:PublicationIssue ;
        schema:datePublished ?d . BIND(DATATYPE(?d) AS ?dt) FILTER(YEAR(?d) = 1871) }""")
    assert day == [("http://www.w3.org/2001/XMLSchema#date",)]
    article = _rows(store, """SELECT ?issue WHERE { ?a schema:name "Harbour Works, 1860–1890" ;
        schema:isPartOf/schema:name ?issue }""")
    assert article == [("Vestnik arkhivista, no. 2, 1995",)]
    cited = _rows(store, """SELECT ?n (COUNT(?c) AS ?k) WHERE { ?c cito:hasCitedEntity ?i .
        ?i a schema:PublicationIssue ; schema:name ?n } GROUP BY ?n""")
    assert ("Halden Gazette, 12 June 1871", "2") in cited
