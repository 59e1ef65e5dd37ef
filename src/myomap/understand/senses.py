"""Which sense a word is used in: a side or an adverb ("right beside"), a verb ("I left work"),
the buttocks or the lower part of something else ("the bottom tip of my shoulder blade")."""

from __future__ import annotations

from collections.abc import Sequence

from myomap.understand.matcher import NEVER_SKIPPED, Match
from myomap.understand.text import Token

__all__ = [
    "around_the_eye",
    "bottom_of_something",
    "explained",
    "gives_way",
    "in_passing",
    "is_side",
    "night_sweat",
    "on_the_shoulder_blade",
    "part_of_another_place",
    "spreading",
    "where_it_sits",
]

_NOT_RIGHT = frozenset({"now", "away", "after", "before", "then", "there", "here", "through"})
_RIGHT_BEFORE_PLACE = frozenset(
    {"beside", "next", "by", "above", "below", "under", "underneath", "over", "behind", "across",
     "in", "on", "at", "up", "down", "into", "round", "around", "along", "between", "inside",
     "where", "to", "against"}
)  # fmt: skip
"""Words after an adverb "right" ("right beside the spine", "right down to the knee"); after
"my", "the" or "your" it stays a side ("on my right at the back")."""
_OWNERS = frozenset({"my", "the", "his", "her", "your", "their", "our", "its"})
_AFTER_VERB_LEFT = frozenset(
    {"me", "him", "her", "us", "them", "it", "the", "a", "an", "work", "home", "school", "hospital"}
)


_NOT_BUTTOCK_AFTER = frozenset(
    {"of", "tip", "edge", "part", "end", "half", "corner", "line", "lip", "teeth", "tooth",
     "rib", "ribs", "right", "left", "step", "stair", "stairs"}
)  # fmt: skip


def bottom_of_something(tokens: Sequence[Token], m: Match) -> bool:
    """True for "bottom" read as the buttocks where it is the lower part of something else:
    "the bottom tip of my shoulder blade", "bottom right of my belly", "top and bottom"."""
    if m.size != 1 or tokens[m.first].lower not in ("bottom", "bottoms"):
        return False
    after = tokens[m.last + 1].lower if m.last + 1 < len(tokens) else ""
    before = [t.lower for t in tokens[max(0, m.first - 2) : m.first]]
    return after in _NOT_BUTTOCK_AFTER or before == ["top", "and"]


_AROUND = frozenset({"behind", "around", "round", "above", "over", "under", "below", "into"})
_EYE_WORDS = frozenset({"eye", "eyes", "eyeball", "eyeballs"})


def around_the_eye(tokens: Sequence[Token], m: Match) -> bool:
    """True when a painful-eye wording names a place by the eye, not the eye itself: "the
    area behind my right eye really hurts" is a headache behind the eye."""
    eyes = [i for i in range(m.first, m.last + 1) if tokens[i].lower in _EYE_WORDS]
    if not eyes:
        return False
    before = [t.lower for t in tokens[max(0, eyes[0] - 3) : eyes[0]]]
    return not _AROUND.isdisjoint(before)


_RUN_WORDS = frozenset({"run", "runs", "running", "ran"})
_WAYS = frozenset(
    {"down", "up", "into", "round", "around", "along", "from", "across", "through", "to",
     "towards", "toward", "over", "out", "back", "forward", "forwards", "under", "behind"}
)  # fmt: skip


def spreading(tokens: Sequence[Token], m: Match) -> bool:
    """True for "running" that says where pain goes, not the sport: "pain running round into
    the groin", "an ache that runs down my arm"."""
    if m.size != 1 or tokens[m.first].lower not in _RUN_WORDS:
        return False
    for tok in tokens[m.last + 1 : m.last + 5]:  # "runs a little way up", "runs right down"
        if tok.lower not in _HOW_FAR:
            return tok.lower in _WAYS
    return False


_HOW_FAR = frozenset({"a", "little", "way", "bit", "straight", "right", "all", "the", "further"})


_SIT_WORDS = frozenset({"sit", "sits", "sitting"})
_PAIN_NOUNS = frozenset(
    {"pain", "ache", "headache", "soreness", "tightness", "pressure", "tension", "it", "which"}
)


def night_sweat(m: Match, findings: Sequence[Match]) -> bool:
    """True for a lone "sweat" word that belongs to night sweats ("drenching night sweats",
    "sheets soaked with sweat most nights"): sweating at night, not sweating with the pain."""
    if m.key != "sweating_with_pain" or m.size != 1:
        return False
    return any(n.key == "night_sweats" and n.first <= m.first <= n.last for n in findings)


_BLADE = frozenset({"blade", "blades"})


def on_the_shoulder_blade(tokens: Sequence[Token], m: Match) -> bool:
    """True for a shoulder-tip wording whose shoulder is a shoulder blade: "the bottom tip of
    my shoulder blade when I lie down" is not the tip of the shoulder."""
    if m.key != "shoulder_tip_pain":
        return False
    return any(
        tokens[i].lower.startswith("shoulder")
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in _BLADE
        for i in range(m.first, m.last + 1)
    )


