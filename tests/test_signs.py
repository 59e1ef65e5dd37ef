"""The second reader of warning signs (myomap.understand.signs): a linear model over whole
descriptions, trained on dev stories only, proposing the signs it finds likely as "not sure"."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from myomap.atlas import Atlas
from myomap.understand import understand
from myomap.understand.signs import MIN_WORDS, THRESHOLD, sign_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from train_signs import dev_files  # noqa: E402

TEXTS = [
    "My lower back's been sore since Sunday and now I can't feel the toilet paper when I wipe.",
    "headache came on like a thunderclap at 3pm, worst ever, neck stiff",
    "Pt 67F. c/o L calf swollen x2/7, warm ++, post TKR. Nil SOB.",
    "  Two  spaces, tabs\tand a newline\nhere; café, naïve and 38.6°C!  ",
    "",
]


def test_the_features_are_scikit_learns() -> None:
    model = sign_model()
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, vocabulary=model.word_index)
    letters = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, vocabulary=model.letter_index
    )
    words.fit(["x"])
    letters.fit(["x"])
    words.idf_ = model.word_idf.astype(float)
    letters.idf_ = model.letter_idf.astype(float)
    expected = hstack([words.transform(TEXTS), letters.transform(TEXTS)]).toarray()
    ours = np.stack([model._features(t) for t in TEXTS])
    assert np.abs(expected - ours).max() < 1e-6


def test_the_model_was_trained_on_the_dev_files_as_they_are_now() -> None:
    trained = sign_model().trained_on
    assert not [f for f in trained if "fresh" in f], "a held-out set must never train it"
    current = {str(f.relative_to(ROOT)) for f in dev_files()}
    assert set(trained) == current, "run .venv/bin/python tools/train_signs.py"
    for name, digest in trained.items():
        assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest, (
            f"{name} changed since the model was trained: run tools/train_signs.py"
        )


def test_a_sign_in_words_no_phrase_knows_is_proposed_as_not_sure(atlas: Atlas) -> None:
    # a dev story (red_flags_dev10 r079): no phrase reads its worn-knee pattern
    text = (
        "Ex-prop, 57. My right knee aches on stairs and after dog walks and has been getting "
        "slowly worse since last year. It's stiff for about ten minutes after I've been "
        "sitting, then loosens. No swelling or heat in it."
    )
    u = understand(atlas, text)
    got = {f.finding: f for f in u.findings}
    sign = got["joint_pain_with_use"]
    assert (sign.polarity, sign.source) == ("unknown", "pattern")
    assert sign.words in text and sign.words.endswith(".")
    assert sign in u.red_flags  # so it counts for triage before anything is confirmed


@pytest.mark.parametrize(
    "text",
    [
        "My lower back aches after gardening; bending to weed makes it worse, heat helps.",
        "Stiff neck from sleeping on a new pillow, turning to the left hurts.",
        "Worst DOMS of my life after leg day, can barely sit on the loo.",
    ],
)
def test_ordinary_pain_gets_no_proposal_from_the_model(atlas: Atlas, text: str) -> None:
    assert [f.finding for f in understand(atlas, text).findings if f.source == "pattern"] == []


def test_a_written_no_is_never_overridden(atlas: Atlas) -> None:
    text = "Back pain since lifting. No numbness around my bottom, waterworks normal."
    u = understand(atlas, text)
    got = {f.finding: (f.polarity, f.source) for f in u.findings}
    assert got["saddle_numbness"] == ("no", "words")


def test_a_short_line_is_left_to_the_phrases(atlas: Atlas) -> None:
    text = "my calf is tender after the run"
    assert sign_model().probabilities(text)["calf_swollen_warm"] >= THRESHOLD  # why the gate
    assert len(text.split()) < MIN_WORDS
    assert [f for f in understand(atlas, text).findings if f.source == "pattern"] == []
