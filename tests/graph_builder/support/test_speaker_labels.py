"""Issue 13: one speaker-label rule, the same for every stage that meets a label.

Segmentation decides which lines are turns, the citation spotter refuses them, the
mention finder marks their labels and resolution makes persons of them; all of
them answer by ``graph_builder.support.speaker_labels``. Every line is made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import graph_builder.read.segment as segment_module
import graph_builder.resolve as resolve_module
from graph_builder.people.mentions import find_person_mentions
from graph_builder.read.claims import extract_claims
from graph_builder.read.segment import segment
from graph_builder.records import BlockKind, Document
from graph_builder.references import is_citation_line
from graph_builder.resolve import resolve
from graph_builder.support import speaker_labels
from graph_builder.support.speaker_labels import is_person_label, speaker_label

HEARING = """\
A made-up hearing of the grain commission

KOVALENKO: The stores were empty by noon.
QUESTION: Who signed the order?
KOVALENKO: Nobody I could name.
VOICE FROM THE BACK: Shame!
SIGNED: the clerk of the commission.
NOTE: the recording breaks off here.
EDITOR’S NOTE: two pages are missing.
Marchenko: We shall see about that.
Marchenko: Write it down, please.
HOLUB: See Petrenko, Ivan. A Made-up Chronicle. Kyiv: Nauka, 1931, p. 4.
"""


def _document(text: str) -> Document:
    return Document("hearing.txt", Path("hearing.txt"), text, "utf-8", "")


def test_every_stage_asks_the_one_rule():
    assert segment_module.speaker_label is speaker_label
    assert resolve_module.is_person_label is is_person_label


def test_speaker_labels_turns_mentions_and_persons_agree():
    document = _document(HEARING)
    layout = segment(document)
    turns = [b for b in layout.blocks if b.kind is BlockKind.TURN]
    assert [b.speaker for b in turns] == [
        "KOVALENKO", "QUESTION", "KOVALENKO", "VOICE FROM THE BACK", "Marchenko", "Marchenko",
        "HOLUB"]
    # the spotter refuses a turn, though its speech is shaped like a reference
    assert not any(is_citation_line(b.text) for b in turns)
    assert is_citation_line(turns[-1].text.split(": ", 1)[1])
    # the mention finder marks exactly the turns whose label names a person
    speakers = [(m.start, m.text) for m in find_person_mentions(HEARING) if m.kind == "speaker"]
    assert speakers == [(b.span.start, b.speaker) for b in turns if is_person_label(b.speaker)]
    assert [text for _, text in speakers] == [
        "KOVALENKO", "KOVALENKO", "Marchenko", "Marchenko", "HOLUB"]
    # and resolution makes persons of the same labels
    resolution = resolve([extract_claims(layout, [])])
    people = {resolution.persons[key].family for key in resolution.speaker_of_claim.values()}
    assert people == {"Kovalenko", "Marchenko", "Holub"}


@pytest.mark.parametrize("line", [
    "SIGNED: the clerk of the commission.", "NOTE: the recording breaks off here.",
    "N.B.: the figures are rounded.", "EDITOR’S NOTE: two pages are missing.",
    "TO COMRADE KOVALENKO: urgent.", "Part II: The Harvest Fails.",
])
def test_parts_of_a_document_are_no_turns(line):
    assert speaker_label(line) is None


@pytest.mark.parametrize(("label", "person"), [
    ("KOVALENKO", True), ("Marchenko", True), ("QUESTION", False), ("VOICES", False),
    ("VOICE FROM THE BACK", False), ("MEMBER OF THE PRESIDIUM", False), ("SIGNED", False),
    ("Défense", False), ("N.B.", False),
])
def test_one_stop_list_for_roles_and_parts(label, person):
    assert is_person_label(label) is person


def test_stop_list_is_one_table_of_roles_and_parts():
    assert set(speaker_labels.NOT_A_PERSON.values()) == {"role", "part"}
    assert speaker_labels.NOT_A_PERSON["question"] == "role"
    assert speaker_labels.NOT_A_PERSON["signed"] == "part"
