"""The command line: ``myomap`` with ``serve`` as the default command. One module per
command group (the typer app is ``myomap.cli.app.app``); ``render`` draws results in the
terminal."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Entry point of the ``myomap`` process; ``--version`` answers before typer loads."""
    if sys.argv[1:] == ["--version"]:
        from myomap import __version__

        sys.stdout.write(f"myomap {__version__}\n")
        return
    from myomap.cli.app import main as run
    from myomap.cli.lifetime import short_lived

    with short_lived():
        run()
