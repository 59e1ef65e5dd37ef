"""Free-text understanding: a description in the person's own words becomes proposals.

>>> from myomap import load_atlas
>>> from myomap.understand import understand, evidence_from
>>> atlas = load_atlas()
>>> u = understand(atlas, "My lower back hurts on the right; lying curled up helps.")
>>> [r.region for r in u.regions], [f.finding for f in u.findings]
(['lumbar_paraspinal_r'], ['relief_lying_curled'])
>>> evidence_from(u, u.item_ids()).answers
{'relief_lying_curled': 'yes'}

Offline and explainable: a rule-based matcher over the atlas lexicon, spaCy's blank
English tokeniser, and ConText-style negation; no model, no network. See
docs/understanding.md.
"""

from typing import TYPE_CHECKING

from myomap.lazy import attributes

if TYPE_CHECKING:
    from myomap.understand.evidence import evidence_as_read, evidence_from, provisional_triage
    from myomap.understand.model import (
        FindingItem,
        RegionItem,
        Span,
        Stated,
        TimeCourse,
        Understanding,
    )
    from myomap.understand.reader import understand

__all__ = [
    "FindingItem",
    "RegionItem",
    "Span",
    "Stated",
    "TimeCourse",
    "Understanding",
    "evidence_as_read",
    "evidence_from",
    "provisional_triage",
    "understand",
]

__getattr__ = attributes(
    __name__,
    {
        "evidence_as_read": ".evidence",
        "evidence_from": ".evidence",
        "provisional_triage": ".evidence",
        "understand": ".reader",
        **dict.fromkeys(
            ("FindingItem", "RegionItem", "Span", "Stated", "TimeCourse", "Understanding"),
            ".model",
        ),
    },
)
"""Loaded on first use: the web app needs the reply's models at start, the matcher and the
lexicon only with the first description."""
