"""An archival document cited by title and day is a named schema:ArchiveComponent in its
file, with its sender and addressee (invented text)."""

from graph_builder.pipeline import build_graph
from graph_builder.query.sparql import run_query

BOOK = """The Harbour Commission

Chapter 1. The Winter

The commission sent its first report to the governor in the spring of that year.¹
The governor answered it within a week, and his answer was published.²
The second report went unanswered for a month.³

¹ Memo from K. Halvorsen to Aasen, 4 March 1921, GARF, f. 5446, op. 1, d. 7, l. 12.
² See Memo from K. Halvorsen to Aasen, 4 March 1921, GARF, f. 5446, op. 1, d. 7, l. 14.
³ Report by Halvorsen to Aasen, 9 April 1921, GARF, f. 5446, op. 1, d. 7, ll. 20–21.
"""


def _rows(store, sparql):
    result = run_query(store, sparql).value
    return sorted(tuple(row[v.value].value for v in result.variables) for row in result)


def test_which_memos_did_a_person_send(tmp_path):
    (tmp_path / "harbour.txt").write_text(BOOK, encoding="utf-8")
    store = build_graph(tmp_path).store()
    rows = _rows(store, """SELECT ?title ?day ?to ?file ?archive (COUNT(?c) AS ?cited) WHERE {
        ?doc a schema:ArchiveComponent, schema:Message ; schema:name ?title ;
             schema:author/schema:familyName "Halvorsen" ;
             schema:recipient/schema:familyName ?to ; schema:dateCreated ?day ;
             schema:isPartOf/schema:name ?file ; schema:holdingArchive/schema:name ?archive .
        ?c cito:hasCitedEntity ?doc } GROUP BY ?title ?day ?to ?file ?archive""")
    assert rows == [
        ("Memo from K. Halvorsen to Aasen", "1921-03-04", "Aasen", "GARF, f. 5446, op. 1, d. 7",
         "GARF", "2"),
        ("Report by Halvorsen to Aasen", "1921-04-09", "Aasen", "GARF, f. 5446, op. 1, d. 7",
         "GARF", "1"),
    ]
    leaves = _rows(store, """SELECT ?loc WHERE { ?c cito:hasCitedEntity ?doc ;
        bibo:locator ?loc . ?doc schema:name "Memo from K. Halvorsen to Aasen" }""")
    assert leaves == [("12",), ("14",)]
