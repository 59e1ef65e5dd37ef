"""The triage vocabulary as a Markdown table: every warning sign and risk factor with its
category, the level a "yes" reaches alone (warning signs only), the ages and sex it is asked
for, and the question asked.

    .venv/bin/python tools/triage_vocabulary.py > triage-vocabulary.md

Writers of blind evaluation sets read this table (and nothing of the rules) to label their
cases with the ids the tool asks about; the READMEs in eval/ say so.
"""

from __future__ import annotations

from myomap.atlas import load_atlas

CATEGORIES = ("red_flag", "risk_factor")


def table() -> str:
    atlas = load_atlas()
    lines = [
        "# Triage vocabulary: warning signs and risk factors (ids, category, the question asked)",
        "",
        "Warning signs (category red_flag) carry the level a 'yes' reaches alone (floor).",
        "",
        "| id | category | floor | asked from age | asked until age | sex | question |",
        "|---|---|---|---|---|---|---|",
    ]
    for category in CATEGORIES:
        for finding in atlas.findings.values():
            if finding.category != category:
                continue
            cells = (
                finding.id,
                finding.category,
                finding.floor or "",
                "" if finding.ask_from_age is None else str(finding.ask_from_age),
                "" if finding.ask_until_age is None else str(finding.ask_until_age),
                finding.sex or "",
                finding.question,
            )
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(), end="")
