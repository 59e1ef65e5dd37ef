"""Spans of a description: the words each proposal came from, and what was not understood."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from myomap.understand.matcher import Match
from myomap.understand.model import Span
from myomap.understand.text import CLAUSE_BREAKS, Token

__all__ = ["distinct", "joined", "not_understood", "span_of"]

_STOP = frozenset({
    "a", "an", "and", "or", "the", "my", "me", "i", "it", "is", "was", "to", "of", "in", "on",
    "at", "for", "with", "so", "too", "also", "very", "really", "then", "that", "this", "there",
    "have", "has", "had", "be", "been", "am", "are", "do", "does", "did", "as", "by", "but",
})  # fmt: skip
"""Small words that never make a clause understood on their own."""


def not_understood(
    text: str, tokens: Sequence[Token], clause: Sequence[int], taken: Sequence[tuple[int, int]]
) -> list[Span]:
    """Every clause in which no word was recognised (small words never count)."""
    groups: dict[int, list[Token]] = defaultdict(list)
    for tok, number in zip(tokens, clause, strict=True):
        if tok.lower not in CLAUSE_BREAKS:
            groups[number].append(tok)
    out: list[Span] = []
    for toks in groups.values():
        words = [t for t in toks if t.is_word and t.lower not in _STOP]
        if not words:
            continue
        start, end = toks[0].start, toks[-1].end
        if any(a < end and start < b for a, b in taken):
            continue
        out.append(Span(start=start, end=end, text=text[start:end]))
    return out


def span_of(text: str, m: Match) -> Span:
    return Span(start=m.start, end=m.end, text=text[m.start : m.end])


def distinct(spans: Sequence[Span]) -> list[Span]:
    """Spans in text order, without those that lie inside another one."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not any(o.start <= s.start and s.end <= o.end for o in out):
            out.append(s)
    return out


def joined(spans: Sequence[Span]) -> str:
    """The words of the spans, in text order, with "…" between them."""
    return " … ".join(s.text for s in distinct(spans))
