"""``myomap interview`` from a description: shown with its words, confirmed, then asked on.

Driven with a scripted stdin, as a person at the terminal would type.
"""

from __future__ import annotations

from typer.testing import CliRunner

from myomap.cli.app import app
from myomap.cli.described import DESCRIBE_PROMPT

SEED = (
    "my lower back hurts on the right next to the spine, and so does the top of my thigh at "
    "the front; standing up from the sofa is hard and I walk hunched for a while; lying curled "
    "up helps; it flares when I'm constipated"
)
SKIP_ALL = "s\n" * 45 + "n\n"
"""Skip every later question, then decline to save."""


def test_interview_text_shows_items_with_words_and_keeps_all() -> None:
    result = CliRunner().invoke(app, ["interview", "--text", SEED], input="all\n" + SKIP_ALL)
    assert result.exit_code == 0, result.output
    assert "What I understood" in result.output
    assert "top of my thigh at the front" in result.output
    assert "Iliopsoas" in result.output


def test_interview_asks_for_a_description_and_confirms_item_by_item() -> None:
    # Keep the first item (the lower back), remove every other one.
    answers = "each\n" + "y\n" + "n\n" * 12
    result = CliRunner().invoke(app, ["interview"], input=SEED + "\n" + answers + SKIP_ALL)
    assert result.exit_code == 0, result.output
    assert DESCRIBE_PROMPT.split(" (")[0] in result.output
    assert "Keep “" in result.output


def test_enter_goes_to_the_body_map_questions() -> None:
    result = CliRunner().invoke(app, ["interview"], input="\nlumbar_paraspinal_r:6\n" + SKIP_ALL)
    assert result.exit_code == 0, result.output
    assert "Painful regions" in result.output
    assert "What I understood" not in result.output


def test_red_flag_wording_raises_triage_before_confirmation() -> None:
    text = "my lower back hurts and I'm numb around my bottom"
    result = CliRunner().invoke(app, ["interview", "--text", text], input="all\n" + SKIP_ALL)
    before_confirm = result.output.split("Keep these?")[0]
    assert "emergency" in before_confirm.lower() or "999" in before_confirm
    assert result.exit_code == 4, result.output


def test_a_hedged_warning_sign_is_asked_first() -> None:
    text = "my lower back aches and maybe I'm a bit numb around my bottom"
    result = CliRunner().invoke(
        app, ["interview", "--text", text], input="all\n" + "n\n" + SKIP_ALL
    )
    assert "Safety check: " in result.output
    assert result.exit_code == 0, result.output


def test_keep_these_shows_its_choices_and_takes_yes_as_all() -> None:
    """The choices are shown (not eaten as markup), "y" keeps every item, and a word it does
    not know says what it takes."""
    result = CliRunner().invoke(
        app, ["interview", "--text", SEED], input="maybe\n" + "y\n" + SKIP_ALL
    )
    assert result.exit_code == 0, result.output
    assert "Keep these? [all / each = decide one by one / none]" in result.output
    assert "Please answer all (keep every item), each (decide one by one) or none." in result.output
    assert "Iliopsoas" in result.output
