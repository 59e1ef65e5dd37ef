"""The command line: ``myomap`` with ``serve`` as the default command. One module per
command group; ``render`` draws results in the terminal."""

from myomap.cli.app import app, main

__all__ = ["app", "main"]
