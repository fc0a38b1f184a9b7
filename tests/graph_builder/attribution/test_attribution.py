# ruff: noqa: E501 - the invented compilation keeps one paragraph per line, as its shape needs
"""Issue 15: who said it. Each basis of attribution on invented sentences (a compilation
about Victorian Britain and Bismarck's Prussia), the inner quotations a claim attributes,
and what must stay nobody's."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.attribution.headnotes import headnote_speaker
from graph_builder.attribution.inner_quotes import inner_quotes, quote_pairs
from graph_builder.pipeline import build_graph
from graph_builder.records import AttributionBasis, ClaimKind, PersonMention, Span

COMPILATION = """\
Free Trade and Its Enemies: A Compilation

THE CORN LAWS DIVIDED THE COUNTRY

The repeal of 1846 split the Conservative party for a generation, and the landed members never forgave Sir Robert Peel, who had carried it through the Commons against them, while Richard Cobden, Otto von Bismarck, Henry Brougham and the potter Josiah Wedgwood watched from afar.
Ashworth, Henrietta. The Long Repeal. London: Hollis Press, 1987, p. 112

[From Cobden's speech at Manchester, 15 January 1843]
We ask for nothing but the liberty to buy bread where it is cheapest and to sell our labour where it is dearest.
Ashworth, Henrietta. The Long Repeal. London: Hollis Press, 1987, p. 64

[Letter from Bismarck to Roon, 12 July 1866]
The army must be ready within the week, and the king must not be told more than he needs to hear.
Hartmann, Ulrich. Blood and Iron Letters. Leipzig: Adler Verlag, 1931, p. 9

[Circular of the Board of Trade, 1842, on the price of grain]
All returns of the grain markets are to be sent to this office every Friday without fail.
Ashworth, Henrietta. The Long Repeal. London: Hollis Press, 1987, p. 80

The docks were quiet that winter and the mills worked short time until the spring orders came in.
Morley, Arthur. Gladstone Remembers: Talks at Hawarden. London: Pell, 1899, p. 41

I kept a fire in the study even in August, for the house was damp and my hands were old.
Pemberton, Lucy, ed. The Diary of Josiah Wedgwood. London: Pell, 1910, p. 77

GLADSTONE: Will the honourable member tell the House what the duty would yield?
DISRAELI: More than the right honourable gentleman has ever collected.
Morley, Arthur. Gladstone Remembers: Talks at Hawarden. London: Pell, 1899, p. 90

Peel was tired and ill by the end of the session. Cobden told the meeting at Rochdale: "The landlords have had their day, and the day is over." Later the same week “we shall not yield an inch to the mob,” said Brougham. Brougham, one of the old guard, was furious. He said, “This is a betrayal of every man who voted for the minister.” Peel answered that “the country had been saved from famine,” and left. “The sums are wrong again!” Cobden said that the figures came from the Board of Trade.
Ashworth, Henrietta. The Long Repeal. London: Hollis Press, 1987, p. 140
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "repeal.txt").write_text(COMPILATION, encoding="utf-8")
    result = build_graph(folder)
    claims = result.extractions[0].claims
    return result, claims


def _said(result, claim):
    attribution = result.resolution.attributions.get(claim.key)
    if attribution is None:
        return None, []
    return attribution.basis, [result.resolution.persons[k].family for k in attribution.persons]


def _quote(claims, start):
    return next(c for c in claims if c.kind is ClaimKind.QUOTATION
                and c.text.lstrip("[").startswith(start))


def test_attribution_default_is_the_cited_author_and_marked_so(built):
    result, claims = built
    quote = _quote(claims, "The repeal of 1846")
    assert _said(result, quote) == (AttributionBasis.CITED_AUTHOR, ["Ashworth"])
    evidence = result.resolution.attributions[quote.key].evidence  # the name in the reference
    assert evidence.slice(result.documents[0].text) == "Ashworth"


def test_attribution_headnote_names_the_speaker_not_the_historian(built):
    result, claims = built
    basis, who = _said(result, _quote(claims, "From Cobden"))
    assert (basis, who) == (AttributionBasis.HEADNOTE, ["Cobden"])
    attribution = result.resolution.attributions[_quote(claims, "From Cobden").key]
    assert attribution.evidence.slice(result.documents[0].text) == "Cobden"


def test_attribution_a_letter_is_its_writers_not_its_addressees(built):
    result, claims = built
    assert _said(result, _quote(claims, "Letter from Bismarck")) == (
        AttributionBasis.HEADNOTE, ["Bismarck"])


def test_attribution_a_document_of_a_body_is_nobodys_not_the_historians(built):
    result, claims = built
    assert _said(result, _quote(claims, "Circular of the Board")) == (None, [])


def test_attribution_a_work_that_holds_its_subjects_words(built):
    result, claims = built
    assert _said(result, _quote(claims, "The docks were quiet")) == (
        AttributionBasis.WORK_SUBJECT, ["Gladstone"])
    assert _said(result, _quote(claims, "I kept a fire")) == (
        AttributionBasis.WORK_SUBJECT, ["Wedgwood"])


def test_attribution_a_dialogue_has_no_one_speaker_but_its_turns_keep_theirs(built):
    result, claims = built
    dialogue = _quote(claims, "GLADSTONE:")
    assert _said(result, dialogue) == (None, [])
    turns = [c for c in claims if c.kind is ClaimKind.TURN and c.parent is dialogue]
    assert [_said(result, t) for t in turns] == [
        (AttributionBasis.SPEAKER_LABEL, ["Gladstone"]),
        (AttributionBasis.SPEAKER_LABEL, ["Disraeli"])]


