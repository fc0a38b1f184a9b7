"""Words and word shapes that show a name-shaped phrase is no person, in several languages.

A capitalised run of words looks like a name whatever it names: a periodical
("Atlantic Monthly", "Polska Gazeta"), a body ("Sverdlovsk Obkom", "General
Staff"), a title of a work ("Major Theoretical Writings"), a heading of minutes
("Слушали", "Resolved"), a greeting ("Здравствуй, дорогой"), an editor's note
("[Ellipsis in original]"). A wrong person costs more than a missed one, so the
mention finder refuses a phrase holding one of these words or shapes.

Everything here is general vocabulary of the languages historical sources are
written in (or transliterated from): generic nouns, function words, adjective
and abstract-noun endings. No list names anybody; a word that is also a
common surname ("Post", "Hill", "Field", "Wood", "Freeman") is left out, and
the shapes are chosen so that no given name or family name of the usual
European stock has them (checked against the lexicon of ``given_names``).
Kept apart from ``name_lexicon`` (the English core) so each class can be read,
and grown, by itself; ``name_lexicon`` folds the words into its lists.
"""

from __future__ import annotations

import re

from graph_builder.support.speaker_labels import PROTOCOL_HEADINGS
from graph_builder.support.speaker_labels import SALUTATIONS as SALUTATION_WORDS

__all__ = ["BODY_WORDS", "EDITORIAL_WORDS", "FOREIGN_FUNCTION", "OPENING_WORDS",
           "PERIODICAL_WORDS", "PROTOCOL_WORDS", "SALUTATIONS", "is_acronym",
           "is_declined_adjective", "not_a_family_name", "not_a_given_name", "not_a_name"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# generic nouns of periodicals: a paper is named "X Gazette", "Y Monthly", never a person
PERIODICAL_WORDS = _words("""
monthly weekly quarterly daily annual annals bulletin bulletins gazette gazettes gazeta
gazzetta gaceta gazet courier courrier corriere kurier kurjer tribune intelligencer
advertiser telegraph dispatch observer almanac almanack newsletter newspaper newspapers
periodical zeitung zeitschrift blatt blätter nachrichten rundschau jahrbuch jahrbücher
revue rivista revista tijdschrift krant avisa tidning tidende pravda izvestiia izvestiya
izvestia vestnik zhurnal
""")
# generic nouns of bodies, works and installations, and their usual transliterations (not
# those that are also surnames: Garrison, Cortés, Rada):
# "the General Staff", "Sverdlovsk Obkom", "Bolshevo Commune", "Sea-Baltic Combine", the
# party's "General Line"
BODY_WORDS = _words("""
staff staffs headquarters command directorate commissariat commissariats presidium politburo
orgburo secretariat inspectorate collegium militia regiment regiments battalion brigade
squadron corps commune communes collective kolkhoz sovkhoz combine canal waterway
railway railroad line transport productivity industry industries factory
obkom obkoms gorkom gorkoms raikom raikoms kraikom kraikoms ispolkom sovnarkom narkomat
komsomol komitet komiteta sovet soveta partiia partii soiuz soiuza soyuz soyuza
federatsiia federatsii respublika respubliki revoliutsiia revoliutsii revolyutsiya
revolyutsii arkhiv arkhiva upravlenie otdel
konvent landtag reichstag bundestag reichswehr wehrmacht sejm junta zemstvo
""")
# words an editor writes inside brackets: "[Ellipsis in original]", "[sic]", "[Illegible]"
EDITORIAL_WORDS = _words("""
ellipsis sic illegible emphasis italics underlined underlining omitted omission deleted
crossed unreadable indecipherable lacuna
""")
# headings of minutes ("Heard", "Resolved", Слушали, Присутствовали) and salutations ("Dear",
# Дорогой, Здравствуй, Lieber): the speaker-label stop-list holds them, as one list for every
# stage; here each word of them, folded
PROTOCOL_WORDS = frozenset(w for h in PROTOCOL_HEADINGS for w in h.split())
SALUTATIONS = frozenset(SALUTATION_WORDS)
# function words of other languages of the sources, which no name is made of ("Сам Яков"
# is "Yakov himself"; "И" opens a sentence as "And"); not the particles that open
# family names ("Del Valle", "Du Pont", "Den Uyl")
FOREIGN_FUNCTION = _words("""
и а но или да же ли не ни он она оно они мы вы я ты его ее её их сам сама само сами
это этот эта эти тот та те все всё весь как так где когда что кто вот уже ещё еще
und oder aber nicht auch sich sie wir ihr ich er es ein eine einen zum zur
et ou mais nous vous ils elles je tu au aux une un avec sans pour par sur chez
y o pero con sin para por sobre una uno
""")
# what may open a chunk without being a name: its words are stripped from its start
OPENING_WORDS = PROTOCOL_WORDS | SALUTATIONS | FOREIGN_FUNCTION

# adjective endings no given name has: "Theoretical", "Potential", "Bureaucratic",
# "Various", "Executive" (a name's first word; "Clive" and "Mable" are too short to match)
# ("-ary" and "-ory" are left out: Hilary, Gregory; "-tial" needs a long stem: Martial)
_ADJECTIVE_RE = re.compile(r"[^\W\d_]{3,}(?:ical|cial|atic|etic|istic|otic|ous|ible|able"
                           r"|less|ful|ive)\Z|[^\W\d_]{4,}tial\Z", re.I)
# abstract nouns no family name is: "Productivity", "Revolution", "Settlements",
# "Bolshevism", "Loneliness", after a stem long enough that "Clements" and "Ness" stay names
_ABSTRACT_RE = re.compile(r"[^\W\d_]{3,}(?:ity|ities|tions?|sions?|isms?)\Z"
                          r"|[^\W\d_]{4,}(?:ments|ness|nesses)\Z", re.I)
# plural nouns of writings and views: a title's last word, not a family name
_WORK_PLURALS = _words("""
writings works papers letters essays speeches documents materials memoirs notes sketches
attitudes views thoughts reflections studies questions problems origins
""")
# Russian adjectives in an oblique case ("Sovetskogo", "Vsesoiuznoi", "Kommunisticheskoi",
# "Rossiiskoi"): a cited title or archive, since English prose names a person in the
# nominative. The "-skoi" of old transliterations of surnames ("Trubetskoi", "Donskoi",
# "Kamenskoi") and the "-ego" of "Diego" are left alone: only endings no name has count.
_DECLINED_RE = re.compile(r"[^\W\d_]{3,}(?:ogo|cheskoi|cheskoy|cheskikh|iiskoi|iiskoy"
                          r"|iiskikh|znoi|znoy|znykh)\Z", re.I)
# German and Dutch adjectives of peoples and states opening a name ("Deutsche Wehr",
# "Preussische Jahrbücher", "Nederlandsche Bank")
_GERMANIC_ADJECTIVE_RE = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]{2,}(?:sche|scher|sches|schen|ische)\Z")
# an acronym in mixed case ("TsA", "VChK", "GlavPU"): a capital after a small letter at its end
_ACRONYM_RE = re.compile(r"[^\W\d_]*[a-zà-ÿа-я][A-ZÀ-ÞА-Я]\Z")


