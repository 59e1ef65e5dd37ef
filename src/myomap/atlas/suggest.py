"""Close-match suggestions for mistyped ids ("did you mean …?")."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices most similar to ``word``, best first."""
    from rapidfuzz import fuzz, process  # only when an id was mistyped: keeps starts fast

    pool = list(dict.fromkeys(choices))
    matches = process.extract(word, pool, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
    return [str(choice) for choice, _score, _index in matches]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A sentence suggesting close matches, or an empty string if there are none."""
    found = closest(word, choices)
    if not found:
        return ""
    return " Did you mean " + ", ".join(repr(f) for f in found) + "?"
