"""One work however it is cited: bare co-author surnames meet the persons a full citation
of the same title and year named, and the work keeps its fullest title."""

from collections import Counter

from graph_builder.records import (
    Citation,
    Document,
    DocumentLayout,
    Extraction,
    PersonName,
    Reference,
    Span,
)
from graph_builder.resolve import fullest_title, resolve

DOC = Document("notes.txt", None, "x", "utf-8", "0")  # type: ignore[arg-type]


def _resolve(*refs: Reference):
    citations = [Citation("notes.txt", Span(i, i + 1), r.text, i + 1, r)
                 for i, r in enumerate(refs)]
    return resolve([Extraction(DocumentLayout(DOC, "book", []), citations=citations)], [DOC])


def _book(authors, title, year="1988"):
    return Reference("x", kind="book", authors=tuple(PersonName(f, g) for f, g in authors),
                     title=title, year=year)


def test_bare_coauthors_join_the_full_citation_of_the_same_work():
    full = _book([("Marsh", "Edith A."), ("Kovel", "Ivan P.")],
                 "The Lantern Years: Printers and Censors, 1820-1850")
    bare = _book([("Marsh", ""), ("Kovel", "")], "The Lantern Years")
    other_kovel = _book([("Kovel", "Dora M.")], "Harbour Ledgers", "1975")
    result = _resolve(bare, other_kovel, full, bare)
    books = [w for w in result.works.values() if "Lantern" in w.title]
    assert len(books) == 1
    [kovel] = [result.persons[k] for k in books[0].authors if k.startswith("kovel")]
    assert kovel.given == "Ivan P." and "Kovel" in kovel.surface_forms
    assert not [p for p in result.persons.values() if p.family == "Kovel" and not p.given]


def test_bare_surnames_of_another_year_make_no_guess():
    full = _book([("Marsh", "Edith A."), ("Kovel", "Ivan P.")], "The Lantern Years")
    later = _book([("Marsh", ""), ("Kovel", "")], "The Lantern Years", "2001")
    other = _book([("Kovel", "Dora M.")], "Harbour Ledgers", "1975")
    result = _resolve(full, later, other)
    assert len([w for w in result.works.values() if "Lantern" in w.title]) == 2


def test_the_fullest_title_names_the_work():
    assert fullest_title(Counter({"Ropes and Rigging: 1790-1810": 5,
                                  "Ropes and Rigging: The Sailmakers' Guild, 1789–1810": 2})
                         ) == "Ropes and Rigging: The Sailmakers' Guild, 1789–1810"
    assert fullest_title(Counter({"The Quiet Harbour": 3, "The quiet harbour": 1})
                         ) == "The Quiet Harbour"
    short, full = "Coastal Tides: 1801-1830", "Coastal Tides: Trade and its Law, 1800–1830"
    result = _resolve(*(_book([("Marsh", "Edith")], t) for t in (short, short, full)))
    [work] = result.works.values()
    assert work.title == full
    assert set(work.title_forms) == {short, full}
