"""Rules for self-care that cannot hurt (MYO017–MYO019, MYO021, MYO022): no step names a
danger site, and every pressure or leaning step carries the cautions its place needs."""

from __future__ import annotations

import re

from myomap.atlas.raw import Located, Problem
from myomap.atlas.schema import Muscle

__all__ = ["CARE_RULES", "DANGER_SITES", "self_care_problems"]

CARE_RULES: dict[str, str] = {
    "MYO017": "a pressure step lacks the anticoagulants_or_bleeding_disorder caution",
    "MYO018": "a self-care step names a danger site (femoral triangle, groin, a pulse or artery, "
    "the front of the neck, the back of the knee, the kidneys, the armpit hollow…)",
    "MYO019": "a step leans on a ball or tool over the ribs or spine without the osteoporosis "
    "caution",
    "MYO021": "a pressure step on the leg lacks the swollen_or_hot_limb caution",
    "MYO022": "a pressure step on the belly or pelvis lacks the pregnancy caution",
}

DANGER_SITES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "femoral triangle or vessels": r"\bfemoral\b",
        "groin": r"\bgroin",
        "a pulse": r"\bpulse",
        "an artery or vein": r"\barter(y|ies|ial)\b|\bveins?\b|\bjugular\b|\baorta",
        "a nerve": r"\bnerves?\b|\bplexus\b|\bfunny bone\b",
        "the front of the neck": r"\bcarotid\b|\bthroat\b|\bwindpipe\b|\bfront of the neck\b"
        r"|\badam's apple\b|\bthyroid\b",
        "above the collarbone": r"\babove the collarbone\b|\bsupraclavicular\b",
        "the back of the knee": r"\bpopliteal\b|\bback of the knee\b|\bbehind the knee\b"
        r"|\bknee hollow\b|\bhollow (of|behind) the knee\b",
        "the kidneys": r"\bkidneys?\b|\brenal\b",
        "the armpit hollow": r"\baxilla|\bhollow of the armpit\b|\binto the armpit\b"
        r"|\bdeep in the armpit\b|\btop of the armpit\b|\barmpit hollow\b",
        "the inner elbow crease": r"\bantecubital\b|\bcrease of the elbow\b",
    }.items()
}
"""Words that mark a place self-care must never press: nerves, vessels and organs lie there."""

_LEANING = re.compile(r"\bballs?\b|\broller\b|\bcane\b|\bstick\b|\btool\b", re.IGNORECASE)
_RIBS_OR_SPINE = re.compile(
    r"\bribs?\b|\bspine\b|\bspinal\b|\bchest\b|\bbreastbone\b|\bshoulder blade\b"
    r"|\b(upper|lower|low|mid|middle) back\b(?! of)|\bside of (the|your) back\b|\bsacrum\b",
    re.IGNORECASE,
)
_LEG = re.compile(r"\bcalf\b|\bcalves\b|\bshin\b|\bthigh\b|\blower leg\b|\bleg\b", re.IGNORECASE)
_BELLY = re.compile(
    r"\bbelly\b|\babdom|\bnavel\b|\bpelvi(s|c)\b|\bpubic\b|\btailbone\b|\bsitting bone\b",
    re.IGNORECASE,
)


def _step_text(*parts: str) -> str:
    return " ".join(" ".join(part.split()) for part in parts)


def self_care_problems(located: Located[Muscle]) -> list[Problem]:
    """MYO017–MYO019, MYO021, MYO022: self-care that cannot hurt."""
    muscle, file = located.record, located.file
    care = muscle.self_care
    out: list[Problem] = []
    steps: list[tuple[str, str, list[str], bool]] = [
        (f"pressure step {n}", _step_text(p.where, p.how, p.tool), list(p.cautions), True)
        for n, p in enumerate(care.pressure_release, start=1)
    ]
    steps += [
        (f"stretch {s.name!r}", _step_text(s.name, s.how), list(s.cautions), False)
        for s in care.stretches
    ]
    for where, text, cautions, pressing in steps:
        label = f"{muscle.id!r} {where}"
        for site, pattern in DANGER_SITES.items():
            if pattern.search(text):
                out.append(Problem("MYO018", f"{label} names a danger site ({site})", file))
        if pressing and "anticoagulants_or_bleeding_disorder" not in cautions:
            out.append(
                Problem(
                    "MYO017", f"{label} lacks the anticoagulants_or_bleeding_disorder caution", file
                )
            )
        leans = _LEANING.search(text) and _RIBS_OR_SPINE.search(text)
        if leans and "osteoporosis" not in cautions:
            out.append(
                Problem(
                    "MYO019",
                    f"{label} leans on a ball or tool over the ribs or spine without the "
                    "osteoporosis caution",
                    file,
                )
            )
        if pressing and _LEG.search(text) and "swollen_or_hot_limb" not in cautions:
            out.append(
                Problem("MYO021", f"{label} presses on the leg without swollen_or_hot_limb", file)
            )
        if pressing and _BELLY.search(text) and "pregnancy" not in cautions:
            out.append(
                Problem("MYO022", f"{label} presses on the belly or pelvis without pregnancy", file)
            )
    return out
