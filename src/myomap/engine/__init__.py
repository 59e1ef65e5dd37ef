"""The inference engine: pure functions from evidence to a ranked, explained result."""

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
