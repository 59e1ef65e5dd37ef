"""Finding lexicon terms in tokens: ordered words, small gaps, alternatives, fuzzy spelling.

A term compiles to a ``Pattern`` of ``WordSpec``s. A pattern matches when its first word
matches a token and each following word matches one of the next ``GAP + 1`` word tokens,
without crossing a sentence break (a word after ``...`` may be up to ``FAR_GAP`` words
on, past commas). Words match on their stems, on a ``prefix*``, or, for
words of six letters or more, on a close spelling (rapidfuzz ratio ≥ ``FUZZY_CUTOFF``) so
that "constipted" still reads as "constipated".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from myomap.atlas.lexicon import FAR, FAR_GAP, GAP
from myomap.understand.text import DASHES, SENTENCE_BREAKS, Token, normalise_words, stem

__all__ = ["FUZZY_CUTOFF", "Match", "Matcher", "Pattern", "WordSpec", "compile_term"]

FUZZY_CUTOFF = 88.0
"""Lowest rapidfuzz ratio (0–100) at which a misspelt word still counts as the word."""

FILLERS = frozenset({"the", "my", "his", "her", "their", "your", "our", "its", "'s"})
"""Words dropped from terms: in text they may stand anywhere inside a match."""

GAP_FREE = FILLERS | {"a", "an", "bit"} | {"right", "left", "side", "very", "really", "so"}
"""Words not counted in a gap: "my pee might have been a bit pink" keeps "pee … pink" within
three words, and side words and intensifiers are free too ("my testicle on the right side
is very painful"). (Articles stay in terms, unlike fillers: "a fall" is not "fall".)"""

NEVER_SKIPPED = frozenset({"not", "no", "never", "without", "nor", "neither"})
"""Negation words inside a gap: a finding's match through one ("the calf is not swollen")
is read as negated; any other term's match stops there."""


@dataclass(frozen=True)
class WordSpec:
    """One word of a term: accepted stems and accepted prefixes; ``far`` when the term has
    ``...`` before it (a wide gap, see ``FAR_GAP``)."""

    stems: frozenset[str]
    prefixes: tuple[str, ...] = ()
    far: bool = False

    def accepts(self, token: Token, near: frozenset[str]) -> bool:
        if token.stem in self.stems or self.stems & near:
            return True
        if token.alt and token.alt in self.stems:
            return True
        return any(
            token.lower.startswith(p) or p + "*" in near or (token.alt and token.alt.startswith(p))
            for p in self.prefixes
        )


@dataclass(frozen=True)
class Pattern:
    """A compiled term, with what it stands for (``kind`` and ``key``)."""

    kind: str
    key: str
    term: str
    words: tuple[WordSpec, ...]
    gap: int = GAP


@dataclass(frozen=True)
class Match:
    """A pattern found in the text: tokens ``first`` to ``last`` (inclusive)."""

    pattern: Pattern
    first: int
    last: int
    tokens: tuple[int, ...]
    start: int
    end: int
    negation: int | None = None
    """A negation word standing between two words of the term ("the calf is not swollen")."""
    negation_start: int = 0
    negation_end: int = 0

    @property
    def kind(self) -> str:
        return self.pattern.kind

    @property
    def key(self) -> str:
        return self.pattern.key

    @property
    def size(self) -> int:
        return len(self.pattern.words)


def compile_term(kind: str, key: str, term: str, gap: int = GAP) -> Pattern:
    """Compile one lexicon term (see ``myomap.atlas.lexicon`` for the syntax).

    ``gap`` is how many other words may stand between two words of the term; modifier
    words (side, intensity, ConText triggers) are compiled with 0: they are fixed phrases.
    A ConText trigger keeps its filler words ("and the" is not a bare "and").
    """
    words: list[WordSpec] = []
    far = False
    for word in normalise_words(term):
        if word == FAR:
            far = True
            continue
        if word in FILLERS and kind != "context":
            continue
        stems: set[str] = set()
        prefixes: list[str] = []
        for alt in word.split("|"):
            if alt.endswith("*"):
                prefixes.append(alt[:-1])
            elif alt:
                stems.add(stem(alt))
        words.append(WordSpec(frozenset(stems), tuple(prefixes), far))
        far = False
    return Pattern(kind, key, term, tuple(words), gap)


@dataclass
class Matcher:
    """All patterns, indexed by the stems and prefixes of their first word."""

    patterns: list[Pattern]
    _by_stem: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)
    _by_prefix: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)
    _order: dict[int, int] = field(default_factory=dict, repr=False)
    _vocabulary: tuple[str, ...] = ()
    _known: frozenset[str] = frozenset()
    _prefixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        by_stem: dict[str, list[Pattern]] = defaultdict(list)
        by_prefix: dict[str, list[Pattern]] = defaultdict(list)
        vocab: set[str] = set()
        prefixes: set[str] = set()
        for index, pattern in enumerate(self.patterns):
            self._order[id(pattern)] = index
            if not pattern.words:
                continue
            first = pattern.words[0]
            for s in first.stems:
                by_stem[s].append(pattern)
            for p in first.prefixes:
                by_prefix[p].append(pattern)
            for word in pattern.words:
                vocab.update(s for s in word.stems if len(s) >= 6)
                prefixes.update(p for p in word.prefixes if len(p) >= 6)
        self._by_stem = dict(by_stem)
        self._by_prefix = dict(by_prefix)
        self._vocabulary = tuple(sorted(vocab))
        self._known = frozenset(vocab)
        self._prefixes = tuple(sorted(prefixes))

    def near(self, token: Token) -> frozenset[str]:
        """Vocabulary stems (and ``prefix*``es) that this token is a likely misspelling of.

        A word the vocabulary itself uses is no misspelling: "breathes" (as in "hurts when
        she breathes in") is not a near miss of "breathless"."""
        if token.stem in self._known:
            return frozenset()
        return _near(token.stem, self._vocabulary) | _near_prefix(token.lower, self._prefixes)

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Every match of every pattern (overlapping ones included)."""
        nears = [self.near(t) for t in tokens]
        out: list[Match] = []
        for i, token in enumerate(tokens):
            if not token.is_word:
                continue
            for pattern in self._candidates(token, nears[i]):
                found = _extend(pattern, tokens, nears, i)
                if found is not None:
                    out.append(_match(pattern, tokens, i, *found))
        return out

    def _candidates(self, token: Token, near: frozenset[str]) -> Iterable[Pattern]:
        """The patterns whose first word may match the token, in the lexicon's order: by stem,
        by each starting piece of the word (a ``prefix*`` term), by a near spelling."""
        by_stem: dict[int, Pattern] = {}
        for s in {token.stem, token.alt, *near} - {""}:
            for p in self._by_stem.get(s, ()):
                by_stem[id(p)] = p
        starts = {w[:k] for w in (token.lower, token.alt) if w for k in range(1, len(w) + 1)}
        starts |= {n[:-1] for n in near if n.endswith("*")}
        by_prefix = {id(p): p for start in starts for p in self._by_prefix.get(start, ())}
        first = sorted(by_stem.values(), key=lambda p: self._order[id(p)])
        rest = [p for k, p in by_prefix.items() if k not in by_stem]
        return first + sorted(rest, key=lambda p: self._order[id(p)])


@lru_cache(maxsize=4096)
def _near(word: str, vocabulary: tuple[str, ...]) -> frozenset[str]:
    if len(word) < 6 or not vocabulary:
        return frozenset()
    hits = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    return frozenset(h[0] for h in hits)


@lru_cache(maxsize=4096)
def _near_prefix(word: str, prefixes: tuple[str, ...]) -> frozenset[str]:
    if len(word) < 6:
        return frozenset()
    return frozenset(
        p + "*"
        for p in prefixes
        if not word.startswith(p)
        and abs(len(word) - len(p)) <= 4
        and fuzz.ratio(word[: len(p)], p) >= FUZZY_CUTOFF
    )


def _extend(
    pattern: Pattern, tokens: Sequence[Token], nears: Sequence[frozenset[str]], i: int
) -> tuple[tuple[int, ...], int | None] | None:
    """The token positions of a match starting at ``i``, and a negation word inside it.

    A gap never crosses a sentence break or punctuation, except a comma straight between
    two words of the term ("hot, red, puffy") and, in a finding, a form's colon ("Wee:
    pinkish", "Eyes: whites gone yellow"). Only a finding's gap may hold a negation
    word ("the calf is not swollen"): the match is then read as negated. A wide gap (``...``)
    crosses commas and other punctuation within the sentence, but never a negation word nor
    a dash or spaced slash between form fields ("chest … / At rest" is two fields).
    """
    if not pattern.words[0].accepts(tokens[i], nears[i]):
        return None
    taken = [i]
    negation: int | None = None
    position = i
    for word in pattern.words[1:]:
        skipped = 0
        gap = FAR_GAP if word.far else pattern.gap
        position += 1
        while position < len(tokens):
            tok = tokens[position]
            if tok.text == "," and skipped == 0 and _next_accepts(word, tokens, nears, position):
                position += 1
                continue
            if tok.text == ":" and pattern.kind == "finding":
                position += 1
                continue
            if tok.text in SENTENCE_BREAKS or tok.lower in DASHES:
                return None
            if not tok.is_word and tok.text != "'s":
                if not word.far:
                    return None
                position += 1
                continue
            if word.accepts(tok, nears[position]):
                break
            if tok.lower in NEVER_SKIPPED:
                if pattern.kind != "finding" or negation is not None or word.far:
                    return None
                negation = position
            if tok.lower not in GAP_FREE:
                skipped += 1
                if skipped > gap:
                    return None
            position += 1
        else:
            return None
        taken.append(position)
    return tuple(taken), negation


def _match(
    pattern: Pattern, tokens: Sequence[Token], i: int, taken: tuple[int, ...], negation: int | None
) -> Match:
    end = tokens[taken[-1]].end
    if negation is None:
        return Match(pattern, i, taken[-1], taken, tokens[i].start, end)
    neg = tokens[negation]
    return Match(pattern, i, taken[-1], taken, tokens[i].start, end, negation, neg.start, neg.end)


def _next_accepts(
    word: WordSpec, tokens: Sequence[Token], nears: Sequence[frozenset[str]], comma: int
) -> bool:
    after = comma + 1
    return after < len(tokens) and word.accepts(tokens[after], nears[after])


def best(matches: Iterable[Match], apart: frozenset[str] = frozenset()) -> list[Match]:
    """Drop each match that lies inside a larger match of the same kind.

    Larger means more term words; ties go to the tighter span. Matches of different kinds
    never remove each other: "lying on that side" is both a finding and a side word. A match
    whose key is in ``apart`` (a warning sign) is removed only by a larger match of the same
    key: "a new headache at my temples" is both a new headache and a temple headache.
    """
    ordered = sorted(matches, key=lambda m: (-m.size, m.last - m.first, m.first))
    kept: list[Match] = []
    for m in ordered:
        rivals = [k for k in kept if k.kind == m.kind and (m.key not in apart or k.key == m.key)]
        if any(k.first <= m.first and m.last <= k.last and k is not m for k in rivals):
            continue
        if any(_overlap(k, m) and k.size > m.size for k in rivals):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: (m.first, m.last))


def _overlap(a: Match, b: Match) -> bool:
    return bool(set(a.tokens) & set(b.tokens))