def not_a_given_name(word: str) -> bool:
    """Is a word in a given name's place (any but the last of a chunk) shaped like an
    adjective ("Theoretical", "Formal Bureaucratic") or a people's German adjective?"""
    return bool(_ADJECTIVE_RE.match(word) or _GERMANIC_ADJECTIVE_RE.match(word))


def not_a_family_name(word: str) -> bool:
    """Is a word in a family name's place an abstract noun ("Productivity") or a plural
    of writings and views ("Theoretical Writings")?"""
    return bool(_ABSTRACT_RE.match(word)) or word.casefold() in _WORK_PLURALS


def is_declined_adjective(word: str) -> bool:
    """A Russian adjective in an oblique case: part of a cited title, not a name."""
    return bool(_DECLINED_RE.match(word))


def is_acronym(word: str) -> bool:
    """"TsA", "VChK": an abbreviation in mixed case, ending in a capital."""
    return bool(_ACRONYM_RE.match(word))


def not_a_name(words: list[str], title: list[str] | None = None) -> bool:
    """Do the words of a chunk (its title or rank already taken off) name something
    other than a person by their shapes: an adjective where a given name stands, an
    abstract noun or a plural of writings where the family name stands, a Russian
    word declined as no cited name is, an acronym in mixed case?"""
    names = [w for w in words if not w.endswith(".")]  # initials are a name's own
    if not names:
        return False
    if any(is_declined_adjective(w) or is_acronym(w) for w in names):
        return True
    if (len(words) > 1 or title) and not_a_family_name(words[-1]):
        return True
    return len(words) > 1 and any(not_a_given_name(w) for w in words[:-1])