def test_attribution_inner_quotations_get_their_own_speaker(built):
    result, claims = built
    outer = _quote(claims, "Peel was tired")
    inner = {c.text: _said(result, c) for c in claims
             if c.kind is ClaimKind.INNER and c.parent is outer}
    assert inner == {
        "The landlords have had their day, and the day is over.":
            (AttributionBasis.IN_TEXT, ["Cobden"]),
        "we shall not yield an inch to the mob,": (AttributionBasis.IN_TEXT, ["Brougham"]),
        "This is a betrayal of every man who voted for the minister.":
            (AttributionBasis.IN_TEXT, ["Brougham"]),
        "the country had been saved from famine,": (AttributionBasis.IN_TEXT, ["Peel"]),
    }  # and '"The sums are wrong again!" Cobden said that ...' starts a new sentence: nobody's
    for claim in claims:
        if claim.kind is ClaimKind.INNER:
            assert claim.span.slice(result.documents[0].text) == claim.text


def _mention(text: str, name: str, person: str, nth: int = 0) -> PersonMention:
    at = -1
    for _ in range(nth + 1):
        at = text.index(name, at + 1)
    return PersonMention("d", Span(at, at + len(name)), name, person, "surname", "")


@pytest.mark.parametrize(("note", "names", "speaker"), [
    ("Kossuth to the Diet, 1848", ["Kossuth"], "Kossuth"),
    ("Comments on Deak's proposal by Andrassy", ["Deak", "Andrassy"], "Andrassy"),
    ("In a speech at Pest Kossuth said", ["Kossuth"], "Kossuth"),
    ("Kossuth's arrest, 1851", ["Kossuth"], None),  # what happened to him: no speech
    ("Reply to Kossuth from the Palatine's office", ["Kossuth"], None),
])
def test_attribution_headnote_speaker_rules(note, names, speaker):
    text = f"[{note}]"
    mentions = [_mention(text, n, n) for n in names]
    found = headnote_speaker(text, Span(1, len(text) - 1), mentions)
    assert (found.person if found else None) == speaker


def test_attribution_a_pronoun_needs_one_person_in_the_sentence_before():
    text = ("Tisza met Andrassy at the station. He said, “The crown will not wait for the "
            "ministers this time.”")
    mentions = [_mention(text, "Tisza", "Tisza"), _mention(text, "Andrassy", "Andrassy")]
    assert inner_quotes(text, Span(0, len(text)), mentions) == []


def test_attribution_single_quotes_and_apostrophes():
    text = "Kossuth’s answer was short: ‘We will not bargain for the nation’s rights.’ He left."
    assert [(a, b) for a, b in quote_pairs(text, Span(0, len(text)))] == [
        (text.index("‘"), text.rindex("’"))]


def test_attribution_in_the_graph_with_basis_and_evidence(built, tmp_path):
    from graph_builder.outputs import write_outputs
    from graph_builder.query.sparql import run_query
    from graph_builder.query.store import open_store

    result, _ = built
    write_outputs(result, tmp_path, Path("repeal"))
    answer = run_query(open_store(tmp_path), """
        PREFIX schema: <https://schema.org/> PREFIX cg: <https://w3id.org/claimgraph/ns#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?family ?basis ?exact WHERE {
          ?c schema:author ?p ; cg:attributionBasis ?basis ; cg:attributionEvidence ?a .
          ?p schema:familyName ?family .
          ?a oa:hasBody ?p ; oa:hasTarget/oa:hasSelector/oa:exact ?exact .
          FILTER(?basis = "headnote") }""")
    assert {(r[0].value, r[1].value, r[2].value) for r in answer.value} == {
        ("Cobden", "headnote", "Cobden"), ("Bismarck", "headnote", "Bismarck")}


def test_attribution_a_label_that_is_a_given_name_and_patronymic(tmp_path):
    text = ("Audiences at the Treasury\n\n"
            "THE TSAR HEARD HIS TREASURER\n\n"
            "Fyodor Mikhailovich Rtishchev kept the accounts of the court for twenty years.\n"
            "TSAR: What is left in the chest?\n"
            "FYODOR MIKHAILOVICH: Less than the army needs and more than the boyars think.\n"
            "Orlova, Irina. Audiences at Court. Moscow: Nauka, 1975, p. 12\n")
    (tmp_path / "court.txt").write_text(text, encoding="utf-8")
    result = build_graph(tmp_path)
    [turn] = [c for c in result.extractions[0].claims
              if c.kind is ClaimKind.TURN and c.speaker == "FYODOR MIKHAILOVICH"]
    assert _said(result, turn) == (AttributionBasis.SPEAKER_LABEL, ["Rtishchev"])


def test_attribution_a_short_question_hands_its_speaker_to_the_quote_after_it():
    text = ("The minister looked up. “Is that so?” Tisza asked dryly. “And who signed the "
            "order for the arrests?”")
    mentions = [_mention(text, "Tisza", "Tisza")]
    [quote] = inner_quotes(text, Span(0, len(text)), mentions)
    assert quote.words.slice(text).startswith("And who signed") and quote.speaker.person == "Tisza"


def test_attribution_the_words_after_a_quote_do_not_reach_into_the_next_paragraph():
    text = ("“The treasury is empty, the army unpaid and the harvest lost!”\n\n"
            "Tisza went on to blame the governors of every county.")
    mentions = [_mention(text, "Tisza", "Tisza")]
    assert inner_quotes(text, Span(0, len(text)), mentions) == []
