"""The closed word lists and token shapes the mention finder reads names by.

Recognition must hold on texts about any period and country, so nothing here
lists anybody's names: only what a name is made of (capitalised words, initials,
particles, "Family, Given" inversions) and the general lexicon that tells a
capitalised word is not one (function words, titles and ranks, generic nouns of
organisations, places and time). Kept apart from the finder so the lists can be
read, and grown, without reading the logic that uses them.
"""

from __future__ import annotations

import functools
import re

from graph_builder.people.names import family_key
from graph_builder.people.non_person_words import (
    BODY_WORDS,
    EDITORIAL_WORDS,
    OPENING_WORDS,
    PERIODICAL_WORDS,
)
from graph_builder.support.text_patterns import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    SUPERSCRIPT_DIGITS,
)

# -- token shapes --------------------------------------------------------------
_UP = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper() and chr(c).isalpha())
_U = f"[{re.escape(_UP)}]"
# (a letter, not a footnote mark glued to a name: "Tomskaia⁵⁰" is Tomskaia and note 50)
_L = rf"[^\W\d_{SUPERSCRIPT_DIGITS}]"
WORD = rf"(?:[dD][’']|O[’'])?{_U}{_L}+(?:[’'\-]{_L}+)*"
# an initial, also the two letters that stand for one Cyrillic letter ("G. Ya.", "Zh. A.")
INITIAL = rf"(?:Ya|Ye|Yu|Yo|Ia|Iu|Zh|Kh|Ch|Sh|Ts|{_U})\.(?:-?{_U}\.)*"
_ABBR = (r"(?:Dr|Mr|Mrs|Ms|Mme|Mlle|Messrs|St|Gen|Col|Capt|Lt|Sgt|Rev|Prof|Hon|Fr|Gov|Pres|Sen"
         r"|Adm|Maj|Jr|Sr)\.")
PARTICLES = ("de", "da", "das", "do", "dos", "du", "des", "del", "della", "di", "van", "von",
             "der", "den", "ter", "ten", "y", "bin", "ibn", "al", "la", "le")
_PART = "(?:" + "|".join(PARTICLES) + ")"
_NICK = rf"[\"“]{WORD}[\"”]"
# given names as English printers abbreviated them ("Wm. H. Outlaw", "Thos. J. Rucker",
# "Benj. Franklin"): a general lexicon of the written forms, not anybody's names
GIVEN_ABBREVIATIONS = ("Alex", "Alexr", "And", "Benj", "Chas", "Danl", "Edw", "Fredk", "Geo",
                       "Hy", "Jas", "Jno", "Jos", "Josh", "Nathl", "Richd", "Robt", "Saml",
                       "Theo", "Thos", "Wm", "Wmn")
_GIVEN_ABBR = rf"(?:{'|'.join(GIVEN_ABBREVIATIONS)})\."
_TOKEN = rf"(?:{_ABBR}|{_GIVEN_ABBR}|{INITIAL}|{WORD})"
CHUNK_RE = re.compile(
    rf"(?<![\w’'.\-]){_TOKEN}(?:[ \t]+(?:{_PART}[ \t]+)?(?:{_TOKEN}|{_NICK}))*"
    rf"(?![^\W{SUPERSCRIPT_DIGITS}]|[’'])")
_FAMILY_INV = rf"{WORD}(?: (?i:{_PART}) {WORD})*"
_CREDIT_ABBR = r"(?:[Ee]ds?|[Tt]rans|[Cc]omp)\."
# "Family, I. V." / "Family, David M." / "Family, Walter." / "Family, Nikolai, 25" (an index)
# / "Family, Given (1893–1938)"; not "Tukhachevsky, Kondratev, and ...", a list of surnames
_GIVEN_INV = (rf"(?:{INITIAL}(?: ?{INITIAL})*|{WORD}(?: {WORD})*(?: {INITIAL})+"
              rf"|{WORD}(?: {WORD})*(?=\.|,[ \t]*\d| \(| &|,[ \t]*{_CREDIT_ABBR}))")
_LEAD = r"^(?:[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+\.?[ \t]*|[^\n:]{0,25}:[ \t]+)?"
INVERTED_RE = re.compile(rf"{_LEAD}({_FAMILY_INV}), ({_GIVEN_INV})", re.M)
AMP_RE = re.compile(rf"{_LEAD}({WORD}) & ({WORD})(?=,)", re.M)
POSSESSIVE_RE = re.compile(r"[’']s$")


# -- word lists ----------------------------------------------------------------
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


