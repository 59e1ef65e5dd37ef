"""Run Python code in a fresh interpreter, for what only a new process shows (which modules
a step loads, how a process ends)."""

from __future__ import annotations

import os
import subprocess
import sys


def fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """``python -c code`` with the suite's environment; output captured as text."""
    return subprocess.run(
        [sys.executable, "-c", code], env=os.environ, capture_output=True, text=True, timeout=120
    )
