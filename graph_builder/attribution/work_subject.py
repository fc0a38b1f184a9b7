"""A cited work whose words are its subject's: memoirs told to a writer, letters,
diaries, speeches.

*Molotov Remembers* is Feliks Chuev's book, but the words quoted from it are
Molotov's; so are those of *Stalin's Letters to Molotov* (Stalin's) and *The Diary
of Georgi Dimitrov* (Dimitrov's), whoever edited them. The title says so: a
person it names, who is not among the work's authors, editors or translators, is
followed by a verb of remembering or speaking ("X Remembers", "X Speaks"), owns a
noun of speech or writing ("X's Letters", "X's Secret Speech") or is the one such
a noun is of or by ("Diary of X", "Speeches by X"). "Conversations with X" names
the one spoken to and is left alone. The person must be one the corpus knows by
that family name, and the only one, or nearly all of its mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from graph_builder.attribution.speech import NOUN, POSSESSIVE_NOUN
from graph_builder.people.names import family_key
from graph_builder.records import PersonEntity, WorkEntity

_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]+")
_TELLS = re.compile(r"(?:[’']s)?\s+(?:Remembers|Recalls|Recollects|Speaks|Writes|Testifies|"
                    r"Explains|Answers|Reflects|Talks|Reminisces|Confesses)\b")
_NOUN_OF = re.compile(rf"\b(?i:{NOUN}|sochineniia|sochineniya|reden|schriften|briefe|"
                      r"tagebuch|tagebücher|m[ée]moires|lettres|discours|oeuvres|cartas|"
                      r"memorias|discursos|pis.?ma|dnevnik|rechi)\s+(?i:of|by|von|de|des|du)\s+"
                      r"(?:[A-Z][\w’'.-]*\s+){0,3}$")
_DOMINANT = 0.8  # one person of a family name carries this share of its mentions


@dataclass(frozen=True)
class Subject:
    """The person whose words a work holds, and the word of its title that names them."""

    person: str
    word: str


class WorkSubjects:
    """Finds each work's subject once, from the persons the corpus resolved."""

    def __init__(self, persons: dict[str, PersonEntity], mention_counts: Counter[str]):
        by_family: dict[str, list[str]] = {}
        for key, person in persons.items():
            by_family.setdefault(family_key(person.family), []).append(key)
        self._person_of: dict[str, str] = {}
        for family, keys in by_family.items():
            top = max(keys, key=lambda k: (mention_counts[k], k))
            total = sum(mention_counts[k] for k in keys)
            if len(keys) == 1 or (total and mention_counts[top] >= _DOMINANT * total):
                self._person_of[family] = top
        self._found: dict[str, Subject | None] = {}

    def of(self, work: WorkEntity) -> Subject | None:
        if work.key not in self._found:
            self._found[work.key] = self._subject(work)
        return self._found[work.key]

    def _subject(self, work: WorkEntity) -> Subject | None:
        title = work.title or ""
        creators = set(work.authors) | set(work.editors) | set(work.translators)
        for word in _TITLE_WORD.finditer(title):
            name = re.sub(r"[’']s$", "", word.group())
            person = self._person_of.get(family_key(name))
            if person is None or person in creators or not name[:1].isupper():
                continue
            rest = title[word.start() + len(name):]
            if (_TELLS.match(rest) or POSSESSIVE_NOUN.match(rest)
                    or _NOUN_OF.search(title, 0, word.start())):
                return Subject(person, name)
        return None
