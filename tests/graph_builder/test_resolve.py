import pytest

from graph_builder.people.index import PersonIndex
from graph_builder.records import PersonName
from graph_builder.resolve import is_person_label


def _resolve(*names):
    index = PersonIndex()
    keys = [index.add(PersonName(*n), ", ".join(n), "d.txt") for n in names]
    return index, keys


def test_resolve_compatible_given_names_merge_and_keep_spellings():
    index, keys = _resolve(("Strong", "Anna Louise"), ("Strong", "Anna L."))
    assert keys[0] == keys[1]
    [person] = index.all().values()
    assert person.display == "Anna Louise Strong"
    assert person.surface_forms == {"Strong, Anna Louise", "Strong, Anna L."}


def test_resolve_transliterations_merge():
    _, keys = _resolve(("Yezhov", "N. I."), ("Ezhov", "N. I."))
    assert keys[0] == keys[1]


@pytest.mark.parametrize(("a", "b"), [
    (("Smirnov", "A. P."), ("Smirnov", "I. N.")),
    (("Kamenev", "Lev"), ("Kamenev", "S. S.")),
    (("Medvedev", "Roy"), ("Medvedev", "Zhores")),
])
def test_resolve_never_merges_people_whose_given_names_differ(a, b):
    _, keys = _resolve(a, b)
    assert keys[0] != keys[1]


def test_resolve_bare_surname_joins_the_only_person_of_that_name():
    _, keys = _resolve(("Getty", "J. Arch"), ("Getty", ""), ("Getty", "A."))
    assert len(set(keys)) == 1


def test_resolve_bare_surname_is_not_guessed_between_two_people():
    index, keys = _resolve(("Smirnov", "A. P."), ("Smirnov", "I. N."), ("Smirnov", ""))
    assert keys[2] not in keys[:2]


def test_resolve_works_cited_twice_are_one(fixture_build):
    titles = [w.title for w in fixture_build.resolution.works.values()]
    assert titles.count("The Making of the English Working Class") == 1


@pytest.mark.parametrize(("label", "person"), [
    ("MOLOTOV", True), ("QUESTION", False), ("VOICES", False), ("VOICE FROM AUDIENCE", False),
    ("CLERK", False), ("Lord Byron", True),
])
def test_resolve_speaker_labels_that_name_roles_are_not_people(label, person):
    assert is_person_label(label) is person


@pytest.mark.parametrize(("family", "given", "person"), [
    ("Deak", "Ferenc", True), ("Kossuth", "L.", True), ("STALIN", "J.", True),
    ("XVII", "s'ezd Vsesoiuznoi Kommunisticheskoi Partii. 26 ianvaria 1934g", False),
    ("TsA", "FSB", False),  # an archive's acronyms
    ("Orszaggyules", "A magyar nemzet tortenete es jelene a korai uj korban", False),
])
def test_resolve_only_name_shaped_creators_become_persons(family, given, person):
    from graph_builder.records import PersonName
    from graph_builder.resolve import is_person_name

    assert is_person_name(PersonName(family, given)) is person
