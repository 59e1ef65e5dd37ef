"""Train the second reader of warning signs: ``src/myomap/understand/data/signs.npz``.

A linear model over the words (one and two) and the letter groups (three to five, inside words)
of a whole description, one logistic regression per warning sign, fitted on **dev** stories
only: the red-flag sets (``eval/stories/red_flags.yaml`` dev split and every
``red_flags_dev*.yaml``) and the muscle vignettes' dev self-care stories (``VIGNETTES``). The
held-out sets and splits (``red_flags_fresh*``, every holdout split) are never read here. The
file stores what the reader needs at run time with NumPy alone: the two vocabularies, their idf
weights, the weights of the signs (small ones dropped) and the files the model was trained on
with their SHA-256 (``tests/test_signs.py`` fails when a dev file changed and the model was not
trained again).

Run: ``.venv/bin/python tools/train_signs.py`` (scikit-learn, a dev dependency; about 15 s on 2
cores). How the threshold and the settings were chosen, leaving one dev set out at a time:
docs/understanding.md ("A second reader").
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from myomap.evaluation.stories import load_stories
from myomap.evaluation.vignettes import load_vignettes

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "eval" / "stories"
OUT = ROOT / "src" / "myomap" / "understand" / "data" / "signs.npz"
C = 10.0
"""Inverse L2 strength of every logistic regression."""
PRUNE = 0.1
"""Weights smaller than this (in absolute value) are dropped from the file."""


VIGNETTES = [
    ROOT / "eval" / name
    for name in (
        "vignettes.yaml",
        "vignettes_whole_body.yaml",
        "vignettes_wave3.yaml",
        "hard/vignettes.yaml",
        "hard/vignettes_dev2.yaml",
        "hard/vignettes_dev3.yaml",
        "hard/vignettes_text4.yaml",
        "hard/vignettes_text6.yaml",
        "hard/vignettes_text8.yaml",
    )
]
"""Muscle vignettes whose dev self-care stories teach the model what ordinary referred pain
reads like ("the ache runs down the back of my forearm into my thumb"), as stories with no
warning sign."""


def dev_files() -> list[Path]:
    """The files whose dev split trains the model (never a held-out set or split)."""
    files = [STORIES / "red_flags.yaml", *sorted(STORIES.glob("red_flags_dev*.yaml"))]
    return [f for f in files if "fresh" not in f.name] + VIGNETTES


def stories(files: list[Path]) -> list[tuple[str, list[str]]]:
    """Dev stories with their signs: a story set's labels; a self-care vignette has none."""
    out: list[tuple[str, list[str]]] = []
    for f in files:
        if f in VIGNETTES:
            out += [
                (v.story, [])
                for v in load_vignettes(f)
                if v.split == "dev" and v.story.strip() and v.expect.triage == "self_care"
            ]
        else:
            out += [(s.story, list(s.expect.signs)) for s in load_stories(f) if s.split == "dev"]
    return out


def vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    letters = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    return words, letters


def main() -> None:
    files = dev_files()
    data = stories(files)
    texts = [story for story, _ in data]
    signs = sorted({sign for _, said in data for sign in said})
    y = np.array([[sign in said for sign in signs] for _, said in data])
    words, letters = vectorizers()
    x = hstack([words.fit_transform(texts), letters.fit_transform(texts)]).tocsr()
    weights = np.zeros((len(signs), x.shape[1]))
    bias = np.zeros(len(signs))
    for j in range(len(signs)):
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        model.fit(x, y[:, j])
        weights[j], bias[j] = model.coef_[0], model.intercept_[0]
    weights[np.abs(weights) < PRUNE] = 0.0
    sparse = csr_matrix(weights.T.astype(np.float32))  # features × signs
    word_vocab = sorted(words.vocabulary_, key=words.vocabulary_.__getitem__)
    letter_vocab = sorted(letters.vocabulary_, key=letters.vocabulary_.__getitem__)
    meta = {
        "trained_on": {
            str(f.relative_to(ROOT)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files
        },
        "stories": len(data),
        "C": C,
        "prune": PRUNE,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        signs=np.array(signs),
        word_vocab=np.array(word_vocab),
        word_idf=words.idf_.astype(np.float32),
        letter_vocab=np.array(letter_vocab),
        letter_idf=letters.idf_.astype(np.float32),
        data=sparse.data,
        indices=sparse.indices,
        indptr=sparse.indptr,
        bias=bias.astype(np.float32),
        meta=np.array(json.dumps(meta)),
    )
    kept = int((weights != 0).sum())
    print(
        f"{OUT.relative_to(ROOT)}: {len(data)} stories, {len(signs)} signs, {x.shape[1]} "
        f"features, {kept} weights kept, {OUT.stat().st_size // 1024} KiB",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
