from graph_builder.pipeline import build_graph
from graph_builder.query.sparql import run_query
from graph_builder.records import (
    Citation,
    Document,
    DocumentLayout,
    Extraction,
    PersonName,
    Reference,
    Resolution,
    Span,
)
from graph_builder.resolve import resolve
from graph_builder.works import archival_chain, link_documents, main_title


def _select(store, sparql):
    return sorted(tuple(row[v.value].value for v in result.variables)
                  for result in [run_query(store, sparql).value] for row in result)


def test_works_main_title_drops_subtitle_but_not_a_bare_year():
    assert main_title("Origins of the Great Purges: The Soviet Communist Party Reconsidered") == \
        main_title("Origins of the Great Purges")
    assert main_title("1937: Stalin, NKVD i sovetskoe obshchestvo") != main_title("1937: Other")


def test_works_archival_levels_nest_and_share_parents():
    result = Resolution()
    a = archival_chain(result, Reference("x", archive="RGASPI", archive_location="f. 17, op. 2, "
                                         "d. 453, l. 3", fond="17", opis="2", delo="453",
                                         folio="3"), "d.txt")
    b = archival_chain(result, Reference("y", archive="RGASPI", archive_location="f. 17, op. 3, "
                                         "d. 965", fond="17", opis="3", delo="965"), "d.txt")
    names = {w.key: w.title for w in result.works.values()}
    assert names[a] == "RGASPI, f. 17, op. 2, d. 453, l. 3"
    assert names[b] == "RGASPI, f. 17, op. 3, d. 965"
    fonds = [w for w in result.works.values() if w.kind == "fond"]
    assert len(fonds) == 1 and fonds[0].title == "RGASPI, f. 17"
    assert {w.holding for w in result.works.values() if w.kind != "archive"} == {"archive|rgaspi"}


def test_works_archive_hierarchy_is_queryable(tmp_path):
    (tmp_path / "doc.txt").write_text(
        "Decrees\n\nA passage of the resolution text, which is a sentence.\n\n"
        "Source: RGASPI, f. 17, op. 3, d. 965, ll. 30, 63-64.\n", encoding="utf-8")
    store = build_graph(tmp_path).store()
    rows = _select(store, """SELECT ?name WHERE {
        ?fond a cg:ArchivalFond ; schema:name "RGASPI, f. 17" ;
              schema:holdingArchive/schema:name "RGASPI" .
        ?cit cito:hasCitedEntity ?file . ?file schema:isPartOf+ ?fond ; schema:name ?name }""")
    assert rows == [("RGASPI, f. 17, op. 3, d. 965, ll. 30, 63-64",)]


def test_works_cited_work_links_to_the_corpus_document_that_is_it():
    book = Document("book.txt", None, "The Road to Nowhere\n\nJane Doe and John Roe\n\nText.",
                    "utf-8", "0")  # type: ignore[arg-type]
    assert resolve([], [book]).works == {}
    cit = Citation("c.txt", Span(0, 1), "x", 1, Reference(
        "x", kind="book", authors=(PersonName("Doe", "Jane"),), title="The Road to Nowhere",
        year="1999"))
    result = resolve([Extraction(DocumentLayout(book, "book", []), citations=[cit])], [book])
    [work] = result.works.values()
    assert work.examples == {"book.txt"}
    link_documents(result, [book])  # idempotent
    assert work.examples == {"book.txt"}
