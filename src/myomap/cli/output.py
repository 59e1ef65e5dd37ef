"""What every command that can answer in JSON shares: the ``--json`` flag and its printing."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["JsonFlag", "console", "print_json"]

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def print_json(data: Any) -> None:
    """``data`` as indented JSON on standard output (non-ASCII kept as is)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class _Deferred:
    """A rich ``Console`` made on first use, so ``--help`` and usage errors do not load rich."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return getattr(self._console, name)


def console(*, stderr: bool = False) -> Console:
    """A terminal console for a command module (standard error with ``stderr=True``)."""
    return cast("Console", _Deferred(stderr))
