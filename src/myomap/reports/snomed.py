"""SNOMED CT body structures for myomap regions, where one could be verified.

Only lateralised structures that contain the region are listed; a SNOMED code is often
broader than the myomap region (all four shoulder regions map to "shoulder region"), which
is why every bodySite also carries myomap's own region code. Regions without a verified
structure carry only the myomap code.

Sources, checked by hand against published FHIR value sets:

- IHE PCC Paramedicine Summary of Care (mPSC) IG, ValueSet
  Extremity.Assessment.Finding.Location.VS, Abdominal.Assessment.Finding.Location.VS and
  Back.Spine.Assessment.Finding.Location.VS (SNOMED CT International, github IHE/PCC.PCS).
- The same IG's ValueSet Physical.Finding.of.Back.and.Spine.TargetSite.VS
  (https://build.fhir.org/ig/IHE/PCC.PCS/) for the lumbar region of back codes.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["SNOMED", "Structure", "snomed_structure"]

SNOMED = "http://snomed.info/sct"


class Structure(NamedTuple):
    code: str
    display: str


_Sides = tuple[Structure, Structure]  # (left, right)


def _pair(left: str, left_display: str, right: str, right_display: str) -> _Sides:
    return Structure(left, left_display), Structure(right, right_display)


SHOULDER = _pair(
    "91775009",
    "Structure of left shoulder region",
    "91774008",
    "Structure of right shoulder region",
)
UPPER_ARM = _pair("368208006", "Left upper arm structure", "368209003", "Right upper arm structure")
ELBOW = _pair(
    "368148009", "Left elbow region structure", "368149001", "Right elbow region structure"
)
FOREARM = _pair("66480008", "Structure of left forearm", "64262003", "Structure of right forearm")
WRIST = _pair(
    "5951000", "Structure of left wrist region", "9736006", "Structure of right wrist region"
)
HIP = _pair("287679003", "Left hip region structure", "287579007", "Right hip region structure")
THIGH = _pair("61396006", "Structure of left thigh", "11207009", "Structure of right thigh")
KNEE = _pair(
    "82169009", "Structure of left knee region", "6757004", "Structure of right knee region"
)
LOWER_LEG = _pair(
    "48979004", "Structure of left lower leg", "32696007", "Structure of right lower leg"
)
ANKLE = _pair("51636004", "Structure of left ankle", "6685009", "Structure of right ankle")

BY_BASE: dict[str, _Sides] = {
    **dict.fromkeys(
        ("shoulder_top", "shoulder_front", "shoulder_lateral", "shoulder_back"), SHOULDER
    ),
    **dict.fromkeys(("arm_anterior", "arm_medial", "arm_posterior"), UPPER_ARM),
    **dict.fromkeys(("elbow_lateral", "elbow_medial", "elbow_posterior"), ELBOW),
    **dict.fromkeys(("forearm_anterior", "forearm_posterior"), FOREARM),
    **dict.fromkeys(("wrist_palmar", "wrist_dorsal"), WRIST),
    "hand_palmar": _pair(
        "789216008",
        "Structure of palm of left hand",
        "789217004",
        "Structure of palm of right hand",
    ),
    "hand_dorsal": _pair(
        "789218009",
        "Structure of dorsum of left hand",
        "789219001",
        "Structure of dorsum of right hand",
    ),
    "thumb": _pair("734143007", "Structure of left thumb", "734144001", "Structure of right thumb"),
    "hip_lateral": HIP,
    **dict.fromkeys(
        (
            "thigh_anterior_upper",
            "thigh_anterior_lower",
            "thigh_medial",
            "thigh_lateral",
            "thigh_posterior",
        ),
        THIGH,
    ),
    **dict.fromkeys(("knee_anterior", "knee_medial", "knee_lateral", "knee_posterior"), KNEE),
    **dict.fromkeys(("shin", "leg_lateral", "calf_upper", "calf_lower"), LOWER_LEG),
    **dict.fromkeys(("ankle_anterior", "ankle_lateral", "ankle_medial"), ANKLE),
    "lumbar_paraspinal": _pair(
        "1017210004",
        "Structure of left lumbar region of back",
        "1017211000",
        "Structure of right lumbar region of back",
    ),
    "abdomen_upper": _pair(
        "86367003",
        "Structure of left upper quadrant of abdomen",
        "50519007",
        "Structure of right upper quadrant of abdomen",
    ),
    "abdomen_lower": _pair(
        "68505006",
        "Structure of left lower quadrant of abdomen",
        "48544008",
        "Structure of right lower quadrant of abdomen",
    ),
}
MIDLINE: dict[str, Structure] = {
    "abdomen_periumbilical": Structure("714637002", "Structure of periumbilical region"),
}


def snomed_structure(region: str) -> Structure | None:
    """The verified SNOMED CT structure for a myomap region id, with its side, if any."""
    if region in MIDLINE:
        return MIDLINE[region]
    base, _, side = region.rpartition("_")
    if side not in ("l", "r") or base not in BY_BASE:
        return None
    left, right = BY_BASE[base]
    return left if side == "l" else right
