"""Archival documents described by title and day before their shelfmark (invented)."""

import pytest

from graph_builder.records import PersonName
from graph_builder.references import parse_reference
from graph_builder.references.documents import document_head, parties
from graph_builder.references.note_split import split_note


@pytest.mark.parametrize(("title", "sender", "addressees"), [
    ("Memo from K. L. Halvorsen to Aasen", PersonName("Halvorsen", "K. L."),
     (PersonName("Aasen", ""),)),
    ("Brandt to Lindqvist", PersonName("Brandt", ""), (PersonName("Lindqvist", ""),)),
    ("Brandt's letter to Lindqvist", PersonName("Brandt", ""), (PersonName("Lindqvist", ""),)),
    ("Memo to Lindqvist", None, (PersonName("Lindqvist", ""),)),
    ("Brandt to Lindqvist and P. Aasen", PersonName("Brandt", ""),
     (PersonName("Lindqvist", ""), PersonName("Aasen", "P."))),
    ("Report of the harbour commission", None, ()),
])
def test_parties_of_a_title(title, sender, addressees):
    assert parties(title) == (sender, addressees)


def test_document_head_before_a_shelfmark():
    lead = "See also Memo from K. Halvorsen to Aasen, 4 March 1921, "
    assert lead[-document_head(lead):] == "Memo from K. Halvorsen to Aasen, 4 March 1921, "
    assert document_head("The harbour was closed for the winter, 1921, ") is None


def test_a_note_keeps_the_document_it_describes():
    body = "Memo from K. Halvorsen to Aasen, 4 March 1921, GARF, f. 5446, op. 1, d. 7, l. 12."
    [piece] = split_note(body)
    assert body[piece.start:piece.end].startswith("Memo from K. Halvorsen")
    ref = parse_reference(body)
    assert (ref.kind, ref.title, ref.date, ref.archive, ref.delo, ref.pages) == (
        "archival", "Memo from K. Halvorsen to Aasen", "1921-03-04", "GARF", "7", "12")


def test_an_archive_spelt_out_is_no_part_of_the_title():
    ref = parse_reference("Letter from K. Halvorsen to Aasen, 4 March 1921, Gosudarstvennyi "
                          "arkhiv Rossiiskoi Federatsii (hereafter GARF), fond 5446, opis' 1, "
                          "delo 7")
    assert (ref.title, ref.archive, ref.delo) == ("Letter from K. Halvorsen to Aasen", "GARF",
                                                  "7")


def test_the_body_that_issued_a_document_is_no_container():
    ref = parse_reference("“O novykh shkolakh,” Sovnarkom decree, 3 May 1931")
    assert (ref.title, ref.container_title) == ("O novykh shkolakh", "")
