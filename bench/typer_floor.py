"""The floor of a myomap command: a Typer app that parses the same options and does no work.

It runs as a myomap command does (``myomap.cli.lifetime.short_lived``: the same collector
settings), so the difference to a real command is that command's own work. Typer 0.29 built
a pydantic TypeAdapter for every option at every start (about 80 ms here); myomap requires
Typer < 0.29. ``bench/cli_time.py`` times this app beside the real commands:

    python bench/typer_floor.py assess --pain sacrum:5     # imports NumPy, like `myomap assess`
    python bench/typer_floor.py diary --pain sacrum:5      # SQLAlchemy's ORM, like `diary add`
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import rich.console
import typer

app = typer.Typer(add_completion=False)


@app.command()
def assess(
    pain: Annotated[str | None, typer.Option()] = None,
    yes: Annotated[list[str] | None, typer.Option("--yes")] = None,
    no: Annotated[list[str] | None, typer.Option("--no")] = None,
    unknown: Annotated[list[str] | None, typer.Option("--unknown")] = None,
    age: Annotated[int | None, typer.Option()] = None,
    sex: Annotated[str | None, typer.Option()] = None,
    method: Annotated[str, typer.Option()] = "engine",
    batch: Annotated[Path | None, typer.Option()] = None,
    save: Annotated[bool, typer.Option("--save")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    text: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Parse assess's options, import NumPy, print one line."""
    import numpy

    rich.console.Console().print(f"numpy {numpy.__version__}: {pain}")


@app.command()
def diary(
    pain: Annotated[str | None, typer.Option()] = None,
    overall: Annotated[int | None, typer.Option()] = None,
    note: Annotated[str | None, typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Parse diary add's options, import SQLAlchemy's ORM, print one line."""
    import sqlalchemy.orm

    rich.console.Console().print(f"sqlalchemy {sqlalchemy.__version__}: {pain} {overall}")


if __name__ == "__main__":
    from myomap.cli.lifetime import short_lived

    with short_lived():
        app()
