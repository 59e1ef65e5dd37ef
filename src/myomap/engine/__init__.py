"""The inference engine: pure functions from evidence to a ranked, explained result.

Names load from their modules on first use, so that code needing only the evidence and
result models (the diary, the storage) never imports NumPy and the compiled model.
"""

from typing import TYPE_CHECKING

from myomap.lazy import attributes

if TYPE_CHECKING:
    from myomap.engine.baseline import lookup
    from myomap.engine.evidence import Evidence, Pain, mirror_evidence, validate_evidence
    from myomap.engine.model import Model, compile_model
    from myomap.engine.question import next_question
    from myomap.engine.ranking import rank
    from myomap.engine.result import Result
    from myomap.engine.safety_weighing import safety_questions
    from myomap.engine.urgency import triage

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

__getattr__ = attributes(
    __name__,
    {
        "Evidence": ".evidence",
        "Pain": ".evidence",
        "mirror_evidence": ".evidence",
        "validate_evidence": ".evidence",
        "lookup": ".baseline",
        "Model": ".model",
        "compile_model": ".model",
        "next_question": ".question",
        "rank": ".ranking",
        "Result": ".result",
        "safety_questions": ".safety_weighing",
        "triage": ".urgency",
    },
)
