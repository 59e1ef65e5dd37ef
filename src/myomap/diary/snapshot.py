"""The whole diary as one JSON document: export, import, backup and restore.

The format is versioned and strict (unknown keys are errors), so a corrupt or foreign file
is refused before anything is written. Exporting, importing into an empty database and
exporting again gives the same document, byte for byte::

    {"format": "myomap-diary", "version": 1, "entries": [...], "assessments": [...]}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from myomap.diary.assessment import Assessment
from myomap.diary.entry import Entry
from myomap.diary.invalid import as_evidence_error
from myomap.errors import EvidenceError

__all__ = ["FORMAT", "Snapshot", "read_snapshot"]

FORMAT = "myomap-diary"


class Snapshot(BaseModel):
    """Every entry (deleted ones too, so undo survives a restore) and every assessment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["myomap-diary"] = "myomap-diary"
    version: Literal[1] = 1
    entries: list[Entry]
    assessments: list[Assessment]

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def parse_snapshot(text: str, *, source: str = "the file") -> Snapshot:
    """A snapshot from JSON text; EvidenceError naming the first problem otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EvidenceError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "nothing was imported.",
            field="file",
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EvidenceError(
            f'{source} is not a myomap diary export (no "format": "{FORMAT}"); '
            "nothing was imported.",
            field="file",
        )
    try:
        return Snapshot.model_validate(data)
    except ValidationError as exc:
        raise as_evidence_error(exc, where=f"{source} (nothing was imported)") from None


def read_snapshot(path: Path) -> Snapshot:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvidenceError(f"Cannot read {path}: {exc}.", field="file") from None
    return parse_snapshot(text, source=str(path))
