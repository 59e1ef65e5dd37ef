"""Words of a description: tokens with character offsets, sentences and clauses.

Tokenising uses spaCy's blank English pipeline (its rule-based tokeniser and sentencizer;
no statistical model is loaded or downloaded). spaCy is imported on first use only, so
importing myomap stays fast. Every token keeps its character offsets into the original
text, so each understood item can point at the words it came from.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = [
    "CLAUSE_BREAKS",
    "DASHES",
    "SENTENCE_BREAKS",
    "SPELLINGS",
    "TEXTING",
    "Token",
    "normalise_words",
    "stem",
    "tokenise",
]

SENTENCE_BREAKS = frozenset({".", "!", "?", ";", "\n"})
"""Tokens that end a sentence for matching and scoping (``;`` joins two statements; a line
break ends a form field or a bullet line: "Getting better: no" does not deny the next line)."""

DASHES = frozenset({"--", "—", "–"})
"""Dashes that set off a clause ("nothing like a dead leg - even moving my toes hurts"): they
end a negation or hedge scope. A hyphen typed between spaces is read as one, and so is a
slash between spaces, which parts the fields of a form ("Wee: pinkish / Temp: 37.0")."""

CLAUSE_BREAKS = frozenset({",", ":", "(", ")", "but"}) | DASHES | SENTENCE_BREAKS
"""Tokens that end a clause: the unit that side and intensity words apply to."""

_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_SHORT = {
    "n't": "not",
    "nt": "not",  # "havent", "dont", "cant": spaCy splits off "nt"
    "'m": "am",
    "'re": "are",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
}

TEXTING = {
    "wen": "when", "wenever": "whenever", "n": "and", "nd": "and", "nite": "night",
    "nites": "nights", "tonite": "tonight", "2day": "today", "2nite": "tonight",
    "yday": "yesterday", "yest": "yesterday", "2moro": "tomorrow", "wk": "week", "wks": "weeks",
    "hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes", "nr": "near",
    "thru": "through", "tho": "though", "cos": "because", "coz": "because", "cuz": "because",
    "bcos": "because", "u": "you", "ur": "your", "b4": "before", "wiv": "with",
    "wid": "with", "abt": "about", "bk": "back", "rite": "right", "lyk": "like",
}  # fmt: skip
"""Texting forms read as the word they stand for ("wen i wee", "bad nite", "2day")."""

SPELLINGS = {
    "realy": "really", "relly": "really", "sik": "sick", "brethe": "breathe",
    "breth": "breath", "brething": "breathing", "vishun": "vision", "vison": "vision",
    "blury": "blurry", "secunds": "seconds", "minits": "minutes", "minuts": "minutes",
    "wile": "while", "clamy": "clammy", "throbing": "throbbing", "terible": "terrible",
    "terrable": "terrible", "weeker": "weaker", "weekness": "weakness", "spredding": "spreading",
    "spreding": "spreading", "hed": "head", "drowzy": "drowsy", "musles": "muscles",
    "shivvering": "shivering", "shivring": "shivering", "temprature": "temperature",
    "tempreture": "temperature", "temperture": "temperature", "hedache": "headache",
    "hedake": "headache", "headake": "headache", "painfull": "painful", "swelin": "swelling",
    "sweling": "swelling", "sudenly": "suddenly", "suddenley": "suddenly", "stabing": "stabbing",
    "stomache": "stomach", "numm": "numb", "tingel": "tingle", "tingeling": "tingling",
    "electrik": "electric", "purply": "purple", "yelow": "yellow", "wites": "whites",
    "chist": "chest", "blud": "blood", "bleading": "bleeding", "vomitting": "vomiting",
    "vommiting": "vomiting", "diareah": "diarrhoea", "diarea": "diarrhoea", "dizy": "dizzy",
    "confussed": "confused", "confuzed": "confused", "swolen": "swollen", "leggs": "legs",
    "elefant": "elephant",
}  # fmt: skip
"""Common phonetic misspellings of words the lexicon uses, read as the word ("feel sik",
"hedache", "vishun is blury"). Short words only matter here: words of six letters or more
are also matched on a close spelling (``matcher.FUZZY_CUTOFF``)."""

_G_DROPPED_NOT = ("ain",)
"""Endings of words in "-in" that are not a dropped "-ing" ("again", "complain"). Other
words ("heroin", "insulin") keep their own stem too, so an extra "-ing" reading is harmless."""


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark of the text."""

    index: int
    start: int
    end: int
    text: str
    lower: str
    stem: str
    sentence: int
    alt: str = ""
    """Another stem the word may stand for: "throbbin", "bleedin" as "-ing" forms; a high
    temperature reading ("38.6", "102F") as "fever" (``fever_reading``)."""

    @property
    def is_word(self) -> bool:
        return any(ch.isalnum() for ch in self.text)


