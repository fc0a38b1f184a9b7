"""The claim text of a corpus, tokenised and counted once, for finding its topics.

``topic_terms`` asks many questions of the same text (how often is this word or
phrase used, in which case, where first, is it ever printed in lower case), and
the corpus it is judged on runs to megabytes, so the counts are made here in one
pass each: tokens, words, and every run of two or three content words (words
that are not English function words, adverbs, possessives or numbers). Only
English function words and morphology are written here, no topic of any corpus.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress

from graph_builder.people.names import family_key
from graph_builder.records import Extraction


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# How often a term must recur to be a topic, as a rate of the corpus's tokens, never below
# a floor. A rate, not a count: ten copies of a corpus have the same topics as one, where
# a fixed count would admit generic phrases ("large number") once a corpus repeats them.
# On the 1.5 MB test corpus (258,000 tokens) a phrase needs 5 uses: that gives 413
# topics, 4 would give 592 and 3 952, the additions mostly generic pairs.
PHRASE_RATE, PHRASE_FLOOR = 1 / 52_000, 2
HEADING_SHARE = 0.6  # a heading's phrase needs this share of a phrase's uses (3 of 5)
MARKED_RATE, MARKED_FLOOR = 2 / 300_000, 2  # a glossed, defined or italic term

FUNCTION = wordset(
    "a an the this that these those such same other another each every either neither any all "
    "both some no none few many much more most less least several various certain own only "
    "also even very too quite rather just still yet already again ever never not nor and or "
    "but if then than so as because while although though whereas whether since until unless "
    "of in on at by for with from to into onto upon about above below over under between among "
    "through during before after against without within along across around toward towards via "
    "per amid despite except beyond behind like near off out up down i me my we us our you "
    "your he him his she her it its they them their who whom whose which what when where why "
    "how there here be am is are was were been being have has had having do does did done can "
    "could may might must shall should will would let made make makes say said says told tell "
    "asked wrote write written called became become come came go went gone get got give gave "
    "given take took taken see seen saw know knew known think thought first second third last "
    "next one two three four five six seven eight nine ten twenty thirty forty fifty sixty "
    "seventy eighty ninety dozen dozens hundreds thousands millions hundred thousand million "
    "mr mrs ms dr st vol pp ibid yes however therefore thus indeed perhaps often always "
    "sometimes later now today whole new old little long good well way time times deal fact "
    "case cases lot kind sort matter thing things number majority extent rest himself herself "
    "itself themselves ourselves myself yourself put puts taking making giving going getting "
    "coming keep kept something anything everything nothing someone anyone everyone large vast "
    "small huge major main entire real true possible necessary important clear different "
    "similar recent further particular specific usual latter following previous")
BOOK_PARTS = wordset(
    "contents preface foreword introduction acknowledgments acknowledgements appendix "
    "appendices index notes note sources bibliography conclusion epilogue prologue afterword "
    "glossary abbreviations table figure excerpted comments chapter part section")
_PARTICLES = wordset("de du des la le van von der den ter ten da di del dos")
CONNECTORS = frozenset({"of", "for"})  # "Committee of Public Safety", "murder of Kirov"
TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\s\w]")
WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*[^\W\d_])?")
CAPS = re.compile(r"[A-Z]+[a-z]?[A-Z]+")  # "NKVD", "VSNKh"
_STARRED = re.compile(r"\*([^*\s][^*\n]{0,48}[^*\s])\*")  # *italic* or _italic_
_UNDERSCORED = re.compile(r"\b_([^_\s][^_\n]{0,48}[^_\s])_\b")


def norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def singular(word: str) -> str:
    if len(word) <= 3 or word.isupper() or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word if word.endswith(("ss", "us", "is")) else word[:-1]


def group(form: str) -> str:
    """The key the forms of one topic share: normalised, last word singular."""
    words = norm(form).split()
    return " ".join(words[:-1] + [singular(words[-1])]) if words else ""


def case(form: str) -> str:
    """Forms differing only in the case of ordinary words are one label."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.casefold()
                    for w in re.split(r"[^\w]+", form) if w)


def unmark(text: str) -> str:
    return text.strip().strip("*_“”\"‘’'").strip()


@dataclass
class Gram:
    """A run of content words, by key: its printed forms and where it stands."""

    first: int  # token index of the first use
    forms: Counter[str] = field(default_factory=Counter)  # printed forms and their uses
    left: int = 0  # uses after another content word
    right: int = 0  # uses before another content word

    @property
    def total(self) -> int:
        return sum(self.forms.values())


