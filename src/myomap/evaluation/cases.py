"""Reading a YAML file of evaluation cases (vignettes, triage cases) into checked models."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from myomap.atlas.raw import SAFE_LOADER
from myomap.errors import EvidenceError

__all__ = ["load_cases"]

Case = TypeVar("Case", bound=BaseModel)


def _words(item: object) -> object:
    """PyYAML reads yes/no as booleans: turn answers back into words."""
    if not isinstance(item, dict):
        return item
    out = dict(item)
    for key in ("answers", "interview"):
        if isinstance(out.get(key), dict):
            out[key] = {
                k: ("yes" if v is True else "no" if v is False else v) for k, v in out[key].items()
            }
    return out


def load_cases(path: Path, model: type[Case], noun: str) -> list[Case]:
    """Every case of ``path`` as ``model``; errors name the case (``noun`` N) and the field."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise EvidenceError(f"Cannot read {noun}s from {path}: {exc}") from exc
    if not isinstance(data, list):
        raise EvidenceError(f"{path} must hold a YAML list of {noun}s.")
    out: list[Case] = []
    for number, item in enumerate(data, start=1):
        try:
            out.append(model.model_validate(_words(item)))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise EvidenceError(f"{path}: {noun} {number}, {where}: {first['msg']}") from exc
    return out
