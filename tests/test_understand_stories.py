"""Warning signs in first-person stories written from public guidance (eval/stories/).

The dev split is where the free-text reader's wordings were widened; these tests keep what
it reads there from sliding back. The holdout split is scored in docs/evaluation.md and never
asserted on story by story here (asserting on it would be tuning on it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from myomap.atlas import Atlas
from myomap.evaluation.stories import (
    Story,
    StoryExpectation,
    load_stories,
    score_stories,
    stories_markdown,
)

STORIES = Path(__file__).resolve().parents[1] / "eval" / "stories" / "red_flags.yaml"


@pytest.fixture(scope="module")
def dev(atlas: Atlas):
    stories = [s for s in load_stories(STORIES) if s.split == "dev"]
    return score_stories(atlas, stories)["dev"]


def test_the_story_file_is_valid_and_split_one_in_three() -> None:
    stories = load_stories(STORIES)
    assert len(stories) >= 150
    for number, story in enumerate(stories, start=1):
        assert story.split == ("holdout" if number % 3 == 0 else "dev"), story.id


def test_no_dev_emergency_story_is_read_below_urgent(dev) -> None:
    below = [
        m.story
        for m in dev.misses
        if m.expected == "emergency" and m.given in ("self_care", "see_doctor")
    ]
    assert below == []


def test_dev_warning_signs_are_mostly_found_and_denials_kept(dev) -> None:
    assert dev.sign_recall >= 0.9, stories_markdown({"dev": dev, "holdout": dev, "all": dev})
    assert dev.negation_accuracy >= 0.95
    assert dev.triage.mimics_over <= 1


LATER_SETS = {
    # set: (signs found, denials kept) that its widening reached and must keep
    "red_flags_dev2": (0.95, 0.95),
    "red_flags_dev3": (0.95, 0.95),
    "red_flags_dev4": (0.95, 0.95),
    "red_flags_dev5": (0.78, 0.9),  # misspellings, formal and downplayed wording: 82%
    "red_flags_dev6": (0.93, 0.9),  # clinical register, buried signs, non-native: 95% (60%)
    "red_flags_dev7": (0.95, 0.95),  # textbook register, consequences, texting: 98% (67%)
    "red_flags_dev8": (0.95, 0.95),  # carers, plain English, buried, measured: 96% (71%)
    "red_flags_dev9": (0.92, 0.95),  # fragments, dictation, US/AU English, changes: 93% (78%)
    "red_flags_dev10": (0.95, 0.95),  # forums, parents, noticed, sports jargon: 98% (77%)
    "red_flags_dev11": (0.95, 0.95),  # plain words, shorthand, worriers, checklists: 96% (73%)
    "red_flags_dev12": (0.95, 0.9),  # afterthoughts, devices, dialect, timelines: 97% (78%)
    "red_flags_dev13": (0.95, 0.95),  # second language, images, messages, rambling: 97% (64%)
    "red_flags_dev14": (0.95, 0.9),  # consequences, forms, reported speech, texting: 97% (62%)
    "red_flags_dev15": (0.97, 0.97),  # case vignettes, phone notes, ROS lists, messages: 99% (76%)
    "red_flags_dev16": (0.95, 0.93),  # exam stems, split sentences, carers, diaries: 98% (73%)
    "red_flags_dev17": (0.95, 0.9),  # forms, dictation, gym posts, others noticed: 96% (79%)
    "red_flags_dev18": (0.95, 0.95),  # textbook cases, long stories, simple English, parents
    "red_flags_dev19": (0.95, 0.95),  # texts, dictation, forms, long-term conditions: 100% (83%)
    "red_flags_dev20": (0.95, 0.95),  # work, euphemisms, timelines, pharmacists: 100% (85%)
    "red_flags_dev21": (0.95, 0.9),  # very short, several people, medical words: 99% (81%)
    "red_flags_dev22": (0.95, 0.95),  # denial lists, transcripts, likenesses, turns: 100% (81%)
    "red_flags_dev23": (
        0.95,
        0.95,
    ),  # slang, older people, sport injuries, not muscular: 100% (86%)
    "red_flags_dev24": (0.95, 0.95),  # portal messages, Englishes, fragments, family at night (85%)
    "red_flags_dev25": (0.95, 0.9),  # hedgers, medicine lists, sarcasm, numbers: 98% (85%)
    "red_flags_dev26": (0.95, 0.95),  # examiner-style classic presentations: 99% (87%)
    "red_flags_dev27": (0.95, 0.95),  # clinical register, notes, referral letters: 100% (84%)
    "red_flags_dev28": (0.95, 0.95),  # American notes, handovers, 111 calls: 100% (84%)
    "red_flags_dev29": (0.95, 0.95),  # guideline words retold by patients: 99% (88%)
    "red_flags_dev30": (0.9, 0.95),  # very short messages, phrases only: 91% (84%)
}


@pytest.mark.parametrize("name", list(LATER_SETS))
def test_later_dev_sets_keep_what_their_widening_reached(atlas: Atlas, name: str) -> None:
    """Each later set was all dev, read and widened on once; what it reached stays."""
    signs, denials = LATER_SETS[name]
    report = score_stories(atlas, load_stories(STORIES.with_name(f"{name}.yaml")))["dev"]
    assert report.sign_recall >= signs, stories_markdown({"dev": report}, show=("dev",))
    assert report.negation_accuracy >= denials


def test_scoring_counts_under_over_missed_and_denied(atlas: Atlas) -> None:
    def story(sid: str, text: str, level: str, **expect: list[str]) -> Story:
        return Story(
            id=sid,
            split="dev",
            story=text,
            expect=StoryExpectation.model_validate({"triage": level, **expect}),
        )

    report = score_stories(
        atlas,
        [
            story(
                "a",
                "I can't pee at all since this morning",
                "emergency",
                signs=["urinary_retention"],
            ),
            story("b", "my calf aches after running", "emergency", signs=["calf_swollen_warm"]),
            story("c", "no fever, my shoulder is sore", "self_care", negated=["fever"]),
        ],
    )["dev"]
    assert (report.triage.cases, report.triage.correct) == (3, 2)
    assert (report.signs, report.signs_found) == (2, 1)
    assert (report.negated, report.negated_kept) == (1, 1)
    assert [(m.story, m.missed_signs) for m in report.misses] == [("b", ["calf_swollen_warm"])]
    assert report.triage.by_level["emergency"] == [2, 1, 0]


def test_someone_elses_condition_is_not_the_persons_answer(atlas: Atlas) -> None:
    from myomap.understand import understand

    told = understand(atlas, "My mum had breast cancer. My shoulder blade aches.")
    assert "cancer_history" not in {f.finding for f in told.findings}
    own = understand(atlas, "I had breast cancer. My shoulder blade aches.")
    assert "cancer_history" in {f.finding for f in own.findings}


def test_contractions_without_apostrophes_still_negate(atlas: Atlas) -> None:
    from myomap.understand import understand

    told = understand(atlas, "I havent been able to pee since last night. I dont have a fever")
    said = {f.finding: f.polarity for f in told.findings}
    assert said["urinary_retention"] == "yes" and said["fever"] == "no"


def test_a_stated_risk_factor_counts_for_the_safety_check_at_once(atlas: Atlas) -> None:
    """What the page applies before confirmation is what the provisional triage counted:
    a blow to the head on blood thinners is an emergency on both."""
    from myomap.engine.urgency import triage
    from myomap.understand import evidence_from, provisional_triage, understand

    told = understand(atlas, "I banged my head yesterday and I take warfarin")
    assert {f.finding for f in told.red_flags} == {"head_blow_recent", "anticoagulants"}
    applied = evidence_from(told, [f.id for f in told.red_flags])
    assert provisional_triage(atlas, told).level == triage(atlas, applied).level == "emergency"
