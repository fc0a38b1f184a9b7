"""Person recognition makes no person of what is not one: bodies, places, periodicals,
titles of works, editors' notes, headings of minutes and greetings, in several languages
and periods. Every sentence here is invented; each keeps a real name beside the
non-person, so a rule that refused everything would fail too."""

from __future__ import annotations

import pytest

from graph_builder.people.mention_context import TextLines
from graph_builder.people.mentions import find_person_mentions
from graph_builder.people.non_person_words import not_a_name
from graph_builder.people.work_context import in_publication_slot, quoted_titles
from graph_builder.support.speaker_labels import is_person_label, speaker_label


def names(text: str) -> list[str]:
    return [m.text for m in find_person_mentions(text)]


@pytest.mark.parametrize(("text", "persons"), [
    # periodicals: generic nouns of papers in English, Polish, German, Russian, Italian
    ("The essay by Walter Brandes ran in the Atlantic Monthly that spring.", ["Walter Brandes"]),
    ("A reporter of Polska Gazeta met Jan Kowalczyk at the station.", ["Jan Kowalczyk"]),
    ("Lotte Berger wrote for the Frankfurter Zeitung and for Neue Rundschau.", ["Lotte Berger"]),
    ("Ivan Sorokin read Krasnaya Pravda aloud every morning.", ["Ivan Sorokin"]),
    ("The Gazzetta Piemontese printed a letter by Carlo Ferrero.", ["Carlo Ferrero"]),
    ("Meanwhile Baltimore Weekly reprinted the speech of Amos Pratt.", ["Amos Pratt"]),
    # bodies and offices
    ("He appealed to the German General Staff, said Anton Weiss.", ["Anton Weiss"]),
    ("Pyotr Lagin was made Commissar for Inland Water Transport.", ["Pyotr Lagin"]),
    ("Sverdlovsk Obkom expelled Pyotr Lagin in March.", ["Pyotr Lagin"]),
    ("Boys from Lyubertsy Commune worked beside Pyotr Lagin.", ["Pyotr Lagin"]),
    ("The paper of the White Sea-Baltic Combine praised Pyotr Lagin.", ["Pyotr Lagin"]),
    ("Pyotr Lagin chaired the Commission for Determining Crop Productivity.", ["Pyotr Lagin"]),
    ("The Council of Elders, called Senioren Konvent, heard Otto Lenz.", ["Otto Lenz"]),
    ("They kept to Stalin’s General Line, Anna Rudina wrote.", ["Anna Rudina"]),
    # titles of works, in quotation marks, italics or by their shape
    ("See Maria Lopez, “The Origins of Colonial Ethnic Cleansing,” in her book.",
     ["Maria Lopez"]),
    ("Anna Rudina, “Letter to Proletarskaya Revolyutsiya,” Voprosy 3 (1971).", ["Anna Rudina"]),
    ("Potential Quislings were sent north, Anna Rudina recalled.", ["Anna Rudina"]),
    ("Anna Rudina wrote on Formal Bureaucratic Attitudes toward appeals.", ["Anna Rudina"]),
    ("Anna Rudina edited his Major Theoretical Writings in 1972.", ["Anna Rudina"]),
    ("Orders for the operation “Case Spring” went to Semyon Lavrov.", ["Semyon Lavrov"]),
    ("Semyon Lavrov took a fort called “Krasnaya Gorka” in June.", ["Semyon Lavrov"]),
    # transliterated Russian titles and archives, declined as no cited name is
    ("Files of Gosudarstvennyi arkhiv Rossiiskoi Federatsii name Semyon Lavrov.",
     ["Semyon Lavrov"]),
    ("Semyon Lavrov, *Istoriia partii Sovetskogo Soiuza* (Moscow, 1971).", ["Semyon Lavrov"]),
    ("A file in TsA FSB names Semyon Lavrov.", ["Semyon Lavrov"]),
    # places of publication and publishers
    ("Ruth Oakes, *Growth in the South* (Chapel Hill, 1980), 115.", ["Ruth Oakes"]),
    ("Oakes, Ruth. Growth. New York: W. W. Norton, 1990, p. 4", ["Oakes, Ruth"]),
    ("Oakes, Ruth. Growth. London: G. Allen & Unwin, ltd., 1938, p. 9", ["Oakes, Ruth"]),
    ("Oakes, Ruth. Growth. New York, N. Y: H. Holt and company, c1936", ["Oakes, Ruth"]),
    ("Peter Romanov founded St Petersburg on the Neva.", ["Peter Romanov"]),
    ("The editor of the New York Tribune, Horace Gale, was arrested.", ["Horace Gale"]),
    # editors' notes
    ("Do not forget me. [Ellipsis Orlov’s.] Nikolai Orlov never wrote again.",
     ["Orlov", "Nikolai Orlov"]),
    ("Yours ever [Illegible Signature], wrote Emma Hart.", ["Emma Hart"]),
    # headings of minutes and greetings, in Russian, English, German
    ("Присутствовали Андреев, Молотов.\nСлушали Иван Петров.", ["Иван Петров"]),
    ("Присутствовали Иван Андреев, Петр Молотов.", ["Иван Андреев", "Петр Молотов"]),
    ("Здравствуй Дорогой Сергей Петрович! Сам Яков видимо переживает.", ["Сергей Петрович"]),
    ("Lieber Freund, Karl Hoffmann kommt morgen.", ["Karl Hoffmann"]),
    ("Resolved Unanimously that Mr. Amos Pratt be thanked.", ["Amos Pratt"]),
    ("Dear Comrade Lagin, the brigade has finished.", ["Lagin"]),
])
def test_no_person_is_made_of_what_is_not_one(text, persons):
    assert names(text) == persons