class ClaimText:
    """The text of every claim of a corpus (a turn inside its quotation read once)."""

    def __init__(self, extractions: list[Extraction]):
        texts, self.starts, self.places = [], [], []
        offset = 0
        for extraction in extractions:
            end = -1
            for claim in sorted(extraction.claims, key=lambda c: (c.span.start, -c.span.end)):
                if claim.span.end > end:
                    texts.append(claim.text)
                    self.starts.append(offset)
                    self.places.append((claim.doc_id, claim.line))
                    offset += len(claim.text) + 3
                    end = claim.span.end
        self.raw = " .\n".join(texts)
        self.lower = self.raw.lower()
        self.tokens: list[str] = []
        self.token_starts = []  # index of each claim's first token
        for text in texts:
            self.token_starts.append(len(self.tokens))
            self.tokens += TOKEN.findall(text)
            self.tokens.append("\n")
        self.raw_words = Counter(self.tokens)
        self.words: Counter[str] = Counter()
        for token, n in self.raw_words.items():
            self.words[token.lower()] += n
        colons = compress(range(len(self.tokens)), map(":".__eq__, self.tokens))
        self.leading = Counter(t for i in self.token_starts for t in self.tokens[i:i + 4]
                               if t.isupper())  # "BUKHARIN:", "CARNOT, Lazare": labels
        self.leading.update(t for t in (self.tokens[i - 1] for i in colons) if t.isupper())
        self.italic = Counter(map(unmark, _STARRED.findall(self.raw)))
        if "_" in self.raw:
            self.italic.update(map(unmark, _UNDERSCORED.findall(self.raw)))
        self.italic_low: Counter[str] = Counter()
        for term, n in self.italic.items():
            self.italic_low[term.lower()] += n
        size = len(self.tokens)
        # uses a term needs (real numbers: compared with counts, they scale exactly)
        self.min_uses = max(PHRASE_FLOOR, PHRASE_RATE * size)
        self.min_heading = max(PHRASE_FLOOR, HEADING_SHARE * self.min_uses)
        self.min_marked = max(MARKED_FLOOR, MARKED_RATE * size)
        self.grams: dict[tuple[str, ...], Gram] = {}
        self.of_pairs: Counter[tuple[str, str]] = Counter()  # ("murder", "Kirov")
        self.of_the: Counter[tuple[str, str]] = Counter()  # ("chief", "NKVD"): "of the NKVD"
        self.modifier: Counter[str] = Counter()  # uses of a word before another content word
        self._count_grams()

    def _count_grams(self) -> None:
        """Runs of two or three content words and names joined by "of" or "for", keyed
        in lower case with the last word singular, used at least ``min_heading`` times."""
        tokens = self.tokens
        verdict = {t: self.is_content(t) for t in self.raw_words}
        mask = [*map(verdict.__getitem__, tokens), False, False, False, False]
        key_of = {t: t.lower() for t in self.raw_words}
        last_of = {t: singular(k) for t, k in key_of.items()}
        starts = [i for i in compress(range(len(tokens)), mask) if mask[i + 1]]
        self.modifier.update(key_of[tokens[i]] for i in starts)
        for size in (2, 3):
            if size == 2:
                grams = [(key_of[tokens[i]], last_of[tokens[i + 1]]) for i in starts]
            else:
                starts = [i for i in starts if mask[i + 2]]
                grams = [(key_of[tokens[i]], key_of[tokens[i + 1]], last_of[tokens[i + 2]])
                         for i in starts]
            totals = Counter(grams)
            for i, key in zip(starts, grams, strict=True):
                if totals[key] >= self.min_heading:
                    gram = self.grams.get(key) or self.grams.setdefault(key, Gram(i))
                    gram.forms[" ".join(tokens[i:i + size])] += 1
                    gram.left += i > 0 and mask[i - 1]
                    gram.right += mask[i + size]
        names: list[tuple[int, int]] = []
        for i in compress(range(len(tokens)), map(CONNECTORS.__contains__, tokens)):
            start = end = i + 1 + (tokens[i + 1:i + 2] == ["the"])
            while end < start + 3 and mask[end] and tokens[end][:1].isupper():
                end += 1
            if end == start + 1:  # "murder of Kirov", "chief of the NKVD"
                self.of_pairs[key_of[tokens[i - 1]], tokens[start]] += 1
                self.of_the[key_of[tokens[i - 1]], tokens[start]] += start > i + 1
            first = i
            while first > i - 3 and mask[first - 1] and tokens[first - 1][:1].isupper():
                first -= 1
            if first < i < start < end:
                names.append((first, end))
        keys = [(*map(key_of.__getitem__, tokens[a:b - 1]), last_of[tokens[b - 1]])
                for a, b in names]
        totals = Counter(keys)
        for (a, b), key in zip(names, keys, strict=True):
            if totals[key] >= self.min_heading:
                gram = self.grams.get(key) or self.grams.setdefault(key, Gram(a))
                gram.forms[" ".join(tokens[a:b])] += 1

    def is_content(self, token: str) -> bool:
        lower = token.lower()
        return bool(WORD.fullmatch(token)) and lower not in FUNCTION and not lower.endswith(
            ("’s", "'s")) and not self.is_adverb(lower)

    def is_adverb(self, word: str) -> bool:
        """"largely", "happily": -ly words whose stem the corpus also uses."""
        stem = word[:-2]
        return word.endswith("ly") and len(word) > 4 and any(
            self.words[s] for s in (stem, stem + "e", stem[:-1] + "y", stem + "le"))

    def chunks(self, text: str) -> list[list[str]]:
        """Runs of content words in a text (a heading's)."""
        runs: list[list[str]] = [[]]
        for token in TOKEN.findall(text):
            if self.is_content(token):
                runs[-1].append(token)
            elif runs[-1]:
                runs.append([])
        return [run for run in runs if run]

    def where(self, offset: int) -> tuple[str, int]:
        """(document, line) of the claim at an offset of ``raw``."""
        return self.places[bisect.bisect_right(self.starts, offset) - 1]

    def where_token(self, index: int) -> tuple[str, int]:
        return self.places[bisect.bisect_right(self.token_starts, index) - 1]

    def first(self, word: str) -> tuple[str, int]:
        at = self.lower.find(word.lower())
        return self.where(at) if at >= 0 else ("", 0)

    def foreign(self, term: str) -> bool:
        """Set in italics in 1 use of 25 or more: a foreign or technical term, not a word
        stressed once ("*change*")."""
        n = self.italic_low[term.lower()]
        return n > 0 and 25 * n >= self.count(term)

    def count(self, form: str) -> int:
        """Uses of a form in the claims, in any case."""
        form = form.lower()
        if " " not in form:
            return self.words[form]
        return self.lower.count(form) + (self.lower.count(form.replace("'", "’"))
                                         if "'" in form else 0)

    def uses(self, form: str) -> int:
        """Uses of a form as printed (a single word in its case)."""
        return self.raw_words[form] if " " not in form else self.count(form)

    def cased(self, word: str) -> list[str]:
        """The case forms of a word the claims use ("Gulag", "GULAG", "gulag")."""
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        return sorted(w for w in variants if self.raw_words[w] and not self.shouted(w)) or [word]

    def shouted(self, form: str) -> bool:
        """Has a word set in capitals for emphasis ("the PARTY"), not an acronym."""
        return any(w.isupper() and len(w) > 1 and self.raw_words[w.lower()]
                   + self.raw_words[w.capitalize()] > 3 * self.raw_words[w] for w in form.split())

    def proper(self, word: str) -> bool:
        """Never printed in lower case: a name ("Takamori"), not a common noun."""
        return not self.words[word.lower()] - self.raw_words[word]

    def is_person(self, label: str, people: frozenset[str]) -> bool:
        """"Comrade Stalin", "Saigo Takamori", "Merlin de Douai": a family name
        (``names.family_key``) and names around it; never an acronym ("NKVD")."""
        words = label.split()
        if CAPS.fullmatch(label) or not all(w[:1].isupper() or w in _PARTICLES
                                            or w.startswith(("d’", "d'")) for w in words):
            return False
        if any(family_key(" ".join(words[i:])) in people for i in range(len(words))):
            return True
        families = [family_key(re.sub(r"^d[’']", "", w)) in people for w in words]
        return any(families) and all(f or self.proper(w) for f, w in zip(families, words,
                                                                          strict=True))

    def alternatives(self, label: str, uses: dict[str, int]) -> set[str]:
        """The other labels of a topic: its forms other than the label's, one per case
        ("conscription laws" for "Conscription laws"), and "murder of Kirov" for
        "Kirov murder" when the claims say so."""
        seen, alts = {case(label)}, set()
        for form in sorted(uses, key=lambda f: (-uses[f], f)):
            if case(form) not in seen and uses[form]:
                seen.add(case(form))
                lower = label.islower() and group(form) == group(label)
                alts.add(form.lower() if lower and not CAPS.search(form) else form)
        head, noun = (label.split() + [""])[:2]
        of_pairs = self.of_pairs[noun, head]
        if " " not in label[len(head) + 1:] and noun.islower() and of_pairs:
            the = "the " if 2 * self.of_the[noun, head] > of_pairs else ""
            alts.add(f"{noun} of {the}{head}")
        return alts