def stem(word: str) -> str:
    """A light, rule-based stem: enough to match ``hurts``/``hurting``/``hurt``.

    Terms and text go through the same function, so the stems only need to agree with
    each other, not to be real words.
    """
    w = word.lower()
    if len(w) > 5 and w.endswith("ing"):
        w = _undouble(w[:-3])
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = _undouble(w[:-2])
    elif len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if w == "not" and word.lower() != "not":
        return "note"  # "note", "noted", "notes" are no denial ("Triage note: …", "swelling noted")
    return w


def _undouble(w: str) -> str:
    if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
        return w[:-1]
    return w


def _g_dropped(word: str) -> str:
    """The "-ing" stem of a word typed with the g dropped ("bleedin", "peein"), else ""."""
    if len(word) < 5 or not word.endswith("in") or word.endswith(_G_DROPPED_NOT):
        return ""
    if not word.isalpha():
        return ""
    return stem(word + "g")


_READING = re.compile(r"^(?:(?P<c>\d{2}(?:\.\d)?)(?:°c?|c)?|(?P<f>\d{3}(?:\.\d)?)(?:°f?|f)?)$")
_PLAIN = re.compile(r"^\d{2,3}\.\d$")
NOT_TEMPERATURE_UNITS = frozenset(
    [
        "hours",
        "hour",
        "hrs",
        "hr",
        "h",
        "km",
        "kms",
        "k",
        "kg",
        "kilos",
        "miles",
        "mile",
        "mi",
        "lbs",
        "lb",
        "pounds",
        "st",
        "stone",
        "minutes",
        "minute",
        "mins",
        "min",
        "seconds",
        "secs",
        "years",
        "yrs",
        "weeks",
        "wks",
        "days",
        "times",
        "x",
        "mg",
        "ml",
        "cm",
        "mm",
        "m",
        "metres",
        "meters",
        "bpm",
        "%",
        "percent",
    ]
)
"""Words after a number that make it a count or a measure, not a temperature."""


def fever_reading(word: str, after: str) -> bool:
    """True for a high temperature reading: 38 °C or more ("38.6", "39°", "39.2c"), or
    100.4 °F or more ("101.3", "102F"), when it has a decimal or a degree mark and is not a
    count of something else ("38.5 hours"). Whole numbers alone ("39") may be an age."""
    match = _READING.match(word)
    if match is None or after in NOT_TEMPERATURE_UNITS:
        return False
    marked = word != match.group("c") and word != match.group("f")  # a ° or a c/f after it
    if not (marked or _PLAIN.match(word)):
        return False
    if match.group("c") is not None:
        return 38.0 <= float(match.group("c")) < 43.0
    return 100.4 <= float(match.group("f")) < 110.0