def test_given_name_of_kin_is_no_family_name():
    """"his wife, Nina," names her by her given name: no person whose family is Nina."""
    text = "Arkady Volkov was arrested, then his wife, Nina, and their son, Oleg."
    assert names(text) == ["Arkady Volkov"]


def test_a_spouse_by_family_name_still_counts():
    text = "Anna Rudina had been married to Dybenko. Later Dybenko left."
    assert "Dybenko" in names(text)


def test_a_given_name_heading_a_full_name_is_not_swapped_to_its_family():
    """"Henry Reeves ... Henry, one of the staff": Henry is a given name of the lexicon,
    so the full name keeps Reeves as its family."""
    found = find_person_mentions("Henry Reeves was sent to the fort.\nHenry, a clerk, objected.")
    assert [(m.given, m.family) for m in found if m.kind == "full"] == [("Henry", "Reeves")]


@pytest.mark.parametrize(("words", "title", "expected"), [
    (["Theoretical", "Writings"], [], True),
    (["Crop", "Productivity"], [], True),
    (["Sovetskogo", "Soiuza"], [], True),
    (["TsA"], [], True),
    (["Deutsche", "Wehr"], [], True),
    (["Writings"], ["Major"], True),
    (["Gregory", "Clements"], [], False),
    (["Hilary", "Manning"], [], False),
    (["Lev", "Trubetskoi"], [], False),
    (["Diego", "Rivera"], [], False),
    (["Friedrich", "Nietzsche"], [], False),
    (["Martial", "Hastings"], [], False),
])
def test_shapes_of_words_that_are_no_name(words, title, expected):
    assert not_a_name(words, title) is expected


def test_quoted_titles_are_title_case_quotations_only():
    text = 'He said “we shall see” and cited “The Fall of the House of Orlov” twice.'
    spans = [text[a:b] for a, b in quoted_titles(text, frozenset({"of", "the"}))]
    assert spans == ["The Fall of the House of Orlov"]


def test_publication_slot_is_told_from_a_label_and_from_speech():
    for text, name, expected in [
        ("Title. Chicago: Ivan R. Dee, 1993, p. 5", "Ivan R. Dee", True),
        ("Source: Ivan Dee, 1993.", "Ivan Dee", False),
        ("MOLOTOV: Comrade Ivan Dee, in 1937 we met.", "Ivan Dee", False),
        ("*A Title* (Ann Arbor, 1985), 12.", "Ann Arbor", True),
    ]:
        start = text.index(name)
        assert in_publication_slot(TextLines(text), start, start + len(name)) is expected, text


@pytest.mark.parametrize("line", [
    "СЛУШАЛИ: доклад тов. Петрова.",
    "ПОСТАНОВИЛИ: утвердить.",
    "RESOLVED: That the report be printed.",
    "PRESENT: the whole committee.",
    "Dear Sir: I write to you today.",
])
def test_protocol_headings_and_salutations_are_no_turns(line):
    assert speaker_label(line) is None


def test_protocol_headings_name_no_speaker():
    assert not is_person_label("ПРИСУТСТВОВАЛИ")
    assert not is_person_label("Heard")
    assert is_person_label("MOLOTOV")


def test_a_dateline_place_is_no_person_in_the_prose():
    """A dateline names the town an item is sent from, so the same words later ("every
    train for Rosa Blanca") are the town too, not a woman called Rosa."""
    text = ("ROSA BLANCA, May 3.—Troops under Tomás Ibarra arrived.\n\n"
            "Families left by every train for Rosa Blanca. Tomás Ibarra said so.")
    assert names(text) == ["Tomás Ibarra", "Tomás Ibarra"]


def test_a_newspaper_item_heading_names_a_thing():
    text = ("PERUVIAN BALSAM.\n\nThis tonic is sold everywhere. All who have tried "
            "Peruvian Balsam praise it, writes Dr. Amos Pratt.")
    assert names(text) == ["Amos Pratt"]


def test_a_first_word_the_text_uses_as_a_place_is_no_family():
    text = ("General Tlaxcala Ortega released them. Rebels were seen in Tlaxcala.\n"
            "Ortega marched on.")
    found = find_person_mentions(text)
    assert [(m.text, m.family) for m in found] == [("Tlaxcala Ortega", "Ortega"),
                                                   ("Ortega", "Ortega")]


def test_a_describing_compound_is_shed_from_the_name():
    assert names("It was none other than Swiss-born Ada Kessler, a courier.") == ["Ada Kessler"]


def test_a_footnote_mark_glued_to_a_name_is_not_part_of_it():
    text = "With greetings.\n\nM. Orlova⁵⁰\n\nLater Nikolai Orlov²³ said that Orlov¹ was right."
    assert [(m.text, m.family) for m in find_person_mentions(text)] == [
        ("M. Orlova", "Orlova"), ("Nikolai Orlov", "Orlov"), ("Orlov", "Orlov")]


def test_a_given_name_shared_by_two_families_names_no_one_alone():
    """"and Pavel" after Pavel Orlov and Pavel Sidorov: which Pavel is not said."""
    text = ("Pavel Orlov and Pavel Sidorov both signed. I thank my sons, Ivan and Pavel.\n"
            "Anna Kühn wrote later; Anna left in May.")
    found = [(m.text, m.kind) for m in find_person_mentions(text)]
    assert ("Pavel", "given") not in found and ("Anna", "given") in found
