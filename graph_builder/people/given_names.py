"""Given names that are one name in several languages: Joseph, Iosif, Józef, Giuseppe.

A person reaches English texts under the form of his own language (Iosif,
Lev), the English one (Joseph, Leon) or a third (Josef in German sources), so
name keys alone keep "Joseph Stalin" and "Iosif Stalin" apart. This table holds
common European given names and their usual equivalents; it is a lexicon of
names as a language has them, not of any corpus's people, and it only ever
widens which given names count as compatible: family keys and life dates must
still agree before two forms meet. Entries are compared after ``family_key``
folding, so transliteration variants (Nikolai/Nikolay, Aleksandr/Alexander)
need no line of their own.
"""

from __future__ import annotations

import functools

_EQUIVALENTS = """
joseph iosif josef józef giuseppe josé josep osip
john ivan jean giovanni juan johann johannes jan ioann
james jacques giacomo diego jaime
jacob jakob yakov iakov jakub giacobbe
leo leon lev léon leone
michael mikhail michel michele miguel michał mykhailo
peter pyotr petr pierre pietro pedro piotr
paul pavel paolo pablo paweł
george georgy georgii georges giorgio jorge jerzy yuri iurii
nicholas nikolai nicolas niccolò nicola nicolás mikołaj mykola
alexander aleksandr alexandre alessandro alejandro aleksander oleksandr
andrew andrei andré andrea andrés andrzej andriy
gregory grigory grigorii grégoire gregorio grzegorz
stephen steven stepan étienne stefano esteban stefan
matthew matvei matthieu matteo mateo mateusz
anthony anton antoine antonio antoni
charles karl carlo carlos karol
francis françois francesco francisco franciszek franz
henry henri enrico enrique heinrich henryk
louis ludwig luigi luis ludwik
william wilhelm guillaume guglielmo guillermo
philip filipp philippe filippo felipe
thomas foma tommaso tomás tomasz
mark mark marc marco marcos marek
vincent vincenzo vicente wincenty
catherine ekaterina yekaterina catherine caterina catalina katarzyna
mary maria marie mariia
helen elena yelena hélène
sophia sofia sofya sophie zofia
anne anna anne
elizabeth elizaveta élisabeth elisabetta isabel elżbieta
eugene evgeny evgenii eugène eugenio eugeniusz
""".strip()


@functools.lru_cache(maxsize=1)
def _classes() -> dict[str, int]:
    from graph_builder.people.names import family_key

    index: dict[str, int] = {}
    for number, line in enumerate(_EQUIVALENTS.splitlines()):
        for name in line.split():
            index.setdefault(family_key(name), number)
    return index


def is_given_name(name: str) -> bool:
    """Is a folded word one of the lexicon's given names ("james", "ivan")?"""
    return name in _classes()


def same_given_name(a: str, b: str) -> bool:
    """Are two folded given names one name in two languages ("iosif", "joseph")?"""
    classes = _classes()
    return a in classes and classes[a] == classes.get(b)


@functools.lru_cache(maxsize=4096)
def given_name_forms(name: str) -> tuple[str, ...]:
    """The folded forms of one given name in other languages ("joseph" -> "iosif", ...)."""
    classes = _classes()
    if name not in classes:
        return ()
    return tuple(other for other, number in classes.items()
                 if number == classes[name] and other != name)
