"""Which word of a two-word name is the family name, decided again over the whole corpus.

Recognition reads one text at a time: a text that writes "Eva Lipman" once and then
"Eva" alone a dozen times takes "Eva" for the family name, as it must for names
written family first ("Ōkubo Toshimichi", repeated as "Ōkubo"). The corpus knows
more: when the word taken as family is a given name (of the lexicon, or the first
given name of another person: "Eva Tivel") and the other word is no one's given
name, the name was written given name first, and the record says so again. Only
the record's family and given names change; its key and mentions stay.
"""

from __future__ import annotations

from graph_builder.people.address_forms import given_forms
from graph_builder.people.given_names import is_given_name
from graph_builder.people.names import family_key
from graph_builder.records import PersonEntity


def restore_given_first(persons: dict[str, PersonEntity]) -> list[str]:
    """Swap back the records read family-first against the corpus; their keys."""
    firsts: dict[str, set[str]] = {}
    for person in persons.values():
        for form in given_forms(person, 1):
            if len(form[0]) > 1:
                firsts.setdefault(family_key(form[0]), set()).add(person.key)

    def a_given_name(word: str, owner: str) -> bool:
        key = family_key(word)
        return is_given_name(key) or bool(firsts.get(key, set()) - {owner})

    swapped = []
    for person in persons.values():
        family, given = person.family.strip(), person.given.strip()
        if not given or " " in family or " " in given or given.endswith("."):
            continue
        written = f"{family} {given}" in person.surface_forms
        if written and a_given_name(family, person.key) and not a_given_name(given, person.key):
            person.family, person.given = given, family
            swapped.append(person.key)
    return swapped