FUNCTION = _words("""
a an the this that these those his her its their our my your some any every each no all both
in on at by for from with without into onto upon of to as after before during since until while
when where whom who whose which what why how if but and or nor yet so then thus also only even
outside inside under over between among against through throughout within beyond about across
although though because unless however therefore meanwhile moreover nevertheless indeed not
he she it we they you i me him us them one here there let whoever whatever
see cf later earlier certainly perhaps dear very take yes thank thanks please
despite toward towards behind beside besides near amid following regarding concerning like
unlike via except including according once now today soon still just never always often again
already instead rather neither either whether upon hence whereupon accordingly consequently
subsequently finally eventually afterwards nonetheless furthermore likewise otherwise
thereafter whereas notably similarly conversely additionally ultimately initially
is was were are be been being has had have do does did will would shall should may might can
could must many most much more few several such other another same own
""")
ARTICLES = _words("the a an le la les el los las il lo der die das het")
_TITLE_WORDS = _words("""
mr mrs ms miss mme mlle madame monsieur messrs dr prof professor sir dame lord lady
king queen prince princess duke duchess count countess baron baroness marquis emperor empress
tsar czar tsarina kaiser shah sultan emir pope cardinal bishop archbishop father brother sister
saint st rev reverend comrade citizen marshal general colonel major captain lieutenant sergeant
admiral commander gen col capt lt sgt adm maj governor gov president pres vice-president
chairman secretary minister premier chancellor senator sen ambassador consul judge justice
mayor deputy commissar comrades pastor doctor don doña señor señora herr frau hon
narkom commander commandant
sheriff commissioner postmaster speaker treasurer alderman constable magistrate coroner
superintendent inspector attorney solicitor recorder regent stadholder pensionary
protector viceroy
""")
# what an office is of ("Secretary of State", "Minister of Finance"): general nouns
OFFICE_DOMAINS = _words("""
state war navy treasury interior finance finances justice industry trade commerce agriculture
education health labour labor affairs defence defense exchequer marine colonies posts works
transport culture police army air foreign home
""")
# titles of those known by their given names (rulers, royals, popes): "Tsar Peter"
# names the tsar by his given name, so the word is no family name
GIVEN_NAME_TITLES = _words("""
king queen prince princess duke duchess emperor empress tsar czar tsarina tsaritsa kaiser
shah sultan emir pope archduke archduchess infante infanta regent
""")
# honorifics of address: a chunk "In the Senate Mr. Sherman" starts its name at "Mr."
HONORIFICS = _words("mr mrs ms miss mme mlle messrs dr rev hon sir madame monsieur")
TITLES = _TITLE_WORDS | {t + "s" for t in _TITLE_WORDS if not t.endswith("s")}
TITLE_PREFIXES = _words("grand vice prime lord high chief first")  # "Grand Duke Leopold"
TRAILING = frozenset({"jr", "sr", "ii", "iii", "iv", *PARTICLES})
ROMAN_RE = re.compile(r"(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_NOT_PERSON_WORDS = _words("""
committee committees commission council conseil comité party parties army armies navy congress
convention university universidad université college school press bureau ministry department office
revolution republic kingdom empire state states company corporation society church club tribunal
court assembly parliament senate duma soviet union league association institute academy library
archive archives museum bank embassy government administration agency police guard front movement
federation conference plan law laws act treaty decree code constitution journal review gazette
times news herald magazine history chronicle street square avenue road river lake mount mountains
island islands bay sea ocean cape valley province district county city town region oblast ciudad
san santa santo são fort port palace castle cathedral hall house prison camp station hotel theatre
year years chapter volume vol part book section article appendix notes note introduction preface
index days day north south east west northern
southern eastern western central national international new liberal source sources
war wars battle peace books affairs persons people peoples citizens univ publishers publishing
verlag editions
imperial royal papal ducal colonial catholic protestant orthodox lutheran anglican
hundred thousand million billion dollars pounds cents francs shillings guineas roubles rubles
bros co sons brothers proprietor proprietors druggist druggists
""")
# what only a person does, right after a lone capitalised word ("Cromwell said", "Lee
# never wrote", "Hendricks was born"): speaking, thinking, marrying, dying, being elected.
# Acting verbs ("marched", "refused") and those of diplomacy and belief ("declared",
# "promised", "feared", "knew", "believed") are left out: towns and states do them in
# prose ("Holland promised", "Washington believed").
PERSON_VERBS = _words("""
said says wrote writes replied told asked remarked exclaimed recalled died married resigned
lectured spoke smiled laughed wept confessed himself herself answered declared insisted
objected protested
""")
PERSON_PASSIVES = _words("""
born killed shot arrested executed elected murdered assassinated wounded crowned hanged
beheaded imprisoned exiled baptized baptised buried knighted
""")
# a person's kin, body and papers: "the followers of Parnell", "Grant's Memoirs"
RELATIONAL_NOUNS = _words("""
followers supporters partisans wife husband widow son sons daughter daughters brother sister
father mother death murder assassination funeral memoirs biographer successor predecessor
writings diary diaries speech speeches biography portrait grave tomb
""")
# kin, who are named by their given names ("his wife, Nina", "their son, Oleg")
KIN_NOUNS = _words("""
wife husband widow widower son sons daughter daughters brother brothers sister sisters father
mother uncle aunt nephew niece cousin grandson granddaughter bride fiancée fiancé
""")
# what a person is called in an apposition: "Cromwell, the Lord Protector,", "Downing, the
# English resident at The Hague,"
PERSON_NOUNS = TITLES | RELATIONAL_NOUNS | _words("""
resident envoy leader philosopher poet painter writer author historian statesman soldier
officer priest monk nun merchant lawyer banker scholar scientist physician surgeon
revolutionary rebel agent spy hero heroine founder inventor composer novelist journalist
editor member woman man girl boy
""")
# what a firm's name ends with ("J. R. HOLLAND & CO.", "Lockert Bros."): not a person's
FIRM_RE = re.compile(r"[^\S\n]*&[^\S\n]*(?:Co|CO|Sons|SONS|Bros?|BROS?)\b")
# things named like people: "the steamer Emma Graham", "the ship Royal Oak"
VESSELS = _words("""
steamer steamboat ship schooner brig bark barque frigate sloop yacht packet boat gunboat
cruiser battleship ironclad vessel clipper liner tug locomotive engine horse
""")
# nobiliary particles written capitalised before a family name alone ("De Witt", "Van
# Buren", "Von Galen"): with the next word they are a family name. Not the articles
# "Le"/"La"/"Los" that begin places ("Le Cap", "Los Angeles").
CAPITAL_PARTICLES = ("De", "Van", "Von", "Du", "Di", "Da", "Del", "Della", "Ter", "Ten")
# US state abbreviations after a town ("Nashville, Tenn.", "Chicago, Ill."): places
STATE_ABBREVIATIONS = _words("""
ala ariz ark cal calif colo conn dak del fla ga ill ind ia kan kans ky la mass md me mich
minn miss mo mont neb nebr nev okla ore pa tenn tex va vt wash wis wisc wyo
""")
# months (as every stage names them, support.text_patterns) and days: dates, not names
# (not "Jan", which is as often a Dutch or Polish given name)
_TIME = frozenset(m.lower() for m in MONTH_NAMES + MONTH_ABBREVIATIONS if m != "Jan") | _words(
    "monday tuesday wednesday thursday friday saturday sunday")
# (and the generic nouns of periodicals and bodies, and editors' notes, of several languages)
NOT_PERSON = _NOT_PERSON_WORDS | _TIME | PERIODICAL_WORDS | BODY_WORDS | EDITORIAL_WORDS
# "On 18 February Huerta arrested": the date leads the chunk but is not the name
# verbs that open a notice or caption before a name ("Married Mary Todd", "Died at ...")
_NOTICE_VERBS = _words("""
married died born wanted arrived elected appointed killed murdered drowned executed resigned
departed returned
""")
# (and headings of minutes, salutations and other languages' function words: "Dear Comrade
# Stalin", "Слушали", "Сам Яков" open a chunk and are shed from it)
LEADING = FUNCTION | ARTICLES | _TIME | _NOTICE_VERBS | OPENING_WORDS
WORDS_RE = re.compile(r"\S+")
INITIAL_RE = re.compile(INITIAL)


# -- word tests ------------------------------------------------------------------
def fold_word(word: str) -> str:
    """A word as the word lists hold it: lower case, without a closing full stop."""
    return word.rstrip(".").casefold()


# a word's family key, cached: the finder asks about the same words again and again
word_key = functools.lru_cache(maxsize=65536)(family_key)


def is_title(word: str) -> bool:
    """A title or rank, also as the last part of a compound ("Major-General")."""
    folded = fold_word(word)
    return folded in TITLES or ("-" in folded and folded.rsplit("-", 1)[1] in TITLES)


def plain(word: str) -> str:
    """A word folded for the function-word test; initials ("A.") never count as one."""
    return "" if word.endswith(".") else word.casefold()


def surname_key(family: str) -> str:
    """Key of a family name without its particles ("de Saint-Just" -> "saintjust")."""
    words = [w for w in re.split(r"\s+", family.strip()) if w.casefold() not in PARTICLES]
    last = words[-1] if words else family
    last = re.sub(r"^[dD][’']", "", last)
    return family_key(last)


def split_name(tokens: list[str]) -> tuple[str, str]:
    """(given, family) of name tokens; family runs from the first particle, else the last
    word, except where initials follow the name ("Postyshev A.", "Smith J. R.")."""
    trailing = len(tokens)
    while trailing > 1 and INITIAL_RE.fullmatch(tokens[trailing - 1]):
        trailing -= 1
    if 0 < trailing < len(tokens) and not any(INITIAL_RE.fullmatch(t) for t in tokens[:trailing]):
        return " ".join(tokens[trailing:]), " ".join(tokens[:trailing])
    for i, tok in enumerate(tokens[1:], 1):
        if tok in PARTICLES or re.match(r"[dD][’']", tok):
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    given = [t for t in tokens[:-1] if not t.startswith(("\"", "“"))]
    return " ".join(given), tokens[-1]
