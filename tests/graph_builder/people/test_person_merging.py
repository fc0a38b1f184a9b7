"""One node per person: records the corpus shows are one are joined, with reasons, and
people whose names only look alike stay apart (invented texts)."""

from pathlib import Path

import pytest

from graph_builder.people.address_forms import address_target, looks_patronymic
from graph_builder.people.consolidate import _one_letter_apart
from graph_builder.people.merge import redirect
from graph_builder.people.regnal import realm_after, regnal_stem
from graph_builder.people.resolve_mentions import resolve_people
from graph_builder.records import (
    Document,
    PersonEntity,
    PersonMention,
    Resolution,
    Span,
    WorkEntity,
)


def _doc(text: str, name: str) -> Document:
    return Document(doc_id=name, path=Path(name), text=text, encoding="utf-8", sha256="0" * 64)


def _resolve(*texts: str, persons: dict[str, PersonEntity] | None = None):
    docs = [_doc(t, f"d{i}.txt") for i, t in enumerate(texts)]
    return resolve_people(docs, persons or {})


def _key_of(mentions, text, nth=0):
    return [m for m in mentions if m.text == text][nth].person


def test_cyrillic_signature_joins_the_romanised_person():
    people, mentions, _, _ = _resolve(
        "Boris Ilyich Zvantsev chaired the commission. Zvantsev spoke first.",
        "Протокол. Присутствовали: т. Званцев Б. и другие.")
    assert _key_of(mentions, "Званцев Б.") == _key_of(mentions, "Boris Ilyich Zvantsev")


def test_cyrillic_form_with_another_initial_stays_apart():
    people, mentions, _, _ = _resolve(
        "Boris Ilyich Zvantsev chaired the commission.",
        "Присутствовали: т. Званцев А. и другие.")
    assert _key_of(mentions, "Званцев А.") != _key_of(mentions, "Boris Ilyich Zvantsev")


def test_given_name_and_patronymic_go_to_the_one_person_with_both():
    people, mentions, _, moved = _resolve(
        "Anatoly Ferapontovich Dvorkin ran the trust for ten years.",
        "The clerk wrote: Dear Anatoly Ferapontovich, the coal did not arrive.")
    key = _key_of(mentions, "Anatoly Ferapontovich Dvorkin")
    assert _key_of(mentions, "Anatoly Ferapontovich") == key
    person = people[key]
    assert "patronymic" in person.merge_reasons["Anatoly Ferapontovich"]


def test_patronymic_initial_and_written_given_name_suffice():
    people, mentions, _, _ = _resolve(
        "Gleb Dvorkin, also signed G. F. Dvorkin, ran the trust. At the meeting the "
        "secretary turned to him: Gleb Fomich, what do you say?")
    assert _key_of(mentions, "Gleb Fomich") == _key_of(mentions, "Gleb Dvorkin")


def test_given_name_and_patronymic_two_people_share_stay_undecided():
    people, mentions, _, _ = _resolve(
        "Pyotr Ilyich Garin and Pyotr Ilyich Lomov sat on the board. Garin left early. "
        "Later someone asked: Pyotr Ilyich, are you staying?")
    both = {_key_of(mentions, "Pyotr Ilyich Garin"), _key_of(mentions, "Pyotr Ilyich Lomov")}
    assert len(both) == 2
    assert not [m for m in mentions if m.text == "Pyotr Ilyich" and m.person in both]


def test_address_target_needs_a_written_given_name():
    only_initials = PersonEntity("x|p p", "Xov", "P. P.", {"P. P. Xov"})
    assert address_target(("Pavel", "Petrovich"), [only_initials], [only_initials]) == (None, "")
    assert looks_patronymic("Petrovich") and looks_patronymic("Sergeevna")
    assert not looks_patronymic("Pavel")


