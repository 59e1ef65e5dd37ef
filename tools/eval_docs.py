"""Rewrite the generated tables of docs/evaluation.md from the current engine and vignettes.

    .venv/bin/python tools/eval_docs.py

tests/test_docs.py checks that every generated block is there with its metrics; it does not
recompute them (the whole evaluation takes about a minute), so run this after any change to
the engine, the atlas or the reader. Each block is also what `myomap eval` prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from myomap.engine.defaults import default_model
from myomap.evaluation.interview import interview_markdown, interview_report
from myomap.evaluation.stories import load_stories, score_stories, stories_markdown
from myomap.evaluation.triage import load_triage_cases, score_triage, triage_markdown
from myomap.evaluation.understanding import compare_text, text_markdown
from myomap.evaluation.vignettes import compare, load_vignettes, to_markdown

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "evaluation.md"
BLOCKS = {
    "lowback": ["eval/vignettes.yaml"],
    "whole": ["eval/vignettes.yaml", "eval/vignettes_whole_body.yaml"],
}
STORIES = "eval/stories/red_flags.yaml"
FRESH_SETS = ("fresh", *(f"fresh{n}" for n in range(2, 12)))
"""The held-out story sets (``eval/stories/red_flags_<name>.yaml``), every story held out."""
DEV_STORIES = tuple(f"dev{n}" for n in range(2, 31))
"""The later story sets, all dev: block stories_<name> from eval/stories/red_flags_<name>.yaml."""
HARD = "eval/hard/vignettes.yaml"
TRIAGE = "eval/triage/vignettes.yaml"
TRIAGE_SETS = {
    "dev2": "dev",
    "dev3": "dev",
    "dev4": "dev",
    "dev5": "dev",
    "dev6": "dev",
    "dev7": "dev",
    "dev8": "dev",
    "dev9": "dev",
    "dev10": "dev",
    "holdout2": "holdout",
    "holdout3": "holdout",
}
"""The later blind triage sets, each all one split: block triage_<name> from
eval/triage/vignettes_<name>.yaml."""
HARD_DEV3 = "eval/hard/vignettes_dev3.yaml"
TEXT_SETS = {
    "text4": "dev",
    "text5": "holdout",
    "text6": "dev",
    "text7": "holdout",
    "text8": "dev",
    "text9": "holdout",
    "text10": "holdout",
    "text11": "dev",
    "text12": "holdout",
}
"""The blind first-person story sets (``eval/hard/vignettes_<name>.yaml``), each all one split."""


def tables() -> dict[str, str]:
    model = default_model()
    out = {}
    for name, files in BLOCKS.items():
        vignettes = [v for f in files for v in load_vignettes(ROOT / f)]
        out[name] = to_markdown(compare(model, vignettes)).strip()
    hard = load_vignettes(ROOT / HARD)
    out["hard"] = interview_markdown(interview_report(model, hard)).strip()
    out["text_hard"] = text_markdown(compare_text(model, hard)).strip()
    clinician = [v for f in BLOCKS["whole"] for v in load_vignettes(ROOT / f)]
    out["text_clinician"] = text_markdown(compare_text(model, clinician)).strip()
    for name, split in TEXT_SETS.items():
        read = compare_text(model, load_vignettes(ROOT / f"eval/hard/vignettes_{name}.yaml"))
        out[f"text_{name}"] = text_markdown({split: read[split]}).strip()
    out["triage"] = triage_markdown(
        score_triage(model.atlas, load_triage_cases(ROOT / TRIAGE))
    ).strip()
    for name, split in TRIAGE_SETS.items():
        cases = load_triage_cases(ROOT / f"eval/triage/vignettes_{name}.yaml")
        triaged = score_triage(model.atlas, cases)
        out[f"triage_{name}"] = triage_markdown(triaged, splits=(split,)).strip()
    hard_dev3 = interview_report(model, load_vignettes(ROOT / HARD_DEV3))
    out["hard_dev3"] = interview_markdown({"dev": hard_dev3["dev"]}).strip()
    stories = load_stories(ROOT / STORIES)
    out["stories"] = stories_markdown(score_stories(model.atlas, stories)).strip()
    for name in FRESH_SETS:
        held = score_stories(
            model.atlas, load_stories(ROOT / f"eval/stories/red_flags_{name}.yaml")
        )
        out[f"stories_{name}"] = stories_markdown({"holdout": held["holdout"]}, show=()).strip()
    for name in DEV_STORIES:
        report = score_stories(
            model.atlas, load_stories(ROOT / f"eval/stories/red_flags_{name}.yaml")
        )
        out[f"stories_{name}"] = stories_markdown({"dev": report["dev"]}, show=()).strip()
    return out


def block(text: str, name: str) -> str | None:
    match = re.search(rf"<!-- eval:{name}:start -->\n(.*?)\n<!-- eval:{name}:end -->", text, re.S)
    return match.group(1).strip() if match else None


def main() -> None:
    text = DOC.read_text()
    for name, table in tables().items():
        start, end = f"<!-- eval:{name}:start -->", f"<!-- eval:{name}:end -->"
        block_text = f"{start}\n{table}\n{end}"
        if start not in text:
            raise SystemExit(f"docs/evaluation.md has no {start} block: add one where it belongs")
        text = re.sub(
            re.escape(start) + ".*?" + re.escape(end),
            block_text.replace("\\", "\\\\"),  # a literal replacement, backslashes kept
            text,
            flags=re.S,
        )
    DOC.write_text(text)


if __name__ == "__main__":
    main()
