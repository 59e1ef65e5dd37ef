"""myomap: find which muscles' trigger points may be causing your pain, and what to do.

>>> from myomap import Evidence, compile_model, load_atlas, rank
>>> model = compile_model(load_atlas())
>>> result = rank(model, Evidence.model_validate(
...     {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6},
...               {"region": "thigh_anterior_upper_r", "intensity": 4}],
...      "answers": {"pain_rising_from_sitting": "yes"}}))
>>> result.candidates[0].muscle
'iliopsoas'
"""

from typing import TYPE_CHECKING

from myomap.errors import AtlasError, EvidenceError, MyomapError, NotFound
from myomap.lazy import attributes

if TYPE_CHECKING:
    from myomap.atlas import Atlas, load_atlas
    from myomap.engine import (
        Evidence,
        Model,
        Pain,
        Result,
        compile_model,
        lookup,
        next_question,
        rank,
        triage,
    )

__version__ = "0.1.0"

__all__ = [
    "Atlas",
    "AtlasError",
    "Evidence",
    "EvidenceError",
    "Model",
    "MyomapError",
    "NotFound",
    "Pain",
    "Result",
    "__version__",
    "compile_model",
    "load_atlas",
    "lookup",
    "next_question",
    "rank",
    "triage",
]

__getattr__ = attributes(
    __name__,
    {
        "Atlas": "myomap.atlas",
        "load_atlas": "myomap.atlas",
        **dict.fromkeys(
            ("Evidence", "Model", "Pain", "Result", "compile_model", "lookup", "next_question",
             "rank", "triage"),
            "myomap.engine",
        ),
    },
)  # fmt: skip
"""Loaded on first use, so that ``import myomap`` (and so ``myomap --help``) stays fast."""
