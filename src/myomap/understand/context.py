"""ConText-style negation, uncertainty and experiencer (after Harkema et al., 2009).

A trigger (``no``, ``not really``, ``maybe``, ``… is fine``) opens a scope that runs up to
``window`` words forward (or backward), stops at a sentence break or at a termination
word (``but``, ``however``, ``and it``…), and covers every finding (and, for some
triggers, every region) whose first word falls inside it. Pseudo-triggers ("can't pass
urine", "no position is comfortable") contain a negation word but negate nothing: a
trigger that overlaps a pseudo-trigger is ignored. When both cover a mention, the
nearest trigger decides ("no numbness, maybe after lifting").

A forward scope runs on through a list ("no numbness, tingling or weakness", "denies fever,
weight loss, night sweats or bladder problems"): at a comma it goes on when what follows
is a short list item, and stops when a new clause begins ("no numbness, it hurts when
walking"; "no fever, walking hurts"). A bare "and" ends a scope ("no pain and threw up
twice"), except at the end of a list already begun with commas or after a denial ("denies
fever and weight loss"), when a short list item follows. A negation word inside a finding's
own words ("my face has not dropped") negates that finding.

An experiencer trigger ("my mum had …", "… like my neighbour had") says a finding belongs to
someone else: such a mention is not the person's answer (``belongs_to_other``).

The trigger words live in the lexicon (``modifiers.yaml``), not in this code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from myomap.atlas.lexicon import ContextRule
from myomap.engine.evidence import Answer
from myomap.understand.matcher import Match
from myomap.understand.text import DASHES, SENTENCE_BREAKS, Token

__all__ = [
    "CLAUSE_OPENERS",
    "CLAUSE_VERBS",
    "Cue",
    "Scope",
    "belongs_to_other",
    "denied_after",
    "denied_before",
    "inside_denial",
    "pseudo_triggers",
    "scopes",
    "status",
]


CLAUSE_OPENERS = frozenset({
    "i", "it", "its", "my", "me", "he", "she", "his", "her", "they", "we", "you", "this",
    "that", "there", "the", "when", "if", "because", "since", "as", "after", "while", "which",
})  # fmt: skip
"""Words that, first after a comma, start a new clause rather than the next list item."""

CLAUSE_VERBS = frozenset({
    "is", "are", "was", "were", "am", "be", "been", "hurt", "hurts", "ache", "aches", "help",
    "helps", "ease", "eases", "eased", "get", "gets", "got", "feel", "feels", "felt", "make",
    "makes", "has", "have", "had", "start", "started", "starts", "come", "comes", "came",
    "go", "goes", "went", "can", "could", "do", "does", "did", "will", "would", "worse",
    "better", "wake", "wakes", "woke", "keep", "keeps", "kept", "give", "gives", "gave",
})  # fmt: skip
"""Verbs and comparisons that, anywhere after a comma, show a new clause ("walking hurts")."""


GONE_AS_RESOLVED = frozenset({
    "now", "away", "down", "off", "completely", "totally", "entirely", "fully", "again",
    "since", "for", "and", "but", "or", "so", "though", "too", "already", "overnight", "by",
    "after", "with", "in", "at", "today", "thankfully", "luckily", "mostly", "altogether",
})  # fmt: skip
"""Words after "has gone" that keep it a resolution ("the numbness has gone now"); any other
word makes it a change of state ("the hernia has gone tight", "my leg has gone numb")."""


LIST_AND = frozenset({"and", "or"})
"""Words that join the last item of a list ("fever, chills and night sweats")."""

DENIALS = frozenset({"denies", "deny", "denied", "denying"})
"""Triggers that open a review-of-systems list ("Denies fever and weight loss")."""


@dataclass(frozen=True)
class Scope:
    """The tokens a trigger governs."""

    rule: ContextRule
    trigger: Match
    first: int
    last: int
    list_first: int = -1
    """Where a denial of places after a list ("my shins, ankles and knees are fine") starts
    for the places of the list (-1: as ``first``); signs are denied only from ``first``."""

    def covers(self, m: Match, kind: str) -> bool:
        """True for a mention that starts in the scope, or, for a denial, on a word of the
        trigger itself ("no pain in my balls": the trigger "no pain", the mention "pain in my
        balls"), whatever the denial targets: in "it is not tender when he combs his hair" the
        denial of a place, "is not tender", also denies the sign that starts on its "tender"."""
        first = self.list_first if kind == "region" and self.list_first >= 0 else self.first
        starts_in = first <= m.first <= self.last
        on_trigger = self.rule.category == "negation" and (
            self.trigger.first < m.first <= self.trigger.last
        )
        return (kind in self.rule.targets and starts_in) or on_trigger


@dataclass(frozen=True)
class Cue:
    """The outcome for one mention: its polarity and the trigger words behind it."""

    polarity: Answer
    words: str


def scopes(
    tokens: Sequence[Token],
    triggers: Sequence[Match],
    rules: Sequence[ContextRule],
    window: int,
    mentions: Sequence[Match] = (),
) -> list[Scope]:
    """The scope of every negation, uncertainty or experiencer trigger that no pseudo-trigger
    overlaps. An "and" inside a mention ("no pins and needles or weakness") ends no scope."""
    joined = frozenset(
        i for m in mentions for i in range(m.first + 1, m.last) if tokens[i].lower == "and"
    )
    pseudo = pseudo_triggers(triggers, rules)
    ends = [t for t in triggers if rules[int(t.key)].category == "termination"]
    out: list[Scope] = []
    for trig in triggers:
        rule = rules[int(trig.key)]
        if rule.category not in ("negation", "uncertainty", "experiencer"):
            continue
        if any(p.first <= trig.last and trig.first <= p.last for p in pseudo):
            continue
        if _became(tokens, trig):
            continue
        if rule.direction == "forward":
            denial = tokens[trig.first].lower in DENIALS
            first = trig.last + 1
            last = _forward_end(tokens, ends, trig.last, window, denial, joined)
        else:
            first, last = _backward_start(tokens, ends, trig.first, window), trig.first - 1
        list_first = -1
        listing = tokens[trig.first].lower in PLURAL_VERBS and "region" in rule.targets
        if rule.direction != "forward" and listing:
            listed = _backward_start(tokens, ends, trig.first, window, plural=True)
            list_first = min(listed, first)
        if first <= last:
            out.append(Scope(rule, trig, first, last, list_first))
    return out


def _became(tokens: Sequence[Token], trig: Match) -> bool:
    """True for "has gone" followed by a state ("has gone tight"): a change, not a negation."""
    after = trig.last + 1
    return (
        tokens[trig.last].lower == "gone"
        and after < len(tokens)
        and tokens[after].is_word
        and tokens[after].lower not in GONE_AS_RESOLVED
    )


def pseudo_triggers(triggers: Sequence[Match], rules: Sequence[ContextRule]) -> list[Match]:
    """The pseudo-triggers among the ConText matches ("can't pass urine")."""
    return [t for t in triggers if rules[int(t.key)].category == "pseudo"]


def _forward_end(
    tokens: Sequence[Token],
    ends: Sequence[Match],
    start: int,
    window: int,
    denial: bool = False,
    joined: frozenset[int] = frozenset(),
) -> int:
    words = 0
    position = start
    listed = denial
    while position + 1 < len(tokens):
        tok = tokens[position + 1]
        if _ends_scope(tok) or any(e.first == position + 1 for e in ends):
            break
        inside = position + 1 in joined
        if (
            tok.lower == "and"
            and not inside
            and not (listed and _list_item(tokens, position + 2, window))
        ):
            break
        if tok.text == ",":
            after = tokens[position + 2] if position + 2 < len(tokens) else None
            if after is not None and after.lower in LIST_AND and not listed:
                break  # ", and" after one item starts a clause ("not suddenly, and coughing …")
            if not _list_item(tokens, position + 2, window):
                break
            listed = True
            words = 0  # each item of a list gets its own window
        elif tok.lower in LIST_AND and listed:
            words = 0
        position += 1
        words += tok.is_word
        if words >= window:
            break
    return position


def _ends_scope(tok: Token) -> bool:
    """A sentence break or a dash ends every scope."""
    return tok.text in SENTENCE_BREAKS or tok.lower in DASHES


def _list_item(tokens: Sequence[Token], first: int, window: int) -> bool:
    """True when the words from ``first`` to the next comma, break or "and" read as a list
    item."""
    words: list[Token] = []
    for tok in tokens[first:]:
        if tok.text == "," or tok.text in SENTENCE_BREAKS or (words and tok.lower == "and"):
            break
        if tok.is_word:
            words.append(tok)
    if not words or len(words) > window:
        return False
    if words[0].lower in CLAUSE_OPENERS:
        return False
    return all(t.lower not in CLAUSE_VERBS for t in words)


PLURAL_VERBS = frozenset({"are", "were", "'re"})
"""A backward trigger that starts with one of these ("are fine") follows a plural subject,
often a list: "my shins, ankles and the backs of my knees are fine" denies all three."""


_NOT_A_NAME = frozenset(
    {"i", "i'm", "it", "it's", "have", "has", "had", "is", "was", "am", "feel", "feels", "felt",
     "get", "got", "hurt", "hurts", "pain", "pains", "ache", "aches", "aching", "sore", "but",
     "can", "can't", "not", "no", "when", "since", "after", "if"}
)  # fmt: skip


def _names_only(tokens: Sequence[Token], before: int) -> bool:
    """True when the words from the sentence's start (or its last clause break) up to token
    ``before`` only name things: "my shins, ankles and …" is a list; "I have pain in my back
    and …" is a clause of its own."""
    for tok in reversed(tokens[:before]):
        if _ends_scope(tok):
            return True
        if tok.lower in _NOT_A_NAME:
            return False
    return True


def _backward_start(
    tokens: Sequence[Token], ends: Sequence[Match], start: int, window: int, plural: bool = False
) -> int:
    words = 0
    position = start
    limit = 2 * window if plural else window
    while position - 1 >= 0:
        tok = tokens[position - 1]
        ending = [e for e in ends if e.last == position - 1]
        through_list = (
            plural
            and all(tokens[e.first].lower == "and" for e in ending)
            and (not ending or _names_only(tokens, min(e.first for e in ending)))
        )
        if _ends_scope(tok) or (ending and not through_list):
            break
        position -= 1
        words += tok.is_word
        if words >= limit:
            break
    return position


def status(
    m: Match, kind: str, all_scopes: Sequence[Scope], text: str, pseudo: Sequence[Match] = ()
) -> Cue:
    """Polarity of a mention: ``no`` if a negation covers it, ``unknown`` if a hedge does.

    A negation word inside the mention's own gap ("the calf is not swollen") negates it,
    unless that word belongs to a pseudo-trigger.
    """
    inner = m.negation
    if inner is not None and not any(p.first <= inner <= p.last for p in pseudo):
        covering_hedge = [
            s for s in all_scopes if s.covers(m, kind) and s.rule.category == "uncertainty"
        ]
        if covering_hedge:
            hedge = covering_hedge[0].trigger
            return Cue("unknown", text[hedge.start : hedge.end])
        return Cue("no", text[m.negation_start : m.negation_end])
    covering = [
        s
        for s in all_scopes
        if s.covers(m, kind) and not _inside(m, s.trigger) and s.rule.category != "experiencer"
    ]
    covering.sort(key=lambda s: min(abs(m.first - s.trigger.last), abs(s.trigger.first - m.last)))
    if covering:
        nearest = covering[0]
        polarity: Answer = "no" if nearest.rule.category == "negation" else "unknown"
        return Cue(polarity, text[nearest.trigger.start : nearest.trigger.end])
    return Cue("yes", "")


def denied_after(m: Match, all_scopes: Sequence[Scope]) -> bool:
    """True when a denial that follows the mention covers it ("a temperature of 38.5, all
    gone now")."""
    return any(
        s.rule.category == "negation" and s.covers(m, "finding") and s.trigger.first > m.last
        for s in all_scopes
    )


def denied_before(m: Match, all_scopes: Sequence[Scope]) -> bool:
    """True when the denials that cover the mention all stand before it, apart from its words:
    in "no number twos and not even passing wind" the "no" is the list's, not the sign's; in
    "no problem with urine" the "no" is the mention's own."""
    covering = [s for s in all_scopes if s.rule.category == "negation" and s.covers(m, "finding")]
    return bool(covering) and all(s.trigger.last < m.first for s in covering)


def inside_denial(m: Match, all_scopes: Sequence[Scope]) -> bool:
    """True when a denial of findings covers a place word: "no numbness in my feet", "I have
    not hurt my knee". The place is named to say what is absent, not where it hurts."""
    return any(
        s.rule.category == "negation" and s.covers(m, "finding") and not _inside(m, s.trigger)
        for s in all_scopes
    )


def belongs_to_other(
    m: Match, kind: str, all_scopes: Sequence[Scope], text: str = "", sign: bool = False
) -> bool:
    """True when an experiencer trigger covers the mention: it is someone else's.

    A warning sign (``sign``) after a present-tense trigger ("my dad has slurred speech",
    "Mum has numbness around her bottom") is the person the writer is describing, not a
    family history: only a past trigger ("my mum had …") or a history finding makes it
    someone else's.
    """
    return any(
        s.rule.category == "experiencer"
        and s.covers(m, kind)
        and not (sign and _present(text, s.trigger))
        for s in all_scopes
    )


def _present(text: str, trigger: Match) -> bool:
    """True for a forward trigger that ends in "has" ("my dad has …")."""
    words = text[trigger.start : trigger.end].lower().split()
    return bool(words) and words[-1] == "has"


def _inside(m: Match, trigger: Match) -> bool:
    """True when the trigger's words are part of the mention ("can't straighten up"); a
    trigger that begins before the mention and shares its first word still speaks for it
    ("no pain in my balls": "no pain" and "pain in my balls")."""
    shared = bool(set(m.tokens) & set(trigger.tokens)) and trigger.first >= m.first
    return shared or (m.first <= trigger.first and trigger.last <= m.last)
