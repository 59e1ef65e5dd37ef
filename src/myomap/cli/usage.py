"""Running the CLI: every error a person can make ends in one line and an exit code.

A ``MyomapError`` prints its message (exit 2 for bad input, 1 otherwise); a usage error
(an unknown command or option, a missing or invalid argument) prints click's message
and where to read more (exit 2). Nothing a person types ends in a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

from myomap.errors import EvidenceError, MyomapError, NotFound

__all__ = ["print_version", "run", "usage_line"]


def print_version(value: bool) -> None:
    """The ``--version`` option's callback: print the version and stop."""
    if value:
        from myomap import __version__

        sys.stdout.write(f"myomap {__version__}\n")
        raise typer.Exit()


def run(app: typer.Typer, err: Console) -> NoReturn:
    """Run ``app`` on ``sys.argv`` and exit with its code."""
    try:
        code = app(standalone_mode=False)  # returns the code of a typer.Exit, not raises it
    except MyomapError as exc:
        _error(err, exc.message)
        sys.exit(2 if isinstance(exc, EvidenceError | NotFound) else 1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as exc:
        if not isinstance(exc, _usage_errors()):
            raise
        _error(err, usage_line(exc))
        sys.exit(int(getattr(exc, "exit_code", 2)))
    sys.exit(code if isinstance(code, int) else 0)


def usage_line(exc: Exception) -> str:
    """One line: what was wrong, and where to read how to do it."""
    format_message = getattr(exc, "format_message", None)
    text = format_message() if callable(format_message) else str(exc)
    line = " ".join(str(text).split()).rstrip(".") + "."
    where = getattr(getattr(exc, "ctx", None), "command_path", None) or "myomap"
    return f"{line} See `{where} --help`."


def _error(err: Console, message: str) -> None:
    """The message as written: it may quote what the person typed ("[/b]" is no markup)."""
    from rich.markup import escape

    err.print(f"[bold red]error:[/bold red] {escape(message)}", highlight=False, soft_wrap=True)


def _usage_errors() -> tuple[type[Exception], ...]:
    """Click's exception base, as vendored by typer (0.29+) and as the click package."""
    found: list[type[Exception]] = []
    try:
        from typer._click.exceptions import ClickException

        found.append(ClickException)
    except ImportError:
        pass
    try:
        import click

        found.append(click.ClickException)
    except ImportError:
        pass
    return tuple(found)