def normalise_words(term: str) -> list[str]:
    """The words of a lexicon term, with contractions and hyphens spelled out."""
    text = term.lower().replace("’", "'")
    text = re.sub(r"\bcannot\b", "can not", text)
    text = re.sub(r"\b(ca|wo|sha)n't\b", lambda m: _CONTRACTIONS[m.group(1)] + " not", text)
    text = text.replace("n't", " not").replace("'m", " am").replace("-", " ")
    return text.split()


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _spaced(text: str, i: int) -> bool:
    """True for a hyphen or slash with a space (or the text's edge) on both sides: a dash."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isspace() and after.isspace()


_OBJECT_BALL = frozenset(
    {
        "tennis", "golf", "massage", "lacrosse", "foam", "spiky", "spikey", "peanut",
        "therapy", "cricket", "bouncy", "exercise", "stress", "rubber", "hockey", "squash",
        "yoga", "gym",
    }
)  # fmt: skip
"""Words before "ball" that make it a thing to roll on, not slang for the testicles."""


def _ball_sense(tokens: list[Token]) -> list[Token]:
    """ "Ball(s) of the foot" is the forefoot and a tennis ball is a tool: give those "ball"
    tokens other stems (``forefoot``, ``toolball``) so that only the slang sense can match a
    testicle term ("my balls ache"), never "the ball of my foot hurts"."""
    out = list(tokens)
    for i, tok in enumerate(tokens):
        if tok.stem != "ball":
            continue
        after = [t.lower for t in tokens[i + 1 : i + 6]]  # "ball of my right foot"
        before = tokens[i - 1].lower if i > 0 else ""
        if after[:1] == ["of"] and ({"foot", "feet"} & set(after[1:])):
            out[i] = dataclasses.replace(tok, lower="forefoot", stem="forefoot")
            foot = i + 1 + next(k for k, w in enumerate(after) if w in ("foot", "feet"))
            out[foot] = dataclasses.replace(tokens[foot], lower="forefoot", stem="forefoot")
        elif before in _OBJECT_BALL:
            out[i] = dataclasses.replace(tok, lower="toolball", stem="toolball")
    return out


FRAGMENT_WORDS = 3
"""At most this many words between full stops make a fragment that belongs to the sentence
next to it ("My left ball. Worst pain I've ever had.", "I coughed into a tissue. Red
streaks.")."""
_ANSWERS = frozenset(
    {"no", "not", "nil", "none", "never", "nope", "yes", "yep", "fine", "ok", "okay", "normal",
     "negative", "positive", "nothing", "n't", "but"}
)  # fmt: skip


def _fragments(tokens: list[Token]) -> list[Token]:
    """Join a fragment to the sentences around it: the full stops before and after a
    sentence of at most ``FRAGMENT_WORDS`` words become commas, so a place named in one and
    what is wrong with it in the next are read together. A fragment that answers ("No.",
    "Fine.") or denies stays a sentence of its own; other breaks (``?``, ``;``, a line
    break) are kept."""
    out = list(tokens)
    bounds = [-1] + [i for i, t in enumerate(tokens) if t.text in SENTENCE_BREAKS] + [len(tokens)]
    spans = list(itertools.pairwise(bounds))

    def plain(span: tuple[int, int]) -> bool:
        return all(t.lower not in _ANSWERS for t in tokens[span[0] + 1 : span[1]])

    for n, (before, stop) in enumerate(spans):
        words = [t for t in tokens[before + 1 : stop] if t.is_word]
        if not (0 < len(words) <= FRAGMENT_WORDS and plain((before, stop))):
            continue
        if stop < len(tokens) and tokens[stop].text == "." and plain(spans[n + 1]):
            out[stop] = dataclasses.replace(out[stop], text=",", lower=",", stem=",")
        if before >= 0 and tokens[before].text == "." and plain(spans[n - 1]):
            out[before] = dataclasses.replace(out[before], text=",", lower=",", stem=",")
    return out


def _hay_fever(tokens: list[Token]) -> list[Token]:
    """ "Hay fever" is an allergy, not a fever: give that "fever" another stem (``hayfever``)."""
    return [
        dataclasses.replace(t, lower="hayfever", stem="hayfever")
        if t.lower == "fever" and i > 0 and tokens[i - 1].lower == "hay"
        else t
        for i, t in enumerate(tokens)
    ]


def tokenise(text: str) -> list[Token]:
    """Tokens of ``text`` (hyphens dropped, contractions spelled out), with sentence numbers."""
    doc: Any = _pipeline()(text.replace("’", "'"))
    out: list[Token] = []
    sentence = 0
    for sent in doc.sents:
        for tok in sent:
            raw = str(tok.text)
            if raw in {"-", "/"} and _spaced(doc.text, int(tok.idx)):
                start = int(tok.idx)
                out.append(Token(len(out), start, start + 1, raw, "—", "—", sentence))
                continue
            if "\n" in raw and raw.isspace():
                if out and out[-1].text not in SENTENCE_BREAKS:
                    start = int(tok.idx) + raw.index("\n")
                    out.append(Token(len(out), start, start + 1, "\n", "\n", "\n", sentence))
                    sentence += 1
                continue
            if raw in {"-", "/"} or raw.isspace():
                continue
            lower = raw.lower()
            nxt = doc[tok.i + 1].text.lower() if tok.i + 1 < len(doc) else ""
            if lower in _CONTRACTIONS and nxt in ("n't", "nt"):  # "can't", "cant"
                lower = _CONTRACTIONS[lower]
            lower = _SHORT.get(lower, lower)
            lower = TEXTING.get(lower) or SPELLINGS.get(lower, lower)
            if lower == "cannot":
                lower = "can"
            start = int(tok.idx)
            token = Token(len(out), start, start + len(raw), raw, lower, stem(lower), sentence)
            alt = "fever" if fever_reading(lower, nxt) else _g_dropped(lower)
            out.append(dataclasses.replace(token, alt=alt))
            if str(tok.text).lower() == "cannot":
                out.append(Token(len(out), start + 3, start + 6, "not", "not", "not", sentence))
            if raw in SENTENCE_BREAKS:
                sentence += 1
        sentence += 1
    return _fragments(_hay_fever(_ball_sense(out)))
