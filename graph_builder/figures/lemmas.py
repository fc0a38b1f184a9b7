"""Dictionary forms of English nouns and verbs by general rules, so that
"members", "membership" and "member" or "shot" and "shooting" meet.

General English morphology only (plural endings, past participles, a short list of
irregular forms of common words); no list of any corpus's phrases.
"""

from __future__ import annotations

IRREGULAR_NOUNS = {
    "people": "person", "persons": "person", "men": "man", "women": "woman",
    "children": "child", "folk": "person", "folks": "person", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "oxen": "ox", "lives": "life",
    "wives": "wife", "knives": "knife", "thieves": "thief", "cattle": "cattle",
    "staff": "staff", "police": "police", "clergy": "clergy", "gentry": "gentry",
    "series": "series", "corps": "corps", "species": "species", "news": "news", "means": "means",
    "crises": "crisis", "analyses": "analysis", "theses": "thesis",
    # a body named for its members counts them
    "membership": "member", "memberships": "member", "peasantry": "peasant",
    "workforce": "worker", "electorate": "voter", "nobility": "noble",
}
# nouns of events and the verbs they name, where adding or removing a suffix does not
# give the verb; regular "-ion" nouns are undone by rule
IRREGULAR_EVENT_NOUNS = {
    "expulsion": "expel", "expulsions": "expel", "death": "die", "deaths": "die",
    "arrest": "arrest", "arrests": "arrest", "purge": "purge", "purges": "purge",
    "purging": "purge", "shooting": "shoot", "shootings": "shoot", "killing": "kill",
    "killings": "kill", "murder": "murder", "murders": "murder", "loss": "lose",
    "losses": "lose", "flight": "flee", "trial": "try", "trials": "try",
    "conviction": "convict", "convictions": "convict", "sentence": "sentence",
    "sentences": "sentence", "release": "release", "releases": "release",
    "appeal": "appeal", "appeals": "appeal", "exile": "exile", "removal": "remove",
    "removals": "remove", "dismissal": "dismiss", "dismissals": "dismiss",
    "admission": "admit", "admissions": "admit", "readmission": "readmit",
    "readmissions": "readmit", "strike": "strike", "strikes": "strike",
    "casualties": "casualty", "emigration": "emigrate", "imprisonment": "imprison",
    "repression": "repress", "repressions": "repress", "deportation": "deport",
    "deportations": "deport", "execution": "execute", "executions": "execute",
}
IRREGULAR_VERBS = {
    "shot": "shoot", "died": "die", "dead": "die", "sent": "send", "left": "leave",
    "fled": "flee", "held": "hold", "lost": "lose", "taken": "take", "took": "take",
    "given": "give", "gave": "give", "thrown": "throw", "threw": "throw", "put": "put",
    "found": "find", "brought": "bring", "caught": "catch", "driven": "drive",
    "drove": "drive", "gone": "go", "went": "go", "made": "make", "became": "become",
    "become": "become", "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise",
    "seen": "see", "saw": "see", "beaten": "beat", "hung": "hang", "hanged": "hang",
    "slain": "slay", "slew": "slay", "struck": "strike", "fought": "fight",
    "kept": "keep", "got": "get", "gotten": "get", "won": "win", "led": "lead",
    "paid": "pay", "sold": "sell", "bought": "buy", "told": "tell", "stood": "stand",
    "were": "be", "was": "be", "been": "be", "are": "be", "is": "be", "had": "have",
    "has": "have", "did": "do", "done": "do", "begun": "begin", "began": "begin",
    "chosen": "choose", "chose": "choose", "written": "write", "wrote": "write",
    "came": "come", "known": "know", "shown": "show", "grown": "grow", "born": "bear",
    "sworn": "swear",
    "cut": "cut", "set": "set", "let": "let", "quit": "quit", "hit": "hit",
}
_VOWELS = set("aeiouy")
# a stem that drops a final "e" before "-ed": "purg(e)", "execut(e)", "sentenc(e)"
_E_AFTER = ("v", "z", "c", "g", "u", "at", "ut", "ot", "id", "od", "ud", "ir", "ur", "ys",
            "us", "as", "is", "os", "ov", "ar", "er", "rs", "ns", "ps", "ls", "dg", "bl",
            "pl", "tl", "dl", "gl", "kl", "fl", "cl", "zl", "ag", "rg", "ng", "lg")
_NO_E_AFTER = ("ng", "ss", "er")


def noun_lemma(word: str) -> str:
    """The singular of a noun: "members" -> "member", "people" -> "person",
    "families" -> "family", "churches" -> "church"."""
    w = word.lower().strip("’'")
    if w.endswith(("’s", "'s")):
        w = w[:-2]
    if w in IRREGULAR_NOUNS:
        return IRREGULAR_NOUNS[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


def verb_lemma(word: str) -> str:
    """The dictionary form of a verb: "expelled" -> "expel", "purged" -> "purge",
    "executed" -> "execute", "arrested" -> "arrest", "shot" -> "shoot", and of its
    -ing form: "working" -> "work", "leaving" -> "leave"."""
    w = word.lower()
    if w in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[w]
    if w.endswith("ying") and len(w) == 5:
        return w[:-4] + "ie"  # dying, lying
    if w.endswith("ing") and len(w) > 5:  # the past form's rules undo the ending
        return verb_lemma(w[:-3] + "ed")  # working, leaving, shipping
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        stem = w[:-2]
        if stem.endswith("ell") and len(stem) > 5:  # expelled, cancelled; not swelled
            return stem[:-1]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
            return stem[:-1]  # committed, readmitted
        if stem.endswith("e"):  # agreed, freed
            return stem + "e"
        if len(stem) == 3 and stem[0] not in _VOWELS and stem[1] in _VOWELS and (
                stem[2] not in _VOWELS | set("wx")):
            return stem + "e"  # named, timed, voted
        if stem.endswith(("eat", "oat", "eet")) and not stem.endswith("creat"):  # treated
            return stem
        if stem.endswith(_E_AFTER) and not stem.endswith(_NO_E_AFTER):
            return stem + "e"
        if stem.endswith("in") and len(stem) > 2 and stem[-3] not in _VOWELS:
            return stem + "e"  # examined, determined
        if stem.endswith("il") and len(stem) > 2 and stem[-3] not in _VOWELS:
            return stem + "e"  # exiled, compiled
        return stem
    return w


def event_lemma(word: str) -> str:
    """The verb an event word names: "executions" -> "execute", "expelled" -> "expel",
    "deportation" -> "deport", "arrests" -> "arrest"."""
    w = word.lower()
    if w in IRREGULAR_EVENT_NOUNS:
        return IRREGULAR_EVENT_NOUNS[w]
    if w.endswith("ations") or w.endswith("ation"):
        stem = w[: w.rindex("ation")]
        return stem + "ate" if stem.endswith(("liquid", "rehabilit", "evacu", "incarcer",
                                              "exterm", "elimin")) else stem
    return verb_lemma(w)