def test_agreeing_short_forms_join_one_person():
    # as resolution of references and notes leaves them: a cited "Zorin, I." and a dated
    # note "Zorin, I. A.", kept apart while "I." also fitted an "A. I."
    persons = {
        "zorin|i": PersonEntity("zorin|i", "Zorin", "I.", {"Zorin, I."}, {"d0.txt"}),
        "zorin|a i": PersonEntity("zorin|a i", "Zorin", "A. I.", {"A. I. Zorin"}, {"d0.txt"}),
        "zorin|i a": PersonEntity("zorin|i a", "Zorin", "I. A.", {"Zorin, I. A."}, {"d0.txt"},
                                  born="1890", died="1940"),
    }
    people, mentions, _, moved = _resolve("Ivan Zorin came to Kharkov in 1931.",
                                          persons=persons)
    ivan = people[_key_of(mentions, "Ivan Zorin")]
    assert ivan.born == "1890" and "Zorin, I." in ivan.surface_forms
    assert moved["zorin|i"] == ivan.key
    assert "zorin|a i" in people and "zorin|a i" not in moved
    assert "agree from the first name on" in ivan.merge_reasons["Zorin, I."]


def test_a_short_form_two_disagreeing_people_fit_stays_apart():
    people, mentions, _, _ = _resolve(
        "G. I. Vetrov and G. Ya. Vetrov were not related. Later G. Vetrov wrote a letter.")
    assert len({_key_of(mentions, t) for t in ("G. I. Vetrov", "G. Ya. Vetrov",
                                                "G. Vetrov")}) == 3


def test_one_letter_spelling_variants_with_the_same_given_name_join():
    people, mentions, _, _ = _resolve(
        "Mikhail Zavorsky (1880–1936) led the union in 1925.",
        "By 1929 the unions had lost Mikhail Zavorky, who had resigned.")
    key = _key_of(mentions, "Mikhail Zavorsky")
    assert _key_of(mentions, "Mikhail Zavorky") == key
    reasons = people[key].merge_reasons
    assert "one letter apart" in (reasons.get("Mikhail Zavorky") or reasons["Mikhail Zavorsky"])


@pytest.mark.parametrize("text", [
    "Mikhail Zavorsky (1880–1936) and Mikhail Zavorky signed together.",  # one sentence
    "John Davis wrote. Later John Davies answered.",  # no dated record: no join
    "Mikhail Zavorsky spoke. Leonid Zavorky answered.",        # different given names
    "Anna Petrova spoke. Anna Petrov answered.",               # the last letter differs
])
def test_spelling_variants_stay_apart_when_the_corpus_contradicts(text):
    people, mentions, _, _ = _resolve(text)
    assert len({m.person for m in mentions if m.kind != "surname"}) == 2


def test_spelling_variants_with_other_life_dates_stay_apart():
    people, mentions, _, _ = _resolve(
        "Mikhail Zavorsky (1880–1936) led the union.",
        "Mikhail Zavorky (1901–1970) wrote a novel.")
    assert _key_of(mentions, "Mikhail Zavorsky") != _key_of(mentions, "Mikhail Zavorky")


def test_one_letter_apart_excludes_first_and_last_letters():
    assert _one_letter_apart("zavorski", "zavorki")
    assert not _one_letter_apart("petrov", "petrova")
    assert not _one_letter_apart("bavorski", "zavorski")


def test_a_declared_nickname_joins_the_full_name_and_finds_the_nickname_alone():
    people, mentions, _, _ = _resolve(
        "Index\n\nKavtaradze, G. (“Lado”): arrest of; letters of\n\n"
        "Kavtaradze, G. M. (1884–1937). Commissar of supply.",
        "Everyone trusted Lado Kavtaradze. Kavtaradze was loyal. When he died, Molnar "
        "wept: our Lado is gone.")
    key = _key_of(mentions, "Lado Kavtaradze")
    assert _key_of(mentions, "Kavtaradze, G.") == key  # G. (Grigol) is not L.: the nickname ties
    assert any("nickname" in why for why in people[key].merge_reasons.values())
    assert _key_of(mentions, "Lado", -1) == key