def where_it_sits(tokens: Sequence[Token], m: Match) -> bool:
    """True for "sits" that says where the pain is, not sitting down: "the pain sits in my
    Achilles", "a pressure headache sitting right on the top of my head"."""
    if m.size != 1 or tokens[m.first].lower not in _SIT_WORDS or m.first == 0:
        return False
    return tokens[m.first - 1].lower in _PAIN_NOUNS


_DENIED = NEVER_SKIPPED | {"off"}
"""Words that deny a cause close by: "the heating's off", "not from the heating"."""


def explained(tokens: Sequence[Token], m: Match, causes: frozenset[str]) -> bool:
    """True when the sentence of a match names one of its everyday causes, not denied within
    three words: "dripping with sweat after spin class", "woke up sweaty, the heating was
    stuck on" (but not "soaked at night, and the heating's off")."""
    sentence = tokens[m.first].sentence
    for i, t in enumerate(tokens):
        if t.sentence != sentence or t.lower not in causes:
            continue
        near = tokens[max(0, i - 3) : i + 4]
        if all(n.lower not in _DENIED for n in near):
            return True
    return False


def is_side(tokens: Sequence[Token], m: Match) -> bool:
    """False for "right away", "all right", "I left work": words that are not sides."""
    word = tokens[m.first].lower
    after = tokens[m.last + 1].lower if m.last + 1 < len(tokens) else ""
    before = tokens[m.first - 1].lower if m.first > 0 else ""
    if word == "right" and m.size == 1:
        if after in _RIGHT_BEFORE_PLACE and before not in _OWNERS:
            return False  # "right beside the spine": an adverb, not a side
        return after not in _NOT_RIGHT and before not in {"all", "feel", "feels", "felt"}
    if word == "left" and m.size == 1:
        return after not in _AFTER_VERB_LEFT  # "it left me", "I left work"
    return True


def part_of_another_place(m: Match, places: Sequence[Match], tokens: Sequence[Token]) -> bool:
    """True when a place's words name part of another place: "pain in the back of my knee"
    is the back of the knee, not back pain (the match ends on the "back" that begins a longer
    "back of …" match of another place), and in "the right side of the back of my neck" the
    side is a side of the back of the neck (a "side of …" match with another place's whole
    match in its gap)."""
    after = tokens[m.last + 1].lower if m.last + 1 < len(tokens) else ""
    side_of = tokens[m.first].lower in ("side", "sides")
    for other in places:
        if other.key == m.key:
            continue
        if after == "of" and other.first == m.last and other.last > m.last:
            return True
        inside = m.first < other.first and other.last == m.last and other.first not in m.tokens
        if side_of and inside:
            return True
    return False


_NOT_THE_PLACE_AFTER = frozenset({"infection", "infections", "cold", "x-ray", "xray", "scan"})
_LOOK = frozenset({"look", "looks", "looking", "check", "checking", "glance", "glancing"})
_LEAN = frozenset(
    {"lean", "leans", "leaning", "leant", "leaned", "propped", "hunched", "rest", "resting"}
)


def in_passing(tokens: Sequence[Token], m: Match) -> bool:
    """True for a place word that names no place of the pain: "a chest infection", "looking
    over my shoulder", "hunched on my elbows over the laptop", "where I rest my hand on my
    hip", "it skips the elbow", "on my feet all day"."""
    after = tokens[m.last + 1].lower if m.last + 1 < len(tokens) else ""
    if after in _NOT_THE_PLACE_AFTER:
        return True
    before = [t.lower for t in tokens[max(0, m.first - 5) : m.first]]
    if "over" in before[-3:] and not _LOOK.isdisjoint(before):
        return True
    if not _SKIP.isdisjoint(before[-2:]) or not _LEAN.isdisjoint(before[-2:]):
        return True  # "skips the elbow", "rest my hand"
    if before[-2:-1] == ["on"] and tokens[m.first].lower == "feet" and after in _STANDING:
        return True  # "on my feet all day"
    return "on" in before[-3:] and not _LEAN.isdisjoint(before)


_SKIP = frozenset({"skip", "skips", "skipped", "skipping", "bypasses", "misses", "missing"})
_STANDING = frozenset({"all", "for", "most", "the", "long", "day", "at", "from"})


_GIVE_WAY = frozenset(
    {"give", "gives", "gave", "giving", "given", "buckle", "buckles", "buckled", "buckling",
     "lock", "locks", "locked", "locking", "catch", "catches", "caught", "click", "clicks",
     "clicked"}
)  # fmt: skip


def gives_way(tokens: Sequence[Token], m: Match) -> bool:
    """True for a bare "suddenly" that tells how a joint gives way, locks or catches ("my knee
    suddenly gives way on the stairs"), not a pain that came on within minutes."""
    if m.size != 1 or tokens[m.first].lower != "suddenly":
        return False
    return not _GIVE_WAY.isdisjoint(t.lower for t in tokens[m.last + 1 : m.last + 4])
