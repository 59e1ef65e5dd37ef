"""The inference engine: pure functions from evidence to a ranked, explained result.

The names below load on first use, so a module that needs only the evidence or result
models (the diary, a report) does not load numpy and the model with them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from myomap.engine.evidence import Evidence, Pain, mirror_evidence, validate_evidence
    from myomap.engine.lookup import lookup
    from myomap.engine.model import Model, compile_model
    from myomap.engine.question import next_question
    from myomap.engine.rank import rank
    from myomap.engine.result import Result
    from myomap.engine.safety import safety_questions
    from myomap.engine.triage import triage

__all__ = [
    "Evidence",
    "Model",
    "Pain",
    "Result",
    "compile_model",
    "lookup",
    "mirror_evidence",
    "next_question",
    "rank",
    "safety_questions",
    "triage",
    "validate_evidence",
]

_HOME = {
    "Evidence": "evidence",
    "Pain": "evidence",
    "mirror_evidence": "evidence",
    "validate_evidence": "evidence",
    "lookup": "lookup",
    "Model": "model",
    "compile_model": "model",
    "next_question": "question",
    "rank": "rank",
    "Result": "result",
    "safety_questions": "safety",
    "triage": "triage",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