def test_a_bare_word_no_family_owns_is_its_documents_one_bearer():
    people, mentions, _, _ = _resolve(
        "That spring Oduya Mbeki left the coast. Oduya marched north, and the towns "
        "opened their gates to Oduya.")
    assert {m.person for m in mentions} == {_key_of(mentions, "Oduya Mbeki")}


def test_a_common_given_name_alone_does_not_join_a_namesake():
    people, mentions, _, _ = _resolve(
        "Barber, John. Soviet Historians. London, 1981.\n\n"
        "I thank my family: Ruth, Anna, and John put up with my absences.")
    johns = [m for m in mentions if m.text == "John"]
    assert not johns or johns[0].person != _key_of(mentions, "Barber, John")


def test_fuller_given_names_in_parentheses_are_that_persons():
    people, mentions, _, _ = _resolve(
        "Library data\n\nHolt, R. Ames (Robert Ames), 1948-\n\nThe history of a trust.")
    keys = {m.person for m in mentions}
    assert len(keys) == 1


def test_rulers_of_one_name_and_numeral_but_two_realms_are_two_people():
    people, mentions, _, _ = _resolve(
        "Ludwig IV of Brabantia wished to be rid of Duke Ludwig IV of\n"
        "Oberhausen-Lenz, his cousin. In the spring Ludwig made peace. Two years later "
        "Duke Ludwig fell at the river.")
    kings = [m.person for m in mentions if m.text == "Ludwig IV"]
    assert len(kings) == 2 and kings[0] != kings[1]
    alone = [m.person for m in mentions if m.text == "Ludwig"]
    assert alone == [kings[0], kings[1]]  # the first named, then the duke by his title
    assert not any(m.text.startswith("Oberhausen") for m in mentions)


def test_a_ruler_without_realm_is_the_one_ruler_of_that_name():
    people, mentions, _, _ = _resolve(
        "Casimir III of Lechia built walls. Later Casimir III founded a school, and "
        "Casimir died in 1370.")
    assert len({m.person for m in mentions}) == 1
    assert realm_after("Casimir III of Lechia built", 11) == "Lechia"
    assert regnal_stem("Victor Emmanuel II") == "Victor Emmanuel"


def test_redirect_points_works_speakers_and_mentions_at_the_kept_person():
    result = Resolution(
        persons={"a": PersonEntity("a", "Zavorsky")},
        works={"w": WorkEntity("w", "book", "T", authors=["b", "a"])},
        speaker_of_claim={"c": "b"},
        person_mentions=[PersonMention("d", Span(0, 4), "Zav", "b", "surname", "r")])
    redirect(result, {"b": "a"})
    assert result.works["w"].authors == ["a"]
    assert result.speaker_of_claim == {"c": "a"}
    assert result.person_mentions[0].person == "a"


def test_a_name_read_family_first_is_written_given_first_again():
    people, mentions, _, _ = _resolve(
        "At the Comintern he met and married Eva Kornfeld. In 1925 they moved. After his "
        "arrest Eva was fired, and Eva wrote letters.",
        "Eva Brandstrom signed the petition.")
    person = people[_key_of(mentions, "Eva Kornfeld")]
    assert (person.family, person.given) == ("Kornfeld", "Eva")
    assert _key_of(mentions, "Eva", -1) == person.key  # the bare "Eva" stay with her


def test_a_name_written_family_first_keeps_its_order():
    people, mentions, _, _ = _resolve(
        "Okubo Toshimichi led the mission. Okubo returned in 1873, and Okubo spoke.")
    person = people[_key_of(mentions, "Okubo Toshimichi")]
    assert person.family == "Okubo"


def test_an_unresolved_patronymic_form_is_no_family_for_a_bare_surname():
    people, mentions, _, _ = _resolve(
        "Unlike you, Nikolai Ivanovich! he shouted.\n\nIVANOVICH, SHOTA: a note.\n\n"
        "Later Ivanovich wrote to the committee.")
    form = _key_of(mentions, "Nikolai Ivanovich")
    assert all(m.person != form for m in mentions if m.text in ("IVANOVICH", "Ivanovich"))


