"""The public surface of the package is small, deliberate, and its examples run."""

from __future__ import annotations

import doctest

import myomap
import myomap.web.app

EXPECTED = {
    "Atlas", "AtlasError", "Evidence", "EvidenceError", "Model", "MyomapError", "NotFound",
    "Pain", "Result", "__version__", "compile_model", "load_atlas", "lookup", "next_question",
    "rank", "triage",
}  # fmt: skip


def test_exports_are_exactly_the_public_surface() -> None:
    assert set(myomap.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(myomap, name), name


def test_docstring_examples_run() -> None:
    for module in (myomap, myomap.web.app):
        failed, tried = doctest.testmod(module, verbose=False)
        assert tried > 0 and failed == 0, module.__name__
