import pytest

from graph_builder.people.biography import read_biography
from graph_builder.pipeline import build_graph
from graph_builder.query.sparql import run_query
from graph_builder.records import Block, BlockKind, PersonName, Span


def _bio(text: str):
    return read_biography(Block(BlockKind.BIO_NOTE, Span(0, len(text)), text, 1))


@pytest.mark.parametrize(("line", "name", "born", "died", "fate"), [
    ("- Hidalgo, M. (1753–1811). From 1803, parish priest of Dolores. Shot.",
     PersonName("Hidalgo", "M."), "1753", "1811", "shot"),
    ("- Madero (González), F. I. (1873–1913). From 1911 to 1913, president. Assassinated.",
     PersonName("Madero", "F. I."), "1873", "1913", "assassinated"),
    ("VILLA, Francisco (1878–1923). Commander of the Division of the North.",
     PersonName("Villa", "Francisco"), "1878", "1923", ""),
    ("- Zapata, E. (1879–19). Leader of the southern army. Killed.",
     PersonName("Zapata", "E."), "1879", "1919", "killed"),
    # a fate with its date or place is a fate, not an office; several are kept in order
    ("- Ezhov, N. I. (1895–1940). From 1936, commissar. Executed on 4 February 1940.",
     PersonName("Ezhov", "N. I."), "1895", "1940", "executed on 4 February 1940"),
    ("- Rudzutak, Ia. E. (1887–1938). Arrested in 1937. Shot in 1938 near Moscow.",
     PersonName("Rudzutak", "Ia. E."), "1887", "1938",
     "arrested in 1937; shot in 1938 near Moscow"),
    ("- Kirov, S. M. (1886–1934). Died in an automobile accident.",
     PersonName("Kirov", "S. M."), "1886", "1934", "died in an automobile accident"),
    # a sentence that starts with a fate word and goes on to tell more is an office
    ("- Tivel, A. (1899–1937). Arrested in 1932, released in 1935, and worked on.",
     PersonName("Tivel", "A."), "1899", "1937", ""),
    ("- Kamo, S. (1882–1922). Shot-putter and courier of the party.",
     PersonName("Kamo", "S."), "1882", "1922", ""),
])
def test_biography_reads_name_dates_and_fate(line, name, born, died, fate):
    bio = _bio(line)
    assert (bio.name, bio.born, bio.died, bio.fate) == (name, born, died, fate)


def test_biography_offices_keep_their_years():
    bio = _bio("- Obregón, A. (1880–1928). From 1920 to 1924, president. From 1928, "
               "president-elect. Assassinated.")
    assert [(o.text, o.start, o.end) for o in bio.offices] == [
        ("From 1920 to 1924, president", "1920", "1924"),
        ("From 1928, president-elect", "1928", "")]


def test_biography_needs_a_name_with_dates():
    assert _bio("- Discipline: development of; and the opposition") is None


def test_biography_dates_reach_the_graph_and_keep_namesakes_apart(tmp_path):
    (tmp_path / "b.txt").write_text(
        "Notes on People\n\nSome prose about the period, in a sentence.\n\n"
        "- Carranza, V. (1859–1920). From 1917 to 1920, president. Assassinated.\n"
        "- Carranza, V. (1901–1960). Engineer in Coahuila.\n", encoding="utf-8")
    result = build_graph(tmp_path)
    rows = run_query(result.store(), """SELECT ?born ?fate ?exact WHERE {
        ?p a schema:Person ; schema:birthDate ?born . OPTIONAL { ?p cg:fate ?fate }
        ?a oa:hasBody ?p ; oa:hasTarget/oa:hasSelector/oa:exact ?exact } ORDER BY ?born""").value
    rows = [(r["born"].value, r["fate"].value if r["fate"] else "", r["exact"].value[:16])
            for r in rows]
    assert rows == [("1859", "assassinated", "- Carranza, V. ("), ("1901", "", "- Carranza, V. (")]
