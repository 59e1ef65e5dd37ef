"""A second reader of warning signs: a linear model over the words of a whole description.

The phrase lists find a sign when its wording is known; new wording slips through them (in
the dev sets written blind, a quarter of the signs on arrival). This model reads the words
(one and two) and the letter groups (three to five, inside words) of the description and
gives each warning sign a probability, one logistic regression per sign, trained by
``tools/train_signs.py`` on the dev stories only. A sign it finds with probability of at
least ``THRESHOLD`` that the phrase reader did not read (as yes, no or not sure) is proposed
as "not sure": it counts for triage at once, like any hedged sign, and the person is asked.
It never turns a "no" the person wrote into anything else.

Run time needs NumPy only: the analyzers below follow scikit-learn's ``TfidfVectorizer``
(word tokens ``\\b\\w\\w+\\b``, ``char_wb`` letter groups, ``sublinear_tf``, l2 norm per
block), and ``tests/test_signs.py`` checks them against it.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["MIN_WORDS", "THRESHOLD", "SignModel", "letter_grams", "sign_model", "word_grams"]

THRESHOLD = 0.7
"""Lowest probability at which the model proposes a sign: chosen leaving one dev set out at a
time (docs/understanding.md), where at most one mimic of 80 was raised and about half of the
signs the phrase reader missed on arrival were found."""

MIN_WORDS = 20
"""Shortest description (in words) the model reads. It was checked on stories of 23 words or
more; on a line of a few words its probabilities run high ("my calf is tender after the
run" gives a swollen calf 0.93), so short texts are left to the phrases."""

MODEL = Path(__file__).with_name("data") / "signs.npz"

_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


def word_grams(text: str) -> list[str]:
    """Words of two letters or more, and pairs of them (scikit-learn's word analyzer)."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def letter_grams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Letter groups inside words, padded with a space (scikit-learn's ``char_wb``)."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            out.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                out.append(padded[offset : offset + n])
            if offset == 0:
                break
    return out


@dataclass(frozen=True)
class SignModel:
    """The trained model: vocabularies, idf weights and one weight row per sign."""

    signs: tuple[str, ...]
    word_index: Mapping[str, int]
    word_idf: npt.NDArray[np.float32]
    letter_index: Mapping[str, int]
    letter_idf: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]
    """Dense features × signs (the file keeps only the weights that matter)."""
    bias: npt.NDArray[np.float32]
    trained_on: Mapping[str, str]

    def probabilities(self, text: str) -> dict[str, float]:
        """Each sign's probability for this text."""
        scores = self.bias.astype(np.float64)
        for rows, values in self._blocks(text):
            scores = scores + values @ self.weights[rows]
        return {
            s: 1.0 / (1.0 + math.exp(-float(v))) for s, v in zip(self.signs, scores, strict=True)
        }

    def _features(self, text: str) -> npt.NDArray[np.float32]:
        """The text's whole feature vector (the two blocks side by side), for checking."""
        x = np.zeros(self.weights.shape[0], dtype=np.float32)
        for rows, values in self._blocks(text):
            x[rows] = values
        return x

    def _blocks(self, text: str) -> list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
        """The rows and l2-normalised tf-idf values of the words, then of the letter groups."""
        words = _block(0, word_grams(text), self.word_index, self.word_idf)
        offset = len(self.word_index)
        letters = _block(offset, letter_grams(text), self.letter_index, self.letter_idf)
        return [b for b in (words, letters) if b is not None]


def _block(
    offset: int,
    grams: Iterable[str],
    index: Mapping[str, int],
    idf: npt.NDArray[np.float32],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]] | None:
    counts = Counter(g for g in grams if g in index)
    if not counts:
        return None
    cols = np.fromiter((index[g] for g in counts), dtype=np.int64, count=len(counts))
    tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), np.float32, len(counts))
    values = tf * idf[cols]
    values /= np.linalg.norm(values)
    return offset + cols, values


@cache
def sign_model(path: Path = MODEL) -> SignModel:
    """The model shipped with myomap, loaded once."""
    with np.load(path, allow_pickle=False) as f:
        words = [str(w) for w in f["word_vocab"]]
        letters = [str(g) for g in f["letter_vocab"]]
        signs = tuple(str(s) for s in f["signs"])
        weights = np.zeros((len(words) + len(letters), len(signs)), dtype=np.float32)
        indptr = f["indptr"]
        rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        weights[rows, f["indices"]] = f["data"]
        meta = json.loads(str(f["meta"]))
        return SignModel(
            signs=signs,
            word_index={w: i for i, w in enumerate(words)},
            word_idf=f["word_idf"],
            letter_index={g: i for i, g in enumerate(letters)},
            letter_idf=f["letter_idf"],
            weights=weights,
            bias=f["bias"],
            trained_on=meta["trained_on"],
        )