def test_a_bare_surname_in_latin_prose_is_not_a_cyrillic_only_namesake():
    people, mentions, _, _ = _resolve(
        "The Fall of Zvantsev\n\nBoris Ilyich Zvantsev chaired the commission, and "
        "Zvantsev spoke first.\n\nПрисутствовали: т. Званцев А. и другие.")
    boris = _key_of(mentions, "Boris Ilyich Zvantsev")
    assert {m.person for m in mentions if m.text == "Zvantsev"} == {boris}


def test_a_contents_line_before_the_subject_is_named_is_the_subject():
    people, mentions, _, _ = _resolve(
        "Contents\n\nThe Fall of Varlamov\t12\n\nChapter One\n\n"
        "Pyotr Varlamov rose fast. P. S. Varlamov was made commissar. Pyotr Varlamov fell. "
        "Pyotr Varlamov was shot. Nina Varlamova wept.\n\nSources: Kirill Varlamov, notes.")
    pyotr = _key_of(mentions, "Pyotr Varlamov")
    assert _key_of(mentions, "Varlamov") == pyotr
    assert "again and again" in people[pyotr].merge_reasons.get("Varlamov", "") or any(
        "again and again" in m.reason for m in mentions if m.text == "Varlamov")


def test_a_bare_surname_before_a_single_later_naming_stays_apart():
    people, mentions, _, _ = _resolve(
        "The conference readmitted Garshin and others after their recantation. Much later "
        "the historian Roald Garshin wrote about it.\n\nGarshin, Roald. Memoirs.",
        "Viktor Garshin commanded the fleet.")
    assert _key_of(mentions, "Garshin") != _key_of(mentions, "Roald Garshin")


def test_a_patronymic_alone_is_its_one_bearer_and_nobody_when_two_bear_it():
    letter = "Fyodor Mikhailovich was tired that winter. Later Mikhailovich wrote to the tsar."
    _, mentions, _, _ = _resolve("Fyodor Mikhailovich Rtishchev ran the treasury.", letter)
    [alone] = [m for m in mentions if m.text == "Mikhailovich"]
    assert alone.person == _key_of(mentions, "Fyodor Mikhailovich Rtishchev")
    assert "patronymic alone" in alone.reason
    _, two, _, _ = _resolve("Fyodor Mikhailovich Rtishchev ran the treasury. Pyotr "
                            "Mikhailovich Sokovnin kept the stables.", letter)
    assert [m.person for m in two if m.text == "Mikhailovich"] not in (
        [_key_of(two, "Fyodor Mikhailovich Rtishchev")],
        [_key_of(two, "Pyotr Mikhailovich Sokovnin")])


@pytest.mark.parametrize(("text", "name", "died"), [
    ("The quarrel that followed Kossuth’s death in 1894 split the exiles.", "Kossuth", "1894"),
    ("Count Lajos Batthyany was executed in 1849 at Pest.", "Count Lajos Batthyany", "1849"),
    ("Ferenc Deak died in 1876, honoured by both sides.", "Ferenc Deak", "1876"),
])
def test_a_death_stated_after_the_name_is_a_death_date(text, name, died):
    from graph_builder.people.life_dates import find_life_dates

    assert [(d.name, d.died) for d in find_life_dates(text)] == [(name, died)]


@pytest.mark.parametrize("text", [
    "Andrassy was shot in 1848 and lived for forty years more.",  # shot is no death
    "He died in 1876.", "The Party’s death in 1991 surprised no one."])
def test_no_death_date_from_a_wound_a_pronoun_or_a_thing(text):
    from graph_builder.people.life_dates import find_life_dates

    assert find_life_dates(text) == []


def test_an_editors_bracket_after_a_pronoun_names_a_person():
    from graph_builder.people.mentions import find_person_mentions

    text = "Minutes\n\nIn 1867 he [Andrassy] formed the cabinet. Andrassy kept it for four years.\n"
    assert [m.text for m in find_person_mentions(text)] == ["Andrassy", "Andrassy"]
